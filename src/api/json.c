#include "api/json.h"

#include <stdio.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "util/date.h"

static json_t *
id_or_null(int64_t id)
{
	return id > 0 ? json_integer(id) : json_null();
}

json_t *
api_unit_json(const struct unit *u)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o}",
	    "id", (json_int_t)u->id, "code", u->code, "name", u->name,
	    "parent_id", id_or_null(u->parent_id),
	    "kind", api_str_json(u->kind),
	    "closed_at", u->closed_at != 0 ? api_time_json(u->closed_at) :
	    json_null(), "closed_into", id_or_null(u->closed_into));
}

json_t *
api_person_json(const struct person *p)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:b}",
	    "id", (json_int_t)p->id, "login", p->login, "name", p->name,
	    "email", api_str_json(p->email), "unit_id", id_or_null(p->unit_id),
	    "party", api_str_json(p->party), "active", p->active);
}

json_t *
api_roles_json(const struct roleset *rs)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < rs->n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:o}",
		    "id", (json_int_t)rs->v[i].id,
		    "role", role_name(rs->v[i].role),
		    "unit_id", id_or_null(rs->v[i].unit_id)));
	return a;
}

void
api_forbidden(struct http_resp *resp)
{
	http_json_error(resp, 403, "forbidden",
	    _("You do not have access to do this."), NULL);
}

void
api_not_found(struct http_resp *resp, const char *what)
{
	http_json_error(resp, 404, "not_found", what, NULL);
}

void
api_store_error(struct http_resp *resp)
{
	http_json_error(resp, 500, "store_error",
	    _("The change could not be saved. Nothing was changed."), NULL);
}

void
api_invalid_field(struct http_resp *resp, const char *field, const char *why)
{
	const char	*w = _(why);
	char		 msg[600];
	int		 n;

	n = snprintf(msg, sizeof(msg), "%s: %s", field, w);
	http_json_error(resp, 400, "invalid_field",
	    n > 0 && (size_t)n < sizeof(msg) ? msg : w, field);
}

json_t *
api_time_json(int64_t t)
{
	char s[DATE_RFC3339_MAX];

	if (t == 0)
		return json_null();
	date_rfc3339(t, s);
	return json_string(s);
}

json_t *
api_str_json(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}
