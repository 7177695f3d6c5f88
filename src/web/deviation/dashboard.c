/* web/deviation/dashboard.c: statistics for a unit's subtree and a period: totals,
 * days to close (median and 90th percentile of what was closed in the
 * period), and charts by category, by unit (drilling down the tree), by
 * month and by status, each with a table of the same numbers beside it;
 * each month beside the same month a year before; a seasonal table of the
 * last five years month by month; units that report far less per
 * employee than the units of their kind; open and overdue by the unit
 * that handles them and its leaders; and the CSV export of the same
 * selection. Every figure comes from the kept counts (deviation_stats). Counts only, of what the viewer's
 * statistics scope covers (deviation_stats_scope), never a report they
 * could not open. Each count leads to the list of exactly the reports it
 * counts (struct sel, list_href: the list's filters for it, built from
 * what the page read, no query more); tests/http/test_http_dev_links.c
 * and test_http_dev_history.c follow every link and compare. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/deviation.h"
#include "deviation/dev_input.h"
#include "html/chart.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "org/org.h"
#include "report/report.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/num.h"
#include "web/deviation/pages.h"
#include "web/labels.h"
#include "web/report/report_web.h"
#include "web/ui.h"
#include "web/web.h"

/* Longest period drawn month by month; longer ones show what has data. */
#define MONTHS_MAX	36
/* Years in the seasonal table, this one included. */
#define SEASON_YEARS	5
/* Under-reporting: a unit is flagged when its reports per employee are
 * below the median of the units of its kind divided by this, among at
 * least UNDER_PEERS units of the kind with people. */
#define UNDER_FACTOR	2
#define UNDER_PEERS	3

static const char *const month_names[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
	N_("June"), N_("July"), N_("August"), N_("September"), N_("October"),
	N_("November"), N_("December"),
};
static const char *const month_short[12] = {
	N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
	N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
};

/*
 * What one figure of the page counts, as the list's filters: the list at
 * list_href shows exactly those reports (its count is the figure). The
 * statistics count reports by the day they were reported, so every link
 * carries the period; "Overdue" counts only the period's reports (stats.c),
 * and so does its link. Built from what the page has read: a link adds no
 * query.
 */
struct sel {
	int64_t		 unit;		/* 0: the whole municipality */
	int		 own;		/* the unit's own reports, not its subtree's */
	int64_t		 handler;	/* 0: any handler unit */
	const char	*status;	/* NULL, or a status group */
	const char	*category;	/* NULL, or a category code */
	int		 overdue;
	int64_t		 from, to;	/* local days, inclusive */
	const char	*from_s, *to_s;	/* the same as YYYY-MM-DD (sel_days) */
};

/* The dates of s's period as the list reads them: 0, or -1. Worked out
 * once for the page's period and once per month linked, not per link.
 * Without them a figure has no link: so for a viewer whose list would not
 * show what their figures count (deviation_stats_listed). */
static int
sel_days(struct ctx *ctx, struct sel *s)
{
	s->from_s = s->to_s = NULL;
	if (!deviation_stats_listed(ctx))
		return -1;
	s->from_s = web_iso_date(ctx->arena, s->from);
	s->to_s = web_iso_date(ctx->arena, s->to);
	return s->from_s != NULL && s->to_s != NULL ? 0 : -1;
}

/* "/deviations?..." for s into b, the parameters joined by amp ("&", or
 * "&amp;" written straight into an attribute). */
static void
sel_query(struct buf *b, const struct sel *s, const char *amp)
{
	html_fmt(b, "/deviations?unit_id=%D%Rfrom=%U%Rto=%U", s->unit, amp,
	    s->from_s, amp, s->to_s);
	if (s->own && s->unit != 0)
		html_fmt(b, "%Rown_unit=1", amp);
	if (s->handler != 0)
		html_fmt(b, "%Rhandler_unit_id=%D", amp, s->handler);
	if (s->status != NULL)
		html_fmt(b, "%Rstatus=%U", amp, s->status);
	if (s->category != NULL)
		html_fmt(b, "%Rcategory=%U", amp, s->category);
	if (s->overdue)
		html_fmt(b, "%Roverdue=1", amp);
}

/* The list of s as a string in the arena (a chart's link); NULL on
 * failure (the figure is then shown without its link). */
static const char *
list_href(struct ctx *ctx, const struct sel *s)
{
	struct buf	 q;
	const char	*r = NULL;

	if (s->from_s == NULL || s->to_s == NULL)
		return NULL;
	buf_init(&q, 1024);
	sel_query(&q, s, "&");
	if (!buf_failed(&q))
		r = arena_strdup(ctx->arena, buf_cstr(&q));
	buf_free(&q);
	return r;
}

/* A number in a table cell: a link to the list of s when there is
 * something to list (s not NULL, n > 0), else the number alone. The
 * link's name is the number; what it counts, the cell's row and column
 * heads say (WCAG 2.4.4, in context): a label on each of the hundreds of
 * links of a municipality's table doubled the page. */
static void
put_fig(struct buf *b, int64_t n, const struct sel *s, const char *cls)
{
	if (n > 0 && s != NULL && s->from_s != NULL && s->to_s != NULL) {
		html_fmt(b, "<td%R><a class=\"fig\" href=\"", cls);
		sel_query(b, s, "&amp;");
		html_fmt(b, "\">%D</a></td>", n);
	} else
		html_fmt(b, "<td%R>%D</td>", cls, n);
}

/* The part of local month m (1-12) of year y inside [from, to], into s's
 * period: 0, or -1 when they do not meet. */
static int
month_part(int y, int m, int64_t from, int64_t to, struct sel *s)
{
	int64_t a = dev_local_day_start(y, m, 1);
	int64_t z = dev_local_day_start(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1);

	if (a < 0 || z < 0)
		return -1;
	s->from = a > from ? a : from;
	s->to = z - 1 < to ? z - 1 : to;
	return s->from <= s->to ? 0 : -1;
}

