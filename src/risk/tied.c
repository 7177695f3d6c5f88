/* tied.c: the risks a deviation is tied to, for the deviation's page: only
 * those ctx->user may see (AZ_RISK_VIEW at the assessment's unit); the
 * deviation's own access is the caller's (its page already asked). */
#include "risk/risk.h"

#include <string.h>

#include "ctx.h"
#include "risk/risk_int.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_TIED[] =
    "SELECT risk_id FROM risk_deviations WHERE tenant_id = $1"
    " AND deviation_id = $2 ORDER BY id";

int
risk_of_deviation(struct ctx *ctx, int64_t deviation_id, struct risk **out,
    size_t *n)
{
	struct risk	*v = NULL;
	int64_t		*ids = NULL;
	size_t		 len = 0, i, keep = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = risk_ids(ctx, SQL_TIED, deviation_id, &ids, &len)) != 0)
		return rc;
	if (len > 0 && (v = arena_alloc(ctx->arena, len * sizeof(*v))) == NULL)
		return DB_ERR;
	/* After the statement is done: risk_get prepares its own. */
	for (i = 0; i < len; i++) {
		if ((rc = risk_get(ctx, ids[i], &v[keep])) != 0) {
			if (rc == RISK_ERR_NOTFOUND)
				continue;
			return rc;
		}
		if (risk_can(ctx, v[keep].unit_id, 0))
			keep++;
	}
	*out = v;
	*n = keep;
	return 0;
}
