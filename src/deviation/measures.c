/* measures.c: the measures (tiltak) of a deviation, each with a responsible
 * person and a due date, marked done when done. Changes go through
 * deviation_act (actions.c), which checks the state first. */
#include "deviation/deviation.h"

#include <string.h>

#include "ctx.h"
#include "deviation/dev_int.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_MEASURES[] =
    "SELECT m.id, m.text, m.responsible_id, p.name, m.due_at, m.done_at,"
    " m.done_note FROM measures m"
    " LEFT JOIN people p ON p.id = m.responsible_id AND p.tenant_id = m.tenant_id"
    " WHERE m.tenant_id = $1 AND m.deviation_id = $2 ORDER BY m.id";
static const char SQL_MEASURE_ONE[] =
    "SELECT m.id, m.text, m.responsible_id, p.name, m.due_at, m.done_at,"
    " m.done_note FROM measures m"
    " LEFT JOIN people p ON p.id = m.responsible_id AND p.tenant_id = m.tenant_id"
    " WHERE m.tenant_id = $1 AND m.deviation_id = $2 AND m.id = $3";
static const char SQL_MEASURE_OWNER[] =
    "SELECT 1 FROM measures WHERE tenant_id = $1 AND deviation_id = $2"
    " AND responsible_id = $3 LIMIT 1";
static const char SQL_MY_MEASURES[] =
    "SELECT m.id, m.text, m.responsible_id, p.name, m.due_at, m.done_at,"
    " m.done_note, d.id, d.number, d.title FROM measures m"
    " JOIN deviations d ON d.id = m.deviation_id AND d.tenant_id = m.tenant_id"
    " LEFT JOIN people p ON p.id = m.responsible_id AND p.tenant_id = m.tenant_id"
    " WHERE m.tenant_id = $1 AND m.responsible_id = $2 AND m.done_at IS NULL"
    " AND d.status <> 'closed'"
    " ORDER BY CASE WHEN m.due_at IS NULL THEN 1 ELSE 0 END, m.due_at, m.id"
    " LIMIT 100";

/* The measure columns of the statements above, from column 0. */
static int
measure_fill(struct ctx *ctx, struct dbstmt *st, struct measure *m)
{
	m->id = db_col_int(st, 0);
	m->text = arena_strdup(ctx->arena, db_col_text(st, 1));
	m->responsible_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
	m->responsible_name = arena_strdup(ctx->arena, db_col_text(st, 3));
	m->due_at = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
	m->done_at = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
	m->done_note = arena_strdup(ctx->arena, db_col_text(st, 6));
	return m->text == NULL ? DB_ERR : 0;
}

int
deviation_measures(struct ctx *ctx, int64_t id, struct measure **out, size_t *n)
{
	struct dbstmt	*st;
	struct measure	*v = NULL, *m;
	size_t		 len = 0, cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MEASURES, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			goto out;
		}
		m = &v[len++];
		if ((rc = measure_fill(ctx, st, m)) != 0)
			goto out;
	}
	if (rc != DB_DONE)
		goto out;
	rc = 0;
	*out = v;
	*n = len;
out:
	db_reset(st);
	return rc;
}

int
deviation_measure_get(struct ctx *ctx, int64_t id, int64_t measure_id,
    struct measure *out)
{
	struct dbstmt	*st;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MEASURE_ONE,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, measure_id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = measure_fill(ctx, st, out);
	else
		rc = rc == DB_DONE ? DEV_ERR_NOTFOUND : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	return rc;
}

int
deviation_measure_owner(struct ctx *ctx, int64_t id, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if (id <= 0 || person_id <= 0)
		return 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MEASURE_OWNER,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, person_id);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
deviation_my_measures(struct ctx *ctx, int64_t person_id,
    struct my_measure **out, size_t *n)
{
	struct dbstmt		*st;
	struct my_measure	*v = NULL, *m;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MY_MEASURES,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			goto out;
		}
		m = &v[len++];
		if ((rc = measure_fill(ctx, st, &m->m)) != 0)
			goto out;
		m->deviation_id = db_col_int(st, 7);
		m->number = arena_strdup(ctx->arena, db_col_text(st, 8));
		m->title = arena_strdup(ctx->arena, db_col_text(st, 9));
		if (m->number == NULL || m->title == NULL) {
			rc = DB_ERR;
			goto out;
		}
	}
	if (rc != DB_DONE)
		goto out;
	rc = 0;
	*out = v;
	*n = len;
out:
	db_reset(st);
	return rc;
}
