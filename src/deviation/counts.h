/* counts.h: counts of deviations kept on write (table deviation_counts,
 * migration 0011). A deviation lies in one cell: unit, handler unit,
 * category, kind, status, the local month it was reported in, and for a
 * closed one the whole days it took to close. Every change that can move a
 * deviation to another cell calls dev_counts_moved once, in the same
 * transaction; statistics (stats.c) read the cells instead of the
 * deviations. Internal to src/deviation/ (and the CLI's `check counts`,
 * bench/gen). */
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
	int		 days;		/* closed: whole days report -> close; else -1 */
};

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

/* The one hook of every transition: deviation dev_id was in `before`
 * (NULL: it is new); read where it is now and move its count, in the
 * caller's transaction. 0 or a DB_* error. */
int	dev_counts_moved(struct ctx *, int64_t dev_id, const struct dev_cell *before);

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
typedef void	(*dev_counts_diff_fn)(void *arg, const struct dev_cell *,
		    int64_t kept, int64_t recounted);
int	dev_counts_check(struct ctx *, dev_counts_diff_fn fn, void *arg);

#endif
