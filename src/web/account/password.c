/* web/account/password.c: changing one's own password (also the forced change after
 * an administrator has set a one-time password). */
#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/auth_input.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/log.h"
#include "vault/vault.h"
#include "web/account/retry.h"
#include "web/ui.h"
#include "web/web.h"

static const char *
field_msg(struct http_req *req, const char *field, const char *bad_field,
    const char *msg)
{
	if (bad_field != NULL)
		return strcmp(field, bad_field) == 0 ? msg : NULL;
	return web_field_error(req, field);
}

static void
password_render(struct http_req *req, struct http_resp *resp, int status,
    const char *bad_field, const char *msg)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	const char	*hint;
	int		 must;

	if ((must = web_must_change_password(ctx, ctx->user->id)) < 0) {
		web_failed(req, resp);
		return;
	}
	hint = arena_printf(ctx->arena,
	    _("At least %d characters. A few unrelated words make a good password."),
	    AUTH_PASSWORD_MIN);
	resp->status = status;
	html_page_begin(b, req, _("Change password"), "account_password");
	html_fmt(b, "<div class=\"narrow\">\n<h1>%s</h1>\n",
	    _("Change password"));
	if (status == 200 && http_qint(req, ASQ_SAVED, 0) && !must) {
		web_notice(b, _("Your password has been changed."));
		html_fmt(b, "<p><a href=\"/\">%s</a></p>\n", _("Go to the home page"));
	} else if (must)
		web_notice(b, _("Choose a new password of your own before you go on."));
	html_fmt(b, "<form method=\"post\" action=\"/account/password\" "
	    "class=\"stack\">\n");
	html_csrf(b, req);
	html_input(b, "current", _("Current password"), "password", NULL, 1,
	    field_msg(req, "current", bad_field, msg));
	html_input(b, "new", _("New password"), "password", NULL, 1,
	    field_msg(req, "new", bad_field, msg));
	if (hint != NULL)
		html_fmt(b, "<p class=\"hint\">%s</p>\n", hint);
	html_input(b, "repeat", _("Repeat the new password"), "password", NULL,
	    1, field_msg(req, "repeat", bad_field, msg));
	html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n</div>\n",
	    _("Change password"));
	html_page_end(b, req);
}

void
web_password_form(struct http_req *req, struct http_resp *resp)
{
	if (!web_can(req, AZ_HOME_VIEW)) {
		web_forbidden(req, resp);
		return;
	}
	password_render(req, resp, 200, NULL, NULL);
}

/* A wrong current password: counted for the login's delays and audited
 * as a failed login would be, durably. 0 or -1. */
static int
password_failed(struct ctx *ctx)
{
	if (db_begin(ctx->conn) != DB_OK)
		return -1;
	auth_throttle_fail(ctx, ctx->user->login, ctx->remote_addr);
	if (audit_append(ctx, "password_check_failed", "person", ctx->user->id,
	    NULL) != 0 || db_commit(ctx->conn) != DB_OK) {
		db_rollback(ctx->conn);
		return -1;
	}
	return 0;
}

static void
wipe_all(struct http_req *req)
{
	web_wipe_field(req, "current");
	web_wipe_field(req, "new");
	web_wipe_field(req, "repeat");
}

void
web_password(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	const char	*cur, *nw, *rep, *hash = NULL, *bad = NULL, *msg = NULL;
	char		 newhash[AUTH_HASH_MAX];
	unsigned char	 sk[VAULT_SK];
	int64_t		 wait;
	int		 ok = 0, vr;

	if (!web_can(req, AZ_HOME_VIEW)) {
		wipe_all(req);
		web_forbidden(req, resp);
		return;
	}
	if (req->form_error != NULL) {
		wipe_all(req);
		password_render(req, resp, 400, NULL, NULL);
		return;
	}
	cur = http_text(req, APF_CURRENT);
	nw = http_text(req, APF_NEW);
	rep = http_text(req, APF_REPEAT);
	/* The current password is guessed like a login (a session left open
	 * on a shared computer): the same delays, counted on the same login,
	 * so that neither form gives more tries than the other. */
	if ((wait = auth_throttle_wait(ctx, ctx->user->login,
	    ctx->remote_addr)) > 0) {
		wipe_all(req);
		password_render(req, resp, 429, "current",
		    web_retry_after(req, resp, wait));
		return;
	}
	if (org_password_get(ctx, ctx->user->id, &hash) != 0) {
		wipe_all(req);
		web_failed(req, resp);
		return;
	}
	if (!auth_password_verify(hash, cur)) {
		bad = "current";
		msg = _("The current password is not right.");
		if (password_failed(ctx) != 0) {
			wipe_all(req);
			web_failed(req, resp);
			return;
		}
	} else if (strlen(nw) < AUTH_PASSWORD_MIN) {
		bad = "new";
		msg = arena_printf(ctx->arena,
		    _("The new password must have at least %d characters."),
		    AUTH_PASSWORD_MIN);
	} else if (strcmp(nw, rep) != 0) {
		bad = "repeat";
		msg = _("The two new passwords are not the same.");
	} else if (strcmp(nw, cur) == 0) {
		bad = "new";
		msg = _("The new password must be different from the current one.");
	} else if (auth_password_hash(nw, newhash) == 0) {
		/* The whistleblowing secret key moves to the new password in
		 * the same transaction as the hash: a key left under the old
		 * password could never be opened again. A key that the current
		 * password does not open is already lost; it is dropped. */
		vr = vault_person_unlock(ctx, ctx->user->id, cur, sk);
		if ((vr == 0 || vr == VAULT_ERR_PASSWORD) &&
		    db_begin(ctx->conn) == DB_OK) {
			/* Whoever else had a session with the old password
			 * (perhaps the reason for changing it) is out. */
			if (org_password_set(ctx, ctx->user->id, newhash, 0) == 0 &&
			    (vr == 0 ?
			    vault_person_rewrap(ctx, ctx->user->id, sk, nw) :
			    vault_person_forget(ctx, ctx->user->id)) == 0 &&
			    auth_sessions_end(ctx, ctx->user->id,
			    req->session != NULL ? req->session->id : 0) >= 0 &&
			    db_commit(ctx->conn) == DB_OK)
				ok = 1;
			else
				db_rollback(ctx->conn);
		}
		if (!ok)
			log_event("vault_error", "op", "password_change", NULL);
		sodium_memzero(sk, sizeof(sk));
		sodium_memzero(newhash, sizeof(newhash));
		if (!ok) {
			wipe_all(req);
			web_failed(req, resp);
			return;
		}
	} else {
		wipe_all(req);
		web_failed(req, resp);
		return;
	}
	wipe_all(req);
	if (ok)
		auth_throttle_clear(ctx, ctx->user->login, ctx->remote_addr);
	if (!ok) {
		password_render(req, resp, 400, bad, msg != NULL ? msg :
		    _("Please check this field."));
		return;
	}
	http_redirect(resp, "/account/password?saved=1");
}
