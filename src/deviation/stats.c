/* stats.c: counts for dashboards and reports. They come from the counts
 * kept on write (counts.h): the cells of the whole local months inside the
 * period, plus the deviations reported in the ragged days at either end
 * (on the reported_at index; at most two months of rows, streamed). Each
 * cell is counted in C into fixed tallies (categories, units, months,
 * status groups), so neither memory nor
 * success depends on how many deviations there are or how long a period
 * is asked. "Overdue" is a live query over open deviations only, on the
 * (tenant, status, due_at) index. The unit tree is rolled up in C from the
 * one unit list (org/tree.h). date=occurred and "mine" cannot come from
 * the cells (they are keyed by the reported month): those stream the
 * deviations of the period, still counting without keeping rows. A
 * deviation about the chief executive (routed to a role) is kept from the
 * chief executive and the leaders of its unit: they do not count it (a
 * live query takes those few back out of the cells; rows skip them).
 * Days to close are of what was closed in the period: the kept histogram
 * (deviation_close_days) of the whole local months closed in it, plus the
 * rows closed in the ragged days at either end (on the closed_at index),
 * counted into a histogram of buckets (dev_close_bucket). */
#include "deviation/deviation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/dev_int.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "org/tree.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

/* Every deviation and proposal of the tenant (orden tenant list). */
static const char SQL_DEVIATION_COUNT[] =
    "SELECT COUNT(*) FROM deviations WHERE tenant_id = $1";

/* The first and last month that hold data (reported or closed) in the
 * whole tenant's kept counts, each by its index (tenant, month, ...): the
 * ends of a question asked without from or to (data_span). */
static const char SQL_DATA_SPAN[] =
    "SELECT MIN(m), MAX(m) FROM ("
    "SELECT MIN(month) AS m FROM deviation_counts_all WHERE tenant_id = $1"
    " UNION ALL SELECT MAX(month) FROM deviation_counts_all"
    " WHERE tenant_id = $1"
    " UNION ALL SELECT MIN(month) FROM deviation_close_days_all"
    " WHERE tenant_id = $1"
    " UNION ALL SELECT MAX(month) FROM deviation_close_days_all"
    " WHERE tenant_id = $1) x";

/* The last second of year 9999: the open end of a period. */
#define OPEN_END	253402300799

/* Days to close beyond this count as this (a hundred years). */
#define DAYS_MAX	36600

static const char SQL_CELLS[] =
    "SELECT kind, status, unit_id, handler_unit_id, category_id, month,"
    " n FROM deviation_counts WHERE tenant_id = $1"
    " AND month >= $2 AND month <= $3";
/* The whole tenant's counts (migration 0032), for questions over every
 * unit that show nothing by unit. */
static const char SQL_SUM_CELLS[] =
    "SELECT kind, status, category_id, month, n FROM deviation_counts_all"
    " WHERE tenant_id = $1 AND month >= $2 AND month <= $3";
/* The same summed over the months by the server, for PostgreSQL only and
 * a question that shows no months (a cell's month reads 0): ten years
 * are 1,200 cells of text on the socket at 20,000 deviations, the sums
 * 50 (as SQL_CLOSE_TOTAL_PG). */
static const char SQL_SUM_CELLS_PG[] =
    "SELECT kind, status, category_id, 0, SUM(n)::bigint"
    " FROM deviation_counts_all WHERE tenant_id = $1 AND month >= $2"
    " AND month <= $3 GROUP BY kind, status, category_id";
/* The whole tenant's histogram (migration 0032), for questions over every
 * unit and category: a few thousand cells for ten years, where the unit
 * histogram holds nearly one per closed deviation. */
static const char SQL_CLOSE_TOTAL[] =
    "SELECT kind, days, n FROM deviation_close_days_all WHERE tenant_id = $1"
    " AND month >= $2 AND month <= $3";
/* The same by year (migration 0042), for the whole years of a period:
 * a cell's year stands where its month would (dev_cell_row), and the
 * whole tenant's histogram by closing year. */
static const char SQL_YEAR_CELLS[] =
    "SELECT kind, status, unit_id, handler_unit_id, category_id, year,"
    " n FROM deviation_counts_year WHERE tenant_id = $1"
    " AND year >= $2 AND year <= $3";
static const char SQL_CLOSE_TOTAL_YEAR[] =
    "SELECT kind, days, n FROM deviation_close_days_year WHERE tenant_id = $1"
    " AND year >= $2 AND year <= $3";
/* The same histogram summed by the server, for PostgreSQL only: there each
 * of the period's 3,000-6,000 cells crossed the socket as a row of text
 * (130 rows this way, at 20,000 deviations), while SQLite reads the cells
 * in process faster than it groups them (bench/why.md). */
static const char SQL_CLOSE_TOTAL_PG[] =
    "SELECT kind, days, SUM(n)::bigint FROM deviation_close_days_all"
    " WHERE tenant_id = $1 AND month >= $2 AND month <= $3"
    " GROUP BY kind, days";
/* The whole tenant's histogram of a period of whole years with ragged
 * months at either end: the months before the first whole year ($2,
 * $3), the whole years ($4, $5) and the months after the last ($6, $7) in
 * one statement, where the three reads were three round trips (an empty
 * range reads nothing). On PostgreSQL summed by the server, as
 * SQL_CLOSE_TOTAL_PG. */
#define CLOSE_TOTAL_SPAN \
    "SELECT kind, days, n FROM deviation_close_days_all WHERE tenant_id = $1" \
    " AND month >= $2 AND month <= $3" \
    " UNION ALL SELECT kind, days, n FROM deviation_close_days_year" \
    " WHERE tenant_id = $1 AND year >= $4 AND year <= $5" \
    " UNION ALL SELECT kind, days, n FROM deviation_close_days_all" \
    " WHERE tenant_id = $1 AND month >= $6 AND month <= $7"
static const char SQL_CLOSE_TOTAL_SPAN[] = CLOSE_TOTAL_SPAN;
static const char SQL_CLOSE_TOTAL_SPAN_PG[] =
    "SELECT kind, days, SUM(n)::bigint FROM (" CLOSE_TOTAL_SPAN ") s"
    " GROUP BY kind, days";
/* The counts by unit, handler unit and month without category, kind or
 * status (migration 0044), for a subtree's counts by month alone
 * (deviation_stats_months). */
static const char SQL_UNIT_MONTHS[] =
    "SELECT unit_id, handler_unit_id, month, n FROM deviation_counts_unit"
    " WHERE tenant_id = $1 AND month >= $2 AND month <= $3";
/* The units' histogram by closing year without category (migration
 * 0044), for the whole years of a question of every category; read as
 * SQL_CLOSE_CELLS (row_close_kept) with category 0 and the year for the
 * closing month. */
static const char SQL_CLOSE_UNIT_YEARS[] =
    "SELECT kind, unit_id, handler_unit_id, 0, year, days, n"
    " FROM deviation_close_days_unit WHERE tenant_id = $1"
    " AND year >= $2 AND year <= $3";
static const char SQL_CLOSE_CELLS[] =
    "SELECT kind, unit_id, handler_unit_id, category_id, month, days, n"
    " FROM deviation_close_days WHERE tenant_id = $1"
    " AND month >= $2 AND month <= $3";
/* Columns 0..6 as counts.c's cell rows, then reporter, occurred_at,
 * handler_role. */
#define ROW_COLS \
    "SELECT kind, status, unit_id, handler_unit_id, category_id," \
    " reported_at, closed_at, reporter_id, occurred_at, handler_role" \
    " FROM deviations"
/* Reported in [$2, $3]: those not routed to a role from the partial
 * index deviations_reported_rows (migration 0047) alone, which holds
 * every column of ROW_COLS (keep them among its columns) and serves no
 * statement without its "handler_role IS NULL"; the few routed to a role
 * on deviations_role_reported. */
#define REPORTED_IN	" WHERE tenant_id = $1 AND reported_at >= $2" \
    " AND reported_at <= $3"
static const char SQL_ROWS_REPORTED[] =
    ROW_COLS REPORTED_IN " AND handler_role IS NULL"
    " UNION ALL " ROW_COLS REPORTED_IN " AND handler_role IS NOT NULL";
/* The deviations about the chief executive (routed to a role) reported in
 * [$2, $3]: few, so the cells' counts of them can be taken back for those
 * they are kept from (authz_dev_top_hidden). */
static const char SQL_ROWS_TOP[] =
    ROW_COLS " WHERE tenant_id = $1 AND reported_at >= $2 AND reported_at <= $3"
    " AND handler_role IS NOT NULL";
/* Closed in [$2, $3] (deviations_closed, migration 0016), and of those
 * the ones routed to a role. */
static const char SQL_ROWS_CLOSED[] =
    ROW_COLS " WHERE tenant_id = $1 AND closed_at >= $2 AND closed_at <= $3"
    " AND status = 'closed'";
static const char SQL_ROWS_CLOSED_TOP[] =
    ROW_COLS " WHERE tenant_id = $1 AND closed_at >= $2 AND closed_at <= $3"
    " AND status = 'closed' AND handler_role IS NOT NULL";
static const char SQL_ROWS_OCCURRED[] =
    ROW_COLS " WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at <= $3";
/* Overdue at $2: the rule of dev_is_overdue, of what was reported in
 * [$3, $4]. Answered from the partial index deviations_open_rows
 * (migration 0039) alone: keep its status term the same as the index's
 * WHERE, and its columns among the index's. The rule's two halves are
 * asked apart, so that each seeks its range of the index (past their
 * deadline: due_at < $2 in each status; not yet, but not acknowledged in
 * time: the new ones with due_at from $2 on) instead of stepping through
 * every open deviation; the period is tested there too, so that rows
 * outside it never reach C (at 1,000,000 deviations half the open ones
 * are overdue, nearly all of them from years before this one). */
