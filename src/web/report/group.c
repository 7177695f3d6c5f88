/* web/report/group.c: the tertial report's groups on the dashboard, and
 * one group opened (issue 16, item 4: drill-down into groups).
 *
 *   GET /reports/group?unit_id=&group=&from=&to=	(or year=&tertial=)
 *	the group's units with their figures, and its deviations month by
 *	month beside the same month a year before
 *
 * web_report_dash_groups puts the area's groups with their figures on the
 * dashboard, each a link here (the figures tallied in the dashboard's own
 * reads: report_tally_begin). The figures and who may see them are
 * report_group_view's and report_numbers' (src/report/); this only lays
 * them out. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "html/chart.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "report/report.h"
#include "report/written.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include "web/report/report_web.h"
#include "web/ui.h"
#include "web/web.h"

const char *
web_report_group_href(struct ctx *ctx, int64_t area, const char *key,
    const struct rep_period *p)
{
	struct buf	 q;
	const char	*s;

	buf_init(&q, 256);
	if (p->tertial >= 0)
		html_fmt(&q, "/reports/group?unit_id=%D&group=%U&year=%d&tertial=%d",
		    area, key, p->year, p->tertial);
	else
		html_fmt(&q, "/reports/group?unit_id=%D&group=%U&from=%U&to=%U",
		    area, key, web_iso_date(ctx->arena, p->from),
		    web_iso_date(ctx->arena, p->to));
	s = buf_failed(&q) ? NULL : arena_strdup(ctx->arena, buf_cstr(&q));
	buf_free(&q);
	return s;
}

int
web_report_dash_groups(struct buf *b, struct http_req *req, int64_t area,
    const struct rep_numbers *n)
{
	struct ctx		*ctx = req->ctx;
	const struct rep_period	*p = &n->period;
	const struct rep_row	*r;
	const char		*href;
	size_t			 i;

	if (n->nrows == 0)
		return 0;
	html_fmt(b, "<section aria-labelledby=\"c-groups-h\"><h2 id=\"c-groups-h\">%s</h2>"
	    "<p class=\"hint\">%s</p><div class=\"table-scroll\" tabindex=\"0\">"
	    "<table class=\"groups\"><caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "</tr></thead><tbody>",
	    _("Report groups"),
	    _("The groups of the tertial report for this area and period. Choose a group to see its units and months."),
	    _("Report groups"), _("Group"), _("Deviations"),
	    _("Still open"), _("Closed"), _("Improvement proposals"),
	    _("The same period last year"));
	for (i = 0; i < n->nrows; i++) {
		r = &n->rows[i];
		href = web_report_group_href(ctx, area, r->key, p);
		html_fmt(b, "<tr><th scope=\"row\"><a href=\"%H\">%s</a></th>"
		    "<td class=\"num\">%D</td><td class=\"num\">%D</td>"
		    "<td class=\"num\">%D</td><td class=\"num\">%D</td>"
		    "<td class=\"num\">%D</td></tr>", href != NULL ? href : "",
		    r->name, r->deviations, r->open, r->closed, r->improvements,
		    r->last_deviations);
	}
	html_fmt(b, "</tbody><tfoot><tr><th scope=\"row\">%s</th>"
	    "<td class=\"num\">%D</td><td class=\"num\">%D</td>"
	    "<td class=\"num\">%D</td><td class=\"num\">%D</td>"
	    "<td class=\"num\">%D</td></tr></tfoot></table></div></section>\n",
	    _("Total"), n->total.deviations, n->total.open, n->total.closed,
	    n->total.improvements, n->total.last_deviations);
	return 0;
}

/* The period the query asks for: from and to (YYYY-MM-DD, whole local
 * days) when given, else year and tertial as the report's. 0, or
 * REP_ERR_INVALID with *field and *why. */
