/* unit_close.c: a unit is closed into another (org/close.c): the yearly
 * wheel's tasks of the closed unit (assigned to the holders of a role
 * there, whose grants end with the close) become the receiving unit's,
 * so that they still reach someone. Access is the org gate's
 * (AZ_ORG_MANAGE); called only in its transaction, which audits the close. */
#include "wheel/wheel.h"

#include "ctx.h"
#include "store/store.h"
#include "store/store_vals.h"

static const char SQL_MOVE[] =
    "UPDATE wheel_tasks SET unit_id = $3 WHERE tenant_id = $1 AND unit_id = $2";

int
wheel_unit_closed(struct ctx *ctx, int64_t from, int64_t to, int64_t *moved)
{
	int rc;

	*moved = 0;
	if ((rc = DB_RUN(ctx->conn, ctx->tenant_id, SQL_MOVE, DB_I(from),
	    DB_I(to))) != 0)
		return rc;
	*moved = db_changes(ctx->conn);
	return DB_OK;
}
