/* counts.c: the counts of deviations kept on write (counts.h). One cell
 * per (unit, handler unit, category, kind, status, local month reported)
 * in deviation_counts, and for a closed deviation one cell per (unit,
 * handler unit, category, kind, local month closed, days-to-close bucket)
 * in deviation_close_days; dev_counts_moved is the single place that
 * changes them, called once by each path that writes a deviation's cell
 * (report, deviation_act for every action; import and the demo go through
 * those). A recount (check, rebuild) reads the deviations once and counts
 * in a hash table of cells, so its memory follows the number of cells,
 * not of deviations. */
#include "deviation/counts.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "deviation/counts_fill.h"
#include "deviation/dev_int.h"
#include "store/group.h"
#include "store/store.h"
#include "store/store_vals.h"
#include "util/date.h"

static const char SQL_CELL_OF[] =
    "SELECT kind, status, unit_id, handler_unit_id, category_id,"
    " reported_at, closed_at FROM deviations WHERE tenant_id = $1 AND id = $2";
static const char SQL_ADD[] =
    "INSERT INTO deviation_counts (tenant_id, unit_id, handler_unit_id,"
    " category_id, kind, status, month, n)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (tenant_id, month, unit_id, handler_unit_id, category_id,"
    " kind, status) DO UPDATE SET n = deviation_counts.n + excluded.n";
/* Each DROP_ZERO names its cell with the parameters of its ADD (keyed_add). */
static const char SQL_DROP_ZERO[] =
    "DELETE FROM deviation_counts WHERE tenant_id = $1 AND unit_id = $2"
    " AND handler_unit_id = $3 AND category_id = $4 AND kind = $5"
    " AND status = $6 AND month = $7 AND n = 0";
static const char SQL_CLOSE_ADD[] =
    "INSERT INTO deviation_close_days (tenant_id, unit_id, handler_unit_id,"
    " category_id, kind, month, days, n)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (tenant_id, month, unit_id, handler_unit_id, category_id,"
    " kind, days) DO UPDATE SET n = deviation_close_days.n + excluded.n";
static const char SQL_CLOSE_DROP_ZERO[] =
    "DELETE FROM deviation_close_days WHERE tenant_id = $1 AND unit_id = $2"
    " AND handler_unit_id = $3 AND category_id = $4 AND kind = $5"
    " AND month = $6 AND days = $7 AND n = 0";
/* The whole tenant's counts (migration 0032): deviation_counts summed
 * over unit and handler unit. */
static const char SQL_SUM_ADD[] =
    "INSERT INTO deviation_counts_all (tenant_id, category_id, kind, status,"
    " month, n) VALUES ($1, $2, $3, $4, $5, $6)"
    " ON CONFLICT (tenant_id, month, category_id, kind, status)"
    " DO UPDATE SET n = deviation_counts_all.n + excluded.n";
static const char SQL_SUM_DROP_ZERO[] =
    "DELETE FROM deviation_counts_all WHERE tenant_id = $1 AND category_id = $2"
    " AND kind = $3 AND status = $4 AND month = $5 AND n = 0";
static const char SQL_ALL_SUM[] =
    "SELECT category_id, kind, status, month, n FROM deviation_counts_all"
    " WHERE tenant_id = $1";
static const char SQL_SUM_CLEAR[] =
    "DELETE FROM deviation_counts_all WHERE tenant_id = $1";
/* The whole tenant's histogram (migration 0032): the same cells summed
 * over unit, handler unit and category. */
static const char SQL_TOTAL_ADD[] =
    "INSERT INTO deviation_close_days_all (tenant_id, kind, month, days, n)"
    " VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (tenant_id, month, kind, days)"
    " DO UPDATE SET n = deviation_close_days_all.n + excluded.n";
static const char SQL_TOTAL_DROP_ZERO[] =
    "DELETE FROM deviation_close_days_all WHERE tenant_id = $1 AND kind = $2"
    " AND month = $3 AND days = $4 AND n = 0";
static const char SQL_ALL_TOTAL[] =
    "SELECT kind, month, days, n FROM deviation_close_days_all"
    " WHERE tenant_id = $1";
static const char SQL_TOTAL_CLEAR[] =
    "DELETE FROM deviation_close_days_all WHERE tenant_id = $1";
/* The counts by year (migration 0042): deviation_counts summed over the
 * months of a year, and the whole tenant's histogram over the closing
 * months of a year. */
static const char SQL_YEAR_ADD[] =
    "INSERT INTO deviation_counts_year (tenant_id, unit_id, handler_unit_id,"
    " category_id, kind, status, year, n)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (tenant_id, year, unit_id, handler_unit_id, category_id,"
    " kind, status) DO UPDATE SET n = deviation_counts_year.n + excluded.n";
static const char SQL_YEAR_DROP_ZERO[] =
    "DELETE FROM deviation_counts_year WHERE tenant_id = $1 AND unit_id = $2"
    " AND handler_unit_id = $3 AND category_id = $4 AND kind = $5"
    " AND status = $6 AND year = $7 AND n = 0";
static const char SQL_ALL_YEAR[] =
    "SELECT kind, status, unit_id, handler_unit_id, category_id, year,"
    " n FROM deviation_counts_year WHERE tenant_id = $1";
static const char SQL_YEAR_CLEAR[] =
    "DELETE FROM deviation_counts_year WHERE tenant_id = $1";
static const char SQL_TOTAL_YEAR_ADD[] =
    "INSERT INTO deviation_close_days_year (tenant_id, kind, year, days, n)"
    " VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (tenant_id, year, kind, days)"
    " DO UPDATE SET n = deviation_close_days_year.n + excluded.n";
static const char SQL_TOTAL_YEAR_DROP_ZERO[] =
    "DELETE FROM deviation_close_days_year WHERE tenant_id = $1 AND kind = $2"
    " AND year = $3 AND days = $4 AND n = 0";
