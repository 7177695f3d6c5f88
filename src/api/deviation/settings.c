/* api/deviation/settings.c: the deviation module's settings over the API
 * (GET/PATCH /api/v1/deviation-settings): the deadlines of improvement
 * proposals, the reminder lead time, and who handles a deviation about the
 * chief executive (top_route). Quality and admin (DEV_RIGHT_CONFIGURE);
 * changes are audited by the model. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"

/* Positions in api_dev_settings_fields (and so in http_req.vals). */
enum settings_field { SF_ACK_HOURS, SF_CLOSE_DAYS, SF_REMIND_HOURS,
	SF_TOP_ROUTE, SF_MAX };
const struct field api_dev_settings_fields[] = {
	[SF_ACK_HOURS]		= { "improvement_ack_hours", F_INT, 0, 1, 8760 },
	[SF_CLOSE_DAYS]		= { "improvement_close_days", F_INT, 0, 1, 3650 },
	[SF_REMIND_HOURS]	= { "remind_hours", F_INT, 0, 0, 720 },
	[SF_TOP_ROUTE]		= { "top_route", F_CODE, 0, 1, 32 },
	[SF_MAX]		= { NULL, 0, 0, 0, 0 }
};

static json_t *
settings_json(const struct dev_settings *s)
{
	return json_pack("{s:i, s:i, s:i, s:s}",
	    "improvement_ack_hours", s->improvement_ack_hours,
	    "improvement_close_days", s->improvement_close_days,
	    "remind_hours", s->remind_hours,
	    "top_route", s->top_route);
}

void
api_dev_settings_get(struct http_req *req, struct http_resp *resp)
{
	struct dev_settings s;

	if (!deviation_right(req->ctx, DEV_RIGHT_CONFIGURE)) {
		api_forbidden(resp);
		return;
	}
	if (dev_settings_get(req->ctx, &s) != 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, settings_json(&s));
}

void
api_dev_settings_update(struct http_req *req, struct http_resp *resp)
{
	const struct field_value	*v;
	struct dev_settings		 s;

	if (!deviation_right(req->ctx, DEV_RIGHT_CONFIGURE)) {
		api_forbidden(resp);
		return;
	}
	if (dev_settings_get(req->ctx, &s) != 0) {
		api_store_error(resp);
		return;
	}
	/* An empty change is a mistake the caller should hear about (and
	 * must not write an audit row that says "changed"). */
	if (!req->vals[SF_ACK_HOURS].present &&
	    !req->vals[SF_CLOSE_DAYS].present &&
	    !req->vals[SF_REMIND_HOURS].present &&
	    !req->vals[SF_TOP_ROUTE].present) {
		http_json_error(resp, 400, "invalid_field",
		    _("top_route: give at least one setting to change"), "top_route");
		return;
	}
	if ((v = &req->vals[SF_ACK_HOURS])->present)
		s.improvement_ack_hours = (int)v->i;
	if ((v = &req->vals[SF_CLOSE_DAYS])->present)
		s.improvement_close_days = (int)v->i;
	if ((v = &req->vals[SF_REMIND_HOURS])->present)
		s.remind_hours = (int)v->i;
	if ((v = &req->vals[SF_TOP_ROUTE])->present) {
		if (!dev_top_route_valid(v->s)) {
			http_json_error(resp, 400, "invalid_field",
			    _("top_route: must be mayor, quality or hr_head"),
			    "top_route");
			return;
		}
		s.top_route = v->s;
	}
	if (dev_settings_set(req->ctx, &s) != 0 ||
	    dev_settings_get(req->ctx, &s) != 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, settings_json(&s));
}