#define OVERDUE_OPEN \
    " WHERE tenant_id = $1 AND status IN ('new', 'acknowledged', 'returned')"
/* Unary plus: not a range the planner may seek instead (on
 * deviations_reported it looked up every row of the period). */
#define OVERDUE_PERIOD	" AND +reported_at >= $3 AND +reported_at <= $4"
static const char SQL_ROWS_OVERDUE[] =
    ROW_COLS OVERDUE_OPEN " AND due_at < $2" OVERDUE_PERIOD
    " UNION ALL " ROW_COLS OVERDUE_OPEN " AND status = 'new'"
    " AND ack_due_at < $2 AND (due_at IS NULL OR due_at >= $2)"
    OVERDUE_PERIOD;

enum by { BY_NONE, BY_CATEGORY, BY_STATUS, BY_MONTH, BY_UNIT, BY_KIND,
	BY_UNIT_OWN, BY_HANDLER_OPEN, BY_HANDLER_OVERDUE, BY_ALL };

struct mcount {
	int	month;
	int64_t	n;
};

/* Everything one deviation_stats call counts into. */
struct acc {
	struct ctx		*ctx;
	const struct dev_filter	*f;
	enum by			 by;
	struct dev_stats	*out;
	struct org_tree		 tree;
	int64_t			 top_id;	/* by=unit rolls up under this unit (0: the roots) */
	unsigned char		*in_sub;	/* per tree unit: inside the filter's subtree */
	const int64_t		*sel;		/* NULL, or the units whose subtrees are counted
						   instead of f->unit_id's (dev_close_days_units) */
	size_t			 nsel;
	unsigned char		*handler_ok;	/* per tree unit; NULL: every handler */
	long			*bucket;	/* per tree unit: the by=unit row it counts in */
	int64_t			*unit_n;	/* per tree unit: by=unit counts */
	int64_t			*own_n;		/* per tree unit: by=unit_own counts */
	int64_t			*hopen_n;	/* per handler unit: not closed */
	int64_t			*hover_n;	/* per handler unit: overdue */
	struct category		*cats;
	size_t			 ncats;
	int64_t			*cat_n;		/* per category, then one for "none" */
	int64_t			 cat_filter;	/* category id, -1: any */
	struct mcount		*months;	/* sorted by month */
	size_t			 nmonths, capmonths;
	int64_t			*hist;		/* closed in the period, by bucket of days to close */
	size_t			 histcap;
	int64_t			 nclosed;	/* the histogram's total */
	int64_t			 kind_n[DEV_KIND_MAX];
	int64_t			 group_n[3];
	int			 top_kept;	/* authz_dev_top_kept_from */
	int			 by_units;	/* a grouping by unit was asked for */
	int			 need_months;	/* a grouping by month was asked for */
	int			 each_months;	/* each must get every cell's month */
	int			 months_only;	/* only the total and its months are
						   asked for (deviation_stats_months) */
	int			 failed;
	/* The local month of the last row read and its bounds [mc_lo,
	 * mc_hi) (acc_month): rows come in time order, so the time zone is
	 * worked out once a month, not once a row. */
	int64_t			 mc_lo, mc_hi;
	int			 mc_month;	/* 0: none yet */
	/* deviation_stats_each: every cell counted, handed to the caller. */
	dev_cell_fn		 each;
	void			*each_arg;
	int			 each_closed;	/* 0: only the reported cells
						   (deviation_stats_groups_each) */
};

static int
group_index(enum dev_status s)
{
	return s == DEV_NEW ? 0 : s == DEV_CLOSED ? 2 : 1;
}

static const char *const group_keys[3] = { "open", "in_progress", "closed" };

static const char *
group_label(int g)
{
	if (g == 0)
		return _("Open");
	if (g == 1)
		return _("In progress");
	return _("Closed");
}

static const char *
kind_label(enum dev_kind k)
{
	return k == DEV_IMPROVEMENT ? _("Improvement proposal") : _("Deviation");
}

/* Whether the cell passes the filter's status (a name or a group). */
static int
status_ok(const struct dev_filter *f, enum dev_status s)
{
	if (f->status == NULL)
		return 1;
	if (strcmp(f->status, "not_closed") == 0)
		return s != DEV_CLOSED;
	if (strcmp(f->status, "open") == 0 || strcmp(f->status, "in_progress") == 0 ||
	    strcmp(f->status, "closed") == 0)
		return strcmp(group_keys[group_index(s)], f->status) == 0;
	return strcmp(dev_status_name(s), f->status) == 0;
}

static int
month_add(struct acc *a, int month, int64_t n)
{
	size_t lo = 0, hi = a->nmonths;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a->months[mid].month == month) {
			a->months[mid].n += n;
			return 0;
		}
		if (a->months[mid].month < month)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (dev_vec_grow(a->ctx, (void **)&a->months, a->nmonths, &a->capmonths,
	    sizeof(*a->months)) != 0)
		return -1;
	memmove(&a->months[lo + 1], &a->months[lo],
	    (a->nmonths - lo) * sizeof(*a->months));
	a->months[lo].month = month;
	a->months[lo].n = n;
	a->nmonths++;
	return 0;
}

int
dev_hist_add(struct arena *ar, int64_t **hist, size_t *histcap, int days,
    int64_t n)
{
	size_t	d = days < 0 ? 0 : days > DAYS_MAX ? DAYS_MAX : (size_t)days;
	size_t	cap;
	int64_t	*nv;

	if (d >= *histcap) {
		for (cap = *histcap ? *histcap : 64; cap <= d; cap *= 2)
			;
		if ((nv = arena_alloc(ar, cap * sizeof(*nv))) == NULL)
			return -1;
		memset(nv, 0, cap * sizeof(*nv));
		if (*histcap > 0)
			memcpy(nv, *hist, *histcap * sizeof(*nv));
		*hist = nv;
		*histcap = cap;
	}
	(*hist)[d] += n;
	return 0;
}

static int
hist_add(struct acc *a, int days, int64_t n)
{
	return dev_hist_add(a->ctx->arena, &a->hist, &a->histcap, days, n);
}

/* Whether cell c is in the filter's subtree, scope and selection; its
 * tree unit in *u. */
static int
acc_pass(const struct acc *a, const struct dev_cell *c, long *u)
{
	long h;

	*u = org_tree_find(&a->tree, c->unit_id);
	if (*u < 0 || !a->in_sub[*u])
		return 0;
	if (a->handler_ok != NULL &&
	    ((h = org_tree_find(&a->tree, c->handler_unit_id)) < 0 ||
	    !a->handler_ok[h]))
		return 0;
	return !((a->cat_filter != -1 && c->category_id != a->cat_filter) ||
	    (a->f->kind >= 0 && (int)c->kind != a->f->kind) ||
	    !status_ok(a->f, c->status));
}

/* Hand cell c (tree unit u) to deviation_stats_each's caller. */
static void
each_call(const struct acc *a, const struct dev_cell *c, long u, int month,
    int days, int64_t n)
{
	struct dev_count_cell	e;
	long			b = a->bucket[u];

	e.under = b >= 0 ? a->tree.u[b].id : 0;
	e.unit_id = c->unit_id;
	e.category_id = c->category_id;
	e.kind = c->kind;
	e.status = c->status;
	e.month = month;
	e.days = days;
	a->each(a->each_arg, &e, n);
}

/* Whether a cell's month (YYYYMM) is a year (YYYY): a cell of
 * deviation_counts_year. */
#define IS_YEAR(m)	((m) > 0 && (m) < 10000)

/* Count n deviations of cell c (month: the month by=month counts it in,
 * or its year for a cell of a whole year). */
static void
acc_add(struct acc *a, const struct dev_cell *c, int month, int64_t n)
{
	long	u, h;
	size_t	i;

	if (a->failed || !acc_pass(a, c, &u))
		return;
	if (a->each != NULL)
		each_call(a, c, u, month, -1, n);
	a->out->total += n;
	a->group_n[group_index(c->status)] += n;
	a->kind_n[c->kind] += n;
	if (a->by == BY_CATEGORY || a->by == BY_ALL) {
		for (i = 0; i < a->ncats; i++)
			if (a->cats[i].id == c->category_id)
				break;
		a->cat_n[i] += n;	/* i == ncats: none */
	}
	/* A cell of a whole year (month YYYY, count_kept) has no month:
	 * count_kept takes the year's months from the whole tenant's sums. */
	if ((a->by == BY_MONTH || a->by == BY_ALL) && !IS_YEAR(month) &&
	    month_add(a, month, n) != 0)
		a->failed = 1;
	if ((a->by == BY_UNIT || a->by == BY_ALL) && a->bucket[u] >= 0)
		a->unit_n[a->bucket[u]] += n;
	if (a->by == BY_UNIT_OWN || a->by == BY_ALL)
		a->own_n[u] += n;
	if (c->status != DEV_CLOSED && (a->by == BY_HANDLER_OPEN || a->by == BY_ALL) &&
	    (h = org_tree_find(&a->tree, c->handler_unit_id)) >= 0)
		a->hopen_n[h] += n;
}

/* Whether the streamed row (ROW_COLS) is one routed to a role and kept
 * from the caller: the list hides it, so the statistics leave it out. */
static int
row_hidden(const struct acc *a, struct dbstmt *st)
{
	return a->top_kept && !db_col_is_null(st, 9) &&
	    authz_dev_top_hidden(a->ctx, db_col_int(st, 3),
	    db_col_is_null(st, 7) ? 0 : db_col_int(st, 7));
}

/* The local month (YYYYMM) of t, as dev_local_month, from the bounds of
 * the last one asked when t lies in them. */
