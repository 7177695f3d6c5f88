/* numbers.c: the tertial report's numbers (report.h), read from the kept
 * counts through deviation_stats_each: two reads (the period and a year
 * before), each cell rolled up by the area's direct children and tallied
 * into its group by kind, status and category, and days to close into
 * the group's histogram. The cost grows with the cells of the period,
 * not with the history, the categories or the groups. */
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "i18n/i18n.h"
#include "report/written.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

int
report_period(int year, int tertial, struct rep_period *p)
{
	int64_t	from, to;
	int	m1, m2;

	if (year < 2000 || year > 9998 || tertial < 0 || tertial > 3)
		return -1;
	m1 = tertial == 0 ? 1 : (tertial - 1) * 4 + 1;
	m2 = tertial == 0 ? 12 : tertial * 4;
	if (date_from_local(year, m1, 1, 0, 0, 0, &from) != 0)
		return -1;
	if (m2 == 12) {
		if (date_from_local(year + 1, 1, 1, 0, 0, 0, &to) != 0)
			return -1;
	} else if (date_from_local(year, m2 + 1, 1, 0, 0, 0, &to) != 0)
		return -1;
	p->year = year;
	p->tertial = tertial;
	p->from = from;
	p->to = to - 1;
	return 0;
}

int
report_period_days(int64_t from, int64_t to, struct rep_period *p)
{
	int y;

	if (from > to || (y = date_year(from)) < 2000 || y > 9998)
		return -1;
	p->year = y;
	p->tertial = -1;
	p->from = from;
	p->to = to;
	return 0;
}

/* The same days a year before p (a tertial's or any days'). */
static int
last_year(const struct rep_period *p, struct rep_period *out)
{
	if (p->tertial >= 0)
		return report_period(p->year - 1, p->tertial, out);
	out->year = p->year - 1;
	out->tertial = -1;
	out->from = date_add_months(p->from, -12);
	out->to = date_add_months(p->to + 1, -12) - 1;
	return out->from > 0 && out->to >= out->from ? 0 : -1;
}

/* Keep in step with the gathered kinds of derived_groups() below. */
const char *
report_kind_group(const char *kind)
{
	if (kind == NULL)
		return NULL;
	if (strcmp(kind, "school") == 0)
		return _("Primary and lower secondary schools");
	if (strcmp(kind, "kindergarten") == 0)
		return _("Kindergartens");
	return NULL;
}

/* Where each unit's counts go: group index by unit id (the area's
 * children and the top itself). */
struct slot {
	int64_t	unit_id;
	size_t	row;
};

struct build {
	struct ctx		*ctx;
	struct rep_numbers	*n;
	struct slot		*slots;
	size_t			 nslots;
	int64_t			 top;		/* by=unit rolls up under it */
	struct dev_filter	 base;
};

/* Days to close of one row, as a histogram (dev_hist_add). */
struct hist {
	int64_t	*v;
	size_t	 cap;
	int64_t	 n;
};

/* What one read of the kept cells counts into. */
struct tally {
	struct build	*b;
	int		 last;		/* 1: the same period a year before */
	struct hist	*hist;		/* per row, then the total's */
	int		 failed;
};

static long
cat_index(const struct rep_numbers *n, int64_t category_id)
{
	size_t i;

	for (i = 0; i < n->ncat; i++)
		if (n->cats[i].id == category_id)
			return (long)i;
	return -1;
}

/* One row's (or the total's) share of a cell. */
static void
tally_row(struct tally *t, struct rep_row *r, struct hist *h,
    const struct dev_count_cell *c, int64_t n)
{
	long k;

	if (c->days >= 0) {	/* closed in the period: days to close */
		if (c->kind != DEV_DEVIATION || t->last)
			return;
		if (dev_hist_add(t->b->ctx->arena, &h->v, &h->cap, c->days, n) != 0)
			t->failed = 1;
		h->n += n;
		return;
	}
	if (c->kind == DEV_IMPROVEMENT) {
		*(t->last ? &r->last_improvements : &r->improvements) += n;
		return;
	}
	if (t->last) {
		r->last_deviations += n;
		return;
	}
	r->deviations += n;
	if (c->status == DEV_CLOSED)
		r->closed += n;
	if ((k = cat_index(t->b->n, c->category_id)) >= 0)
		r->by_cat[k] += n;
}

