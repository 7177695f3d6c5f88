/* web/totp/totp.c: the second step of a login, enrolment with a QR code
 * and recovery codes, and an administrator's reset. totp/ decides; this
 * file translates. The form needs no session CSRF token: it has no session
 * yet, and the ticket cookie is SameSite=Strict, so a cross-site post does
 * not carry it. */
#include "web/totp/totp.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "authz/authz.h"
#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "totp/totp.h"
#include "totp/totp_input.h"
#include "util/arena.h"
#include "util/log.h"
#include "vault/vault.h"
#include "web/account/retry.h"
#include "web/ui.h"
#include "web/web.h"

int
web_totp_gate(struct http_req *req, struct http_resp *resp, int64_t pid,
    const unsigned char *sk, const char *next, int cross_site)
{
	struct buf	*b = &resp->body;
	char		 t[AUTH_TOKEN_LEN + 1];
	int		 need;

	if ((need = totp_needed(req->ctx, pid)) == 0)
		return 0;
	if (need < 0 || totp_ticket_issue(req->ctx, pid, sk, next, t,
	    sizeof(t)) != 0) {
		web_failed(req, resp);
		return -1;
	}
	http_cookie(req, resp, TOTP_TICKET_COOKIE, t, TOTP_TICKET_TTL);
	sodium_memzero(t, sizeof(t));
	if (!cross_site) {
		http_redirect(resp, "/login/2fa");
		return 1;
	}
	resp->status = 200;
	http_header(resp, "Cache-Control", "no-store");
	html_page_begin(b, req, _("Second step"), NULL);
	html_fmt(b, "<meta http-equiv=\"refresh\" content=\"0;url=/login/2fa\">\n"
	    "<div class=\"narrow\">\n<h1>%s</h1>\n<p><a href=\"/login/2fa\">%s</a>"
	    "</p>\n</div>\n", _("Second step"), _("Continue"));
	html_page_end(b, req);
	return 1;
}

static void
render(struct http_req *req, struct http_resp *resp, int status, int64_t pid,
    const char *msg)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	struct person	 p;
	char		 b32[TOTP_B32_MAX];
	const char	*svg, *uri;
	int		 en;

	if ((en = totp_enabled(ctx, pid)) < 0 || org_person_get(ctx, pid, &p) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	http_header(resp, "Cache-Control", "no-store");
	html_page_begin(b, req, _("Second step"), NULL);
	html_fmt(b, "<div class=\"narrow\">\n<h1>%s</h1>\n", _("Second step"));
	if (msg != NULL)
		web_error(b, msg);
	if (!en) {
		if (totp_enrol_secret(ctx, pid, b32, sizeof(b32)) != 0 ||
		    (uri = totp_uri(ctx, p.login, b32)) == NULL ||
		    (svg = totp_qr_svg(ctx, uri, "qr-help")) == NULL) {
			sodium_memzero(b32, sizeof(b32));
			buf_reset(b);
			web_failed(req, resp);
			return;
		}
		html_fmt(b, "<p id=\"qr-help\">%s</p>\n<figure class=\"qr\">%R<figcaption>%s "
		    "<code>%s</code></figcaption></figure>\n",
		    _("Your account needs a second factor. Scan this code with an "
		    "authenticator app (for example Microsoft Authenticator or "
		    "FreeOTP), then type the six digits it shows."), svg,
		    _("Or type this key into the app:"), b32);
		sodium_memzero(b32, sizeof(b32));
	} else
		html_fmt(b, "<p>%s</p>\n", _("Type the six digits your "
		    "authenticator app shows, or one of your recovery codes."));
	html_fmt(b, "<form method=\"post\" action=\"/login/2fa\" class=\"stack\">\n");
	html_fmt(b, "<div class=\"field\"><label for=\"code\">%s</label>"
	    "<input id=\"code\" name=\"code\" type=\"text\" required "
	    "autocomplete=\"one-time-code\" autocapitalize=\"off\" "
	    "spellcheck=\"false\"></div>\n", _("Code"));
	html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n</div>\n",
	    _("Log in"));
	html_page_end(b, req);
}

void
web_totp_form(struct http_req *req, struct http_resp *resp)
{
	int64_t		 pid;
	const char	*next;
	int		 rc;

	rc = totp_ticket_peek(req->ctx, web_cookie(req, TOTP_TICKET_COOKIE),
	    &pid, &next);
	if (rc != 0) {
		if (rc < 0)
			web_failed(req, resp);
		else
			http_redirect(resp, "/login");
		return;
	}
	render(req, resp, 200, pid, NULL);
}

