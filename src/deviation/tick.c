/* tick.c: deadlines at work. For every open deviation of the tenant, at
 * ctx->now: a reminder to the handlers some hours before the acknowledge
 * and close deadlines, escalation to the leaders above when a deadline has
 * passed, and a "legal" notice when a legal clock has run out. Each fires
 * once (the *_reminded_at / *_escalated_at columns, and for legal clocks
 * legal_deadlines.notified_at, set with the notices), so running twice at
 * the same now makes nothing new. A tick reads only the rows with a notice
 * still to make, and logs how many (deviation_tick rows=N). */
#include "deviation/deviation.h"

#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "deviation/dev_int.h"
#include "notify/notify.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_vals.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/num.h"
#include "util/shutdown.h"
#include "util/testbuild.h"

#include <time.h>

/* Everything that needs a notice now; tick_one decides which.
 * The open statuses by name, not "status <> 'closed'": so SQLite reads the
 * open rows on deviations_open_rows (tenant_id, status, ...) instead of
 * every deviation of the municipality on an index of tenant_id alone, each
 * minute (1.3 s of CPU a tick at 200,000 deviations, bench/why.md).
 * Each arm is a notice due, and none holds once it is made: a reminder
 * from remind_at until its deadline (the same bounds as tick_one; a row
 * read before remind_at would be read every minute for nothing, 12 h for
 * a category with 24 h to acknowledge), an escalation not yet
 * marked, a legal clock not yet marked as told (notified_at, migration
 * 0074, asked on legal_deadlines_unnotified). Before, "reminded IS NULL OR
 * escalated IS NULL" and the clocks not met kept every open row of
 * history with a deadline passed unreminded, or a clock run out, in every
 * tick: 1,059 rows, a transaction each, every minute after an import of
 * 200,000 (bench/why.md, w18-write). */
static const char SQL_TICK_OPEN[] =
    "SELECT d.id, d.title, d.status, d.handler_unit_id, d.ack_due_at, d.due_at,"
    " d.ack_reminded_at, d.due_reminded_at, d.ack_escalated_at,"
    " d.due_escalated_at, d.handler_role, d.unit_id, d.concerns_leader,"
    " d.reported_at, d.kind"
    " FROM deviations d"
    " WHERE d.tenant_id = $1"
    " AND d.status IN ('new', 'acknowledged', 'returned')"
    " AND ((d.status = 'new' AND ((d.ack_reminded_at IS NULL"
    "  AND d.ack_due_at > $2 AND d.ack_due_at - $3 <= $2"
    "  AND (d.reported_at <= 0 OR d.ack_due_at <= d.reported_at"
    "  OR d.ack_due_at - (d.ack_due_at - d.reported_at) / 2 <= $2))"
    "  OR (d.ack_escalated_at IS NULL AND d.ack_due_at <= $2)))"
    "  OR (d.due_reminded_at IS NULL AND d.due_at > $2 AND d.due_at - $3 <= $2"
    "  AND (d.reported_at <= 0 OR d.due_at <= d.reported_at"
    "  OR d.due_at - (d.due_at - d.reported_at) / 2 <= $2))"
    "  OR (d.due_escalated_at IS NULL AND d.due_at <= $2)"
    "  OR EXISTS (SELECT 1 FROM legal_deadlines l WHERE l.tenant_id = d.tenant_id"
    "  AND l.deviation_id = d.id AND l.notified_at IS NULL AND l.done_at IS NULL"
    "  AND l.due_at <= $2))"
    " ORDER BY d.id";
/* Inside the row's transaction: a clock another tick told of meanwhile
 * (the server's and cron's) is marked, and not told of twice. */
static const char SQL_TICK_LEGAL[] =
    "SELECT l.authority, l.due_at FROM legal_deadlines l WHERE l.tenant_id = $1"
    " AND l.deviation_id = $2 AND l.notified_at IS NULL AND l.done_at IS NULL"
    " AND l.due_at <= $3 ORDER BY l.authority";
static const char SQL_TICK_LEGAL_NOTIFIED[] =
    "UPDATE legal_deadlines SET notified_at = $4 WHERE tenant_id = $1"
    " AND deviation_id = $2 AND authority = $3";
static const char SQL_MARK_ACK_REMINDED[] =
    "UPDATE deviations SET ack_reminded_at = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_MARK_DUE_REMINDED[] =
    "UPDATE deviations SET due_reminded_at = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_MARK_ACK_ESCALATED[] =
    "UPDATE deviations SET ack_escalated_at = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_MARK_DUE_ESCALATED[] =
    "UPDATE deviations SET due_escalated_at = $3 WHERE tenant_id = $1 AND id = $2";