/* deviation_stats_each: a cell into its group's row and the total. */
static void
tally_cell(void *arg, const struct dev_count_cell *c, int64_t n)
{
	struct tally	*t = arg;
	struct build	*b = t->b;
	size_t		 i;

	tally_row(t, &b->n->total, &t->hist[b->n->nrows], c, n);
	for (i = 0; i < b->nslots; i++)
		if (b->slots[i].unit_id == c->under) {
			tally_row(t, &b->n->rows[b->slots[i].row],
			    &t->hist[b->slots[i].row], c, n);
			break;
		}
}

/* Every number of the report in two reads of the kept cells, the
 * period's (reported in it, and closed in it for days to close) and a
 * year before's, each cell tallied by group, kind, status and category:
 * the cost grows with the cells of the period, not with the history, the
 * categories or the groups. */
static int
tally(struct build *b)
{
	struct rep_numbers	*n = b->n;
	struct dev_filter	 f = b->base;
	struct tally		 t;
	size_t			 i;
	int			 rc;

	memset(&t, 0, sizeof(t));
	t.b = b;
	if ((t.hist = arena_alloc(b->ctx->arena, (n->nrows + 1) *
	    sizeof(*t.hist))) == NULL)
		return DB_ERR;
	memset(t.hist, 0, (n->nrows + 1) * sizeof(*t.hist));
	f.from = n->period.from;
	f.to = n->period.to;
	if ((rc = deviation_stats_each(b->ctx, &f, b->top, tally_cell, &t)) != 0)
		return rc;
	t.last = 1;
	f.from = n->last.from;
	f.to = n->last.to;
	if ((rc = deviation_stats_each(b->ctx, &f, b->top, tally_cell, &t)) != 0)
		return rc;
	if (t.failed)
		return DB_ERR;
	n->total.open = n->total.deviations - n->total.closed;
	dev_hist_figures(t.hist[n->nrows].v, t.hist[n->nrows].cap,
	    t.hist[n->nrows].n, &n->total.median_days, &n->total.p90_days);
	for (i = 0; i < n->nrows; i++) {
		n->rows[i].open = n->rows[i].deviations - n->rows[i].closed;
		n->rows[i].median_days = -1;
		n->rows[i].p90_days = -1;
		/* The top's own row: its subtree is the whole area. */
		if ((n->rows[i].unit_id == b->top && b->top != 0) ||
		    n->rows[i].closed == 0)
			continue;
		dev_hist_figures(t.hist[i].v, t.hist[i].cap, t.hist[i].n,
		    &n->rows[i].median_days, &n->rows[i].p90_days);
	}
	return 0;
}

/* The derived groups of the area: its children gathered by kind (not for
 * the whole municipality, whose groups are its sectors). */