/* s moved to the part of month m of year y inside [from, to], with its
 * dates; NULL when they do not meet. */
static const struct sel *
month_sel(struct ctx *ctx, int y, int m, int64_t from, int64_t to,
    struct sel *s)
{
	return month_part(y, m, from, to, s) == 0 && sel_days(ctx, s) == 0 ?
	    s : NULL;
}

/* Link each chart item with a positive value to s with its period moved
 * to its month (keys "YYYY-MM" in month_items' order from the period's
 * first month). */
static void
month_links(struct ctx *ctx, struct chart_item *it, size_t n, const struct sel *base)
{
	struct tm	f;
	struct sel	s = *base;
	int		y, m;
	size_t		i;

	web_local_tm(base->from, &f);
	y = f.tm_year + 1900;
	m = f.tm_mon + 1;
	for (i = 0; i < n; i++) {
		if (it[i].value > 0 &&
		    month_sel(ctx, y, m, base->from, base->to, &s) != NULL)
			it[i].value_href = list_href(ctx, &s);
		if (++m == 13) {
			m = 1;
			y++;
		}
	}
}

/* Rows of one grouping as chart items. */
static struct chart_item *
items_of(struct arena *a, const struct dev_stats *st, size_t *n)
{
	struct chart_item	*it;
	size_t			 i;

	*n = 0;
	if ((it = arena_alloc(a, (st->nrows ? st->nrows : 1) * sizeof(*it))) == NULL)
		return NULL;
	for (i = 0; i < st->nrows; i++) {
		it[i].label = st->rows[i].label != NULL ? st->rows[i].label :
		    st->rows[i].key;
		it[i].value = st->rows[i].count;
	}
	*n = st->nrows;
	return it;
}

/* Every month of [from, to] in order, zero where nothing was reported,
 * so that a quiet month shows as a gap and not as a missing column. */
static struct chart_item *
month_items(struct arena *a, const struct dev_stats *st, int64_t from,
    int64_t to, size_t *n)
{
	struct chart_item	*it;
	struct tm		 f, t;
	int			 y, m, count, i;
	size_t			 r;
	char			 key[16];

	web_local_tm(from, &f);
	web_local_tm(to, &t);
	count = (t.tm_year - f.tm_year) * 12 + (t.tm_mon - f.tm_mon) + 1;
	if (count < 1 || count > MONTHS_MAX)
		return items_of(a, st, n);
	if ((it = arena_alloc(a, (size_t)count * sizeof(*it))) == NULL)
		return NULL;
	y = f.tm_year + 1900;
	m = f.tm_mon;
	for (i = 0; i < count; i++) {
		if (snprintf(key, sizeof(key), "%04d-%02d", y, m + 1) >= (int)sizeof(key))
			return NULL;
		it[i].label = arena_printf(a, "%s %d", _(month_names[m]), y);
		it[i].short_label = _(month_short[m]);
		for (r = 0; r < st->nrows; r++)
			if (st->rows[r].key != NULL &&
			    strcmp(st->rows[r].key, key) == 0)
				it[i].value = st->rows[r].count;
		if (++m == 12) {
			m = 0;
			y++;
		}
	}
	*n = (size_t)count;
	return it;
}

/* The period the query asks for (in->f.from, to: whole local days), or
 * when it asks for none of it 1 January this year to today: from and to
 * with the dates to show in the form. */
static int
period_of(struct ctx *ctx, const struct dev_filter_input *in, int64_t *from,
    int64_t *to, const char **from_s, const char **to_s)
{
	const struct field_value *v = in->vals;

	*from = in->f.from != 0 ? in->f.from : date_start_of(ctx->now, DATE_YEAR);
	*to = in->f.to != 0 ? in->f.to : date_next(ctx->now, DATE_DAY) - 1;
	*from_s = in->f.from != 0 ? v[DFF_FROM].s : web_iso_date(ctx->arena, *from);
	*to_s = in->f.to != 0 ? v[DFF_TO].s : web_iso_date(ctx->arena, *to);
	return *from_s != NULL && *to_s != NULL && *from <= *to ? 0 : -1;
}

/* The local day of t dy years away (the 29th of February becomes the
 * 28th): its first second, or with end its last. -1 on failure. */
static int64_t
shift_years(int64_t t, int dy, int end)
{
	struct tm	tm;
	int64_t		day;
	int		d;

	web_local_tm(t, &tm);
	for (d = tm.tm_mday; d > 0 && tm.tm_mday - d < 4; d--)
		if (date_from_local(tm.tm_year + 1900 + dy, tm.tm_mon + 1, d, 0,
		    0, 0, &day) == 0)
			return end ? date_next(day, DATE_DAY) - 1 : day;
	return -1;
}

/* The count of month key "YYYY-MM" in a by=month answer (0: none). */
static int64_t
month_count(const struct dev_stats *st, int y, int m)
{
	char	key[16];
	size_t	r;

	if (snprintf(key, sizeof(key), "%04d-%02d", y, m) >= (int)sizeof(key))
		return 0;
	for (r = 0; r < st->nrows; r++)
		if (st->rows[r].key != NULL && strcmp(st->rows[r].key, key) == 0)
			return st->rows[r].count;
	return 0;
}

/* The tertial report's groups of the dashboard's area (issue 16 item 4),
 * tallied in the dashboard's own reads (report_tally_begin): t NULL when
 * the viewer does not take the area's report or it has no groups. */
struct groups {
	struct rep_tally	*t;
	struct rep_numbers	 n;
	struct dev_filter	 base;	/* the filter the report's reads take */
	int64_t			 top;
	int			 fit;		/* the dashboard's reads are the report's */
	int			 last_done;	/* the year before tallied */
};

/* Begin the groups' tally when the viewer takes the area's report; the
 * dashboard's reads feed it when they are the report's (same filter,
 * same top), else it reads its own. 0 or -1. */
