/* web/whistle/stats.c: whistleblowing statistics for the chief safety
 * representative, HR and AMU (AZ_WB_STATS): counts by procedure, reporter
 * category, state and outcome for a year. No text, no identity, and any
 * count of 1 or 2 shown as "<3" so that nobody can be recognised. */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "authz/authz.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/num.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"
#include "whistle/wb_input.h"
#include "whistle/whistle.h"

#define STATS_YEARS	6	/* years offered in the chooser */

static int
year_of(int64_t t)
{
	struct tm tm;

	web_local_tm(t, &tm);
	return tm.tm_year + 1900;
}

/* A readable label for a cell's key in its dimension. */
static const char *
key_label(struct arena *a, const char *dim, const char *key)
{
	enum wb_state		st;
	enum wb_reporter	rep;
	int64_t			p;

	if (key == NULL)
		return "";
	if (strcmp(dim, "procedure") == 0 && num_parse_i64(key, 1, 4, &p) == 0)
		return web_wb_procedure_label((int)p);
	if (strcmp(dim, "state") == 0 && wb_state_parse(key, &st) == 0)
		return web_wb_state_label(st);
	if (strcmp(dim, "reporter_category") == 0 && wb_reporter_parse(key, &rep) == 0)
		return web_wb_reporter_label(rep);
	if (strcmp(dim, "outcome") == 0) {
		if (strcmp(key, "none") == 0 || key[0] == '\0')
			return _("No outcome yet");
		return web_wb_outcome_label(key);
	}
	(void)a;
	return key;
}

/* 0 is below 3 too, as in the API: a 0 shown as itself would make "<3"
 * mean "one or two", and the chief executive would see the row of
 * procedure 2 (cases against the chief executive) turn from 0 to <3 the
 * day one came in. */
static void
put_count(struct buf *b, int64_t count)
{
	if (count == WB_STAT_HIDDEN)
		html_fmt(b, "<td class=\"num\">x</td>");
	else if (count < 3)
		html_fmt(b, "<td class=\"num\">&lt;3</td>");
	else
		html_fmt(b, "<td class=\"num\">%D</td>", count);
}

static void
put_table(struct buf *b, struct arena *a, const char *dim, const char *caption,
    const char *head, const struct wb_stat_cell *cells, size_t n)
{
	size_t	i;
	int	any = 0;

	html_fmt(b, "<div class=\"table-wrap\"><table class=\"wb-stats\"><caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" "
	    "class=\"num\">%s</th></tr></thead><tbody>", caption, head,
	    _("Cases"));
	for (i = 0; i < n; i++) {
		if (cells[i].dimension == NULL || strcmp(cells[i].dimension, dim) != 0)
			continue;
		any = 1;
		html_fmt(b, "<tr><th scope=\"row\">%s</th>",
		    key_label(a, dim, cells[i].key));
		put_count(b, cells[i].count);
		html_fmt(b, "</tr>");
	}
	if (!any)
		html_fmt(b, "<tr><td colspan=\"2\">%s</td></tr>", _("No cases"));
	html_fmt(b, "</tbody></table></div>\n");
}

void
web_wb_stats(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct wb_stat_cell	*cells = NULL;
	size_t			 n = 0;
	int64_t			 total = 0;
	int			 year, now_year, i;
	const char		*title;

	if (web_gate(req, resp, AZ_WB_STATS) != 0)
		return;
	now_year = year_of(ctx->now);
	if (wb_stats_year(http_qtext(req, WSQ_YEAR), now_year, &year) != 0) {
		http_html_error(req, resp, 400, arena_printf(ctx->arena, "%s: %s",
		    "year", _("Choose a year from the list.")));
		return;
	}
	if (whistle_stats(ctx, year, &cells, &n, &total) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	html_page_begin(b, req, _("Whistleblowing statistics"), "wb_stats");
	html_fmt(b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n",
	    _("Whistleblowing statistics"),
	    _("Counts of whistleblowing cases for the chief safety representative, HR, the working-environment committee (AMU), the chief executive and the quality adviser. No text and no identities: a count below 3 is shown as <3, and where it could be worked out from the total, another count is hidden too (x), so that nobody can be recognised."));
	html_fmt(b, "<form method=\"get\" action=\"/whistle/stats\" class=\"search\">"
	    "<label for=\"f-year\">%s</label><div class=\"row\"><select id=\"f-year\" "
	    "name=\"year\"><option value=\"0\"%R>%s</option>", _("Year"),
	    year == 0 ? " selected" : "", _("All years"));
	for (i = 0; i < STATS_YEARS; i++)
		html_fmt(b, "<option value=\"%d\"%R>%d</option>", now_year - i,
		    year == now_year - i ? " selected" : "", now_year - i);
	html_fmt(b, "</select><button type=\"submit\">%s</button></div></form>\n",
	    _("Show"));
	title = year == 0 ? _("All years") : arena_printf(ctx->arena, "%d", year);
	html_fmt(b, "<h2>%s</h2>\n<p class=\"kpis-line\">%s: <strong>", title != NULL ?
	    title : "", _("Cases in all"));
	if (total == 1 || total == 2 || total < 0)
		html_fmt(b, "&lt;3");
	else
		html_fmt(b, "%D", total);
	html_fmt(b, "</strong></p>\n");
	put_table(b, ctx->arena, "procedure", _("By procedure"), _("Procedure"), cells, n);
	put_table(b, ctx->arena, "reporter_category", _("By who reported"),
	    _("Reporter"), cells, n);
	put_table(b, ctx->arena, "state", _("By state"), _("State"), cells, n);
	put_table(b, ctx->arena, "outcome", _("By outcome"), _("Outcome"), cells, n);
	if (whistle_right(ctx, WB_RIGHT_ROUTING))
		html_fmt(b, "<p><a href=\"/whistle/routing\">%s</a></p>\n",
		    _("Who receives whistleblowing cases"));
	html_page_end(b, req);
}
