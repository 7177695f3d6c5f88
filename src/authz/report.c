/* report.c: who may write and read the written sections of one group of
 * a tertial report (authz.h, authz_report_group_can). A group is data
 * (the units the quality adviser put in it, src/report/); the decision
 * over it is here. */
#include "authz/authz.h"

#include "deviation/deviation.h"

int
authz_report_group_can(struct ctx *ctx, enum az_action a, int64_t area_id,
    const int64_t *unit_ids, size_t n)
{
	size_t i;

	if (a != AZ_REPORT_WRITE && a != AZ_REPORT_VIEW)
		return 0;
	if (authz_can(ctx, AZ_REPORT_APPROVE, area_id))
		return 1;
	if (a == AZ_REPORT_VIEW && authz_can(ctx, AZ_REPORT_VIEW, area_id))
		return 1;
	/* A leader of one unit of the group writes for the group; not a
	 * leader of a unit elsewhere in the area. */
	for (i = 0; i < n; i++)
		if (unit_ids[i] > 0 && authz_can(ctx, AZ_REPORT_WRITE, unit_ids[i]))
			return 1;
	return 0;
}

int
authz_report_writer_scope(struct ctx *ctx)
{
	return authz_can_somewhere(ctx, AZ_DEV_STATS) ? DEV_SCOPE_HANDLED :
	    DEV_SCOPE_NONE;
}