static const char SQL_ALL_TOTAL_YEAR[] =
    "SELECT kind, year, days, n FROM deviation_close_days_year"
    " WHERE tenant_id = $1";
static const char SQL_TOTAL_YEAR_CLEAR[] =
    "DELETE FROM deviation_close_days_year WHERE tenant_id = $1";
/* The counts by unit, handler unit and month (migration 0044):
 * deviation_counts summed over category, kind and status. */
static const char SQL_UNIT_ADD[] =
    "INSERT INTO deviation_counts_unit (tenant_id, unit_id, handler_unit_id,"
    " month, n) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (tenant_id, month, unit_id, handler_unit_id)"
    " DO UPDATE SET n = deviation_counts_unit.n + excluded.n";
static const char SQL_UNIT_DROP_ZERO[] =
    "DELETE FROM deviation_counts_unit WHERE tenant_id = $1 AND unit_id = $2"
    " AND handler_unit_id = $3 AND month = $4 AND n = 0";
static const char SQL_ALL_UNIT[] =
    "SELECT unit_id, handler_unit_id, month, n FROM deviation_counts_unit"
    " WHERE tenant_id = $1";
static const char SQL_UNIT_CLEAR[] =
    "DELETE FROM deviation_counts_unit WHERE tenant_id = $1";
/* The units' histogram by closing year without category (0044). */
static const char SQL_CLOSE_YEAR_ADD[] =
    "INSERT INTO deviation_close_days_unit (tenant_id, unit_id,"
    " handler_unit_id, kind, year, days, n) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    " ON CONFLICT (tenant_id, year, unit_id, handler_unit_id, kind, days)"
    " DO UPDATE SET n = deviation_close_days_unit.n + excluded.n";
static const char SQL_CLOSE_YEAR_DROP_ZERO[] =
    "DELETE FROM deviation_close_days_unit WHERE tenant_id = $1"
    " AND unit_id = $2 AND handler_unit_id = $3 AND kind = $4 AND year = $5"
    " AND days = $6 AND n = 0";
/* As dev_close_row reads it: category -1 (unit_close_year_key), the
 * year for the closing month. */
static const char SQL_ALL_CLOSE_YEAR[] =
    "SELECT kind, unit_id, handler_unit_id, -1, year, days, n"
    " FROM deviation_close_days_unit WHERE tenant_id = $1";
static const char SQL_CLOSE_YEAR_CLEAR[] =
    "DELETE FROM deviation_close_days_unit WHERE tenant_id = $1";
static const char SQL_ALL_DEVS[] =
    "SELECT kind, status, unit_id, handler_unit_id, category_id,"
    " reported_at, closed_at FROM deviations WHERE tenant_id = $1";
static const char SQL_ALL_COUNTS[] =
    "SELECT kind, status, unit_id, handler_unit_id, category_id, month,"
    " n FROM deviation_counts WHERE tenant_id = $1";
static const char SQL_ALL_CLOSE[] =
    "SELECT kind, unit_id, handler_unit_id, category_id, month, days, n"
    " FROM deviation_close_days WHERE tenant_id = $1";
static const char SQL_CLEAR[] =
    "DELETE FROM deviation_counts WHERE tenant_id = $1";
static const char SQL_CLOSE_CLEAR[] =
    "DELETE FROM deviation_close_days WHERE tenant_id = $1";
static const char SQL_ANY_COUNT[] =
    "SELECT 1 FROM deviation_counts WHERE tenant_id = $1 LIMIT 1";
static const char SQL_ANY_DEV[] =
    "SELECT 1 FROM deviations WHERE tenant_id = $1 LIMIT 1";

/* --- Europe/Oslo months (util/date.h) ----------------------------------- */

int
dev_local_month(int64_t t)
{
	struct tm tm;

	if (date_local(t, &tm) != 0)
		return 0;
	return (tm.tm_year + 1900) * 100 + tm.tm_mon + 1;
}

int64_t
dev_local_day_start(int y, int m, int d)
{
	int64_t t;

	if (date_from_local(y, m, d, 0, 0, 0, &t) == 0)
		return t;
	/* The day after a month's last: the next month's first. */
	if (d > 1 && date_from_local(y, m, d - 1, 0, 0, 0, &t) == 0)
		return date_next(t, DATE_DAY);
	return -1;
}

int64_t
dev_local_month_start(int yyyymm)
{
	return dev_local_day_start(yyyymm / 100, yyyymm % 100, 1);
}

int
dev_month_next(int yyyymm)
{
	return yyyymm % 100 == 12 ? (yyyymm / 100 + 1) * 100 + 1 : yyyymm + 1;
}

/* --- cells ------------------------------------------------------------ */

int
dev_close_bucket(int64_t d)
{
	if (d < 0)
		return 0;
	if (d < DEV_CLOSE_EXACT)
		return (int)d;
	if (d < 189)
		return (int)(63 + (d - 63) / 7 * 7);
	if (d < 369)
		return (int)(189 + (d - 189) / 30 * 30);
	if (d < 3650)
		return (int)(369 + (d - 369) / 365 * 365);
	return 3650;
}

/* The closed part of a cell: its bucket and month closed, or -1 and 0. */
static void
cell_closed(struct dev_cell *c, int64_t reported_at, int64_t closed_at)
{
	if (c->status != DEV_CLOSED) {
		c->days = -1;
		c->cmonth = 0;
		return;
	}
	c->days = dev_close_bucket(closed_at >= reported_at ?
	    (closed_at - reported_at) / 86400 : 0);
	/* A closed row without closed_at (not written by this code) counts
	 * in the month it was reported. */
	c->cmonth = dev_local_month(closed_at > 0 ? closed_at : reported_at);
}

void
dev_cell_of(const struct deviation *d, struct dev_cell *c)
{
	c->unit_id = d->unit_id;
	c->handler_unit_id = d->handler_unit_id;
	c->category_id = d->category_id > 0 ? d->category_id : 0;
	c->kind = d->kind;
	c->status = d->status;
	c->month = dev_local_month(d->reported_at);
	cell_closed(c, d->reported_at, d->closed_at);
}

