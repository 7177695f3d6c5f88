/* me.c: GET /api/v1/me, who the token or session belongs to. */
#include "api/api.h"
#include "api/json.h"
#include "ctx.h"

void
api_me(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	json_t		*o;

	o = api_person_json(ctx->user);
	json_object_set_new(o, "roles", api_roles_json(&ctx->roles));
	json_object_set_new(o, "tenant", json_pack("{s:I, s:s?}",
	    "id", (json_int_t)ctx->tenant_id, "name", ctx->tenant_name));
	json_object_set_new(o, "lang", json_string(ctx->lang ? ctx->lang : "nb"));
	http_json(resp, 200, o);
}
