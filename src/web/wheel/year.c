/* web/wheel/year.c: the wheel of a year (GET /wheel?year=&unit_id=): an
 * SVG circle by month, the way municipalities draw their årshjul, with
 * each month's count and state written in it (not colour alone), and the
 * same tasks as a list by month below, which is what a screen reader and
 * a phone read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/date.h"
#include "web/ui.h"
#include "web/wheel/wheel_web.h"
#include "wheel/wheel_input.h"

/* The twelve segments, January at the top, clockwise: ring between radii
 * 70 and 150 around (160, 160), and where the month's label goes. */
static const struct {
	const char	*d;
	int		 x, y;
} seg[12] = {
	{ "M160.0 10.0A150 150 0 0 1 235.0 30.1L195.0 99.4A70 70 0 0 0 160.0 90.0Z", 189, 52 },
	{ "M235.0 30.1A150 150 0 0 1 289.9 85.0L220.6 125.0A70 70 0 0 0 195.0 99.4Z", 239, 81 },
	{ "M289.9 85.0A150 150 0 0 1 310.0 160.0L230.0 160.0A70 70 0 0 0 220.6 125.0Z", 268, 131 },
	{ "M310.0 160.0A150 150 0 0 1 289.9 235.0L220.6 195.0A70 70 0 0 0 230.0 160.0Z", 268, 189 },
	{ "M289.9 235.0A150 150 0 0 1 235.0 289.9L195.0 220.6A70 70 0 0 0 220.6 195.0Z", 239, 239 },
	{ "M235.0 289.9A150 150 0 0 1 160.0 310.0L160.0 230.0A70 70 0 0 0 195.0 220.6Z", 189, 268 },
	{ "M160.0 310.0A150 150 0 0 1 85.0 289.9L125.0 220.6A70 70 0 0 0 160.0 230.0Z", 131, 268 },
	{ "M85.0 289.9A150 150 0 0 1 30.1 235.0L99.4 195.0A70 70 0 0 0 125.0 220.6Z", 81, 239 },
	{ "M30.1 235.0A150 150 0 0 1 10.0 160.0L90.0 160.0A70 70 0 0 0 99.4 195.0Z", 52, 189 },
	{ "M10.0 160.0A150 150 0 0 1 30.1 85.0L99.4 125.0A70 70 0 0 0 90.0 160.0Z", 52, 131 },
	{ "M30.1 85.0A150 150 0 0 1 85.0 30.1L125.0 99.4A70 70 0 0 0 99.4 125.0Z", 81, 81 },
	{ "M85.0 30.1A150 150 0 0 1 160.0 10.0L160.0 90.0A70 70 0 0 0 125.0 99.4Z", 131, 52 },
};

struct month_sum {
	int	total, done, overdue;
};

static int
month_of(int64_t day)
{
	int y, m, d;

	wheel_civil_from_days(day, &y, &m, &d);
	return m;
}

static void
put_svg(struct buf *b, struct arena *a, int year, const struct month_sum *s)
{
	const char	*cls, *abbr;
	char		 full[64];
	int		 m;

	html_fmt(b, "<figure class=\"wheel\"><svg viewBox=\"0 0 320 320\""
	    " width=\"320\" height=\"320\" role=\"img\" aria-labelledby=\"wheel-t\">"
	    "<title id=\"wheel-t\">%s</title>",
	    arena_printf(a, _("Yearly wheel %d: tasks per month"), year));
	for (m = 1; m <= 12; m++) {
		const struct month_sum *x = &s[m - 1];

		cls = x->overdue > 0 ? "wh-overdue" : x->total == 0 ? "wh-empty" :
		    x->done == x->total ? "wh-done" : "wh-open";
		snprintf(full, sizeof(full), "%s", web_wheel_month(m));
		abbr = arena_strndup(a, full, 3);
		html_fmt(b, "<path class=\"%s\" d=\"%s\"></path>", cls, seg[m - 1].d);
		html_fmt(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>"
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"wh-n\">%s</text>",
		    seg[m - 1].x, seg[m - 1].y - 4, abbr != NULL ? abbr : "",
		    seg[m - 1].x, seg[m - 1].y + 12,
		    x->overdue > 0 ? arena_printf(a, "%d/%d!", x->done, x->total) :
		    arena_printf(a, "%d/%d", x->done, x->total));
	}
	html_fmt(b, "<text x=\"160\" y=\"166\" text-anchor=\"middle\""
	    " class=\"wh-year\">%d</text></svg>", year);
	html_fmt(b, "<figcaption>%s</figcaption></figure>\n",
	    _("Each month shows tasks done of tasks due; \"!\" marks a month with "
	    "overdue tasks. The list below has every task."));
}

