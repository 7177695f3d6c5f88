/* settings.c: per-tenant settings of the deviation module: the deadlines
 * of improvement proposals (which have no category of their own) and how
 * long before a deadline reminders go out. A tenant without a row gets the
 * schema's defaults. */
#include "deviation/deviation.h"

#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "deviation/dev_int.h"
#include "store/store.h"
#include "util/buf.h"

static const char SQL_SETTINGS_GET[] =
    "SELECT improvement_ack_hours, improvement_close_days, remind_hours,"
    " top_route FROM deviation_settings WHERE tenant_id = $1";
static const char SQL_SETTINGS_SET[] =
    "INSERT INTO deviation_settings (tenant_id, improvement_ack_hours,"
    " improvement_close_days, remind_hours, top_route) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (tenant_id) DO UPDATE SET"
    " improvement_ack_hours = excluded.improvement_ack_hours,"
    " improvement_close_days = excluded.improvement_close_days,"
    " remind_hours = excluded.remind_hours, top_route = excluded.top_route";

/* The roles a deviation about the chief executive may go to. */
static const char *const top_routes[] = { "mayor", "quality", "hr_head" };

/* The static spelling of a valid top_route, else NULL. */
static const char *
top_route_static(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(top_routes) / sizeof(top_routes[0]); i++)
		if (strcmp(s, top_routes[i]) == 0)
			return top_routes[i];
	return NULL;
}

int
dev_top_route_valid(const char *s)
{
	return top_route_static(s) != NULL;
}

int
dev_settings_get(struct ctx *ctx, struct dev_settings *out)
{
	struct dbstmt	*st;
	int		 rc;

	/* The schema's defaults, for a tenant that never saved any. */
	out->improvement_ack_hours = 168;
	out->improvement_close_days = 60;
	out->remind_hours = 24;
	out->top_route = top_routes[0];
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SETTINGS_GET,
	    &st)) != DB_OK)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->improvement_ack_hours = (int)db_col_int(st, 0);
		out->improvement_close_days = (int)db_col_int(st, 1);
		out->remind_hours = (int)db_col_int(st, 2);
		/* An unknown value (a later build's) routes to the default. */
		if (top_route_static(db_col_text(st, 3)) != NULL)
			out->top_route = top_route_static(db_col_text(st, 3));
	}
	db_reset(st);
	return (rc == DB_ROW || rc == DB_DONE) ? 0 : rc;
}

int
dev_settings_set(struct ctx *ctx, const struct dev_settings *s)
{
	struct dbstmt	*st;
	struct buf	 d;
	int		 rc, own;

	if (s->improvement_ack_hours < 1 || s->improvement_ack_hours > 8760 ||
	    s->improvement_close_days < 1 || s->improvement_close_days > 3650 ||
	    s->remind_hours < 0 || s->remind_hours > 720 ||
	    (s->top_route != NULL && !dev_top_route_valid(s->top_route)))
		return DEV_ERR_INVALID;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SETTINGS_SET,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, s->improvement_ack_hours);
	db_bind_int(st, 3, s->improvement_close_days);
	db_bind_int(st, 4, s->remind_hours);
	db_bind_text(st, 5, s->top_route != NULL ? s->top_route : top_routes[0]);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	buf_init(&d, 256);
	buf_printf(&d, "improvement_ack_hours=%d improvement_close_days=%d"
	    " remind_hours=%d top_route=%s", s->improvement_ack_hours,
	    s->improvement_close_days, s->remind_hours,
	    s->top_route != NULL ? s->top_route : top_routes[0]);
	rc = audit_append(ctx, "dev_settings_update", "tenant", ctx->tenant_id,
	    buf_cstr(&d));
	buf_free(&d);
out:
	return db_tx_finish(ctx->conn, own, rc);
}
