/* tick.c: the written status to the control committee (orden tick and the
 * server's ticker): 14 days before a report's deadline, while the status
 * is not sent, the quality adviser and the chief executive are told once
 * (followup_reports.reminded_at). The text is the report's title and the
 * date: nothing in the register is secret to them. */
#include "followup/followup.h"

#include "ctx.h"
#include "notify/notify.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "wheel/rule.h"

#define REMIND_DAYS	14

static const char SQL_DUE[] =
    "SELECT id, title, status_due_on FROM followup_reports WHERE tenant_id = $1"
    " AND status_due_on IS NOT NULL AND status_sent_on IS NULL"
    " AND reminded_at IS NULL AND status_due_on <= $2 ORDER BY id LIMIT 100";
static const char SQL_MARK[] =
    "UPDATE followup_reports SET reminded_at = $3 WHERE tenant_id = $1 AND id = $2";

static int
remind(struct ctx *ctx, int64_t id, const char *text)
{
	static const enum role to[] = { ROLE_QUALITY, ROLE_CHIEF_EXECUTIVE };
	struct dbstmt	*st;
	int64_t		*ids;
	size_t		 n, i, r;
	int		 rc, own, sent = 0;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	for (r = 0; rc == 0 && r < sizeof(to) / sizeof(to[0]); r++) {
		if ((rc = org_role_holders(ctx, to[r], 0, &ids, NULL, &n)) != 0)
			break;
		for (i = 0; rc == 0 && i < n; i++)
			if ((rc = notify_send(ctx, ids[i], 0, "followup", text)) == 0)
				sent++;
	}
	if (rc == 0 && (rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MARK,
	    &st)) == DB_OK) {
		db_bind_int(st, 2, id);
		db_bind_int(st, 3, ctx->now);
		rc = db_step(st);
		db_reset(st);
		rc = rc == DB_DONE ? sent : rc < 0 ? rc : DB_ERR;
	}
	return db_tx_finish(ctx->conn, own, rc);
}

int
followup_tick(struct ctx *ctx)
{
	struct dbstmt	*st;
	int64_t		 ids[100];
	const char	*texts[100];
	char		 limit[11];
	size_t		 n = 0, i;
	int		 rc, total = 0;

	wheel_day_iso(wheel_day_of(ctx->now) + REMIND_DAYS, limit);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DUE, &st))
	    != DB_OK)
		return rc;
	db_bind_text(st, 2, limit);
	while (n < 100 && (rc = db_step(st)) == DB_ROW) {
		ids[n] = db_col_int(st, 0);
		texts[n] = arena_printf(ctx->arena, "%s (%s)", db_col_text(st, 1),
		    db_col_text(st, 2));
		n++;
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < n; i++) {
		if ((rc = remind(ctx, ids[i], texts[i])) < 0)
			return rc;
		total += rc;
	}
	return total;
}

int
followup_reminded(struct ctx *ctx)
{
	static const enum role to[] = { ROLE_QUALITY, ROLE_CHIEF_EXECUTIVE };
	int64_t	*ids;
	size_t	 n, i, r;
	int	 rc;

	if (ctx->user == NULL)
		return 0;
	/* The same people remind() writes to. */
	for (r = 0; r < sizeof(to) / sizeof(to[0]); r++) {
		if ((rc = org_role_holders(ctx, to[r], 0, &ids, NULL, &n)) != 0)
			return rc;
		for (i = 0; i < n; i++)
			if (ids[i] == ctx->user->id)
				return 1;
	}
	return 0;
}
