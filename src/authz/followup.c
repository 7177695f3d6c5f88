/* authz/followup.c: access to one audit report and its measures beyond the
 * policy table. Those who hold AZ_FOLLOWUP_VIEW read every report; a person
 * made responsible for a measure of a recommendation reads that report and
 * may mark their own measure done (being named is the grant, as for a
 * deviation's measure), but changes nothing else. */
#include "authz/authz.h"

#include "ctx.h"
#include "followup/followup.h"
#include "measure/measure.h"

int
authz_followup_view(struct ctx *ctx, int64_t report_id)
{
	if (ctx == NULL || ctx->user == NULL || !ctx->user->active)
		return 0;
	if (authz_can(ctx, AZ_FOLLOWUP_VIEW, 0))
		return 1;
	/* An error reads as a refusal. */
	return report_id > 0 &&
	    followup_measure_owner(ctx, report_id, ctx->user->id) == 1;
}

int
authz_followup_measure_can(struct ctx *ctx, const struct measure *m)
{
	if (ctx == NULL || ctx->user == NULL || !ctx->user->active || m == NULL)
		return 0;
	if (authz_can(ctx, AZ_FOLLOWUP_MANAGE, 0))
		return 1;
	return m->subject == MS_AUDIT_RECOMMENDATION && m->responsible_id > 0 &&
	    m->responsible_id == ctx->user->id;
}
