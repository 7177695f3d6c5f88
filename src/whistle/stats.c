/* stats.c: counts for the chief safety representative, HR, AMU, the
 * chief executive and the quality adviser: by procedure, reporter
 * category, state and outcome, for a year. Metadata only (nothing here
 * can decrypt), and a count of 1 or 2 is given as WB_STAT_SMALL ("<3") so
 * that a small cell cannot point at a person.
 *
 * Each dimension adds up to the total, so one hidden cell alone could be
 * worked out by subtracting the others from it. As statistics offices do,
 * more cells are then hidden (WB_STAT_HIDDEN, secondary suppression): the
 * smallest other counts, until at least two cells are hidden in the
 * dimension and together hold at least 3 cases, so the subtraction gives
 * only a sum that fits several splits. */
#include "whistle/wb_int.h"

#include <stdio.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

/* $2: year (0 all); $3, $4: [from, to) of that year; $5: 1 to leave out
 * procedure 2 (a reader who is the chief executive). */
static const char SQL_BY_PROCEDURE[] =
    "SELECT CAST(procedure AS TEXT), COUNT(*) FROM whistle_cases WHERE tenant_id = $1"
    " AND ($2 = 0 OR (received_at >= $3 AND received_at < $4))"
    " AND ($5 = 0 OR procedure <> 2) GROUP BY procedure";
static const char SQL_BY_CATEGORY[] =
    "SELECT reporter_category, COUNT(*) FROM whistle_cases WHERE tenant_id = $1"
    " AND ($2 = 0 OR (received_at >= $3 AND received_at < $4))"
    " AND ($5 = 0 OR procedure <> 2) GROUP BY reporter_category";
static const char SQL_BY_STATE[] =
    "SELECT state, COUNT(*) FROM whistle_cases WHERE tenant_id = $1"
    " AND ($2 = 0 OR (received_at >= $3 AND received_at < $4))"
    " AND ($5 = 0 OR procedure <> 2) GROUP BY state";
static const char SQL_BY_OUTCOME[] =
    "SELECT COALESCE(outcome, 'none'), COUNT(*) FROM whistle_cases WHERE tenant_id = $1"
    " AND ($2 = 0 OR (received_at >= $3 AND received_at < $4))"
    " AND ($5 = 0 OR procedure <> 2)"
    " GROUP BY COALESCE(outcome, 'none')";

static const char *const procedure_keys[] = { "1", "2", "3", "4", NULL };
static const char *const category_keys[] = { "employee", "hired", "elected",
	"student", "patient", "trainee", "conscript", "other", NULL };
static const char *const state_keys[] = { "received", "acknowledged",
	"investigating", "concluded", "closed", "not_whistleblowing", NULL };
static const char *const outcome_keys[] = { "substantiated", "partly",
	"not_substantiated", "not_whistleblowing", "none", NULL };

static int64_t
mask(int64_t n)
{
	return n > 0 && n < 3 ? WB_STAT_SMALL : n;
}

/* Primary and secondary suppression of one dimension's counts, in place:
 * counts[i] becomes WB_STAT_SMALL or WB_STAT_HIDDEN where hidden. */
static void
suppress(int64_t *counts, size_t n)
{
	int64_t	hidden_sum = 0;
	size_t	i, nhidden = 0, pick;
	int	hide[16] = { 0 };

	for (i = 0; i < n; i++)
		if (counts[i] > 0 && counts[i] < 3) {
			hide[i] = 1;
			nhidden++;
			hidden_sum += counts[i];
		}
	while (nhidden > 0 && (nhidden < 2 || hidden_sum < 3)) {
		pick = n;
		for (i = 0; i < n; i++)
			if (!hide[i] && counts[i] > 0 &&
			    (pick == n || counts[i] < counts[pick]))
				pick = i;
		if (pick == n)
			break;	/* every case hidden: the total is the sum */
		hide[pick] = 2;
		nhidden++;
		hidden_sum += counts[pick];
	}
	for (i = 0; i < n; i++)
		if (hide[i])
			counts[i] = hide[i] == 1 ? WB_STAT_SMALL : WB_STAT_HIDDEN;
}

