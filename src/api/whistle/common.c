/* api/whistle/common.c: what every whistleblowing API handler shares: the
 * secret key from the session, the error answers, and the JSON shapes. */
#include <stdio.h>

#include <sodium.h>

#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "api/whistle/whistle_api.h"
#include "auth/auth.h"
#include "ctx.h"
#include "i18n/i18n.h"

int
api_wb_session_sk(struct http_req *req, unsigned char sk[VAULT_SK])
{
	const char *tok;

	sodium_memzero(sk, VAULT_SK);
	/* A bearer token never carries a key: only a password unlocks one,
	 * and it rides in the browser session made at that login. */
	if (req->ctx->via_token || req->session == NULL)
		return -1;
	if ((tok = http_req_cookie(req, AUTH_COOKIE)) == NULL)
		return -1;
	if (auth_session_secret(req->ctx, tok, sk) != 0) {
		sodium_memzero(sk, VAULT_SK);
		return -1;
	}
	return 0;
}

void
api_wb_locked_session(struct http_resp *resp)
{
	http_json_error(resp, 403, "locked", _("The content of a "
	    "whistleblowing case needs a signed-in session that holds your "
	    "key: sign in with your password, or, when a sign-in service "
	    "signed you in, open your vault at /account/vault. An API token "
	    "cannot open it."), NULL);
}

void
api_wb_invalid(struct http_resp *resp, const char *field, const char *why)
{
	char	msg[300];
	int	n;

	n = snprintf(msg, sizeof(msg), "%s: %s", field, why);
	http_json_error(resp, 400, "invalid_field",
	    n > 0 && (size_t)n < sizeof(msg) ? msg : why, field);
}

void
api_wb_error(struct http_resp *resp, int rc, const char *err_field)
{
	switch (rc) {
	case WB_ERR_INVALID:
		api_wb_invalid(resp, err_field ? err_field : "body",
		    _("is missing or not valid"));
		break;
	case WB_ERR_STATE:
		http_json_error(resp, 409, "conflict", _("The case's state "
		    "does not allow this action."), NULL);
		break;
	case WB_ERR_NOTFOUND:
		api_not_found(resp, _("No such case."));
		break;
	case WB_ERR_LOCKED:
		http_json_error(resp, 403, "locked", _("The case is locked "
		    "for you: declare that you are impartial first, or wait "
		    "until the case key has been shared with you."), NULL);
		break;
	case WB_ERR_NOHANDLER:
	case WB_ERR_NORECOVERY:
		/* Nothing was stored: better to say so than to keep a report
		 * nobody can receive. */
		http_json_error(resp, 503, "no_handler", _("The report could "
		    "not be received: nobody is set up to handle it. Nothing "
		    "was stored. Please contact the municipality another "
		    "way."), NULL);
		break;
	default:
		api_store_error(resp);
		break;
	}
}

static void
set_str(json_t *o, const char *key, const char *s)
{
	if (s != NULL)
		json_object_set_new(o, key, json_string(s));
}

json_t *
api_wb_report_json(const struct wb_report *r)
{
	json_t *o = json_object();

	set_str(o, "concerns", wb_concerns_name(r->concerns));
	set_str(o, "reporter_category", wb_reporter_name(r->reporter_category));
	set_str(o, "accused_login", r->accused_login);
	set_str(o, "accused_name", r->accused_name);
	set_str(o, "accused_party", r->accused_party);
	json_object_set_new(o, "about_nearest_leader",
	    json_boolean(r->about_nearest_leader));
	set_str(o, "direct_to", r->direct_to);
	set_str(o, "direct_reason", r->direct_reason);
	if (r->unit_id > 0)
		json_object_set_new(o, "unit_id", json_integer(r->unit_id));
	json_object_set_new(o, "anonymous", json_boolean(r->anonymous));
	json_object_set_new(o, "on_behalf_of_others",
	    json_boolean(r->on_behalf_of_others));
	json_object_set_new(o, "meant_as_whistleblowing",
	    json_boolean(r->meant_as_whistleblowing));
	set_str(o, "what", r->what);
	set_str(o, "why_censurable", r->why_censurable);
	set_str(o, "when", r->when);
	set_str(o, "where", r->where);
	set_str(o, "involved", r->involved);
	set_str(o, "reporter_name", r->reporter_name);
	set_str(o, "reporter_contact", r->reporter_contact);
	json_object_set_new(o, "oral", json_boolean(r->oral));
	return o;
}

json_t *
api_wb_view_json(const struct wb_reporter_view *v)
{
	json_t	*msgs = json_array();
	size_t	 i;

	for (i = 0; i < v->nmessages; i++)
		json_array_append_new(msgs, json_pack("{s:o, s:b, s:s}",
		    "at", api_time_json(v->messages[i].at),
		    "from_reporter", v->messages[i].from_reporter,
		    "text", v->messages[i].text ? v->messages[i].text : ""));
	/* Only what the reporter may know: never the outcome, the
	 * conclusion or the steps taken (seeds/004). */
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o}",
	    "id", (json_int_t)v->id,
	    "number", v->number ? v->number : "",
	    "state", v->state ? v->state : "received",
	    "received_at", api_time_json(v->received_at),
	    "content", v->content ? api_wb_report_json(v->content) : json_null(),
	    "messages", msgs);
}

int64_t
api_wb_due_at(const struct wb_case *c)
{
	switch (c->state) {
	case WB_RECEIVED:
		return c->ack_due_at;
	case WB_ACKNOWLEDGED:
	case WB_INVESTIGATING:
		return c->feedback_due_at;
	default:
		return 0;
	}
}

json_t *
api_wb_case_json(const struct wb_case *c)
{
	json_t *o;

	o = json_pack("{s:I, s:s, s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
	    "id", (json_int_t)c->id,
	    "number", c->number ? c->number : "",
	    "procedure", c->procedure,
	    "state", wb_state_name(c->state),
	    "due_at", api_time_json(api_wb_due_at(c)),
	    "received_at", api_time_json(c->received_at),
	    "ack_due_at", api_time_json(c->ack_due_at),
	    "feedback_due_at", api_time_json(c->feedback_due_at),
	    "acknowledged_at", api_time_json(c->acknowledged_at),
	    "closed_at", api_time_json(c->closed_at),
	    "my_impartiality", c->my_impartiality);
	if (o == NULL)
		return json_object();
	return o;
}
