/* web/sso/sso.c: the buttons, the way out to the provider and back, and
 * the admin's view of the providers. sso/ decides everything; this file
 * only translates its answers into pages.
 *
 * Cookies: the state cookie must come back on the provider's redirect, a
 * cross-site top-level navigation, so it is SameSite=Lax (unlike every
 * other Orden cookie), HttpOnly and limited to /login/sso. For the same
 * reason the session cookie (SameSite=Strict) would not be sent on an
 * immediate redirect from the callback: the callback answers with a small
 * page that moves on by itself, a same-site navigation. */
#include "web/sso/sso.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "authz/authz.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "sso/sso.h"
#include "sso/sso_input.h"
#include "util/arena.h"
#include "util/log.h"
#include "totp/totp.h"
#include "web/totp/totp.h"
#include "web/ui.h"
#include "web/web.h"

static void
state_cookie(struct http_req *req, struct http_resp *resp, const char *v)
{
	const char *c;

	if (resp->ncookies >= sizeof(resp->set_cookie) / sizeof(resp->set_cookie[0]))
		return;
	c = arena_printf(req->ctx->arena, "%s=%s; Path=/login/sso; HttpOnly;"
	    " SameSite=Lax; Max-Age=%d%s", SSO_STATE_COOKIE, v != NULL ? v : "",
	    v != NULL ? SSO_LOGIN_TTL : 0, req->secure ? "; Secure" : "");
	if (c != NULL)
		resp->set_cookie[resp->ncookies++] = c;
}

/* A page for a sign-in that did not happen: status, what happened, and
 * the way back to the login page. */
static void
sso_page(struct http_req *req, struct http_resp *resp, int status,
    const char *title, const char *msg)
{
	struct buf *b = &resp->body;

	resp->status = status;
	html_page_begin(b, req, title, NULL);
	html_fmt(b, "<div class=\"narrow\">\n<h1>%s</h1>\n", title);
	web_error(b, msg);
	html_fmt(b, "<p><a href=\"/login\">%s</a></p>\n</div>\n",
	    _("Back to the login page"));
	html_page_end(b, req);
}

void
web_sso_buttons(struct buf *b, struct http_req *req, const char *next)
{
	struct sso_provider	*v;
	size_t			 n, i;

	if (req->ctx->conn == NULL || sso_provider_list(req->ctx, &v, &n) != 0 ||
	    n == 0)
		return;
	html_fmt(b, "<section class=\"sso stack\" aria-labelledby=\"sso-h\">"
	    "<h2 id=\"sso-h\">%s</h2>\n", _("Or log in with"));
	for (i = 0; i < n; i++)
		html_fmt(b, "<p><a class=\"button\" href=\"/login/sso/%D?next=%U\">"
		    "%s</a></p>\n", v[i].id, next, v[i].name);
	html_fmt(b, "</section>\n");
}

void
web_sso_begin(struct http_req *req, struct http_resp *resp)
{
	char		 state[SSO_STATE_LEN + 1];
	const char	*url, *next;
	int64_t		 id;

	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return;
	}
	next = web_local_next(http_qtext(req, SBQ_NEXT));
	switch (sso_begin(req->ctx, id, next, state, &url)) {
	case SSO_OK:
		break;
	case SSO_NO_PROVIDER:
		web_not_found(req, resp);
		return;
	case SSO_PROVIDER_DOWN:
		sso_page(req, resp, 502, _("Sign-in is not available"),
		    _("Orden cannot reach this sign-in service right now. "
		    "Try again in a while, or log in with your username and "
		    "password if you have one."));
		return;
	default:
		web_failed(req, resp);
		return;
	}
	state_cookie(req, resp, state);
	sodium_memzero(state, sizeof(state));
	resp->status = 303;
	http_header(resp, "Location", url);
	http_header(resp, "Cache-Control", "no-store");
}

/* After a good sign-in: the session and the page that moves on. */
static void
signed_in(struct http_req *req, struct http_resp *resp,
    const struct sso_done *d)
{
	struct ctx	*ctx = req->ctx;
	struct session	 sess;
	struct buf	*b = &resp->body;
	char		 token[AUTH_TOKEN_LEN + 1], idp[32];
	const char	*next = web_local_next(d->next);

	/* The second factor, unless the provider says it asked for one and
	 * the municipality trusts it to (the amr claim). */
	if (!d->mfa && web_totp_gate(req, resp, d->person_id, NULL, next, 1) != 0) {
		state_cookie(req, resp, NULL);
		return;
	}
	/* No whistleblowing key rides in this session: the provider never
	 * saw the person's own secret. /account/vault opens it. */
	if (auth_session_create(ctx, d->person_id, token, &sess) != 0) {
		web_failed(req, resp);
		return;
	}
	http_cookie(req, resp, AUTH_COOKIE, token, -1);
	sodium_memzero(token, sizeof(token));
	snprintf(idp, sizeof(idp), "%lld", (long long)d->provider_id);
	http_cookie(req, resp, SSO_IDP_COOKIE, idp, -1);
	state_cookie(req, resp, NULL);
	resp->status = 200;
	http_header(resp, "Cache-Control", "no-store");
	html_page_begin(b, req, _("Logged in"), NULL);
	html_fmt(b, "<meta http-equiv=\"refresh\" content=\"0;url=%H\">\n"
	    "<div class=\"narrow\">\n<h1>%s</h1>\n<p><a href=\"%H\">%s</a></p>\n"
	    "</div>\n", next, _("Logged in"), next, _("Continue"));
	html_page_end(b, req);
}

