/* gates.c: who may use a route at all, decided before its body is read
 * (struct route's gate). The server runs a route's gate before it
 * validates the declared fields, so that someone who may not act learns
 * nothing from the body check: an anonymous or unauthorised request with
 * an empty or garbage body gets the 401/403/404 the handler would give a
 * valid one, never a 400 that tells the route and the object are there.
 * The decisions are authz's; the handlers ask again (a gate is the door,
 * not the only lock). */
#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "api/whistle/whistle_api.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org.h"

/* The organisation's doors are org/'s answer (org_rights_of). */
int
api_gate_org_manage(struct http_req *req, struct http_resp *resp)
{
	struct org_rights r;

	org_rights_of(req->ctx, &r);
	if (!r.manage) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}

/* /api/v1/people/{id}/roles: role managers, on a person of this tenant. */
int
api_gate_roles(struct http_req *req, struct http_resp *resp)
{
	struct org_rights r;
	struct person	p;
	int64_t		id;

	org_rights_of(req->ctx, &r);
	if (!r.roles) {
		api_forbidden(resp);
		return -1;
	}
	if (http_param_id(req, 0, &id) != 0 ||
	    org_person_get(req->ctx, id, &p) != 0) {
		api_not_found(resp, _("No such person."));
		return -1;
	}
	return 0;
}

int
api_gate_dev_configure(struct http_req *req, struct http_resp *resp)
{
	if (!authz_can(req->ctx, AZ_DEV_CONFIGURE, 0)) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}

/* /api/v1/categories/{id}: configurers, on a category of this tenant. */
int
api_gate_category(struct http_req *req, struct http_resp *resp)
{
	struct category	c;
	int64_t		id;

	if (api_gate_dev_configure(req, resp) != 0)
		return -1;
	if (http_param_id(req, 0, &id) != 0 ||
	    dev_category_get(req->ctx, id, &c) != 0) {
		api_not_found(resp, _("No such category."));
		return -1;
	}
	return 0;
}

/* /api/v1/deviations/{id}/...: those who may see the deviation; for
 * everyone else it does not exist. */
int
api_gate_deviation(struct http_req *req, struct http_resp *resp)
{
	struct deviation	d;
	int64_t			id;

	if (http_param_id(req, 0, &id) != 0 ||
	    deviation_get(req->ctx, id, &d) != 0 ||
	    (!authz_dev_can(req->ctx, AZ_DEV_VIEW, &d) &&
	    !authz_dev_can(req->ctx, AZ_DEV_MEASURE, &d))) {
		/* A measure owner may act on their measure (the handler
		 * decides which actions); anyone else learns nothing. */
		api_not_found(resp, _("No such deviation."));
		return -1;
	}
	return 0;
}

/* /api/v1/whistle/cases/{id}/...: its current handlers only. */
int
api_gate_wb_case(struct http_req *req, struct http_resp *resp)
{
	int64_t id;

	if (http_param_id(req, 0, &id) != 0 ||
	    !authz_wb_can(req->ctx, AZ_WB_HANDLE, id)) {
		api_not_found(resp, _("No such case."));
		return -1;
	}
	return 0;
}

int
api_gate_wb_hold(struct http_req *req, struct http_resp *resp)
{
	int64_t	id, by;

	if (!authz_can(req->ctx, AZ_WB_ROUTING, 0)) {
		api_forbidden(resp);
		return -1;
	}
	if (http_param_id(req, 0, &id) != 0 ||
	    org_wb_hold_by(req->ctx, id, &by) != 1) {
		api_not_found(resp, _("This person is not on hold."));
		return -1;
	}
	return 0;
}

/* /api/v1/mail/retry: the administrator (notify/mail.h asks again). */
int
api_gate_mail_admin(struct http_req *req, struct http_resp *resp)
{
	if (!authz_can(req->ctx, AZ_MAIL_ADMIN, 0)) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}
