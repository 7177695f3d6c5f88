/* rights.c: what the risk faces may offer ctx->user — a page, a button, a
 * risk or assessment to read — asked of the module so that no face writes
 * an access decision (scripts/check-banned.sh). The rules are authz/'s
 * (AZ_RISK_VIEW, AZ_RISK_MANAGE, AZ_RISK_CONFIGURE); risk_do asks again
 * inside, so a face that forgot to ask still refuses. */
#include "risk/risk.h"

#include "authz/authz.h"
#include "ctx.h"
#include "measure/measure.h"

int
risk_right(struct ctx *ctx, enum risk_right what)
{
	/* Anonymous has none of these, as authz_can would answer. */
	if (ctx == NULL || ctx->user == NULL)
		return 0;
	switch (what) {
	case RISK_RIGHT_VIEW:
		return authz_can_somewhere(ctx, AZ_RISK_VIEW);
	case RISK_RIGHT_START:
		return authz_can_somewhere(ctx, AZ_RISK_MANAGE);
	case RISK_RIGHT_CONFIGURE:
		return authz_can(ctx, AZ_RISK_CONFIGURE, 0);
	case RISK_RIGHT_SCALE:
		/* The words are shown on every matrix: its readers', and
		 * those who keep them even when they read no unit's. */
		return authz_can_somewhere(ctx, AZ_RISK_VIEW) ||
		    authz_can(ctx, AZ_RISK_CONFIGURE, 0);
	}
	return 0;
}

/* Whether ctx->user owns one of r's measures: 1, 0, or negative. */
static int
owns_measure(struct ctx *ctx, const struct risk *r)
{
	return ctx->user == NULL ? 0 :
	    measure_owner(ctx, MS_RISK, r->id, ctx->user->id);
}

int
risk_assessment_view(struct ctx *ctx, int64_t id, struct risk_assessment *out)
{
	int rc;

	if ((rc = risk_assessment_get(ctx, id, out)) != 0)
		return rc;
	return risk_can(ctx, out->unit_id, 0) ? 0 : RISK_ERR_NOTFOUND;
}

int
risk_view(struct ctx *ctx, int64_t id, struct risk *out)
{
	int rc;

	if ((rc = risk_get(ctx, id, out)) != 0)
		return rc;
	if (risk_can(ctx, out->unit_id, 0))
		return 0;
	if ((rc = owns_measure(ctx, out)) < 0)
		return rc;
	return rc == 1 ? 0 : RISK_ERR_NOTFOUND;
}

int
risk_may_act(struct ctx *ctx, const struct risk *r)
{
	return risk_can(ctx, r->unit_id, 1) || owns_measure(ctx, r) == 1;
}
