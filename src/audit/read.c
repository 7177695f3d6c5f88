/* read.c: reading the audit log back for people: the newest events of a
 * tenant (the admin's audit page) and the size of the log (`orden audit
 * verify`). Appending and verifying are audit.c's. */
#include "audit/audit.h"

#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

/* The actor's name is joined in from org's people (check-tables.sh lists
 * this read as an exception). Events about a whistleblowing case name
 * nobody: who read or acted on a case tells who handles it, so the query
 * never fetches the person or the detail of such rows. */
static const char SQL_AUDIT_LATEST[] =
	"SELECT a.seq, a.at,"
	" CASE WHEN a.object_type = 'whistle_case' THEN NULL ELSE p.name END,"
	" a.action, a.object_type, a.object_id,"
	" CASE WHEN a.object_type = 'whistle_case' THEN NULL ELSE a.detail END,"
	" CASE WHEN a.object_type = 'whistle_case' THEN NULL ELSE a.actor_id END"
	" FROM audit_log a LEFT JOIN people p"
	" ON p.id = a.actor_id AND p.tenant_id = a.tenant_id"
	" WHERE a.tenant_id = $1 ORDER BY a.seq DESC LIMIT $2";
static const char SQL_ROLE_CHANGES[] =
	"SELECT a.at, p.name, a.action, a.detail FROM audit_log a"
	" LEFT JOIN people p ON p.id = a.actor_id AND p.tenant_id = a.tenant_id"
	" WHERE a.tenant_id = $1 AND a.action IN ('role_grant', 'role_revoke')"
	" ORDER BY a.seq DESC LIMIT $2";
static const char SQL_AUDIT_COUNT[] = "SELECT COUNT(*) FROM audit_log";

int
audit_latest(struct ctx *ctx, size_t max, struct audit_entry **out, size_t *n)
{
	struct dbstmt		*st;
	struct audit_entry	*rows, *r;
	int			 rc;

	*n = 0;
	*out = NULL;
	if (max == 0 || max > 10000 ||
	    (rows = arena_alloc(ctx->arena, max * sizeof(*rows))) == NULL)
		return -1;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_AUDIT_LATEST,
	    &st) != DB_OK)
		return -1;
	db_bind_int(st, 2, (int64_t)max);
	while ((rc = db_step(st)) == DB_ROW && *n < max) {
		r = &rows[(*n)++];
		r->seq = db_col_int(st, 0);
		r->at = db_col_int(st, 1);
		r->actor = arena_strdup(ctx->arena, db_col_text(st, 2));
		r->action = arena_strdup(ctx->arena, db_col_text(st, 3));
		r->object_type = arena_strdup(ctx->arena, db_col_text(st, 4));
		r->has_object = !db_col_is_null(st, 5);
		r->object_id = db_col_int(st, 5);
		r->detail = arena_strdup(ctx->arena, db_col_text(st, 6));
		r->has_actor = !db_col_is_null(st, 7);
		r->wb = r->object_type != NULL &&
		    strcmp(r->object_type, "whistle_case") == 0;
	}
	rc = rc == DB_DONE || rc == DB_ROW ? 0 : -1;
	db_reset(st);
	*out = rows;
	return rc;
}

int
audit_role_changes(struct ctx *ctx, size_t max, struct audit_role_change **out,
    size_t *n)
{
	struct dbstmt			*st;
	struct audit_role_change	*rows, *r;
	int				 rc;

	*n = 0;
	*out = NULL;
	if (max == 0 || max > 10000 ||
	    (rows = arena_alloc(ctx->arena, max * sizeof(*rows))) == NULL)
		return -1;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ROLE_CHANGES,
	    &st) != DB_OK)
		return -1;
	db_bind_int(st, 2, (int64_t)max);
	while ((rc = db_step(st)) == DB_ROW && *n < max) {
		r = &rows[(*n)++];
		r->at = db_col_int(st, 0);
		r->actor = arena_strdup(ctx->arena, db_col_text(st, 1));
		r->granted = strcmp(db_col_text(st, 2), "role_grant") == 0;
		r->detail = arena_strdup(ctx->arena, db_col_text(st, 3));
	}
	rc = rc == DB_DONE || rc == DB_ROW ? 0 : -1;
	db_reset(st);
	*out = rows;
	return rc;
}

int64_t
audit_count(struct dbconn *c)
{
	struct dbstmt	*st;
	int64_t		 n = -1;

	if (db_prepare_global(c, SQL_AUDIT_COUNT, &st) != DB_OK)
		return -1;
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return n;
}
