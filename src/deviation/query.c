/* query.c: reading deviations: one by id, and lists under a scope and a
 * filter, one page at a time (list.c). The scope is applied in the WHERE
 * clause, so a list can never show a row the scope does not allow. */
#include "deviation/deviation.h"

#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "deviation/dev_int.h"
#include "deviation/dev_sql.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_DEV_GET[] =
    "SELECT " DEV_SQL_COLS DEV_SQL_FROM " WHERE d.tenant_id = $1 AND d.id = $2";

static const char *
col_str(struct ctx *ctx, struct dbstmt *st, int i)
{
	return arena_strdup(ctx->arena, db_col_text(st, i));
}

static int64_t
col_i64(struct dbstmt *st, int i)
{
	return db_col_is_null(st, i) ? 0 : db_col_int(st, i);
}

int
dev_row_fill(struct ctx *ctx, struct dbstmt *st, struct deviation *d)
{
	enum dev_kind	k;
	enum dev_status	s;

	memset(d, 0, sizeof(*d));
	d->id = db_col_int(st, 0);
	d->number = col_str(ctx, st, 1);
	if (dev_kind_parse(db_col_text(st, 2), &k) != 0 ||
	    dev_status_parse(db_col_text(st, 20), &s) != 0)
		return DB_ERR;	/* a value this build does not know */
	d->kind = k;
	d->title = col_str(ctx, st, 3);
	d->description = col_str(ctx, st, 4);
	d->category_id = col_i64(st, 5);
	d->category_code = col_str(ctx, st, 6);
	d->category_name = col_str(ctx, st, 7);
	d->unit_id = col_i64(st, 8);
	d->unit_name = col_str(ctx, st, 9);
	d->handler_unit_id = col_i64(st, 10);
	d->place = col_str(ctx, st, 11);
	d->occurred_at = col_i64(st, 12);
	d->reported_at = col_i64(st, 13);
	d->reporter_id = col_i64(st, 14);
	d->reporter_name = col_str(ctx, st, 15);
	d->severity = (int)col_i64(st, 16);
	d->immediate_action = col_str(ctx, st, 17);
	d->concerns_leader = (int)col_i64(st, 18);
	d->personal_data = (int)col_i64(st, 19);
	d->status = s;
	d->ack_due_at = col_i64(st, 21);
	d->due_at = col_i64(st, 22);
	d->acknowledged_at = col_i64(st, 23);
	d->closed_at = col_i64(st, 24);
	d->cause = col_str(ctx, st, 25);
	d->consequence = col_str(ctx, st, 26);
	d->summary = col_str(ctx, st, 27);
	d->return_reason = col_str(ctx, st, 28);
	d->handler_role = col_str(ctx, st, 29);
	d->document_id = col_i64(st, 30);
	d->category_safety = col_i64(st, 31) != 0;
	d->overdue = dev_is_overdue(d, ctx->now);
	if (d->number == NULL || d->title == NULL || d->description == NULL)
		return DB_ERR;
	return 0;
}

int
deviation_get(struct ctx *ctx, int64_t id, struct deviation *out)
{
	struct dbstmt	*st;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (id <= 0)
		return DEV_ERR_NOTFOUND;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DEV_GET, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = dev_row_fill(ctx, st, out);
	else if (rc == DB_DONE)
		rc = DEV_ERR_NOTFOUND;
	db_reset(st);
	if (rc != 0)
		return rc;
	return dev_legal_list(ctx, id, &out->legal, &out->nlegal);
}

void
deviation_audit_read(struct ctx *ctx, const struct deviation *d)
{
	if (d == NULL || !d->personal_data)
		return;
	if (ctx->user != NULL && ctx->user->id == d->reporter_id)
		return;
	/* Failure is logged by audit_append; a read is not undone for it. */
	(void)audit_append(ctx, "deviation_read", "deviation", d->id, d->number);
}

