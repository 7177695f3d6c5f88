/* api/deviation/stats.c: deviation statistics for a subtree and period, the numbers a
 * tertial report and a dashboard show. Whoever may see statistics for a
 * unit (deviation_stats_may) gets counts, never rows, and only of what their
 * scope covers (deviation_stats_scope): a deviation hidden from a leader's
 * list is not in his counts. Periods are whole local days. */
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/dev_input.h"
#include "i18n/i18n.h"
#include "util/date.h"

void
api_deviation_stats(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct dev_filter_input	 in;
	struct dev_filter	 f;
	struct dev_stats	 st;
	const char		*by;
	size_t			 i;
	json_t			*a, *o;

	if (api_dev_filter(req, resp, &dev_filter_stats, &in) != 0)
		return;
	f = in.f;
	by = in.by;
	if ((f.scope = deviation_stats_scope(ctx, f.unit_id)) == DEV_SCOPE_NONE) {
		api_forbidden(resp);
		return;
	}
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
