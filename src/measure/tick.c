/* tick.c: measures whose due date has come and that are not done are
 * announced once to the systems that listen (webhook measure.due), marked
 * (measures.due_noticed_at, migration 0035) so it is posted once. Their
 * owner is reminded once when the due date is near (MEASURE_REMIND_DAYS;
 * measures.remind_noticed_at, migration 0076): a risk's measure had no
 * clock of its own that told its owner, and a deviation's deadlines tell
 * its handler, not the person who is to carry the measure out. An owner
 * who has been made inactive reads nothing any more: their reminder goes
 * to the leaders of the unit that answers for the subject instead
 * (measure_units), as "measure_due_left", which says the owner has left. */
#include "measure/measure.h"

#include <string.h>

#include "ctx.h"
#include "notify/notify.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "store/store_vals.h"
#include "util/arena.h"

#define DUE_BATCH	100	/* per tick; the rest the next minute */
#define MEASURE_REMIND_DAYS	3
/* A measure given less than a day ago was just announced to its owner
 * ("measure"): no reminder on top of it. */
#define MEASURE_REMIND_FRESH	86400
/* Deeper than any unit tree the import accepts: a bound on the walk. */
#define MEASURE_UNIT_DEPTH	32

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

/* Who is reminded of a measure owned by owner: the owner while active
 * (*n 1, *left 0); else the active leaders of the nearest unit, from the
 * subject's own up the tree, that has any (*left 1; *n may be 0 when
 * nobody leads any of them, or the kind names no unit). 0 or an error. */
static int
reminded(struct ctx *ctx, enum measure_subject kind, int64_t subject_id,
    int64_t owner, int64_t **who, size_t *n, int *left)
{
	struct person	p;
	struct unit	u;
	int64_t		unit = 0;
	int		rc, i;

	*left = 0;
	*n = 0;
	if ((rc = org_person_get(ctx, owner, &p)) == 0 && p.active) {
		if ((*who = arena_alloc(ctx->arena, sizeof(**who))) == NULL)
			return DB_ERR;
		(*who)[0] = owner;
		*n = 1;
		return 0;
	}
	if (rc != 0 && rc != -1)
		return rc;
	*left = 1;
	if (kind >= MS_MAX || measure_units[kind] == NULL)
		return 0;
	if ((rc = measure_units[kind](ctx, subject_id, &unit)) != 0)
		return rc == MEASURE_ERR_NOTFOUND ? 0 : rc;
	for (i = 0; i < MEASURE_UNIT_DEPTH && unit > 0; i++) {
		if ((rc = org_role_holders(ctx, ROLE_LEADER, unit, who, NULL,
		    n)) != 0)
			return rc;
		if (*n > 0)
			return 0;
		if ((rc = org_unit_get(ctx, unit, &u)) != 0)
			return rc == -1 ? 0 : rc;
		unit = u.parent_id;
	}
	return 0;
}

/* Whether the subject of a measure is still open: 1, 0 when it is closed
 * or gone (its measures are off "Mine tiltak" and can no longer be marked
 * done, so nobody is reminded of them), or negative on error. */
static int
subject_open(struct ctx *ctx, enum measure_subject kind, int64_t subject_id)
{
	struct my_measure	scratch;
	int			rc;

	if (kind >= MS_MAX || measure_subjects[kind] == NULL)
		return 1;
	memset(&scratch, 0, sizeof(scratch));
	rc = measure_subjects[kind](ctx, subject_id, &scratch);
	return rc == MEASURE_ERR_NOTFOUND ? 0 : rc;
}

/* Mark one and remind its owner (or, when they have left, the leaders
 * who answer for it), in one transaction: 0 or a DB_* error. The notice
 * names the deviation (its link) when the measure is one's, and says the
 * measure's own words: a sentence written here would be in the ticker's
 * language (cron's C locale), not the reader's. A measure of a closed
 * subject is marked and nobody told, so it is not read again each tick. */
static int
remind(struct ctx *ctx, int64_t id, enum measure_subject kind,
    int64_t subject_id, int64_t owner, const char *text)
{
	int64_t	*who = NULL;
	size_t	 n = 0, i;
	int	 rc, own, left = 0, open = 0;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	rc = DB_RUN(ctx->conn, ctx->tenant_id, SQL_MARK_REMIND, DB_I(id),
	    DB_I(ctx->now));
	/* Another ticker got there first: nothing to send. */
	if (rc == 0 && db_changes(ctx->conn) == 1 &&
	    (open = subject_open(ctx, kind, subject_id)) < 0)
		rc = open;
	if (rc == 0 && open > 0)
		rc = reminded(ctx, kind, subject_id, owner, &who, &n, &left);
	for (i = 0; rc == 0 && i < n; i++)
		rc = notify_send(ctx, who[i], kind == MS_DEVIATION ?
		    subject_id : 0, left ? "measure_due_left" : "measure_due",
		    text);
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
