/* rights.c: what ctx->user may do with the audit follow-up, asked by the
 * faces for the forms and links they show and the early refusals they
 * give, so that no face writes an access decision
 * (scripts/check-banned.sh). The decisions are authz/'s (policy.c,
 * authz/followup.c); followup_do asks again inside. */
#include "followup/followup.h"

#include "authz/authz.h"
#include "ctx.h"

int
followup_right(struct ctx *ctx, enum followup_right what)
{
	/* Anonymous has none of these, as authz_can would answer. */
	if (ctx == NULL || ctx->user == NULL)
		return 0;
	switch (what) {
	case FOLLOWUP_RIGHT_VIEW:
		return authz_can(ctx, AZ_FOLLOWUP_VIEW, 0);
	case FOLLOWUP_RIGHT_MANAGE:
		return authz_can(ctx, AZ_FOLLOWUP_MANAGE, 0);
	case FOLLOWUP_RIGHT_COMMENT:
		return authz_can(ctx, AZ_FOLLOWUP_COMMENT, 0);
	}
	return 0;
}

int
followup_may_read(struct ctx *ctx, int64_t report_id)
{
	return authz_followup_view(ctx, report_id);
}

int
followup_may_complete(struct ctx *ctx, const struct measure *m)
{
	return authz_followup_measure_can(ctx, m);
}
