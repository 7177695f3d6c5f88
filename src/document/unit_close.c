/* unit_close.c: a unit is closed into another (org/close.c): a governing
 * document that applied to the closed unit (document_units, with its
 * subtree) applies to the receiving unit instead, which took over its
 * people and sub-units. Access is the org gate's (AZ_ORG_MANAGE); called
 * only in its transaction, which audits the close. */
#include "document/document.h"

#include "ctx.h"
#include "store/store.h"
#include "store/store_vals.h"

static const char SQL_ADD[] =
    "INSERT INTO document_units (tenant_id, document_id, unit_id)"
    " SELECT tenant_id, document_id, $3 FROM document_units d"
    " WHERE d.tenant_id = $1 AND d.unit_id = $2 AND NOT EXISTS"
    " (SELECT 1 FROM document_units e WHERE e.tenant_id = d.tenant_id"
    " AND e.document_id = d.document_id AND e.unit_id = $3)";
static const char SQL_DROP[] =
    "DELETE FROM document_units WHERE tenant_id = $1 AND unit_id = $2";

int
document_unit_closed(struct ctx *ctx, int64_t from, int64_t to,
    int64_t *moved)
{
	int rc;

	*moved = 0;
	if ((rc = DB_RUN(ctx->conn, ctx->tenant_id, SQL_ADD, DB_I(from),
	    DB_I(to))) != 0 ||
	    (rc = DB_RUN(ctx->conn, ctx->tenant_id, SQL_DROP, DB_I(from))) != 0)
		return rc;
	*moved = db_changes(ctx->conn);
	return DB_OK;
}
