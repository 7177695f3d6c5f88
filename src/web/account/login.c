/* web/account/login.c: logging in and out.
 *
 * The login form has no session yet, so the session CSRF check cannot
 * cover it; it carries a double-submit token instead: a random value set
 * as a SameSite=Strict cookie when the form is shown and repeated in a
 * hidden field. A cross-site page can post the field but cannot make the
 * browser send the cookie, so it cannot log a victim in to its own account. */
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/auth_input.h"
#include "ctx.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/contact.h"
#include "store/store.h"
#include "totp/totp.h"
#include "util/arena.h"
#include "util/log.h"
#include "vault/vault.h"
#include "web/account/retry.h"
#include "web/sso/sso.h"
#include "web/totp/totp.h"
#include "web/ui.h"
#include "web/web.h"

#define LOGIN_CSRF_COOKIE	"orden_login_csrf"
#define LOGIN_CSRF_BYTES	24
#define LOGIN_CSRF_MAX_AGE	(2 * 60 * 60)

/* After a good password: the person's whistleblowing secret key, unlocked
 * with the password (made the first time). A key wrapped under some other
 * password (set by a path that could not rewrap it) can never open again:
 * it is replaced, and case keys reach the new one through a co-handler or
 * the recovery key (docs/SECURITY.md). 1 with sk set, 0 when the login goes
 * on without a key (logged; deviations and the rest still work). */
static int
login_unlock(struct ctx *ctx, int64_t person_id, const char *pw,
    unsigned char sk[VAULT_SK])
{
	int rc;

	rc = vault_person_unlock(ctx, person_id, pw, sk);
	if (rc == VAULT_ERR_PASSWORD) {
		log_event("vault_rekey", "person", arena_printf(ctx->arena, "%lld",
		    (long long)person_id), NULL);
		if (vault_person_forget(ctx, person_id) == 0)
			rc = vault_person_unlock(ctx, person_id, pw, sk);
	}
	if (rc != 0) {
		sodium_memzero(sk, VAULT_SK);
		log_event("vault_error", "op", "login_unlock", NULL);
		return 0;
	}
	return 1;
}


/* A fresh double-submit token: set as a cookie, returned for the form
 * (arena). NULL when the arena is exhausted. */
