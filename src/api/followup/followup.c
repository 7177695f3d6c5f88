/* api/followup/followup.c: the audit follow-up over JSON. Translation
 * only: reads ask followup/ (followup_right, followup_may_read), changes go through
 * followup_do, whose result becomes the status and body. */
#include "api/followup/followup_api.h"

#include <stdio.h>

#include <jansson.h>

#include "api/json.h"
#include "ctx.h"
#include "followup/followup.h"
#include "i18n/i18n.h"
#include "measure/measure.h"
#include "util/date.h"
#include "wheel/rule.h"

static json_t *
day_json(int64_t d)
{
	char iso[11];

	if (d < 0)
		return json_null();
	wheel_day_iso(d, iso);
	return json_string(iso);
}

static json_t *
report_json(const struct followup_report *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "title", json_string(r->title));
	json_object_set_new(o, "auditor", json_string(r->auditor));
	json_object_set_new(o, "report_on", day_json(r->report_on));
	json_object_set_new(o, "case_no", api_str_json(r->case_no));
	json_object_set_new(o, "status_due_on", day_json(r->status_due_on));
	json_object_set_new(o, "status_sent_on", day_json(r->status_sent_on));
	json_object_set_new(o, "late", json_boolean(r->late));
	json_object_set_new(o, "late_reason", api_str_json(r->late_reason));
	json_object_set_new(o, "recommendations_count", json_integer(r->nrecs));
	json_object_set_new(o, "closed_count", json_integer(r->nclosed));
	return o;
}

static json_t *
rec_json(const struct followup_rec *r)
{
	json_t	*o = json_object(), *ms = json_array();
	size_t	 i;

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "letter", json_string(r->letter));
	json_object_set_new(o, "text", json_string(r->text));
	json_object_set_new(o, "answer", api_str_json(r->answer));
	json_object_set_new(o, "status", json_string(followup_status_name(
	    (enum followup_status)r->status)));
	json_object_set_new(o, "status_note", api_str_json(r->status_note));
	json_object_set_new(o, "status_by", api_str_json(r->status_by));
	json_object_set_new(o, "status_at", api_time_json(r->status_at));
	json_object_set_new(o, "committee_view", api_str_json(r->committee_view));
	json_object_set_new(o, "committee_by", api_str_json(r->committee_by));
	json_object_set_new(o, "committee_at", api_time_json(r->committee_at));
	for (i = 0; i < r->nmeasures; i++) {
		const struct measure *m = &r->measures[i];

		json_array_append_new(ms, json_pack("{s:I, s:s, s:o, s:o, s:s, s:o, s:o}",
		    "id", (json_int_t)m->id, "text", m->text,
		    "responsible", api_str_json(m->responsible_name),
		    "due_at", api_time_json(m->due_at),
		    "status", measure_status_name(m->status),
		    "done_at", api_time_json(m->done_at),
		    "done_note", api_str_json(m->done_note)));
	}
	json_object_set_new(o, "measures", ms);
	return o;
}

static void
answer_detail(struct ctx *ctx, struct http_resp *resp, int64_t id, int status)
{
	struct followup_report	 r;
	struct followup_rec	*v;
	size_t			 n, i;
	json_t			*o, *a;

	if (followup_get(ctx, id, &r) != 0) {
		api_not_found(resp, _("No such audit report."));
		return;
	}
	if (followup_recs(ctx, id, &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	o = report_json(&r);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, rec_json(&v[i]));
	json_object_set_new(o, "recommendations", a);
	http_json(resp, status, o);
}

void
api_followup_list(struct http_req *req, struct http_resp *resp)
{
	struct followup_report	*v;
	size_t			 n, i;
	json_t			*a;

	if (!followup_right(req->ctx, FOLLOWUP_RIGHT_VIEW)) {
		api_forbidden(resp);
		return;
	}
	if (followup_list(req->ctx, &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, report_json(&v[i]));
	http_json(resp, 200, json_pack("{s:o}", "items", a));
}

/* The report named by the path, when ctx->user may read it (a measure's
 * responsible person reads its report too): 0 and *id, or -1 with the
 * refusal given (404 for no id, 403 for not theirs). */
static int
readable(struct http_req *req, struct http_resp *resp, int64_t *id)
{
	if (http_param_id(req, 0, id) != 0) {
		api_not_found(resp, _("No such audit report."));
		return -1;
	}
	if (!followup_may_read(req->ctx, *id)) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}

void
api_followup_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id;

	if (readable(req, resp, &id) != 0)
		return;
	answer_detail(req->ctx, resp, id, 200);
}

static void
answer(struct http_req *req, struct http_resp *resp,
    const struct followup_result *r, int status)
{
	switch (r->outcome) {
	case FR_OK:
		answer_detail(req->ctx, resp, r->report_id, status);
		return;
	case FR_NOT_FOUND:
		api_not_found(resp, _("No such audit report."));
		return;
	case FR_FORBIDDEN:
		api_forbidden(resp);
		return;
	case FR_INVALID:
		api_invalid_field(resp, r->field, r->why);
		return;
	case FR_CONFLICT:
		http_json_error(resp, 409, "conflict",
		    _("Not in this state: already done, or the deadline was not missed."),
		    NULL);
		return;
	default:
		api_store_error(resp);
	}
}

void
api_followup_create(struct http_req *req, struct http_resp *resp)
{
	struct followup_input	in;
	struct followup_result	r;

	followup_read(req->vals, &in);
	in.action = FA_CREATE;
	followup_do(req->ctx, 0, &in, &r);
	answer(req, resp, &r, 201);
}

void
api_followup_action(struct http_req *req, struct http_resp *resp)
{
	struct followup_input	in;
	struct followup_result	r;
	int64_t			id;

	if (http_param_id(req, 0, &id) != 0) {
		api_not_found(resp, _("No such audit report."));
		return;
	}
	followup_read(req->vals, &in);
	if (in.action == FA_CREATE)
		in.action = FA_MAX;
	followup_do(req->ctx, id, &in, &r);
	answer(req, resp, &r, 200);
}

int
api_gate_followup_manage(struct http_req *req, struct http_resp *resp)
{
	if (followup_right(req->ctx, FOLLOWUP_RIGHT_MANAGE))
		return 0;
	api_forbidden(resp);
	return -1;
}

int
api_gate_followup_view(struct http_req *req, struct http_resp *resp)
{
	struct followup_report	r;
	int64_t			id;

	if (readable(req, resp, &id) != 0)
		return -1;
	if (followup_get(req->ctx, id, &r) != 0) {
		api_not_found(resp, _("No such audit report."));
		return -1;
	}
	return 0;
}
