/* api/whistle/report.c: taking a whistleblowing report over the API
 * (POST /api/v1/whistle/reports). Open to everyone: AML § 1-6 lets people
 * without an account (hired staff, students, patients, trainees) report.
 *
 * The answer never echoes what was written: a report's text goes into the
 * model, which encrypts it, and comes back only to those who may read it. */
#include <jansson.h>
#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "api/json.h"
#include "api/whistle/whistle_api.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/upload.h"

const struct field api_wb_report_fields[] = {
	{ "concerns", F_CODE, 1, 1, 32 },
	{ "reporter_category", F_CODE, 1, 1, 32 },
	{ "accused_id", F_INT, 0, 1, INT64_MAX },
	{ "accused_login", F_CODE, 0, 1, 64 },
	{ "accused_name", F_LINE, 0, 1, 200 },
	{ "about_nearest_leader", F_BOOL, 0, 0, 1 },
	{ "direct_to", F_CODE, 0, 1, 16 },
	{ "direct_reason", F_TEXT, 0, 1, 4000 },
	{ "unit_id", F_INT, 0, 1, INT64_MAX },
	{ "anonymous", F_BOOL, 0, 0, 1 },
	{ "on_behalf_of_others", F_BOOL, 0, 0, 1 },
	{ "meant_as_whistleblowing", F_BOOL, 0, 0, 1 },
	{ "what", F_TEXT, 1, 1, 20000 },
	{ "why_censurable", F_TEXT, 1, 1, 20000 },
	{ "when", F_LINE, 0, 0, 200 },
	{ "where", F_LINE, 0, 0, 200 },
	{ "involved", F_TEXT, 0, 0, 4000 },
	{ "reporter_name", F_LINE, 0, 1, 200 },
	{ "reporter_contact", F_LINE, 0, 1, 200 },
	{ "oral", F_BOOL, 0, 0, 1 },
	{ NULL, 0, 0, 0, 0 }
};

/* Text of a declared field, NULL when absent or empty. */
static const char *
text(struct http_req *req, const char *name)
{
	const struct field_value *v = http_val(req, name);

	return v != NULL && v->present && v->s != NULL && *v->s != '\0' ?
	    v->s : NULL;
}

static int
flag(struct http_req *req, const char *name, int dflt)
{
	const struct field_value *v = http_val(req, name);

	return v != NULL && v->present ? v->i != 0 : dflt;
}

/* "attachments": [{"name", "content_type", "data" (base64)}], decoded into
 * the arena by the shared parser (api_upload_parse). 0 (also when absent),
 * or -1 having answered 400 naming "attachments". */
static int
attachments_parse(struct http_req *req, struct http_resp *resp, struct wb_report *r)
{
	struct upload_file	*f;
	struct wb_attachment	*att;
	const char		*why = NULL;
	size_t			 i, n;

	if (req->body == NULL || strstr(req->body, "\"attachments\"") == NULL)
		return 0;
	if (api_upload_parse(req, "attachments", &f, &n, &why) != 0) {
		api_wb_invalid(resp, "attachments", why);
		return -1;
	}
	if (n == 0)
		return 0;
	if ((att = arena_alloc(req->ctx->arena, n * sizeof(*att))) == NULL) {
		api_wb_invalid(resp, "attachments", _("too large"));
		return -1;
	}
	for (i = 0; i < n; i++) {
		att[i].name = f[i].name;
		att[i].content_type = f[i].content_type;
		att[i].data = f[i].data;
		att[i].len = f[i].len;
	}
	r->attachments = att;
	r->nattachments = n;
	return 0;
}

