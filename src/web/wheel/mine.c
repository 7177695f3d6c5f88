/* web/wheel/mine.c: "My tasks" (GET /wheel/mine): the wheel's occurrences
 * assigned to the signed-in person that are overdue or within their
 * reminder time, with the form to settle each, and the last month's done
 * ones; below them the document revisions and risk reviews that are
 * theirs (wheel_others). */
#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "web/ui.h"
#include "web/wheel/wheel_web.h"
#include "wheel/wheel_input.h"

void
web_wheel_mine(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct wheel_item	*v;
	struct wheel_other	*o;
	size_t			 n, i, no;

	if (web_gate(req, resp, AZ_WHEEL_VIEW) != 0)
		return;
	/* Other modules' dates: overdue, or within a month (their own
	 * reminders come 30 days ahead). */
	if (wheel_mine(ctx, &v, &n) != 0 || wheel_others(ctx, 1, 0,
	    wheel_day_of(ctx->now) + 30, &o, &no) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	html_page_begin(b, req, _("My tasks"), "wheel");
	html_fmt(b, "<p><a href=\"/wheel\">%s</a></p><h1>%s</h1>\n",
	    _("Yearly wheel"), _("My tasks"));
	if (http_qint(req, WMQ_SAVED, 0))
		web_notice(b, _("Saved."));
	if (n == 0) {
		html_fmt(b, "<p>%s</p>\n", _("You have no tasks from the yearly "
		    "wheel due now."));
		web_wheel_others(b, ctx->arena, o, no);
		web_wheel_feed_section(b, req, NULL);
		html_page_end(b, req);
		return;
	}
	html_fmt(b, "<ul class=\"plain occurrences\">\n");
	for (i = 0; i < n; i++) {
		html_fmt(b, "<li><p><strong>%s</strong> <a href=\"/wheel/tasks/%D\">"
		    "%s</a></p><p>", web_wheel_day(ctx->arena, v[i].due_on),
		    v[i].task->id, v[i].task->title);
		web_wheel_status(b, ctx->arena, &v[i]);
		html_fmt(b, "</p>");
		if (v[i].outcome == WO_OPEN)
			web_wheel_settle_forms(b, req, &v[i], "/wheel/mine");
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ul>\n");
	web_wheel_others(b, ctx->arena, o, no);
	web_wheel_feed_section(b, req, NULL);
	html_page_end(b, req);
}
