/* web/whistle/common.c: what the whistleblowing pages share: the double-submit
 * token of the public forms, the keys a request carries (the handler's
 * secret key from the session, the receipt session's case key), the
 * state badge and the menu's question "does this person handle cases?".
 *
 * Keys never outlive the handler that asked for them: every caller wipes
 * them with sodium_memzero before it returns. */
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "auth/auth.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "vault/vault.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/whistle/pages.h"
#include "whistle/whistle.h"

#define WB_CSRF_COOKIE		"orden_wb_csrf"
#define WB_CSRF_BYTES		24
#define WB_CSRF_MAX_AGE		(4 * 60 * 60)	/* time enough to write a report */
#define WB_RECEIPT_TOKEN_MAX	128

/* A token as we issue them: base64url without padding of WB_CSRF_BYTES. */
static int
token_well_formed(const char *s)
{
	size_t	i, n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (n != sodium_base64_ENCODED_LEN(WB_CSRF_BYTES,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

const char *
web_wb_csrf_token(struct http_req *req, struct http_resp *resp)
{
	unsigned char	 raw[WB_CSRF_BYTES];
	char		 tok[sodium_base64_ENCODED_LEN(WB_CSRF_BYTES,
			    sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	const char	*cur = web_cookie(req, WB_CSRF_COOKIE), *out;

	if (token_well_formed(cur))
		return cur;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(tok, sizeof(tok), raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out = arena_strdup(req->ctx->arena, tok);
	if (out != NULL)
		http_cookie(req, resp, WB_CSRF_COOKIE, out, WB_CSRF_MAX_AGE);
	return out;
}

void
web_wb_csrf_fields(struct buf *b, struct http_req *req, const char *tok)
{
	html_fmt(b, "<input type=\"hidden\" name=\"wb_csrf\" value=\"%s\">",
	    tok != NULL ? tok : "");
	html_csrf(b, req);
}

int
web_wb_csrf_ok(struct http_req *req)
{
	const char	*cookie, *sent, *sess;
	size_t		 n;

	cookie = web_cookie(req, WB_CSRF_COOKIE);
	sent = http_form(req, "wb_csrf");
	if (!token_well_formed(cookie) || sent == NULL)
		return 0;
	n = strlen(cookie);
	if (n != strlen(sent) || sodium_memcmp(cookie, sent, n) != 0)
		return 0;
	/* A logged-in person's form carries the session token as well: a
	 * form that names a session must name the right one. */
	sess = http_form(req, "csrf");
	if (sess != NULL && req->session != NULL &&
	    !auth_csrf_check(req->session, sess))
		return 0;
	return 1;
}

int
web_wb_secret(struct http_req *req, unsigned char sk[32])
{
	const char *tok;

	if (req->ctx == NULL || req->ctx->user == NULL || req->session == NULL)
		return -1;
	if ((tok = http_req_cookie(req, AUTH_COOKIE)) == NULL)
		return -1;
	if (auth_session_secret(req->ctx, tok, sk) != 0) {
		sodium_memzero(sk, 32);
		return -1;
	}
	return 0;
}

int
web_wb_receipt_session(struct http_req *req, int64_t *case_id,
    unsigned char key[32])
{
	const char *tok = http_req_cookie(req, WEB_WB_RECEIPT_COOKIE);

	if (tok == NULL || tok[0] == '\0' || strlen(tok) > WB_RECEIPT_TOKEN_MAX)
		return -1;
	if (whistle_receipt_resume(req->ctx, tok, case_id, key) != 0) {
		sodium_memzero(key, 32);
		return -1;
	}
	return 0;
}

void
web_wb_state_tag(struct buf *b, int state)
{
	const char *cls;

	switch (state) {
	case WB_RECEIVED:
		cls = "st-new";
		break;
	case WB_CLOSED:
	case WB_NOT_WHISTLEBLOWING:
		cls = "st-closed";
		break;
	default:
		cls = "st-progress";
		break;
	}
	html_fmt(b, "<span class=\"status %s\">%s</span>", cls,
	    web_wb_state_label((enum wb_state)state));
}

int
web_wb_has_cases(struct ctx *ctx)
{
	struct wb_case	*cases = NULL;
	size_t		 n = 0;
	char		 next[WB_CURSOR_MAX];

	if (ctx == NULL || ctx->user == NULL || ctx->conn == NULL)
		return 0;
	if (whistle_right(ctx, WB_RIGHT_REGISTER_ORAL))
		return 1;
	if (whistle_cases_page(ctx, NULL, 1, &cases, &n, next) != 0)
		return 0;
	return n > 0;
}
