/* counts.h: counts of deviations kept on write. A deviation lies in one
 * cell of deviation_counts (migrations 0011, 0016): unit, handler unit,
 * category, kind, status and the local month it was reported in. A closed
 * one also lies in one cell of the days-to-close histogram,
 * deviation_close_days (0016): unit, handler unit, category, kind, the
 * local month it was closed in and its days to close as a bucket
 * (dev_close_bucket). Both are summed for the whole tenant as well
 * (0032): deviation_counts_all (category, kind, status, month) and
 * deviation_close_days_all (kind, closing month, bucket); the unit cells
 * and the whole tenant's histogram by year as well (0042):
 * deviation_counts_year (unit, handler unit, category, kind, status, year
 * reported) and deviation_close_days_year (kind, closing year, bucket);
 * without category, kind and status by unit and month (0044):
 * deviation_counts_unit (unit, handler unit, month reported), and the
 * units' histogram without category by closing year:
 * deviation_close_days_unit (unit, handler unit, kind, closing year,
 * bucket).
 * Every change that can move a deviation to another cell calls
 * dev_counts_moved once, in the same transaction; statistics
 * (stats.c) read the cells instead of the deviations. Internal to
 * src/deviation/ (and the CLI's `check counts`, bench/gen), except
 * dev_close_days and dev_close_days_units for reports. */
#ifndef ORDEN_DEV_COUNTS_H
#define ORDEN_DEV_COUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "deviation/deviation.h"

struct ctx;

struct dev_cell {
	int64_t		 unit_id, handler_unit_id;
	int64_t		 category_id;	/* 0: none */
	enum dev_kind	 kind;
	enum dev_status	 status;
	int		 month;		/* YYYYMM, Europe/Oslo, of reported_at */
	int		 days;		/* closed: dev_close_bucket of the whole days
					   report -> close; else -1 */
	int		 cmonth;	/* closed: YYYYMM, Europe/Oslo, of closed_at; else 0 */
};

/* Days to close are kept exactly up to two months, then coarser, so that
 * the histogram stays small whatever the history and its median and 90th
 * percentile stay exact where most deviations close: the bucket of d whole
 * days is its first day: d below 63; weeks from 63 (63, 70, ... 182);
 * 30 days from 189 (189, 219, ... 339); 365 days from 369 (369, 734, ...
 * 3289); 3650 for ten years or more. Migration 0016 has the same rule. */
#define DEV_CLOSE_EXACT		63
int	dev_close_bucket(int64_t days);

/* The local (Europe/Oslo) month of t as YYYYMM, and the first second of
 * such a month. A small local helper until util/date.c (engineer
 * "structure") lands; the same EU summer-time rule as web/ui.c. */
int	dev_local_month(int64_t t);
int64_t	dev_local_month_start(int yyyymm);
/* The first second of the local day y-m-d (d may be one past the month's
 * end: the 32nd of January is the 1st of February); -1 for no such day. */
int64_t	dev_local_day_start(int y, int m, int d);
/* The month after yyyymm. */
int	dev_month_next(int yyyymm);

/* The cell of a deviation as deviation_get filled it. */
void	dev_cell_of(const struct deviation *, struct dev_cell *out);
/* The cell of a deviation row's columns (category 0 when NULL, closed_at 0
 * when NULL). -1 when kind or status is one this build does not know. */
int	dev_cell_make(const char *kind, const char *status, int64_t unit_id,
	    int64_t handler_unit_id, int64_t category_id, int64_t reported_at,
	    int64_t closed_at, struct dev_cell *out);

/* c->kind and c->status from their stored names: 0, or -1 when either
 * is NULL or one this build does not know. */
int	dev_cell_kinds(const char *kind, const char *status, struct dev_cell *c);

/* The one hook of every transition: deviation dev_id was in `before`
 * (NULL: it is new); read where it is now and move its count, in the
 * caller's transaction. 0 or a DB_* error. */
int	dev_counts_moved(struct ctx *, int64_t dev_id, const struct dev_cell *before);
/* dev_counts_moved for a deviation just inserted, whose cell the caller
 * made from the values it wrote (dev_cell_make): the row is not read
 * back, a round trip less for every report on PostgreSQL. */