/* Start of year y in the municipality's zone (UTC seconds). */
static int64_t
year_start(int y)
{
	int64_t	t = 0;

	(void)date_from_local(y, 1, 1, 0, 0, 0, &t);
	return t;
}

/* Binds the year's range ($2-$4) and whether procedure 2 is left out
 * ($5) to st. */
static void
bind_range(struct dbstmt *st, int year, int without)
{
	db_bind_int(st, 2, year);
	db_bind_int(st, 3, year > 0 ? year_start(year) : 0);
	db_bind_int(st, 4, year > 0 ? year_start(year + 1) : 0);
	db_bind_int(st, 5, without);
}

static int
dimension(struct ctx *ctx, const char *sql, const char *dim,
    const char *const *keys, int year, int without, struct wb_stat_cell *v,
    size_t *len)
{
	struct dbstmt	*st;
	int64_t		 counts[16];
	size_t		 i, nk;
	int		 rc;

	for (nk = 0; keys[nk] != NULL; nk++)
		counts[nk] = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	bind_range(st, year, without);
	while ((rc = db_step(st)) == DB_ROW)
		for (i = 0; i < nk; i++)
			if (db_col_text(st, 0) != NULL &&
			    strcmp(db_col_text(st, 0), keys[i]) == 0)
				counts[i] += db_col_int(st, 1);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	suppress(counts, nk);
	for (i = 0; i < nk; i++) {
		v[*len].dimension = dim;
		v[*len].key = keys[i];
		v[*len].count = counts[i];
		(*len)++;
	}
	return 0;
}

int
whistle_stats(struct ctx *ctx, int year, struct wb_stat_cell **out, size_t *n,
    int64_t *total)
{
	struct wb_stat_cell	*v;
	size_t			 len = 0, i;
	int64_t			 sum = 0;
	int			 rc, without;

	*out = NULL;
	*n = 0;
	*total = 0;
	/* A logged-in caller needs AZ_WB_STATS; tools (no user) may count. */
	if (ctx->user != NULL && !authz_can(ctx, AZ_WB_STATS, 0))
		return WB_ERR_NOTFOUND;
	if (year < 0 || year > 9999)
		return WB_ERR_INVALID;
	if ((v = arena_alloc(ctx->arena, 32 * sizeof(*v))) == NULL)
		return DB_ERR;
	without = authz_wb_stats_without_own_procedure(ctx);
	if ((rc = dimension(ctx, SQL_BY_PROCEDURE, "procedure", procedure_keys,
	    year, without, v, &len)) != 0 ||
	    (rc = dimension(ctx, SQL_BY_CATEGORY, "reporter_category",
	    category_keys, year, without, v, &len)) != 0 ||
	    (rc = dimension(ctx, SQL_BY_STATE, "state", state_keys, year,
	    without, v, &len)) != 0 ||
	    (rc = dimension(ctx, SQL_BY_OUTCOME, "outcome", outcome_keys, year,
	    without, v, &len)) != 0)
		return rc;
	/* The total is the unmasked sum over procedures, masked itself. */
	{
		struct dbstmt *st;
		static const char sql[] =
		    "SELECT COUNT(*) FROM whistle_cases WHERE tenant_id = $1"
		    " AND ($2 = 0 OR (received_at >= $3 AND received_at < $4))"
		    " AND ($5 = 0 OR procedure <> 2)";

		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql,
		    &st)) != DB_OK)
			return rc;
		bind_range(st, year, without);
		if (db_step(st) == DB_ROW)
			sum = db_col_int(st, 0);
		db_reset(st);
	}
	(void)i;
	*out = v;
	*n = len;
	*total = mask(sum);
	return 0;
}
