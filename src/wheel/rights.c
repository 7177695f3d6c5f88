/* rights.c: what ctx->user may do with the wheel, asked by the faces for
 * the links, forms and early refusals they show, so that no face writes
 * an access decision (scripts/check-banned.sh). The decisions are
 * authz/'s (policy.c, authz/wheel.c); wheel_do and wheel_file_get ask
 * again inside, so a face that forgot to ask still refuses. */
#include "wheel/wheel.h"

#include "authz/authz.h"
#include "ctx.h"

int
wheel_right(struct ctx *ctx, enum wheel_right what)
{
	/* Anonymous has none of these, as authz_can would answer. */
	if (ctx == NULL || ctx->user == NULL)
		return 0;
	switch (what) {
	case WHEEL_RIGHT_VIEW:
		return authz_can(ctx, AZ_WHEEL_VIEW, 0);
	case WHEEL_RIGHT_FEED:
		return authz_can(ctx, AZ_WHEEL_FEED, 0);
	case WHEEL_RIGHT_MANAGE_SOME:
		return authz_wheel_manages_some(ctx);
	}
	return 0;
}

int
wheel_may(struct ctx *ctx, const struct wheel_task *t, enum wheel_may what)
{
	switch (what) {
	case WHEEL_MAY_DO:
		return authz_wheel_can(ctx, AZ_WHEEL_DO, t);
	case WHEEL_MAY_MANAGE:
		return authz_wheel_can(ctx, AZ_WHEEL_MANAGE, t);
	}
	return 0;
}

int
wheel_task_read(struct ctx *ctx, int64_t id, struct wheel_task *out)
{
	int rc;

	if ((rc = wheel_task_get(ctx, id, out)) != 0)
		return rc;
	/* Not theirs to see reads as no such task: nobody learns what
	 * exists. */
	return authz_wheel_can(ctx, AZ_WHEEL_VIEW, out) ? 0 : WHEEL_ERR_NOTFOUND;
}
