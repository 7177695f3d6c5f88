/* notify.c: the notifications table (notify.h). */
#include "notify/notify.h"
#include "notify/mail.h"

#include <string.h>

#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "store/store_vals.h"
#include "util/arena.h"
#include "util/cursor.h"
#include "util/num.h"

_Static_assert(NOTIFY_CURSOR_MAX == CURSOR_MAX, "one cursor size");

static const char SQL_NOTIFY_INSERT[] =
    "INSERT INTO notifications (tenant_id, person_id, deviation_id, kind,"
    " text, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_NOTIFY_INSERT_ID[] =
    "INSERT INTO notifications (tenant_id, person_id, kind, text, created_at)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char SQL_NOTIFY_RETEXT[] =
    "UPDATE notifications SET text = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_NOTIFY_DELIVERED[] =
    "UPDATE notifications SET sent_at = created_at"
    " WHERE tenant_id = $1 AND sent_at IS NULL";
static const char SQL_NOTIFY_READ_BEFORE[] =
    "UPDATE notifications SET read_at = created_at + 3600"
    " WHERE tenant_id = $1 AND read_at IS NULL AND created_at < $2";
/* The deviation's number is joined in for the list (check-tables.sh lists
 * this read of deviations as an exception). */
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

/* DB_DONE -> 0; anything else an error. */
static int
done(int rc)
{
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

static const char *const report_names[NOTIFY_REPORT_MAX] = {
	[NOTIFY_DEVIATION] = "deviation",
	[NOTIFY_IMPROVEMENT] = "improvement",
};

/* The notification and its e-mail; report_kind as mail_enqueue takes it. */
static int
send_one(struct ctx *ctx, int64_t person_id, int64_t dev_id,
    const char *kind, const char *text, const char *report_kind)
{
	struct dbstmt	*st;
	int		 rc;

	if (ctx->notify_quiet)
		return 0;
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
	if ((rc = done(rc)) != 0)
		return rc;
	/* The e-mail, in the same transaction: it is sent only if the event
	 * is committed, and never lost once it is. */
	return mail_enqueue(ctx, person_id, dev_id, kind, report_kind);
}

int
notify_send(struct ctx *ctx, int64_t person_id, int64_t dev_id,
    const char *kind, const char *text)
{
	return send_one(ctx, person_id, dev_id, kind, text, NULL);
}

int
notify_send_report(struct ctx *ctx, int64_t person_id, int64_t dev_id,
    enum notify_report report, const char *kind, const char *text)
{
	if ((int)report < 0 || report >= NOTIFY_REPORT_MAX)
		report = NOTIFY_DEVIATION;
	return send_one(ctx, person_id, dev_id, kind, text,
	    report_names[report]);
}

int
notify_summary(struct ctx *ctx, int64_t person_id, const char *kind,
    const char *text, int64_t *id)
{
	struct dbstmt	*st;
	int		 rc;

	if (ctx->notify_quiet)
		return 0;
	if (*id > 0)
		return DB_RUN(ctx->conn, ctx->tenant_id, SQL_NOTIFY_RETEXT,
		    DB_I(*id), DB_T(text));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_NOTIFY_INSERT_ID, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, text);
	db_bind_int(st, 5, ctx->now);
	if ((rc = db_run(st, id)) != 0)
		return rc;
	return mail_enqueue(ctx, person_id, 0, kind, NULL);
}

/* Run sql with the tenant as $1 and v as $2 (when v >= 0). */
static int
run2(struct ctx *ctx, const char *sql, int64_t v)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st))
	    != DB_OK)
		return rc;
	if (v >= 0)
		db_bind_int(st, 2, v);
	rc = db_step(st);
	db_reset(st);
	return done(rc);
}

int
notify_settle(struct ctx *ctx, int64_t read_before)
{
	int rc;

	if ((rc = run2(ctx, SQL_NOTIFY_DELIVERED, -1)) != 0 ||
	    (rc = mail_settle(ctx)) != 0)
		return rc;
	return run2(ctx, SQL_NOTIFY_READ_BEFORE, read_before);
}

int
notification_list(struct ctx *ctx, int64_t person_id, int unread_only,
    struct notification **out, size_t *n)
{
	char next[NOTIFY_CURSOR_MAX];

	return notification_list_page(ctx, person_id, unread_only, NULL,
	    NOTIFY_PAGE_DEFAULT, out, n, next);
}

/* A summary's stored count as the sentence the reader reads, in the
 * current language; a text that is no count is shown as it is. */
static const char *
summary_text(struct ctx *ctx, const char *count)
{
	int64_t n;

	if (num_parse_i64(count, 0, INT64_MAX, &n) != 0)
		return count;
	return arena_printf(ctx->arena, ngettext(
	    "%lld deviation passed its deadline more than a week ago",
	    "%lld deviations passed their deadline more than a week ago",
	    (unsigned long)n), (long long)n);
}

int
notification_list_page(struct ctx *ctx, int64_t person_id, int unread_only,
    const char *after, size_t limit, struct notification **out, size_t *n,
    char next[NOTIFY_CURSOR_MAX])
{
	struct dbstmt		*st;
	struct notification	*v = NULL, *x;
	size_t			 len = 0;
	int64_t			 at = 0, aid = 0;
	int			 rc, has_after = after != NULL && *after != '\0';

	*out = NULL;
	*n = 0;
	next[0] = '\0';
	if (has_after && cursor_parse(after, &at, &aid) != 0)
		return NOTIFY_ERR_INVALID;
	if (limit == 0)
		limit = 1;
	if (limit > NOTIFY_PAGE_MAX)
		limit = NOTIFY_PAGE_MAX;
	if ((v = arena_alloc(ctx->arena, limit * sizeof(*v))) == NULL)
		return DB_ERR;
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
		x = &v[len++];
		x->id = db_col_int(st, 0);
		x->deviation_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
		x->created_at = db_col_int(st, 2);
		x->read_at = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
		x->kind = arena_strdup(ctx->arena, db_col_text(st, 4));
		x->text = arena_strdup(ctx->arena, db_col_text(st, 5));
		x->number = arena_strdup(ctx->arena, db_col_text(st, 6));
		if (x->kind != NULL && x->text != NULL &&
		    strcmp(x->kind, NOTIFY_OVERDUE_SUMMARY) == 0)
			x->text = summary_text(ctx, x->text);
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
	return db_tx_finish(ctx->conn, own, done(rc));
}

int
notification_unread_begin(struct ctx *ctx, struct dbstmt **st)
{
	int rc;

	if (ctx->user == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_NOTIFY_UNREAD,
	    st)) != DB_OK)
		return rc;
	db_bind_int(*st, 2, ctx->user->id);
	return DB_OK;
}

int
notification_unread_end(struct ctx *ctx, struct dbstmt *st)
{
	int rc = db_step(st);

	rc = rc == DB_ROW ? (int)db_col_int(st, 0) : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	if (rc >= 0) {
		ctx->unread = rc;
		ctx->unread_known = 1;
	}
	return rc;
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