struct due {
	int64_t		 id, handler, ack_due, due;
	int64_t		 reported;	/* the deadlines count from it */
	const char	*handler_role;	/* NULL: the handler unit's leaders */
	const char	*title;
	enum dev_kind	 kind;		/* named in the e-mail */
	int64_t		 unit_id;
	int		 concerns_leader;
	int		 is_new;
	int		 ack_reminded, due_reminded, ack_escalated, due_escalated;
};

/* Whom one tick's summary of history reaches (fire): the person, their
 * summary notice once made (0: not yet), the rows it counts, and the last
 * row counted (a row whose acknowledge and close deadlines both passed
 * is one row). Grows in the arena; few: the leaders escalation reaches. */
struct hist_to {
	int64_t	person, note, rows, last_dev;
};
struct hist {
	struct hist_to	*v;
	size_t		 n, cap;
};

/* Count row x->id in the summary of each of ids[0..n), and write each
 * one's summary notice (made the first time, its count changed after),
 * in the caller's transaction: the row's mark, its event and the count
 * that includes it stand or fall together. The notices newly made, or
 * negative. */
static int
hist_count(struct ctx *ctx, struct hist *h, const struct due *x,
    const int64_t *ids, size_t n)
{
	struct hist_to	*t;
	const char	*text;
	int64_t		 digest = ctx->mail_digest;
	size_t		 i, j;
	int		 rc = 0, made = 0;

	/* Its e-mail is history's too: the next digest (dev_int.h). */
	ctx->mail_digest = ctx->now;
	for (i = 0; i < n && rc == 0; i++) {
		for (j = 0; j < h->n && h->v[j].person != ids[i]; j++)
			;
		if (j == h->n) {
			if (dev_vec_grow(ctx, (void **)&h->v, h->n, &h->cap,
			    sizeof(*h->v)) != 0) {
				rc = DB_ERR;
				break;
			}
			t = &h->v[h->n++];
			memset(t, 0, sizeof(*t));
			t->person = ids[i];
		}
		t = &h->v[j];
		if (t->last_dev == x->id)
			continue;
		t->last_dev = x->id;
		t->rows++;
		/* The count alone: notify/ words it in the reader's language
		 * when it is read (an `orden tick` from cron runs in the C
		 * locale, and would write English). */
		if ((text = arena_printf(ctx->arena, "%lld",
		    (long long)t->rows)) == NULL) {
			rc = DB_ERR;
			break;
		}
		if (t->note == 0)
			made++;
		rc = notify_summary(ctx, t->person, NOTIFY_OVERDUE_SUMMARY,
		    text, &t->note);
	}
	ctx->mail_digest = digest;
	return rc < 0 ? rc : made;
}

/* Remove from ids the leader a report is about when it was routed above
 * them (authz/policy.c is_concerned_leader): also when they lead the
 * handler unit too, they are never told of it (report.c tells nobody of
 * them at first either). */
static int
drop_concerned(struct ctx *ctx, const struct due *x, int64_t *ids, size_t *n)
{
	int64_t l;

	if (!x->concerns_leader || x->handler_role != NULL ||
	    (l = deviation_concerned_unit(ctx, x->unit_id)) <= 0 ||
	    l == x->handler || !org_unit_within(ctx, l, x->handler))
		return 0;
	return dev_drop_leaders(ctx, l, ids, n);
}

/* One reminder or escalation: the mark, the event, the notices. An
 * escalation of a deadline that passed more than DEV_HISTORY_SECONDS
 * before now (history: an imported archive, a server down for weeks) is
 * marked and has its event as any, but its notices are one summary per
 * recipient for the whole tick (hist) instead of one per row: a chief
 * executive whose "Beskjeder" held 25,413 escalations of old deadlines
 * after an import stopped reading them. Returns the number of notices
 * made, or negative. */
static int
fire(struct ctx *ctx, const struct due *x, struct hist *hist,
    const char *mark_sql, const char *event, const char *which,
    const char *kind, int64_t deadline)
{
	int64_t	*ids;
	size_t	 n;
	int	 rc;

	if ((rc = DB_RUN(ctx->conn, ctx->tenant_id, mark_sql,
	    DB_I(x->id), DB_I(ctx->now))) != 0)
		return rc;
	if ((rc = dev_event_add(ctx, x->id, event, 0, NULL, which)) != 0)
		return rc;
	/* One routed to a role has nobody above it: its escalation goes to
	 * the role's holders again, never to the chief executive. */
	if (strcmp(kind, "escalation") == 0 && x->handler_role == NULL)
		rc = dev_escalation_targets(ctx, x->handler, &ids, &n);
	else
		rc = dev_handlers_for(ctx, x->handler, x->handler_role, 0,
		    &ids, &n);
	if (rc != 0 || (rc = drop_concerned(ctx, x, ids, &n)) != 0)
		return rc;
	if (strcmp(kind, "escalation") == 0 &&
	    ctx->now - deadline > DEV_HISTORY_SECONDS)
		return hist_count(ctx, hist, x, ids, n);
	return dev_notify_many(ctx, ids, n, x->id, x->kind, kind, x->title);
}

