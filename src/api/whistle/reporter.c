/* api/whistle/reporter.c: the whistleblower's side over the API. A reporter
 * without an account follows the case with a receipt code, which opens a
 * short session (cookie orden_receipt) limited to that one report; a
 * reporter with an account follows their own non-anonymous reports from
 * their signed-in session. Either way they see what they wrote, the state
 * as they may know it, and the messages both ways: never the outcome. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "api/json.h"
#include "api/whistle/whistle_api.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "whistle/wb_input.h"

/* The receipt session of this request: 0 with *case_id and key, or -1. */
static int
receipt_session(struct http_req *req, int64_t *case_id,
    unsigned char key[VAULT_KEY])
{
	const char *tok = http_req_cookie(req, WB_RECEIPT_COOKIE);

	if (tok == NULL || *tok == '\0')
		return -1;
	if (whistle_receipt_resume(req->ctx, tok, case_id, key) != 0) {
		sodium_memzero(key, VAULT_KEY);
		return -1;
	}
	return 0;
}

void
api_wb_receipt(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct wb_reporter_view	 v;
	unsigned char		 key[VAULT_KEY];
	char			 token[64], retry[32];
	int64_t			 retry_after = 0, case_id = 0;
	int			 rc;

	memset(token, 0, sizeof(token));
	rc = whistle_receipt_login(ctx, wb_receipt_read(req->vals),
	    token, &retry_after);
	if (rc == -2) {
		snprintf(retry, sizeof(retry), "%lld",
		    (long long)(retry_after > 0 ? retry_after : 1));
		http_header(resp, "Retry-After", retry);
		/* When to come back, in seconds as in Retry-After. */
		if (retry_after < 1)
			retry_after = 1;
		http_json_error(resp, 429, "throttled", arena_printf(ctx->arena,
		    ngettext("Too many failed attempts. Try again in %d second.",
		    "Too many failed attempts. Try again in %d seconds.",
		    (unsigned long)retry_after), (int)retry_after), NULL);
		goto out;
	}
	if (rc == -1) {
		/* One answer for every kind of wrong: unknown handle, wrong
		 * secret, malformed, closed case. */
		http_json_error(resp, 401, "unauthorized",
		    _("The receipt code is not valid."), "receipt_code");
		goto out;
	}
	if (rc != 0) {
		api_store_error(resp);
		goto out;
	}
	http_cookie(req, resp, WB_RECEIPT_COOKIE, token, -1);
	if (whistle_receipt_resume(ctx, token, &case_id, key) == 0 &&
	    whistle_reporter_view(ctx, case_id, key, &v) == 0)
		http_json(resp, 200, api_wb_view_json(&v));
	else
		http_json(resp, 200, json_object());
out:
	sodium_memzero(token, sizeof(token));
	sodium_memzero(key, sizeof(key));
}

void
api_wb_mine(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct wb_reporter_view	 v, *mine = NULL;
	unsigned char		 key[VAULT_KEY], sk[VAULT_SK];
	int64_t			 case_id = 0;
	size_t			 n = 0, i;
	json_t			*a = NULL;
	int			 by_receipt, by_account;

	by_receipt = receipt_session(req, &case_id, key) == 0;
	by_account = ctx->user != NULL && api_wb_session_sk(req, sk) == 0;
	if (!by_receipt && !by_account) {
		if (ctx->user != NULL)
			api_wb_locked_session(resp);
		else
			http_json_error(resp, 401, "unauthorized", _("Sign in, "
			    "or use your receipt code again."), NULL);
		goto out;
	}
	a = json_array();
	if (by_receipt) {
		if (whistle_reporter_view(ctx, case_id, key, &v) != 0) {
			api_store_error(resp);
			goto out;
		}
		json_array_append_new(a, api_wb_view_json(&v));
	}
	if (by_account) {
		if (whistle_reporter_cases(ctx, sk, &mine, &n) != 0) {
			api_store_error(resp);
			goto out;
		}
		for (i = 0; i < n; i++)
			if (!by_receipt || mine[i].id != case_id)
				json_array_append_new(a, api_wb_view_json(&mine[i]));
	}
	http_json(resp, 200, a);
	a = NULL;
out:
	json_decref(a);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(sk, sizeof(sk));
}

int
api_gate_wb_reporter(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	unsigned char	 key[VAULT_KEY], sk[VAULT_SK];
	int64_t		 id, case_id = 0;
	int		 rc = -1;

	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(key, sizeof(key));
	if (http_param_id(req, 0, &id) != 0)
		api_not_found(resp, _("No such case."));
	else if (receipt_session(req, &case_id, key) == 0 && case_id == id)
		rc = 0;
	else if (ctx->user != NULL && ctx->via_token)
		api_wb_locked_session(resp);
	else if (ctx->user != NULL && api_wb_session_sk(req, sk) == 0 &&
	    whistle_reporter_key(ctx, id, sk, key) == 0)
		rc = 0;
	else
		api_not_found(resp, _("No such case."));
	sodium_memzero(key, sizeof(key));
	sodium_memzero(sk, sizeof(sk));
	return rc;
}

void
api_wb_message(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct wb_reporter_view	 v;
	unsigned char		 key[VAULT_KEY], sk[VAULT_SK];
	int64_t			 id, case_id = 0;
	int			 ok = 0, rc;

	sodium_memzero(sk, sizeof(sk));
	if (http_param_id(req, 0, &id) != 0) {
		api_not_found(resp, _("No such case."));
		goto out;
	}
	if (receipt_session(req, &case_id, key) == 0 && case_id == id)
		ok = 1;
	else if (ctx->user != NULL && ctx->via_token) {
		/* Said the same for every case: it reveals nothing. */
		api_wb_locked_session(resp);
		goto out;
	} else if (ctx->user != NULL && api_wb_session_sk(req, sk) == 0 &&
	    whistle_reporter_key(ctx, id, sk, key) == 0)
		ok = 1;
	if (!ok) {
		api_not_found(resp, _("No such case."));
		goto out;
	}
	rc = whistle_reporter_message(ctx, id, key, wb_message_read(req->vals));
	if (rc != 0) {
		api_wb_error(resp, rc, "text");
		goto out;
	}
	if (whistle_reporter_view(ctx, id, key, &v) != 0) {
		api_store_error(resp);
		goto out;
	}
	http_json(resp, 201, api_wb_view_json(&v));
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(sk, sizeof(sk));
}
