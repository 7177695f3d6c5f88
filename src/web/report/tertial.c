/* web/report/tertial.c: GET /reports/tertial, the tertial report's numbers
 * for an area and period as the council reads them (seeds/001): "Antall
 * avvik" per group and category with a chart, "Status på lukking av
 * avvik", and the same period last year; the Excel and JSON exports by
 * the same query. The numbers are report_numbers' (src/report/); this
 * page only lays them out. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "html/chart.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "report/report.h"
#include "report/written.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include "web/report/report_web.h"
#include "web/ui.h"
#include "web/web.h"

/* Each table sits in a region that scrolls sideways on a phone; the
 * region takes the keyboard focus so that it can be scrolled without a
 * pointer (axe: scrollable-region-focusable), named by its caption. */

/* "12,5" in Norwegian, "12.5" in English; "–" when not known. */
static const char *
days_text(struct ctx *ctx, double d)
{
	char	*s, *dot;

	if (d < 0)
		return "–";
	s = arena_printf(ctx->arena, "%.1f", d);
	if (s != NULL && strcmp(ctx->lang, "en") != 0 &&
	    (dot = strchr(s, '.')) != NULL)
		*dot = ',';
	return s != NULL ? s : "–";
}

/* A row's head: a group's name as a link to its view (its units, each
 * figure a link to the list it counts), the total's alone. */
static void
put_head(struct buf *b, struct ctx *ctx, int64_t area,
    const struct rep_numbers *n, const struct rep_row *r)
{
	const char *href = r != &n->total ?
	    web_report_group_href(ctx, area, r->key, &n->period) : NULL;

	if (href != NULL)
		html_fmt(b, "<th scope=\"row\"><a href=\"%H\">%s</a></th>", href,
		    r->name);
	else
		html_fmt(b, "<th scope=\"row\">%s</th>", r->name);
}

static void
put_counts(struct buf *b, struct ctx *ctx, int64_t area,
    const struct rep_numbers *n)
{
	const struct rep_row	*r;
	size_t			 i, j;

	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-label=\"%s\"><table class=\"report\"><caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th>",
	    _("Deviations by group and category"),
	    _("Deviations by group and category"), _("Group"));
	for (i = 0; i < n->ncat; i++)
		html_fmt(b, "<th scope=\"col\" class=\"num\">%s</th>", n->cats[i].name);
	html_fmt(b, "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
	    "class=\"num\">%s</th></tr></thead><tbody>", _("Deviations"),
	    _("Improvement proposals"));
	for (j = 0; j <= n->nrows; j++) {
		r = j < n->nrows ? &n->rows[j] : &n->total;
		html_fmt(b, j < n->nrows ? "<tr>" : "</tbody><tfoot><tr>");
		put_head(b, ctx, area, n, r);
		for (i = 0; i < n->ncat; i++)
			html_fmt(b, "<td class=\"num\">%D</td>", r->by_cat[i]);
		html_fmt(b, "<td class=\"num\">%D</td><td class=\"num\">%D</td></tr>",
		    r->deviations, r->improvements);
	}
	html_fmt(b, "</tfoot></table></div>\n");
}

static void
put_status(struct buf *b, struct ctx *ctx, int64_t area,
    const struct rep_numbers *n)
{
	const struct rep_row	*r;
	size_t			 j;

	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-label=\"%s\"><table class=\"report\"><caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" "
	    "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">"
	    "%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	    _("Open and closed deviations by group"),
	    _("Open and closed deviations by group"), _("Group"), _("Deviations"),
	    _("Still open"), _("Closed"), _("Median days to close"),
	    _("Days to close, 90th percentile"));
	for (j = 0; j <= n->nrows; j++) {
		r = j < n->nrows ? &n->rows[j] : &n->total;
		html_fmt(b, j < n->nrows ? "<tr>" : "</tbody><tfoot><tr>");
		put_head(b, ctx, area, n, r);
		html_fmt(b, "<td class=\"num\">%D</td>"
		    "<td class=\"num\">%D</td><td class=\"num\">%D</td>"
		    "<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
		    r->deviations, r->open, r->closed,
		    days_text(ctx, r->median_days),
		    days_text(ctx, r->p90_days < 0 ? -1 : (double)r->p90_days));
	}
	html_fmt(b, "</tfoot></table></div>\n<p class=\"hint\">%s</p>\n",
	    _("Days to close are whole days from report to close, of what was closed in the period; for a group of several units, of all its units together."));
}

