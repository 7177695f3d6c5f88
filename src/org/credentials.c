/* credentials.c: the stored password hash of a person. Only auth/ calls
 * these; the hash never leaves the server and is never logged or audited. */
#include "org/org.h"

#include "audit/audit.h"
#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_PASSWORD_GET[] =
    "SELECT password_hash FROM people WHERE tenant_id = $1 AND id = $2";
static const char SQL_MUST_CHANGE[] =
    "SELECT must_change_password FROM people WHERE tenant_id = $1 AND id = $2";
static const char SQL_PASSWORD_SET[] =
    "UPDATE people SET password_hash = $3, must_change_password = $4"
    " WHERE tenant_id = $1 AND id = $2";

int
org_password_get(struct ctx *ctx, int64_t person_id, const char **hash)
{
	struct dbstmt	*st;
	int		 rc;

	*hash = NULL;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_PASSWORD_GET,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		if (!db_col_is_null(st, 0) &&
		    (*hash = arena_strdup(ctx->arena, db_col_text(st, 0))) == NULL)
			rc = DB_ERR;
		else
			rc = DB_OK;
	} else if (rc == DB_DONE)
		rc = -1;
	db_reset(st);
	return rc;
}

int
org_password_set(struct ctx *ctx, int64_t person_id, const char *hash,
    int must_change)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_PASSWORD_SET,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, hash);
	db_bind_int(st, 4, must_change != 0);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if (db_changes(ctx->conn) != 1)
		return -1;
	rc = audit_append(ctx, "password_set", "person", person_id,
	    hash == NULL ? "cleared" :
	    must_change ? "must_change=1" : "must_change=0");
	return rc < 0 ? rc : 0;
}

int
org_password_must_change(struct ctx *ctx, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MUST_CHANGE,
	    &st) != DB_OK)
		return -1;
	if (db_bind_int(st, 2, person_id) != DB_OK)
		rc = -1;
	else if ((rc = db_step(st)) == DB_ROW)
		rc = db_col_int(st, 0) != 0;
	else
		rc = rc == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}
