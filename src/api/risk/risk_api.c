/* api/risk/risk_api.c: risk assessments over the API. Every change goes
 * through risk_do (risk/gate.c), whose result code becomes the status:
 * 404 not visible, 403 visible but not yours, 400 a field (named), 409
 * a conflict, 201/200 done. */
#include "api/risk/risk_api.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "measure/measure.h"
#include "risk/risk.h"
#include "util/date.h"

static json_t *
day_json(int64_t t)
{
	char k[DATE_KEY_MAX];

	if (t == 0 || date_key(t, DATE_DAY, k) != 0)
		return json_null();
	return json_string(k);
}

static json_t *
score_json(int v)
{
	return v > 0 ? json_integer(v) : json_null();
}

static json_t *
assessment_json(const struct risk_assessment *a)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:i}",
	    "id", (json_int_t)a->id,
	    "unit_id", (json_int_t)a->unit_id,
	    "unit_name", a->unit_name != NULL ? a->unit_name : "",
	    "title", a->title,
	    "scope", risk_scope_name(a->scope),
	    "scope_id", a->scope_id > 0 ? json_integer(a->scope_id) : json_null(),
	    "scope_text", api_str_json(a->scope_text),
	    "assessed_on", day_json(a->assessed_on),
	    "participants", api_str_json(a->participants),
	    "review_due", day_json(a->review_due),
	    "risk_count", a->nrisks);
}

static json_t *
risk_json(const struct risk *r)
{
	return json_pack("{s:I, s:I, s:s, s:o, s:o, s:o, s:i, s:i, s:i, s:o, s:o, s:o, s:i}",
	    "id", (json_int_t)r->id,
	    "assessment_id", (json_int_t)r->assessment_id,
	    "description", r->description,
	    "cause", api_str_json(r->cause),
	    "consequence", api_str_json(r->consequence),
	    "barriers", api_str_json(r->barriers),
	    "probability", r->probability,
	    "impact", r->impact,
	    "score", r->probability * r->impact,
	    "residual_probability", score_json(r->res_probability),
	    "residual_impact", score_json(r->res_impact),
	    "reviewed_at", api_time_json(r->reviewed_at),
	    "review_deviations", r->review_deviations);
}

/* cells[p-1][c-1]: probability by row, consequence by column. */
static json_t *
matrix_json(const struct risk *v, size_t n)
{
	struct risk_matrix	 m;
	json_t			*rows, *row;
	int			 p, c;

	risk_matrix_count(v, n, &m);
	if ((rows = json_array()) == NULL)
		return NULL;
	for (p = 0; p < RISK_SCALE; p++) {
		row = json_array();
		for (c = 0; c < RISK_SCALE; c++)
			json_array_append_new(row, json_integer(m.cell[p][c]));
		json_array_append_new(rows, row);
	}
	return json_pack("{s:o, s:i}", "cells", rows, "total", m.total);
}

/* 0 when the result is RISK_OK; else the answer is given. */
static int
answer_fail(struct http_resp *resp, const struct risk_result *res,
    const char *what)
{
	switch (res->outcome) {
	case RISK_OK:
		return 0;
	case RISK_NOT_FOUND:
		api_not_found(resp, what);
		break;
	case RISK_FORBIDDEN:
		api_forbidden(resp);
		break;
	case RISK_INVALID:
		api_invalid_field(resp, res->field, res->why);
		break;
	case RISK_CONFLICT:
		http_json_error(resp, 409, "conflict",
		    _("That is done already."), NULL);
		break;
	case RISK_FAILED:
		api_store_error(resp);
		break;
	}
	return -1;
}

int
api_risk_answer(struct http_resp *resp, const struct risk_result *res,
    const char *what)
{
	return answer_fail(resp, res, what);
}

/* o (NULL: it could not be made) as the answer with status. */
static void
answer_json(struct http_resp *resp, int status, json_t *o)
{
	if (o == NULL)
		api_store_error(resp);
	else
		http_json(resp, status, o);
}

