/* counts_fill.c: the rows of a rebuild of the kept counts, written many to
 * a statement (counts_fill.h). */
#include "deviation/counts_fill.h"

#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "store/store_vals.h"
#include "util/buf.h"

/* Tables a rebuild fills: the count tables of counts.c. */
#define FILL_TABLES	8
/* Values of a row after tenant_id: the widest key (6) and its count. */
#define FILL_VALS	7
/* Rows per statement on PostgreSQL: a round trip saved per row, and at
 * most 7 * 200 + 1 parameters of PostgreSQL's 65,535. SQLite pays nothing
 * per statement but looks up each placeholder by name when binding
 * (store/sqlite_stmt.c), at a cost that grows with the statement, so it
 * gets one row at a time, as before. */
#define FILL_ROWS	200
#define FILL_SQL_MAX	(64u * 1024u)

struct fill_table {
	const char	*sql_add;	/* borrowed; the table's identity */
	size_t		 head;		/* length of its "INSERT INTO t (...)" */
	size_t		 nvals;		/* values per row after tenant_id */
	size_t		 rows;		/* held */
	struct db_val	 v[FILL_ROWS * FILL_VALS];
};

struct counts_fill {
	struct ctx		*ctx;		/* borrowed */
	size_t			 rows_max;
	size_t			 ntables;
	struct fill_table	 t[FILL_TABLES];
	struct buf		 sql;
};

struct counts_fill *
counts_fill_begin(struct ctx *ctx)
{
	struct counts_fill *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->ctx = ctx;
	f->rows_max = strcmp(db_conn_backend(ctx->conn), "sqlite") == 0 ? 1 :
	    FILL_ROWS;
	buf_init(&f->sql, FILL_SQL_MAX);
	return f;
}

/* The statement of the rows held for t: "head VALUES ($1, $2, ...),
 * ($1, ...)" in f->sql. The SQL is the program's own (the head of a
 * constant statement and placeholders), never data. 0 or DB_ERR. */
static int
fill_sql(struct counts_fill *f, const struct fill_table *t)
{
	size_t r, c, k = 2;

	buf_reset(&f->sql);
	buf_append(&f->sql, t->sql_add, t->head);
	buf_puts(&f->sql, " VALUES ");
	for (r = 0; r < t->rows; r++) {
		buf_puts(&f->sql, r > 0 ? ", ($1" : "($1");
		for (c = 0; c < t->nvals; c++)
			buf_printf(&f->sql, ", $%zu", k++);
		buf_putc(&f->sql, ')');
	}
	return buf_failed(&f->sql) ? DB_ERR : 0;
}

/* Write the rows held for t as one statement. 0 or a DB_* error. */
static int
fill_flush(struct counts_fill *f, struct fill_table *t)
{
	struct dbstmt	*st;
	int		 rc;

	if (t->rows == 0)
		return 0;
	/* One row (SQLite's every row, the last of a table on PostgreSQL):
	 * the ADD statement itself, prepared once per connection; the cell
	 * is new, so its ON CONFLICT never acts. */
	if (t->rows == 1)
		rc = db_prepare_tenant(f->ctx->conn, f->ctx->tenant_id,
		    t->sql_add, &st);
	else if ((rc = fill_sql(f, t)) == 0)
		rc = db_prepare_dynamic(f->ctx->conn, f->ctx->tenant_id,
		    buf_cstr(&f->sql), &st);
	if (rc != DB_OK)
		return rc;
	db_bind_vals(st, 2, t->v, t->rows * t->nvals);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	t->rows = 0;
	return 0;
}

int
counts_fill_add(struct counts_fill *f, const char *sql_add,
    const struct db_val *k, size_t nk, int64_t n)
{
	struct fill_table	*t = NULL;
	const char		*values;
	size_t			 i;

	if (nk + 1 > FILL_VALS)
		return DB_ERR;
	for (i = 0; i < f->ntables && t == NULL; i++)
		if (f->t[i].sql_add == sql_add)
			t = &f->t[i];
	if (t == NULL) {
		if (f->ntables == FILL_TABLES ||
		    (values = strstr(sql_add, " VALUES")) == NULL)
			return DB_ERR;
		t = &f->t[f->ntables++];
		t->sql_add = sql_add;
		t->head = (size_t)(values - sql_add);
		t->nvals = nk + 1;
	}
	if (t->nvals != nk + 1)
		return DB_ERR;
	memcpy(&t->v[t->rows * t->nvals], k, nk * sizeof(*k));
	t->v[t->rows * t->nvals + nk] = (struct db_val)DB_I(n);
	t->rows++;
	return t->rows == f->rows_max ? fill_flush(f, t) : 0;
}

int
counts_fill_end(struct counts_fill *f, int rc)
{
	size_t i;

	if (f == NULL)
		return rc;
	for (i = 0; i < f->ntables && rc == 0; i++)
		rc = fill_flush(f, &f->t[i]);
	buf_free(&f->sql);
	free(f);
	return rc;
}
