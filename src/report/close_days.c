/* close_days.c: days to close for the tertial report (rep_int.h). */
#include "report/rep_int.h"

#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/deviation.h"

int
rep_close_days(struct ctx *ctx, const struct dev_filter *base,
    struct rep_row *row, const struct rep_period *p)
{
	struct dev_filter	f = *base;
	struct dev_close_days	cd;
	int			rc;

	row->median_days = -1;
	row->p90_days = -1;
	if (row->nunits == 0 || row->closed == 0)
		return 0;
	f.kind = DEV_DEVIATION;
	f.from = p->from;
	f.to = p->to;
	/* Every group, of one unit or of several, from its units' summed
	 * histogram. */
	if ((rc = dev_close_days_units(ctx, &f, row->unit_ids, row->nunits,
	    &cd)) != 0)
		return rc;
	row->median_days = cd.median;
	row->p90_days = cd.p90;
	return 0;
}
