/* api/notify/mail.c: the e-mail choice of the caller (GET and PATCH
 * /api/v1/me/mail) and the administrator's outbox (GET
 * /api/v1/mail/outbox, POST /api/v1/mail/retry). Decisions are notify/'s
 * (mail.h); this file only translates. */
#include <string.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "notify/mail.h"
#include "notify/mail_input.h"

static json_t *
prefs_json(struct ctx *ctx, int mode, const char *lang)
{
	return json_pack("{s:s, s:o, s:b}", "mode",
	    mail_mode_name((enum mail_mode)mode), "lang",
	    lang != NULL && *lang != '\0' ? json_string(lang) : json_null(),
	    "has_address", ctx->user->email != NULL && *ctx->user->email != '\0');
}

void
api_mail_prefs(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	char		 lang[3];
	int		 mode;

	if (!mail_right(ctx, MAIL_RIGHT_PREFS)) {
		api_forbidden(resp);
		return;
	}
	if ((mode = mail_mode_get(ctx, ctx->user->id, lang)) < 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, prefs_json(ctx, mode, lang));
}

void
api_mail_prefs_update(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	enum mail_mode	 m;
	const char	*lang = NULL, *bad = NULL;
	char		 now[3];
	int		 rc;

	if (mail_pref_read(req, &m, &lang, &bad) != 0) {
		if (bad != NULL && strcmp(bad, "lang") == 0)
			http_json_error(resp, 400, "invalid_field",
			    _("lang: must be nb, nn or en"), "lang");
		else
			http_json_error(resp, 400, "invalid_field",
			    _("mode: must be now, digest or off"), "mode");
		return;
	}
	if ((rc = mail_mode_set(ctx, m, lang)) == MAIL_FORBIDDEN) {
		api_forbidden(resp);
		return;
	}
	if (rc != MAIL_OK) {
		api_store_error(resp);
		return;
	}
	if (mail_mode_get(ctx, ctx->user->id, now) < 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, prefs_json(ctx, (int)m, now));
}

void
api_mail_outbox(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct mail_overview	 o;
	char			 text[256];
	size_t			 i;
	int			 ok, rc;
	json_t			*a;

	if ((rc = mail_overview(ctx, &o)) == MAIL_FORBIDDEN) {
		api_forbidden(resp);
		return;
	}
	if (rc != MAIL_OK) {
		api_store_error(resp);
		return;
	}
	ok = mail_status(text, sizeof(text));
	a = json_array();
	for (i = 0; i < o.nfailures; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:I, s:s,"
		    " s:o, s:o}", "id", (json_int_t)o.failures[i].id,
		    "login", o.failures[i].login, "kind", o.failures[i].kind,
		    "tries", (json_int_t)o.failures[i].tries,
		    "error", o.failures[i].error,
		    "created_at", api_time_json(o.failures[i].created_at),
		    "failed_at", api_time_json(o.failures[i].failed_at)));
	http_json(resp, 200, json_pack("{s:{s:s, s:o}, s:I, s:I, s:I, s:o}",
	    "relay", "state", ok < 0 ? "off" : ok > 0 ? "ok" : "failing",
	    "error", ok == 0 ? json_string(text) : json_null(),
	    "pending", (json_int_t)o.pending, "sent", (json_int_t)o.sent,
	    "failed", (json_int_t)o.failed, "failures", a));
}

void
api_mail_retry(struct http_req *req, struct http_resp *resp)
{
	int rc;

	if ((rc = mail_retry_failed(req->ctx)) == MAIL_FORBIDDEN) {
		api_forbidden(resp);
		return;
	}
	if (rc < 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, json_pack("{s:i}", "retried", rc));
}
