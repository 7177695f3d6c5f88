/* api/whistle/cases.c: the handler's side over the API: the cases I handle,
 * one case, and one action at a time.
 *
 * Only a current handler learns that a case exists: everyone else (the
 * accused, excluded party members, admin, quality, other leaders) gets 404,
 * the same as for a case that does not exist. A handler sees the metadata
 * with a bearer token or a session; the content opens only with a signed-in
 * session (it carries the person's secret key) and only after they have
 * declared that they are impartial. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "api/whistle/whistle_api.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "whistle/wb_input.h"

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

void
api_wb_cases(struct http_req *req, struct http_resp *resp)
{
	struct wb_case	*v;
	size_t		 n, i;
	int64_t		 limit = http_qint(req, WCQ_LIMIT, WB_PAGE_DEFAULT);
	char		 next[WB_CURSOR_MAX];
	json_t		*a;
	int		 rc;

	rc = whistle_cases_page(req->ctx, http_qtext(req, WCQ_AFTER), (size_t)limit,
	    &v, &n, next);
	if (rc == WB_ERR_INVALID) {
		http_json_error(resp, 400, "invalid_parameter",
		    _("after: not a cursor from this list's \"next\""), "after");
		return;
	}
	if (rc != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, api_wb_case_json(&v[i]));
	http_json(resp, 200, json_pack("{s:o, s:o}", "items", a, "next",
	    next[0] != '\0' ? json_string(next) : json_null()));
}

/* The case as its handler sees it: metadata, handlers and, when it could
 * be opened (opened != 0, c from whistle_case_open), the content and the
 * dated log. lock: why it stays closed, or NULL. concerns: who the case
 * concerns, for a handler who has not yet declared impartiality (borrowed,
 * or NULL). NULL on a store error. */
static json_t *
case_detail(struct ctx *ctx, const struct wb_case *c, int opened,
    const unsigned char sk[VAULT_SK], const char *lock, const char *lock_msg,
    json_t *concerns)
{
	struct wb_handler	*h;
	struct wb_event		*ev;
	size_t			 nh, ne, i;
	json_t			*o, *a, *events = json_null();

	if (whistle_case_handlers(ctx, c->id, &h, &nh) != 0)
		return NULL;
	if (opened) {
		if (whistle_events(ctx, c->id, sk, &ev, &ne) != 0)
			return NULL;
		events = json_array();
		for (i = 0; i < ne; i++)
			json_array_append_new(events, json_pack(
			    "{s:o, s:o, s:o, s:s, s:o}",
			    "at", api_time_json(ev[i].at),
			    "actor_id", ev[i].actor_id > 0 ?
			    json_integer(ev[i].actor_id) : json_null(),
			    "actor_name", str_or_null(ev[i].actor_name),
			    "type", ev[i].type ? ev[i].type : "",
			    "text", str_or_null(ev[i].text)));
	}
	o = api_wb_case_json(c);
	a = json_array();
	for (i = 0; i < nh; i++)
		json_array_append_new(a, json_pack("{s:I, s:o, s:o, s:o, s:b}",
		    "person_id", (json_int_t)h[i].person_id,
		    "name", str_or_null(h[i].name),
		    "basis", str_or_null(h[i].basis),
		    "impartial_at", api_time_json(h[i].impartial_at),
		    "sealed", h[i].sealed));
	json_object_set_new(o, "reporter_category",
	    json_string(wb_reporter_name(c->reporter_category)));
	json_object_set_new(o, "anonymous", json_boolean(c->anonymous));
	json_object_set_new(o, "on_behalf_of_others",
	    json_boolean(c->on_behalf_of_others));
	json_object_set_new(o, "has_account", json_boolean(c->has_account));
	json_object_set_new(o, "oral", json_boolean(c->oral));
	json_object_set_new(o, "meant_as_whistleblowing",
	    json_boolean(c->meant_as_whistleblowing));
	json_object_set_new(o, "outcome", str_or_null(c->outcome));
	json_object_set_new(o, "archive_ref", str_or_null(c->archive_ref));
	json_object_set_new(o, "exemption_basis", str_or_null(c->exemption_basis));
	json_object_set_new(o, "council_required", json_boolean(c->council_required));
	json_object_set_new(o, "accused_heard", json_boolean(c->accused_heard));
	json_object_set_new(o, "handlers", a);
	if (opened && c->content) {
		struct wb_report r = *c->content;

		/* The unit an anonymous reporter gave is for the leader it was
		 * routed to, not for every handler. */
		for (i = 0; i < nh && c->anonymous; i++)
			if (h[i].person_id == ctx->user->id &&
			    strcmp(h[i].basis, "leader") != 0 &&
			    strcmp(h[i].basis, "nearest_leader") != 0 &&
			    strcmp(h[i].basis, "leader_above") != 0)
				r.unit_id = 0;
		json_object_set_new(o, "content", api_wb_report_json(&r));
		json_object_set_new(o, "concerns", json_pack("{s:o, s:b}",
		    "name", str_or_null(r.accused_name != NULL ? r.accused_name :
		    r.accused_login), "confirmed", !c->accused_unconfirmed));
	} else {
		json_object_set_new(o, "content", json_null());
		json_object_set_new(o, "concerns", concerns != NULL ?
		    json_incref(concerns) : json_null());
	}
	json_object_set_new(o, "events", events);
	if (opened) {
		struct wb_attachment_info *att;
		size_t na;

		if (whistle_attachments(ctx, c->id, sk, &att, &na) != 0) {
			json_decref(o);
			return NULL;
		}
		a = json_array();
		for (i = 0; i < na; i++)
			json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:I, s:b, s:o}",
			    "id", (json_int_t)att[i].id, "name", att[i].name,
			    "content_type", att[i].content_type,
			    "size", (json_int_t)att[i].size,
			    "from_reporter", att[i].from_reporter,
			    "created_at", api_time_json(att[i].created_at)));
		json_object_set_new(o, "attachments", a);
	} else
		json_object_set_new(o, "attachments", json_null());
	json_object_set_new(o, "locked", lock == NULL ? json_null() :
	    json_pack("{s:s, s:s}", "code", lock, "message", lock_msg));
	return o;
}

