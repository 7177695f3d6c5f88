/* hold.c: the whistleblowing hold on an account (migration 0024).
 *
 * Whoever resets someone else's password knows the one-time password and
 * can sign in as them, make a new whistleblowing key and be sealed every
 * case routed to them afterwards (and, through wb_seal_missing, the cases
 * they already handle). So a reset by anyone but the person leaves the
 * account on hold: it is no handler and gets no key copies until the
 * chief safety representative, who is no administrator, confirms that the
 * person really holds the account again. The decision of who may lift it
 * is authz's (authz_wb_hold_release_ok); this file keeps the state. */
#include "org/org.h"

#include <string.h>

#include "ctx.h"
#include "org/org_int.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_HOLD_SET[] =
    "UPDATE people SET wb_hold_by = $3, wb_hold_at = $4"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_HOLD_CLEAR[] =
    "UPDATE people SET wb_hold_by = NULL, wb_hold_at = NULL"
    " WHERE tenant_id = $1 AND id = $2 AND wb_hold_by IS NOT NULL";
static const char SQL_HOLD_GET[] =
    "SELECT wb_hold_by FROM people WHERE tenant_id = $1 AND id = $2"
    " AND wb_hold_by IS NOT NULL";
/* Barred: an administrator (never a handler, issue 10) or on hold. */
static const char SQL_BARRED[] =
    "SELECT 1 FROM people p WHERE p.tenant_id = $1 AND p.id = $2"
    " AND (p.wb_hold_by IS NOT NULL OR EXISTS (SELECT 1 FROM role_assignments r"
    " WHERE r.tenant_id = p.tenant_id AND r.person_id = p.id"
    " AND r.role = 'admin'))";
static const char SQL_HOLDS[] =
    "SELECT p.id, p.name, p.wb_hold_by, p.wb_hold_at, b.name FROM people p"
    " LEFT JOIN people b ON b.tenant_id = p.tenant_id AND b.id = p.wb_hold_by"
    " WHERE p.tenant_id = $1 AND p.wb_hold_by IS NOT NULL"
    " ORDER BY p.wb_hold_at, p.id";

int
org_wb_hold_set(struct ctx *ctx, int64_t person_id, int64_t by)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HOLD_SET,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	db_bind_int(st, 3, by);
	db_bind_int(st, 4, ctx->now);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
org_wb_hold_clear(struct ctx *ctx, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HOLD_CLEAR,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	return db_changes(ctx->conn) > 0 ? 1 : 0;
}

int
org_wb_hold_by(struct ctx *ctx, int64_t person_id, int64_t *by)
{
	struct dbstmt	*st;
	int		 rc;

	*by = -1;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HOLD_GET,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	if ((rc = db_step(st)) == DB_ROW)
		*by = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW ? 1 : (rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR));
}

int
org_wb_barred(struct ctx *ctx, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_BARRED,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 1 : (rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR));
}

int
org_wb_holds(struct ctx *ctx, struct org_wb_hold **out, size_t *n)
{
	struct org_wb_hold	*v = NULL;
	struct dbstmt		*st;
	size_t			 cap = 0, len = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HOLDS,
	    &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap,
		    sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		v[len].person_id = db_col_int(st, 0);
		v[len].name = arena_strdup(ctx->arena, db_col_text(st, 1));
		v[len].by_id = db_col_int(st, 2);
		v[len].at = db_col_int(st, 3);
		v[len].by_name = arena_strdup(ctx->arena, db_col_text(st, 4));
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	*n = len;
	return 0;
}
