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
#include "ctx.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/upload.h"
#include "whistle/wb_input.h"

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
	struct ctx	*ctx = req->ctx;
	const char	*bad;
	struct unit	 u;

	/* The module's table (whistle/wb_input.h), the form's too. */
	if ((bad = wb_report_read(req->vals, r)) != NULL) {
		api_wb_invalid(resp, bad, strcmp(bad, "concerns") == 0 ?
		    _("must be employee, chief_executive or elected") :
		    _("must be employee, hired, elected, student, patient, "
		    "trainee, conscript or other"));
		return -1;
	}
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
	if (r->oral && !whistle_right(ctx, WB_RIGHT_REGISTER_ORAL)) {
		http_json_error(resp, 403, "forbidden", _("Only a case handler "
		    "may register an oral report."), "oral");
		return -1;
	}
	/* 0 is the form's "I do not know"; here, as any id of no unit, it
	 * is refused. */
	if (req->vals[WRPF_UNIT_ID].present &&
	    org_unit_get(ctx, r->unit_id, &u) != 0) {
		api_wb_invalid(resp, "unit_id", _("no such unit"));
		return -1;
	}
	return attachments_parse(req, resp, r);
}

/* 400 for accused_party, naming the parties it may be: a client learns
 * them here, as the form shows them in its list. */
static void
party_invalid(struct ctx *ctx, struct http_resp *resp)
{
	const char	**v;
	struct buf	  b;
	size_t		  n = 0, i;

	buf_init(&b, 2048);
	if (whistle_parties(ctx, &v, &n) != 0)
		n = 0;
	buf_puts(&b, "accused_party: ");
	buf_puts(&b, _("is required when the report concerns an elected "
	    "official and accused_id is not given, and must be one of the "
	    "municipality's parties:"));
	for (i = 0; i < n; i++) {
		buf_puts(&b, i == 0 ? " " : ", ");
		buf_puts(&b, v[i]);
	}
	if (n == 0)
		buf_puts(&b, _(" (none is known yet)"));
	http_json_error(resp, 400, "invalid_field", buf_failed(&b) ?
	    _("is missing or not valid") : buf_cstr(&b), "accused_party");
	buf_free(&b);
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
	if (rc == WB_ERR_INVALID && err_field != NULL &&
	    strcmp(err_field, "accused_party") == 0) {
		party_invalid(ctx, resp);
		goto out;
	}
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