/* The stored names by their first letter: every cell row read for a
 * dashboard names its kind and status, and a search of each name list
 * by strcmp was a tenth of the page's time. One strcmp still checks the
 * whole name, so an unknown one is still refused. */
int
dev_cell_kinds(const char *kind, const char *status, struct dev_cell *c)
{
	enum dev_kind	k;
	enum dev_status	s;

	if (kind == NULL || status == NULL)
		return -1;
	switch (kind[0]) {
	case 'd':
		k = DEV_DEVIATION;
		break;
	case 'i':
		k = DEV_IMPROVEMENT;
		break;
	default:
		return -1;
	}
	switch (status[0]) {
	case 'n':
		s = DEV_NEW;
		break;
	case 'a':
		s = DEV_ACKNOWLEDGED;
		break;
	case 'r':
		s = DEV_RETURNED;
		break;
	case 'c':
		s = DEV_CLOSED;
		break;
	default:
		return -1;
	}
	if (strcmp(kind, dev_kind_name(k)) != 0 ||
	    strcmp(status, dev_status_name(s)) != 0)
		return -1;
	c->kind = k;
	c->status = s;
	return 0;
}

int
dev_cell_make(const char *kind, const char *status, int64_t unit_id,
    int64_t handler_unit_id, int64_t category_id, int64_t reported_at,
    int64_t closed_at, struct dev_cell *c)
{
	if (dev_cell_kinds(kind, status, c) != 0)
		return -1;
	c->unit_id = unit_id;
	c->handler_unit_id = handler_unit_id;
	c->category_id = category_id > 0 ? category_id : 0;
	c->month = dev_local_month(reported_at);
	cell_closed(c, reported_at, closed_at);
	return 0;
}

/* The same key in deviation_counts (and, for cells of the histogram as
 * the recount keeps them, the same histogram cell). */
static int
cell_eq(const struct dev_cell *a, const struct dev_cell *b)
{
	return a->unit_id == b->unit_id && a->handler_unit_id == b->handler_unit_id &&
	    a->category_id == b->category_id && a->kind == b->kind &&
	    a->status == b->status && a->month == b->month && a->days == b->days &&
	    a->cmonth == b->cmonth;
}

/* The same cell of deviation_counts. */
static int
count_eq(const struct dev_cell *a, const struct dev_cell *b)
{
	return a->unit_id == b->unit_id && a->handler_unit_id == b->handler_unit_id &&
	    a->category_id == b->category_id && a->kind == b->kind &&
	    a->status == b->status && a->month == b->month;
}

/* The same cell of deviation_close_days (both closed). */
static int
close_eq(const struct dev_cell *a, const struct dev_cell *b)
{
	return a->unit_id == b->unit_id && a->handler_unit_id == b->handler_unit_id &&
	    a->category_id == b->category_id && a->kind == b->kind &&
	    a->cmonth == b->cmonth && a->days == b->days;
}

/* Reads a row of SQL_CELL_OF/SQL_ALL_DEVS (same columns). */
static int
cell_from_row(struct dbstmt *st, struct dev_cell *c)
{
	return dev_cell_make(db_col_text(st, 0), db_col_text(st, 1),
	    db_col_int(st, 2), db_col_int(st, 3),
	    db_col_is_null(st, 4) ? 0 : db_col_int(st, 4), db_col_int(st, 5),
	    db_col_is_null(st, 6) ? 0 : db_col_int(st, 6), c);
}

/* A count cell's key: the values of its table's key columns, bound as
 * $2, $3, ... in the order its ADD and DROP_ZERO statements name them. */
struct cell_key {
	size_t		 n;
	struct db_val	 v[6];
};

/* Set by dev_counts_rebuild on its own thread while it writes the cells
 * of cleared tables: keyed_add then only collects them (counts_fill.h). */
static _Thread_local struct counts_fill *rebuild_fill;

/* n more (or fewer) in the cell k of one count table: sql_add inserts the
 * cell or adds to it (n bound after the key); a cell that falls to nothing
 * goes (sql_drop), so the table holds only cells a recount also finds. */
static int
keyed_add(struct ctx *ctx, const char *sql_add, const char *sql_drop,
    const struct cell_key *k, int64_t n)
{
	struct dbstmt	*st;
	int		 rc;

	if (rebuild_fill != NULL)
		return counts_fill_add(rebuild_fill, sql_add, k->v, k->n, n);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql_add, &st))
	    != DB_OK)
		return rc;
	db_bind_vals(st, 2, k->v, k->n);
	(void)db_bind_int(st, (int)k->n + 2, n);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if (n >= 0)
		return 0;
	return db_run_tenant(ctx->conn, ctx->tenant_id, sql_drop, k->v, k->n);
}

/* n more (or fewer) in the unit's count cell of c. */
static int
unit_cell_add(struct ctx *ctx, const struct dev_cell *c, int64_t n)
{
	const struct cell_key k = { 6, {
		DB_I(c->unit_id), DB_I(c->handler_unit_id),
		DB_I(c->category_id), DB_T(dev_kind_name(c->kind)),
		DB_T(dev_status_name(c->status)), DB_I(c->month) } };

	return keyed_add(ctx, SQL_ADD, SQL_DROP_ZERO, &k, n);
}

/* n more (or fewer) in the whole tenant's count cell of c. */
static int
sum_add(struct ctx *ctx, const struct dev_cell *c, int64_t n)
{
	const struct cell_key k = { 4, {
		DB_I(c->category_id), DB_T(dev_kind_name(c->kind)),
		DB_T(dev_status_name(c->status)), DB_I(c->month) } };

	return keyed_add(ctx, SQL_SUM_ADD, SQL_SUM_DROP_ZERO, &k, n);
}

/* n more (or fewer) in the unit's cell of c's year (YYYY) of
 * deviation_counts_year. */
