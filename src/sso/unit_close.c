/* unit_close.c: a unit is closed into another (org/close.c): an identity
 * provider that made unknown people in the closed unit makes them in the
 * receiving unit, which is not closed. Access is the org gate's
 * (AZ_ORG_MANAGE); called only in its transaction, which audits the close. */
#include "sso/sso.h"

#include "ctx.h"
#include "store/store.h"
#include "store/store_vals.h"

static const char SQL_MOVE[] =
    "UPDATE sso_providers SET create_unit_id = $3"
    " WHERE tenant_id = $1 AND create_unit_id = $2";

int
sso_unit_closed(struct ctx *ctx, int64_t from, int64_t to)
{
	return DB_RUN(ctx->conn, ctx->tenant_id, SQL_MOVE, DB_I(from), DB_I(to));
}
