/* web/whistle/receipt.c: following up with a receipt code. The code opens a short
 * session (cookie orden_receipt; only its hash is stored, idle 30 min,
 * absolute 4 h) limited to that one report. Wrong codes get one answer,
 * whatever was wrong; guessing is throttled by the model (429). The typed
 * code is wiped from the request as soon as it has been used. */
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "web/account/retry.h"
#include "web/ui.h"
#include "web/web.h"
#include "web/whistle/pages.h"
#include "whistle/wb_input.h"
#include "whistle/whistle.h"

/* The form; msg is a form-level error (translated) or NULL. The code is
 * never put back into the form. */
static void
receipt_form_render(struct http_req *req, struct http_resp *resp, int status,
    const char *msg, const char *notice)
{
	struct buf	*b = &resp->body;
	const char	*tok, *err;

	if ((tok = web_wb_csrf_token(req, resp)) == NULL) {
		web_failed(req, resp);
		return;
	}
	err = msg != NULL ? msg : web_field_error(req, "receipt_code");
	resp->status = status;
	html_page_begin(b, req, _("Follow up with a receipt code"), "wb_start");
	html_fmt(b, "<div class=\"narrow\">\n<p class=\"back\"><a href=\"/whistle\">"
	    "%s</a></p>\n<h1>%s</h1>\n", _("About whistleblowing"),
	    _("Follow up with a receipt code"));
	if (notice != NULL)
		web_notice(b, notice);
	if (msg != NULL)
		web_error(b, msg);
	html_fmt(b, "<p>%s</p>\n", _("Type the receipt code you got when you sent the report. You can then read messages from those who handle the case, and answer them."));
	html_fmt(b, "<form method=\"post\" action=\"/whistle/receipt\" class=\"stack\">\n");
	web_wb_csrf_fields(b, req, tok);
	html_fmt(b, "<div class=\"field%R\"><label for=\"f-receipt_code\">%s</label>"
	    "<p class=\"hint\" id=\"f-receipt_code-hint\">%s</p>",
	    err != NULL ? " invalid" : "", _("Receipt code"),
	    _("Letters and digits in six groups, for example ABCD-EFGH-JKMN-PQRS-TVWX-YZ23. Dashes and spaces do not matter."));
	if (err != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-receipt_code-error\">%s</p>", err);
	html_fmt(b, "<input id=\"f-receipt_code\" name=\"receipt_code\" type=\"text\" "
	    "class=\"code-input\" required autocomplete=\"off\" autocapitalize=\"characters\" "
	    "spellcheck=\"false\" aria-describedby=\"f-receipt_code-hint%R\"%R></div>\n",
	    err != NULL ? " f-receipt_code-error" : "",
	    err != NULL ? " aria-invalid=\"true\"" : "");
	html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n",
	    _("Open the case"));
	html_fmt(b, "<p class=\"hint\">%s</p>\n</div>\n",
	    _("Lost the code? It cannot be recovered, because nobody but you has it. You may send a new report and refer to the old one."));
	html_page_end(b, req);
}

void
web_wb_receipt_form(struct http_req *req, struct http_resp *resp)
{
	receipt_form_render(req, resp, 200, NULL, http_qint(req, WFQ_FLAG, 0) ?
	    _("You have logged out of the case.") : NULL);
}

void
web_wb_receipt_login(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	char		 token[64];
	const char	*code, *msg;
	int64_t		 retry_after = 0;
	int		 rc;

	if (req->form_error != NULL) {
		web_wipe_field(req, "receipt_code");
		receipt_form_render(req, resp, 400, NULL, NULL);
		return;
	}
	if (!web_wb_csrf_ok(req)) {
		web_wipe_field(req, "receipt_code");
		receipt_form_render(req, resp, 403,
		    _("The form had expired. Please type the code again."), NULL);
		return;
	}
	code = wb_receipt_read(req->vals);
	memset(token, 0, sizeof(token));
	rc = code != NULL ? whistle_receipt_login(ctx, code, token,
	    &retry_after) : -1;
	web_wipe_field(req, "receipt_code");
	switch (rc) {
	case 0:
		break;
	case -1:
		/* One answer for every kind of wrong. */
		receipt_form_render(req, resp, 401,
		    _("That code did not open a case. Check it and try again."),
		    NULL);
		return;
	case -2:
		msg = web_retry_after(req, resp, retry_after);
		receipt_form_render(req, resp, 429, msg != NULL ? msg :
		    _("Too many attempts. Wait a while and try again."), NULL);
		return;
	default:
		sodium_memzero(token, sizeof(token));
		web_failed(req, resp);
		return;
	}
	http_cookie(req, resp, WEB_WB_RECEIPT_COOKIE, token, -1);
	sodium_memzero(token, sizeof(token));
	http_redirect(resp, "/whistle/mine");
}

void
web_wb_receipt_logout(struct http_req *req, struct http_resp *resp)
{
	const char *tok = web_cookie(req, WEB_WB_RECEIPT_COOKIE);

	if (!web_wb_csrf_ok(req)) {
		receipt_form_render(req, resp, 403,
		    _("The form had expired. Please try again."), NULL);
		return;
	}
	if (tok != NULL && tok[0] != '\0')
		(void)whistle_receipt_logout(req->ctx, tok);
	http_cookie(req, resp, WEB_WB_RECEIPT_COOKIE, NULL, 0);
	http_redirect(resp, "/whistle/receipt?out=1");
}