static int
year_cell_add(struct ctx *ctx, const struct dev_cell *c, int year, int64_t n)
{
	const struct cell_key k = { 6, {
		DB_I(c->unit_id), DB_I(c->handler_unit_id),
		DB_I(c->category_id), DB_T(dev_kind_name(c->kind)),
		DB_T(dev_status_name(c->status)), DB_I(year) } };

	return keyed_add(ctx, SQL_YEAR_ADD, SQL_YEAR_DROP_ZERO, &k, n);
}

/* n more (or fewer) in the cell of c's unit, handler unit and month of
 * deviation_counts_unit. */
static int
unit_month_add(struct ctx *ctx, const struct dev_cell *c, int64_t n)
{
	const struct cell_key k = { 3, {
		DB_I(c->unit_id), DB_I(c->handler_unit_id), DB_I(c->month) } };

	return keyed_add(ctx, SQL_UNIT_ADD, SQL_UNIT_DROP_ZERO, &k, n);
}

/* Whether a and b lie in the same cell of deviation_counts_unit. */
static int
unit_month_eq(const struct dev_cell *a, const struct dev_cell *b)
{
	return a->unit_id == b->unit_id &&
	    a->handler_unit_id == b->handler_unit_id && a->month == b->month;
}

/* n more (or fewer) in the count cell of c: the unit's, the whole
 * tenant's and the unit's of the year; and, unless c lies in the same
 * cell of deviation_counts_unit as other (may be NULL: the other side of
 * a move, which then changes nothing there), in that one. */
static int
cell_add(struct ctx *ctx, const struct dev_cell *c, int64_t n,
    const struct dev_cell *other)
{
	int rc;

	if ((rc = unit_cell_add(ctx, c, n)) != 0 ||
	    (rc = sum_add(ctx, c, n)) != 0 ||
	    (rc = year_cell_add(ctx, c, c->month / 100, n)) != 0)
		return rc;
	if (other != NULL && unit_month_eq(c, other))
		return 0;
	return unit_month_add(ctx, c, n);
}

/* n more (or fewer) in the unit's days-to-close histogram cell of c. */
static int
unit_close_add(struct ctx *ctx, const struct dev_cell *c, int64_t n)
{
	const struct cell_key k = { 6, {
		DB_I(c->unit_id), DB_I(c->handler_unit_id),
		DB_I(c->category_id), DB_T(dev_kind_name(c->kind)),
		DB_I(c->cmonth), DB_I(c->days) } };

	return keyed_add(ctx, SQL_CLOSE_ADD, SQL_CLOSE_DROP_ZERO, &k, n);
}

/* n more (or fewer) in the whole tenant's histogram cell of c. */
static int
total_add(struct ctx *ctx, const struct dev_cell *c, int64_t n)
{
	const struct cell_key k = { 3, {
		DB_T(dev_kind_name(c->kind)), DB_I(c->cmonth),
		DB_I(c->days) } };

	return keyed_add(ctx, SQL_TOTAL_ADD, SQL_TOTAL_DROP_ZERO, &k, n);
}

/* n more (or fewer) in the whole tenant's histogram cell of c's closing
 * year (YYYY). */
static int
total_year_add(struct ctx *ctx, const struct dev_cell *c, int year, int64_t n)
{
	const struct cell_key k = { 3, {
		DB_T(dev_kind_name(c->kind)), DB_I(year), DB_I(c->days) } };

	return keyed_add(ctx, SQL_TOTAL_YEAR_ADD, SQL_TOTAL_YEAR_DROP_ZERO, &k, n);
}

/* n more (or fewer) in the unit's histogram cell of c's closing year
 * (YYYY) of deviation_close_days_unit. */
static int
unit_close_year_add(struct ctx *ctx, const struct dev_cell *c, int year,
    int64_t n)
{
	const struct cell_key k = { 5, {
		DB_I(c->unit_id), DB_I(c->handler_unit_id),
		DB_T(dev_kind_name(c->kind)), DB_I(year), DB_I(c->days) } };

	return keyed_add(ctx, SQL_CLOSE_YEAR_ADD, SQL_CLOSE_YEAR_DROP_ZERO, &k, n);
}

/* n more (or fewer) in the histogram cell of c: the unit's, the whole
 * tenant's, the whole tenant's of the year and the unit's of the year. */
static int
close_add(struct ctx *ctx, const struct dev_cell *c, int64_t n)
{
	int rc;

	if ((rc = unit_close_add(ctx, c, n)) != 0 ||
	    (rc = total_add(ctx, c, n)) != 0 ||
	    (rc = total_year_add(ctx, c, c->cmonth / 100, n)) != 0)
		return rc;
	return unit_close_year_add(ctx, c, c->cmonth / 100, n);
}

static int	counts_defer(struct ctx *ctx, const struct dev_cell *before,
		    const struct dev_cell *now);
/* Set between dev_counts_defer_begin and _end on this thread. */
static _Thread_local struct cmap *defer_map;

/* A group-commit batch's moves (dev_counts_batch), on the thread that
 * runs it: those of the request running now, kept apart until its
 * savepoint ends, and the sums of the requests kept so far, by tenant,
 * written before the batch's COMMIT. */
struct batch_move {
	int64_t		 tenant_id;
	struct dev_cell	 c;
	int		 n;		/* 1 into c, -1 out of it */
};
struct batch_tenant {
	int64_t		 tenant_id;
	struct cmap	*m;
};
struct counts_batch {
	struct dbconn		*conn;
	struct batch_move	*mv;	/* the running request's */
	size_t			 nmv, capmv;
	struct batch_tenant	*t;	/* the kept requests' */
	size_t			 nt, capt;
	int			 failed;	/* a kept move was not summed */
};
static _Thread_local struct counts_batch *batch;
static int	batch_move(const struct ctx *, const struct dev_cell *before,
		    const struct dev_cell *now);

