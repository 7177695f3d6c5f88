/* api/org/roles.c: granting and revoking roles over the API (admin only). A scoped
 * role given without unit_id applies to the person's own unit. org/
 * (org_role_add, org_role_remove) asks authz and checks the input; this
 * file only translates. */
#include "api/api.h"
#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org_input.h"
#include "store/store.h"

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

/* grant 1: POST, else DELETE. */
static void
role_change(struct http_req *req, struct http_resp *resp, int grant)
{
	struct ctx		*ctx = req->ctx;
	struct org_role_input	 in;
	struct org_result	 r;
	int64_t			 id;

	if (http_param_id(req, 0, &id) != 0) {
		api_not_found(resp, _("No such person."));
		return;
	}
	org_role_read(req->vals, &in);
	if (grant)
		org_role_add(ctx, id, &in, &r);
	else
		org_role_remove(ctx, id, 0, &in, &r);
	if (api_org_answer(resp, &r, NULL, _("No such person.")) != 0)
		return;
	answer_roles(ctx, resp, grant ? 201 : 200, id);
}

void
api_role_grant(struct http_req *req, struct http_resp *resp)
{
	role_change(req, resp, 1);
}

void
api_role_revoke(struct http_req *req, struct http_resp *resp)
{
	role_change(req, resp, 0);
}
