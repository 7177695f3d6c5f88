/* rep_int.h: internal to src/report/. */
#ifndef ORDEN_REP_INT_H
#define ORDEN_REP_INT_H

#include "report/report.h"

struct dev_filter;

/* Median and 90th percentile of days to close for one group's
 * deviations reported in the period (row->median_days, row->p90_days).
 * The one place the report asks for days to close, so that the kept
 * histogram of days (counts.h, dev_close_days) can take over here alone.
 * A group of one unit: exact, from its kept counts; a group of several:
 * median < 0 (not summable from per-unit figures). 0 or a DB_* error. */
int	rep_close_days(struct ctx *, const struct dev_filter *base,
	    struct rep_row *row, const struct rep_period *);

#endif
