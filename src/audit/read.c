/* read.c: reading the audit log back for people: the newest events of a
 * tenant (the admin's audit page) and the size of the log (`orden audit
 * verify`). Appending and verifying are audit.c's. */
#include "audit/audit.h"

#include <stdio.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

/* The actor's name is joined in from org's people (check-tables.sh lists
 * this read as an exception). Events about a whistleblowing case name
 * nobody: who read or acted on a case tells who handles it, so the query
 * never fetches the person or the detail of such rows. A reporter's
 * events are not in this list at all: between a signed-in reporter's own
 * rows they would tell who reported (audit_reporter_days counts them). */
static const char SQL_AUDIT_LATEST[] =
	"SELECT a.seq, a.at,"
	" CASE WHEN a.object_type = 'whistle_case' THEN NULL ELSE p.name END,"
	" a.action, a.object_type, a.object_id,"
	" CASE WHEN a.object_type = 'whistle_case' THEN NULL ELSE a.detail END,"
	" CASE WHEN a.object_type = 'whistle_case' THEN NULL ELSE a.actor_id END"
	" FROM audit_log a LEFT JOIN people p"
	" ON p.id = a.actor_id AND p.tenant_id = a.tenant_id"
	" WHERE a.tenant_id = $1 AND (a.object_type IS NULL"
	" OR a.object_type <> 'whistle_case' OR a.actor_id IS NOT NULL)"
	" ORDER BY a.seq DESC LIMIT $2";
/* A reporter's events (no actor on a whistleblowing case): only the time
 * and the action, which are bucketed by day here, never shown as such. */
static const char SQL_AUDIT_REPORTER[] =
	"SELECT a.at, a.action FROM audit_log a"
	" WHERE a.tenant_id = $1 AND a.object_type = 'whistle_case'"
	" AND a.actor_id IS NULL ORDER BY a.seq DESC LIMIT $2";
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
	int			 rc, cases;

	*n = 0;
	*out = NULL;
	cases = authz_can(ctx, AZ_AUDIT_WB_CASES, 0);
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
		if (r->wb && !cases)
			r->has_object = 0;
	}
	rc = rc == DB_DONE || rc == DB_ROW ? 0 : -1;
	db_reset(st);
	*out = rows;
	return rc;
}

/* The bucket of (day, action) in v[0..*n), added when new. */
static struct audit_day *
day_bucket(struct audit_day *v, size_t *n, size_t max, const char *day,
    const char *action)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (strcmp(v[i].day, day) == 0 && strcmp(v[i].action, action) == 0)
			return &v[i];
	if (*n == max)
		return NULL;
	snprintf(v[*n].day, sizeof(v[*n].day), "%s", day);
	v[*n].action = action;
	v[*n].n = 0;
	return &v[(*n)++];
}

int
audit_reporter_days(struct ctx *ctx, size_t max, struct audit_day **out,
    size_t *n)
{
	struct dbstmt		*st;
	struct audit_day	*rows, *b;
	char			 day[DATE_KEY_MAX];
	const char		*action;
	int			 rc;

	*n = 0;
	*out = NULL;
	if (max == 0 || max > 10000 ||
	    (rows = arena_alloc(ctx->arena, max * sizeof(*rows))) == NULL)
		return -1;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_AUDIT_REPORTER,
	    &st) != DB_OK)
		return -1;
	db_bind_int(st, 2, (int64_t)max);
	while ((rc = db_step(st)) == DB_ROW) {
		if (date_key(db_col_int(st, 0), DATE_DAY, day) != 0 ||
		    (action = db_col_text(st, 1)) == NULL)
			continue;
		/* Rows come newest first, so days do too (a row from before
		 * the times were cut may share its day with a later one). */
		b = day_bucket(rows, n, max, day, action);
		if (b == NULL)
			break;
		if (b->n == 0 &&
		    (b->action = arena_strdup(ctx->arena, action)) == NULL) {
			rc = DB_ERR;
			break;
		}
		b->n++;
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