static int
derived_groups(struct build *b, const struct unit *units, size_t nunits)
{
	struct rep_numbers	*n = b->n;
	const char		*g;
	size_t			 i, j;
	int			 pass;
	static const char *const gathered[] = { "school", "kindergarten" };

	/* The gathered kinds first, as the seed's report lists them
	 * (Grunnskoler, Barnehager), then the units of their own. */
	for (pass = 0; pass < 3; pass++)
	for (i = 0; i < nunits; i++) {
		if (units[i].parent_id != b->top || units[i].id == b->top)
			continue;
		g = n->area_id != 0 ? report_kind_group(units[i].kind) : NULL;
		if (pass < 2 ? g == NULL || strcmp(units[i].kind, gathered[pass]) != 0 :
		    g != NULL)
			continue;
		for (j = 0; g != NULL && j < n->nrows; j++)
			if (n->rows[j].kind != NULL &&
			    strcmp(n->rows[j].kind, units[i].kind) == 0)
				break;
		if (g == NULL || j == n->nrows) {
			j = n->nrows++;
			n->rows[j].name = g != NULL ? g :
			    org_unit_label(b->ctx->arena, &units[i]);
			n->rows[j].kind = g != NULL ? units[i].kind : NULL;
			n->rows[j].unit_id = g != NULL ? 0 : units[i].id;
			n->rows[j].key = g != NULL ?
			    arena_printf(b->ctx->arena, "k%s", units[i].kind) :
			    arena_printf(b->ctx->arena, "u%lld",
			    (long long)units[i].id);
		}
		b->slots[b->nslots].unit_id = units[i].id;
		b->slots[b->nslots++].row = j;
	}
	return 0;
}

/* Whether kept group g gathers unit u (a direct child of the area). */
static int
kept_has(const struct rep_group *g, const struct unit *u)
{
	size_t i;

	if (g->unit_kind != NULL)
		return u->kind != NULL && strcmp(u->kind, g->unit_kind) == 0;
	for (i = 0; i < g->nunits; i++)
		if (g->unit_ids[i] == u->id)
			return 1;
	return 0;
}

/* The kept groups of the area in their order; a child of the area in
 * none of them is a group of its own after them (so the groups still add
 * up to the area). A child in two groups counts in the first. */
static int
kept_groups(struct build *b, const struct unit *units, size_t nunits,
    const struct rep_group *kg, size_t nkg)
{
	struct rep_numbers	*n = b->n;
	size_t			 i, k;
	long			 row;

	for (k = 0; k < nkg; k++) {
		n->rows[n->nrows].name = kg[k].name;
		n->rows[n->nrows].kind = kg[k].unit_kind;
		n->rows[n->nrows].key = arena_printf(b->ctx->arena, "g%lld",
		    (long long)kg[k].id);
		n->nrows++;
	}
	for (i = 0; i < nunits; i++) {
		if (units[i].parent_id != b->top || units[i].id == b->top)
			continue;
		for (k = 0, row = -1; k < nkg && row < 0; k++)
			if (kept_has(&kg[k], &units[i]))
				row = (long)k;
		if (row < 0) {
			row = (long)n->nrows++;
			n->rows[row].name = org_unit_label(b->ctx->arena,
			    &units[i]);
			n->rows[row].unit_id = units[i].id;
			n->rows[row].key = arena_printf(b->ctx->arena, "u%lld",
			    (long long)units[i].id);
		}
		b->slots[b->nslots].unit_id = units[i].id;
		b->slots[b->nslots++].row = (size_t)row;
	}
	return 0;
}

/* The groups of the area, kept or derived, then the top's own reports;
 * each row with its key and the units it gathers. */
