/* numbers.c: the year's report numbers of a group-commit batch
 * (store/group.h), handed out with one statement a batch instead of one
 * a report.
 *
 * The first report of a tenant's year in a batch takes its number from
 * the counter row as outside a batch (report.c, UPDATE ... RETURNING);
 * the next ones count on from it in memory, and the counter row is
 * written once, before the batch's COMMIT. On SQLite that UPDATE made an
 * ephemeral table and a statement journal for each report (RETURNING);
 * on PostgreSQL it was an answer the one writer waited for.
 *
 * Why a number may be counted on in memory: the batch's transaction holds
 * the municipality's write lock from its first statement (SQLite: the
 * database's; PostgreSQL: the tenant's advisory lock, and the counter
 * row's own lock after the first UPDATE), so nothing else takes a number
 * of that year until it commits. A report whose savepoint is rolled back
 * gives its number back (the next report gets it: no gap); when that
 * report was the one that read the row, its UPDATE went with it, and the
 * next report reads the row again. A batch that ends (committed, rolled
 * back, or tried again) forgets everything. Outside a batch nothing is
 * kept. Everything lives on the thread that runs the batch. */
#include "deviation/dev_int.h"

#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "store/group.h"
#include "store/store.h"

static const char SQL_COUNTER_SET[] =
    "UPDATE deviation_counters SET last = $3"
    " WHERE tenant_id = $1 AND year = $2";

#define NUMS_MAX	8	/* tenants' years kept in one batch */

struct num_kept {
	int64_t	tenant_id, year;
	int64_t	last;		/* the last number of a kept report; 0: none */
	int64_t	written;	/* what the counter row holds now */
	int64_t	pending;	/* the running report's number; 0: none */
	int	read_here;	/* the running report read (and wrote) the row */
};

struct nums {
	struct dbconn	*conn;		/* the batch's connection */
	size_t		 n;
	struct num_kept	 k[NUMS_MAX];
};

static _Thread_local struct nums *nums;

static void
nums_request_end(int kept)
{
	size_t i = 0;

	if (nums == NULL)
		return;
	while (i < nums->n) {
		struct num_kept *k = &nums->k[i];

		if (!kept && k->read_here) {
			/* Its UPDATE was rolled back with it: read again. */
			*k = nums->k[--nums->n];
			continue;
		}
		if (kept && k->pending > 0)
			k->last = k->pending;
		k->pending = 0;
		k->read_here = 0;
		i++;
	}
}

static int
nums_flush(struct dbconn *c)
{
	struct dbstmt	*st;
	size_t		 i;
	int		 rc;

	if (nums == NULL)
		return DB_OK;
	for (i = 0; i < nums->n; i++) {
		if (nums->k[i].last <= nums->k[i].written)
			continue;
		if ((rc = db_prepare_tenant(c, nums->k[i].tenant_id,
		    SQL_COUNTER_SET, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, nums->k[i].year);
		db_bind_int(st, 3, nums->k[i].last);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return rc < 0 ? rc : DB_ERR;
	}
	return DB_OK;
}

static void
nums_end(void)
{
	free(nums);
	nums = NULL;
}

static const struct db_group_gather nums_gather = {
	nums_request_end, nums_flush, nums_end,
};

/* The entry of ctx's tenant and year in its batch, made when absent;
 * NULL outside a batch, or when nothing more is kept. */
static struct num_kept *
kept_of(struct ctx *ctx, int64_t year)
{
	size_t i;

	if (ctx->conn == NULL || db_group_gather(ctx->conn, &nums_gather) != 1)
		return NULL;
	if (nums != NULL && nums->conn != ctx->conn)
		nums->n = 0;	/* defensive: another batch's numbers */
	if (nums == NULL && (nums = calloc(1, sizeof(*nums))) == NULL)
		return NULL;
	nums->conn = ctx->conn;
	for (i = 0; i < nums->n; i++)
		if (nums->k[i].tenant_id == ctx->tenant_id &&
		    nums->k[i].year == year)
			return &nums->k[i];
	if (nums->n == NUMS_MAX)
		return NULL;
	memset(&nums->k[nums->n], 0, sizeof(nums->k[nums->n]));
	nums->k[nums->n].tenant_id = ctx->tenant_id;
	nums->k[nums->n].year = year;
	return &nums->k[nums->n++];
}

int64_t
dev_number_kept(struct ctx *ctx, int64_t year)
{
	struct num_kept *k;

	if ((k = kept_of(ctx, year)) == NULL || k->last == 0)
		return 0;
	k->pending = k->last + 1;
	return k->pending;
}

void
dev_number_read(struct ctx *ctx, int64_t year, int64_t last)
{
	struct num_kept *k;

	if ((k = kept_of(ctx, year)) == NULL)
		return;
	k->written = last;
	k->pending = last;
	k->read_here = 1;
}
