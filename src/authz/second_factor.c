/* second_factor.c: who must pass a second factor at login, and who may
 * reset someone's. The accounts that open whistleblowing cases or run the
 * municipality's accounts are the ones a stolen password hurts most. */
#include "authz/authz.h"

#include "ctx.h"
#include "org/org.h"

int
authz_second_factor_required(const struct roleset *rs, int required,
    const unsigned char *extra)
{
	size_t i;

	if (!required || rs == NULL)
		return 0;
	for (i = 0; i < rs->n; i++) {
		int r = (int)rs->v[i].role;

		if (r == ROLE_ADMIN || authz_role_routes_whistle(r) ||
		    (extra != NULL && r >= 0 && r < ROLE_MAX && extra[r]))
			return 1;
	}
	return 0;
}

int
authz_second_factor_reset_ok(struct ctx *ctx, int64_t person_id,
    int64_t unit_id)
{
	if (ctx->user == NULL)
		return 1;
	if (ctx->user->id == person_id)
		return 0;
	return authz_can(ctx, AZ_SECOND_FACTOR_RESET, unit_id);
}