static void
put_last_year(struct buf *b, struct ctx *ctx, int64_t area,
    const struct rep_numbers *n)
{
	const struct rep_row	*r;
	size_t			 j;

	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-label=\"%s\"><table class=\"report\"><caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" "
	    "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">"
	    "%s</th></tr></thead><tbody>", _("This period and the same period last year"),
	    _("This period and the same period last year"),
	    _("Group"), _("Deviations"), _("Same period last year"),
	    _("Improvement proposals"), _("Proposals the same period last year"));
	for (j = 0; j <= n->nrows; j++) {
		r = j < n->nrows ? &n->rows[j] : &n->total;
		html_fmt(b, j < n->nrows ? "<tr>" : "</tbody><tfoot><tr>");
		put_head(b, ctx, area, n, r);
		html_fmt(b, "<td class=\"num\">%D</td>"
		    "<td class=\"num\">%D</td><td class=\"num\">%D</td>"
		    "<td class=\"num\">%D</td></tr>", r->deviations,
		    r->last_deviations, r->improvements, r->last_improvements);
	}
	html_fmt(b, "</tfoot></table></div>\n");
}

/* The written sections as the council reads them (seeds/001): each
 * section, then what each group wrote in it. Drafts are marked until the
 * report is approved. */
static void
put_sections(struct buf *b, struct ctx *ctx, const struct rep_numbers *n,
    const struct rep_key *k, int approved)
{
	struct rep_text	*t;
	size_t		 nt, i, j, any;
	int		 s;

	if (report_texts(ctx, k, &t, &nt) != 0)
		return;
	for (s = 0; s < RS_MAX; s++) {
		html_fmt(b, "<section aria-labelledby=\"r-s%d-h\"><h2 id=\"r-s%d-h\">%s</h2>",
		    s, s, report_section_title((enum rep_section)s));
		for (i = 0, any = 0; i < n->nrows; i++)
			for (j = 0; j < nt; j++) {
				if ((int)t[j].section != s ||
				    strcmp(t[j].group_key, n->rows[i].key) != 0)
					continue;
				any++;
				html_fmt(b, "<h3>%s%s</h3>", n->rows[i].name,
				    !approved && !t[j].ready ?
				    arena_printf(ctx->arena, " (%s)", _("draft")) : "");
				web_report_paragraphs(b, ctx->arena, t[j].body);
			}
		if (any == 0)
			html_fmt(b, "<p class=\"hint\">%s</p>", _("Not written yet."));
		html_fmt(b, "</section>\n");
	}
}

/* The form's labels, for the line above it when a field is refused. */
static const struct web_label labels[] = {
	{ "unit_id", N_("Area") }, { "year", N_("Year") },
	{ "tertial", N_("Period") }, { NULL, NULL },
};

static void
put_form(struct buf *b, struct ctx *ctx, const struct unit *allowed, size_t n,
    int whole, int64_t area, const struct rep_period *p, const char *field,
    const char *why)
{
	static const char *const names[] = { N_("Whole year"), N_("T1 (January–April)"),
	    N_("T2 (May–August)"), N_("T3 (September–December)") };
	char	 year[8];
	int	 t;

	snprintf(year, sizeof(year), "%d", p->year);
	html_fmt(b, "<form method=\"get\" action=\"/reports/tertial\" class=\"filters\">"
	    "<div class=\"filter-grid\">");
	web_unit_select(b, "r-unit_id", "unit_id", _("Area"), allowed, n, area,
	    whole ? ctx->tenant_name : NULL, 0, 0,
	    field != NULL && strcmp(field, "unit_id") == 0 ? why : NULL);
	html_fmt(b, "<div class=\"field\"><label for=\"r-year\">%s</label>"
	    "<input id=\"r-year\" name=\"year\" type=\"number\" inputmode=\"numeric\" "
	    "min=\"2000\" max=\"9998\" value=\"%s\"%R></div>", _("Year"), year,
	    field != NULL && strcmp(field, "year") == 0 ?
	    " aria-invalid=\"true\"" : "");
	html_fmt(b, "<div class=\"field\"><label for=\"r-tertial\">%s</label>"
	    "<select id=\"r-tertial\" name=\"tertial\">", _("Period"));
	for (t = 1; t <= 4; t++)
		html_fmt(b, "<option value=\"%d\"%R>%s</option>", t % 4,
		    t % 4 == p->tertial ? " selected" : "", _(names[t % 4]));
	html_fmt(b, "</select></div></div><button type=\"submit\">%s</button></form>\n",
	    _("Show"));
}