static int
groups_begin(struct ctx *ctx, struct groups *g, const struct dev_filter *f,
    int64_t top)
{
	struct rep_period	p;
	int			rc;

	memset(g, 0, sizeof(*g));
	g->top = top;
	if (report_period_days(f->from, f->to, &p) != 0)
		return 0;
	rc = report_tally_begin(ctx, f->unit_id, &p, f->base, &g->n, &g->t,
	    &g->base, &g->top);
	if (rc == REP_ERR_FORBIDDEN || rc == REP_ERR_INVALID ||
	    (rc == 0 && g->n.nrows == 0)) {
		g->t = NULL;
		g->top = top;
		return 0;
	}
	return rc == 0 ? 0 : -1;
}

/* Whether the dashboard's read with f and top counts what the report's
 * groups count. */
static int
groups_fit(const struct groups *g, const struct dev_filter *f, int64_t top)
{
	return g->t != NULL && g->base.scope == f->scope &&
	    g->base.unit_id == f->unit_id && g->base.kind == f->kind &&
	    g->base.category == NULL && f->category == NULL &&
	    g->top == top && g->n.period.from == f->from &&
	    g->n.period.to == f->to;
}

/* Finish the tally: the year before read on its own when the
 * year-before table did not read it (a period over MONTHS_MAX months).
 * 0 or -1. */
static int
groups_end(struct ctx *ctx, struct groups *g)
{
	struct dev_filter	lf;
	struct dev_stats	st;
	const char		*one = "status";

	if (g->t == NULL)
		return 0;
	if (!g->last_done) {
		lf = g->base;
		lf.from = g->n.last.from;
		lf.to = g->n.last.to;
		if (deviation_stats_groups_each(ctx, &lf, g->top, &one, 1, &st,
		    1, report_tally_last_cell, g->t) != 0)
			return -1;
		g->last_done = 1;
	}
	return report_tally_end(g->t) == 0 ? 0 : -1;
}

/* Each month of the period beside the same month a year before (the
 * period moved back a year, counted the same way). */
static int
put_last_year(struct buf *b, struct ctx *ctx, const struct dev_filter *f,
    const struct dev_stats *now_st, struct groups *g)
{
	struct dev_filter	 pf = *f;
	struct dev_stats	 prev;
	const char		*one = "month";
	struct tm		 a, z;
	struct sel		 now_s, prev_s;
	int			 y, m, i, count, shared;
	int64_t			 n;

	web_local_tm(f->from, &a);
	web_local_tm(f->to, &z);
	count = (z.tm_year - a.tm_year) * 12 + (z.tm_mon - a.tm_mon) + 1;
	if (count < 1 || count > MONTHS_MAX)
		return 0;	/* the seasonal table covers longer periods */
	if ((pf.from = shift_years(f->from, -1, 0)) < 0 ||
	    (pf.to = shift_years(f->to, -1, 1)) < 0)
		return -1;
	/* The report's groups count the same days a year before: one read
	 * for both when they are the same days (they are but for a period
	 * that starts or ends on the 29th of February). */
	shared = g->fit && g->n.last.from == pf.from && g->n.last.to == pf.to;
	if (deviation_stats_groups_each(ctx, &pf, shared ? g->top : 0, &one, 1,
	    &prev, 1, shared ? report_tally_last_cell : NULL, g->t) != 0)
		return -1;
	if (shared)
		g->last_done = 1;
	html_fmt(b, "<section aria-labelledby=\"c-yoy-h\"><h2 id=\"c-yoy-h\">%s</h2>"
	    "<table class=\"yoy\"><thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Compared with the year before"), _("Month"), _("Reported"),
	    _("Same month a year before"));
	y = a.tm_year + 1900;
	m = a.tm_mon + 1;
	memset(&now_s, 0, sizeof(now_s));
	now_s.unit = f->unit_id;
	prev_s = now_s;
	for (i = 0; i < count; i++) {
		html_fmt(b, "<tr><th scope=\"row\">%s %d</th>",
		    _(month_names[m - 1]), y);
		n = month_count(now_st, y, m);
		put_fig(b, n, n > 0 ? month_sel(ctx, y, m, f->from, f->to,
		    &now_s) : NULL, "");
		n = month_count(&prev, y - 1, m);
		put_fig(b, n, n > 0 ? month_sel(ctx, y - 1, m, pf.from, pf.to,
		    &prev_s) : NULL, "");
		html_fmt(b, "</tr>");
		if (++m == 13) {
			m = 1;
			y++;
		}
	}
	html_fmt(b, "</tbody></table></section>\n");
	return 0;
}

/* The seasonal table's period: the first of January SEASON_YEARS - 1
 * years ago to the end of today, in [*from, *to], and the first year in
 * *y0. 0 or -1. */
static int
seasons_period(struct ctx *ctx, int64_t *from, int64_t *to, int *y0)
{
	struct tm now;

	web_local_tm(ctx->now, &now);
	*y0 = now.tm_year + 1900 - (SEASON_YEARS - 1);
	if ((*from = dev_local_day_start(*y0, 1, 1)) < 0 ||
	    (*to = dev_local_day_start(now.tm_year + 1900, now.tm_mon + 1,
	    now.tm_mday + 1) - 1) < 0)
		return -1;
	return 0;
}

/* Tell the passes below what they will count (deviation_stats_span):
 * the period, the same days a year before (put_last_year and the report's
 * groups) and, by month only, the seasons. 0 or -1. */
static int
declare_span(struct ctx *ctx, struct dev_stats_base *base, int64_t from,
    int64_t to)
{
	int64_t	lf, lt, sf, st;
	int	y0;

	if ((lf = shift_years(from, -1, 0)) < 0 ||
	    (lt = shift_years(to, -1, 1)) < 0 ||
	    seasons_period(ctx, &sf, &st, &y0) != 0)
		return -1;
	deviation_stats_span(base, from, to, 0);
	deviation_stats_span(base, lf, lt, 0);
	deviation_stats_span(base, sf, st, 1);
	return 0;
}

