/* api/deviation/categories.c: deviation categories and their deadlines over the API.
 * Everyone logged in reads the active ones (a reporter picks from them);
 * quality and admin (DEV_RIGHT_CONFIGURE) also see inactive ones and change
 * them. One field table serves POST and PATCH, so nothing is required by
 * the table: create checks code and name itself. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"

/* Positions in api_category_fields (and so in http_req.vals). */
enum category_field { CF_CODE, CF_NAME, CF_DESCRIPTION, CF_ACK_HOURS,
	CF_CLOSE_DAYS, CF_LEGAL, CF_ACTIVE, CF_SORT, CF_SAFETY_REP, CF_MAX };
const struct field api_category_fields[] = {
	[CF_CODE]	= { "code", F_CODE, 0, 1, 32 },
	[CF_NAME]	= { "name", F_LINE, 0, 1, 200 },
	[CF_DESCRIPTION] = { "description", F_TEXT, 0, 0, 2000 },
	[CF_ACK_HOURS]	= { "ack_hours", F_INT, 0, 1, 24 * 365 },
	[CF_CLOSE_DAYS]	= { "close_days", F_INT, 0, 1, 3650 },
	[CF_LEGAL]	= { "legal", F_CODE, 0, 0, 32 },
	[CF_ACTIVE]	= { "active", F_BOOL, 0, 0, 1 },
	[CF_SORT]	= { "sort", F_INT, 0, 0, 100000 },
	[CF_SAFETY_REP]	= { "safety_rep", F_BOOL, 0, 0, 1 },
	[CF_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* legal_kinds as a JSON array of kind codes, or null (every kind). */
static json_t *
kinds_json(const char *kinds)
{
	json_t	*a;
	size_t	 n;

	if (kinds == NULL || *kinds == '\0')
		return json_null();
	a = json_array();
	while (*kinds != '\0') {
		n = strcspn(kinds, ",");
		json_array_append_new(a, json_stringn(kinds, n));
		kinds += n;
		if (*kinds == ',')
			kinds++;
	}
	return a;
}

static json_t *
category_json(const struct category *c)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:i, s:i, s:o, s:o, s:b, s:i,"
	    " s:b}",
	    "id", (json_int_t)c->id, "code", c->code, "name", c->name,
	    "description", c->description ? json_string(c->description) : json_null(),
	    "ack_hours", c->ack_hours, "close_days", c->close_days,
	    "legal", c->legal ? json_string(c->legal) : json_null(),
	    "legal_kinds", kinds_json(c->legal_kinds),
	    "active", c->active, "sort", c->sort, "safety_rep", c->safety_rep);
}

static void
invalid(struct http_resp *resp, const char *field, const char *why)
{
	char	msg[300];
	int	n;

	n = snprintf(msg, sizeof(msg), "%s: %s", field, why);
	http_json_error(resp, 400, "invalid_field",
	    n > 0 && (size_t)n < sizeof(msg) ? msg : why, field);
}