int	dev_counts_added(struct ctx *, const struct dev_cell *now);
/* Hold the counts of this thread's changes in memory, each cell's sum of
 * moves, until dev_counts_defer_end adds them to the kept tables (when rc
 * is 0; else they are dropped) and returns rc or its own error. For an
 * import, which moves hundreds of thousands of rows in one transaction:
 * the same cells are then written once each, not up to 25 statements a
 * row. Memory follows the number of cells touched, not of rows. Between
 * the two, this thread reads stale kept counts: call both inside one
 * transaction that reads none. begin: 0, or DB_ERR (out of memory, or
 * already deferred). */
int	dev_counts_defer_begin(void);
int	dev_counts_defer_end(struct ctx *, int rc);
/* Called by a report's work in a group-commit batch (store/group.h) on
 * the batch's connection c: from here until the batch ends, this
 * thread's moves on c are held in memory, each request's until its
 * savepoint ends (dropped with it when it is rolled back), and the sums
 * of the kept ones are written once per cell just before the batch's
 * COMMIT: the reports of a batch add to the same few cells, which were
 * written up to eight times per report. Between the two, this thread
 * reads stale kept counts on c: the reports of a batch read none. When c
 * runs no batch (or out of memory) nothing changes: moves are written at
 * once. */
struct dbconn;
void	dev_counts_batch(struct dbconn *c);
/* A row read from deviation_counts (columns kind, status, unit_id,
 * handler_unit_id, category_id, month, n) or from deviation_close_days
 * (kind, unit_id, handler_unit_id, category_id, month, days, n) as its
 * cell (*c, every member set) and its count *n: 0, or -1 when its kind or
 * status is one this build does not know (skip the row). The check below
 * and the statistics read the same tables. */
struct dbstmt;
int	dev_cell_row(struct dbstmt *, struct dev_cell *c, int64_t *n);
int	dev_close_row(struct dbstmt *, struct dev_cell *c, int64_t *n);

/* Recount ctx's tenant from its deviations and replace the kept counts
 * (bench/gen, `orden check counts --repair`, a database from before
 * migration 0011). In the caller's transaction if one is open. */
int	dev_counts_rebuild(struct ctx *);
/* dev_counts_rebuild when the tenant has deviations but no counts at all
 * (a database upgraded to 0011): 1 rebuilt, 0 nothing to do, or < 0. */
int	dev_counts_ensure(struct ctx *);

/* Compare the kept counts with a recount. For each cell that differs, fn
 * (may be NULL) gets the cell, the kept and the recounted number. Returns
 * the number of differing cells, or a negative DB_* error. Memory is
 * proportional to the number of cells, not of deviations. */
/* Each differing cell comes once: a cell of deviation_counts has days -1;
 * a cell of the days-to-close histogram has days >= 0, its month 0 and
 * its closing month in cmonth; a cell of the whole tenant's counts has
 * unit and handler unit 0, of its histogram also category 0; a cell of a
 * table by year has its year (YYYY, four digits) for month, or for cmonth
 * in the histogram; a cell of deviation_counts_unit or
 * deviation_close_days_unit has category -1 (and kind and status 0 in
 * the first). */
typedef void	(*dev_counts_diff_fn)(void *arg, const struct dev_cell *,
		    int64_t kept, int64_t recounted);
int	dev_counts_check(struct ctx *, dev_counts_diff_fn fn, void *arg);

/* Days to close of what was closed in [from, to] (UTC seconds, 0: open),
 * of kind (enum dev_kind; -1: deviations and proposals), in unit_id and
 * the units under it (0: every unit), that ctx->user may count (authz_dev_stats_scope): their number, the
 * median and the 90th percentile (nearest rank) in whole days, each day
 * count read as its bucket's first day (dev_close_bucket); median and p90
 * < 0 when none. For the tertial report; the statistics API and the
 * dashboard give the same figures for a filter (deviation_stats). 0, or
 * DEV_ERR_NOTFOUND (ctx->user may count nothing there) or a DB_* error. */
struct dev_close_days {
	int64_t	n;
	double	median;
	int64_t	p90;
};
int	dev_close_days(struct ctx *, int64_t unit_id, int kind, int64_t from,
	    int64_t to, struct dev_close_days *out);

/* The same for a group of units (a report's group of picked units or of a
 * unit kind): what f (its scope, kind, from and to; f->unit_id is not
 * used) counts in the n units of unit_ids, each with the units under it,
 * a unit under another of the list counted once. Median and p90 come from
 * the group's summed histogram (kept cells plus the ragged days' rows),
 * not from per-unit figures. n 0: none. 0 or a DB_* error. */
int	dev_close_days_units(struct ctx *, const struct dev_filter *f,
	    const int64_t *unit_ids, size_t n, struct dev_close_days *out);

#endif
