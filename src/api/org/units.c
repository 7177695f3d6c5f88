/* api/org/units.c: the org tree over the API. Reading is for everyone logged in;
 * changing it is for admin (authz decides). */
#include <stdio.h>

#include "api/api.h"
#include "api/json.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"

/* Positions in api_unit_fields (and so in http_req.vals). */
enum unit_field { UF_CODE, UF_NAME, UF_PARENT_ID, UF_MAX };

const struct field api_unit_fields[] = {
	[UF_CODE]	= { "code", F_CODE, 1, 1, 32 },
	[UF_NAME]	= { "name", F_LINE, 1, 1, 200 },
	[UF_PARENT_ID]	= { "parent_id", F_INT, 0, 1, INT64_MAX },
	[UF_MAX]	= { NULL, 0, 0, 0, 0 }
};

void
api_units_list(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct unit	*v;
	size_t		 n, i;
	json_t		*a;

	if (!authz_can(ctx, AZ_ORG_VIEW, 0)) {
		api_forbidden(resp);
		return;
	}
	if (org_unit_list(ctx, &v, &n) != 0) {
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

	if (!authz_can(ctx, AZ_ORG_VIEW, 0)) {
		api_forbidden(resp);
		return;
	}
	if (http_param_id(req, 0, &id) != 0 || org_unit_get(ctx, id, &u) != 0) {
		api_not_found(resp, _("No such unit."));
		return;
	}
	http_json(resp, 200, api_unit_json(&u));
}

/* An org gate's outcome as JSON. 0 when it went well. */
int
api_org_answer(struct http_resp *resp, const struct org_result *r,
    const char *conflict)
{
	const char	*why;
	char		 msg[160];
	int		 n;

	switch (r->outcome) {
	case ORG_OK:
		return 0;
	case ORG_DENIED:
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
	const struct field_value	*v = req->vals;
	struct org_result		 r;
	struct unit			 u;
	char				 loc[64];

	org_unit_add(ctx, v[UF_CODE].s, v[UF_NAME].s,
	    v[UF_PARENT_ID].present ? v[UF_PARENT_ID].i : 0, &r);
	if (api_org_answer(resp, &r,
	    _("code: a unit with this code already exists")) != 0)
		return;
	if (org_unit_get(ctx, r.id, &u) != 0) {
		api_store_error(resp);
		return;
	}
	snprintf(loc, sizeof(loc), "/api/v1/units/%lld", (long long)r.id);
	http_header(resp, "Location", loc);
	http_json(resp, 201, api_unit_json(&u));
}