static const char *
login_csrf_issue(struct http_req *req, struct http_resp *resp)
{
	unsigned char	 raw[LOGIN_CSRF_BYTES];
	char		 tok[sodium_base64_ENCODED_LEN(LOGIN_CSRF_BYTES,
			    sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	const char	*out;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(tok, sizeof(tok), raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out = arena_strdup(req->ctx->arena, tok);
	if (out != NULL)
		http_cookie(req, resp, LOGIN_CSRF_COOKIE, out, LOGIN_CSRF_MAX_AGE);
	return out;
}

/* 1 when the submitted token matches the cookie (constant time). */
static int
login_csrf_ok(struct http_req *req)
{
	const char	*cookie, *sent;
	size_t		 n;

	cookie = web_cookie(req, LOGIN_CSRF_COOKIE);
	sent = http_text(req, ALF_LOGIN_CSRF);
	if (cookie == NULL || sent == NULL)
		return 0;
	n = strlen(cookie);
	return n > 0 && n == strlen(sent) &&
	    sodium_memcmp(cookie, sent, n) == 0;
}

/* "Forgot your password?": until Orden can send e-mail, whom to ask (the
 * municipality's own text, set on /admin/accounts, or a sensible default).
 * A <details> opens without JavaScript. */
static void
login_forgot(struct http_req *req, struct buf *b)
{
	const char *contact = NULL;

	if (req->ctx->conn == NULL || org_admin_contact_get(req->ctx,
	    &contact) != 0)
		contact = NULL;
	html_fmt(b, "<details class=\"forgot\"><summary>%s</summary>\n",
	    _("Forgot your password?"));
	if (contact != NULL)
		html_fmt(b, "<p>%s</p>\n<p class=\"contact\">%s</p>\n",
		    _("Ask for a one-time password, which you change when you "
		    "log in:"), contact);
	else
		html_fmt(b, "<p>%s</p>\n", _("Ask your leader or the "
		    "municipality's administrator for a one-time password, "
		    "which you change when you log in."));
	html_fmt(b, "<p><a href=\"/password/forgot\">%s</a></p>\n",
	    _("Get a link by e-mail to set a new password"));
	html_fmt(b, "</details>\n");
}

/* The form; msg is a form-level message (already translated) or NULL. */
static void
login_render(struct http_req *req, struct http_resp *resp, int status,
    const char *msg, const char *login, const char *next)
{
	struct buf	*b = &resp->body;
	const char	*tok;

	if ((tok = login_csrf_issue(req, resp)) == NULL) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	html_page_begin(b, req, _("Log in"), NULL);
	html_fmt(b, "<div class=\"narrow\">\n<h1>%s</h1>\n", _("Log in"));
	if (msg != NULL)
		web_error(b, msg);
	html_fmt(b, "<form method=\"post\" action=\"/login\" class=\"stack\">\n");
	html_input_ac(b, "login", _("Username"), "text", login, 1,
	    web_field_error(req, "login"), "username");
	html_input(b, "password", _("Password"), "password", NULL, 1,
	    web_field_error(req, "password"));
	html_fmt(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"login_csrf\" value=\"%s\">\n"
	    "<button type=\"submit\">%s</button>\n</form>\n",
	    web_local_next(next), tok, _("Log in"));
	web_sso_buttons(b, req, web_local_next(next));
	login_forgot(req, b);
	html_fmt(b, "</div>\n");
	html_page_end(b, req);
}

void
web_login_form(struct http_req *req, struct http_resp *resp)
{
	const char *next = web_local_next(http_qtext(req, AQF_NEXT));

	if (req->ctx->user != NULL) {
		http_redirect(resp, next);
		return;
	}
	login_render(req, resp, 200, NULL, NULL, next);
}

void
web_login(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct session		 sess;
	char			 token[AUTH_TOKEN_LEN + 1];
	const char		*login, *pw, *next, *msg;
	unsigned char		 sk[VAULT_SK];
	int64_t			 person_id = 0, retry_after = 0;
	enum auth_result	 r;
	int			 must, has_sk = 0;

	if (req->form_error != NULL) {
		web_wipe_field(req, "password");
		login_render(req, resp, 400, NULL, http_form(req, "login"),
		    http_form(req, "next"));
		return;
	}
	login = http_text(req, ALF_LOGIN);
	pw = http_text(req, ALF_PASSWORD);
	next = web_local_next(http_text(req, ALF_NEXT));
	if (!login_csrf_ok(req)) {
		web_wipe_field(req, "password");
		login_render(req, resp, 403, _("The login form had expired. "
		    "Please try again."), login, next);
		return;
	}

	r = auth_login(ctx, login, pw, totp_needed, &person_id, &retry_after);
	if (r == AUTH_OK)
		has_sk = login_unlock(ctx, person_id, pw, sk);
	web_wipe_field(req, "password");
	switch (r) {
	case AUTH_OK:
		break;
	case AUTH_BAD:
		login_render(req, resp, 401,
		    _("Wrong username or password."), login, next);
		return;
	case AUTH_THROTTLED:
		msg = web_retry_after(req, resp, retry_after);
		login_render(req, resp, 429, msg, login, next);
		return;
	default:
		web_failed(req, resp);
		return;
	}

	/* A second factor, when the person needs one, before any session. */
	if ((must = web_totp_gate(req, resp, person_id, has_sk ? sk : NULL,
	    next, 0)) != 0) {
		sodium_memzero(sk, sizeof(sk));
		if (must > 0)
			http_cookie(req, resp, LOGIN_CSRF_COOKIE, NULL, 0);
		return;
	}
	must = web_must_change_password(ctx, person_id);
	if (must < 0 || auth_session_create(ctx, person_id, token, &sess) != 0) {
		sodium_memzero(sk, sizeof(sk));
		web_failed(req, resp);
		return;
	}
	/* Without its key the session still works for everything else;
	 * whistleblowing pages then say the case cannot be opened. */
	if (has_sk && auth_session_attach_secret(ctx, token, sk) != 0)
		log_event("vault_error", "op", "session_attach", NULL);
	sodium_memzero(sk, sizeof(sk));
	http_cookie(req, resp, AUTH_COOKIE, token, -1);
	sodium_memzero(token, sizeof(token));
	http_cookie(req, resp, LOGIN_CSRF_COOKIE, NULL, 0);
	http_redirect(resp, must ? "/account/password" : next);
}

void
web_logout(struct http_req *req, struct http_resp *resp)
{
	const char *token = web_cookie(req, AUTH_COOKIE);

	if (token != NULL)
		auth_session_destroy(req->ctx, token);
	http_cookie(req, resp, AUTH_COOKIE, NULL, 0);
	/* Signed in by an identity provider: offer its logout too. */
	if (web_sso_logout(req, resp))
		return;
	http_redirect(resp, "/login");
}
