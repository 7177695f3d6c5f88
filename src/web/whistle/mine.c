/* web/whistle/mine.c: the reporter's own view of their whistleblowing reports, by
 * receipt session (one report) or by account (their own linked reports,
 * opened with the secret key their session carries). They see what they
 * wrote, the state as a reporter may know it (received, receipt
 * confirmed, in progress, closed: never the outcome or consequences for
 * anyone), the messages both ways, and may answer. */
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "vault/vault.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"
#include "web/whistle/pages.h"
#include "whistle/wb_input.h"
#include "whistle/whistle.h"

/* An error to show at one case's answer form. */
struct mine_err {
	int64_t		 case_id;
	const char	*msg;
};

static void
put_dl_row(struct buf *b, const char *dt, const char *dd)
{
	if (dd != NULL && dd[0] != '\0')
		html_fmt(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>", dt, dd);
}

static void
put_view(struct buf *b, struct http_req *req, const struct wb_reporter_view *v,
    const char *tok, const struct mine_err *err,
    const struct wb_attachment_info *att, size_t natt)
{
	struct arena		*a = req->ctx->arena;
	const struct wb_report	*c = v->content;
	const char		*e = NULL, *val = NULL;
	size_t			 i;
	int			 closed = v->state != NULL &&
				    strcmp(v->state, "closed") == 0;

	if (err != NULL && err->case_id == v->id) {
		e = err->msg;
		val = http_form(req, "text");
	}
	html_fmt(b, "<article class=\"card wb-report\" id=\"case-%D\" "
	    "aria-labelledby=\"case-%D-h\"><h2 id=\"case-%D-h\">%s %s</h2>",
	    v->id, v->id, v->id, _("Report"), v->number);
	html_fmt(b, "<p class=\"status-line\">%s: <span class=\"status %s\">%s"
	    "</span></p>", _("State"), closed ? "st-closed" :
	    strcmp(v->state != NULL ? v->state : "", "received") == 0 ?
	    "st-new" : "st-progress", web_wb_reporter_state_label(v->state));
	if (closed)
		html_fmt(b, "<p>%s</p>", _("The case is closed. You are not told what consequences it had for others: that is their private matter."));
	html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd></dl>",
	    _("Sent"), web_datetime(a, v->received_at));
	if (c != NULL) {
		html_fmt(b, "<details class=\"action\"><summary>%s</summary>"
		    "<dl class=\"facts\">", _("What you wrote"));
		put_dl_row(b, _("What happened"), c->what);
		put_dl_row(b, _("Why it is censurable"), c->why_censurable);
		put_dl_row(b, _("When"), c->when);
		put_dl_row(b, _("Where"), c->where);
		put_dl_row(b, _("Who was involved or saw it"), c->involved);
		put_dl_row(b, _("Whom it concerns"), c->accused_name);
		put_dl_row(b, _("The accused's party"), c->accused_party);
		html_fmt(b, "</dl>");
		/* The names only: the files went to those who handle it. */
		if (natt > 0) {
			html_fmt(b, "<p><strong>%s</strong></p><ul class=\"attachments\">",
			    _("Files you sent"));
			for (i = 0; i < natt; i++)
				html_fmt(b, "<li>%s</li>", att[i].name);
			html_fmt(b, "</ul>");
		}
		html_fmt(b, "</details>");
	}
	html_fmt(b, "<section aria-labelledby=\"case-%D-msg\"><h3 id=\"case-%D-msg\">"
	    "%s</h3>", v->id, v->id, _("Messages"));
	if (v->nmessages == 0)
		html_fmt(b, "<p>%s</p>", _("No messages yet."));
	else {
		html_fmt(b, "<ol class=\"timeline messages\">");
		for (i = 0; i < v->nmessages; i++)
			html_fmt(b, "<li class=\"%s\"><p><strong>%s</strong> "
			    "<span class=\"hint\">%s</span></p><p class=\"pre\">%s</p></li>",
			    v->messages[i].from_reporter ? "from-me" : "from-them",
			    v->messages[i].from_reporter ? _("You wrote") :
			    _("Those who handle the case wrote"),
			    web_datetime(a, v->messages[i].at),
			    v->messages[i].text != NULL ? v->messages[i].text : "");
		html_fmt(b, "</ol>");
	}
	html_fmt(b, "</section>");
	if (!closed) {
		html_fmt(b, "<form method=\"post\" action=\"/whistle/mine/%D/message\" "
		    "class=\"stack\">", v->id);
		web_wb_csrf_fields(b, req, tok);
		html_fmt(b, "<div class=\"field%R\"><label for=\"f-text-%D\">%s</label>",
		    e != NULL ? " invalid" : "", v->id, _("Answer or add something"));
		if (e != NULL)
			html_fmt(b, "<p class=\"error\" id=\"f-text-%D-error\">%s</p>",
			    v->id, e);
		html_fmt(b, "<textarea id=\"f-text-%D\" name=\"text\" rows=\"4\" required", v->id);
		if (e != NULL)
			html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"f-text-%D-error\"",
			    v->id);
		html_fmt(b, ">%s</textarea></div><button type=\"submit\">%s</button>"
		    "</form>", val != NULL ? val : "", _("Send the message"));
	}
	html_fmt(b, "</article>\n");
}