void
api_risk_assessments(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct risk_assessment	*a;
	struct risk		*r;
	size_t			 na, nr, i;
	long long		 unit;
	json_t			*list;

	if (!risk_right(ctx, RISK_RIGHT_VIEW)) {
		api_forbidden(resp);
		return;
	}
	unit = (long long)http_qint(req, RISKQ_UNIT_ID, 0);
	if (risk_assessment_list(ctx, (int64_t)unit, &a, &na) != 0 ||
	    risk_list(ctx, 0, (int64_t)unit, &r, &nr) != 0) {
		api_store_error(resp);
		return;
	}
	list = json_array();
	for (i = 0; i < na; i++)
		json_array_append_new(list, assessment_json(&a[i]));
	answer_json(resp, 200, json_pack("{s:o, s:o}", "assessments", list,
	    "matrix", matrix_json(r, nr)));
}

void
api_risk_assessment_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct risk_input	 in;
	struct risk_result	 res;
	struct risk_assessment	 a;

	risk_read(req->vals, RK_CREATE, &in);
	in.action = RK_CREATE;
	risk_do(ctx, 0, &in, &res);
	if (answer_fail(resp, &res, _("No such unit.")) != 0)
		return;
	if (risk_assessment_get(ctx, res.id, &a) != 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 201, assessment_json(&a));
}

/* A read of the path's object (rc of risk_view or risk_assessment_view):
 * 0, or -1 with 404 (none, or not theirs to see: what says which) or 500
 * given. */
static int
answer_view(struct http_resp *resp, int rc, const char *what)
{
	if (rc == 0)
		return 0;
	if (rc == RISK_ERR_NOTFOUND)
		api_not_found(resp, what);
	else
		api_store_error(resp);
	return -1;
}

/* The assessment of the path as ctx->user may read it. 0 or -1. */
static int
assessment_of_path(struct http_req *req, struct http_resp *resp,
    struct risk_assessment *a)
{
	int64_t id;

	return answer_view(resp, http_param_id(req, 0, &id) != 0 ?
	    RISK_ERR_NOTFOUND : risk_assessment_view(req->ctx, id, a),
	    _("No such risk assessment."));
}

void
api_risk_assessment(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct risk_assessment	 a;
	struct risk		*r;
	size_t			 n, i;
	json_t			*o, *risks;

	if (assessment_of_path(req, resp, &a) != 0)
		return;
	if (risk_list(ctx, a.id, 0, &r, &n) != 0) {
		api_store_error(resp);
		return;
	}
	o = assessment_json(&a);
	risks = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(risks, risk_json(&r[i]));
	json_object_set_new(o, "risks", risks);
	json_object_set_new(o, "matrix", matrix_json(r, n));
	json_object_set_new(o, "may_manage",
	    json_boolean(risk_can(ctx, a.unit_id, 1)));
	http_json(resp, 200, o);
}

int
api_risk_post(struct http_req *req, struct http_resp *resp, int64_t *id,
    enum risk_action dflt, const enum risk_action *ok, size_t nok,
    const char *what, struct risk_result *res)
{
	struct risk_input	in;
	size_t			i;

	if (http_param_id(req, 0, id) != 0) {
		api_not_found(resp, what);
		return -1;
	}
	risk_read(req->vals, dflt, &in);
	for (i = 0; i < nok && in.action != ok[i]; i++)
		continue;
	if (i == nok) {
		/* Another route's action (a settings action on a risk would
		 * act on the template of that number): a bad "action",
		 * answered after access. */
		in.action = ok[0];
		in.bad_field = "action";
	}
	risk_do(req->ctx, *id, &in, res);
	return answer_fail(resp, res, what);
}

void
api_risk_assessment_action(struct http_req *req, struct http_resp *resp)
{
	static const enum risk_action ok[] = { RK_ADD_RISK };
	struct risk_result	res;
	struct risk		r;
	int64_t			id;

	if (api_risk_post(req, resp, &id, RK_ADD_RISK, ok, 1,
	    _("No such risk assessment."), &res) != 0)
		return;
	if (risk_get(req->ctx, res.id, &r) != 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 201, risk_json(&r));
}

