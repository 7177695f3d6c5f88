/* settings.c: the tenant's whistleblowing deadlines (the acknowledgement
 * deadline is the municipality's to set; the regulations' default is 7 days). */
#include "whistle/whistle.h"
#include "whistle/wb_int.h"

#include <stdio.h>

#include "audit/audit.h"
#include "ctx.h"
#include "store/store.h"
#include "store/store_tx.h"

static const char SQL_DEADLINES_SET[] =
    "INSERT INTO whistle_settings (tenant_id, ack_days, remind_ack_days,"
    " remind_feedback_days) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (tenant_id) DO UPDATE SET ack_days = $2,"
    " remind_ack_days = $3, remind_feedback_days = $4";

int
whistle_deadlines_get(struct ctx *ctx, struct wb_deadlines *out)
{
	struct wb_settings	s;
	int			rc;

	if ((rc = wb_settings_get(ctx, &s)) != 0)
		return rc;
	out->ack_days = s.ack_days;
	out->remind_ack_days = s.remind_ack_days;
	out->remind_feedback_days = s.remind_feedback_days;
	return 0;
}

int
whistle_deadlines_set(struct ctx *ctx, const struct wb_deadlines *d)
{
	struct dbstmt	*st;
	char		 detail[96];
	int		 rc, own = 0;

	if (d->ack_days < 1 || d->ack_days > 90 || d->remind_ack_days < 0 ||
	    d->remind_ack_days > 90 || d->remind_feedback_days < 0 ||
	    d->remind_feedback_days > 90)
		return WB_ERR_INVALID;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DEADLINES_SET,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, d->ack_days);
	db_bind_int(st, 3, d->remind_ack_days);
	db_bind_int(st, 4, d->remind_feedback_days);
	rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
	db_reset(st);
	if (rc != DB_OK)
		goto out;
	snprintf(detail, sizeof(detail), "ack_days=%d remind_ack_days=%d"
	    " remind_feedback_days=%d", d->ack_days, d->remind_ack_days,
	    d->remind_feedback_days);
	rc = audit_append(ctx, "whistle_deadlines_set", "tenant", ctx->tenant_id,
	    detail);
out:
	return db_tx_finish(ctx->conn, own, rc);
}