/* Move a deviation's count from before (NULL: it is new) to now. */
static int
counts_move(struct ctx *ctx, const struct dev_cell *before,
    const struct dev_cell *now)
{
	int rc;

	if (defer_map != NULL)
		return counts_defer(ctx, before, now);
	if (batch != NULL && batch->conn == ctx->conn)
		return batch_move(ctx, before, now);
	if (before == NULL || !count_eq(before, now)) {
		if (before != NULL && (rc = cell_add(ctx, before, -1,
		    now)) != 0)
			return rc;
		if ((rc = cell_add(ctx, now, 1, before)) != 0)
			return rc;
	}
	if (before != NULL && before->status == DEV_CLOSED &&
	    now->status == DEV_CLOSED && close_eq(before, now))
		return 0;
	if (before != NULL && before->status == DEV_CLOSED &&
	    (rc = close_add(ctx, before, -1)) != 0)
		return rc;
	return now->status == DEV_CLOSED ? close_add(ctx, now, 1) : 0;
}

int
dev_counts_moved(struct ctx *ctx, int64_t dev_id, const struct dev_cell *before)
{
	struct dbstmt	*st;
	struct dev_cell	 now;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_CELL_OF,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, dev_id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = cell_from_row(st, &now) == 0 ? 0 : DB_ERR;
	else
		rc = rc < 0 ? rc : DB_ERR;	/* the row must exist */
	db_reset(st);
	if (rc != 0)
		return rc;
	return counts_move(ctx, before, &now);
}

int
dev_counts_added(struct ctx *ctx, const struct dev_cell *now)
{
	return counts_move(ctx, NULL, now);
}

/* --- recount: a hash table of cells ----------------------------------- */

struct centry {
	struct dev_cell	 c;
	int64_t		 kept, recounted;
	int		 used;
};
struct cmap {
	struct centry	*v;
	size_t		 cap, n;	/* cap a power of two */
};

static uint64_t
cell_hash(const struct dev_cell *c)
{
	uint64_t	h = 1469598103934665603ULL;
	int64_t		f[8];
	size_t		i;

	f[0] = c->unit_id;
	f[1] = c->handler_unit_id;
	f[2] = c->category_id;
	f[3] = c->kind;
	f[4] = c->status;
	f[5] = c->month;
	f[6] = c->days;
	f[7] = c->cmonth;
	for (i = 0; i < 8; i++) {
		h ^= (uint64_t)f[i];
		h *= 1099511628211ULL;
		h ^= h >> 29;
	}
	return h;
}