/* Reports month by month over the last SEASON_YEARS years up to today, a
 * year to a row, so what recurs each season shows in the columns. */
static int
put_seasons(struct buf *b, struct ctx *ctx, const struct dev_filter *f)
{
	struct dev_filter	 sf = *f;
	struct dev_stats	 st;
	struct tm		 now;
	struct sel		 cell;
	int			 y, m, y0;

	web_local_tm(ctx->now, &now);
	memset(&cell, 0, sizeof(cell));
	cell.unit = f->unit_id;
	if (seasons_period(ctx, &sf.from, &sf.to, &y0) != 0 ||
	    deviation_stats_months(ctx, &sf, &st) != 0)
		return -1;
	html_fmt(b, "<section aria-labelledby=\"c-season-h\"><h2 id=\"c-season-h\">%s</h2>"
	    "<p class=\"hint\">%s</p><div class=\"table-scroll\" tabindex=\"0\"><table class=\"seasons\">"
	    "<thead><tr><th scope=\"col\">%s</th>", _("Seasons over the years"),
	    _("Reports per month in the last five years, so that what comes back each year shows."),
	    _("Year"));
	for (m = 0; m < 12; m++)
		html_fmt(b, "<th scope=\"col\"><abbr title=\"%s\">%s</abbr></th>",
		    _(month_names[m]), _(month_short[m]));
	html_fmt(b, "</tr></thead><tbody>");
	for (y = y0; y <= now.tm_year + 1900; y++) {
		html_fmt(b, "<tr><th scope=\"row\">%d</th>", y);
		for (m = 1; m <= 12; m++)
			if (y == now.tm_year + 1900 && m > now.tm_mon + 1)
				html_fmt(b, "<td></td>");
			else
				put_fig(b, month_count(&st, y, m),
				    month_count(&st, y, m) > 0 ? month_sel(ctx, y,
				    m, sf.from, sf.to, &cell) : NULL, "");
		html_fmt(b, "</tr>");
	}
	html_fmt(b, "</tbody></table></div></section>\n");
	return 0;
}

/* One unit's own reports per employee (under-reporting). */
struct urate {
	int64_t		 id, staff, n;
	const char	*name, *kind;	/* kind "" when not said */
	double		 rate, median;	/* median: of its kind; < 0 none */
};

struct staff_map {
	const struct unit	*units;
	size_t			 nunits;
	int64_t			*staff;	/* per units[] index */
};

