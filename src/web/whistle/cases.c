/* web/whistle/cases.c: the handler's list of whistleblowing cases. Metadata only
 * (number, procedure, state, next deadline, own declaration): the content
 * opens on the case page, after a declaration of impartiality. */
#include <stdint.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"
#include "web/whistle/pages.h"
#include "whistle/wb_input.h"
#include "whistle/whistle.h"

/* The deadline a handler must meet next: confirming receipt while it is
 * received, else feedback to the reporter until it is concluded; 0 when
 * none applies. */
static int64_t
next_deadline(const struct wb_case *c)
{
	if (c->state == WB_RECEIVED)
		return c->ack_due_at;
	if (c->state == WB_ACKNOWLEDGED || c->state == WB_INVESTIGATING)
		return c->feedback_due_at;
	return 0;
}

void
web_wb_cases(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	struct wb_case	*cs = NULL;
	size_t		 n = 0, i;
	int64_t		 due;
	char		 next[WB_CURSOR_MAX];
	int		 rc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	/* A page at a time ("Next page"), so a long-serving handler sees
	 * every case rather than the newest thousand. */
	rc = whistle_cases_page(ctx, http_qtext(req, WCQ_AFTER), WB_PAGE_DEFAULT,
	    &cs, &n, next);
	if (rc == WB_ERR_INVALID) {
		http_html_error(req, resp, 400,
		    _("after: not a cursor from this list's \"next\""));
		return;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	html_page_begin(b, req, _("Whistleblowing cases"), "wb_cases");
	html_fmt(b, "<h1>%s</h1>\n", _("Whistleblowing cases"));
	if (http_qint(req, WCQ_LEFT, 0))
		web_notice(b, _("You have left the case. It has been routed on, and you can no longer see it."));
	html_fmt(b, "<p class=\"lead\">%s</p>\n", _("The cases you handle. Their content is encrypted and opens on the case page once you have declared that you are impartial. Every reading is logged."));
	if (whistle_right(ctx, WB_RIGHT_REGISTER_ORAL))
		html_fmt(b, "<p><a class=\"button-link\" href=\"/whistle/new?oral=1\">%s</a></p>\n",
		    _("Register an oral report"));
	if (n == 0) {
		html_fmt(b, "<p>%s</p>\n", _("You have no whistleblowing cases."));
		html_page_end(b, req);
		return;
	}
	html_fmt(b, "<div class=\"table-wrap\"><table class=\"wb-cases\"><caption>%s</caption>"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Cases you handle"), _("Case"), _("Procedure"), _("State"),
	    _("Received"), _("Next deadline"), _("Your declaration"));
	for (i = 0; i < n; i++) {
		due = next_deadline(&cs[i]);
		html_fmt(b, "<tr><td><a href=\"/whistle/cases/%D\">%s</a></td>"
		    "<td>%s</td><td>", cs[i].id, cs[i].number,
		    web_wb_procedure_label(cs[i].procedure));
		web_wb_state_tag(b, (int)cs[i].state);
		html_fmt(b, "</td><td class=\"nowrap\">%s</td>",
		    web_date(ctx->arena, cs[i].received_at));
		if (due != 0)
			html_fmt(b, "<td%R>%s<br><span class=\"hint\">%s</span></td>",
			    due < ctx->now ? " class=\"late\"" : "",
			    web_date(ctx->arena, due),
			    web_deadline_text(ctx->arena, ctx->now, due));
		else
			html_fmt(b, "<td>–</td>");
		html_fmt(b, "<td>%s</td></tr>\n", cs[i].my_impartiality ?
		    _("Impartial (habil)") : _("Not declared yet"));
	}
	html_fmt(b, "</tbody></table></div>\n");
	if (next[0] != '\0')
		html_fmt(b, "<p><a href=\"/whistle/cases?after=%s\" rel=\"next\">%s</a></p>\n",
		    next, _("Next page"));
	html_page_end(b, req);
}