static struct centry *
cmap_slot(struct cmap *m, const struct dev_cell *c)
{
	size_t i = (size_t)cell_hash(c) & (m->cap - 1);

	while (m->v[i].used && !cell_eq(&m->v[i].c, c))
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

/* The entry of c, added when new; NULL when out of memory. */
static struct centry *
cmap_get(struct cmap *m, const struct dev_cell *c)
{
	struct centry	*e, *old;
	size_t		 oldcap, i;

	if ((m->n + 1) * 2 > m->cap) {
		old = m->v;
		oldcap = m->cap;
		m->cap = m->cap ? m->cap * 2 : 1024;
		if ((m->v = calloc(m->cap, sizeof(*m->v))) == NULL) {
			m->v = old;
			m->cap = oldcap;
			return NULL;
		}
		for (i = 0; i < oldcap; i++)
			if (old[i].used)
				*cmap_slot(m, &old[i].c) = old[i];
		free(old);
	}
	e = cmap_slot(m, c);
	if (!e->used) {
		e->used = 1;
		e->c = *c;
		m->n++;
	}
	return e;
}

/* The recount's key of c in deviation_counts: without the closed part. */
static const struct dev_cell *
count_key(const struct dev_cell *c, struct dev_cell *k)
{
	*k = *c;
	k->days = -1;
	k->cmonth = 0;
	return k;
}

/* The recount's key of closed c in deviation_close_days: month 0. */
static const struct dev_cell *
close_key(const struct dev_cell *c, struct dev_cell *k)
{
	*k = *c;
	k->month = 0;
	return k;
}

/* Count every deviation of the tenant into m->recounted. */
/* The whole tenant's count cell: unit and handler unit 0. */
static const struct dev_cell *
sum_key(const struct dev_cell *c, struct dev_cell *k)
{
	count_key(c, k);
	k->unit_id = k->handler_unit_id = 0;
	return k;
}

/* The whole tenant's histogram cell of a closed cell: unit, handler unit
 * and category 0 (no unit has id 0). */
static const struct dev_cell *
total_key(const struct dev_cell *c, struct dev_cell *k)
{
	*k = *c;
	k->month = 0;
	k->unit_id = k->handler_unit_id = k->category_id = 0;
	return k;
}

/* The cell of deviation_counts_year: the unit's count cell with its year
 * (YYYY, four digits) for month. */
static const struct dev_cell *
year_key(const struct dev_cell *c, struct dev_cell *k)
{
	count_key(c, k);
	k->month = c->month / 100;
	return k;
}

/* The cell of deviation_close_days_year: the whole tenant's histogram
 * cell with its closing year (YYYY) for closing month. */
static const struct dev_cell *
total_year_key(const struct dev_cell *c, struct dev_cell *k)
{
	total_key(c, k);
	k->cmonth = c->cmonth / 100;
	return k;
}

/* The cell of deviation_counts_unit: unit, handler unit and month,
 * category -1 (no category has it), kind and status 0. */
static const struct dev_cell *
unit_month_key(const struct dev_cell *c, struct dev_cell *k)
{
	memset(k, 0, sizeof(*k));
	k->unit_id = c->unit_id;
	k->handler_unit_id = c->handler_unit_id;
	k->category_id = -1;
	k->month = c->month;
	k->days = -1;
	return k;
}

/* The cell of deviation_close_days_unit: the unit's histogram cell with
 * category -1 (no category has it) and its closing year (YYYY) for
 * closing month. */
static const struct dev_cell *
unit_close_year_key(const struct dev_cell *c, struct dev_cell *k)
{
	close_key(c, k);
	k->category_id = -1;
	k->cmonth = c->cmonth / 100;
	return k;
}

/* Whether a key's month (YYYY or YYYYMM) is a year: a cell of a table by
 * year. */
#define KEY_IS_YEAR(m)	((m) > 0 && (m) < 10000)

/* n more (or fewer) in every kept cell that c counts in: the recount's
 * keys of each table. 0, or DB_ERR when out of memory. */
static int
cmap_count(struct cmap *m, const struct dev_cell *c, int64_t n)
{
	static const struct dev_cell *(*const open_keys[])(const struct dev_cell *,
	    struct dev_cell *) = { count_key, sum_key, year_key, unit_month_key };
	static const struct dev_cell *(*const closed_keys[])(const struct dev_cell *,
	    struct dev_cell *) = { close_key, total_key, total_year_key,
	    unit_close_year_key };
	struct dev_cell	 k;
	struct centry	*e;
	size_t		 i;

	/* One entry at a time: cmap_get may move the others. */
	for (i = 0; i < sizeof(open_keys) / sizeof(open_keys[0]); i++) {
		if ((e = cmap_get(m, open_keys[i](c, &k))) == NULL)
			return DB_ERR;
		e->recounted += n;
	}
	if (c->status != DEV_CLOSED)
		return 0;
	for (i = 0; i < sizeof(closed_keys) / sizeof(closed_keys[0]); i++) {
		if ((e = cmap_get(m, closed_keys[i](c, &k))) == NULL)
			return DB_ERR;
		e->recounted += n;
	}
	return 0;
}

/* counts_move while deferred: the move held in defer_map, which is
 * written out and emptied when it holds DEFER_CELLS (9 MiB), so that
 * memory stays bounded however many rows an import moves (the cells of
 * the days-to-close histograms are nearly one per closed row). Any moment
 * between two moves will do: a row's later move that takes it out of a
 * cell written already finds the cell's row in its table. */
#define DEFER_CELLS	(65536 - 16)	/* a move's 16 more keep 131,072 slots */
static int	cells_write(struct ctx *, const struct cmap *, int sign);
static int
counts_defer(struct ctx *ctx, const struct dev_cell *before,
    const struct dev_cell *now)
{
	struct cmap	*m = defer_map;
	int		 rc;

	if (before != NULL && (rc = cmap_count(m, before, -1)) != 0)
		return rc;
	if ((rc = cmap_count(m, now, 1)) != 0 || m->n < DEFER_CELLS)
		return rc;
	if ((rc = cells_write(ctx, m, 1)) != 0 ||
	    (rc = cells_write(ctx, m, -1)) != 0)
		return rc;
	memset(m->v, 0, m->cap * sizeof(*m->v));
	m->n = 0;
	return 0;
}

static int
recount(struct ctx *ctx, struct cmap *m)
{
	struct dbstmt	*st;
	struct dev_cell	 c;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ALL_DEVS,
	    &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (cell_from_row(st, &c) != 0)
			continue;	/* a value this build does not know */
		if (cmap_count(m, &c, 1) != 0) {
			rc = DB_ERR;
			break;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

/* One row of a kept table as the cell it counts (*c, zeroed before) and
 * its count; -1 for a row whose kind or status names none (skipped). */
typedef int (*kept_row_fn)(struct dbstmt *, struct dev_cell *c, int64_t *kept);

int
dev_cell_row(struct dbstmt *st, struct dev_cell *c, int64_t *kept)
{
	if (dev_cell_kinds(db_col_text(st, 0), db_col_text(st, 1), c) != 0)
		return -1;
	c->unit_id = db_col_int(st, 2);
	c->handler_unit_id = db_col_int(st, 3);
	c->category_id = db_col_int(st, 4);
	c->month = (int)db_col_int(st, 5);
	c->days = -1;
	c->cmonth = 0;
	*kept = db_col_int(st, 6);
	return 0;
}

int
dev_close_row(struct dbstmt *st, struct dev_cell *c, int64_t *kept)
{
	if (dev_cell_kinds(db_col_text(st, 0), "closed", c) != 0)
		return -1;
	c->unit_id = db_col_int(st, 1);
	c->handler_unit_id = db_col_int(st, 2);
	c->category_id = db_col_int(st, 3);
	c->month = 0;
	c->cmonth = (int)db_col_int(st, 4);
	c->days = (int)db_col_int(st, 5);
	*kept = db_col_int(st, 6);
	return 0;
}

static int
kept_sum(struct dbstmt *st, struct dev_cell *c, int64_t *kept)
{
	if (db_col_text(st, 1) == NULL || db_col_text(st, 2) == NULL ||
	    dev_kind_parse(db_col_text(st, 1), &c->kind) != 0 ||
	    dev_status_parse(db_col_text(st, 2), &c->status) != 0)
		return -1;
	c->category_id = db_col_int(st, 0);
	c->month = (int)db_col_int(st, 3);
	c->days = -1;
	*kept = db_col_int(st, 4);
	return 0;
}

static int
kept_unit_month(struct dbstmt *st, struct dev_cell *c, int64_t *kept)
{
	c->unit_id = db_col_int(st, 0);
	c->handler_unit_id = db_col_int(st, 1);
	c->category_id = -1;
	c->month = (int)db_col_int(st, 2);
	c->days = -1;
	*kept = db_col_int(st, 3);
	return 0;
}

static int
kept_total(struct dbstmt *st, struct dev_cell *c, int64_t *kept)
{
	if (db_col_text(st, 0) == NULL ||
	    dev_kind_parse(db_col_text(st, 0), &c->kind) != 0)
		return -1;
	c->status = DEV_CLOSED;
	c->cmonth = (int)db_col_int(st, 1);
	c->days = (int)db_col_int(st, 2);
	*kept = db_col_int(st, 3);
	return 0;
}

/* Every row of sql (one kept table, or its sums), read by row, added to
 * its cell's kept count in m. */
static int
read_kept(struct ctx *ctx, const char *sql, kept_row_fn row, struct cmap *m)
{
	struct dbstmt	*st;
	struct dev_cell	 c;
	struct centry	*e;
	int64_t		 kept;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&c, 0, sizeof(c));
		if (row(st, &c, &kept) != 0)
			continue;
		if ((e = cmap_get(m, &c)) == NULL) {
			rc = DB_ERR;
			break;
		}
		e->kept += kept;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
dev_counts_check(struct ctx *ctx, dev_counts_diff_fn fn, void *arg)
{
	struct cmap	m = { NULL, 0, 0 };
	size_t		i;
	int		rc, diff = 0;

	if ((rc = recount(ctx, &m)) != 0 ||
	    (rc = read_kept(ctx, SQL_ALL_COUNTS, dev_cell_row, &m)) != 0 ||
	    (rc = read_kept(ctx, SQL_ALL_CLOSE, dev_close_row, &m)) != 0 ||
	    (rc = read_kept(ctx, SQL_ALL_TOTAL, kept_total, &m)) != 0 ||
	    (rc = read_kept(ctx, SQL_ALL_SUM, kept_sum, &m)) != 0 ||
	    (rc = read_kept(ctx, SQL_ALL_YEAR, dev_cell_row, &m)) != 0 ||
	    (rc = read_kept(ctx, SQL_ALL_TOTAL_YEAR, kept_total, &m)) != 0 ||
	    (rc = read_kept(ctx, SQL_ALL_UNIT, kept_unit_month, &m)) != 0 ||
	    (rc = read_kept(ctx, SQL_ALL_CLOSE_YEAR, dev_close_row, &m)) != 0)
		goto out;
	for (i = 0; i < m.cap; i++)
		if (m.v[i].used && m.v[i].kept != m.v[i].recounted) {
			diff++;
			if (fn != NULL)
				fn(arg, &m.v[i].c, m.v[i].kept, m.v[i].recounted);
		}
	rc = diff;
out:
	free(m.v);
	return rc;
}

static int
exec_tenant(struct ctx *ctx, const char *sql, int want_row)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	rc = db_step(st);
	db_reset(st);
	if (want_row)
		return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

/* Add each cell's recounted number of m to its kept table, the cells
 * that grow first (sign 0: every cell; 1: those above 0; -1: those
 * below), so that a row a later cell shrinks is there to shrink.
 * 0 or a DB_* error. */
static int
cells_write(struct ctx *ctx, const struct cmap *m, int sign)
{
	const struct dev_cell	*c;
	int64_t			 n;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < m->cap && rc == 0; i++) {
		if (!m->v[i].used || (n = m->v[i].recounted) == 0 ||
		    (sign > 0 && n < 0) || (sign < 0 && n > 0))
			continue;
		c = &m->v[i].c;
		/* days < 0: a cell of deviation_counts (count_key); unit 0:
		 * of the whole tenant's (sum_key, total_key); a month (or
		 * closing month) of four digits: of a table by year
		 * (year_key, total_year_key); category -1: of
		 * deviation_counts_unit (unit_month_key), or with days
		 * of deviation_close_days_unit (unit_close_year_key). */
		if (c->days < 0 && c->category_id == -1)
			rc = unit_month_add(ctx, c, n);
		else if (c->days < 0 && KEY_IS_YEAR(c->month))
			rc = year_cell_add(ctx, c, c->month, n);
		else if (c->days < 0)
			rc = c->unit_id == 0 ? sum_add(ctx, c, n) :
			    unit_cell_add(ctx, c, n);
		else if (c->category_id == -1)
			rc = unit_close_year_add(ctx, c, c->cmonth, n);
		else if (KEY_IS_YEAR(c->cmonth))
			rc = total_year_add(ctx, c, c->cmonth, n);
		else
			rc = c->unit_id == 0 ? total_add(ctx, c, n) :
			    unit_close_add(ctx, c, n);
	}
	return rc;
}

int
dev_counts_defer_begin(void)
{
	if (defer_map != NULL || (defer_map = calloc(1, sizeof(*defer_map))) ==
	    NULL)
		return DB_ERR;
	return 0;
}

int
dev_counts_defer_end(struct ctx *ctx, int rc)
{
	struct cmap *m = defer_map;

	if (m == NULL)
		return rc != 0 ? rc : DB_ERR;
	defer_map = NULL;
	if (rc == 0 && (rc = cells_write(ctx, m, 1)) == 0)
		rc = cells_write(ctx, m, -1);
	free(m->v);
	free(m);
	return rc;
}

/* --- a group-commit batch's moves, written once (dev_counts_batch) ---- */

static int
batch_push(int64_t tenant_id, const struct dev_cell *c, int n)
{
	struct batch_move	*v;
	size_t			 cap;

	if (batch->nmv == batch->capmv) {
		cap = batch->capmv ? batch->capmv * 2 : 8;
		if ((v = realloc(batch->mv, cap * sizeof(*v))) == NULL)
			return DB_ERR;
		batch->mv = v;
		batch->capmv = cap;
	}
	batch->mv[batch->nmv].tenant_id = tenant_id;
	batch->mv[batch->nmv].c = *c;
	batch->mv[batch->nmv].n = n;
	batch->nmv++;
	return 0;
}

static int
batch_move(const struct ctx *ctx, const struct dev_cell *before,
    const struct dev_cell *now)
{
	int rc;

	if (before != NULL && (rc = batch_push(ctx->tenant_id, before, -1)) != 0)
		return rc;
	return batch_push(ctx->tenant_id, now, 1);
}

/* The kept sums of tenant_id, made when new; NULL when out of memory. */
static struct cmap *
batch_tenant_map(int64_t tenant_id)
{
	struct batch_tenant	*v;
	struct cmap		*m;
	size_t			 i, cap;

	for (i = 0; i < batch->nt; i++)
		if (batch->t[i].tenant_id == tenant_id)
			return batch->t[i].m;
	if (batch->nt == batch->capt) {
		cap = batch->capt ? batch->capt * 2 : 4;
		if ((v = realloc(batch->t, cap * sizeof(*v))) == NULL)
			return NULL;
		batch->t = v;
		batch->capt = cap;
	}
	/* A batch's reports touch a few cells each, mostly the same ones:
	 * a small table to start with (cmap_get doubles it). */
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	if ((m->v = calloc(64, sizeof(*m->v))) == NULL) {
		free(m);
		return NULL;
	}
	m->cap = 64;
	batch->t[batch->nt].tenant_id = tenant_id;
	batch->t[batch->nt].m = m;
	batch->nt++;
	return m;
}

static void
batch_request_end(int kept)
{
	struct cmap	*m;
	size_t		 i;

	if (batch == NULL)
		return;
	for (i = 0; kept && i < batch->nmv && !batch->failed; i++)
		if ((m = batch_tenant_map(batch->mv[i].tenant_id)) == NULL ||
		    cmap_count(m, &batch->mv[i].c, batch->mv[i].n) != 0)
			batch->failed = 1;
	batch->nmv = 0;
}

static int
batch_flush(struct dbconn *c)
{
	struct ctx	ctx;
	size_t		i;
	int		rc = 0;

	if (batch == NULL)
		return 0;
	if (batch->failed)
		return DB_ERR;
	for (i = 0; i < batch->nt && rc == 0; i++) {
		memset(&ctx, 0, sizeof(ctx));
		ctx.conn = c;
		ctx.tenant_id = batch->t[i].tenant_id;
		if ((rc = cells_write(&ctx, batch->t[i].m, 1)) == 0)
			rc = cells_write(&ctx, batch->t[i].m, -1);
	}
	return rc;
}

static void
batch_end(void)
{
	size_t i;

	if (batch == NULL)
		return;
	for (i = 0; i < batch->nt; i++) {
		free(batch->t[i].m->v);
		free(batch->t[i].m);
	}
	free(batch->t);
	free(batch->mv);
	free(batch);
	batch = NULL;
}

static const struct db_group_gather batch_gather = {
	batch_request_end, batch_flush, batch_end,
};

void
dev_counts_batch(struct dbconn *c)
{
	if (batch != NULL || db_group_gather(c, &batch_gather) != 1)
		return;
	/* Out of memory: the counts are written at once, as outside a
	 * batch. */
	if ((batch = calloc(1, sizeof(*batch))) != NULL)
		batch->conn = c;
}

/* qsort order of a rebuild's entries: the unused last; then by the month
 * (or year) that leads each count table's key, the closing one for the
 * days to close, then the rest of the key. */
static int
rebuild_order(const void *a, const void *b)
{
	const struct centry	*x = a, *y = b;
	int64_t			 kx[7], ky[7];
	size_t			 i;

	if (x->used != y->used)
		return x->used ? -1 : 1;
	kx[0] = x->c.days < 0 ? x->c.month : x->c.cmonth;
	ky[0] = y->c.days < 0 ? y->c.month : y->c.cmonth;
	kx[1] = x->c.unit_id;		ky[1] = y->c.unit_id;
	kx[2] = x->c.handler_unit_id;	ky[2] = y->c.handler_unit_id;
	kx[3] = x->c.category_id;	ky[3] = y->c.category_id;
	kx[4] = x->c.kind;		ky[4] = y->c.kind;
	kx[5] = x->c.status;		ky[5] = y->c.status;
	kx[6] = x->c.days;		ky[6] = y->c.days;
	for (i = 0; i < 7; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? -1 : 1;
	return 0;
}

int
dev_counts_rebuild(struct ctx *ctx)
{
	struct cmap	m = { NULL, 0, 0 };
	int		rc, own;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = recount(ctx, &m)) != 0 ||
	    (rc = exec_tenant(ctx, SQL_CLEAR, 0)) != 0 ||
	    (rc = exec_tenant(ctx, SQL_CLOSE_CLEAR, 0)) != 0 ||
	    (rc = exec_tenant(ctx, SQL_TOTAL_CLEAR, 0)) != 0 ||
	    (rc = exec_tenant(ctx, SQL_SUM_CLEAR, 0)) != 0 ||
	    (rc = exec_tenant(ctx, SQL_YEAR_CLEAR, 0)) != 0 ||
	    (rc = exec_tenant(ctx, SQL_TOTAL_YEAR_CLEAR, 0)) != 0 ||
	    (rc = exec_tenant(ctx, SQL_UNIT_CLEAR, 0)) != 0 ||
	    (rc = exec_tenant(ctx, SQL_CLOSE_YEAR_CLEAR, 0)) != 0)
		goto out;
	if ((rebuild_fill = counts_fill_begin(ctx)) == NULL) {
		rc = DB_ERR;
		goto out;
	}
	/* Written in the order of the tables' keys, month (or year) first,
	 * not the hash map's: a count table's rows lie in the order they
	 * were written (its rowid on SQLite, its heap on PostgreSQL), and
	 * from the hash's order the cells of the current month were spread
	 * over the whole table, so each batch of reports from many units
	 * wrote a page per unit until the month (or year) ended (bench/why.md,
	 * w17-pages). m is only walked after this, never looked up. */
	if (m.cap > 0)
		qsort(m.v, m.cap, sizeof(*m.v), rebuild_order);
	rc = cells_write(ctx, &m, 0);
	rc = counts_fill_end(rebuild_fill, rc);
	rebuild_fill = NULL;
out:
	free(m.v);
	return db_tx_finish(ctx->conn, own, rc);
}

int
dev_counts_ensure(struct ctx *ctx)
{
	int rc;

	if ((rc = exec_tenant(ctx, SQL_ANY_COUNT, 1)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = exec_tenant(ctx, SQL_ANY_DEV, 1)) <= 0)
		return rc;
	return (rc = dev_counts_rebuild(ctx)) == 0 ? 1 : rc;
}