void
web_wheel(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct wheel_item	*v;
	struct wheel_other	*o = NULL;
	struct month_sum	 sum[12];
	struct unit		*units = NULL;
	size_t			 n, nunits = 0, i, no;
	int64_t			 unit_id = 0;
	long			 year;
	int			 m, cur = -1;

	if (web_gate(req, resp, AZ_WHEEL_VIEW) != 0)
		return;
	year = (long)http_qint(req, WQF_YEAR, date_year(ctx->now));
	unit_id = http_qint(req, WQF_UNIT_ID, 0);
	if (org_unit_list(ctx, &units, &nunits) != 0) {
		web_failed(req, resp);
		return;
	}
	if (unit_id != 0 && web_unit_name(units, nunits, unit_id) == NULL) {
		http_html_error(req, resp, 400, _("unit_id: no such unit"));
		return;
	}
	if (wheel_items(ctx, unit_id != 0 ? WS_UNIT : WS_ALL, unit_id,
	    wheel_days_from_civil((int)year, 1, 1),
	    wheel_days_from_civil((int)year, 12, 31), &v, &n) != 0) {
		web_failed(req, resp);
		return;
	}
	/* The other modules' dates are the municipality's, not a unit's. */
	no = 0;
	if (unit_id == 0 && wheel_others(ctx, 0,
	    wheel_days_from_civil((int)year, 1, 1),
	    wheel_days_from_civil((int)year, 12, 31), &o, &no) != 0) {
		web_failed(req, resp);
		return;
	}
	memset(sum, 0, sizeof(sum));
	for (i = 0; i < n; i++) {
		m = month_of(v[i].due_on) - 1;
		sum[m].total++;
		sum[m].done += v[i].outcome != WO_OPEN;
		sum[m].overdue += v[i].overdue;
	}
	resp->status = 200;
	html_page_begin(b, req, _("Yearly wheel"), "wheel");
	html_fmt(b, "<h1>%s</h1>\n", arena_printf(ctx->arena,
	    _("Yearly wheel %d"), (int)year));
	html_fmt(b, "<p class=\"actions\"><a href=\"/wheel?year=%d&amp;unit_id=%D\">%s</a>"
	    " <a href=\"/wheel?year=%d&amp;unit_id=%D\">%s</a>"
	    " <a href=\"/wheel/mine\">%s</a>", (int)year - 1, unit_id,
	    _("Previous year"), (int)year + 1, unit_id, _("Next year"),
	    _("My tasks"));
	if (wheel_right(ctx, WHEEL_RIGHT_MANAGE_SOME))
		html_fmt(b, " <a href=\"/wheel/tasks/new\">%s</a>", _("New task"));
	html_fmt(b, "</p>\n<form method=\"get\" action=\"/wheel\" class=\"filters\">"
	    "<input type=\"hidden\" name=\"year\" value=\"%d\">", (int)year);
	web_unit_select(b, "f-unit", "unit_id", _("Unit and the units under it"),
	    units, nunits, unit_id, _("The whole municipality"), 0, 0, NULL);
	html_fmt(b, "<button type=\"submit\" class=\"secondary\">%s</button></form>\n",
	    _("Show"));
	put_svg(b, ctx->arena, (int)year, sum);
	if (n == 0)
		html_fmt(b, "<p>%s</p>\n", _("No tasks are due this year."));
	for (i = 0; i < n; i++) {
		m = month_of(v[i].due_on);
		if (m != cur) {
			if (cur != -1)
				html_fmt(b, "</tbody></table></div>\n");
			cur = m;
			html_fmt(b, "<h2 id=\"m-%d\">%s</h2>\n<div class=\"table-wrap\"><table class=\"list\">"
			    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			    m, web_wheel_month(m), _("Due"), _("Task"),
			    _("Responsible"), _("Status"));
		}
		html_fmt(b, "<tr><td>%s</td><td><a href=\"/wheel/tasks/%D?year=%d\">%s</a>"
		    "</td><td>%s</td><td>", web_wheel_day(ctx->arena, v[i].due_on),
		    v[i].task->id, (int)year, v[i].task->title,
		    web_wheel_assignee(ctx->arena, v[i].task));
		web_wheel_status(b, ctx->arena, &v[i]);
		html_fmt(b, "</td></tr>\n");
	}
	if (cur != -1)
		html_fmt(b, "</tbody></table></div>\n");
	if (no > 0)
		web_wheel_others(b, ctx->arena, o, no);
	html_page_end(b, req);
}
