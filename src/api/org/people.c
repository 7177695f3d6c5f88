/* api/org/people.c: people over the API. A list shows only the people the caller
 * may see (authz per person); changing people is for admin. */
#include <stdio.h>

#include "api/api.h"
#include "api/json.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"

const struct field api_person_fields[] = {
	{ "login", F_CODE, 1, 2, 64 },
	{ "name", F_LINE, 1, 1, 200 },
	{ "email", F_EMAIL, 0, 3, 254 },
	{ "unit_id", F_INT, 0, 1, INT64_MAX },
	{ "party", F_LINE, 0, 0, 64 },
	{ NULL, 0, 0, 0, 0 }
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
	const struct field_value	*unit = http_val(req, "unit_id");
	const struct field_value	*email = http_val(req, "email");
	const struct field_value	*party = http_val(req, "party");
	struct person			 p = { 0 }, existing;
	struct unit			 u;
	int64_t				 id;
	char				 loc[64];

	if (!authz_can(ctx, AZ_ORG_MANAGE, 0)) {
		api_forbidden(resp);
		return;
	}
	p.login = http_val(req, "login")->s;
	p.name = http_val(req, "name")->s;
	p.email = email->present && email->s[0] ? email->s : NULL;
	p.party = party->present && party->s[0] ? party->s : NULL;
	p.active = 1;
	if (unit->present) {
		if (org_unit_get(ctx, unit->i, &u) != 0) {
			http_json_error(resp, 400, "invalid_field",
			    _("unit_id: no such unit"), "unit_id");
			return;
		}
		p.unit_id = unit->i;
	}
	if (org_person_by_login(ctx, p.login, &existing) == 0) {
		http_json_error(resp, 409, "conflict",
		    _("login: a person with this login already exists"), "login");
		return;
	}
	if (db_begin(ctx->conn) != DB_OK) {
		api_store_error(resp);
		return;
	}
	if ((id = org_person_create(ctx, &p)) <= 0) {
		db_rollback(ctx->conn);
		if (id == DB_CONSTRAINT)
			http_json_error(resp, 409, "conflict",
			    _("login: a person with this login already exists"), "login");
		else
			api_store_error(resp);
		return;
	}
	if (db_commit(ctx->conn) != DB_OK || org_person_get(ctx, id, &p) != 0) {
		api_store_error(resp);
		return;
	}
	snprintf(loc, sizeof(loc), "/api/v1/people/%lld", (long long)id);
	http_header(resp, "Location", loc);
	http_json(resp, 201, person_with_roles(ctx, &p));
}
