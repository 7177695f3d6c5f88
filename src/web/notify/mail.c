/* web/notify/mail.c: e-mail pages. A person's choice of how notifications
 * reach them by e-mail (/account/notifications), and the administrator's
 * view of the outbox: the relay's state, what waits, what failed, and a
 * button that tries the failed ones again (/admin/mail). The decisions
 * are notify/'s (mail.h), which asks authz/. */
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "notify/mail.h"
#include "notify/mail_input.h"
#include "org/org.h"
#include "util/arena.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

static const char *
mode_label(enum mail_mode m)
{
	switch (m) {
	case MAIL_NOW:		return _("At once: one e-mail for each notification");
	case MAIL_DIGEST:	return _("Once a day: one e-mail in the morning with how many wait");
	case MAIL_OFF:		return _("Never: only here in Orden");
	default:		return "";
	}
}

/* One fieldset of radio buttons named name. */
static void
put_radios(struct buf *b, struct http_req *req, const char *name,
    const char *legend, const char *const *values, const char *const *labels,
    size_t n, const char *cur)
{
	const char	*err = web_field_error(req, name);
	const char	*id = arena_printf(req->ctx->arena, "f-%s", name);
	size_t		 i;

	if (id == NULL)
		return;
	html_fmt(b, "<fieldset class=\"field radios%R\"", err != NULL ?
	    " invalid" : "");
	html_describedby(b, id, NULL, err);
	html_fmt(b, "><legend>%s</legend>", legend);
	html_hint_error(b, id, NULL, err);
	for (i = 0; i < n; i++)
		html_fmt(b, "<div class=\"radio\"><input type=\"radio\" "
		    "name=\"%s\" id=\"%s-%s\" value=\"%s\"%R>"
		    "<label for=\"%s-%s\">%s</label></div>", name, id,
		    values[i], values[i], cur != NULL &&
		    strcmp(cur, values[i]) == 0 ? " checked" : "", id, values[i],
		    labels[i]);
	html_fmt(b, "</fieldset>\n");
}

static void
prefs_render(struct http_req *req, struct http_resp *resp, int status,
    int mode, const char *lang)
{
	static const char *const langs[] = { "nb", "nn", "en" };
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	const char	*mv[MAIL_MODE_MAX], *ml[MAIL_MODE_MAX], *ll[3];
	int		 i;

	resp->status = status;
	html_page_begin(b, req, _("E-mail notifications"), "notifications");
	html_fmt(b, "<h1>%s</h1>\n", _("E-mail notifications"));
	if (status == 200 && http_qint(req, MFQ_FLAG, 0))
		web_notice(b, _("Your choice is saved."));
	if (ctx->user->email == NULL || *ctx->user->email == '\0')
		html_fmt(b, "<p>%s</p>\n", _("Orden has no e-mail address for "
		    "you, so nothing is sent. Ask the administrator to add it."));
	else
		html_fmt(b, "<p>%s <strong>%s</strong></p>\n",
		    _("E-mails go to"), ctx->user->email);
	html_fmt(b, "<p>%s</p>\n", _("An e-mail only says that something "
	    "waits for you and links to it. What it is about you see in Orden, "
	    "after you sign in."));
	html_fmt(b, "<form method=\"post\" action=\"/account/notifications\" "
	    "class=\"stack\">\n");
	html_csrf(b, req);
	for (i = 0; i < MAIL_MODE_MAX; i++) {
		mv[i] = mail_mode_name((enum mail_mode)i);
		ml[i] = mode_label((enum mail_mode)i);
	}
	put_radios(b, req, "mode", _("Send me an e-mail"), mv, ml,
	    MAIL_MODE_MAX, mode >= 0 ? mail_mode_name((enum mail_mode)mode) :
	    http_form(req, "mode"));
	/* Language names in their own language, as the language switch. */
	ll[0] = "Bokmål";
	ll[1] = "Nynorsk";
	ll[2] = "English";
	put_radios(b, req, "lang", _("Language of the e-mails"), langs, ll, 3,
	    lang);
	html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n",
	    _("Save"));
	html_page_end(b, req);
}

void
web_mail_prefs_form(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	char		 lang[3];
	int		 mode;

	if (web_gate(req, resp, AZ_MAIL_PREFS) != 0)
		return;
	if ((mode = mail_mode_get(ctx, ctx->user->id, lang)) < 0) {
		web_failed(req, resp);
		return;
	}
	prefs_render(req, resp, 200, mode, lang[0] != '\0' ? lang :
	    ctx->user->lang != NULL ? ctx->user->lang : ctx->lang);
}

