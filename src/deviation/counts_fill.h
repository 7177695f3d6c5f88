/* counts_fill.h: the rows of a rebuild of the kept counts (counts.c),
 * written many to a statement. A rebuild clears every count table and then
 * adds each recounted cell once: one INSERT per cell cost PostgreSQL a round
 * trip each, some 40,000 for a municipality of 20,000 deviations (12 s, the
 * better half of bench/gen's time per municipality). Internal to
 * deviation/. */
#ifndef ORDEN_DEVIATION_COUNTS_FILL_H
#define ORDEN_DEVIATION_COUNTS_FILL_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct db_val;
struct counts_fill;

/* A fill for ctx's tenant on ctx's connection; NULL when out of memory.
 * Free with counts_fill_end. */
struct counts_fill *counts_fill_begin(struct ctx *);
/* Add the row of key k (nk values, bound after tenant_id as the ADD
 * statement names them) with count n to the table of sql_add, one of the
 * ADD statements of counts.c ("INSERT INTO t (tenant_id, ...) VALUES
 * ($1, ...) ON CONFLICT ..."): only its head up to " VALUES" is used, so
 * each cell must be new to its table. The values are copied; text must be
 * a string constant (the names of kinds and statuses). 0 or a DB_* error. */
int	counts_fill_add(struct counts_fill *, const char *sql_add,
	    const struct db_val *k, size_t nk, int64_t n);
/* Write what is held (when rc is 0) and free f. rc, or the flush's error. */
int	counts_fill_end(struct counts_fill *f, int rc);

#endif
