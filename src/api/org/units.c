/* api/org/units.c: the org tree over the API. Reading is for everyone logged in;
 * changing it is for admin (authz decides). */
#include <stdio.h>

#include "api/api.h"
#include "api/json.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"

const struct field api_unit_fields[] = {
	{ "code", F_CODE, 1, 1, 32 },
	{ "name", F_LINE, 1, 1, 200 },
	{ "parent_id", F_INT, 0, 1, INT64_MAX },
	{ NULL, 0, 0, 0, 0 }
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

void
api_unit_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx			*ctx = req->ctx;
	const struct field_value	*parent = http_val(req, "parent_id");
	const char			*code = http_val(req, "code")->s;
	struct unit			 u;
	int64_t				 pid = 0, id;
	char				 loc[64];

	if (!authz_can(ctx, AZ_ORG_MANAGE, 0)) {
		api_forbidden(resp);
		return;
	}
	if (parent != NULL && parent->present) {
		pid = parent->i;
		if (org_unit_get(ctx, pid, &u) != 0) {
			http_json_error(resp, 400, "invalid_field",
			    _("parent_id: no such unit"), "parent_id");
			return;
		}
	}
	if (org_unit_by_code(ctx, code, &u) == 0) {
		http_json_error(resp, 409, "conflict",
		    _("code: a unit with this code already exists"), "code");
		return;
	}
	if (db_begin(ctx->conn) != DB_OK) {
		api_store_error(resp);
		return;
	}
	id = org_unit_create(ctx, code, http_val(req, "name")->s, pid);
	if (id <= 0) {
		db_rollback(ctx->conn);
		if (id == DB_CONSTRAINT)
			http_json_error(resp, 409, "conflict",
			    _("code: a unit with this code already exists"), "code");
		else
			api_store_error(resp);
		return;
	}
	if (db_commit(ctx->conn) != DB_OK || org_unit_get(ctx, id, &u) != 0) {
		api_store_error(resp);
		return;
	}
	snprintf(loc, sizeof(loc), "/api/v1/units/%lld", (long long)id);
	http_header(resp, "Location", loc);
	http_json(resp, 201, api_unit_json(&u));
}