void
web_report_tertial(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct rep_numbers	 n;
	struct rep_period	 p;
	struct rep_key		 k;
	struct rep_approval	 a;
	struct unit		*allowed;
	struct chart_item	*items;
	size_t			 nallowed, i;
	int64_t			 area;
	const char		*field = NULL, *why = NULL, *q, *title;
	char			 from[16], to[16];
	struct tm		 tm;
	int			 whole, groups, rc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (report_areas(ctx, REP_RIGHT_VIEW, &allowed, &nallowed, &whole) != 0) {
		web_failed(req, resp);
		return;
	}
	if (!whole && nallowed == 0) {
		web_forbidden(req, resp);
		return;
	}
	rc = report_query_read(ctx, req, &p, &area, &field, &why);
	if (rc != 0 && report_query_read(ctx, NULL, &p, &area, &q, &q) != 0) {
		web_failed(req, resp);
		return;
	}
	if (http_qtext(req, RQF_UNIT_ID) == NULL && !whole)
		area = allowed[0].id;	/* the top one the user may take */
	k.year = p.year;
	k.tertial = p.tertial;
	k.area_id = area;
	rc = report_numbers_for(ctx, &k, 0, &n, &a, &q);
	if (rc == REP_ERR_FORBIDDEN) {
		web_forbidden(req, resp);
		return;
	}
	if (rc == REP_ERR_INVALID) {
		web_not_found(req, resp);
		return;
	}
	if (rc != 0 || (items = arena_alloc(ctx->arena,
	    (n.nrows ? n.nrows : 1) * sizeof(*items))) == NULL) {
		web_failed(req, resp);
		return;
	}
	for (i = 0; i < n.nrows; i++) {
		items[i].label = n.rows[i].name;
		items[i].short_label = NULL;
		items[i].value = n.rows[i].deviations;
		items[i].href = web_report_group_href(ctx, area, n.rows[i].key,
		    &n.period);
	}
	from[0] = to[0] = '\0';
	if (date_local(n.period.from, &tm) == 0)
		strftime(from, sizeof(from), "%d.%m.%Y", &tm);
	if (date_local(n.period.to, &tm) == 0)
		strftime(to, sizeof(to), "%d.%m.%Y", &tm);
	title = n.period.tertial > 0 ?
	    arena_printf(ctx->arena, _("Tertial report T%d %d"), n.period.tertial,
	    n.period.year) :
	    arena_printf(ctx->arena, _("Annual report %d"), n.period.year);
	q = arena_printf(ctx->arena, "year=%d&tertial=%d&unit_id=%lld",
	    n.period.year, n.period.tertial, (long long)area);
	resp->status = field != NULL ? 400 : 200;
	html_page_begin(b, req, title != NULL ? title : _("Tertial report"), "report");
	html_fmt(b, "<h1>%s</h1>\n<p class=\"lead\">%s – %s–%s</p>\n",
	    title != NULL ? title : "", n.area_name != NULL ? n.area_name : "",
	    from, to);
	if (field != NULL)
		web_error(b, web_error_line(req, labels, field, why));
	if (a.approved_at != 0)
		html_fmt(b, "<p class=\"approved\" role=\"status\">%s</p>\n",
		    arena_printf(ctx->arena, _("Approved %s by %s"),
		    web_date(ctx->arena, a.approved_at), a.approved_by));
	put_form(b, ctx, allowed, nallowed, whole, area, &p, field, why);
	groups = report_right(ctx, REP_RIGHT_GROUPS, area);
	html_fmt(b, "<p><a href=\"%H\">%s</a>%R", arena_printf(ctx->arena,
	    "/reports/tertial/sections?%s", q ? q : ""), a.approved_at != 0 ?
	    _("The written sections and their versions") :
	    _("Write and approve the sections"),
	    groups ? " · " : "");
	if (groups)
		html_fmt(b, "<a href=\"%H\">%s</a>", arena_printf(ctx->arena,
		    "/reports/groups?area_id=%lld", (long long)area),
		    _("Reporting groups"));
	html_fmt(b, "</p>\n");
	if (n.derived)
		html_fmt(b, "<p class=\"hint\">%s</p>\n",
		    _("No reporting groups are kept for this area: the groups are derived from the kinds of units."));
	html_fmt(b, "<p><a href=\"%H\" download>%s</a> · <a href=\"%H\" download>%s</a>"
	    " · <a href=\"%H\">%s</a></p>\n",
	    arena_printf(ctx->arena, "/api/v1/reports/tertial.pdf?%s", q ? q : ""),
	    _("Download as PDF"),
	    arena_printf(ctx->arena, "/api/v1/reports/tertial.xlsx?%s", q ? q : ""),
	    _("Download as a spreadsheet (Excel)"),
	    arena_printf(ctx->arena, "/api/v1/reports/tertial?%s", q ? q : ""),
	    _("The numbers as JSON"));
	html_fmt(b, "<section aria-labelledby=\"r-count-h\"><h2 id=\"r-count-h\">%s</h2>",
	    _("Number of deviations"));
	html_chart(b, CHART_BARS, "r-groups", _("Deviations by group"), _("Group"),
	    _("Deviations"), _("Nothing reported in the period."), items, n.nrows);
	put_counts(b, ctx, area, &n);
	html_fmt(b, "</section>\n<section aria-labelledby=\"r-status-h\">"
	    "<h2 id=\"r-status-h\">%s</h2>", _("Status of closing deviations"));
	put_status(b, ctx, area, &n);
	html_fmt(b, "</section>\n<section aria-labelledby=\"r-last-h\">"
	    "<h2 id=\"r-last-h\">%s</h2>", _("The same period last year"));
	put_last_year(b, ctx, area, &n);
	html_fmt(b, "</section>\n");
	put_sections(b, ctx, &n, &k, a.approved_at != 0);
	html_page_end(b, req);
}
