/* search.c: keeping the full-text index of the register in step (migration
 * 0033). On PostgreSQL the database's triggers keep document_search; on
 * SQLite they cannot (a virtual table is refused in a trigger while
 * trusted_schema is off), so the gate calls doc_search_index in the
 * transaction of each change that alters what is indexed. */
#include <string.h>

#include "ctx.h"
#include "document/document.h"
#include "document/doc_int.h"
#include "store/store.h"

static const char SQL_DROP[] =
    "DELETE FROM documents_fts WHERE rowid = $2 AND tenant_id = $1";
static const char SQL_ADD[] =
    "INSERT INTO documents_fts (rowid, code, title, body, tenant_id)"
    " SELECT d.id, d.code, d.title, v.body, d.tenant_id FROM documents d"
    " LEFT JOIN document_versions v ON v.tenant_id = d.tenant_id"
    "  AND v.document_id = d.id AND v.number = d.current_version"
    " WHERE d.tenant_id = $1 AND d.id = $2";

static int
run(struct ctx *ctx, const char *sql, int64_t id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : DB_ERR;
}

int
doc_search_index(struct ctx *ctx, int64_t id)
{
	int rc;

	if (strcmp(db_conn_backend(ctx->conn), "postgres") == 0)
		return 0;
	if ((rc = run(ctx, SQL_DROP, id)) != 0)
		return rc;
	return run(ctx, SQL_ADD, id);
}

int
document_search_rebuild(struct dbconn *c, int64_t tenant_id)
{
	static const char SQL_CLEAR[] =
	    "DELETE FROM documents_fts WHERE tenant_id = $1";
	static const char SQL_FILL[] =
	    "INSERT INTO documents_fts (rowid, code, title, body, tenant_id)"
	    " SELECT d.id, d.code, d.title, v.body, d.tenant_id FROM documents d"
	    " LEFT JOIN document_versions v ON v.tenant_id = d.tenant_id"
	    "  AND v.document_id = d.id AND v.number = d.current_version"
	    " WHERE d.tenant_id = $1";
	const char	*sql[2] = { SQL_CLEAR, SQL_FILL };
	struct dbstmt	*st;
	int		 i, rc = 0;

	if (strcmp(db_conn_backend(c), "postgres") == 0)
		return 0;
	for (i = 0; i < 2 && rc == 0; i++) {
		if ((rc = db_prepare_tenant(c, tenant_id, sql[i], &st)) != DB_OK)
			return rc;
		rc = db_step(st);
		db_reset(st);
		rc = rc == DB_DONE ? 0 : rc < 0 ? rc : DB_ERR;
	}
	return rc;
}