static int
period_of(struct http_req *req, struct rep_period *p, int64_t *area,
    const char **field, const char **why)
{
	struct ctx	*ctx = req->ctx;
	const char	*fs = http_qtext(req, RGQ_FROM), *ts = http_qtext(req, RGQ_TO);
	int64_t		 from, to;
	int		 y, m, d, rc;

	rc = report_query_read(ctx, req, p, area, field, why);
	if (rc != 0 || (fs == NULL && ts == NULL))
		return rc;
	*why = _("must be a date (yyyy-mm-dd), the first before the last");
	*field = "from";
	if (fs == NULL || date_parse_day(fs, &y, &m, &d) != 0 ||
	    date_from_local(y, m, d, 0, 0, 0, &from) != 0)
		return REP_ERR_INVALID;
	*field = "to";
	if (ts == NULL || date_parse_day(ts, &y, &m, &d) != 0 ||
	    date_from_local(y, m, d, 0, 0, 0, &to) != 0 ||
	    report_period_days(from, date_next(to, DATE_DAY) - 1, p) != 0)
		return REP_ERR_INVALID;
	*field = NULL;
	*why = NULL;
	return 0;
}

/* A unit's figure in the group's view: a link to the list of what it
 * counts (the unit and the units under it, reported in the period, of
 * what (kind and status, "&amp;"-joined) when there is something to list;
 * the number alone otherwise. The link's name is the number; the row and
 * column heads say what it counts (WCAG 2.4.4, in context). */
static void
put_unit_fig(struct buf *b, int64_t n, int64_t unit, const char *from,
    const char *to, const char *what)
{
	if (n <= 0 || from == NULL || to == NULL) {
		html_fmt(b, "<td class=\"num\">%D</td>", n);
		return;
	}
	html_fmt(b, "<td class=\"num\"><a href=\"/deviations?unit_id=%D&amp;"
	    "from=%U&amp;to=%U%R\">%D</a></td>", unit, from, to, what, n);
}

static void
put_units(struct buf *b, struct ctx *ctx, const struct rep_group_view *v)
{
	const struct rep_unit_fig	*u;
	const char			*from, *to;
	size_t				 i;

	/* The period's days, as the list's filter reads them. */
	from = web_iso_date(ctx->arena, v->n.period.from);
	to = web_iso_date(ctx->arena, v->n.period.to);
	html_fmt(b, "<section aria-labelledby=\"g-units-h\"><h2 id=\"g-units-h\">%s</h2>"
	    "<p class=\"hint\">%s</p><div class=\"table-scroll\" tabindex=\"0\">"
	    "<table class=\"groups\"><caption>%s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "</tr></thead><tbody>", _("The group's units"),
	    _("Choose a number to see the reports it counts."),
	    _("The group's units"), _("Unit"), _("Deviations"), _("Still open"),
	    _("Closed"), _("Improvement proposals"),
	    _("The same period last year"));
	for (i = 0; i < v->nunits; i++) {
		u = &v->units[i];
		html_fmt(b, "<tr><th scope=\"row\">%s</th>", u->name);
		put_unit_fig(b, u->deviations, u->unit_id, from, to,
		    "&amp;kind=deviation");
		put_unit_fig(b, u->open, u->unit_id, from, to,
		    "&amp;kind=deviation&amp;status=not_closed");
		put_unit_fig(b, u->closed, u->unit_id, from, to,
		    "&amp;kind=deviation&amp;status=closed");
		put_unit_fig(b, u->improvements, u->unit_id, from, to,
		    "&amp;kind=improvement");
		html_fmt(b, "<td class=\"num\">%D</td></tr>", u->last_deviations);
	}
	html_fmt(b, "</tbody></table></div></section>\n");
}

