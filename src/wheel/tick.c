/* tick.c: the wheel's reminders (orden tick and the server's ticker). For
 * each open occurrence whose lead time has come: one "wheel" notification
 * to each person it is assigned to; when its day has ended undone, one
 * more. Each fires once (wheel_occurrences.reminded_at, overdue_at), so a
 * second run at the same time sends nothing. The text is the task's title
 * and the due date: the wheel is no secret. */
#include "wheel/wheel.h"

#include <string.h>

#include "ctx.h"
#include "notify/notify.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "wheel/wheel_int.h"

/* Occurrences older than this are not chased (a task created with a
 * start date long ago must not flood anyone). */
#define TICK_BACK_DAYS	31

static const char SQL_MARKS[] =
    "SELECT reminded_at, overdue_at, outcome FROM wheel_occurrences"
    " WHERE tenant_id = $1 AND task_id = $2 AND due_on = $3";
static const char SQL_MARK_INSERT[] =
    "INSERT INTO wheel_occurrences (tenant_id, task_id, due_on, reminded_at,"
    " overdue_at) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_MARK_UPDATE[] =
    "UPDATE wheel_occurrences SET reminded_at = $4, overdue_at = $5"
    " WHERE tenant_id = $1 AND task_id = $2 AND due_on = $3";

/* The people the task is for: the person, or the holders of the role for
 * the task's unit and tenant-wide (as wheel_assigned reads it). When
 * nobody holds that role there (a unit without a safety representative,
 * a leader who left), the quality advisers who plan the wheel are told
 * instead: the occurrence is marked reminded either way, and a duty
 * nobody hears of is a duty that is silently missed. */
static int
recipients(struct ctx *ctx, const struct wheel_task *t, int64_t **out,
    size_t *n)
{
	int64_t	*a = NULL, *b = NULL, *v;
	size_t	 na = 0, nb = 0, i, j, k = 0;
	int	 rc;

	*out = NULL;
	*n = 0;
	if (t->role < 0) {
		if ((v = arena_alloc(ctx->arena, sizeof(*v))) == NULL)
			return DB_ERR;
		v[0] = t->person_id;
		*out = v;
		*n = t->person_id != 0;
		return 0;
	}
	if ((rc = org_role_holders(ctx, (enum role)t->role, t->unit_id, &a, NULL,
	    &na)) != 0)
		return rc;
	if (t->unit_id != 0 && (rc = org_role_holders(ctx, (enum role)t->role, 0,
	    &b, NULL, &nb)) != 0)
		return rc;
	if ((v = arena_alloc(ctx->arena, (na + nb + 1) * sizeof(*v))) == NULL)
		return DB_ERR;
	for (i = 0; i < na; i++)
		v[k++] = a[i];
	for (i = 0; i < nb; i++) {
		for (j = 0; j < k && v[j] != b[i]; j++)
			;
		if (j == k)
			v[k++] = b[i];
	}
	if (k == 0 && t->role != ROLE_QUALITY) {
		if ((rc = org_role_holders(ctx, ROLE_QUALITY, 0, &a, NULL, &na))
		    != 0)
			return rc;
		if ((v = arena_alloc(ctx->arena, (na + 1) * sizeof(*v))) == NULL)
			return DB_ERR;
		for (i = 0; i < na; i++)
			v[k++] = a[i];
	}
	*out = v;
	*n = k;
	return 0;
}

/* One occurrence, in its own transaction: 0.. notifications sent, or an
 * error. */
static int
one(struct ctx *ctx, const struct wheel_task *t, int64_t due, int64_t today)
{
	struct dbstmt	*st;
	int64_t		*to, reminded = 0, overdue = 0;
	size_t		 nto, i;
	char		 iso[11];
	const char	*text;
	int		 rc, exists = 0, settled = 0, want_remind, want_overdue;
	int		 sent = 0, own;

	wheel_day_iso(due, iso);
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MARKS, &st))
	    != DB_OK)
		goto out;
	db_bind_int(st, 2, t->id);
	db_bind_text(st, 3, iso);
	if ((rc = db_step(st)) == DB_ROW) {
		exists = 1;
		reminded = db_col_is_null(st, 0) ? 0 : db_col_int(st, 0);
		overdue = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
		settled = !db_col_is_null(st, 2);	/* nothing to chase */
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	if (settled) {
		rc = 0;
		goto out;
	}
	want_remind = reminded == 0;
	want_overdue = overdue == 0 && due < today;
	if (!want_remind && !want_overdue) {
		rc = 0;
		goto out;
	}
	if ((rc = recipients(ctx, t, &to, &nto)) != 0)
		goto out;
	text = arena_printf(ctx->arena, "%s (%s)", t->title, iso);
	for (i = 0; rc == 0 && i < nto; i++) {
		if (want_remind && (rc = notify_send(ctx, to[i], 0, "wheel",
		    text)) == 0)
			sent++;
		/* An occurrence first seen after its day gets one notice, not
		 * two. */
		if (rc == 0 && want_overdue && !want_remind &&
		    (rc = notify_send(ctx, to[i], 0, "wheel_overdue", text)) == 0)
			sent++;
	}
	if (rc != 0)
		goto out;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    exists ? SQL_MARK_UPDATE : SQL_MARK_INSERT, &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, t->id);
	db_bind_text(st, 3, iso);
	db_bind_int(st, 4, reminded != 0 ? reminded : ctx->now);
	if (want_overdue || overdue != 0)
		db_bind_int(st, 5, overdue != 0 ? overdue : ctx->now);
	else
		db_bind_null(st, 5);
	rc = db_step(st);
	db_reset(st);
	rc = rc == DB_DONE ? sent : rc < 0 ? rc : DB_ERR;
out:
	return db_tx_finish(ctx->conn, own, rc);
}

int
wheel_tick(struct ctx *ctx)
{
	struct wheel_task	*tasks;
	int64_t			 days[64], today = wheel_day_of(ctx->now), from;
	size_t			 n, i;
	long			 nd, j;
	int			 rc, total = 0;

	if ((rc = wheel_task_list(ctx, &tasks, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		from = today - TICK_BACK_DAYS;
		if (from < tasks[i].starts_on)
			from = tasks[i].starts_on;
		nd = wheel_rule_between(&tasks[i].rule, from,
		    today + tasks[i].lead_days, days, 64);
		for (j = 0; j < nd && j < 64; j++) {
			if ((rc = one(ctx, &tasks[i], days[j], today)) < 0)
				return rc;
			total += rc;
		}
	}
	return total;
}