static int
acc_month(struct acc *a, int64_t t)
{
	int m;

	if (a->mc_month != 0 && t >= a->mc_lo && t < a->mc_hi)
		return a->mc_month;
	if ((m = dev_local_month(t)) == 0)
		return 0;
	a->mc_lo = dev_local_month_start(m);
	a->mc_hi = dev_local_month_start(dev_month_next(m));
	/* Only bounds that hold t are kept (no such day: ask again). */
	a->mc_month = a->mc_lo >= 0 && t >= a->mc_lo && t < a->mc_hi ? m : 0;
	return m;
}

/* A streamed deviation row (ROW_COLS) into cell c without its month or
 * its closed part (days -1, closing month 0): what the count of overdue
 * needs, and the rest of the reported rows' cells; -1 to skip it. */
static int
row_base(struct acc *a, struct dbstmt *st, struct dev_cell *c)
{
	int64_t cat;

	if (dev_cell_kinds(db_col_text(st, 0), db_col_text(st, 1), c) != 0)
		return -1;
	c->unit_id = db_col_int(st, 2);
	c->handler_unit_id = db_col_int(st, 3);
	cat = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
	c->category_id = cat > 0 ? cat : 0;
	c->month = 0;
	c->days = -1;
	c->cmonth = 0;
	if (a->f->mine && (a->ctx->user == NULL || db_col_is_null(st, 7) ||
	    db_col_int(st, 7) != a->ctx->user->id))
		return -1;
	return row_hidden(a, st) ? -1 : 0;
}

/* A streamed deviation row (ROW_COLS) into cell c as counted by when it
 * was reported (acc_add: its closed part is not read) and the month it
 * counts in (*month: of occurrence when the filter says so); -1 to skip
 * it. */
static int
row_cell(struct acc *a, struct dbstmt *st, struct dev_cell *c, int *month)
{
	int64_t occurred = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);

	if (row_base(a, st, c) != 0)
		return -1;
	c->month = acc_month(a, db_col_int(st, 5));
	*month = c->month;
	if (a->f->by_occurred && occurred > 0)
		*month = dev_local_month(occurred);
	return 0;
}

/* A streamed closed row (ROW_COLS) into cell c with its closed part
 * (days to close, closing month), for the histogram; -1 to skip it. */
static int
row_cell_closed(struct acc *a, struct dbstmt *st, struct dev_cell *c)
{
	if (dev_cell_make(db_col_text(st, 0), db_col_text(st, 1),
	    db_col_int(st, 2), db_col_int(st, 3),
	    db_col_is_null(st, 4) ? 0 : db_col_int(st, 4), db_col_int(st, 5),
	    db_col_is_null(st, 6) ? 0 : db_col_int(st, 6), c) != 0)
		return -1;
	if (a->f->mine && (a->ctx->user == NULL || db_col_is_null(st, 7) ||
	    db_col_int(st, 7) != a->ctx->user->id))
		return -1;
	return row_hidden(a, st) ? -1 : 0;
}

/* One streamed row into a: 0, or -1 to stop the scan (no memory). */
typedef int	(*scan_row)(struct acc *, struct dbstmt *);

/* sql prepared for a's tenant with [lo, hi] bound to $2, $3 in *st:
 * DB_OK or a DB_* error. */
static int
scan_open(struct acc *a, const char *sql, int64_t lo, int64_t hi,
    struct dbstmt **st)
{
	int rc;

	if ((rc = db_prepare_tenant(a->ctx->conn, a->ctx->tenant_id, sql,
	    st)) != DB_OK)
		return rc;
	db_bind_int(*st, 2, lo);
	db_bind_int(*st, 3, hi);
	return DB_OK;
}