static void
staff_put(void *arg, int64_t unit_id, int64_t n)
{
	struct staff_map	*m = arg;
	size_t			 i;

	for (i = 0; i < m->nunits; i++)
		if (m->units[i].id == unit_id)
			m->staff[i] = n;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static const char *
unit_kind_label(const char *kind)
{
	if (strcmp(kind, "school") == 0)
		return _("School");
	if (strcmp(kind, "kindergarten") == 0)
		return _("Kindergarten");
	if (strcmp(kind, "health_care") == 0)
		return _("Health and care services");
	if (strcmp(kind, "other") == 0)
		return _("Other");
	return "–";
}

/* A rate with two decimals, a decimal comma in Norwegian. */
static const char *
rate_text(struct ctx *ctx, double v)
{
	char *t = arena_printf(ctx->arena, "%.2f", v), *dot;

	if (t != NULL && strcmp(ctx->lang, "en") != 0 &&
	    (dot = strchr(t, '.')) != NULL)
		*dot = ',';
	return t;
}

/* Units whose own reports per employee in the period are far below the
 * median of the units of the same kind (by=unit_own: every unit of the
 * subtree, also those with none), with the figures. */
static int
put_under(struct buf *b, struct ctx *ctx, const struct unit *units,
    size_t nunits, const struct dev_stats *own, const struct dev_filter *f,
    const struct staff_map *sm)
{
	struct sel		 us;
	struct staff_map	 m = *sm;
	struct urate		*r;
	double			*v;
	size_t			 nr = 0, i, j, k, nv, nflag = 0;
	int64_t			 id;

	if ((r = arena_alloc(ctx->arena, (own->nrows ? own->nrows : 1) *
	    sizeof(*r))) == NULL ||
	    (v = arena_alloc(ctx->arena, (own->nrows ? own->nrows : 1) *
	    sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < own->nrows; i++) {
		if (own->rows[i].key == NULL ||
		    num_parse_i64(own->rows[i].key, 1, INT64_MAX, &id) != 0)
			continue;
		for (j = 0; j < nunits && units[j].id != id; j++)
			;
		if (j == nunits || m.staff[j] <= 0)
			continue;	/* no one to report per */
		r[nr].id = id;
		r[nr].name = units[j].name;
		r[nr].kind = units[j].kind != NULL ? units[j].kind : "";
		r[nr].staff = m.staff[j];
		r[nr].n = own->rows[i].count;
		r[nr].rate = (double)r[nr].n / (double)r[nr].staff;
		r[nr].median = -1;
		nr++;
	}
	/* The median of each kind, over the units of that kind: worked out
	 * for the first unit of the kind, taken over by the others. */
	for (i = 0; i < nr; i++) {
		for (k = 0; k < i && strcmp(r[k].kind, r[i].kind) != 0; k++)
			;
		if (k < i)
			r[i].median = r[k].median;
		else {
			for (nv = 0, k = 0; k < nr; k++)
				if (strcmp(r[k].kind, r[i].kind) == 0)
					v[nv++] = r[k].rate;
			if (nv < UNDER_PEERS)
				continue;
			qsort(v, nv, sizeof(*v), cmp_double);
			r[i].median = nv % 2 ? v[nv / 2] :
			    (v[nv / 2 - 1] + v[nv / 2]) / 2;
		}
		if (r[i].median > 0 && r[i].rate * UNDER_FACTOR < r[i].median)
			nflag++;
	}
	html_fmt(b, "<section aria-labelledby=\"c-under-h\"><h2 id=\"c-under-h\">%s</h2>"
	    "<p class=\"hint\">%s</p>", _("Units that report little"),
	    _("Units whose reports per employee in the period are under half the median of the units of the same kind (at least three units of the kind with people). Few reports may mean that deviations are not reported."));
	if (nflag == 0) {
		html_fmt(b, "<p>%s</p></section>\n",
		    _("No unit reports far less than the units of its kind."));
		return 0;
	}
	html_fmt(b, "<div class=\"table-scroll\" tabindex=\"0\"><table class=\"under\"><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Unit"), _("Kind"), _("Employees"), _("Reported"),
	    _("Reports per employee"), _("Median of its kind"));
	/* "Reported" is the unit's own reports (by=unit_own). */
	memset(&us, 0, sizeof(us));
	us.own = 1;
	us.from = f->from;
	us.to = f->to;
	(void)sel_days(ctx, &us);	/* none: the figures without links */
	for (i = 0; i < nr; i++)
		if (r[i].median > 0 && r[i].rate * UNDER_FACTOR < r[i].median) {
			us.unit = r[i].id;
			html_fmt(b, "<tr><th scope=\"row\">%s</th><td>%s</td>"
			    "<td>%D</td>", r[i].name, unit_kind_label(r[i].kind),
			    r[i].staff);
			put_fig(b, r[i].n, &us, "");
			html_fmt(b, "<td>%s</td><td>%s</td></tr>",
			    rate_text(ctx, r[i].rate), rate_text(ctx, r[i].median));
		}
	html_fmt(b, "</tbody></table></div></section>\n");
	return 0;
}

/* The leaders of every unit, read once for the whole table. */
struct leader {
	int64_t		 unit_id;
	const char	*name;
};
struct leaders {
	struct arena	*arena;
	struct leader	*v;
	size_t		 n, cap;
	int		 failed;
};

static void
leader_put(void *arg, int64_t unit_id, int64_t person_id, const char *name)
{
	struct leaders	*l = arg;
	struct leader	*nv;

	(void)person_id;
	if (l->failed)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		if ((nv = arena_alloc(l->arena, l->cap * sizeof(*nv))) == NULL) {
			l->failed = 1;
			return;
		}
		if (l->n > 0)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
	}
	l->v[l->n].unit_id = unit_id;
	if ((l->v[l->n++].name = arena_strdup(l->arena, name)) == NULL)
		l->failed = 1;
}

/* Not closed and overdue now, of the period's reports, by the unit that
 * handles them, with its leaders: who has what to act on. Most overdue
 * first (the rows come sorted by count). */
static int
put_leaders(struct buf *b, struct ctx *ctx, const struct dev_stats *open,
    const struct dev_stats *over, const struct dev_filter *f,
    const struct leaders *lp)
{
	struct sel	 ls;
	struct leaders	 l = *lp;
	int64_t		 id, late;
	size_t		 i, j, k, n;
	const char	*sep;
	int		 pass;

	html_fmt(b, "<section aria-labelledby=\"c-lead-h\"><h2 id=\"c-lead-h\">%s</h2>",
	    _("Open and overdue by leader"));
	if (open->nrows == 0) {
		html_fmt(b, "<p>%s</p></section>\n", _("Nothing open in the period."));
		return 0;
	}
	html_fmt(b, "<div class=\"table-scroll\" tabindex=\"0\"><table class=\"leaders\"><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Handled by"), _("Leader"), _("Open"), _("Overdue"));
	/* Each figure links to the list of what the unit handles of the
	 * dashboard's selection: not closed, or overdue. */
	memset(&ls, 0, sizeof(ls));
	ls.unit = f->unit_id;
	ls.from = f->from;
	ls.to = f->to;
	(void)sel_days(ctx, &ls);	/* none: the figures without links */
	/* First the units with overdue ones (most first), then the rest. */
	for (pass = 0; pass < 2; pass++)
		for (k = 0; k < (pass == 0 ? over->nrows : open->nrows); k++) {
			const struct dev_stat_row *row = pass == 0 ? &over->rows[k] :
			    &open->rows[k];

			if (row->key == NULL ||
			    num_parse_i64(row->key, 1, INT64_MAX, &id) != 0)
				continue;
			for (late = 0, i = 0; i < over->nrows; i++)
				if (strcmp(over->rows[i].key, row->key) == 0)
					late = over->rows[i].count;
			if (pass == 1 && late > 0)
				continue;	/* shown in the first pass */
			for (j = 0; j < open->nrows &&
			    strcmp(open->rows[j].key, row->key) != 0; j++)
				;
			html_fmt(b, "<tr><th scope=\"row\">%s</th><td>", row->label);
			for (sep = "", n = 0, i = 0; i < l.n; i++)
				if (l.v[i].unit_id == id) {
					html_fmt(b, "%s%s", sep, l.v[i].name);
					sep = ", ";
					n++;
				}
			if (n == 0)
				html_fmt(b, "–");
			html_fmt(b, "</td>");
			ls.handler = id;
			ls.overdue = 0;
			ls.status = "not_closed";
			put_fig(b, j < open->nrows ? open->rows[j].count : late,
			    &ls, "");
			ls.overdue = 1;
			ls.status = NULL;
			put_fig(b, late, &ls, late > 0 ? " class=\"late\"" : "");
			html_fmt(b, "</tr>");
		}
	html_fmt(b, "</tbody></table></div></section>\n");
	return 0;
}

/* The staff of each unit (put_under) and the leaders of each
 * (put_leaders), in one read. 0 or -1. */
