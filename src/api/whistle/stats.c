/* api/whistle/stats.c: whistleblowing statistics for the chief safety
 * representative, HR, AMU, the chief executive and quality (GET
 * /api/v1/whistle/stats?year=). Counts only, by procedure, reporter
 * category, state and outcome: no text and no identity, any count below 3
 * is the string "<3", and a count that would let a small one be worked
 * out from the total is "hidden" (secondary suppression). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "util/date.h"
#include "whistle/wb_input.h"
#include "whistle/whistle.h"

static json_t *
count_json(int64_t n)
{
	/* The model gives 1 and 2 as WB_STAT_SMALL; 0 is below 3 too. A
	 * count hidden to protect a small one is "hidden", never a number. */
	if (n == WB_STAT_HIDDEN)
		return json_string("hidden");
	return n < 3 ? json_string("<3") : json_integer(n);
}

void
api_wb_stats(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct wb_stat_cell	*cells;
	static const char *const dims[] = { "procedure", "reporter_category",
	    "state", "outcome" };
	size_t			 n, i, d;
	int64_t			 total = 0;
	int			 year;
	json_t			*by, *o;

	if (!whistle_right(ctx, WB_RIGHT_STATS)) {
		api_forbidden(resp);
		return;
	}
	if (wb_stats_year(http_qtext(req, WSQ_YEAR), date_year(ctx->now),
	    &year) != 0) {
		http_json_error(resp, 400, "invalid_parameter",
		    _("year: must be a year such as 2026, or all"), "year");
		return;
	}
	if (whistle_stats(ctx, (int)year, &cells, &n, &total) != 0) {
		api_store_error(resp);
		return;
	}
	by = json_object();
	for (d = 0; d < sizeof(dims) / sizeof(dims[0]); d++)
		json_object_set_new(by, dims[d], json_object());
	for (i = 0; i < n; i++) {
		json_t *dim;

		if (cells[i].dimension == NULL || cells[i].key == NULL)
			continue;
		if ((dim = json_object_get(by, cells[i].dimension)) == NULL) {
			dim = json_object();
			json_object_set_new(by, cells[i].dimension, dim);
		}
		json_object_set_new(dim, cells[i].key, count_json(cells[i].count));
	}
	o = json_pack("{s:o, s:o, s:o}",
	    "year", year > 0 ? json_integer(year) : json_null(),
	    "total", count_json(total), "counts", by);
	http_json(resp, 200, o);
}
