/* api/org/roles.c: granting and revoking roles over the API (admin only). A scoped
 * role given without unit_id applies to the person's own unit. */
#include "api/api.h"
#include "api/json.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"

const struct field api_role_fields[] = {
	{ "role", F_CODE, 1, 1, 32 },
	{ "unit_id", F_INT, 0, 0, INT64_MAX },
	{ NULL, 0, 0, 0, 0 }
};

/* The person, role and unit the request names, or an answer already sent
 * (returns -1). */
static int
role_target(struct http_req *req, struct http_resp *resp, struct person *p,
    enum role *role, int64_t *unit_id)
{
	struct ctx			*ctx = req->ctx;
	const struct field_value	*unit = http_val(req, "unit_id");
	struct unit			 u;
	int64_t				 id;

	/* Who may is asked by the route's gate (api_gate_roles) and again
	 * by org_role_grant / org_role_revoke (authz_role_*_ok). */
	if (http_param_id(req, 0, &id) != 0 || org_person_get(ctx, id, p) != 0) {
		api_not_found(resp, _("No such person."));
		return -1;
	}
	if (role_parse(http_val(req, "role")->s, role) != 0) {
		http_json_error(resp, 400, "invalid_field",
		    _("role: unknown role"), "role");
		return -1;
	}
	*unit_id = unit->present ? unit->i : 0;
	if (*unit_id == 0 && role_is_scoped(*role))
		*unit_id = p->unit_id;
	if (*unit_id != 0 && org_unit_get(ctx, *unit_id, &u) != 0) {
		http_json_error(resp, 400, "invalid_field",
		    _("unit_id: no such unit"), "unit_id");
		return -1;
	}
	return 0;
}

static void
answer_roles(struct ctx *ctx, struct http_resp *resp, int status, int64_t person_id)
{
	struct roleset rs;

	if (org_roles_of(ctx, person_id, &rs) != 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, status, json_pack("{s:I, s:o}", "person_id",
	    (json_int_t)person_id, "roles", api_roles_json(&rs)));
}

void
api_role_grant(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct person	 p;
	enum role	 role;
	int64_t		 unit_id, id;

	if (role_target(req, resp, &p, &role, &unit_id) != 0)
		return;
	if (db_begin(ctx->conn) != DB_OK) {
		api_store_error(resp);
		return;
	}
	if ((id = org_role_grant(ctx, p.id, role, unit_id)) <= 0) {
		db_rollback(ctx->conn);
		if (id == ORG_ERR_FORBIDDEN)
			http_json_error(resp, 403, "forbidden", _("role: nobody "
			    "may grant themselves a role that receives "
			    "whistleblowing cases; another administrator must"),
			    "role");
		else
			api_store_error(resp);
		return;
	}
	if (db_commit(ctx->conn) != DB_OK) {
		api_store_error(resp);
		return;
	}
	answer_roles(ctx, resp, 201, p.id);
}

void
api_role_revoke(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct person	 p;
	struct roleset	 rs;
	enum role	 role;
	int64_t		 unit_id, aid = 0;
	size_t		 i;
	int		 rc;

	if (role_target(req, resp, &p, &role, &unit_id) != 0)
		return;
	if (org_roles_of(ctx, p.id, &rs) != 0) {
		api_store_error(resp);
		return;
	}
	for (i = 0; i < rs.n; i++)
		if (rs.v[i].role == role && rs.v[i].unit_id == unit_id)
			aid = rs.v[i].id;
	if (aid == 0) {
		api_not_found(resp, _("The person does not have this role."));
		return;
	}
	if (db_begin(ctx->conn) != DB_OK) {
		api_store_error(resp);
		return;
	}
	if ((rc = org_role_revoke(ctx, p.id, aid)) != 0) {
		db_rollback(ctx->conn);
		if (rc == ORG_ERR_FORBIDDEN)
			http_json_error(resp, 403, "forbidden", _("You cannot "
			    "remove your own administrator role. Ask another "
			    "administrator."), "role");
		else
			api_store_error(resp);
		return;
	}
	if (db_commit(ctx->conn) != DB_OK) {
		api_store_error(resp);
		return;
	}
	answer_roles(ctx, resp, 200, p.id);
}