static int
read_staff_leaders(struct ctx *ctx, const struct unit *units, size_t nunits,
    struct staff_map *m, struct leaders *l)
{
	m->units = units;
	m->nunits = nunits;
	memset(l, 0, sizeof(*l));
	l->arena = ctx->arena;
	if ((m->staff = arena_alloc(ctx->arena, (nunits ? nunits : 1) *
	    sizeof(*m->staff))) == NULL)
		return -1;
	memset(m->staff, 0, (nunits ? nunits : 1) * sizeof(*m->staff));
	if (org_unit_staff_holders(ctx, ROLE_LEADER, staff_put, m, leader_put,
	    l) != 0 || l->failed)
		return -1;
	return 0;
}

/* A key figure; href (may be NULL): the list of what it counts, the
 * whole tile its link (the number and what it counts its name). */
static void
put_kpi(struct buf *b, const char *label, const char *value, const char *cls,
    const char *href)
{
	if (value == NULL)
		value = "?";
	if (href != NULL)
		html_fmt(b, "<li class=\"kpi%R\"><a class=\"kpi-link\" href=\"%H\">"
		    "<span class=\"kpi-value\">%s</span>"
		    "<span class=\"kpi-label\">%s</span></a></li>", cls, href,
		    value, label);
	else
		html_fmt(b, "<li class=\"kpi%R\"><span class=\"kpi-value\">%s</span>"
		    "<span class=\"kpi-label\">%s</span></li>", cls, value, label);
}

/* The key figure n of what s counts: linked when there is any. */
static void
put_kpi_n(struct buf *b, struct ctx *ctx, const char *label, int64_t n,
    const char *cls, const struct sel *s)
{
	put_kpi(b, label, arena_printf(ctx->arena, "%lld", (long long)n), cls,
	    n > 0 ? list_href(ctx, s) : NULL);
}

