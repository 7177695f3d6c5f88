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
	struct dbstmt	*st;
	struct risk	*v = NULL;
	int64_t		*ids = NULL;
	size_t		 len = 0, cap = 0, i, keep = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TIED, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, deviation_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (risk_vec_grow(ctx, (void **)&ids, len, &cap, sizeof(*ids))
		    != 0) {
			rc = DB_ERR;
			break;
		}
		ids[len++] = db_col_int(st, 0);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
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
