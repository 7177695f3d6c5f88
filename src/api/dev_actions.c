/* dev_actions.c: handling a deviation over the API, one action per
 * request (POST /api/v1/deviations/{id}/actions). The answers keep three
 * cases apart: not visible -> 404, visible but not yours to do -> 403,
 * yours but not in this state -> 409. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/dev_api.h"
#include "api/json.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n.h"

const struct field api_dev_action_fields[] = {
	{ "action", F_CODE, 1, 1, 32 },
	{ "reason", F_TEXT, 0, 0, 4000 },
	{ "unit_id", F_INT, 0, 1, INT64_MAX },
	{ "category", F_CODE, 0, 1, 64 },
	{ "kind", F_CODE, 0, 1, 32 },
	{ "severity", F_INT, 0, 1, 4 },
	{ "cause", F_TEXT, 0, 0, 10000 },
	{ "consequence", F_TEXT, 0, 0, 10000 },
	{ "measure", F_TEXT, 0, 1, 4000 },
	{ "responsible_login", F_CODE, 0, 1, 64 },
	{ "due_at", F_LINE, 0, 1, 64 },
	{ "measure_id", F_INT, 0, 1, INT64_MAX },
	{ "summary", F_TEXT, 0, 0, 10000 },
	{ "text", F_TEXT, 0, 0, 10000 },
	{ "title", F_LINE, 0, 1, 200 },
	{ "description", F_TEXT, 0, 1, 10000 },
	{ NULL, 0, 0, 0, 0 }
};

static void
invalid(struct http_resp *resp, const char *field, const char *why)
{
	char	msg[300];
	int	n;

	n = snprintf(msg, sizeof(msg), "%s: %s", field, why);
	http_json_error(resp, 400, "invalid_field",
	    n > 0 && (size_t)n < sizeof(msg) ? msg : why, field);
}

/* Text of a declared field, NULL when absent. */
static const char *
text(struct http_req *req, const char *name)
{
	const struct field_value *v = http_val(req, name);

	return v != NULL && v->present ? v->s : NULL;
}

/* Fields each action cannot do without, so that a missing one is named
 * before the module is asked (its own check stays the last word). */
static const char *
missing_field(const struct dev_action_input *in)
{
	switch (in->action) {
	case DA_TRANSFER:
		if (in->unit_id <= 0)
			return "unit_id";
		return in->reason == NULL ? "reason" : NULL;
	case DA_RETURN:
	case DA_REOPEN:
		return in->reason == NULL ? "reason" : NULL;
	case DA_CLASSIFY:
		return in->category == NULL && in->kind < 0 && in->severity == 0 ?
		    "category" : NULL;
	case DA_ANALYSE:
		return in->cause == NULL && in->consequence == NULL ? "cause" : NULL;
	case DA_ADD_MEASURE:
		return in->measure == NULL ? "measure" : NULL;
	case DA_COMPLETE_MEASURE:
		return in->measure_id <= 0 ? "measure_id" : NULL;
	case DA_CLOSE:
		return in->summary == NULL ? "summary" : NULL;
	case DA_COMMENT:
		return in->text == NULL ? "text" : NULL;
	default:
		return NULL;
	}
}

void
api_deviation_action(struct http_req *req, struct http_resp *resp)
{
	struct ctx			*ctx = req->ctx;
	const struct field_value	*v;
	struct dev_action_input		 in;
	struct deviation		 d;
	struct category			 cat;
	struct unit			 u;
	struct person			 p;
	struct measure			 m;
	enum dev_kind			 k;
	const char			*err_field = NULL, *miss;
	int64_t				 id;
	json_t				*o;
	int				 rc, allowed;

	if (http_param_id(req, 0, &id) != 0 || deviation_get(ctx, id, &d) != 0 ||
	    (!authz_dev_can(ctx, AZ_DEV_VIEW, &d) &&
	    !authz_dev_can(ctx, AZ_DEV_MEASURE, &d))) {
		api_not_found(resp, _("No such deviation."));
		return;
	}
	memset(&in, 0, sizeof(in));
	in.kind = -1;
	if (dev_action_parse(http_val(req, "action")->s, &in.action) != 0) {
		invalid(resp, "action", _("is not a known action"));
		return;
	}
	if (in.action == DA_COMPLETE_MEASURE) {
		/* A handler, or the measure's own responsible person. */
		v = http_val(req, "measure_id");
		rc = deviation_measure_get(ctx, d.id, v->present ? v->i : 0, &m);
		if (rc != 0 && rc != DEV_ERR_NOTFOUND) {
			api_store_error(resp);
			return;
		}
		allowed = rc == 0 ? authz_measure_can(ctx, &d, &m) :
		    authz_dev_can(ctx, AZ_DEV_HANDLE, &d);
	} else
		allowed = in.action == DA_RESUBMIT ?
		    authz_dev_can(ctx, AZ_DEV_RESUBMIT, &d) :
		    authz_dev_can(ctx, AZ_DEV_HANDLE, &d);
	if (!allowed) {
		api_forbidden(resp);
		return;
	}

	in.reason = text(req, "reason");
	in.cause = text(req, "cause");
	in.consequence = text(req, "consequence");
	in.measure = text(req, "measure");
	in.summary = text(req, "summary");
	in.text = text(req, "text");
	in.title = text(req, "title");
	in.description = text(req, "description");
	if ((v = http_val(req, "unit_id"))->present) {
		if (org_unit_get(ctx, v->i, &u) != 0) {
			invalid(resp, "unit_id", _("no such unit"));
			return;
		}
		in.unit_id = v->i;
	}
	if ((in.category = text(req, "category")) != NULL &&
	    (dev_category_by_code(ctx, in.category, &cat) != 0 || !cat.active)) {
		invalid(resp, "category", _("no such category"));
		return;
	}
	if ((v = http_val(req, "kind"))->present) {
		if (dev_kind_parse(v->s, &k) != 0) {
			invalid(resp, "kind", _("must be deviation or improvement"));
			return;
		}
		in.kind = (int)k;
	}
	if ((v = http_val(req, "severity"))->present)
		in.severity = (int)v->i;
	if ((in.responsible_login = text(req, "responsible_login")) != NULL &&
	    org_person_by_login(ctx, in.responsible_login, &p) != 0) {
		invalid(resp, "responsible_login", _("no such person"));
		return;
	}
	if ((v = http_val(req, "due_at"))->present &&
	    api_bound_parse(v->s, 1, &in.due_at) != 0) {
		invalid(resp, "due_at", _("must be a date (YYYY-MM-DD) or an "
		    "RFC 3339 time"));
		return;
	}
	if ((v = http_val(req, "measure_id"))->present)
		in.measure_id = v->i;
	if ((miss = missing_field(&in)) != NULL) {
		invalid(resp, miss, _("is required for this action"));
		return;
	}

	if ((rc = deviation_act(ctx, id, &in, &err_field)) != 0) {
		api_dev_error(resp, rc, err_field);
		return;
	}
	if (deviation_get(ctx, id, &d) != 0) {
		api_store_error(resp);
		return;
	}
	/* After a transfer the actor may no longer see the deviation; they
	 * still get what a reporter would see of the result of their act. */
	o = authz_dev_can(ctx, AZ_DEV_VIEW, &d) ?
	    api_dev_json_detail(ctx, &d, api_dev_full_view(ctx, &d)) :
	    authz_dev_can(ctx, AZ_DEV_MEASURE, &d) ?
	    api_dev_json_owner(ctx, &d) : api_dev_json(&d, 0);
	if (o == NULL) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, o);
}
