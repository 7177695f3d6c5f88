/* web/account/forgot.c: a forgotten password, reset by e-mail (public
 * pages). /password/forgot takes a user name and answers the same
 * whether or not anyone has it; /password/reset?token=... sets a new
 * password with the link from the e-mail. The decisions are auth/'s
 * (forgot.c). */
#include <string.h>

#include "auth/auth.h"
#include "auth/auth_input.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "web/ui.h"
#include "web/web.h"

static void
forgot_render(struct http_req *req, struct http_resp *resp, int status,
    int sent)
{
	struct buf *b = &resp->body;

	resp->status = status;
	html_page_begin(b, req, _("Forgotten password"), "password_forgot");
	html_fmt(b, "<div class=\"narrow\">\n<h1>%s</h1>\n",
	    _("Forgotten password"));
	if (sent) {
		/* The same words whether or not the name is anyone's. */
		web_notice(b, _("If Orden has an e-mail address for this user "
		    "name, an e-mail with a link is on its way. The link works "
		    "once, for 30 minutes."));
		html_fmt(b, "<p><a href=\"/login\">%s</a></p>\n</div>\n",
		    _("Back to the login"));
		html_page_end(b, req);
		return;
	}
	html_fmt(b, "<p>%s</p>\n", _("Write your user name. If Orden has an "
	    "e-mail address for you, you get a link to set a new password."));
	html_fmt(b, "<p>%s</p>\n", _("If you handle whistleblowing cases: after a "
	    "new password you see their content again only when a co-handler "
	    "opens the case or the operator runs orden whistle reseal."));
	html_fmt(b, "<form method=\"post\" action=\"/password/forgot\" "
	    "class=\"stack\">\n");
	html_input(b, "login", _("User name"), "text", http_form(req, "login"),
	    1, web_field_error(req, "login"));
	html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n</div>\n",
	    _("Send me a link"));
	html_page_end(b, req);
}

void
web_forgot_form(struct http_req *req, struct http_resp *resp)
{
	forgot_render(req, resp, 200, 0);
}

void
web_forgot(struct http_req *req, struct http_resp *resp)
{
	if (req->form_error != NULL) {
		forgot_render(req, resp, 400, 0);
		return;
	}
	if (auth_reset_request(req->ctx, http_text(req, AFF_LOGIN)) < 0) {
		web_failed(req, resp);
		return;
	}
	forgot_render(req, resp, 200, 1);
}

static void
reset_render(struct http_req *req, struct http_resp *resp, int status,
    const char *token, const char *bad, const char *msg)
{
	struct buf	*b = &resp->body;

	resp->status = status;
	html_page_begin(b, req, _("Set a new password"), "password_reset");
	html_fmt(b, "<div class=\"narrow\">\n<h1>%s</h1>\n",
	    _("Set a new password"));
	if (token == NULL || !auth_token_wellformed(token) ||
	    (bad != NULL && strcmp(bad, "token") == 0)) {
		html_fmt(b, "<p role=\"alert\">%s</p>\n<p><a href=\"/password/forgot\">"
		    "%s</a></p>\n</div>\n", _("This link does not work: it was used "
		    "already, is older than 30 minutes, or was not copied whole."),
		    _("Ask for a new link"));
		html_page_end(b, req);
		return;
	}
	html_fmt(b, "<p>%s</p>\n", _("If you handle whistleblowing cases: after a "
	    "new password you see their content again only when a co-handler "
	    "opens the case or the operator runs orden whistle reseal."));
	html_fmt(b, "<form method=\"post\" action=\"/password/reset\" "
	    "class=\"stack\">\n<input type=\"hidden\" name=\"token\" "
	    "value=\"%s\">\n", token);
	html_input(b, "new", _("New password"), "password", NULL, 1,
	    bad != NULL && strcmp(bad, "new") == 0 ? msg : NULL);
	html_input(b, "repeat", _("Repeat the new password"), "password", NULL,
	    1, bad != NULL && strcmp(bad, "repeat") == 0 ? msg : NULL);
	html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n</div>\n",
	    _("Set a new password"));
	html_page_end(b, req);
}

void
web_reset_form(struct http_req *req, struct http_resp *resp)
{
	const char *token = http_qtext(req, ARQ_TOKEN);

	reset_render(req, resp, token != NULL && auth_token_wellformed(token) ?
	    200 : 400, token, NULL, NULL);
}

void
web_reset(struct http_req *req, struct http_resp *resp)
{
	const char	*token = http_text(req, ARF_TOKEN);
	const char	*nw = http_text(req, ARF_NEW), *rep = http_text(req, ARF_REPEAT);
	const char	*bad = NULL, *msg = NULL;
	int		 rc;

	if (req->form_error != NULL) {
		bad = req->form_error_field;
		msg = req->form_error;
	} else if (strcmp(nw, rep) != 0) {
		bad = "repeat";
		msg = _("The two new passwords are not the same.");
	} else if ((rc = auth_reset_finish(req->ctx, token, nw)) == 0) {
		web_wipe_field(req, "new");
		web_wipe_field(req, "repeat");
		resp->status = 200;
		html_page_begin(&resp->body, req, _("Set a new password"),
		    "password_reset");
		html_fmt(&resp->body, "<div class=\"narrow\">\n<h1>%s</h1>\n",
		    _("Set a new password"));
		web_notice(&resp->body, _("Your new password is set. Every "
		    "session with the old one has ended."));
		html_fmt(&resp->body, "<p><a href=\"/login\">%s</a></p>\n</div>\n",
		    _("Log in"));
		html_page_end(&resp->body, req);
		return;
	} else if (rc == AUTH_RESET_SHORT) {
		bad = "new";
		msg = arena_printf(req->ctx->arena,
		    _("The new password must have at least %d characters."),
		    AUTH_PASSWORD_MIN);
	} else if (rc == AUTH_RESET_BAD)
		bad = "token";
	else {
		web_failed(req, resp);
		return;
	}
	web_wipe_field(req, "new");
	web_wipe_field(req, "repeat");
	reset_render(req, resp, 400, token != NULL ? token : http_form(req,
	    "token"), bad, msg);
}