/* The page: by receipt session when there is one, else by account. */
static void
mine_render(struct http_req *req, struct http_resp *resp, int status,
    const struct mine_err *err)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct wb_reporter_view	 one, *views = NULL;
	unsigned char		 key[VAULT_KEY], sk[VAULT_SK];
	int64_t			 case_id = 0;
	size_t			 n = 0, i;
	int			 by_receipt = 0, no_key = 0, rc;
	const char		*tok;
	int			 sent = (int)http_qint(req, WFQ_FLAG, 0);
	struct wb_attachment_info **atts = NULL;	/* per view: the files sent */
	size_t			*natts = NULL;

	if (web_wb_receipt_session(req, &case_id, key) == 0) {
		by_receipt = 1;
		memset(&one, 0, sizeof(one));
		rc = whistle_reporter_view(ctx, case_id, key, &one);
		if (rc == 0 && (atts = arena_alloc(ctx->arena, sizeof(*atts))) != NULL &&
		    (natts = arena_alloc(ctx->arena, sizeof(*natts))) != NULL &&
		    whistle_reporter_attachments(ctx, case_id, key, &atts[0],
		    &natts[0]) != 0)
			natts[0] = 0;
		sodium_memzero(key, sizeof(key));
		if (rc == WB_ERR_NOTFOUND) {
			/* The case is gone for this session: start again. */
			http_cookie(req, resp, WEB_WB_RECEIPT_COOKIE, NULL, 0);
			http_redirect(resp, "/whistle/receipt");
			return;
		}
		if (rc != 0) {
			web_failed(req, resp);
			return;
		}
		views = &one;
		n = 1;
	} else if (ctx->user != NULL) {
		if (web_wb_secret(req, sk) != 0)
			no_key = 1;
		else {
			rc = whistle_reporter_cases(ctx, sk, &views, &n);
			if (rc == 0 && n > 0 &&
			    (atts = arena_alloc(ctx->arena, n * sizeof(*atts))) != NULL &&
			    (natts = arena_alloc(ctx->arena, n * sizeof(*natts))) != NULL)
				for (i = 0; i < n; i++) {
					natts[i] = 0;
					if (whistle_reporter_key(ctx, views[i].id, sk, key) == 0 &&
					    whistle_reporter_attachments(ctx, views[i].id, key,
					    &atts[i], &natts[i]) != 0)
						natts[i] = 0;
					sodium_memzero(key, sizeof(key));
				}
			sodium_memzero(sk, sizeof(sk));
			if (rc != 0) {
				web_failed(req, resp);
				return;
			}
		}
	} else {
		http_redirect(resp, "/whistle/receipt");
		return;
	}
	if ((tok = web_wb_csrf_token(req, resp)) == NULL) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	html_page_begin(b, req, _("Your whistleblowing reports"), "wb_start");
	html_fmt(b, "<p class=\"back\"><a href=\"/whistle\">%s</a></p>\n<h1>%s</h1>\n",
	    _("About whistleblowing"), by_receipt ? _("Your report") :
	    _("Your whistleblowing reports"));
	if (sent && status == 200)
		web_notice(b, _("Your message is sent."));
	if (status != 200 && err != NULL && err->case_id == 0)
		web_error(b, err->msg);
	if (by_receipt) {
		html_fmt(b, "<form method=\"post\" action=\"/whistle/receipt/logout\" "
		    "class=\"inline receipt-logout\">");
		web_wb_csrf_fields(b, req, tok);
		html_fmt(b, "<p class=\"hint\">%s</p><button type=\"submit\" "
		    "class=\"secondary\">%s</button></form>\n",
		    _("You are logged out by yourself after 30 minutes without activity. Log out when you are done, especially on a shared device."),
		    _("Log out of the case"));
	}
	if (no_key)
		web_error(b, _("Your reports are encrypted with a key that opens when you log in. Log out and in again to read them."));
	else if (n == 0)
		html_fmt(b, "<p>%s</p>\n", _("You have no whistleblowing reports linked to your account. Reports sent anonymously are followed up with their receipt code."));
	for (i = 0; i < n; i++)
		put_view(b, req, &views[i], tok, err, atts != NULL && natts != NULL ?
		    atts[i] : NULL, atts != NULL && natts != NULL ? natts[i] : 0);
	if (!by_receipt)
		html_fmt(b, "<p><a href=\"/whistle/receipt\">%s</a></p>\n",
		    _("Follow up an anonymous report with a receipt code"));
	html_page_end(b, req);
}

