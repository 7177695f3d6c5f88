/* rep_int.h: internal to src/report/. */
#ifndef ORDEN_REP_INT_H
#define ORDEN_REP_INT_H

#include "report/report.h"

struct dev_filter;

/* Median and 90th percentile of days to close for one group's
 * deviations reported in the period (row->median_days, row->p90_days).
 * The one place the report asks for days to close: from the kept
 * histogram of days summed over the group's units, each with its subtree
 * (counts.h, dev_close_days_units), for a group of one unit or of
 * several alike; median < 0 when none closed. 0 or a DB_* error. */
int	rep_close_days(struct ctx *, const struct dev_filter *base,
	    struct rep_row *row, const struct rep_period *);

#endif