/* A risk with its history, measures and tied deviations. */
static json_t *
risk_detail(struct ctx *ctx, const struct risk *r)
{
	struct risk_review	*rv;
	struct measure		*m;
	struct risk_dev_link	*d;
	size_t			 nrv, nm, nd, i;
	json_t			*o, *a;

	if (risk_reviews(ctx, r->id, &rv, &nrv) != 0 ||
	    measure_list(ctx, MS_RISK, r->id, &m, &nm) != 0 ||
	    risk_deviations(ctx, r->id, &d, &nd) != 0)
		return NULL;
	o = risk_json(r);
	a = json_array();
	for (i = 0; i < nrv; i++)
		json_array_append_new(a, json_pack(
		    "{s:o, s:o, s:b, s:i, s:i, s:o, s:o, s:o}",
		    "at", api_time_json(rv[i].at),
		    "by_name", api_str_json(rv[i].by_name),
		    "no_change", rv[i].no_change,
		    "probability", rv[i].probability,
		    "impact", rv[i].impact,
		    "residual_probability", score_json(rv[i].res_probability),
		    "residual_impact", score_json(rv[i].res_impact),
		    "note", api_str_json(rv[i].note)));
	json_object_set_new(o, "reviews", a);
	a = json_array();
	for (i = 0; i < nm; i++)
		json_array_append_new(a, json_pack(
		    "{s:I, s:s, s:o, s:o, s:s, s:o, s:o}",
		    "id", (json_int_t)m[i].id,
		    "text", m[i].text,
		    "responsible_name", api_str_json(m[i].responsible_name),
		    "due_at", api_time_json(m[i].due_at),
		    "status", measure_status_name(m[i].status),
		    "done_at", api_time_json(m[i].done_at),
		    "done_note", api_str_json(m[i].done_note)));
	json_object_set_new(o, "measures", a);
	a = json_array();
	for (i = 0; i < nd; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:o, s:o}",
		    "deviation_id", (json_int_t)d[i].deviation_id,
		    "number", d[i].number,
		    "title", api_str_json(d[i].title),
		    "reported_at", api_time_json(d[i].reported_at)));
	json_object_set_new(o, "deviations", a);
	return o;
}

/* The risk of the path as ctx->user may read it (risk_view: its unit's
 * readers and the owner of one of its measures). 0 or -1. */
static int
risk_of_path(struct http_req *req, struct http_resp *resp, struct risk *r)
{
	int64_t id;

	return answer_view(resp, http_param_id(req, 0, &id) != 0 ?
	    RISK_ERR_NOTFOUND : risk_view(req->ctx, id, r), _("No such risk."));
}

void
api_risk(struct http_req *req, struct http_resp *resp)
{
	struct risk r;

	if (risk_of_path(req, resp, &r) == 0)
		answer_json(resp, 200, risk_detail(req->ctx, &r));
}

void
api_risk_action(struct http_req *req, struct http_resp *resp)
{
	/* A risk's own actions only. */
	static const enum risk_action ok[] = { RK_REVIEW, RK_ADD_MEASURE,
	    RK_COMPLETE_MEASURE, RK_LINK_DEVIATION };
	struct risk_result	res;
	struct risk		r;
	int64_t			id;

	if (api_risk_post(req, resp, &id, RK_MAX, ok, sizeof(ok) / sizeof(ok[0]),
	    _("No such risk."), &res) != 0)
		return;
	answer_json(resp, 200, risk_get(req->ctx, id, &r) != 0 ? NULL :
	    risk_detail(req->ctx, &r));
}

int
api_gate_risk_right(struct http_resp *resp, struct ctx *ctx,
    enum risk_right what)
{
	if (risk_right(ctx, what))
		return 0;
	api_forbidden(resp);
	return -1;
}

int
api_gate_risk_create(struct http_req *req, struct http_resp *resp)
{
	return api_gate_risk_right(resp, req->ctx, RISK_RIGHT_START);
}

int
api_gate_risk_assessment(struct http_req *req, struct http_resp *resp)
{
	struct risk_assessment	a;

	if (assessment_of_path(req, resp, &a) != 0)
		return -1;
	if (!risk_can(req->ctx, a.unit_id, 1)) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}

int
api_gate_risk(struct http_req *req, struct http_resp *resp)
{
	struct risk	 r;

	if (risk_of_path(req, resp, &r) != 0)
		return -1;
	/* A measure's owner may complete it; risk_do says which. */
	if (!risk_may_act(req->ctx, &r)) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}