/* The recovery codes, once, after enrolment. */
static void
show_codes(struct http_req *req, struct http_resp *resp, const char *next,
    char codes[TOTP_RECOVERY_N][TOTP_RECOVERY_MAX])
{
	struct buf	*b = &resp->body;
	int		 i;

	resp->status = 200;
	http_header(resp, "Cache-Control", "no-store");
	html_page_begin(b, req, _("Recovery codes"), NULL);
	html_fmt(b, "<div class=\"narrow\">\n<h1>%s</h1>\n<p>%s</p>\n<ul class=\"codes\">",
	    _("Recovery codes"), _("Keep these ten codes somewhere safe, away "
	    "from your phone. Each works once instead of the app's code. They "
	    "are shown only now."));
	for (i = 0; i < TOTP_RECOVERY_N; i++)
		html_fmt(b, "<li><code>%s</code></li>", codes[i]);
	html_fmt(b, "</ul>\n<p><a class=\"button\" href=\"%H\">%s</a></p>\n</div>\n",
	    web_local_next(next), _("Continue"));
	html_page_end(b, req);
}

void
web_totp(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct session	 sess;
	char		 codes[TOTP_RECOVERY_N][TOTP_RECOVERY_MAX];
	char		 token[AUTH_TOKEN_LEN + 1];
	unsigned char	 sk[VAULT_SK];
	const char	*ticket = web_cookie(req, TOTP_TICKET_COOKIE), *next, *key, *code;
	int64_t		 pid, wait;
	int		 rc, en, has_sk = 0, must;

	memset(codes, 0, sizeof(codes));
	if ((rc = totp_ticket_peek(ctx, ticket, &pid, &next)) != 0) {
		if (rc < 0)
			web_failed(req, resp);
		else
			http_redirect(resp, "/login");
		goto wipe;
	}
	if (req->form_error != NULL) {
		render(req, resp, 400, pid, NULL);
		goto wipe;
	}
	code = http_text(req, TOF_CODE);
	key = arena_printf(ctx->arena, "totp:%lld", (long long)pid);
	if (key == NULL || (en = totp_enabled(ctx, pid)) < 0) {
		web_failed(req, resp);
		goto wipe;
	}
	if ((wait = auth_throttle_wait(ctx, key, ctx->remote_addr)) > 0) {
		render(req, resp, 429, pid, web_retry_after(req, resp, wait));
		goto wipe;
	}
	rc = en ? totp_check(ctx, pid, code) : totp_enrol_finish(ctx, pid, code, codes);
	if (rc < 0) {
		web_failed(req, resp);
		goto wipe;
	}
	if (rc == 1) {
		auth_throttle_fail(ctx, key, ctx->remote_addr);
		render(req, resp, 401, pid, _("That code is not right (or was "
		    "used already). Try the newest code."));
		goto wipe;
	}
	auth_throttle_clear(ctx, key, ctx->remote_addr);
	/* The ticket is used up now: one second step per login. */
	if (totp_ticket_take(ctx, ticket, &pid, &next, sk, &has_sk) != 0 ||
	    (must = web_must_change_password(ctx, pid)) < 0 ||
	    auth_session_create(ctx, pid, token, &sess) != 0) {
		web_failed(req, resp);
		goto wipe;
	}
	if (has_sk && auth_session_attach_secret(ctx, token, sk) != 0)
		log_event("vault_error", "op", "session_attach", NULL);
	http_cookie(req, resp, AUTH_COOKIE, token, -1);
	http_cookie(req, resp, TOTP_TICKET_COOKIE, NULL, 0);
	if (must)
		next = "/account/password";
	if (!en)
		show_codes(req, resp, next, codes);
	else
		http_redirect(resp, web_local_next(next));
wipe:
	sodium_memzero(token, sizeof(token));
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(codes, sizeof(codes));
	web_wipe_field(req, "code");
}

void
web_totp_reset(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct person	 p;
	int64_t		 id;
	int		 rc;

	if (http_param_id(req, 0, &id) != 0 || org_person_get(ctx, id, &p) != 0) {
		if (!web_can(req, AZ_SECOND_FACTOR_RESET))
			web_forbidden(req, resp);
		else
			web_not_found(req, resp);
		return;
	}
	if (!totp_reset_right(ctx, p.id, p.unit_id)) {
		web_forbidden(req, resp);
		return;
	}
	if ((rc = totp_reset(ctx, p.id)) < 0) {
		web_failed(req, resp);
		return;
	}
	http_redirect(resp, arena_printf(ctx->arena, "/admin/people/%lld",
	    (long long)p.id));
}
