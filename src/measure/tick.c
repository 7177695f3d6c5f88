/* tick.c: measures whose due date has come and that are not done are
 * announced once to the systems that listen (webhook measure.due). The
 * people are told by their subject's own clock (a deviation's deadlines,
 * a risk's review, the follow-up's status date); this only marks each
 * measure (measures.due_noticed_at, migration 0035) so it is posted once. */
#include "measure/measure.h"

#include "ctx.h"
#include "store/store.h"
#include "store/store_tx.h"

#define DUE_BATCH	100	/* per tick; the rest the next minute */

static const char SQL_DUE[] =
    "SELECT id, subject_kind, subject_id FROM measures WHERE tenant_id = $1"
    " AND status <> 'done' AND due_at IS NOT NULL AND due_at <= $2"
    " AND due_noticed_at IS NULL ORDER BY id LIMIT 100";
static const char SQL_MARK[] =
    "UPDATE measures SET due_noticed_at = $3 WHERE tenant_id = $1 AND id = $2"
    " AND due_noticed_at IS NULL";

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
	return 0;
}
