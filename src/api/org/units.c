/* api/org/units.c: the org tree over the API. Reading is for everyone logged in;
 * changing it is for admin: org/ asks authz, this file only translates. */
#include <stdio.h>

#include "api/api.h"
#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org_input.h"
#include "store/store.h"

void
api_units_list(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct unit	*v;
	size_t		 n, i;
	json_t		*a;
	int		 rc;

	if ((rc = org_units_view(ctx, &v, &n)) != 0) {
		if (rc == ORG_ERR_FORBIDDEN)
			api_forbidden(resp);
		else
			api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, api_unit_json(&v[i]));
	http_json(resp, 200, a);
}

void
api_unit_get(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct unit	 u;
	int64_t		 id;
	int		 rc;

	if ((rc = http_param_id(req, 0, &id)) == 0)
		rc = org_unit_view(ctx, id, &u);
	if (rc == ORG_ERR_FORBIDDEN) {
		api_forbidden(resp);
		return;
	}
	if (rc != 0) {
		api_not_found(resp, _("No such unit."));
		return;
	}
	http_json(resp, 200, api_unit_json(&u));
}

/* An org gate's outcome as JSON. 0 when it went well. */
int
api_org_answer(struct http_resp *resp, const struct org_result *r,
    const char *conflict, const char *not_found)
{
	const char	*why;
	char		 msg[240];
	int		 n;

	switch (r->outcome) {
	case ORG_OK:
		return 0;
	case ORG_DENIED:
		if (r->field != NULL && r->why != NULL) {
			n = snprintf(msg, sizeof(msg), "%s: %s", r->field,
			    _(r->why));
			http_json_error(resp, 403, "forbidden", n > 0 &&
			    (size_t)n < sizeof(msg) ? msg : _(r->why), r->field);
		} else
			api_forbidden(resp);
		break;
	case ORG_INVALID:
		why = _(r->why);
		n = snprintf(msg, sizeof(msg), "%s: %s", r->field, why);
		http_json_error(resp, 400, "invalid_field",
		    n > 0 && (size_t)n < sizeof(msg) ? msg : why, r->field);
		break;
	case ORG_CONFLICT:
		http_json_error(resp, 409, "conflict", conflict, r->field);
		break;
	case ORG_NOT_FOUND:
		api_not_found(resp, r->field != NULL ?
		    _("The person does not have this role.") : not_found);
		break;
	default:
		api_store_error(resp);
		break;
	}
	return -1;
}

void
api_unit_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx			*ctx = req->ctx;
	struct org_unit_input		 in;
	struct org_result		 r;
	struct unit			 u;
	char				 loc[64];

	org_unit_read(req->vals, &in);
	org_unit_add(ctx, in.code, in.name, in.parent_id, &r);
	if (api_org_answer(resp, &r,
	    _("code: a unit with this code already exists"),
	    _("No such unit.")) != 0)
		return;
	if (org_unit_get(ctx, r.id, &u) != 0) {
		api_store_error(resp);
		return;
	}
	snprintf(loc, sizeof(loc), "/api/v1/units/%lld", (long long)r.id);
	http_header(resp, "Location", loc);
	http_json(resp, 201, api_unit_json(&u));
}

/* POST /api/v1/units/{id}/close {"into_id": n}: close the unit into
 * another (org_unit_close). 200 with the closed unit, what moved and the
 * role grants that were ended, so that they can be granted again on the
 * receiving unit. */
void
api_unit_close(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct org_closing	 c;
	struct unit		 u;
	json_t			*o, *ended;
	int64_t			 id;
	size_t			 i;

	if (http_param_id(req, 0, &id) != 0) {
		api_not_found(resp, _("No such unit."));
		return;
	}
	org_unit_close(ctx, id, org_close_read(req->vals), &c);
	if (api_org_answer(resp, &c.result, NULL, _("No such unit.")) != 0)
		return;
	if (org_unit_get(ctx, id, &u) != 0) {
		api_store_error(resp);
		return;
	}
	ended = json_array();
	for (i = 0; i < c.nended; i++)
		json_array_append_new(ended, json_pack("{s:I, s:s, s:s}",
		    "person_id", (json_int_t)c.ended[i].person_id,
		    "name", c.ended[i].name, "role", role_name(c.ended[i].role)));
	o = json_pack("{s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I}, s:o}",
	    "unit", api_unit_json(&u), "moved",
	    "units", (json_int_t)c.units, "people", (json_int_t)c.people,
	    "cases", (json_int_t)c.cases, "risks", (json_int_t)c.risks,
	    "documents", (json_int_t)c.documents,
	    "tasks", (json_int_t)c.tasks, "ended_grants", ended);
	http_json(resp, 200, o);
}