/* Read and check the request into r. 0, or -1 having answered 400/403. */
static int
report_parse(struct http_req *req, struct http_resp *resp, struct wb_report *r)
{
	struct ctx			*ctx = req->ctx;
	const struct field_value	*v;
	struct unit			 u;

	memset(r, 0, sizeof(*r));
	if (wb_concerns_parse(http_val(req, "concerns")->s, &r->concerns) != 0) {
		api_wb_invalid(resp, "concerns",
		    _("must be employee, chief_executive or elected"));
		return -1;
	}
	if (wb_reporter_parse(http_val(req, "reporter_category")->s,
	    &r->reporter_category) != 0) {
		api_wb_invalid(resp, "reporter_category", _("must be employee, "
		    "hired, elected, student, patient, trainee, conscript or "
		    "other"));
		return -1;
	}
	/* A person picked from GET /api/v1/whistle/people; an id that is
	 * nobody's is taken like a name that matches nobody (no oracle). */
	if ((v = http_val(req, "accused_id")) != NULL && v->present)
		r->accused_id = v->i;
	r->accused_login = text(req, "accused_login");
	r->accused_name = text(req, "accused_name");
	r->about_nearest_leader = flag(req, "about_nearest_leader", 0);
	r->direct_to = text(req, "direct_to");
	r->direct_reason = text(req, "direct_reason");
	r->anonymous = flag(req, "anonymous", 0);
	r->on_behalf_of_others = flag(req, "on_behalf_of_others", 0);
	r->meant_as_whistleblowing = flag(req, "meant_as_whistleblowing", 1);
	r->what = text(req, "what");
	r->why_censurable = text(req, "why_censurable");
	r->when = text(req, "when");
	r->where = text(req, "where");
	r->involved = text(req, "involved");
	r->reporter_name = text(req, "reporter_name");
	r->reporter_contact = text(req, "reporter_contact");
	r->oral = flag(req, "oral", 0);

	if (r->what == NULL) {
		api_wb_invalid(resp, "what", _("is required"));
		return -1;
	}
	if (r->why_censurable == NULL) {
		api_wb_invalid(resp, "why_censurable", _("is required"));
		return -1;
	}
	if (r->direct_to != NULL) {
		if (strcmp(r->direct_to, "hr") != 0 &&
		    strcmp(r->direct_to, "finance") != 0) {
			api_wb_invalid(resp, "direct_to", _("must be hr or finance"));
			return -1;
		}
		if (r->concerns != WB_CONCERNS_EMPLOYEE) {
			api_wb_invalid(resp, "direct_to", _("is only for a "
			    "report that concerns a colleague"));
			return -1;
		}
		if (r->direct_reason == NULL) {
			api_wb_invalid(resp, "direct_reason", _("is required "
			    "when sending directly to HR or finance"));
			return -1;
		}
	}
	/* Someone who chose to be anonymous must not be identified by a
	 * name they typed out of habit: refuse rather than store it. */
	if (r->anonymous && r->reporter_name != NULL) {
		api_wb_invalid(resp, "reporter_name",
		    _("must be left out of an anonymous report"));
		return -1;
	}
	if (r->anonymous && r->reporter_contact != NULL) {
		api_wb_invalid(resp, "reporter_contact",
		    _("must be left out of an anonymous report"));
		return -1;
	}
	if (r->oral && (ctx->user == NULL ||
	    !authz_can(ctx, AZ_WB_REGISTER_ORAL, 0))) {
		http_json_error(resp, 403, "forbidden", _("Only a case handler "
		    "may register an oral report."), "oral");
		return -1;
	}
	if ((v = http_val(req, "unit_id"))->present) {
		if (org_unit_get(ctx, v->i, &u) != 0) {
			api_wb_invalid(resp, "unit_id", _("no such unit"));
			return -1;
		}
		r->unit_id = v->i;
	}
	return attachments_parse(req, resp, r);
}

void
api_wb_report(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct wb_report	 r;
	struct wb_receipt	 out;
	const char		*err_field = NULL, *state;
	json_t			*o;
	int			 rc;

	memset(&out, 0, sizeof(out));
	if (report_parse(req, resp, &r) != 0)
		return;
	/* An anonymous report from a signed-in person: the model keeps the
	 * reporter for routing only (they never handle it), links nothing to
	 * the account and stores neither their id nor their unit. */
	rc = whistle_report(ctx, &r, &out, &err_field);
	if (rc != 0) {
		api_wb_error(resp, rc, err_field);
		goto out;
	}
	state = wb_state_name(r.reporter_category == WB_REP_OTHER ?
	    WB_NOT_WHISTLEBLOWING : WB_RECEIVED);
	o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)out.id,
	    "number", out.number, "state", state);
	if (o == NULL) {
		api_store_error(resp);
		goto out;
	}
	if (out.procedure >= 1 && out.procedure <= 4)
		json_object_set_new(o, "procedure", json_integer(out.procedure));
	/* Shown this once; only its hash is kept. */
	if (out.code[0] != '\0')
		json_object_set_new(o, "receipt_code", json_string(out.code));
	http_header(resp, "Cache-Control", "no-store");
	http_json(resp, 201, o);
out:
	sodium_memzero(&out, sizeof(out));
}
