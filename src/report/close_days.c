/* close_days.c: days to close for the tertial report (rep_int.h). */
#include "report/rep_int.h"

#include "ctx.h"
#include "deviation/deviation.h"

int
rep_close_days(struct ctx *ctx, const struct dev_filter *base,
    struct rep_row *row, const struct rep_period *p)
{
	struct dev_filter	f = *base;
	struct dev_stats	st;
	int			rc;

	row->median_days = -1;
	row->p90_days = -1;
	if (row->unit_id <= 0 || row->closed == 0)
		return 0;
	f.unit_id = row->unit_id;
	f.kind = DEV_DEVIATION;
	f.from = p->from;
	f.to = p->to;
	if ((rc = deviation_stats(ctx, &f, NULL, &st)) != 0)
		return rc;
	row->median_days = st.median_days_to_close;
	row->p90_days = st.p90_days_to_close;
	return 0;
}
