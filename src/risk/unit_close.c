/* unit_close.c: a unit is closed into another (org/close.c): its risk
 * assessments, living documents its leaders kept, are kept from now on
 * by the receiving unit's leaders, risks, reviews and measures with them
 * (they hang on the assessment). Access is the org gate's (AZ_ORG_MANAGE);
 * called only in its transaction, which audits the close. */
#include "risk/risk.h"

#include "ctx.h"
#include "store/store.h"
#include "store/store_vals.h"

static const char SQL_MOVE[] =
    "UPDATE risk_assessments SET unit_id = $3"
    " WHERE tenant_id = $1 AND unit_id = $2";

int
risk_unit_closed(struct ctx *ctx, int64_t from, int64_t to, int64_t *moved)
{
	int rc;

	*moved = 0;
	if ((rc = DB_RUN(ctx->conn, ctx->tenant_id, SQL_MOVE, DB_I(from),
	    DB_I(to))) != 0)
		return rc;
	*moved = db_changes(ctx->conn);
	return DB_OK;
}
