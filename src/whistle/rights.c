/* rights.c: what the whistleblowing faces may offer a person — a link, a
 * button, an early refusal with the field named — asked of the module, so
 * that no face writes an access decision. The decision is authz/'s; the
 * actions themselves (whistle_report, whistle_stats, the routing view)
 * check again inside, so a face that forgot to ask still refuses. */
#include "whistle/whistle.h"

#include "authz/authz.h"
#include "ctx.h"

int
whistle_right(struct ctx *ctx, enum wb_right what)
{
	/* Anonymous has none of these, as authz_can would answer. */
	if (ctx == NULL || ctx->user == NULL)
		return 0;
	switch (what) {
	case WB_RIGHT_REGISTER_ORAL:
		return authz_can(ctx, AZ_WB_REGISTER_ORAL, 0);
	case WB_RIGHT_STATS:
		return authz_can(ctx, AZ_WB_STATS, 0);
	case WB_RIGHT_ROUTING:
		return authz_can(ctx, AZ_WB_ROUTING, 0);
	}
	return 0;
}

int
whistle_case_right(struct ctx *ctx, int64_t case_id)
{
	if (ctx == NULL || ctx->user == NULL)
		return 0;
	return authz_wb_can(ctx, AZ_WB_HANDLE, case_id);
}
