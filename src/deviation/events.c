/* events.c: the timeline of a deviation. Every change is an event; public
 * ones (created, transferred, returned, resubmitted, closed, reopened) are
 * what the reporter sees, the rest are internal handling notes. */
#include "deviation/deviation.h"

#include "ctx.h"
#include "deviation/dev_int.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_EVENT_INSERT[] =
    "INSERT INTO deviation_events (tenant_id, deviation_id, at, actor_id,"
    " type, public, text, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_EVENTS[] =
    "SELECT e.id, e.at, e.actor_id, p.name, e.type, e.public, e.text, e.detail"
    " FROM deviation_events e"
    " LEFT JOIN people p ON p.id = e.actor_id AND p.tenant_id = e.tenant_id"
    " WHERE e.tenant_id = $1 AND e.deviation_id = $2"
    " AND ($3 = 0 OR e.public = 1) ORDER BY e.at, e.id";

int
dev_event_add(struct ctx *ctx, int64_t dev_id, const char *type, int public,
    const char *text, const char *detail)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_EVENT_INSERT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, dev_id);
	db_bind_int(st, 3, ctx->now);
	if (ctx->user != NULL)
		db_bind_int(st, 4, ctx->user->id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, type);
	db_bind_int(st, 6, public ? 1 : 0);
	db_bind_text(st, 7, text);
	db_bind_text(st, 8, detail);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	/* Systems outside hear of it in the same transaction: only if the
	 * change is committed, and never lost once it is. */
	return dev_webhook(ctx, dev_id, type, detail);
}

int
deviation_events(struct ctx *ctx, int64_t id, int public_only,
    struct dev_event **out, size_t *n)
{
	struct dbstmt		*st;
	struct dev_event	*v = NULL, *e;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_EVENTS, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, public_only ? 1 : 0);
	while ((rc = db_step(st)) == DB_ROW) {
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			goto out;
		}
		e = &v[len++];
		e->id = db_col_int(st, 0);
		e->at = db_col_int(st, 1);
		e->actor_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
		e->actor_name = arena_strdup(ctx->arena, db_col_text(st, 3));
		e->type = arena_strdup(ctx->arena, db_col_text(st, 4));
		e->public = (int)db_col_int(st, 5);
		e->text = arena_strdup(ctx->arena, db_col_text(st, 6));
		e->detail = arena_strdup(ctx->arena, db_col_text(st, 7));
		if (e->type == NULL) {
			rc = DB_ERR;
			goto out;
		}
	}
	if (rc != DB_DONE)
		goto out;
	rc = 0;
	*out = v;
	*n = len;
out:
	db_reset(st);
	return rc;
}
