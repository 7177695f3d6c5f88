/* api/org/people.c: people over the API. A list shows only the people the caller
 * may see; changing people is for admin. org/ asks authz; this file only
 * translates. */
#include <stdio.h>

#include "api/api.h"
#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org_input.h"
#include "store/store.h"

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

	if (org_people_view(ctx, &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, api_person_json(&v[i]));
	http_json(resp, 200, a);
}

void
api_person_get(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct person	 p;
	int64_t		 id;

	if (http_param_id(req, 0, &id) != 0 || org_person_view(ctx, id, &p) != 0) {
		api_not_found(resp, _("No such person."));
		return;
	}
	http_json(resp, 200, person_with_roles(ctx, &p));
}

void
api_person_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx			*ctx = req->ctx;
	struct person			 p;
	struct org_result		 r;
	char				 loc[64];

	org_person_read(req->vals, &p);
	p.active = 1;
	org_person_add(ctx, &p, &r);
	if (api_org_answer(resp, &r,
	    _("login: a person with this login already exists"),
	    _("No such person.")) != 0)
		return;
	if (org_person_get(ctx, r.id, &p) != 0) {
		api_store_error(resp);
		return;
	}
	snprintf(loc, sizeof(loc), "/api/v1/people/%lld", (long long)r.id);
	http_header(resp, "Location", loc);
	http_json(resp, 201, person_with_roles(ctx, &p));
}