static int
groups(struct build *b, const struct unit *units, size_t nunits)
{
	struct rep_numbers	*n = b->n;
	struct rep_group	*kg = NULL;
	size_t			 i, j, nkg = 0, cap;
	int			 rc;

	if ((rc = report_groups_list(b->ctx, n->area_id, &kg, &nkg)) != 0)
		return rc;
	cap = nunits + nkg + 1;
	if ((n->rows = arena_alloc(b->ctx->arena, cap * sizeof(*n->rows))) == NULL ||
	    (b->slots = arena_alloc(b->ctx->arena, cap * sizeof(*b->slots))) == NULL)
		return DB_ERR;
	memset(n->rows, 0, cap * sizeof(*n->rows));
	n->derived = nkg == 0;
	rc = nkg == 0 ? derived_groups(b, units, nunits) :
	    kept_groups(b, units, nunits, kg, nkg);
	if (rc != 0)
		return rc;
	for (i = 0; i < nunits; i++)
		if (units[i].id == b->top) {
			j = n->nrows++;
			n->rows[j].name = org_unit_label(b->ctx->arena,
			    &units[i]);
			n->rows[j].unit_id = units[i].id;
			n->rows[j].key = arena_printf(b->ctx->arena, "u%lld",
			    (long long)units[i].id);
			b->slots[b->nslots].unit_id = units[i].id;
			b->slots[b->nslots++].row = j;
		}
	/* Each row's units, for who may write its sections. */
	for (j = 0; j < n->nrows; j++) {
		if ((n->rows[j].unit_ids = arena_alloc(b->ctx->arena,
		    (b->nslots + 1) * sizeof(int64_t))) == NULL ||
		    n->rows[j].key == NULL)
			return DB_ERR;
		for (i = 0; i < b->nslots; i++)
			if (b->slots[i].row == j)
				n->rows[j].unit_ids[n->rows[j].nunits++] =
				    b->slots[i].unit_id;
	}
	return 0;
}

/* Whether ctx->user may write a section of some group of the area. */
static int
writes_some(struct ctx *ctx, const struct rep_numbers *n)
{
	size_t i;

	for (i = 0; i < n->nrows; i++)
		if (report_row_can(ctx, AZ_REPORT_WRITE, n->area_id, &n->rows[i]))
			return 1;
	return 0;
}

/* The groups of area_id's report for period and the filter their reads
 * take (b->base, b->top), with every figure 0: report_numbers_as without
 * its reads. sb (may be NULL): the units and categories the caller has
 * read for this request, used instead of reading them again. */
static int
numbers_setup(struct ctx *ctx, int64_t area_id, const struct rep_period *period,
    int writer, const struct dev_stats_base *sb, struct rep_numbers *out,
    const char **field, struct build *b)
{
	struct unit	*units;
	size_t		 nunits, i, roots = 0;
	int		 rc;

	*field = NULL;
	memset(out, 0, sizeof(*out));
	memset(b, 0, sizeof(*b));
	b->ctx = ctx;
	b->n = out;
	out->period = *period;
	out->area_id = area_id;
	out->tenant_name = ctx->tenant_name;
	if (last_year(period, &out->last) != 0) {
		*field = "year";
		return REP_ERR_INVALID;
	}
	if (sb != NULL) {
		units = sb->units;
		nunits = sb->nunits;
	} else if (org_unit_list(ctx, &units, &nunits) != 0)
		return DB_ERR;
	b->top = area_id;
	for (i = 0; i < nunits; i++) {
		if (area_id == 0 && units[i].parent_id == 0) {
			roots++;
			b->top = units[i].id;
			out->area_name = units[i].name;
		}
		if (area_id != 0 && units[i].id == area_id)
			out->area_name = units[i].name;
	}
	if (area_id != 0 && out->area_name == NULL) {
		*field = "unit_id";
		return REP_ERR_INVALID;
	}
	if (area_id == 0 && roots != 1)
		b->top = 0;	/* several roots: each one a group */
	if (area_id == 0)
		out->area_name = ctx->tenant_name;
	if (!authz_can(ctx, AZ_REPORT_VIEW, area_id) && !writer)
		return REP_ERR_FORBIDDEN;
	b->base.unit_id = area_id;
	b->base.kind = -1;
	if (sb != NULL) {
		out->cats = sb->cats;
		out->ncat = sb->ncats;
	} else if (dev_category_list(ctx, 1, &out->cats, &out->ncat) != 0)
		return DB_ERR;
	if ((rc = groups(b, units, nunits)) != 0)
		return rc;
	if (authz_can(ctx, AZ_REPORT_VIEW, area_id))
		b->base.scope = authz_dev_stats_scope(ctx, area_id);
	else if (writes_some(ctx, out)) {
		/* A group's writer who does not take the area's report sees
		 * what the statistics let them count (authz). */
		b->base.scope = authz_report_writer_scope(ctx);
		out->partial = 1;
	} else
		b->base.scope = DEV_SCOPE_NONE;
	if (b->base.scope == DEV_SCOPE_NONE)
		return REP_ERR_FORBIDDEN;
	for (i = 0; i < out->nrows; i++) {
		if ((out->rows[i].by_cat = arena_alloc(ctx->arena,
		    (out->ncat + 1) * sizeof(int64_t))) == NULL)
			return DB_ERR;
		memset(out->rows[i].by_cat, 0, (out->ncat + 1) * sizeof(int64_t));
	}
	if ((out->total.by_cat = arena_alloc(ctx->arena,
	    (out->ncat + 1) * sizeof(int64_t))) == NULL)
		return DB_ERR;
	out->total.name = _("Total");
	return 0;
}