/* Answer with the case as ctx->user now sees it. */
static void
case_answer(struct http_req *req, struct http_resp *resp, int64_t id)
{
	struct ctx	*ctx = req->ctx;
	struct wb_case	 c;
	unsigned char	 sk[VAULT_SK];
	const char	*lock = NULL, *msg = NULL;
	int		 opened = 0, rc;
	json_t		*o, *concerns = NULL;

	if (whistle_case_get(ctx, id, &c) != 0) {
		api_not_found(resp, _("No such case."));
		goto out;
	}
	if (api_wb_session_sk(req, sk) != 0) {
		lock = "session";
		msg = _("The content needs a signed-in session that holds "
		    "your key: sign in with your password, or, when a sign-in "
		    "service signed you in, open your vault at /account/vault. "
		    "An API token cannot open it.");
	} else if (!c.my_impartiality) {
		const char	*name;
		int		 confirmed;

		lock = "impartiality";
		msg = _("Declare whether you are impartial before the content "
		    "opens to you.");
		/* Whom it concerns, the name only: nobody can judge their
		 * own impartiality without it. */
		if ((rc = whistle_case_concerns(ctx, id, sk, &name,
		    &confirmed)) == 0)
			concerns = json_pack("{s:o, s:b}", "name",
			    str_or_null(name), "confirmed", confirmed);
		else if (rc != WB_ERR_LOCKED) {
			api_wb_error(resp, rc, NULL);
			goto out;
		}
	} else if ((rc = whistle_case_open(ctx, id, sk, &c)) == 0) {
		opened = 1;
	} else if (rc == WB_ERR_LOCKED) {
		lock = "key";
		msg = _("The case key has not been shared with you yet. It is "
		    "shared when a co-handler opens the case, or by the "
		    "operator with the municipality's recovery key.");
	} else {
		api_wb_error(resp, rc, NULL);
		goto out;
	}
	if ((o = case_detail(ctx, &c, opened, sk, lock, msg, concerns)) == NULL) {
		api_store_error(resp);
		goto out;
	}
	http_json(resp, 200, o);
out:
	json_decref(concerns);
	sodium_memzero(sk, sizeof(sk));
}

/* GET /api/v1/whistle/cases/{id}/attachments/{aid}: the bytes, as a
 * download that a browser never renders. */
void
api_wb_attachment(struct http_req *req, struct http_resp *resp)
{
	struct ctx			*ctx = req->ctx;
	struct wb_attachment_info	 att;
	struct wb_case			 c;
	unsigned char			 sk[VAULT_SK];
	static const char		 hex[] = "0123456789ABCDEF";
	struct buf			 cd;
	const unsigned char		*p;
	int64_t				 id, aid;
	int				 rc;

	/* whistle_case_get refuses whoever the case does not open to, as
	 * if it did not exist, before the key is asked for. */
	if (http_param_id(req, 0, &id) != 0 || http_param_id(req, 1, &aid) != 0 ||
	    whistle_case_get(ctx, id, &c) != 0) {
		api_not_found(resp, _("No such attachment."));
		return;
	}
	if (api_wb_session_sk(req, sk) != 0) {
		sodium_memzero(sk, sizeof(sk));
		api_wb_locked_session(resp);
		return;
	}
	rc = whistle_attachment_get(ctx, id, aid, sk, &att);
	sodium_memzero(sk, sizeof(sk));
	if (rc == WB_ERR_NOTFOUND || rc == WB_ERR_LOCKED) {
		api_not_found(resp, _("No such attachment."));
		return;
	}
	if (rc != 0) {
		api_wb_error(resp, rc, NULL);
		return;
	}
	buf_init(&cd, 2048);
	buf_puts(&cd, "attachment; filename*=UTF-8''");
	for (p = (const unsigned char *)att.name; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p) != NULL)
			buf_putc(&cd, (char)*p);
		else {
			buf_putc(&cd, '%');
			buf_putc(&cd, hex[*p >> 4]);
			buf_putc(&cd, hex[*p & 15]);
		}
	}
	resp->status = 200;
	resp->content_type = "application/octet-stream";
	http_header(resp, "Content-Disposition", buf_failed(&cd) ? "attachment" :
	    buf_cstr(&cd));
	buf_free(&cd);
	http_header(resp, "X-Content-Type-Options", "nosniff");
	http_header(resp, "Cache-Control", "no-store");
	buf_reset(&resp->body);
	if (att.size > 0 && buf_append(&resp->body, att.data, (size_t)att.size) != 0) {
		api_store_error(resp);
		return;
	}
	sodium_memzero((void *)att.data, (size_t)att.size);
}

