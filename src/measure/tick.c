/* tick.c: measures whose due date has come and that are not done are
 * announced once to the systems that listen (webhook measure.due), marked
 * (measures.due_noticed_at, migration 0035) so it is posted once. Their
 * owner is reminded once when the due date is near (MEASURE_REMIND_DAYS;
 * measures.remind_noticed_at, migration 0076): a risk's measure had no
 * clock of its own that told its owner, and a deviation's deadlines tell
 * its handler, not the person who is to carry the measure out. */
#include "measure/measure.h"

#include "ctx.h"
#include "notify/notify.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "store/store_vals.h"
#include "util/arena.h"

#define DUE_BATCH	100	/* per tick; the rest the next minute */
#define MEASURE_REMIND_DAYS	3
/* A measure given less than a day ago was just announced to its owner
 * ("measure"): no reminder on top of it. */
#define MEASURE_REMIND_FRESH	86400

static const char SQL_DUE[] =
    "SELECT id, subject_kind, subject_id FROM measures WHERE tenant_id = $1"
    " AND status <> 'done' AND due_at IS NOT NULL AND due_at <= $2"
    " AND due_noticed_at IS NULL ORDER BY id LIMIT 100";
static const char SQL_MARK[] =
    "UPDATE measures SET due_noticed_at = $3 WHERE tenant_id = $1 AND id = $2"
    " AND due_noticed_at IS NULL";

static const char SQL_SOON[] =
    "SELECT id, subject_kind, subject_id, responsible_id, text FROM measures"
    " WHERE tenant_id = $1 AND status <> 'done' AND remind_noticed_at IS NULL"
    " AND due_at IS NOT NULL AND due_at > $2 AND due_at <= $3"
    " AND responsible_id IS NOT NULL AND created_at <= $4"
    " ORDER BY due_at, id LIMIT 100";
static const char SQL_MARK_REMIND[] =
    "UPDATE measures SET remind_noticed_at = $3 WHERE tenant_id = $1"
    " AND id = $2 AND remind_noticed_at IS NULL";

/* Mark one and post it, in one transaction: 0 or a DB_* error. */
static int
notice(struct ctx *ctx, int64_t id, enum measure_subject kind,
    int64_t subject_id)
{
	struct dbstmt	*st;
	int		 rc, own;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MARK, &st))
	    == DB_OK) {
		db_bind_int(st, 2, id);
		db_bind_int(st, 3, ctx->now);
		rc = db_step(st);
		db_reset(st);
		rc = rc == DB_DONE ? 0 : rc < 0 ? rc : DB_ERR;
	}
	/* Another ticker got there first: nothing to post. */
	if (rc == 0 && db_changes(ctx->conn) == 1 && kind < MS_MAX)
		rc = measure_webhook(ctx, kind, subject_id, id, ME_DUE);
	return db_tx_finish(ctx->conn, own, rc);
}

/* Mark one and remind its owner, in one transaction: 0 or a DB_* error.
 * The notice names the deviation (its link) when the measure is one's,
 * and says the measure's own words: a sentence written here would be in
 * the ticker's language (cron's C locale), not the reader's. */
static int
remind(struct ctx *ctx, int64_t id, enum measure_subject kind,
    int64_t subject_id, int64_t owner, const char *text)
{
	int	rc, own;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	rc = DB_RUN(ctx->conn, ctx->tenant_id, SQL_MARK_REMIND, DB_I(id),
	    DB_I(ctx->now));
	/* Another ticker got there first: nothing to send. */
	if (rc == 0 && db_changes(ctx->conn) == 1)
		rc = notify_send(ctx, owner, kind == MS_DEVIATION ? subject_id : 0,
		    "measure_due", text);
	return db_tx_finish(ctx->conn, own, rc);
}

/* The owners of measures due within MEASURE_REMIND_DAYS: how many were
 * reminded, or a DB_* error. */
static int
remind_soon(struct ctx *ctx)
{
	struct dbstmt		*st;
	int64_t			 ids[DUE_BATCH], subj[DUE_BATCH], owner[DUE_BATCH];
	const char		*text[DUE_BATCH];	/* in the arena */
	enum measure_subject	 kinds[DUE_BATCH];
	size_t			 n = 0, i;
	int			 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SOON, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, ctx->now);
	db_bind_int(st, 3, ctx->now + (int64_t)MEASURE_REMIND_DAYS * 86400);
	db_bind_int(st, 4, ctx->now - MEASURE_REMIND_FRESH);
	while (n < DUE_BATCH && (rc = db_step(st)) == DB_ROW) {
		ids[n] = db_col_int(st, 0);
		kinds[n] = measure_subject_parse(db_col_text(st, 1));
		subj[n] = db_col_int(st, 2);
		owner[n] = db_col_int(st, 3);
		if ((text[n] = arena_strdup(ctx->arena, db_col_text(st, 4))) == NULL) {
			rc = DB_ERR;
			break;
		}
		n++;
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < n; i++)
		if ((rc = remind(ctx, ids[i], kinds[i], subj[i], owner[i],
		    text[i])) != 0)
			return rc;
	return (int)n;
}

int
measure_tick(struct ctx *ctx)
{
	struct dbstmt		*st;
	int64_t			 ids[DUE_BATCH], subj[DUE_BATCH];
	enum measure_subject	 kinds[DUE_BATCH];
	size_t			 n = 0, i;
	int			 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DUE, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, ctx->now);
	while (n < DUE_BATCH && (rc = db_step(st)) == DB_ROW) {
		ids[n] = db_col_int(st, 0);
		kinds[n] = measure_subject_parse(db_col_text(st, 1));
		subj[n] = db_col_int(st, 2);
		n++;
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < n; i++)
		if ((rc = notice(ctx, ids[i], kinds[i], subj[i])) != 0)
			return rc;
	return remind_soon(ctx);
}