int
report_numbers_as(struct ctx *ctx, int64_t area_id,
    const struct rep_period *period, int writer, struct rep_numbers *out,
    const char **field)
{
	struct build	b;
	int		rc;

	if ((rc = numbers_setup(ctx, area_id, period, writer, NULL, out, field,
	    &b)) != 0)
		return rc;
	return tally(&b);
}

int
report_numbers(struct ctx *ctx, int64_t area_id, const struct rep_period *period,
    struct rep_numbers *out, const char **field)
{
	return report_numbers_as(ctx, area_id, period, 0, out, field);
}

/* The dashboard's table of groups: the build and the two tallies its own
 * reads feed (the period's, and the same period a year before). */
struct rep_tally {
	struct build	b;
	struct tally	now, last;
};

int
report_tally_begin(struct ctx *ctx, int64_t area_id,
    const struct rep_period *period, const struct dev_stats_base *sb,
    struct rep_numbers *out, struct rep_tally **t, struct dev_filter *base,
    int64_t *top)
{
	struct rep_tally	*rt;
	const char		*field;
	size_t			 i;
	int			 rc;

	*t = NULL;
	if ((rt = arena_alloc(ctx->arena, sizeof(*rt))) == NULL)
		return DB_ERR;
	memset(rt, 0, sizeof(*rt));
	if ((rc = numbers_setup(ctx, area_id, period, 0, sb, out, &field,
	    &rt->b)) != 0)
		return rc;
	rt->now.b = rt->last.b = &rt->b;
	rt->last.last = 1;
	if ((rt->now.hist = arena_alloc(ctx->arena, (out->nrows + 1) *
	    sizeof(*rt->now.hist))) == NULL)
		return DB_ERR;
	for (i = 0; i <= out->nrows; i++)
		memset(&rt->now.hist[i], 0, sizeof(rt->now.hist[i]));
	rt->last.hist = rt->now.hist;	/* not used: nothing closed */
	*base = rt->b.base;
	*top = rt->b.top;
	*t = rt;
	return 0;
}

void
report_tally_cell(void *arg, const struct dev_count_cell *c, int64_t n)
{
	struct rep_tally *rt = arg;

	if (c->days < 0)
		tally_cell(&rt->now, c, n);
}

void
report_tally_last_cell(void *arg, const struct dev_count_cell *c, int64_t n)
{
	struct rep_tally *rt = arg;

	if (c->days < 0)
		tally_cell(&rt->last, c, n);
}

int
report_tally_end(struct rep_tally *rt)
{
	struct rep_numbers	*n = rt->b.n;
	size_t			 i;

	if (rt->now.failed || rt->last.failed)
		return DB_ERR;
	n->total.open = n->total.deviations - n->total.closed;
	n->total.median_days = -1;
	n->total.p90_days = -1;
	for (i = 0; i < n->nrows; i++) {
		n->rows[i].open = n->rows[i].deviations - n->rows[i].closed;
		n->rows[i].median_days = -1;
		n->rows[i].p90_days = -1;
	}
	return 0;
}
