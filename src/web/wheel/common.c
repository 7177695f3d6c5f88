/* web/wheel/common.c: words and controls the wheel's pages share. */
#include "web/wheel/wheel_web.h"

#include <stdio.h>

#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "web/labels.h"
#include "web/ui.h"

static const char *const months[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
	N_("June"), N_("July"), N_("August"), N_("September"), N_("October"),
	N_("November"), N_("December"),
};
static const char *const weekdays[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday"),
};

const char *
web_wheel_month(int m)
{
	return m >= 1 && m <= 12 ? _(months[m - 1]) : "";
}

static const char *
weekday(int d)
{
	return d >= 1 && d <= 7 ? _(weekdays[d - 1]) : "";
}

const char *
web_wheel_day(struct arena *a, int64_t day)
{
	int y, m, d;

	wheel_civil_from_days(day, &y, &m, &d);
	return arena_printf(a, "%02d.%02d.%04d", d, m, y);
}

const char *
web_wheel_rule_text(struct arena *a, const struct wheel_rule *r)
{
	switch (r->freq) {
	case WF_YEARLY_DATE:
		return arena_printf(a, _("Every year on %d %s"), r->day,
		    web_wheel_month(r->month));
	case WF_YEARLY_WEEK:
		return arena_printf(a, _("Every year in week %d, %s"), r->week,
		    weekday(r->weekday));
	case WF_TERTIAL:
		return arena_printf(a, _("Every tertial, day %d of its month %d"),
		    r->day, r->month);
	case WF_QUARTERLY:
		return arena_printf(a, _("Every quarter, day %d of its month %d"),
		    r->day, r->month);
	case WF_MONTHLY:
		return arena_printf(a, _("Every month on day %d"), r->day);
	case WF_WEEKLY:
		return arena_printf(a, _("Every week on %s"), weekday(r->weekday));
	case WF_LAST_WORKDAY:
		if (r->month >= 1 && r->month <= 12)
			return arena_printf(a, _("The last working day of %s"),
			    web_wheel_month(r->month));
		return _("The last working day of every month");
	default:
		return "";
	}
}

const char *
web_wheel_assignee(struct arena *a, const struct wheel_task *t)
{
	if (t->role < 0)
		return t->person_name != NULL ? t->person_name : "";
	if (t->unit_name != NULL)
		return arena_printf(a, "%s, %s", web_role_label((enum role)t->role),
		    t->unit_name);
	return web_role_label((enum role)t->role);
}

void
web_wheel_status(struct buf *b, struct arena *a, const struct wheel_item *it)
{
	switch (it->outcome) {
	case WO_DONE:
		html_fmt(b, "<span class=\"status st-closed\">%s</span> %s",
		    _("Done"), arena_printf(a, _("by %s, %s"),
		    it->done_by != NULL ? it->done_by : "?",
		    web_date(a, it->done_at)));
		break;
	case WO_SKIPPED:
		html_fmt(b, "<span class=\"status st-returned\">%s</span> %s",
		    _("Skipped"), it->note != NULL ? it->note : "");
		return;
	default:
		if (it->overdue)
			html_fmt(b, "<span class=\"status st-late\">%s</span>",
			    _("Overdue"));
		else
			html_fmt(b, "<span class=\"status st-new\">%s</span>",
			    _("Open"));
		return;
	}
	if (it->note != NULL)
		html_fmt(b, "<br><span class=\"hint\">%s</span>", it->note);
	if (it->file_name != NULL) {
		char due[11];

		wheel_day_iso(it->due_on, due);
		html_fmt(b, "<br><a href=\"/wheel/tasks/%D/file?due_on=%s\">%s</a>"
		    " (%D kB)", it->task->id, due, it->file_name,
		    (it->file_size + 1023) / 1024);
	}
}

void
web_wheel_settle_forms(struct buf *b, struct http_req *req,
    const struct wheel_item *it, const char *next)
{
	char	due[11];
	char	id[64];

	wheel_day_iso(it->due_on, due);
	snprintf(id, sizeof(id), "n-%lld-%s", (long long)it->task->id, due);
	html_fmt(b, "<details class=\"settle\"><summary>%s</summary>"
	    "<form method=\"post\" action=\"/wheel/tasks/%D/action\" class=\"stack\""
	    " enctype=\"multipart/form-data\">",
	    _("Mark done or skip"), it->task->id);
	html_csrf(b, req);
	html_fmt(b, "<input type=\"hidden\" name=\"due_on\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"next\" value=\"%s\">", due, next);
	html_fmt(b, "<label for=\"%s\">%s</label>"
	    "<textarea id=\"%s\" name=\"note\" rows=\"2\"></textarea>",
	    id, _("Note (required when skipped)"), id);
	html_fmt(b, "<label for=\"f%s\">%s</label>"
	    "<input type=\"file\" id=\"f%s\" name=\"file\" accept=\".pdf,.docx,"
	    ".odt,.xlsx,.png,.jpg,.jpeg\">", id,
	    _("File with \"done\" (PDF, DOCX, ODT, XLSX, PNG or JPEG; optional)"), id);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\" name=\"action\""
	    " value=\"done\">%s</button> <button type=\"submit\" name=\"action\""
	    " value=\"skip\" class=\"secondary\">%s</button></div></form></details>",
	    _("Done"), _("Skip"));
}

const char *
web_wheel_result_msg(const struct wheel_result *r)
{
	switch (r->outcome) {
	case WR_NOT_FOUND:
		return _("No such task.");
	case WR_FORBIDDEN:
		return _("You may not do that.");
	case WR_INVALID:
		return _(r->why);
	case WR_CONFLICT:
		return _("That occurrence is already settled, or the task has ended.");
	default:
		return _("Something went wrong; nothing was saved.");
	}
}

void
web_wheel_others(struct buf *b, struct arena *a, const struct wheel_other *v,
    size_t n)
{
	static const char *const kinds[WX_MAX] = {
		[WX_DOC_REVISION] = N_("Document revision"),
		[WX_RISK_REVIEW] = N_("Risk assessment review"),
		[WX_FOLLOWUP_DEADLINE] = N_("Audit report: written status"),
		[WX_DEV_LEGAL] = N_("Legal deadline"),
		[WX_WB_FEEDBACK] = N_("Whistleblowing feedback"),
	};
	size_t i;

	if (n == 0)
		return;
	html_fmt(b, "<h2 id=\"others\">%s</h2>\n<div class=\"table-wrap\"><table class=\"list\">"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("From other modules"), _("Due"), _("Task"),
	    _("Kind"), _("Status"));
	for (i = 0; i < n; i++) {
		html_fmt(b, "<tr><td>%s</td><td><a href=\"%H\">%s</a></td><td>%s</td><td>",
		    web_wheel_day(a, v[i].due_on), v[i].href, v[i].title,
		    (int)v[i].kind >= 0 && v[i].kind < WX_MAX ? _(kinds[v[i].kind]) : "");
		if (v[i].overdue)
			html_fmt(b, "<span class=\"status st-late\">%s</span>", _("Overdue"));
		else
			html_fmt(b, "<span class=\"status st-new\">%s</span>", _("Due"));
		html_fmt(b, "</td></tr>\n");
	}
	html_fmt(b, "</tbody></table></div>\n");
}
