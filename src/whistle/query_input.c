/* query_input.c: the query parameters of the whistleblowing lists and
 * pages (wb_input.h), one table per route shared by both faces. */
#include "whistle/wb_input.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/num.h"
#include "whistle/wb_int.h"

/* after: a cursor from the list's "next" (whistle_cases_page tells a
 * forged one); it fits in WB_CURSOR_MAX with its terminator. */
const struct field wb_cases_query_fields[WCQ_MAX + 1] = {
	[WCQ_AFTER]	= { "after", F_LINE, 0, 0, WB_CURSOR_MAX - 1 },
	[WCQ_LIMIT]	= { "limit", F_INT, 0, 1, WB_PAGE_MAX },
	[WCQ_LEFT]	= { "left", F_BOOL, 0, 0, 1 },
	[WCQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* A word (all) or a number, so F_CODE; wb_stats_year reads it. */
const struct field wb_stats_query_fields[WSQ_MAX + 1] = {
	[WSQ_YEAR]	= { "year", F_CODE, 0, 0, 4 },
	[WSQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* The search's own bound (whistle_people_search): WB_SHORT_MAX bytes. */
const struct field wb_people_query_fields[WPQ_MAX + 1] = {
	[WPQ_Q]		= { "q", F_LINE, 0, 0, WB_SHORT_MAX },
	[WPQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field wb_new_query_fields[WFQ_MAX + 1] = {
	[WFQ_FLAG]	= { "oral", F_BOOL, 0, 0, 1 },
	[WFQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field wb_receipt_query_fields[WFQ_MAX + 1] = {
	[WFQ_FLAG]	= { "out", F_BOOL, 0, 0, 1 },
	[WFQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field wb_mine_query_fields[WFQ_MAX + 1] = {
	[WFQ_FLAG]	= { "sent", F_BOOL, 0, 0, 1 },
	[WFQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field wb_routing_query_fields[WFQ_MAX + 1] = {
	[WFQ_FLAG]	= { "saved", F_CODE, 0, 0, 16 },
	[WFQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

int
wb_stats_year(const char *s, int now_year, int *year)
{
	int64_t y;

	if (s == NULL) {
		*year = now_year;
		return 0;
	}
	if (strcmp(s, "all") == 0 || strcmp(s, "0") == 0) {
		*year = 0;
		return 0;
	}
	if (num_parse_i64(s, 2000, 2999, &y) != 0)
		return -1;
	*year = (int)y;
	return 0;
}

int
wb_routing_saved_ok(const char *s)
{
	return s == NULL || strcmp(s, "released") == 0;
}
