/* tick.c: the yearly review reminder. An assessment whose review date is
 * within REVIEW_LEAD days (or past) tells the leaders of its unit once;
 * moving the date (a review) arms it again. Run by `orden tick` and the
 * server's ticker beside the deviation deadlines; time is ctx->now, which
 * the tests move with the harness clock. */
#include "risk/risk.h"

#include "ctx.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"

#define REVIEW_LEAD	(30 * 86400)

static const char SQL_DUE[] =
    "SELECT id, unit_id, title FROM risk_assessments WHERE tenant_id = $1"
    " AND review_due IS NOT NULL AND review_due <= $2 AND review_noticed = 0"
    " ORDER BY id LIMIT 200";
static const char SQL_NOTICED[] =
    "UPDATE risk_assessments SET review_noticed = 1 WHERE tenant_id = $1"
    " AND id = $2";

struct due { int64_t id, unit; const char *title; };

static int
tell(struct ctx *ctx, const struct due *d)
{
	struct dbstmt	*st;
	int64_t		*who;
	size_t		 n, i;
	int		 rc, sent = 0;

	if ((rc = org_role_holders(ctx, ROLE_LEADER, d->unit, &who, NULL, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = notify_send(ctx, who[i], 0, "risk_review",
		    arena_printf(ctx->arena, _("A risk assessment is due for its yearly review: %s"),
		    d->title))) != 0)
			return rc;
		sent++;
	}
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_NOTICED,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, d->id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? sent : (rc < 0 ? rc : DB_ERR);
}

int
risk_tick(struct ctx *ctx)
{
	struct dbstmt	*st;
	struct due	 v[200];
	size_t		 n = 0, i;
	int		 rc, own, total = 0;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DUE, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, ctx->now + REVIEW_LEAD);
	while (n < 200 && (rc = db_step(st)) == DB_ROW) {
		v[n].id = db_col_int(st, 0);
		v[n].unit = db_col_int(st, 1);
		v[n].title = arena_strdup(ctx->arena, db_col_text(st, 2));
		n++;
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < n; i++) {
		if (v[i].title == NULL)
			return DB_ERR;
		if ((rc = db_tx_join(ctx->conn, &own)) != 0)
			return rc;
		rc = tell(ctx, &v[i]);
		if ((rc = db_tx_finish(ctx->conn, own, rc)) < 0)
			return rc;
		total += rc;
	}
	return total;
}

int
risk_review_reminded(struct ctx *ctx, int64_t unit_id)
{
	int64_t	*who;
	size_t	 n, i;
	int	 rc;

	if (ctx->user == NULL)
		return 0;
	/* The same people tell() writes to. */
	if ((rc = org_role_holders(ctx, ROLE_LEADER, unit_id, &who, NULL, &n))
	    != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (who[i] == ctx->user->id)
			return 1;
	return 0;
}