void
web_dev_dashboard(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body, q;
	struct unit		*units = NULL, *allowed;
	size_t			 nunits = 0, nallowed = 0, i, ncat, nunit, nmonth, nst;
	int			 whole, bad_period, rc;
	int64_t			 unit = -1, from = 0, to = 0;
	const char		*from_s = NULL, *to_s = NULL, *unit_name;
	const char		*query, *csv;
	struct dev_filter_input	 in;
	struct dev_filter_known	 known;
	struct dev_filter	 f, fu;
	size_t			 nroots;
	int64_t			 root = 0;
	struct dev_stats	 by_cat, by_unit, by_month, by_status, st[7];
	static const char *const bys[7] = { "category", "unit", "month",
	    "status", "unit_own", "handler_open", "handler_overdue" };
	struct chart_item	*icat, *iunit, *imonth, *ist;
	char			*median, *dot;
	struct groups		 grp;
	struct staff_map	 sm;
	struct leaders		 lead;
	struct dev_stats_base	*base;
	struct sel		 all, one;
	struct dbstmt		*un = NULL;
	size_t			 nun;

	if (web_dev_gate(req, resp, DEV_RIGHT_SIGNED_IN) != 0)
		return;
	/* The unit list, tree and categories, read once for every pass of
	 * the page and for the filter's checks; the layout's unread count
	 * goes with them. */
	nun = notification_unread_begin(ctx, &un) == DB_OK;
	rc = deviation_stats_base_with(ctx, &un, nun, &base);
	if (nun)
		(void)notification_unread_end(ctx, un);	/* else the layout asks */
	if (rc != 0) {
		web_failed(req, resp);
		return;
	}
	units = base->units;
	nunits = base->nunits;
	if ((allowed = arena_alloc(ctx->arena, (nunits ? nunits : 1) *
	    sizeof(*allowed))) == NULL) {
		web_failed(req, resp);
		return;
	}
	whole = deviation_stats_may(ctx, 0);
	if (!whole) {
		/* Asked for every unit at once: one statement per role
		 * assignment, not one per unit (a unit leader's dashboard made
		 * 131 of its 150 statements here on PostgreSQL). */
		int64_t		*ids;
		unsigned char	*may;

		if ((ids = arena_alloc(ctx->arena, (nunits ? nunits : 1) *
		    sizeof(*ids))) == NULL || (may = arena_alloc(ctx->arena,
		    nunits ? nunits : 1)) == NULL) {
			web_failed(req, resp);
			return;
		}
		for (i = 0; i < nunits; i++)
			ids[i] = units[i].id;
		if (deviation_stats_may_each(ctx, ids, nunits, may) != 0) {
			web_failed(req, resp);
			return;
		}
		for (i = 0; i < nunits; i++)
			if (may[i])
				allowed[nallowed++] = units[i];
	} else {
		for (i = 0; i < nunits; i++)
			allowed[nallowed++] = units[i];
	}
	if (!whole && nallowed == 0) {
		web_forbidden(req, resp);
		return;
	}
	known.units = base->units;
	known.nunits = base->nunits;
	known.cats = base->cats;
	known.ncats = base->ncats;
	rc = dev_filter_read_known(ctx, req->query, req->nquery,
	    &dev_filter_dashboard, &known, &in);
	if (rc != 0 && rc != DEV_ERR_INVALID) {
		web_failed(req, resp);
		return;
	}
	if (rc == DEV_ERR_INVALID &&
	    strcmp(in.bad_field, dev_filter_fields[DFF_UNIT_ID].name) == 0) {
		web_not_found(req, resp);
		return;
	}
	/* A bad period falls back to the default one, and the page says so. */
	bad_period = rc == DEV_ERR_INVALID;
	if (bad_period)
		in.f.from = in.f.to = 0;
	if (in.vals[DFF_UNIT_ID].present) {
		unit = in.vals[DFF_UNIT_ID].i;
		if (unit == 0 ? !whole : !deviation_stats_may(ctx, unit)) {
			web_forbidden(req, resp);
			return;
		}
	} else
		unit = whole ? 0 : allowed[0].id;	/* the top one, tree order */
	unit_name = unit == 0 ? ctx->tenant_name :
	    web_unit_label(ctx->arena, units, nunits, unit);
	if (unit != 0 && unit_name == NULL) {
		web_not_found(req, resp);
		return;
	}
	/* From after today's end (to not given) is no period either. */
	if (period_of(ctx, &in, &from, &to, &from_s, &to_s) != 0) {
		bad_period = 1;
		in.f.from = in.f.to = 0;
		if (period_of(ctx, &in, &from, &to, &from_s, &to_s) != 0) {
			web_failed(req, resp);
			return;
		}
	}
	memset(&f, 0, sizeof(f));
	f.scope = deviation_stats_scope(ctx, unit);
	f.unit_id = unit;
	f.kind = -1;
	f.from = from;
	f.to = to;
	f.base = base;
	memset(&by_cat, 0, sizeof(by_cat));
	memset(&by_unit, 0, sizeof(by_unit));
	memset(&by_month, 0, sizeof(by_month));
	memset(&by_status, 0, sizeof(by_status));
	/* A municipality with one top unit (the chief executive's) would
	 * show a single bar for the whole: start one level further down. */
	fu = f;
	for (i = 0, nroots = 0; i < nunits; i++)
		if (units[i].parent_id == 0) {
			nroots++;
			root = units[i].id;
		}
	if (unit == 0 && nroots == 1)
		fu.unit_id = root;
	if (declare_span(ctx, base, from, to) != 0)
		goto failed;
	/* One pass for every grouping and the report's groups; by unit from
	 * fu's unit down. */
	if (groups_begin(ctx, &grp, &f, fu.unit_id) != 0)
		goto failed;
	grp.base.base = base;
	grp.fit = groups_fit(&grp, &f, fu.unit_id);
	if (grp.t != NULL && !grp.fit &&
	    deviation_stats_groups_each(ctx, &grp.base, grp.top, bys, 1,
	    &st[0], 1, report_tally_cell, grp.t) != 0)
		goto failed;	/* not the report's read (none such yet): its own */
	if (deviation_stats_groups_each(ctx, &f, fu.unit_id, bys, 7, st, 0,
	    grp.fit ? report_tally_cell : NULL, grp.t) != 0)
		goto failed;
	by_cat = st[0];
	by_unit = st[1];
	by_month = st[2];
	by_status = st[3];
	if ((icat = items_of(ctx->arena, &by_cat, &ncat)) == NULL ||
	    (iunit = items_of(ctx->arena, &by_unit, &nunit)) == NULL ||
	    (imonth = month_items(ctx->arena, &by_month, from, to, &nmonth)) == NULL ||
	    (ist = items_of(ctx->arena, &by_status, &nst)) == NULL) {
failed:
		web_failed(req, resp);
		return;
	}
	for (i = 0; i < nst; i++)
		ist[i].label = web_dev_group_label(by_status.rows[i].key);
	for (i = 0; i < ncat; i++)
		if (by_cat.rows[i].key != NULL &&
		    strcmp(by_cat.rows[i].key, "improvement") == 0)
			icat[i].label = web_dev_kind_label(DEV_IMPROVEMENT);
	for (i = 0; i < nunit; i++) {
		int64_t id;
		const char *label;

		if (by_unit.rows[i].key == NULL ||
		    num_parse_i64(by_unit.rows[i].key, 1, INT64_MAX, &id) != 0)
			continue;
		/* A closed unit keeps the history counted there: say so. */
		if ((label = web_unit_label(ctx->arena, units, nunits,
		    id)) != NULL)
			iunit[i].label = label;
		if (id == unit || id == fu.unit_id)
			continue;
		iunit[i].href = arena_printf(ctx->arena,
		    "/dashboard?unit_id=%lld&from=%s&to=%s", (long long)id,
		    from_s, to_s);
	}
	/* Each figure of the charts' tables to the list of what it counts. */
	memset(&all, 0, sizeof(all));
	all.unit = unit;
	all.from = from;
	all.to = to;
	(void)sel_days(ctx, &all);	/* none: the figures without links */
	for (i = 0; i < ncat; i++) {
		/* "improvement" is the reports without a category (make_rows):
		 * the list has no filter for those, so that one is not linked. */
		if (by_cat.rows[i].key == NULL || icat[i].value <= 0 ||
		    strcmp(by_cat.rows[i].key, "improvement") == 0)
			continue;
		one = all;
		one.category = by_cat.rows[i].key;
		icat[i].value_href = list_href(ctx, &one);
	}
	for (i = 0; i < nunit; i++) {
		int64_t id;

		if (by_unit.rows[i].key == NULL || iunit[i].value <= 0 ||
		    num_parse_i64(by_unit.rows[i].key, 1, INT64_MAX, &id) != 0)
			continue;
		/* The top unit's row is its own reports; every other unit's,
		 * those of its subtree. */
		one = all;
		one.unit = id;
		one.own = id == fu.unit_id;
		iunit[i].value_href = list_href(ctx, &one);
	}
	for (i = 0; i < nst; i++) {
		if (by_status.rows[i].key == NULL || ist[i].value <= 0)
			continue;
		one = all;
		one.status = by_status.rows[i].key;
		ist[i].value_href = list_href(ctx, &one);
	}
	if (nmonth == by_month.nrows && nmonth > 0 && by_month.rows != NULL &&
	    imonth[0].short_label == NULL) {
		/* Over MONTHS_MAX months: the rows with data, by key. */
		for (i = 0; i < nmonth; i++) {
			int y, m;

			one = all;
			if (by_month.rows[i].key == NULL || imonth[i].value <= 0 ||
			    sscanf(by_month.rows[i].key, "%d-%d", &y, &m) != 2 ||
			    month_sel(ctx, y, m, from, to, &one) == NULL)
				continue;
			imonth[i].value_href = list_href(ctx, &one);
		}
	} else
		month_links(ctx, imonth, nmonth, &all);
	/* The same selection for the CSV link. */
	buf_init(&q, 2048);
	html_fmt(&q, "unit_id=%D&from=%U&to=%U", unit, from_s, to_s);
	query = buf_failed(&q) ? "" : arena_strdup(ctx->arena, buf_cstr(&q));
	buf_free(&q);
	csv = arena_printf(ctx->arena, "/api/v1/deviations.csv?%s",
	    query != NULL ? query : "");

	resp->status = bad_period ? 400 : 200;
	html_page_begin(b, req, _("Statistics"), "dashboard");
	html_fmt(b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", _("Statistics"),
	    unit_name != NULL ? unit_name : "");
	if (bad_period)
		web_error(b, _("The period was not valid, so this year is shown. Give dates as dd.mm.yyyy, the first before the last."));
	html_fmt(b, "<form method=\"get\" action=\"/dashboard\" class=\"filters\">"
	    "<div class=\"filter-grid\">");
	if (whole)
		web_unit_select(b, "f-unit_id", "unit_id", _("Unit"), allowed,
		    nallowed, unit, _("The whole municipality"), 0, 0, NULL);
	else
		web_unit_select(b, "f-unit_id", "unit_id", _("Unit"), allowed,
		    nallowed, unit, NULL, 0, 0, NULL);
	html_date_input(b, "from", "date", _("Reported from"), from_s, NULL);
	html_date_input(b, "to", "date", _("Reported to"), to_s, NULL);
	html_fmt(b, "</div><button type=\"submit\">%s</button></form>\n", _("Show"));

	html_fmt(b, "<section aria-labelledby=\"kpi-h\"><h2 id=\"kpi-h\">%s</h2>"
	    "<ul class=\"kpis plain\">", _("In the period"));
	put_kpi_n(b, ctx, _("Reported"), by_cat.total, "", &all);
	/* The statistics' "open" group is the new ones, not yet
	 * acknowledged; "Open" elsewhere means every one not closed. */
	one = all;
	one.status = "open";
	put_kpi_n(b, ctx, web_dev_group_label("open"), by_cat.open, "", &one);
	one.status = "in_progress";
	put_kpi_n(b, ctx, _("In progress"), by_cat.in_progress, "", &one);
	one.status = "closed";
	put_kpi_n(b, ctx, _("Closed"), by_cat.closed, "", &one);
	/* Of the period's reports only (stats.c): said so, that an old
	 * report overdue now is not looked for here. */
	one = all;
	one.overdue = 1;
	put_kpi_n(b, ctx, _("Overdue (of those reported in the period)"),
	    by_cat.overdue, by_cat.overdue > 0 ? " late" : "", &one);
	if (by_cat.median_days_to_close < 0)
		put_kpi(b, _("Median days to close"), "–", "", NULL);
	else {
		median = arena_printf(ctx->arena, "%.1f",
		    by_cat.median_days_to_close);
		/* Norwegian writes a decimal comma. */
		if (median != NULL && strcmp(ctx->lang, "en") != 0 &&
		    (dot = strchr(median, '.')) != NULL)
			*dot = ',';
		put_kpi(b, _("Median days to close"), median, "", NULL);
	}
	put_kpi(b, _("Nine in ten closed within (days)"),
	    by_cat.p90_days_to_close < 0 ? "–" : arena_printf(ctx->arena,
	    "%lld", (long long)by_cat.p90_days_to_close), "", NULL);
	html_fmt(b, "</ul><p class=\"hint\">%s</p></section>\n",
	    _("Days to close count what was closed in the period, whenever it was reported."));

	html_fmt(b, "<section aria-labelledby=\"c-cat-h\"><h2 id=\"c-cat-h\">%s</h2>",
	    _("By category"));
	html_chart(b, CHART_BARS, "c-cat", _("Reports by category"),
	    _("Category"), _("Count"), _("Nothing reported in the period."),
	    icat, ncat);
	html_fmt(b, "</section>\n<section aria-labelledby=\"c-unit-h\">"
	    "<h2 id=\"c-unit-h\">%s</h2><p class=\"hint\">%s</p>", _("By unit"),
	    _("Each unit counts its own reports and those of the units under it. Choose a unit in the table to see its units."));
	html_chart(b, CHART_BARS, "c-unit", _("Reports by unit"), _("Unit"),
	    _("Count"), _("Nothing reported in the period."), iunit, nunit);
	html_fmt(b, "</section>\n<section aria-labelledby=\"c-month-h\">"
	    "<h2 id=\"c-month-h\">%s</h2>", _("By month"));
	html_chart(b, CHART_COLUMNS, "c-month", _("Reports by month"),
	    _("Month"), _("Count"), _("Nothing reported in the period."),
	    imonth, nmonth);
	html_fmt(b, "</section>\n");
	if (put_last_year(b, ctx, &f, &by_month, &grp) != 0 ||
	    put_seasons(b, ctx, &f) != 0 ||
	    read_staff_leaders(ctx, units, nunits, &sm, &lead) != 0 ||
	    put_under(b, ctx, units, nunits, &st[4], &f, &sm) != 0 ||
	    put_leaders(b, ctx, &st[5], &st[6], &f, &lead) != 0 ||
	    groups_end(ctx, &grp) != 0 ||
	    (grp.t != NULL && web_report_dash_groups(b, req, unit, &grp.n) != 0)) {
		buf_reset(b);
		web_failed(req, resp);
		return;
	}
	html_fmt(b, "<section aria-labelledby=\"c-status-h\">"
	    "<h2 id=\"c-status-h\">%s</h2>", _("By status"));
	html_chart(b, CHART_BARS, "c-status", _("Reports by status"),
	    _("Status"), _("Count"), _("Nothing reported in the period."),
	    ist, nst);
	html_fmt(b, "</section>\n<p><a href=\"%H\" download>%s</a></p>\n",
	    csv != NULL ? csv : "/api/v1/deviations.csv",
	    _("Download the reports as a spreadsheet (CSV)"));
	html_page_end(b, req);
}