void
api_wb_case(struct http_req *req, struct http_resp *resp)
{
	int64_t id;

	if (http_param_id(req, 0, &id) != 0) {
		api_not_found(resp, _("No such case."));
		return;
	}
	case_answer(req, resp, id);
}

static int
one_of(const char *s, const char *const *allowed)
{
	for (; *allowed != NULL; allowed++)
		if (strcmp(s, *allowed) == 0)
			return 1;
	return 0;
}

/* Check what each action cannot do without, so that a missing or wrong
 * field is named before the model is asked (its own check stays the last
 * word). NULL when fine; else the field, with *why. */
static const char *
action_check(const struct wb_action_input *in, const char **why)
{
	static const char *const kinds[] = { "investigation", "care", NULL };
	static const char *const outcomes[] = { "substantiated", "partly",
	    "not_substantiated", NULL };
	static const char *const decisions[] = { "administrative",
	    "personal_conduct", NULL };

	*why = _("is required for this action");
	switch (in->action) {
	case WA_RECUSE:
	case WA_NOT_WHISTLEBLOWING:
		return in->reason == NULL ? "reason" : NULL;
	case WA_LOG_STEP:
		if (in->kind == NULL || !one_of(in->kind, kinds)) {
			*why = _("must be investigation or care");
			return "kind";
		}
		return in->text == NULL ? "text" : NULL;
	case WA_ACCUSED_HEARD:
	case WA_MESSAGE:
		return in->text == NULL ? "text" : NULL;
	case WA_DECIDE:
		if (in->decision == NULL || !one_of(in->decision, decisions)) {
			*why = _("must be administrative or personal_conduct");
			return "decision";
		}
		return NULL;
	case WA_CONCLUDE:
		if (in->report == NULL)
			return "report";
		if (in->conclusion == NULL)
			return "conclusion";
		if (in->outcome == NULL || !one_of(in->outcome, outcomes)) {
			*why = _("must be substantiated, partly or "
			    "not_substantiated");
			return "outcome";
		}
		return NULL;
	case WA_ARCHIVE:
		return in->archive_ref == NULL ? "archive_ref" : NULL;
	case WA_SET_ACCUSED:
		return in->person_id <= 0 && in->accused_name == NULL ?
		    "person_id" : NULL;
	case WA_ADD_COHANDLER:
	case WA_REMOVE_COHANDLER:
		if (in->person_id <= 0)
			return "person_id";
		return in->reason == NULL ? "reason" : NULL;
	default:
		return NULL;
	}
}

void
api_wb_action(struct http_req *req, struct http_resp *resp)
{
	struct ctx			*ctx = req->ctx;
	struct wb_action_input		 in;
	struct wb_case			 c;
	unsigned char			 sk[VAULT_SK];
	const char			*err_field = NULL, *bad, *why, *step;
	int64_t				 id;
	int				 rc, needs_key;

	sodium_memzero(sk, sizeof(sk));
	if (http_param_id(req, 0, &id) != 0 || whistle_case_get(ctx, id, &c) != 0) {
		api_not_found(resp, _("No such case."));
		goto out;
	}
	wb_action_read(req->vals, &in, &step);
	if (in.action == WA_MAX) {
		api_wb_invalid(resp, "action", _("is not a known action"));
		goto out;
	}
	if (step != NULL &&
	    (api_time_parse(step, &in.step_at) != 0 || in.step_at > ctx->now)) {
		api_wb_invalid(resp, "step_at", _("must be an RFC 3339 time, "
		    "not in the future"));
		goto out;
	}
	if ((bad = action_check(&in, &why)) != NULL) {
		api_wb_invalid(resp, bad, why);
		goto out;
	}
	/* Declaring (im)partiality writes no content; everything else reads
	 * or writes it under the case key, which needs the person's key. */
	needs_key = in.action != WA_DECLARE_IMPARTIAL && in.action != WA_RECUSE;
	if (api_wb_session_sk(req, sk) != 0 && needs_key) {
		api_wb_locked_session(resp);
		goto out;
	}
	if ((rc = whistle_act(ctx, id, sk, &in, &err_field)) != 0) {
		api_wb_error(resp, rc, err_field);
		goto out;
	}
	if (in.action == WA_RECUSE) {
		/* They have left the case; it is no longer theirs to see. */
		http_json(resp, 200, json_pack("{s:I, s:b}", "id",
		    (json_int_t)id, "recused", 1));
		goto out;
	}
	case_answer(req, resp, id);
out:
	sodium_memzero(sk, sizeof(sk));
}
