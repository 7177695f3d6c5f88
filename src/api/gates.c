/* gates.c: who may use a route at all, decided before its body is read
 * (struct route's gate). The server runs a route's gate before it
 * validates the declared fields, so that someone who may not act learns
 * nothing from the body check: an anonymous or unauthorised request with
 * an empty or garbage body gets the 401/403/404 the handler would give a
 * valid one, never a 400 that tells the route and the object are there.
 * The decisions are authz's, asked through each module's own answers
 * (deviation_right, whistle_right, mail_right, org_rights_of); the
 * handlers ask again (a gate is the door, not the only lock). */
#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "api/whistle/whistle_api.h"
#include "ctx.h"
#include "deviation/view.h"
#include "i18n/i18n.h"
#include "notify/mail.h"
#include "org/org.h"
#include "whistle/whistle.h"

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

/* /api/v1/units/{id}/close: organisation managers, on a unit of this
 * tenant. */
int
api_gate_unit_manage(struct http_req *req, struct http_resp *resp)
{
	struct unit	u;
	int64_t		id;

	if (api_gate_org_manage(req, resp) != 0)
		return -1;
	if (http_param_id(req, 0, &id) != 0 || org_unit_get(req->ctx, id, &u) != 0) {
		api_not_found(resp, _("No such unit."));
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
	if (!deviation_right(req->ctx, DEV_RIGHT_CONFIGURE)) {
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
	enum dev_sight		sight;
	int64_t			id;

	if (http_param_id(req, 0, &id) != 0 ||
	    deviation_read(req->ctx, id, &d, &sight) != 0 ||
	    sight == DEV_SEES_SAMPLE) {
		/* A measure owner may act on their measure (the handler
		 * decides which actions); anyone else learns nothing, the
		 * auditor who samples closed ones included: sampling is
		 * reading, never acting. */
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
	    !whistle_case_right(req->ctx, id)) {
		api_not_found(resp, _("No such case."));
		return -1;
	}
	return 0;
}

int
api_gate_wb_hold(struct http_req *req, struct http_resp *resp)
{
	int64_t	id, by;

	if (!whistle_right(req->ctx, WB_RIGHT_ROUTING)) {
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
	if (!mail_right(req->ctx, MAIL_RIGHT_ADMIN)) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}