void
web_mail_prefs(struct http_req *req, struct http_resp *resp)
{
	enum mail_mode	m;
	const char	*lang = NULL, *bad = NULL;
	int		rc;

	if (web_gate(req, resp, AZ_MAIL_PREFS) != 0)
		return;
	if (req->form_error == NULL && mail_pref_read(req, &m, &lang, &bad) != 0) {
		req->form_error = bad != NULL && strcmp(bad, "lang") == 0 ?
		    _("Choose the language of the e-mails.") :
		    _("Choose at once, once a day or never.");
		req->form_error_field = bad;
	}
	if (req->form_error != NULL) {
		prefs_render(req, resp, 400, -1, http_form(req, "lang"));
		return;
	}
	if ((rc = mail_mode_set(req->ctx, m, lang)) == MAIL_FORBIDDEN) {
		web_forbidden(req, resp);
		return;
	}
	if (rc != MAIL_OK) {
		web_failed(req, resp);
		return;
	}
	http_redirect(resp, "/account/notifications?saved=1");
}

static void
put_relay(struct buf *b)
{
	char	text[256];
	int	ok = mail_status(text, sizeof(text));

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"relay-h\">"
	    "<h2 id=\"relay-h\">%s</h2>\n", _("Mail relay"));
	if (ok < 0)
		html_fmt(b, "<p>%s</p>\n", _("No mail relay is set up: nothing "
		    "is sent. The operator starts the server with --smtp-url "
		    "(see orden serve --help)."));
	else if (ok > 0)
		html_fmt(b, "<p><span class=\"status st-closed\">%s</span> %s</p>\n",
		    _("Working"), _("The relay took the last e-mail."));
	else
		html_fmt(b, "<p role=\"alert\"><span class=\"status st-overdue\">"
		    "%s</span> %s <code>%s</code></p>\n<p>%s</p>\n", _("Failing"),
		    _("The relay answered:"), text, _("E-mails wait in the "
		    "outbox and are tried again; tell the operator."));
	html_fmt(b, "</section>\n");
}

void
web_mail_admin(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct mail_overview	 o;
	size_t			 i;

	if (web_gate(req, resp, AZ_MAIL_ADMIN) != 0)
		return;
	if (mail_overview(ctx, &o) != MAIL_OK) {
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	html_page_begin(b, req, _("E-mail"), "admin_mail");
	html_fmt(b, "<h1>%s</h1>\n", _("E-mail"));
	if (http_qint(req, MFQ_FLAG, 0))
		web_notice(b, _("The failed e-mails are tried again."));
	put_relay(b);
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"outbox-h\">"
	    "<h2 id=\"outbox-h\">%s</h2>\n<dl class=\"facts\">"
	    "<dt>%s</dt><dd>%D</dd><dt>%s</dt><dd>%D</dd><dt>%s</dt><dd>%D</dd>"
	    "</dl>\n", _("Outbox"), _("Waiting"), o.pending, _("Sent"), o.sent,
	    _("Failed"), o.failed);
	if (o.nfailures > 0) {
		html_fmt(b, "<div class=\"table-wrap\"><table><caption>%s"
		    "</caption>\n<thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
		    "</thead>\n<tbody>\n", _("Failed e-mails"), _("To"),
		    _("Kind"), _("Made"), _("Tries"), _("Last answer"));
		for (i = 0; i < o.nfailures; i++)
			html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td>"
			    "<td>%D</td><td>%s</td></tr>\n", o.failures[i].login,
			    web_notification_label(o.failures[i].kind),
			    web_datetime(ctx->arena, o.failures[i].created_at),
			    o.failures[i].tries, o.failures[i].error);
		html_fmt(b, "</tbody></table></div>\n");
		html_fmt(b, "<form method=\"post\" action=\"/admin/mail/retry\">");
		html_csrf(b, req);
		html_fmt(b, "<button type=\"submit\">%s</button></form>\n",
		    _("Try the failed e-mails again"));
	}
	html_fmt(b, "</section>\n");
	html_page_end(b, req);
}

void
web_mail_retry(struct http_req *req, struct http_resp *resp)
{
	int rc;

	if (web_gate(req, resp, AZ_MAIL_ADMIN) != 0)
		return;
	if ((rc = mail_retry_failed(req->ctx)) == MAIL_FORBIDDEN) {
		web_forbidden(req, resp);
		return;
	}
	if (rc < 0) {
		web_failed(req, resp);
		return;
	}
	http_redirect(resp, "/admin/mail?retried=1");
}