void
web_wb_mine(struct http_req *req, struct http_resp *resp)
{
	mine_render(req, resp, 200, NULL);
}

void
web_wb_reporter_message(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct mine_err	 err = { 0, NULL };
	unsigned char	 key[VAULT_KEY], sk[VAULT_SK];
	int64_t		 id, case_id = 0;
	const char	*loc;
	int		 rc, have = 0;

	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return;
	}
	if (!web_wb_csrf_ok(req)) {
		err.msg = _("The form had expired. Your message was not sent: please write it again.");
		mine_render(req, resp, 403, &err);
		return;
	}
	if (req->form_error != NULL) {
		err.case_id = id;
		err.msg = _("Write the message.");
		mine_render(req, resp, 400, &err);
		return;
	}
	/* The receipt session opens only its own case; an account opens
	 * only the person's own linked reports (the model refuses others). */
	if (web_wb_receipt_session(req, &case_id, key) == 0) {
		if (case_id == id)
			have = 1;
		else
			sodium_memzero(key, sizeof(key));
	}
	if (!have && ctx->user != NULL && web_wb_secret(req, sk) == 0) {
		have = whistle_reporter_key(ctx, id, sk, key) == 0;
		sodium_memzero(sk, sizeof(sk));
	}
	if (!have) {
		sodium_memzero(key, sizeof(key));
		web_not_found(req, resp);
		return;
	}
	rc = whistle_reporter_message(ctx, id, key, wb_message_read(req->vals));
	sodium_memzero(key, sizeof(key));
	switch (rc) {
	case 0:
		break;
	case WB_ERR_NOTFOUND:
		web_not_found(req, resp);
		return;
	case WB_ERR_STATE:
		err.msg = _("The case is closed, so no more messages can be sent.");
		mine_render(req, resp, 409, &err);
		return;
	case WB_ERR_INVALID:
		err.case_id = id;
		err.msg = _("Write the message (at most 10000 characters).");
		mine_render(req, resp, 400, &err);
		return;
	default:
		web_failed(req, resp);
		return;
	}
	loc = arena_printf(ctx->arena, "/whistle/mine?sent=1#case-%lld",
	    (long long)id);
	http_redirect(resp, loc != NULL ? loc : "/whistle/mine");
}