static int
put_months(struct buf *b, struct ctx *ctx, const struct rep_group_view *v)
{
	struct chart_item	*it;
	size_t			 i;

	if ((it = arena_alloc(ctx->arena, (v->nmonths + 1) * sizeof(*it))) == NULL)
		return -1;
	for (i = 0; i < v->nmonths; i++) {
		it[i].label = arena_printf(ctx->arena, "%02d.%04d",
		    v->months[i].month % 100, v->months[i].month / 100);
		it[i].short_label = NULL;
		it[i].value = v->months[i].deviations;
		it[i].href = NULL;
	}
	html_fmt(b, "<section aria-labelledby=\"g-month-h\"><h2 id=\"g-month-h\">%s</h2>",
	    _("By month, beside the same month last year"));
	html_chart(b, CHART_COLUMNS, "g-month", _("Deviations by month"),
	    _("Month"), _("Deviations"), _("Nothing reported in the period."),
	    it, v->nmonths);
	html_fmt(b, "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" "
	    "aria-label=\"%s\"><table class=\"last-year\"><caption>%s</caption>"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	    _("Deviations by month and a year before"),
	    _("Deviations by month and a year before"), _("Month"),
	    _("Deviations"), _("The same month last year"));
	for (i = 0; i < v->nmonths; i++)
		html_fmt(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%D</td>"
		    "<td class=\"num\">%D</td></tr>", it[i].label != NULL ?
		    it[i].label : "", v->months[i].deviations,
		    v->months[i].last_deviations);
	html_fmt(b, "</tbody></table></div></section>\n");
	return 0;
}

void
web_report_group(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct rep_group_view	 v;
	struct rep_period	 p;
	int64_t			 area = 0;
	const char		*field = NULL, *why = NULL;
	int			 rc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	rc = period_of(req, &p, &area, &field, &why);
	if (rc == 0)
		rc = report_group_view(ctx, area, &p, http_qtext(req, RGQ_GROUP),
		    &v, &field);
	if (rc == REP_ERR_FORBIDDEN) {
		web_forbidden(req, resp);
		return;
	}
	if (rc == REP_ERR_INVALID) {
		/* A bad parameter: 400 naming it (an unknown group or area is
		 * one too: nothing here to show). */
		resp->status = 400;
		html_page_begin(b, req, _("Report group"), "report");
		html_fmt(b, "<h1>%s</h1>\n", _("Report group"));
		web_error(b, arena_printf(ctx->arena, "%s: %s", field != NULL ?
		    field : "", why != NULL ? why : _("no such group in the report")));
		html_fmt(b, "<p><a href=\"/dashboard\">%s</a></p>\n", _("Statistics"));
		html_page_end(b, req);
		return;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	html_page_begin(b, req, v.row->name, "report");
	html_fmt(b, "<h1>%s</h1>\n<p class=\"lead\">%s – %s–%s</p>\n", v.row->name,
	    v.n.area_name != NULL ? v.n.area_name : "",
	    web_date(ctx->arena, v.n.period.from), web_date(ctx->arena, v.n.period.to));
	html_fmt(b, "<p><a href=\"%H\">%s</a></p>\n", arena_printf(ctx->arena,
	    "/dashboard?unit_id=%lld&from=%s&to=%s", (long long)area,
	    web_iso_date(ctx->arena, v.n.period.from),
	    web_iso_date(ctx->arena, v.n.period.to)), _("Back to the statistics"));
	html_fmt(b, "<ul class=\"kpis plain\"><li><span class=\"kpi-value\">%D</span>"
	    "<span class=\"kpi-label\">%s</span></li><li><span class=\"kpi-value\">%D</span>"
	    "<span class=\"kpi-label\">%s</span></li><li><span class=\"kpi-value\">%D</span>"
	    "<span class=\"kpi-label\">%s</span></li></ul>\n",
	    v.row->deviations, _("Deviations"), v.row->open, _("Still open"),
	    v.row->last_deviations, _("The same period last year"));
	put_units(b, ctx, &v);
	if (put_months(b, ctx, &v) != 0) {
		buf_reset(b);
		web_failed(req, resp);
		return;
	}
	html_page_end(b, req);
}
