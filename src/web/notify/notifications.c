/* web/notify/notifications.c: the person's in-app notifications, newest first,
 * each linking to its report; "mark all as read". Always the logged-in
 * person's own: there is no id of anyone else to ask for. */
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "deviation/deviation.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "notify/notify_input.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

void
web_notifications(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct notification	*nt = NULL;
	size_t			 n = 0, i, unread = 0;
	char			 next[NOTIFY_CURSOR_MAX];
	int			 rc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	rc = notification_list_page(ctx, ctx->user->id, 0,
	    http_qtext(req, NQF_AFTER), NOTIFY_PAGE_DEFAULT, &nt, &n, next);
	if (rc == NOTIFY_ERR_INVALID) {
		http_html_error(req, resp, 400,
		    _("after: not a cursor from this list's \"next\""));
		return;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return;
	}
	for (i = 0; i < n; i++)
		if (nt[i].read_at == 0)
			unread++;
	resp->status = 200;
	html_page_begin(b, req, _("Notifications"), "notifications");
	html_fmt(b, "<h1>%s</h1>\n", _("Notifications"));
	html_fmt(b, "<p><a href=\"/account/notifications\">%s</a></p>\n",
	    _("Choose whether these also come by e-mail"));
	if (http_qint(req, NQF_READ, 0))
		web_notice(b, _("All notifications are marked as read."));
	if (n == 0) {
		html_fmt(b, "<p>%s</p>\n", _("You have no notifications."));
		html_page_end(b, req);
		return;
	}
	if (unread > 0) {
		html_fmt(b, "<form method=\"post\" action=\"/notifications/read\" "
		    "class=\"stack\">");
		html_csrf(b, req);
		html_fmt(b, "<button type=\"submit\" class=\"secondary\">%s</button>"
		    "</form>\n", _("Mark all as read"));
	}
	html_fmt(b, "<ul class=\"notes plain\">\n");
	for (i = 0; i < n; i++) {
		html_fmt(b, "<li class=\"%s\"><p>", nt[i].read_at == 0 ? "unread" :
		    "read");
		if (nt[i].read_at == 0)
			html_fmt(b, "<span class=\"status st-new\">%s</span> ",
			    _("Unread"));
		html_fmt(b, "<strong>%s</strong> <span class=\"hint\">%s</span></p>",
		    web_notification_label(nt[i].kind),
		    web_datetime(ctx->arena, nt[i].created_at));
		if (nt[i].deviation_id != 0)
			html_fmt(b, "<p><a href=\"/deviations/%D\">%s%R%s</a></p>",
			    nt[i].deviation_id, nt[i].number != NULL ?
			    nt[i].number : "", nt[i].number != NULL ? " – " : "",
			    nt[i].text != NULL ? nt[i].text : "");
		else if (strcmp(nt[i].kind, NOTIFY_OVERDUE_SUMMARY) == 0)
			/* One notice for many rows: the list of them, as the
			 * reader may see it. */
			html_fmt(b, "<p>%s <a href=\"/deviations?overdue=1\">%s</a></p>",
			    nt[i].text != NULL ? nt[i].text : "",
			    _("See the overdue ones"));
		else
			html_fmt(b, "<p>%s</p>", nt[i].text != NULL ? nt[i].text : "");
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ul>\n");
	if (next[0] != '\0')
		html_fmt(b, "<p><a href=\"/notifications?after=%s\" rel=\"next\">%s</a></p>\n",
		    next, _("Next page"));
	html_page_end(b, req);
}

void
web_notifications_read(struct http_req *req, struct http_resp *resp)
{
	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (notification_mark_read(req->ctx, req->ctx->user->id, 0) != 0) {
		web_failed(req, resp);
		return;
	}
	http_redirect(resp, "/notifications?read=1");
}
