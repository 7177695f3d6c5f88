/* web/webhook/webhooks.c: the administrator's webhooks (/admin/webhooks):
 * the subscriptions, a form for a new one (its secret shown once, on the
 * page that answers the form), and the newest deliveries with the
 * receiver's status code. The decisions are webhook/'s. */
#include "web/webhook/webhook_web.h"

#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "web/ui.h"
#include "web/web.h"
#include "webhook/webhook.h"
#include "webhook/wh_input.h"

static const char *
event_label(enum wh_event ev)
{
	switch (ev) {
	case WH_DEV_REPORTED:	return _("A deviation is reported");
	case WH_DEV_ACKNOWLEDGED: return _("A deviation is acknowledged");
	case WH_DEV_TRANSFERRED: return _("A deviation is transferred");
	case WH_DEV_RETURNED:	return _("A deviation is returned to its reporter");
	case WH_DEV_CLOSED:	return _("A deviation is closed");
	case WH_DEV_REOPENED:	return _("A deviation is reopened");
	case WH_DEV_DUE:	return _("A deviation's deadline is near");
	case WH_DEV_OVERDUE:	return _("A deviation is overdue");
	case WH_MEASURE_ADDED:	return _("A measure is added (deviation, risk or audit recommendation)");
	case WH_MEASURE_COMPLETED: return _("A measure is completed");
	case WH_MEASURE_DUE:	return _("A measure is past its due date and not done");
	case WH_DOC_PUBLISHED:	return _("A governing document gets a new current version");
	default:		return "";
	}
}

static int
gate(struct http_req *req, struct http_resp *resp)
{
	if (!webhook_right(req->ctx)) {
		web_forbidden(req, resp);
		return -1;
	}
	return 0;
}

static void
put_form(struct buf *b, struct http_req *req)
{
	int i;

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"new-h\">"
	    "<h2 id=\"new-h\">%s</h2>\n<p>%s</p>\n", _("New webhook"),
	    _("Orden posts a short JSON message, signed with the webhook's "
	    "secret, to the address when one of the chosen events happens. "
	    "It holds numbers and codes only: never a deviation's text, and "
	    "nothing of whistleblowing cases."));
	html_fmt(b, "<form method=\"post\" action=\"/admin/webhooks\" "
	    "class=\"stack\">\n");
	html_csrf(b, req);
	html_input(b, "url", _("Receiver's address (https://...)"), "url",
	    http_form(req, "url"), 1, web_field_error(req, "url"));
	html_fmt(b, "<fieldset class=\"field%R\"><legend>%s</legend>\n",
	    web_field_error(req, "events") != NULL ? " invalid" : "",
	    _("Events"));
	if (web_field_error(req, "events") != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-events-error\">%s</p>",
		    web_field_error(req, "events"));
	for (i = 0; i < WH_EVENT_MAX; i++)
		if (i != WH_PING)
			html_checkbox(b, webhook_event_field((enum wh_event)i),
			    event_label((enum wh_event)i),
			    http_form(req, webhook_event_field(
			    (enum wh_event)i)) != NULL, NULL);
	html_fmt(b, "</fieldset>\n<button type=\"submit\">%s</button>\n"
	    "</form>\n</section>\n", _("Add webhook"));
}

