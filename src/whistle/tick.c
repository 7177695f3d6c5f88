/* tick.c: deadlines. Handlers are reminded before the acknowledgement
 * deadline (tenant setting, default 7 days) and before the feedback
 * deadline (3 months), and told when either is overdue: once each, marked
 * on the case. Texts carry the number only. */
#include "whistle/wb_int.h"

#include <string.h>

#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "store/store_vals.h"
#include "util/arena.h"

static const char SQL_OPEN_CASES[] =
    "SELECT id, number, state, ack_due_at, feedback_due_at, ack_reminded_at,"
    " ack_overdue_at, feedback_reminded_at, feedback_overdue_at"
    " FROM whistle_cases WHERE tenant_id = $1"
    " AND state NOT IN ('closed', 'not_whistleblowing') ORDER BY id LIMIT 10000";
static const char SQL_MARK_ACK_REMIND[] =
    "UPDATE whistle_cases SET ack_reminded_at = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_MARK_ACK_OVERDUE[] =
    "UPDATE whistle_cases SET ack_overdue_at = $3, ack_reminded_at ="
    " COALESCE(ack_reminded_at, $3) WHERE tenant_id = $1 AND id = $2";
static const char SQL_MARK_FB_REMIND[] =
    "UPDATE whistle_cases SET feedback_reminded_at = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_MARK_FB_OVERDUE[] =
    "UPDATE whistle_cases SET feedback_overdue_at = $3, feedback_reminded_at ="
    " COALESCE(feedback_reminded_at, $3) WHERE tenant_id = $1 AND id = $2";

struct due {
	int64_t		 id, ack_due, fb_due;
	const char	*number;
	int		 received, ack_rem, ack_over, fb_rem, fb_over;
};

/* One reminder: notify every current handler and mark the case. */
static int
remind(struct ctx *ctx, const struct due *d, const char *fmt, const char *sql)
{
	char		*msg;
	int		 rc;

	if ((msg = arena_printf(ctx->arena, fmt, d->number)) == NULL)
		return DB_ERR;
	rc = wb_notify_handlers(ctx, d->id, msg);
	if (rc < 0)
		return rc;
	return DB_RUN(ctx->conn, ctx->tenant_id, sql,
	    DB_I(d->id), DB_I(ctx->now)) == 0 ? rc : DB_ERR;
}

int
whistle_tick(struct ctx *ctx)
{
	struct wb_settings	 set;
	struct dbstmt		*st;
	struct due		*v = NULL;
	size_t			 len = 0, cap = 0, i;
	int			 rc, made = 0, own, r;

	if ((rc = wb_settings_get(ctx, &set)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_OPEN_CASES,
	    &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap,
		    sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		v[len].id = db_col_int(st, 0);
		v[len].number = arena_strdup(ctx->arena, db_col_text(st, 1));
		v[len].received = db_col_text(st, 2) != NULL &&
		    strcmp(db_col_text(st, 2), "received") == 0;
		v[len].ack_due = db_col_int(st, 3);
		v[len].fb_due = db_col_int(st, 4);
		v[len].ack_rem = !db_col_is_null(st, 5);
		v[len].ack_over = !db_col_is_null(st, 6);
		v[len].fb_rem = !db_col_is_null(st, 7);
		v[len].fb_over = !db_col_is_null(st, 8);
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	for (i = 0; i < len && rc >= 0; i++) {
		const struct due *d = &v[i];

		r = 0;
		if (d->received && !d->ack_over && ctx->now > d->ack_due)
			r = remind(ctx, d, _("Whistleblowing case %s: the"
			    " acknowledgement to the reporter is overdue"),
			    SQL_MARK_ACK_OVERDUE);
		else if (d->received && !d->ack_rem &&
		    ctx->now >= d->ack_due - (int64_t)set.remind_ack_days * WB_DAY)
			r = remind(ctx, d, _("Whistleblowing case %s: acknowledge"
			    " it to the reporter before the deadline"),
			    SQL_MARK_ACK_REMIND);
		if (r < 0) {
			rc = r;
			break;
		}
		made += r;
		r = 0;
		if (!d->fb_over && ctx->now > d->fb_due)
			r = remind(ctx, d, _("Whistleblowing case %s: the feedback"
			    " to the reporter is overdue"), SQL_MARK_FB_OVERDUE);
		else if (!d->fb_rem && ctx->now >= d->fb_due -
		    (int64_t)set.remind_feedback_days * WB_DAY)
			r = remind(ctx, d, _("Whistleblowing case %s: feedback to"
			    " the reporter is due within two weeks"),
			    SQL_MARK_FB_REMIND);
		if (r < 0) {
			rc = r;
			break;
		}
		made += r;
	}
	rc = db_tx_finish(ctx->conn, own, rc < 0 ? rc : 0);
	return rc < 0 ? rc : made;
}
