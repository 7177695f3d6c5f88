/* api/deviation/stats.c: deviation statistics for a subtree and period, the numbers a
 * tertial report and a dashboard show. Whoever may see statistics for a
 * unit (AZ_DEV_STATS) gets counts, never rows, and only of what their
 * scope covers (authz_dev_stats_scope): a deviation hidden from a leader's
 * list is not in his counts. Periods are whole local days. */
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "authz/authz.h"
#include "ctx.h"
#include "deviation/counts.h"
#include "i18n/i18n.h"
#include "util/date.h"

static const char *const groupings[] = { "category", "status", "month", "unit",
    "kind", "unit_own" };

/* A query date YYYY-MM-DD as the first second of that local (Norwegian)
 * day, or of the day after when `after`: statistics count whole days, so
 * a time of day is refused, not silently rounded. 0 or -1. */
static int
local_day(const char *s, int after, int64_t *out)
{
	int y, m, d;

	if (date_parse_day(s, &y, &m, &d) != 0 || y < 1970)
		return -1;
	*out = dev_local_day_start(y, m, d + (after ? 1 : 0));
	return 0;
}

/* from/to as whole local days: to is the last second of its day. */
static int
stats_period(struct http_req *req, struct dev_filter *f, const char **bad)
{
	const char *v;

	f->from = f->to = 0;
	if ((v = http_query(req, "from")) != NULL && *v != '\0' &&
	    local_day(v, 0, &f->from) != 0) {
		*bad = "from";
		return -1;
	}
	if ((v = http_query(req, "to")) != NULL && *v != '\0') {
		if (local_day(v, 1, &f->to) != 0) {
			*bad = "to";
			return -1;
		}
		f->to--;
	}
	return 0;
}

void
api_deviation_stats(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct dev_filter	 f;
	struct dev_stats	 st;
	const char		*bad, *msg, *by = http_query(req, "by");
	size_t			 i;
	json_t			*a, *o;
	int			 ok = 0;

	if (by == NULL || *by == '\0')
		by = "category";
	for (i = 0; i < sizeof(groupings) / sizeof(groupings[0]); i++)
		if (strcmp(by, groupings[i]) == 0)
			ok = 1;
	if (!ok) {
		http_json_error(resp, 400, "invalid_parameter", _("by: must be "
		    "category, status, month, unit, kind or unit_own"), "by");
		return;
	}
	if (api_dev_filter_parse(req, &f, &bad, &msg) != 0) {
		http_json_error(resp, 400, "invalid_parameter", msg, bad);
		return;
	}
	if (stats_period(req, &f, &bad) != 0) {
		http_json_error(resp, 400, "invalid_parameter", _("must be a date "
		    "(YYYY-MM-DD): statistics count whole days"), bad);
		return;
	}
	if (f.inbox) {
		http_json_error(resp, 400, "invalid_parameter",
		    _("is not a statistics filter"), "inbox");
		return;
	}
	if ((f.scope = authz_dev_stats_scope(ctx, f.unit_id)) == DEV_SCOPE_NONE) {
		api_forbidden(resp);
		return;
	}
	f.limit = 0;
	if (deviation_stats(ctx, &f, by, &st) != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < st.nrows; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:I}",
		    "key", st.rows[i].key ? st.rows[i].key : "",
		    "label", st.rows[i].label ? st.rows[i].label : "",
		    "count", (json_int_t)st.rows[i].count));
	o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o}",
	    "by", by,
	    "date", f.by_occurred ? "occurred" : "reported",
	    "from", api_time_json(f.from),
	    "to", api_time_json(f.to),
	    "unit_id", f.unit_id > 0 ? json_integer(f.unit_id) : json_null(),
	    "total", (json_int_t)st.total,
	    "open", (json_int_t)st.open,
	    "in_progress", (json_int_t)st.in_progress,
	    "closed", (json_int_t)st.closed,
	    "overdue", (json_int_t)st.overdue,
	    "median_days_to_close", st.median_days_to_close < 0 ? json_null() :
	    json_real(st.median_days_to_close),
	    "p90_days_to_close", st.p90_days_to_close < 0 ? json_null() :
	    json_integer(st.p90_days_to_close),
	    "groups", a);
	http_json(resp, 200, o);
}
