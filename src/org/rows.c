/* rows.c: reading people and units into the arena, one way for both: a
 * whole list into a vector, or the one row found by id or by a text key
 * (a login, a code). The caller's fill function knows the columns. */
#include "org/org_int.h"

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

int
org_rows(struct ctx *ctx, const char *sql, size_t sz, org_fill_fn fill,
    void **out, size_t *n)
{
	return org_rows_of(ctx, sql, 0, sz, fill, out, n);
}

int
org_rows_of(struct ctx *ctx, const char *sql, int64_t id, size_t sz,
    org_fill_fn fill, void **out, size_t *n)
{
	struct dbstmt	*st;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st))
	    != DB_OK)
		return rc;
	if (id > 0)
		db_bind_int(st, 2, id);
	return org_rows_read(ctx, st, sz, fill, out, n);
}

int
org_rows_read(struct ctx *ctx, struct dbstmt *st, size_t sz,
    org_fill_fn fill, void **out, size_t *n)
{
	void		*v = NULL;
	size_t		 len = 0, cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, &v, len, &cap, sz) != 0) {
			rc = DB_ERR;
			goto out;
		}
		if ((rc = fill(ctx, st, (char *)v + len++ * sz)) != DB_OK)
			goto out;
	}
	if (rc != DB_DONE)
		goto out;
	rc = DB_OK;
	*out = v;
	*n = len;
out:
	db_reset(st);
	return rc;
}

int
org_row_by(struct ctx *ctx, const char *sql, int64_t id, const char *text,
    org_fill_fn fill, void *out)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	if (text != NULL)
		db_bind_text(st, 2, text);
	else
		db_bind_int(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = fill(ctx, st, out);
	else if (rc == DB_DONE)
		rc = -1;
	db_reset(st);
	return rc;
}
