/* notify.c: notifications, one table for the in-app list and the e-mail
 * outbox (sent_at NULL: not yet mailed). The text is short and carries no
 * personal data beyond the deviation's title; the number is joined in. */
#include "deviation/deviation.h"

#include "ctx.h"
#include "deviation/dev_int.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/cursor.h"

_Static_assert(NOTIFY_CURSOR_MAX == CURSOR_MAX, "one cursor size");

static const char SQL_NOTIFY_INSERT[] =
    "INSERT INTO notifications (tenant_id, person_id, deviation_id, kind,"
    " text, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_NOTIFY_LIST[] =
    "SELECT n.id, n.deviation_id, n.created_at, n.read_at, n.kind, n.text,"
    " d.number FROM notifications n"
    " LEFT JOIN deviations d ON d.id = n.deviation_id AND d.tenant_id = n.tenant_id"
    " WHERE n.tenant_id = $1 AND n.person_id = $2"
    " AND ($3 = 0 OR n.read_at IS NULL)"
    " ORDER BY n.created_at DESC, n.id DESC LIMIT $4";
/* The pages after the first: keyset on (created_at, id) = ($4, $5). */
static const char SQL_NOTIFY_LIST_AFTER[] =
    "SELECT n.id, n.deviation_id, n.created_at, n.read_at, n.kind, n.text,"
    " d.number FROM notifications n"
    " LEFT JOIN deviations d ON d.id = n.deviation_id AND d.tenant_id = n.tenant_id"
    " WHERE n.tenant_id = $1 AND n.person_id = $2"
    " AND ($3 = 0 OR n.read_at IS NULL)"
    " AND (n.created_at < $4 OR (n.created_at = $4 AND n.id < $5))"
    " ORDER BY n.created_at DESC, n.id DESC LIMIT $6";
static const char SQL_NOTIFY_READ[] =
    "UPDATE notifications SET read_at = $4"
    " WHERE tenant_id = $1 AND person_id = $2 AND ($3 = 0 OR id = $3)"
    " AND read_at IS NULL";
static const char SQL_NOTIFY_UNREAD[] =
    "SELECT COUNT(*) FROM notifications"
    " WHERE tenant_id = $1 AND person_id = $2 AND read_at IS NULL";

int
dev_notify(struct ctx *ctx, int64_t person_id, int64_t dev_id,
    const char *kind, const char *text)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_NOTIFY_INSERT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	if (dev_id > 0)
		db_bind_int(st, 3, dev_id);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, kind);
	db_bind_text(st, 5, text != NULL ? text : "");
	db_bind_int(st, 6, ctx->now);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
dev_notify_many(struct ctx *ctx, const int64_t *ids, size_t n, int64_t dev_id,
    const char *kind, const char *text)
{
	size_t	i;
	int	rc;

	for (i = 0; i < n; i++)
		if ((rc = dev_notify(ctx, ids[i], dev_id, kind, text)) != 0)
			return rc;
	return (int)n;
}

int
notification_list(struct ctx *ctx, int64_t person_id, int unread_only,
    struct notification **out, size_t *n)
{
	char next[NOTIFY_CURSOR_MAX];

	return notification_list_page(ctx, person_id, unread_only, NULL,
	    NOTIFY_PAGE_DEFAULT, out, n, next);
}

int
notification_list_page(struct ctx *ctx, int64_t person_id, int unread_only,
    const char *after, size_t limit, struct notification **out, size_t *n,
    char next[NOTIFY_CURSOR_MAX])
{
	struct dbstmt		*st;
	struct notification	*v = NULL, *x;
	size_t			 len = 0, cap = 0;
	int64_t			 at = 0, aid = 0;
	int			 rc, has_after = after != NULL && *after != '\0';

	*out = NULL;
	*n = 0;
	next[0] = '\0';
	if (has_after && cursor_parse(after, &at, &aid) != 0)
		return DEV_ERR_INVALID;
	if (limit == 0)
		limit = 1;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, has_after ?
	    SQL_NOTIFY_LIST_AFTER : SQL_NOTIFY_LIST, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	db_bind_int(st, 3, unread_only ? 1 : 0);
	if (has_after) {
		db_bind_int(st, 4, at);
		db_bind_int(st, 5, aid);
	}
	/* One more than asked for tells whether there is a next page. */
	db_bind_int(st, has_after ? 6 : 4, (int64_t)limit + 1);
	while ((rc = db_step(st)) == DB_ROW) {
		if (len == limit) {
			cursor_format(next, v[len - 1].created_at, v[len - 1].id);
			rc = DB_DONE;
			break;
		}
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			goto out;
		}
		x = &v[len++];
		x->id = db_col_int(st, 0);
		x->deviation_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
		x->created_at = db_col_int(st, 2);
		x->read_at = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
		x->kind = arena_strdup(ctx->arena, db_col_text(st, 4));
		x->text = arena_strdup(ctx->arena, db_col_text(st, 5));
		x->number = arena_strdup(ctx->arena, db_col_text(st, 6));
		if (x->kind == NULL || x->text == NULL) {
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

int
notification_mark_read(struct ctx *ctx, int64_t person_id, int64_t id)
{
	struct dbstmt	*st;
	int		 rc, own;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_NOTIFY_READ,
	    &st)) != DB_OK)
		return db_tx_finish(ctx->conn, own, rc);
	db_bind_int(st, 2, person_id);
	db_bind_int(st, 3, id);
	db_bind_int(st, 4, ctx->now);
	rc = db_step(st);
	db_reset(st);
	rc = rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
	return db_tx_finish(ctx->conn, own, rc);
}

int
notification_unread_count(struct ctx *ctx, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_NOTIFY_UNREAD,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	rc = db_step(st);
	rc = rc == DB_ROW ? (int)db_col_int(st, 0) : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	return rc;
}