void
api_categories_list(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct category	*v;
	size_t		 n, i;
	json_t		*a;

	if (dev_category_list(ctx, deviation_right(ctx, DEV_RIGHT_CONFIGURE), &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, category_json(&v[i]));
	http_json(resp, 200, a);
}

/* Whether the JSON body sets key to null or "" (the declared-field
 * validator reads both as "absent"; for legal they mean "no legal clock"). */
static int
body_clears(const struct http_req *req, const char *key)
{
	json_t	*root, *v;
	int	 r = 0;

	if (req->body == NULL || req->body_len == 0 ||
	    (root = json_loads(req->body, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return 0;
	v = json_object_get(root, key);
	if (v != NULL && (json_is_null(v) ||
	    (json_is_string(v) && json_string_length(v) == 0)))
		r = 1;
	json_decref(root);
	return r;
}

/* "legal_kinds" of the JSON body: absent (c unchanged), null (every kind)
 * or a non-empty array of unit kinds (org_unit_kinds), kept in that list's
 * order. 0, or -1 after answering 400 naming the field. The declared-field
 * table has no arrays, so the body is read here. */
static int
apply_kinds(struct http_req *req, struct http_resp *resp, struct category *c)
{
	json_t		*root, *v, *e;
	struct buf	 b;
	size_t		 i, j;
	int		 rc = 0, seen;

	if (req->body == NULL || req->body_len == 0 ||
	    (root = json_loads(req->body, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return 0;
	if ((v = json_object_get(root, "legal_kinds")) == NULL)
		goto out;
	if (json_is_null(v)) {
		c->legal_kinds = NULL;
		goto out;
	}
	rc = -1;
	if (!json_is_array(v) || json_array_size(v) == 0)
		goto bad;
	json_array_foreach(v, i, e)
		if (!json_is_string(e) || !org_unit_kind_valid(json_string_value(e)))
			goto bad;
	buf_init(&b, 64);
	for (j = 0; org_unit_kinds[j] != NULL; j++) {
		seen = 0;
		json_array_foreach(v, i, e)
			seen += strcmp(json_string_value(e), org_unit_kinds[j]) == 0;
		if (seen > 1) {
			buf_free(&b);
			goto bad;
		}
		if (seen)
			buf_printf(&b, "%s%s", buf_cstr(&b)[0] ? "," : "",
			    org_unit_kinds[j]);
	}
	c->legal_kinds = buf_failed(&b) ? NULL :
	    arena_strdup(req->ctx->arena, buf_cstr(&b));
	buf_free(&b);
	if (c->legal_kinds == NULL)
		api_store_error(resp);
	else
		rc = 0;
	goto out;
bad:
	invalid(resp, "legal_kinds",
	    _("must be null (every kind) or a list of school, kindergarten, health_care and other, each once"));
out:
	json_decref(root);
	return rc;
}

/* Copy the fields present in the request over c. 0, or -1 after answering
 * 400. */
static int
apply_fields(struct http_req *req, struct http_resp *resp, struct category *c)
{
	const struct field_value *v;

	if ((v = &req->vals[CF_CODE])->present)
		c->code = v->s;
	if ((v = &req->vals[CF_NAME])->present)
		c->name = v->s;
	if ((v = &req->vals[CF_DESCRIPTION])->present)
		c->description = v->s;
	else if (body_clears(req, "description"))
		c->description = NULL;
	if ((v = &req->vals[CF_ACK_HOURS])->present)
		c->ack_hours = (int)v->i;
	if ((v = &req->vals[CF_CLOSE_DAYS])->present)
		c->close_days = (int)v->i;
	if ((v = &req->vals[CF_ACTIVE])->present)
		c->active = (int)v->i;
	if ((v = &req->vals[CF_SORT])->present)
		c->sort = (int)v->i;
	if ((v = &req->vals[CF_SAFETY_REP])->present)
		c->safety_rep = (int)v->i;
	if ((v = &req->vals[CF_LEGAL])->present) {
		if (strcmp(v->s, "gdpr33") != 0 && strcmp(v->s, "aml52") != 0 &&
		    strcmp(v->s, "helsetilsyn") != 0) {
			invalid(resp, "legal",
			    _("must be gdpr33, aml52, helsetilsyn or null"));
			return -1;
		}
		c->legal = v->s;
	} else if (body_clears(req, "legal"))
		c->legal = NULL;
	return apply_kinds(req, resp, c);
}

static void
save_and_answer(struct http_req *req, struct http_resp *resp,
    const struct category *c, int status)
{
	struct ctx	*ctx = req->ctx;
	struct category	 out;
	int64_t		 id;
	char		 loc[64];

	if ((id = dev_category_save(ctx, c)) <= 0) {
		if (id == DB_CONSTRAINT)
			http_json_error(resp, 409, "conflict",
			    _("code: a category with this code already exists"), "code");
		else
			api_dev_error(resp, (int)id, NULL);
		return;
	}
	if (dev_category_get(ctx, id, &out) != 0) {
		api_store_error(resp);
		return;
	}
	if (status == 201) {
		snprintf(loc, sizeof(loc), "/api/v1/categories/%lld", (long long)id);
		http_header(resp, "Location", loc);
	}
	http_json(resp, status, category_json(&out));
}

void
api_category_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct category	 c = { 0 }, existing;

	if (!deviation_right(ctx, DEV_RIGHT_CONFIGURE)) {
		api_forbidden(resp);
		return;
	}
	/* The schema's defaults, so that a category made with only code and
	 * name has deadlines. */
	c.ack_hours = 48;
	c.close_days = 30;
	c.active = 1;
	if (apply_fields(req, resp, &c) != 0)
		return;
	if (c.code == NULL) {
		invalid(resp, "code", _("is required"));
		return;
	}
	if (c.name == NULL) {
		invalid(resp, "name", _("is required"));
		return;
	}
	if (dev_category_by_code(ctx, c.code, &existing) == 0) {
		http_json_error(resp, 409, "conflict",
		    _("code: a category with this code already exists"), "code");
		return;
	}
	save_and_answer(req, resp, &c, 201);
}

void
api_category_update(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct category	 c, other;
	int64_t		 id;

	if (!deviation_right(ctx, DEV_RIGHT_CONFIGURE)) {
		api_forbidden(resp);
		return;
	}
	if (http_param_id(req, 0, &id) != 0 || dev_category_get(ctx, id, &c) != 0) {
		api_not_found(resp, _("No such category."));
		return;
	}
	if (apply_fields(req, resp, &c) != 0)
		return;
	if (dev_category_by_code(ctx, c.code, &other) == 0 && other.id != c.id) {
		http_json_error(resp, 409, "conflict",
		    _("code: a category with this code already exists"), "code");
		return;
	}
	save_and_answer(req, resp, &c, 200);
}