/* st reset after its last step rc: 0, or a DB_* error. */
static int
scan_close(struct dbstmt *st, int rc)
{
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

/* Stream the rows of sql over [lo, hi] ($2, $3: times or months) into a,
 * one row() each; nothing when lo > hi. */
static int
scan(struct acc *a, const char *sql, int64_t lo, int64_t hi, scan_row row)
{
	struct dbstmt	*st;
	int		 rc;

	if (lo > hi)
		return 0;
	if ((rc = scan_open(a, sql, lo, hi, &st)) != DB_OK)
		return rc;
	/* Every deviation of a period can pass here (date=occurred, the
	 * ragged ends): one row in memory at a time on PostgreSQL too. */
	db_stream(st);
	while ((rc = db_step(st)) == DB_ROW)
		if (row(a, st) != 0) {
			rc = DB_ERR;
			break;
		}
	return scan_close(st, rc);
}

/* A row of a kept-count table as a pass reads it: its cell and count.
 * deviation_counts_all's have no unit (0), deviation_counts_unit's no
 * category, kind or status; month is YYYYMM, or YYYY for
 * deviation_counts_year's (IS_YEAR). Or a deviation kept from the caller
 * (SQL_ROWS_TOP), with n -1. at: what [lo, hi] of the statement bounds
 * (the month, the year, reported_at). */
struct kept_row {
	struct dev_cell	c;
	int64_t		n, at;
};

/* A row of sql into *k: 0, or -1 to skip it (a value this build does
 * not know; a deviation not kept from the caller). */
typedef int	(*kept_parse)(struct acc *, struct dbstmt *, struct kept_row *);
/* One kept row into a: 0, or -1 to stop (no memory). */
typedef int	(*kept_fn)(struct acc *, const struct kept_row *);

/* A kept table read once for a request's passes (deviation_stats_span):
 * its rows of the months (or years) [lo, hi], in the arena; over: it had
 * more than KEPT_MAX, so none are kept and each pass streams its own. */
struct dev_kept {
	struct dev_kept	*next;
	const char	*sql;
	int64_t		 lo, hi;
	struct kept_row	*v;
	size_t		 n, cap;
	int		 over;
};

/* The most rows of a table kept for a request (64 bytes each: 2 MB, and
 * as much again in the arena's smaller copies while it grew), so that the
 * memory of a request stays bounded however long a history or period:
 * past it the passes stream as they did before the union was read. A
 * dashboard of bench/gen's municipality (20,000 deviations in ten years)
 * keeps 600-1,000 cells of the whole tenant's months, 1,300-3,900 of the
 * units' years, up to 4,800 of the units' months. */
#define KEPT_MAX	32768

/* The months (deviation_counts_year: years; the deviations kept from
 * the caller: times, of the whole local months) of sql's rows that the
 * passes of a's request declared, in [*lo, *hi]: 0, or -1 when sql is
 * not read once a request or nothing was declared for it. */
static int
kept_range(const struct acc *a, const char *sql, int64_t *lo, int64_t *hi)
{
	const struct dev_stats_base	*b = a->f->base;
	int64_t				 from, to;
	int				 m1, m2;

	if (b == NULL)
		return -1;
	if (sql == SQL_YEAR_CELLS) {
		from = b->span_from;
		to = b->span_to;
	} else if (sql == SQL_SUM_CELLS || sql == SQL_UNIT_MONTHS ||
	    sql == SQL_ROWS_TOP) {
		from = b->span_from < b->mspan_from ? b->span_from : b->mspan_from;
		to = b->span_to > b->mspan_to ? b->span_to : b->mspan_to;
	} else
		return -1;
	if (from > to || (m1 = dev_local_month(from)) == 0 ||
	    (m2 = dev_local_month(to)) == 0)
		return -1;
	*lo = sql == SQL_YEAR_CELLS ? m1 / 100 : m1;
	*hi = sql == SQL_YEAR_CELLS ? m2 / 100 : m2;
	if (sql == SQL_ROWS_TOP) {
		*lo = dev_local_month_start(m1);
		*hi = dev_local_month_start(dev_month_next(m2)) - 1;
	}
	return 0;
}

/* The rows of st, bound and not stepped yet, into *k; st reset: 0 or a
 * DB_* error. */
static int
kept_fill(struct acc *a, struct dbstmt *st, kept_parse parse,
    struct dev_kept *k)
{
	struct kept_row	 r;
	int		 rc;

	while ((rc = db_step(st)) == DB_ROW) {
		if (parse(a, st, &r) != 0)
			continue;
		if (k->n == KEPT_MAX) {
			k->over = 1;
			k->n = 0;
			rc = DB_DONE;	/* not stepped further */
			break;
		}
		if (dev_vec_grow(a->ctx, (void **)&k->v, k->n, &k->cap,
		    sizeof(*k->v)) != 0) {
			rc = DB_ERR;
			break;
		}
		k->v[k->n++] = r;
	}
	return scan_close(st, rc);
}

static int	parse_cell(struct acc *, struct dbstmt *, struct kept_row *);
static int	parse_sum(struct acc *, struct dbstmt *, struct kept_row *);
static int	parse_hidden(struct acc *, struct dbstmt *, struct kept_row *);

/* The tables a dashboard's passes read once each (kept_range), with
 * how their rows are read: the whole tenant's months, the units' years,
 * the rows kept from the caller. deviation_counts_unit's months are not
 * among them: no pass of a dashboard of the whole reads them, and one
 * read for nothing costs more than the round trip it would share. */
static const struct {
	const char	*sql;
	kept_parse	 parse;
} kept_tables[] = {
	{ SQL_SUM_CELLS, parse_sum },
	{ SQL_YEAR_CELLS, parse_cell },
	{ SQL_ROWS_TOP, parse_hidden },
};
#define NKEPT	(sizeof(kept_tables) / sizeof(kept_tables[0]))

/* At a request's first read of a kept table: every table of kept_tables
 * over what the passes declared, read together (db_run_together: one
 * round trip on PostgreSQL instead of one each; bench/why.md, w19-pg),
 * into b->kept. 0 or a DB_* error. */
static int
kept_read_all(struct acc *a)
{
	struct dev_stats_base	*b = a->f->base;
	struct dbstmt		*st[NKEPT];
	struct dev_kept		*k[NKEPT];
	size_t			 i, n = 0, done = 0;
	int64_t			 lo, hi;
	int			 rc = 0;

	for (i = 0; i < NKEPT; i++) {
		if (kept_range(a, kept_tables[i].sql, &lo, &hi) != 0)
			continue;
		if ((k[n] = arena_alloc(a->ctx->arena, sizeof(*k[n]))) == NULL) {
			rc = DB_ERR;
			goto out;
		}
		memset(k[n], 0, sizeof(*k[n]));
		k[n]->sql = kept_tables[i].sql;
		k[n]->lo = lo;
		k[n]->hi = hi;
		if ((rc = scan_open(a, k[n]->sql, lo, hi, &st[n])) != DB_OK)
			goto out;
		n++;
	}
	if ((rc = db_run_together(st, n)) != DB_OK)
		goto out;
	for (done = 0; done < n; done++) {
		for (i = 0; kept_tables[i].sql != k[done]->sql; i++)
			;
		if ((rc = kept_fill(a, st[done], kept_tables[i].parse,
		    k[done])) != 0) {
			done++;
			goto out;
		}
		k[done]->next = b->kept;
		b->kept = k[done];
	}
out:
	for (i = done; i < n; i++)
		db_reset(st[i]);
	return rc;
}

/* The rows of sql's table read once for the request (kept_range), or
 * NULL in *out when [lo, hi] is not inside what was declared: 0 or a
 * DB_* error. */
static int
kept_cached(struct acc *a, const char *sql, int64_t lo, int64_t hi,
    kept_parse parse, struct dev_kept **out)
{
	struct dev_stats_base	*b = a->f->base;
	struct dev_kept		*k;
	struct dbstmt		*st;
	int64_t			 klo, khi;
	int			 rc;

	*out = NULL;
	if (kept_range(a, sql, &klo, &khi) != 0 || lo < klo || hi > khi)
		return 0;
	if (b->kept == NULL && !b->kept_tried) {
		b->kept_tried = 1;
		if ((rc = kept_read_all(a)) != 0)
			return rc;
	}
	for (k = b->kept; k != NULL && k->sql != sql; k = k->next)
		;
	if (k == NULL) {
		if ((k = arena_alloc(a->ctx->arena, sizeof(*k))) == NULL)
			return DB_ERR;
		memset(k, 0, sizeof(*k));
		k->sql = sql;
		k->lo = klo;
		k->hi = khi;
		if ((rc = scan_open(a, sql, klo, khi, &st)) != DB_OK ||
		    (rc = kept_fill(a, st, parse, k)) != 0)
			return rc;
		k->next = b->kept;
		b->kept = k;
	}
	if (k->over || lo < k->lo || hi > k->hi)
		return 0;
	*out = k;
	return 0;
}

/* The rows of a kept table over [lo, hi] ($2, $3: months or years) into
 * a, one fn() each: from the request's one read of the table when the
 * passes declared it (kept_cached), else streamed; nothing when lo > hi. */
static int
kept_scan(struct acc *a, const char *sql, int64_t lo, int64_t hi,
    kept_parse parse, kept_fn fn)
{
	struct dev_kept	*k;
	struct dbstmt	*st;
	struct kept_row	 r;
	size_t		 i;
	int		 rc;

	if (lo > hi)
		return 0;
	if ((rc = kept_cached(a, sql, lo, hi, parse, &k)) != 0)
		return rc;
	if (k != NULL) {
		for (i = 0; i < k->n; i++)
			if (k->v[i].at >= lo && k->v[i].at <= hi &&
			    fn(a, &k->v[i]) != 0)
				return DB_ERR;
		return 0;
	}
	if ((rc = scan_open(a, sql, lo, hi, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW)
		if (parse(a, st, &r) == 0 && fn(a, &r) != 0) {
			rc = DB_ERR;
			break;
		}
	return scan_close(st, rc);
}

/* A cell of deviation_counts or deviation_counts_year (SQL_CELLS,
 * SQL_YEAR_CELLS). */
static int
parse_cell(struct acc *a, struct dbstmt *st, struct kept_row *k)
{
	(void)a;
	k->at = db_col_int(st, 5);
	return dev_cell_row(st, &k->c, &k->n);
}

/* *k as a kept row of month (or year) with count n, of no unit, category,
 * kind or status yet. */
static void
kept_row_of(struct kept_row *k, int64_t month, int64_t n)
{
	memset(k, 0, sizeof(*k));
	k->c.month = (int)month;
	k->c.days = -1;
	k->n = n;
	k->at = month;
}

/* A whole tenant's cell (SQL_SUM_CELLS): no unit. */
static int
parse_sum(struct acc *a, struct dbstmt *st, struct kept_row *k)
{
	(void)a;
	kept_row_of(k, db_col_int(st, 3), db_col_int(st, 4));
	k->c.category_id = db_col_int(st, 2);
	return dev_cell_kinds(db_col_text(st, 0), db_col_text(st, 1), &k->c);
}

/* A cell of deviation_counts_unit (SQL_UNIT_MONTHS): no category, kind
 * or status. */
static int
parse_unit_month(struct acc *a, struct dbstmt *st, struct kept_row *k)
{
	(void)a;
	kept_row_of(k, db_col_int(st, 2), db_col_int(st, 3));
	k->c.unit_id = db_col_int(st, 0);
	k->c.handler_unit_id = db_col_int(st, 1);
	return 0;
}

/* A streamed row (ROW_COLS) that row_hidden keeps from the caller, into
 * cell c: 1, or 0 for a row shown (or of a value this build does not
 * know). */
static int
hidden_cell(const struct acc *a, struct dbstmt *st, struct dev_cell *c)
{
	return row_hidden(a, st) && dev_cell_make(db_col_text(st, 0),
	    db_col_text(st, 1), db_col_int(st, 2), db_col_int(st, 3),
	    db_col_is_null(st, 4) ? 0 : db_col_int(st, 4), db_col_int(st, 5),
	    db_col_is_null(st, 6) ? 0 : db_col_int(st, 6), c) == 0;
}

/* A deviation (ROW_COLS) counted in its month. */
static int
row_count(struct acc *a, struct dbstmt *st)
{
	struct dev_cell	c;
	int		month;

	if (row_cell(a, st, &c, &month) == 0)
		acc_add(a, &c, month, 1);
	return 0;
}

/* A deviation (ROW_COLS) taken back out of its month: what the kept
 * cells of a whole month counted after the period's end (tail_whole). */
static int
row_uncount_after(struct acc *a, struct dbstmt *st)
{
	struct dev_cell	c;
	int		month;

	if (row_cell(a, st, &c, &month) == 0)
		acc_add(a, &c, month, -1);
	return 0;
}

/* Stream the deviations of [lo, hi] (reported or occurred) into a. */
static int
count_rows(struct acc *a, const char *sql, int64_t lo, int64_t hi)
{
	return scan(a, sql, lo, hi, row_count);
}

/* A kept cell (SQL_CELLS, SQL_YEAR_CELLS) counted. */
static int
row_kept(struct acc *a, const struct kept_row *k)
{
	acc_add(a, &k->c, k->c.month, k->n);
	return 0;
}

/* The kept cells of the whole months [m1, m2] into a. */
static int
count_cells(struct acc *a, int m1, int m2)
{
	return kept_scan(a, SQL_CELLS, m1, m2, parse_cell, row_kept);
}

/* Whether the filter covers every unit, handler and (unless
 * any_category) category of the tenant, so that the whole tenant's cells
 * answer: the same count as every unit cell passing acc_pass. */
static int
acc_whole(const struct acc *a, int any_category)
{
	size_t i;

	if (a->handler_ok != NULL || (!any_category && a->cat_filter != -1))
		return 0;
	for (i = 0; i < a->tree.n; i++)
		if (!a->in_sub[i])
			return 0;
	return 1;
}

/* The whole tenant's kept counts of the whole months [m1, m2] into a
 * (acc_whole without the category, and no grouping by unit): the same
 * totals, status groups, kinds, categories and months as the unit cells. */
/* A whole tenant's cell (SQL_SUM_CELLS) counted. */
static int
row_sum(struct acc *a, const struct kept_row *k)
{
	const struct dev_cell	*c = &k->c;
	int64_t			 n = k->n;
	size_t			 i;

	if ((a->cat_filter != -1 && c->category_id != a->cat_filter) ||
	    (a->f->kind >= 0 && (int)c->kind != a->f->kind) ||
	    !status_ok(a->f, c->status))
		return 0;
	a->out->total += n;
	a->group_n[group_index(c->status)] += n;
	a->kind_n[c->kind] += n;
	for (i = 0; i < a->ncats; i++)
		if (a->cats[i].id == c->category_id)
			break;
	a->cat_n[i] += n;	/* i == ncats: none */
	return month_add(a, c->month, n) != 0 ? -1 : 0;
}

/* The request's one read of the sums when the passes share reads
 * (kept_cached); else on PostgreSQL, with no months to show, summed by
 * the server. */
static int
count_sums(struct acc *a, int m1, int m2)
{
	if (a->f->base == NULL && !a->need_months &&
	    strcmp(db_conn_backend(a->ctx->conn), "postgres") == 0)
		return kept_scan(a, SQL_SUM_CELLS_PG, m1, m2, parse_sum,
		    row_sum);
	return kept_scan(a, SQL_SUM_CELLS, m1, m2, parse_sum, row_sum);
}

/* A whole tenant's cell (SQL_SUM_CELLS) counted in its month only: the
 * months of the whole years whose cells count_kept read by year. */
static int
row_sum_month(struct acc *a, const struct kept_row *k)
{
	if ((a->cat_filter != -1 && k->c.category_id != a->cat_filter) ||
	    (a->f->kind >= 0 && (int)k->c.kind != a->f->kind) ||
	    !status_ok(a->f, k->c.status))
		return 0;
	return month_add(a, k->c.month, k->n) != 0 ? -1 : 0;
}

/* The whole years inside the whole months [m1, m2] as [*y1, *y2] (y1 >
 * y2: none). */
static void
whole_years(int m1, int m2, int *y1, int *y2)
{
	*y1 = m1 % 100 == 1 ? m1 / 100 : m1 / 100 + 1;
	*y2 = m2 % 100 == 12 ? m2 / 100 : m2 / 100 - 1;
}

/* A kept unit cell (SQL_CELLS) taken back out of the year it was
 * counted in by count_year_part: its year (YYYY) for month, so no month
 * loses it (the months come from the whole tenant's sums there). */
static int
row_unkept(struct acc *a, const struct kept_row *k)
{
	struct dev_cell	c = k->c;

	c.month /= 100;
	acc_add(a, &c, c.month, -k->n);
	return 0;
}

/* A cell of deviation_counts_unit (SQL_UNIT_MONTHS) counted in its
 * month (and, for deviation_stats_months, the total): it has no
 * category, kind or status, so it only serves where unit_months_fit. */
static int
row_unit_month(struct acc *a, const struct kept_row *k)
{
	long	u, h;

	if ((u = org_tree_find(&a->tree, k->c.unit_id)) < 0 || !a->in_sub[u])
		return 0;
	if (a->handler_ok != NULL &&
	    ((h = org_tree_find(&a->tree, k->c.handler_unit_id)) < 0 ||
	    !a->handler_ok[h]))
		return 0;
	if (a->months_only)	/* else the cells by year count the rest */
		a->out->total += k->n;
	return month_add(a, k->c.month, k->n) != 0 ? -1 : 0;
}

/* Whether the counts by unit and month can give the months of what a
 * selects: of every category, kind and status. */
static int
unit_months_fit(const struct acc *a)
{
	return a->cat_filter == -1 && a->f->kind < 0 && a->f->status == NULL;
}

/* Whether the counts by unit and month answer alone: only the total and
 * its months are asked for (deviation_stats_months). */
static int
unit_months_answer(const struct acc *a)
{
	return a->months_only && a->each == NULL && unit_months_fit(a);
}

/* The months [m1, m2] of the cells that count_years and count_year_part
 * read by year (which have no month): the whole tenant's sums when they
 * answer, else the counts by unit and month (unit_months_fit). */
static int
scan_months(struct acc *a, int m1, int m2)
{
	if (acc_whole(a, 1))
		return kept_scan(a, SQL_SUM_CELLS, m1, m2, parse_sum,
		    row_sum_month);
	return kept_scan(a, SQL_UNIT_MONTHS, m1, m2, parse_unit_month,
	    row_unit_month);
}

/* The unit cells of the whole years [y1, y2] from deviation_counts_year,
 * and their months (when asked for) by scan_months. */
static int
count_years(struct acc *a, int y1, int y2)
{
	int rc;

	if (y1 > y2)
		return 0;
	if ((rc = kept_scan(a, SQL_YEAR_CELLS, y1, y2, parse_cell,
	    row_kept)) != 0 || !a->need_months)
		return rc;
	return scan_months(a, y1 * 100 + 1, y2 * 100 + 12);
}

/* The unit cells of the months [m1, m2] of one year: as they are, or,
 * when they are more than half of it (this year so far, the same months
 * a year before), the year's cells less those of its other months, which
 * reads fewer rows; the months then by scan_months. */
static int
count_year_part(struct acc *a, int m1, int m2)
{
	int y = m1 / 100, rc;

	if (m1 > m2)
		return 0;
	if (m1 == y * 100 + 1 && m2 == y * 100 + 12)
		return count_years(a, y, y);
	if ((m2 - m1 + 1) * 2 <= 12)
		return count_cells(a, m1, m2);
	if ((rc = kept_scan(a, SQL_YEAR_CELLS, y, y, parse_cell,
	    row_kept)) != 0 ||
	    (rc = kept_scan(a, SQL_CELLS, y * 100 + 1, m1 - 1, parse_cell,
	    row_unkept)) != 0 ||
	    (rc = kept_scan(a, SQL_CELLS, m2 + 1, y * 100 + 12, parse_cell,
	    row_unkept)) != 0 || !a->need_months)
		return rc;
	return scan_months(a, m1, m2);
}

/* The kept counts of the whole months [m1, m2] into a: the whole
 * tenant's sums when they answer (acc_whole, nothing by unit); else the
 * unit cells, of the whole years inside from deviation_counts_year (one
 * row per cell and year instead of twelve) and of the months of the
 * years at either end as count_year_part reads them. A cell of a year
 * cannot say its month: when months are asked for, they come from the
 * whole tenant's sums or the counts by unit and month (scan_months), so
 * the years are read by year only where those answer (else every
 * month's cells). */
static int
count_kept(struct acc *a, int m1, int m2)
{
	int rc;

	if (acc_whole(a, 1) && !a->by_units)
		return count_sums(a, m1, m2);
	if (unit_months_answer(a))
		return kept_scan(a, SQL_UNIT_MONTHS, m1, m2, parse_unit_month,
		    row_unit_month);
	if ((a->need_months && !acc_whole(a, 1) && !unit_months_fit(a)) ||
	    a->each_months)
		return count_cells(a, m1, m2);
	if (m1 > m2 || m1 / 100 == m2 / 100)
		return count_year_part(a, m1, m2);
	if ((rc = count_year_part(a, m1, m1 / 100 * 100 + 12)) != 0 ||
	    (rc = count_years(a, m1 / 100 + 1, m2 / 100 - 1)) != 0)
		return rc;
	return count_year_part(a, m2 / 100 * 100 + 1, m2);
}

/* A deviation routed to a role (SQL_ROWS_TOP) that is kept from the
 * caller, to be taken back out (n -1) of the month it was reported in;
 * whether it is kept depends on the caller alone, not on the pass. */
static int
parse_hidden(struct acc *a, struct dbstmt *st, struct kept_row *k)
{
	memset(k, 0, sizeof(*k));
	if (!hidden_cell(a, st, &k->c))
		return -1;
	k->n = -1;
	k->at = db_col_int(st, 5);
	return 0;
}

/* The kept cells of [lo, hi] counted the deviations routed to a role that
 * are kept from the caller: take them back out (row_kept, n -1). */
static int
uncount_hidden(struct acc *a, int64_t lo, int64_t hi)
{
	if (!a->top_kept)
		return 0;
	return kept_scan(a, SQL_ROWS_TOP, lo, hi, parse_hidden, row_kept);
}

/* The whole local months inside [from, to] as [*m1, *m2] (m1 > m2: none). */
static void
whole_months(int64_t from, int64_t to, int *m1, int *m2)
{
	*m1 = dev_local_month(from);
	if (dev_local_month_start(*m1) < from)
		*m1 = dev_month_next(*m1);
	*m2 = dev_local_month(to);
	if (dev_local_month_start(dev_month_next(*m2)) - 1 > to)
		*m2 = *m2 % 100 == 1 ? (*m2 / 100 - 1) * 100 + 12 : *m2 - 1;
}

/* The period ends at to inside the month after the whole months up to
 * m2: whether to count that month whole from the kept cells and take
 * back the rows after to, instead of adding the rows before it. Both are
 * exact; this reads fewer rows when the period ends now or later (as the
 * dashboard's "this year" does: nothing, as a rule, was reported or
 * closed after it) or when fewer of the month's days lie after to than
 * before. */
static int
tail_whole(const struct acc *a, int m2, int64_t to)
{
	int64_t	hi = dev_local_month_start(dev_month_next(m2));
	int64_t	end = dev_local_month_start(dev_month_next(dev_month_next(m2))) - 1;

	if (to < hi || to >= end)
		return 0;
	return to >= a->ctx->now || end - to < to - hi;
}

/* Reported in [from, to]: whole local months from the kept cells, the
 * days before the first whole month from the rows, and the days after the
 * last from the rows or as that month's cells less the rows after to
 * (tail_whole). */
static int
count_reported(struct acc *a, int64_t from, int64_t to)
{
	int	m1, m2, rc, tail;
	int64_t	lo, hi;

	whole_months(from, to, &m1, &m2);
	if (m1 > m2)
		return count_rows(a, SQL_ROWS_REPORTED, from, to);
	if ((tail = tail_whole(a, m2, to)))
		m2 = dev_month_next(m2);
	lo = dev_local_month_start(m1);
	hi = dev_local_month_start(dev_month_next(m2));
	if ((rc = count_rows(a, SQL_ROWS_REPORTED, from, lo - 1)) != 0 ||
	    (rc = count_kept(a, m1, m2)) != 0 ||
	    (rc = uncount_hidden(a, lo, hi - 1)) != 0)
		return rc;
	if (tail)
		return scan(a, SQL_ROWS_REPORTED, to + 1, hi - 1,
		    row_uncount_after);
	return count_rows(a, SQL_ROWS_REPORTED, hi, to);
}

/* Count n closed deviations of cell c into the days-to-close histogram. */
static void
close_acc(struct acc *a, const struct dev_cell *c, int64_t n)
{
	long u;

	if (a->failed || c->status != DEV_CLOSED || !acc_pass(a, c, &u))
		return;
	if (a->each != NULL && a->each_closed)
		each_call(a, c, u, c->cmonth, c->days, n);
	if (hist_add(a, c->days, n) != 0)
		a->failed = 1;
	a->nclosed += n;
}

/* A closed deviation (ROW_COLS) into the histogram. */
static int
row_close(struct acc *a, struct dbstmt *st)
{
	struct dev_cell	c;

	if (row_cell_closed(a, st, &c) == 0)
		close_acc(a, &c, 1);
	return 0;
}

/* A closed deviation (ROW_COLS) taken back out of the histogram: what
 * the kept cells of a whole month counted after the period's end. */
static int
row_close_after(struct acc *a, struct dbstmt *st)
{
	struct dev_cell	c;

	if (row_cell_closed(a, st, &c) == 0)
		close_acc(a, &c, -1);
	return 0;
}

/* A hidden closed deviation (ROW_COLS) taken back out of what the kept
 * cells counted. */
static int
row_unclose(struct acc *a, struct dbstmt *st)
{
	struct dev_cell c;

	if (hidden_cell(a, st, &c))
		close_acc(a, &c, -1);
	return 0;
}

/* A kept histogram cell (SQL_CLOSE_CELLS). */
static int
row_close_kept(struct acc *a, struct dbstmt *st)
{
	struct dev_cell	c;
	int64_t		n;

	if (dev_close_row(st, &c, &n) == 0)
		close_acc(a, &c, n);
	return 0;
}

/* A whole tenant's histogram cell (SQL_CLOSE_TOTAL). */
static int
row_close_total(struct acc *a, struct dbstmt *st)
{
	enum dev_kind kind;

	if (db_col_text(st, 0) == NULL ||
	    dev_kind_parse(db_col_text(st, 0), &kind) != 0 ||
	    (a->f->kind >= 0 && (int)kind != a->f->kind))
		return 0;
	if (hist_add(a, (int)db_col_int(st, 1), db_col_int(st, 2)) != 0)
		return -1;
	a->nclosed += db_col_int(st, 2);
	return 0;
}

/* A kept histogram cell (SQL_CLOSE_CELLS) taken back out of the year
 * close_unit_part counted it in. */
static int
row_close_unkept(struct acc *a, struct dbstmt *st)
{
	struct dev_cell	c;
	int64_t		n;

	if (dev_close_row(st, &c, &n) == 0)
		close_acc(a, &c, -n);
	return 0;
}

/* The units' histogram of the closing months [m1, m2] of one year, as
 * count_year_part reads the counts: the year's cells when whole; its
 * months' cells when they are half of it or less; else the year's cells
 * less those of its other months. */
static int
close_unit_part(struct acc *a, int m1, int m2)
{
	int y = m1 / 100, rc;

	if (m1 > m2)
		return 0;
	if (m1 == y * 100 + 1 && m2 == y * 100 + 12)
		return scan(a, SQL_CLOSE_UNIT_YEARS, y, y, row_close_kept);
	if ((m2 - m1 + 1) * 2 <= 12)
		return scan(a, SQL_CLOSE_CELLS, m1, m2, row_close_kept);
	if ((rc = scan(a, SQL_CLOSE_UNIT_YEARS, y, y, row_close_kept)) != 0 ||
	    (rc = scan(a, SQL_CLOSE_CELLS, y * 100 + 1, m1 - 1,
	    row_close_unkept)) != 0)
		return rc;
	return scan(a, SQL_CLOSE_CELLS, m2 + 1, y * 100 + 12, row_close_unkept);
}

/* The units' histogram of the closing months [m1, m2] without a category
 * filter: the whole years inside from deviation_close_days_unit (a cell
 * per unit, handler unit, kind, year and bucket instead of nearly one per
 * closed deviation), the years at either end by close_unit_part. */
static int
close_units(struct acc *a, int m1, int m2)
{
	int rc;

	if (m1 > m2 || m1 / 100 == m2 / 100)
		return close_unit_part(a, m1, m2);
	if ((rc = close_unit_part(a, m1, m1 / 100 * 100 + 12)) != 0 ||
	    (rc = scan(a, SQL_CLOSE_UNIT_YEARS, m1 / 100 + 1, m2 / 100 - 1,
	    row_close_kept)) != 0)
		return rc;
	return close_unit_part(a, m2 / 100 * 100 + 1, m2);
}

/* The kept histogram of the months closed in [m1, m2]: the whole
 * tenant's when it answers (it holds closed deviations only; its whole
 * years by year), else the units' cells. */
static int
close_kept(struct acc *a, int m1, int m2)
{
	struct dbstmt	*st;
	int		 y1, y2, rc, pg;

	if (a->each_closed || a->cat_filter != -1)
		return scan(a, SQL_CLOSE_CELLS, m1, m2, row_close_kept);
	if (!acc_whole(a, 0))
		return close_units(a, m1, m2);
	if (!status_ok(a->f, DEV_CLOSED))
		return 0;
	pg = strcmp(db_conn_backend(a->ctx->conn), "postgres") == 0;
	whole_years(m1, m2, &y1, &y2);
	if (y1 > y2)
		return scan(a, pg ? SQL_CLOSE_TOTAL_PG : SQL_CLOSE_TOTAL, m1, m2,
		    row_close_total);
	if (m1 > (y1 - 1) * 100 + 12 && (y2 + 1) * 100 + 1 > m2)
		return scan(a, SQL_CLOSE_TOTAL_YEAR, y1, y2, row_close_total);
	if ((rc = scan_open(a, pg ? SQL_CLOSE_TOTAL_SPAN_PG :
	    SQL_CLOSE_TOTAL_SPAN, m1, (y1 - 1) * 100 + 12, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 4, y1);
	db_bind_int(st, 5, y2);
	db_bind_int(st, 6, (y2 + 1) * 100 + 1);
	db_bind_int(st, 7, m2);
	while ((rc = db_step(st)) == DB_ROW)
		if (row_close_total(a, st) != 0) {
			rc = DB_ERR;
			break;
		}
	return scan_close(st, rc);
}

/* Days to close of what was closed in [from, to]: whole months from the
 * kept histogram, the ragged days from the rows or, at the end, as for
 * count_reported (tail_whole) ("mine": every row, the histogram does not
 * know the reporter). */
static int
count_closed(struct acc *a, int64_t from, int64_t to)
{
	int	m1, m2, rc, tail;
	int64_t	lo, hi;

	whole_months(from, to, &m1, &m2);
	if (a->f->mine || m1 > m2)
		return scan(a, SQL_ROWS_CLOSED, from, to, row_close);
	if ((tail = tail_whole(a, m2, to)))
		m2 = dev_month_next(m2);
	lo = dev_local_month_start(m1);
	hi = dev_local_month_start(dev_month_next(m2));
	if ((rc = scan(a, SQL_ROWS_CLOSED, from, lo - 1, row_close)) != 0 ||
	    (rc = close_kept(a, m1, m2)) != 0 ||
	    (a->top_kept && (rc = scan(a, SQL_ROWS_CLOSED_TOP, lo, hi - 1,
	    row_unclose)) != 0))
		return rc;
	if (tail)
		return scan(a, SQL_ROWS_CLOSED, to + 1, hi - 1, row_close_after);
	return scan(a, SQL_ROWS_CLOSED, hi, to, row_close);
}

/* Overdue now among the deviations of the period: counted into
 * out->overdue, or (the overdue filter) counted as the selection itself. */
static int
count_overdue(struct acc *a, int64_t from, int64_t to, int as_selection)
{
	struct dbstmt	*st;
	struct dev_cell	 c;
	int64_t		 t;
	long		 u, h;
	int		 rc, month;

	if ((rc = db_prepare_tenant(a->ctx->conn, a->ctx->tenant_id,
	    SQL_ROWS_OVERDUE, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, a->ctx->now);
	/* By date of occurrence the period is tested below only. */
	db_bind_int(st, 3, a->f->by_occurred ? INT64_MIN : from);
	db_bind_int(st, 4, a->f->by_occurred ? INT64_MAX : to);
	db_stream(st);	/* every open overdue deviation */
	while ((rc = db_step(st)) == DB_ROW) {
		t = a->f->by_occurred ? (db_col_is_null(st, 8) ? -1 :
		    db_col_int(st, 8)) : db_col_int(st, 5);
		if (t < from || t > to ||
		    (as_selection ? row_cell(a, st, &c, &month) :
		    row_base(a, st, &c)) != 0)
			continue;
		if (as_selection)
			acc_add(a, &c, month, 1);
		else if (acc_pass(a, &c, &u))
			a->out->overdue++;
		if ((as_selection || acc_pass(a, &c, &u)) &&
		    (h = org_tree_find(&a->tree, c.handler_unit_id)) >= 0)
			a->hover_n[h]++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if (as_selection)
		a->out->overdue = a->out->total;
	return 0;
}

/* The value at 0-based rank r of the histogram. */
static int
hist_rank(const int64_t *hist, size_t cap, int64_t r)
{
	size_t	d;
	int64_t	seen = 0;

	for (d = 0; d < cap; d++) {
		seen += hist[d];
		if (seen > r)
			return (int)d;
	}
	return 0;
}

void
dev_hist_figures(const int64_t *hist, size_t cap, int64_t n, double *median,
    int64_t *p90)
{
	*median = -1;
	*p90 = -1;
	if (n <= 0)
		return;
	*median = n % 2 ? hist_rank(hist, cap, n / 2) :
	    (hist_rank(hist, cap, n / 2 - 1) + hist_rank(hist, cap, n / 2)) / 2.0;
	*p90 = hist_rank(hist, cap, (n * 9 + 9) / 10 - 1);
}

static int
cmp_count(const void *x, const void *y)
{
	const struct dev_stat_row *p = x, *q = y;

	if (p->count != q->count)
		return p->count > q->count ? -1 : 1;
	return strcmp(p->label, q->label);
}

static int
row_push(struct acc *a, size_t *cap, const char *key, const char *label,
    int64_t n)
{
	struct dev_stats *o = a->out;

	if (dev_vec_grow(a->ctx, (void **)&o->rows, o->nrows, cap,
	    sizeof(*o->rows)) != 0)
		return -1;
	o->rows[o->nrows].key = key;
	o->rows[o->nrows].label = label;
	o->rows[o->nrows].count = n;
	if (key == NULL || label == NULL)
		return -1;
	o->nrows++;
	return 0;
}

/* The rows of the grouping asked for, in the order the callers show. */
static int
make_rows(struct acc *a)
{
	struct arena	*ar = a->ctx->arena;
	size_t		 cap = 0, i;
	long		 u;

	switch (a->by) {
	case BY_NONE:
	case BY_ALL:
		return 0;
	case BY_STATUS:
		for (i = 0; i < 3; i++)
			if (row_push(a, &cap, group_keys[i], group_label((int)i),
			    a->group_n[i]) != 0)
				return -1;
		return 0;
	case BY_KIND:
		for (i = 0; i < DEV_KIND_MAX; i++)
			if (row_push(a, &cap, dev_kind_name((enum dev_kind)i),
			    kind_label((enum dev_kind)i), a->kind_n[i]) != 0)
				return -1;
		return 0;
	case BY_MONTH:
		for (i = 0; i < a->nmonths; i++)
			if (a->months[i].n != 0 &&
			    row_push(a, &cap, arena_printf(ar, "%04d-%02d",
			    a->months[i].month / 100, a->months[i].month % 100),
			    arena_printf(ar, "%04d-%02d", a->months[i].month / 100,
			    a->months[i].month % 100), a->months[i].n) != 0)
				return -1;
		return 0;	/* already in month order */
	case BY_CATEGORY:
		for (i = 0; i < a->ncats; i++)
			if (a->cat_n[i] != 0 && row_push(a, &cap, a->cats[i].code,
			    a->cats[i].name, a->cat_n[i]) != 0)
				return -1;
		if (a->cat_n[a->ncats] != 0 && row_push(a, &cap, "improvement",
		    _("Improvement proposal"), a->cat_n[a->ncats]) != 0)
			return -1;
		break;
	case BY_UNIT:
		for (u = 0; u < (long)a->tree.n; u++)
			if (a->unit_n[u] != 0 && row_push(a, &cap,
			    arena_printf(ar, "%lld", (long long)a->tree.u[u].id),
			    a->tree.u[u].name, a->unit_n[u]) != 0)
				return -1;
		break;
	case BY_HANDLER_OPEN:
	case BY_HANDLER_OVERDUE:
		/* By the unit that handles them (whose leader acts). */
		for (u = 0; u < (long)a->tree.n; u++) {
			int64_t n = a->by == BY_HANDLER_OPEN ? a->hopen_n[u] :
			    a->hover_n[u];

			if (n != 0 && row_push(a, &cap, arena_printf(ar, "%lld",
			    (long long)a->tree.u[u].id), a->tree.u[u].name, n) != 0)
				return -1;
		}
		break;
	case BY_UNIT_OWN:
		/* Every unit of the subtree, those with none too: a unit
		 * that reports nothing is what under-reporting looks for. */
		for (u = 0; u < (long)a->tree.n; u++)
			if (a->in_sub[u] && row_push(a, &cap,
			    arena_printf(ar, "%lld", (long long)a->tree.u[u].id),
			    a->tree.u[u].name, a->own_n[u]) != 0)
				return -1;
		break;
	}
	if (a->out->nrows > 1)
		qsort(a->out->rows, a->out->nrows, sizeof(*a->out->rows), cmp_count);
	return 0;
}

static enum by
by_parse(const char *by, int *ok)
{
	static const char *const names[] = { "category", "status", "month",
	    "unit", "kind", "unit_own", "handler_open", "handler_overdue" };
	static const enum by vals[] = { BY_CATEGORY, BY_STATUS, BY_MONTH,
	    BY_UNIT, BY_KIND, BY_UNIT_OWN, BY_HANDLER_OPEN, BY_HANDLER_OVERDUE };
	size_t i;

	*ok = 1;
	if (by == NULL)
		return BY_NONE;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(by, names[i]) == 0)
			return vals[i];
	*ok = 0;
	return BY_NONE;
}

int
deviation_stats_base(struct ctx *ctx, struct dev_stats_base **out)
{
	return deviation_stats_base_with(ctx, NULL, 0, out);
}

int
deviation_stats_base_with(struct ctx *ctx, struct dbstmt *const *with,
    size_t nwith, struct dev_stats_base **out)
{
	struct dev_stats_base	*b;
	int			 rc;

	*out = NULL;
	if ((b = arena_alloc(ctx->arena, sizeof(*b))) == NULL)
		return DB_ERR;
	memset(b, 0, sizeof(*b));
	b->span_from = b->mspan_from = INT64_MAX;
	b->span_to = b->mspan_to = INT64_MIN;
	if ((b->tree = arena_alloc(ctx->arena, sizeof(*b->tree))) == NULL)
		return DB_ERR;
	if ((rc = dev_units_categories(ctx, with, nwith, &b->units, &b->nunits,
	    &b->cats, &b->ncats)) != 0)
		return rc;
	if (org_tree_build(ctx->arena, b->units, b->nunits, b->tree) != 0)
		return DB_ERR;
	*out = b;
	return 0;
}

void
deviation_stats_span(struct dev_stats_base *b, int64_t from, int64_t to,
    int by_month)
{
	int64_t	*lo = by_month ? &b->mspan_from : &b->span_from;
	int64_t	*hi = by_month ? &b->mspan_to : &b->span_to;

	if (from > to)
		return;
	if (from < *lo)
		*lo = from;
	if (to > *hi)
		*hi = to;
}

/* org_tree_rollup of the filter's unit: the units inside it. */
static void
mark_sub(void *arg, int64_t unit_id, int64_t bucket_id)
{
	struct acc	*a = arg;
	long		 i = org_tree_find(&a->tree, unit_id);

	(void)bucket_id;
	if (i >= 0)
		a->in_sub[i] = 1;
}

/* org_tree_rollup of the top: the by=unit row each unit counts in. */
static void
mark_bucket(void *arg, int64_t unit_id, int64_t bucket_id)
{
	struct acc	*a = arg;
	long		 i = org_tree_find(&a->tree, unit_id);

	if (i >= 0)
		a->bucket[i] = org_tree_find(&a->tree, bucket_id);
}

/* The units (an index of ids and names), the subtree and the by=unit
 * buckets rolled up in C from the unit list's tree (org_tree_rollup: no
 * statement; it asked unit_ancestors twice a subtree on every page),
 * the handler scope. */
static int
acc_units(struct acc *a)
{
	struct unit	*units;
	size_t		 nunits, n, i;

	if (a->f->base != NULL) {
		a->tree = *a->f->base->tree;
		nunits = a->f->base->nunits;
	} else if (org_unit_list(a->ctx, &units, &nunits) != 0 ||
	    org_tree_build(a->ctx->arena, units, nunits, &a->tree) != 0)
		return DB_ERR;
	n = nunits ? nunits : 1;
	if ((a->in_sub = arena_alloc(a->ctx->arena, n)) == NULL ||
	    (a->bucket = arena_alloc(a->ctx->arena, n * sizeof(*a->bucket))) == NULL ||
	    (a->unit_n = arena_alloc(a->ctx->arena, n * sizeof(*a->unit_n))) == NULL ||
	    (a->own_n = arena_alloc(a->ctx->arena, n * sizeof(*a->own_n))) == NULL ||
	    (a->hopen_n = arena_alloc(a->ctx->arena, n * sizeof(*a->hopen_n))) == NULL ||
	    (a->hover_n = arena_alloc(a->ctx->arena, n * sizeof(*a->hover_n))) == NULL)
		return DB_ERR;
	for (i = 0; i < nunits; i++)
		a->bucket[i] = -1;
	if (a->f->unit_id > 0 && org_tree_find(&a->tree, a->f->unit_id) < 0)
		return 0;	/* not a unit of this tenant: nothing inside */
	if (a->top_id > 0 && org_tree_find(&a->tree, a->top_id) < 0)
		return 0;
	if (a->sel != NULL) {
		/* Each unit with its subtree; in_sub is one flag per unit, so
		 * a unit under another of the list counts once. */
		memset(a->in_sub, 0, n);
		for (i = 0; i < a->nsel; i++)
			org_tree_rollup(&a->tree, a->sel[i], mark_sub, a);
	} else if (a->f->unit_id > 0)
		org_tree_rollup(&a->tree, a->f->unit_id, mark_sub, a);
	else
		memset(a->in_sub, 1, nunits);
	/* The by=unit rows each unit counts in: only a grouping by unit
	 * and deviation_stats_each's callers read them. */
	if (a->by_units)
		org_tree_rollup(&a->tree, a->top_id, mark_bucket, a);
	for (i = 0; i < nunits; i++)
		if (!a->in_sub[i])
			a->bucket[i] = -1;
	if (a->f->scope != DEV_SCOPE_ALL) {
		if ((a->handler_ok = arena_alloc(a->ctx->arena, n)) == NULL)
			return DB_ERR;
		authz_dev_stats_handlers(a->ctx, &a->tree, a->handler_ok);
	}
	return 0;
}

static int
acc_categories(struct acc *a)
{
	size_t i;

	a->cat_filter = -1;
	if (a->f->base != NULL) {
		a->cats = a->f->base->cats;
		a->ncats = a->f->base->ncats;
	} else if (dev_category_list(a->ctx, 1, &a->cats, &a->ncats) != 0)
		return DB_ERR;
	if ((a->cat_n = arena_alloc(a->ctx->arena, (a->ncats + 1) *
	    sizeof(*a->cat_n))) == NULL)
		return DB_ERR;
	if (a->f->category == NULL)
		return 0;
	a->cat_filter = -2;	/* an unknown code matches nothing */
	for (i = 0; i < a->ncats; i++)
		if (strcmp(a->cats[i].code, a->f->category) == 0)
			a->cat_filter = a->cats[i].id;
	return 0;
}

static int	stats_run(struct ctx *, const struct dev_filter *, int64_t,
		    const char *const *, size_t, struct dev_stats *, int,
		    const int64_t *, size_t, dev_cell_fn, void *, int);

int
deviation_stats_groups(struct ctx *ctx, const struct dev_filter *f,
    int64_t unit_top, const char *const *bys, size_t nby, struct dev_stats *outs)
{
	return stats_run(ctx, f, unit_top, bys, nby, outs, 0, NULL, 0, NULL, NULL,
	    0);
}

int
deviation_stats_counts(struct ctx *ctx, const struct dev_filter *f,
    int64_t unit_top, const char *const *bys, size_t nby, struct dev_stats *outs)
{
	return stats_run(ctx, f, unit_top, bys, nby, outs, 1, NULL, 0, NULL, NULL,
	    0);
}

int
deviation_stats_months(struct ctx *ctx, const struct dev_filter *f,
    struct dev_stats *out)
{
	const char *by = "month";

	return stats_run(ctx, f, 0, &by, 1, out, 3, NULL, 0, NULL, NULL, 0);
}

int
deviation_stats_groups_each(struct ctx *ctx, const struct dev_filter *f,
    int64_t unit_top, const char *const *bys, size_t nby, struct dev_stats *outs,
    int counts_only, dev_cell_fn fn, void *arg)
{
	return stats_run(ctx, f, unit_top, bys, nby, outs, counts_only ? 1 : 0,
	    NULL, 0, fn, arg, 0);
}

/*
 * An open end of [*from, *to] (0, OPEN_END) narrowed to the first or last
 * whole month that holds data in the kept counts (SQL_DATA_SPAN): 0 or a
 * DB_* error. Every deviation is counted in the month it was reported,
 * every closed one in the month it was closed, so nothing the question
 * counts lies outside those months, and the answer is the same. The ends
 * are then whole months: no rows are read for the partial first and last
 * months of 1970 and 9999 (four round trips on PostgreSQL that found
 * nothing), and the kept cells are asked for the years that hold data
 * instead of 1970 to 9999. Not for date=occurred (occurred_at is in no
 * kept count).
 */
static int
data_span(struct acc *a, int64_t *from, int64_t *to)
{
	struct dbstmt	*st;
	int64_t		 lo, hi;
	int		 rc;

	if ((rc = db_prepare_tenant(a->ctx->conn, a->ctx->tenant_id,
	    SQL_DATA_SPAN, &st)) != DB_OK)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW && !db_col_is_null(st, 0) && !db_col_is_null(st, 1)) {
		lo = dev_local_month_start((int)db_col_int(st, 0));
		hi = dev_local_month_start(dev_month_next((int)db_col_int(st,
		    1))) - 1;
		if (*from == 0 && lo > 0)
			*from = lo;
		if (*to == OPEN_END && hi < OPEN_END)
			*to = hi;
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc < 0 ? rc : DB_ERR;
}

/* deviation_stats_groups; counts_only: deviation_stats_counts (2: and the
 * closed of the period, without overdue); sel (may be NULL): count the
 * subtrees of these nsel units instead of f->unit_id's; each (may be
 * NULL): every reported cell counted to it as well, and with each_closed
 * the closed cells of the days-to-close histogram too
 * (deviation_stats_each; without it the histogram of a whole tenant is
 * still read from its sums). */
static int
stats_run(struct ctx *ctx, const struct dev_filter *f, int64_t unit_top,
    const char *const *bys, size_t nby, struct dev_stats *outs, int counts_only,
    const int64_t *sel, size_t nsel, dev_cell_fn each, void *each_arg,
    int each_closed)
{
	struct acc		a;
	struct dev_stats	tot;
	int64_t			from, to, closed;
	size_t			i;
	int			rc, ok;

	memset(&tot, 0, sizeof(tot));
	tot.median_days_to_close = -1;
	tot.p90_days_to_close = -1;
	for (i = 0; i < nby; i++) {
		outs[i] = tot;
		(void)by_parse(bys[i], &ok);
		if (!ok)
			return DEV_ERR_INVALID;
	}
	if (f->inbox)
		return DEV_ERR_INVALID;
	if (f->scope == DEV_SCOPE_NONE)
		return 0;
	memset(&a, 0, sizeof(a));
	a.by = BY_ALL;
	a.ctx = ctx;
	a.f = f;
	a.out = &tot;
	a.top_id = unit_top > 0 ? unit_top : sel != NULL ? 0 : f->unit_id;
	a.sel = sel;
	a.nsel = nsel;
	a.each = each;
	a.each_arg = each_arg;
	a.each_closed = each != NULL && each_closed;
	/* deviation_stats_each's callers tally cells by month (the report's
	 * group view): no cells of whole years for them. */
	a.each_months = a.each_closed;
	a.months_only = counts_only == 3;
	a.by_units = each != NULL;	/* the unit cells, not the tenant's sums */
	a.top_kept = authz_dev_top_kept_from(ctx);
	for (i = 0; i < nby; i++)
		switch (by_parse(bys[i], &ok)) {
		case BY_UNIT:
		case BY_UNIT_OWN:
		case BY_HANDLER_OPEN:
		case BY_HANDLER_OVERDUE:
			a.by_units = 1;
			break;
		case BY_MONTH:
			a.need_months = 1;
			break;
		default:
			break;
		}
	if ((rc = acc_units(&a)) != 0 || (rc = acc_categories(&a)) != 0)
		return rc;
	from = f->from > 0 ? f->from : 0;
	/* Open ends: the epoch and the last second of year 9999. */
	to = f->to > 0 && f->to < OPEN_END ? f->to : OPEN_END;
	if ((f->from <= 0 || to == OPEN_END) && !f->by_occurred &&
	    (rc = data_span(&a, &from, &to)) != 0)
		return rc;
	if (f->overdue)
		rc = count_overdue(&a, from, to, 1);
	else if (f->by_occurred)
		rc = count_rows(&a, SQL_ROWS_OCCURRED, from, to);
	else if (f->mine)
		rc = count_rows(&a, SQL_ROWS_REPORTED, from, to);
	else
		rc = count_reported(&a, from, to);
	if (rc != 0)
		return rc;
	if (!f->overdue && !counts_only &&
	    (rc = count_overdue(&a, from, to, 0)) != 0)
		return rc;
	/* The overdue selection holds nothing closed. */
	if (!f->overdue && counts_only != 1 && counts_only != 3 &&
	    (rc = count_closed(&a, from, to)) != 0)
		return rc;
	if (a.failed)
		return DB_ERR;
	/* The counts by unit and month know no status. */
	tot.open = a.months_only ? 0 : a.group_n[0];
	tot.in_progress = a.months_only ? 0 : a.group_n[1];
	tot.closed = a.months_only ? 0 : a.group_n[2];
	tot.closed_in_period = closed = a.nclosed;
	dev_hist_figures(a.hist, a.histcap, closed, &tot.median_days_to_close,
	    &tot.p90_days_to_close);
	/* One pass counted every grouping; each answer takes its rows. */
	for (i = 0; i < nby; i++) {
		outs[i] = tot;
		a.by = by_parse(bys[i], &ok);
		a.out = &outs[i];
		if (make_rows(&a) != 0)
			return DB_ERR;
	}
	return 0;
}

int
deviation_stats_each(struct ctx *ctx, const struct dev_filter *f,
    int64_t unit_top, dev_cell_fn fn, void *arg)
{
	struct dev_stats	st;
	const char		*by = "status";

	return stats_run(ctx, f, unit_top, &by, 1, &st, 2, NULL, 0, fn, arg, 1);
}

int
deviation_stats(struct ctx *ctx, const struct dev_filter *f, const char *by,
    struct dev_stats *out)
{
	const char	*one = by != NULL ? by : "status";
	int		 rc;

	rc = deviation_stats_groups(ctx, f, 0, &one, 1, out);
	if (by == NULL) {	/* totals only */
		out->rows = NULL;
		out->nrows = 0;
	}
	return rc;
}

int
dev_close_days(struct ctx *ctx, int64_t unit_id, int kind, int64_t from,
    int64_t to, struct dev_close_days *out)
{
	struct dev_filter	f;
	struct dev_stats	st;
	int			rc;

	out->n = 0;
	out->median = -1;
	out->p90 = -1;
	memset(&f, 0, sizeof(f));
	f.unit_id = unit_id;
	f.kind = kind;
	f.from = from;
	f.to = to;
	if ((f.scope = authz_dev_stats_scope(ctx, unit_id)) == DEV_SCOPE_NONE)
		return DEV_ERR_NOTFOUND;	/* nothing there it may count */
	if ((rc = deviation_stats(ctx, &f, NULL, &st)) != 0)
		return rc;
	out->n = st.closed_in_period;
	out->median = st.median_days_to_close;
	out->p90 = st.p90_days_to_close;
	return 0;
}

int
dev_close_days_units(struct ctx *ctx, const struct dev_filter *base,
    const int64_t *unit_ids, size_t n, struct dev_close_days *out)
{
	struct dev_filter	f = *base;
	struct dev_stats	st;
	const char		*by = "status";
	int			rc;

	out->n = 0;
	out->median = -1;
	out->p90 = -1;
	if (n == 0)
		return 0;
	f.unit_id = 0;
	if ((rc = stats_run(ctx, &f, 0, &by, 1, &st, 0, unit_ids, n, NULL,
	    NULL, 0)) != 0)
		return rc;
	out->n = st.closed_in_period;
	out->median = st.median_days_to_close;
	out->p90 = st.p90_days_to_close;
	return 0;
}

int64_t
deviation_count(struct ctx *ctx)
{
	struct dbstmt	*st;
	int64_t		 n = -1;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DEVIATION_COUNT,
	    &st) != DB_OK)
		return -1;
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return n;
}
