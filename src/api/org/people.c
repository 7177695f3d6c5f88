/* api/org/people.c: people over the API. A list shows only the people the caller
 * may see (authz per person); changing people is for admin. */
#include <stdio.h>

#include "api/api.h"
#include "api/json.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"

/* Positions in api_person_fields (and so in http_req.vals). */
enum person_field { PF_LOGIN, PF_NAME, PF_EMAIL, PF_UNIT_ID, PF_PARTY, PF_MAX };

const struct field api_person_fields[] = {
	[PF_LOGIN]	= { "login", F_CODE, 1, 2, 64 },
	[PF_NAME]	= { "name", F_LINE, 1, 1, 200 },
	[PF_EMAIL]	= { "email", F_EMAIL, 0, 3, 254 },
	[PF_UNIT_ID]	= { "unit_id", F_INT, 0, 1, INT64_MAX },
	[PF_PARTY]	= { "party", F_LINE, 0, 0, 64 },
	[PF_MAX]	= { NULL, 0, 0, 0, 0 }
};

static json_t *
person_with_roles(struct ctx *ctx, const struct person *p)
{
	struct roleset	 rs;
	json_t		*o = api_person_json(p);

	if (org_roles_of(ctx, p->id, &rs) == 0)
		json_object_set_new(o, "roles", api_roles_json(&rs));
	return o;
}

void
api_people_list(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct person	*v;
	size_t		 n, i;
	json_t		*a;

	if (org_person_list(ctx, &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		if (authz_can(ctx, AZ_PERSON_VIEW, v[i].unit_id))
			json_array_append_new(a, api_person_json(&v[i]));
	http_json(resp, 200, a);
}

void
api_person_get(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct person	 p;
	int64_t		 id;

	if (http_param_id(req, 0, &id) != 0 || org_person_get(ctx, id, &p) != 0) {
		api_not_found(resp, _("No such person."));
		return;
	}
	/* Someone who may not see the person learns nothing more than from a
	 * missing one, inside the tenant as across tenants. */
	if (!authz_can(ctx, AZ_PERSON_VIEW, p.unit_id) && ctx->user->id != p.id) {
		api_not_found(resp, _("No such person."));
		return;
	}
	http_json(resp, 200, person_with_roles(ctx, &p));
}

void
api_person_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx			*ctx = req->ctx;
	const struct field_value	*v = req->vals;
	struct person			 p = { 0 };
	struct org_result		 r;
	char				 loc[64];

	p.login = v[PF_LOGIN].s;
	p.name = v[PF_NAME].s;
	p.email = v[PF_EMAIL].present && v[PF_EMAIL].s[0] ? v[PF_EMAIL].s : NULL;
	p.party = v[PF_PARTY].present && v[PF_PARTY].s[0] ? v[PF_PARTY].s : NULL;
	p.unit_id = v[PF_UNIT_ID].present ? v[PF_UNIT_ID].i : 0;
	p.active = 1;
	org_person_add(ctx, &p, &r);
	if (api_org_answer(resp, &r,
	    _("login: a person with this login already exists")) != 0)
		return;
	if (org_person_get(ctx, r.id, &p) != 0) {
		api_store_error(resp);
		return;
	}
	snprintf(loc, sizeof(loc), "/api/v1/people/%lld", (long long)r.id);
	http_header(resp, "Location", loc);
	http_json(resp, 201, person_with_roles(ctx, &p));
}
