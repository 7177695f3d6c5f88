/* web/deviation/dashboard.c: statistics for a unit's subtree and a period: totals,
 * and charts by category, by unit (drilling down the tree), by month and
 * by status, each with a table of the same numbers beside it, and the
 * CSV export of the same selection. Counts only, of what the viewer's
 * statistics scope covers (authz_dev_stats_scope), never a report they
 * could not open. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/deviation.h"
#include "deviation/dev_input.h"
#include "html/chart.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/num.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

/* Longest period drawn month by month; longer ones show what has data. */
#define MONTHS_MAX	36

static const char *const month_names[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
	N_("June"), N_("July"), N_("August"), N_("September"), N_("October"),
	N_("November"), N_("December"),
};
static const char *const month_short[12] = {
	N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
	N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
};

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

static void
put_kpi(struct buf *b, const char *label, const char *value, const char *cls)
{
	if (value == NULL)
		value = "?";
	html_fmt(b, "<li class=\"kpi%R\"><span class=\"kpi-value\">%s</span>"
	    "<span class=\"kpi-label\">%s</span></li>", cls, value, label);
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
	struct dev_filter	 f, fu;
	size_t			 nroots;
	int64_t			 root = 0;
	struct dev_stats	 by_cat, by_unit, by_month, by_status, st[4];
	static const char *const bys[4] = { "category", "unit", "month", "status" };
	struct chart_item	*icat, *iunit, *imonth, *ist;
	char			*median, *dot;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (org_unit_list(ctx, &units, &nunits) != 0 ||
	    (allowed = arena_alloc(ctx->arena, (nunits ? nunits : 1) *
	    sizeof(*allowed))) == NULL) {
		web_failed(req, resp);
		return;
	}
	whole = authz_can(ctx, AZ_DEV_STATS, 0);
	for (i = 0; i < nunits; i++)
		if (whole || authz_can(ctx, AZ_DEV_STATS, units[i].id))
			allowed[nallowed++] = units[i];
	if (!whole && nallowed == 0) {
		web_forbidden(req, resp);
		return;
	}
	rc = dev_filter_read(ctx, req->query, req->nquery, &dev_filter_dashboard, &in);
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
		if (unit == 0 ? !whole : !authz_can(ctx, AZ_DEV_STATS, unit)) {
			web_forbidden(req, resp);
			return;
		}
	} else
		unit = whole ? 0 : allowed[0].id;	/* the top one, tree order */
	unit_name = unit == 0 ? ctx->tenant_name : web_unit_name(units, nunits, unit);
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
	f.scope = authz_dev_stats_scope(ctx, unit);
	f.unit_id = unit;
	f.kind = -1;
	f.from = from;
	f.to = to;
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
	/* One pass for the four groupings; by unit from fu's unit down. */
	if (deviation_stats_groups(ctx, &f, fu.unit_id, bys, 4, st) != 0)
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

		if (by_unit.rows[i].key == NULL ||
		    num_parse_i64(by_unit.rows[i].key, 1, INT64_MAX, &id) != 0 ||
		    id == unit || id == fu.unit_id)
			continue;
		iunit[i].href = arena_printf(ctx->arena,
		    "/dashboard?unit_id=%lld&from=%s&to=%s", (long long)id,
		    from_s, to_s);
	}
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
	put_kpi(b, _("Reported"),
	    arena_printf(ctx->arena, "%lld", (long long)by_cat.total), "");
	/* The statistics' "open" group is the new ones, not yet
	 * acknowledged; "Open" elsewhere means every one not closed. */
	put_kpi(b, web_dev_group_label("open"),
	    arena_printf(ctx->arena, "%lld", (long long)by_cat.open), "");
	put_kpi(b, _("In progress"),
	    arena_printf(ctx->arena, "%lld", (long long)by_cat.in_progress), "");
	put_kpi(b, _("Closed"),
	    arena_printf(ctx->arena, "%lld", (long long)by_cat.closed), "");
	put_kpi(b, _("Overdue"),
	    arena_printf(ctx->arena, "%lld", (long long)by_cat.overdue),
	    by_cat.overdue > 0 ? " late" : "");
	if (by_cat.median_days_to_close < 0)
		put_kpi(b, _("Median days to close"), "–", "");
	else {
		median = arena_printf(ctx->arena, "%.1f",
		    by_cat.median_days_to_close);
		/* Norwegian writes a decimal comma. */
		if (median != NULL && strcmp(ctx->lang, "en") != 0 &&
		    (dot = strchr(median, '.')) != NULL)
			*dot = ',';
		put_kpi(b, _("Median days to close"), median, "");
	}
	html_fmt(b, "</ul></section>\n");

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
	html_fmt(b, "</section>\n<section aria-labelledby=\"c-status-h\">"
	    "<h2 id=\"c-status-h\">%s</h2>", _("By status"));
	html_chart(b, CHART_BARS, "c-status", _("Reports by status"),
	    _("Status"), _("Count"), _("Nothing reported in the period."),
	    ist, nst);
	html_fmt(b, "</section>\n<p><a href=\"%H\" download>%s</a></p>\n",
	    csv != NULL ? csv : "/api/v1/deviations.csv",
	    _("Download the reports as a spreadsheet (CSV)"));
	html_page_end(b, req);
}