/* A legal clock that ran out, and when. */
struct legal {
	const char	*authority;
	int64_t		 due;
};

static int
legal_notices(struct ctx *ctx, const struct due *x)
{
	struct dbstmt	*st;
	struct legal	*auth = NULL;
	const char	*text;
	int64_t		*ids, digest = ctx->mail_digest;
	size_t		 len = 0, cap = 0, i, n;
	int		 rc, told, made = 0;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TICK_LEGAL,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, x->id);
	db_bind_int(st, 3, ctx->now);
	while ((rc = db_step(st)) == DB_ROW) {
		if (dev_vec_grow(ctx, (void **)&auth, len, &cap, sizeof(*auth)) != 0 ||
		    (auth[len].authority = arena_strdup(ctx->arena,
		    db_col_text(st, 0))) == NULL) {
			rc = DB_ERR;
			break;
		}
		auth[len++].due = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if (len == 0)
		return 0;
	if ((rc = dev_handlers_for(ctx, x->handler, x->handler_role, 0, &ids,
	    &n)) != 0 || (rc = drop_concerned(ctx, x, ids, &n)) != 0)
		return rc;
	for (i = 0; i < len; i++) {
		if ((text = arena_printf(ctx->arena, "%s: %s", auth[i].authority,
		    x->title)) == NULL)
			return DB_ERR;
		/* A clock that ran out long ago is history, as an
		 * escalation's deadline is (fire). */
		if (ctx->now - auth[i].due > DEV_HISTORY_SECONDS)
			ctx->mail_digest = ctx->now;
		told = dev_notify_many(ctx, ids, n, x->id, x->kind, "legal",
		    text);
		ctx->mail_digest = digest;
		if (told < 0)
			return told;
		/* Marked once told, with the notices: a clock nobody could be
		 * told of (a unit without a leader) is tried again next tick,
		 * as before the mark. */
		if (told > 0 && (rc = DB_RUN(ctx->conn, ctx->tenant_id,
		    SQL_TICK_LEGAL_NOTIFIED, DB_I(x->id), DB_T(auth[i].authority),
		    DB_I(ctx->now))) != 0)
			return rc;
		made += told;
	}
	return made;
}

/* When to remind of a deadline due that counts from `from`: `lead` before
 * it, but at most half the time given. A category that gives 24 h to
 * acknowledge, with the default lead of 24 h, reminded the leader in the
 * first minute, beside the notice that the report had come. */
static int64_t
remind_at(int64_t due, int64_t from, int64_t lead)
{
	if (due == INT64_MAX)
		return INT64_MAX;
	if (from > 0 && due > from && lead > (due - from) / 2)
		lead = (due - from) / 2;
	return due - lead;
}

static int
tick_one(struct ctx *ctx, const struct due *x, struct hist *hist, int64_t lead)
{
	int64_t	now = ctx->now;
	int	rc, made = 0;

#define FIRE(...) do { \
	if ((rc = fire(ctx, x, hist, __VA_ARGS__)) < 0) \
		return rc; \
	made += rc; \
} while (0)
	/* A reminder only before its deadline: once it has passed, the
	 * escalation says more. */
	if (x->is_new && !x->ack_reminded &&
	    now >= remind_at(x->ack_due, x->reported, lead) && now < x->ack_due)
		FIRE(SQL_MARK_ACK_REMINDED, "reminder", "ack", "reminder",
		    x->ack_due);
	if (x->is_new && !x->ack_escalated && now >= x->ack_due)
		FIRE(SQL_MARK_ACK_ESCALATED, "escalated", "ack", "escalation",
		    x->ack_due);
	if (!x->due_reminded && now >= remind_at(x->due, x->reported, lead) &&
	    now < x->due)
		FIRE(SQL_MARK_DUE_REMINDED, "reminder", "due", "reminder",
		    x->due);
	if (!x->due_escalated && now >= x->due)
		FIRE(SQL_MARK_DUE_ESCALATED, "escalated", "due", "escalation",
		    x->due);
