/* web/sso/vault.c: opening one's whistleblowing key in a session that has
 * none (a sign-in by an identity provider, which never sees the secret
 * that wraps the key: docs/SECURITY.md, "The vault under single sign-on").
 *
 * The secret is the person's own: their Orden password when they have one
 * (then the key stays wrapped under it, as the password login expects), or
 * else a vault passphrase chosen here the first time. A wrong one counts
 * against the same growing delays as a wrong password. */
#include "web/sso/sso.h"

#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/auth_input.h"
#include "authz/authz.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/log.h"
#include "vault/vault.h"
#include "vault/vault_input.h"
#include "web/account/retry.h"
#include "web/ui.h"
#include "web/web.h"

enum vault_kind { VK_PASSWORD, VK_PASSPHRASE, VK_CHOOSE };

/* Which secret opens this person's key. -1 on a database error. */
static int
vault_kind(struct ctx *ctx, enum vault_kind *k, const char **hash)
{
	unsigned char pk[VAULT_PK];

	*hash = NULL;
	if (org_password_get(ctx, ctx->user->id, hash) != 0)
		return -1;
	if (*hash != NULL)
		*k = VK_PASSWORD;
	else
		*k = vault_person_public(ctx, ctx->user->id, pk) == 0 ?
		    VK_PASSPHRASE : VK_CHOOSE;
	return 0;
}

static int
session_has_key(struct http_req *req)
{
	unsigned char	 sk[VAULT_SK];
	const char	*tok = web_cookie(req, AUTH_COOKIE);
	int		 ok;

	ok = tok != NULL && auth_session_secret(req->ctx, tok, sk) == 0;
	sodium_memzero(sk, sizeof(sk));
	return ok;
}

static void
vault_render(struct http_req *req, struct http_resp *resp, int status,
    enum vault_kind k, const char *msg, const char *next)
{
	struct buf *b = &resp->body;

	resp->status = status;
	html_page_begin(b, req, _("Open your key"), NULL);
	html_fmt(b, "<div class=\"narrow\">\n<h1>%s</h1>\n<p>%s</p>\n",
	    _("Open your key"), _("Whistleblowing cases are encrypted. Your "
	    "key opens them, and only a secret that you alone know opens your "
	    "key: the sign-in service does not know it, and neither do the "
	    "administrators."));
	if (msg != NULL)
		web_error(b, msg);
	html_fmt(b, "<form method=\"post\" action=\"/account/vault\" class=\"stack\">\n");
	html_csrf(b, req);
	switch (k) {
	case VK_PASSWORD:
		html_input(b, "passphrase", _("Your Orden password"), "password",
		    NULL, 1, web_field_error(req, "passphrase"));
		break;
	case VK_PASSPHRASE:
		html_input(b, "passphrase", _("Your vault passphrase"), "password",
		    NULL, 1, web_field_error(req, "passphrase"));
		break;
	case VK_CHOOSE:
		html_fmt(b, "<p>%s</p>\n", _("Choose a vault passphrase of at "
		    "least 10 characters. You will be asked for it the first "
		    "time you open a case after signing in. Nobody can reset it "
		    "for you without your cases being shared with you anew."));
		html_input(b, "passphrase", _("New vault passphrase"), "password",
		    NULL, 1, web_field_error(req, "passphrase"));
		html_input(b, "confirm", _("The same passphrase again"),
		    "password", NULL, 1, web_field_error(req, "confirm"));
		break;
	}
	html_fmt(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n"
	    "<button type=\"submit\">%s</button>\n</form>\n</div>\n",
	    web_local_next(next), _("Open"));
	html_page_end(b, req);
}

void
web_vault_form(struct http_req *req, struct http_resp *resp)
{
	enum vault_kind	 k;
	const char	*hash, *next = web_local_next(http_qtext(req, AQF_NEXT));

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (session_has_key(req)) {
		http_redirect(resp, next);
		return;
	}
	if (vault_kind(req->ctx, &k, &hash) != 0) {
		web_failed(req, resp);
		return;
	}
	vault_render(req, resp, 200, k, NULL, next);
}

void
web_vault_open(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	enum vault_kind	 k;
	unsigned char	 sk[VAULT_SK];
	const char	*hash, *pp, *confirm, *next, *tok, *key, *msg;
	int64_t		 wait;
	int		 rc;

	next = web_local_next(http_text(req, VOF_NEXT));
	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		goto wipe;
	if (vault_kind(ctx, &k, &hash) != 0 ||
	    (tok = web_cookie(req, AUTH_COOKIE)) == NULL) {
		web_failed(req, resp);
		goto wipe;
	}
	if (req->form_error != NULL) {
		vault_render(req, resp, 400, k, NULL, next);
		goto wipe;
	}
	pp = http_text(req, VOF_PASSPHRASE);
	confirm = http_text(req, VOF_CONFIRM);
	key = arena_printf(ctx->arena, "vault:%lld", (long long)ctx->user->id);
	if (key == NULL) {
		web_failed(req, resp);
		goto wipe;
	}
	if ((wait = auth_throttle_wait(ctx, key, ctx->remote_addr)) > 0) {
		msg = web_retry_after(req, resp, wait);
		vault_render(req, resp, 429, k, msg, next);
		goto wipe;
	}
	if (k == VK_CHOOSE && (strlen(pp) < AUTH_PASSWORD_MIN ||
	    confirm == NULL || strcmp(pp, confirm) != 0)) {
		vault_render(req, resp, 400, k, strlen(pp) < AUTH_PASSWORD_MIN ?
		    _("The vault passphrase must have at least 10 characters.") :
		    _("The two passphrases differ."), next);
		goto wipe;
	}
	if (k == VK_PASSWORD && !auth_password_verify(hash, pp))
		rc = VAULT_ERR_PASSWORD;
	else {
		rc = vault_person_unlock(ctx, ctx->user->id, pp, sk);
		/* Password verified, but the key was wrapped under another
		 * secret: as at a password login, it is replaced (docs/SECURITY.md). */
		if (rc == VAULT_ERR_PASSWORD && k == VK_PASSWORD &&
		    vault_person_forget(ctx, ctx->user->id) == 0)
			rc = vault_person_unlock(ctx, ctx->user->id, pp, sk);
	}
	if (rc == VAULT_ERR_PASSWORD) {
		auth_throttle_fail(ctx, key, ctx->remote_addr);
		if (audit_append(ctx, "vault_open_failed", "person", ctx->user->id,
		    NULL) != 0)
			log_event("vault_error", "op", "audit", NULL);
		vault_render(req, resp, 401, k, k == VK_PASSWORD ?
		    _("Wrong password.") : _("Wrong vault passphrase."), next);
		goto wipe;
	}
	if (rc != 0 || auth_session_attach_secret(ctx, tok, sk) != 0 ||
	    audit_append(ctx, "vault_open", "person", ctx->user->id, NULL) != 0) {
		sodium_memzero(sk, sizeof(sk));
		web_failed(req, resp);
		goto wipe;
	}
	auth_throttle_clear(ctx, key, ctx->remote_addr);
	sodium_memzero(sk, sizeof(sk));
	http_redirect(resp, next);
wipe:
	web_wipe_field(req, "passphrase");
	web_wipe_field(req, "confirm");
}
