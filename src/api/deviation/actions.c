/* api/deviation/actions.c: handling a deviation over the API, one action per
 * request (POST /api/v1/deviations/{id}/actions). A translation only: the
 * body's fields are declared once in deviation/dev_input.h, and
 * deviation_do decides every answer (not visible -> 404, visible but not
 * yours to do -> 403, a field -> 400 naming it, not in this state -> 409). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "deviation/dev_input.h"
#include "i18n/i18n.h"

/* The API's dates: YYYY-MM-DD (the end of that day) or RFC 3339. */
static int
due_parse(const char *s, int64_t *out)
{
	return api_bound_parse(s, 1, out);
}

static const struct dev_date_format api_due = {
	due_parse, N_("must be a date (YYYY-MM-DD) or an RFC 3339 time")
};

void
api_deviation_action(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct dev_action_input	 in;
	struct dev_result	 res;
	const struct deviation	*d = &res.dev;
	char			 msg[600];
	int64_t			 id;
	json_t			*o;
	int			 n;

	if (http_param_id(req, 0, &id) != 0) {
		api_not_found(resp, _("No such deviation."));
		return;
	}
	dev_action_read(req->vals, &api_due, &in);
	deviation_do(ctx, id, &in, &res);
	switch (res.outcome) {
	case DEV_OK:
		break;
	case DEV_NOT_FOUND:
		api_not_found(resp, _("No such deviation."));
		return;
	case DEV_FORBIDDEN:
		api_forbidden(resp);
		return;
	case DEV_INVALID:
		n = snprintf(msg, sizeof(msg), "%s: %s", res.field, _(res.why));
		http_json_error(resp, 400, "invalid_field",
		    n > 0 && (size_t)n < sizeof(msg) ? msg : _(res.why), res.field);
		return;
	case DEV_CONFLICT:
		api_dev_error(resp, DEV_ERR_STATE, NULL);
		return;
	case DEV_FAILED:
		api_store_error(resp);
		return;
	}
	/* The answer holds the whole deviation: a read like GET's, audited
	 * when it has personal data (the web's redirect to the page is). */
	if (res.visible)
		deviation_audit_read(ctx, d);
	/* After a transfer the actor may no longer see the deviation; they
	 * still get what a reporter would see of the result of their act. */
	o = res.visible ? api_dev_json_detail(ctx, d, deviation_may(ctx, d, DEV_MAY_INTERNAL)) :
	    deviation_sight(ctx, d) == DEV_SEES_MEASURES ?
	    api_dev_json_owner(ctx, d) : api_dev_json(d, 0);
	if (o == NULL) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, o);
}