#undef FIRE
	if ((rc = legal_notices(ctx, x)) < 0)
		return rc;
	return made + rc;
}

/* In a test build, ORDEN_TEST_TICK_SLOW_MS=N makes each deviation's
 * transaction of the tick last N ms longer, holding the write lock: a
 * test sees sign-ins and reports beside a long tick on a small database,
 * whatever the machine's speed. 0 when unset. */
static long
test_slow_ms(void)
{
	const char	*v;
	int64_t		 n;

	if ((v = test_getenv("ORDEN_TEST_TICK_SLOW_MS")) == NULL ||
	    num_parse_i64(v, 1, 1000, &n) != 0)
		return 0;
	return (long)n;
}

static int
tick_one_slow(struct ctx *ctx, const struct due *x, struct hist *hist,
    int64_t lead, long slow)
{
	struct timespec	 ts;
	int		 rc;

	rc = tick_one(ctx, x, hist, lead);
	if (slow > 0) {
		ts.tv_sec = slow / 1000;
		ts.tv_nsec = (slow % 1000) * 1000000L;
		nanosleep(&ts, NULL);
	}
	return rc;
}

int
deviation_tick(struct ctx *ctx)
{
	struct dev_settings	 set;
	struct person		*user = ctx->user;
	struct dbstmt		*st;
	struct due		*v = NULL, *x;
	struct hist		 hist = { NULL, 0, 0 };
	size_t			 len = 0, cap = 0, i;
	int64_t			 lead;
	long			 slow = test_slow_ms();
	char			 num[32];
	int			 rc, own, made = 0;

	if ((rc = dev_settings_get(ctx, &set)) != 0)
		return rc;
	lead = (int64_t)set.remind_hours * 3600;
	/* Reminders and escalations are the system's doing, whoever runs it. */
	ctx->user = NULL;
	/* Read first, then write: no statement stays open across the updates. */
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TICK_OPEN,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, ctx->now);
	db_bind_int(st, 3, lead);
	while ((rc = db_step(st)) == DB_ROW) {
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		x = &v[len++];
		x->id = db_col_int(st, 0);
		x->title = arena_strdup(ctx->arena, db_col_text(st, 1));
		x->is_new = strcmp(db_col_text(st, 2), "new") == 0;
		x->handler = db_col_int(st, 3);
		x->ack_due = db_col_is_null(st, 4) ? INT64_MAX : db_col_int(st, 4);
		x->due = db_col_is_null(st, 5) ? INT64_MAX : db_col_int(st, 5);
		x->ack_reminded = !db_col_is_null(st, 6);
		x->due_reminded = !db_col_is_null(st, 7);
		x->ack_escalated = !db_col_is_null(st, 8);
		x->due_escalated = !db_col_is_null(st, 9);
		x->handler_role = arena_strdup(ctx->arena, db_col_text(st, 10));
		x->unit_id = db_col_int(st, 11);
		x->concerns_leader = db_col_int(st, 12) != 0;
		x->reported = db_col_int(st, 13);
		if (dev_kind_parse(db_col_text(st, 14), &x->kind) != 0)
			x->kind = DEV_DEVIATION;
		if (x->title == NULL) {
			rc = DB_ERR;
			break;
		}
	}
	db_reset(st);
	if (rc != DB_DONE) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	/* The rows this tick read, for the operator: each costs a
	 * transaction, so a count that grows with history, not with what
	 * falls due, is a tick that reads old rows again. */
	if (len > 0) {
		snprintf(num, sizeof(num), "%zu", len);
		log_event("deviation_tick", "tenant", ctx->tenant_name != NULL ?
		    ctx->tenant_name : "", "rows", num, NULL);
	}
	/* One transaction per deviation: each one's marks, events and
	 * notices stand or fall together, and a tick over a long backlog
	 * (an import, a server that was down) never holds the write lock
	 * for longer than one deviation takes. That alone did not let
	 * sign-ins and reports in between (SQLite's busy wait polls, and
	 * the tick begins again at once); in the server every write now
	 * waits in one line (store/sqlite_turn.c), so the tick's next
	 * transaction comes after the writers that queued during this one. */
	rc = 0;
	for (i = 0; i < len && !shutdown_begun(); i++) {
		if ((rc = db_tx_join(ctx->conn, &own)) != 0)
			goto out;
		rc = db_tx_finish(ctx->conn, own,
		    tick_one_slow(ctx, &v[i], &hist, lead, slow));
		if (rc < 0)
			goto out;
		made += rc;
	}
	rc = made;
out:
	ctx->user = user;
	return rc;
}