static void
render(struct http_req *req, struct http_resp *resp, int status,
    const char *secret, int64_t new_id)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct webhook		*v;
	struct wh_delivery	*d;
	size_t			 n, nd, i;

	if (webhook_list(ctx, &v, &n) != WH_OK ||
	    webhook_deliveries(ctx, 0, WH_DELIVERIES_SHOWN, &d, &nd) != WH_OK) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	html_page_begin(b, req, _("Webhooks"), "admin_webhooks");
	html_fmt(b, "<h1>%s</h1>\n", _("Webhooks"));
	if (req->form_error != NULL && req->form_error_field == NULL)
		web_error(b, req->form_error);
	if (secret != NULL)
		html_fmt(b, "<div class=\"card\" role=\"status\"><p>%s</p>\n"
		    "<p><code id=\"webhook-secret\">%s</code></p>\n<p>%s</p>"
		    "</div>\n", arena_printf(ctx->arena, _("Webhook %lld is "
		    "added. Its signing secret:"), (long long)new_id), secret,
		    _("It is shown only now. Keep it in the receiver, which "
		    "checks the Orden-Signature header with it."));
	if (http_qint(req, WHQ_REMOVED, 0))
		web_notice(b, _("The webhook is removed."));
	if (http_qint(req, WHQ_TESTED, 0))
		web_notice(b, _("A test message waits to be sent."));
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"hooks-h\">"
	    "<h2 id=\"hooks-h\">%s</h2>\n", _("Subscriptions"));
	if (n == 0)
		html_fmt(b, "<p>%s</p>\n", _("No webhooks yet."));
	for (i = 0; i < n; i++) {
		html_fmt(b, "<h3>%D. <code>%s</code></h3>\n<p>%s</p>\n"
		    "<dl class=\"facts\"><dt>%s</dt><dd>%D</dd><dt>%s</dt>"
		    "<dd>%D</dd><dt>%s</dt><dd>%D</dd></dl>\n", v[i].id,
		    v[i].url, webhook_events_format(ctx, v[i].events),
		    _("Waiting"), v[i].pending, _("Sent"), v[i].sent,
		    _("Failed"), v[i].failed);
		html_fmt(b, "<form method=\"post\" action=\"/admin/webhooks/%D\" "
		    "class=\"inline\">", v[i].id);
		html_csrf(b, req);
		html_fmt(b, "<button type=\"submit\" name=\"action\" "
		    "value=\"test\">%s</button> <button type=\"submit\" "
		    "name=\"action\" value=\"remove\">%s</button></form>\n",
		    _("Send a test"), _("Remove"));
	}
	html_fmt(b, "</section>\n");
	put_form(b, req);
	if (nd > 0) {
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"del-h\">"
		    "<h2 id=\"del-h\">%s</h2>\n<div class=\"table-wrap\"><table>"
		    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    _("Newest deliveries"), _("Webhook"), _("Event"), _("Made"),
		    _("State"), _("Tries"), _("Answer"), _("Last error"));
		for (i = 0; i < nd; i++)
			html_fmt(b, "<tr><td>%D</td><td>%s</td><td>%s</td>"
			    "<td>%s</td><td>%D</td><td>%s</td><td>%s</td></tr>\n",
			    d[i].webhook_id, d[i].event,
			    web_datetime(ctx->arena, d[i].created_at),
			    d[i].sent_at > 0 ? _("Sent") : d[i].failed_at > 0 ?
			    _("Failed") : _("Waiting"), d[i].tries,
			    d[i].status > 0 ? arena_printf(ctx->arena, "%lld",
			    (long long)d[i].status) : "", d[i].error);
		html_fmt(b, "</tbody></table></div>\n</section>\n");
	}
	html_page_end(b, req);
}

void
web_webhooks(struct http_req *req, struct http_resp *resp)
{
	if (gate(req, resp) != 0)
		return;
	render(req, resp, 200, NULL, 0);
}

void
web_webhook_add(struct http_req *req, struct http_resp *resp)
{
	const char	*url, *bad, *field = NULL, *why = NULL;
	char		 secret[WH_SECRET_HEX];
	unsigned	 mask = 0;
	int64_t		 id = 0;
	int		 rc = WH_INVALID;

	if (gate(req, resp) != 0)
		return;
	if (req->form_error == NULL) {
		if (webhook_input_read(req, &url, &mask, &bad) != 0) {
			field = "events";
			why = N_("Choose at least one event.");
		} else
			rc = webhook_add(req->ctx, url, mask, &id, secret,
			    &field, &why);
		if (rc == WH_INVALID) {
			req->form_error = _(why);
			req->form_error_field = field;
		}
	}
	if (req->form_error != NULL) {
		render(req, resp, 400, NULL, 0);
		return;
	}
	if (rc == WH_FORBIDDEN) {
		web_forbidden(req, resp);
		return;
	}
	if (rc != WH_OK) {
		web_failed(req, resp);
		return;
	}
	render(req, resp, 200, secret, id);
	memset(secret, 0, sizeof(secret));
}

void
web_webhook_action(struct http_req *req, struct http_resp *resp)
{
	enum wh_action	a;
	int64_t		id;
	int		rc;

	if (gate(req, resp) != 0)
		return;
	if (http_param_id(req, 0, &id) != 0 ||
	    (rc = webhook_exists(req->ctx, id)) == 0) {
		web_not_found(req, resp);
		return;
	}
	if (rc < 0) {
		web_failed(req, resp);
		return;
	}
	if (req->form_error != NULL || webhook_action_read(req, &a) != 0) {
		req->form_error = _("Unknown action.");
		req->form_error_field = NULL;
		render(req, resp, 400, NULL, 0);
		return;
	}
	rc = a == WHK_TEST ? webhook_test(req->ctx, id) :
	    webhook_remove(req->ctx, id);
	if (rc == WH_NOTFOUND)
		web_not_found(req, resp);
	else if (rc == WH_FORBIDDEN)
		web_forbidden(req, resp);
	else if (rc != WH_OK)
		web_failed(req, resp);
	else
		http_redirect(resp, a == WHK_TEST ? "/admin/webhooks?tested=1" :
		    "/admin/webhooks?removed=1");
}