void
web_sso_callback(struct http_req *req, struct http_resp *resp)
{
	struct sso_done	d;

	switch (sso_finish(req->ctx, http_qtext(req, SCQ_STATE),
	    web_cookie(req, SSO_STATE_COOKIE), http_qtext(req, SCQ_CODE),
	    http_qtext(req, SCQ_ERROR), totp_needed, &d)) {
	case SSO_OK:
		signed_in(req, resp, &d);
		return;
	case SSO_BAD_STATE:
	case SSO_NO_PROVIDER:
		state_cookie(req, resp, NULL);
		sso_page(req, resp, 400, _("Sign-in expired"),
		    _("This sign-in has expired or was used already. Start "
		    "again from the login page."));
		return;
	case SSO_PROVIDER_DOWN:
		sso_page(req, resp, 502, _("Sign-in is not available"),
		    _("Orden cannot reach this sign-in service right now. "
		    "Try again in a while, or log in with your username and "
		    "password if you have one."));
		return;
	case SSO_DENIED:
		sso_page(req, resp, 403, _("Not signed in"),
		    _("The sign-in service did not sign you in. Start again "
		    "from the login page."));
		return;
	case SSO_TOKEN_INVALID:
		sso_page(req, resp, 403, _("Not signed in"),
		    _("The answer from the sign-in service could not be "
		    "verified, so Orden did not sign you in. Try again; if it "
		    "happens again, tell the municipality's administrator."));
		return;
	case SSO_UNKNOWN_PERSON:
		sso_page(req, resp, 403, _("No access to Orden"),
		    _("You signed in, but nobody in Orden matches your account. "
		    "Ask the municipality's administrator to add you."));
		return;
	default:
		web_failed(req, resp);
		return;
	}
}

int
web_sso_logout(struct http_req *req, struct http_resp *resp)
{
	struct buf	*b = &resp->body;
	const char	*idp = web_cookie(req, SSO_IDP_COOKIE), *url;
	char		*end;
	long long	 id;

	if (idp == NULL || *idp == '\0')
		return 0;
	http_cookie(req, resp, SSO_IDP_COOKIE, NULL, 0);
	id = strtoll(idp, &end, 10);
	if (*end != '\0' || id <= 0 ||
	    (url = sso_logout_url(req->ctx, (int64_t)id)) == NULL)
		return 0;
	resp->status = 200;
	html_page_begin(b, req, _("Logged out"), NULL);
	html_fmt(b, "<div class=\"narrow\">\n<h1>%s</h1>\n<p>%s</p>\n"
	    "<p><a class=\"button\" href=\"%H\">%s</a></p>\n"
	    "<p><a href=\"/login\">%s</a></p>\n</div>\n", _("Logged out"),
	    _("You have logged out of Orden. You are still signed in with the "
	    "municipality's sign-in service, which other services use too."),
	    url, _("Log out of the sign-in service too"),
	    _("Back to the login page"));
	html_page_end(b, req);
	return 1;
}

void
web_sso_admin(struct http_req *req, struct http_resp *resp)
{
	struct sso_provider	*v;
	struct buf		*b = &resp->body;
	const char		*why;
	size_t			 n, i;

	if (web_gate(req, resp, AZ_ADMIN_VIEW) != 0)
		return;
	if (sso_provider_list(req->ctx, &v, &n) != 0) {
		web_failed(req, resp);
		return;
	}
	html_page_begin(b, req, _("Sign-in services"), "admin_sso");
	html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", _("Sign-in services"),
	    _("Identity providers people can log in with. They are added and "
	    "removed with the command orden sso on the server."));
	if (n == 0) {
		html_fmt(b, "<p>%s</p>\n", _("None yet: people log in with "
		    "their username and password."));
		html_page_end(b, req);
		return;
	}
	html_fmt(b, "<div class=\"table-wrap\"><table>\n<caption>%s</caption>\n"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    _("Sign-in services"), _("Name"), _("Issuer"),
	    _("Matched by"), _("Unknown people"), _("Status"));
	for (i = 0; i < n; i++) {
		why = sso_last_error(v[i].issuer, req->ctx->arena);
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>",
		    v[i].name, v[i].issuer, sso_claim_name(v[i].claim),
		    v[i].create_unit_id > 0 ? _("created as employees") :
		    _("refused"));
		if (why != NULL)
			html_fmt(b, "<td class=\"error\">%s: %s</td></tr>\n",
			    _("Not working"), why);
		else
			html_fmt(b, "<td>%s</td></tr>\n", _("Working"));
	}
	html_fmt(b, "</tbody></table></div>\n");
	html_page_end(b, req);
}
