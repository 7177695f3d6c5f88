/* pages.c: the risk assessment pages — the list with the matrix of a unit's
 * subtree and the form for a new assessment, an assessment with its matrix
 * and risks, and a risk with its score history, measures and tied
 * deviations. The forms post to the gate (risk_do); a refused field shows
 * the page again (400) with the sentence by the field. */
#include "web/risk/risk_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "document/document.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "measure/measure.h"
#include "org/org.h"
#include "risk/risk.h"
#include "util/arena.h"
#include "util/date.h"
#include "web/risk/risk_form.h"
#include "web/risk/risk_matrix.h"
#include "web/ui.h"
#include "web/web.h"

/* The process or document the assessment names by id (the gate checked
 * it when the assessment was made): the document as a link when the
 * reader may read it, the process by name. Nothing when it is gone. */
static void
scope_named(struct ctx *ctx, struct buf *b, const struct risk_assessment *a)
{
	struct doc_process	*p;
	struct document		 d;
	size_t			 n, i;

	if (a->scope_id <= 0)
		return;
	if (a->scope == RSC_DOCUMENT &&
	    document_get(ctx, a->scope_id, &d) == 0)
		html_fmt(b, ": <a href=\"/documents/%D\">%s %s</a>", d.id,
		    d.code, d.title);
	else if (a->scope == RSC_PROCESS &&
	    doc_process_list(ctx, &p, &n) == 0)
		for (i = 0; i < n; i++)
			if (p[i].id == a->scope_id)
				html_fmt(b, ": %s", p[i].name);
}

static const char *
scope_label(enum risk_scope s)
{
	switch (s) {
	case RSC_UNIT:
		return _("The unit");
	case RSC_PROCESS:
		return _("A main process");
	case RSC_DOCUMENT:
		return _("A document");
	default:
		return _("Other");
	}
}

static const char *
day(struct ctx *ctx, int64_t t)
{
	return t != 0 ? web_date(ctx->arena, t) : "–";
}

/* "3 × 4 = 12" */
static const char *
score_text(struct ctx *ctx, int p, int c)
{
	if (p <= 0 || c <= 0)
		return "–";
	return arena_printf(ctx->arena, "%d × %d = %d", p, c, p * c);
}

/* --- the list ------------------------------------------------------------- */

static void
list_render(struct http_req *req, struct http_resp *resp, int status,
    const struct rerr *e)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct risk_assessment	*a;
	struct risk		*r;
	struct unit		*units, *mine = NULL;
	struct risk_matrix	 m;
	struct risk_scale	 scale;
	struct risk_template	*tpl;
	size_t			 na, nr, nu, nmine = 0, i, ntpl;
	long long		 unit = 0;
	const char		*base;
	int			 fp = (int)http_qint(req, RISKQ_P, 0),
				 fc = (int)http_qint(req, RISKQ_C, 0);

	unit = (long long)http_qint(req, RISKQ_UNIT_ID, 0);
	if (risk_assessment_list(ctx, (int64_t)unit, &a, &na) != 0 ||
	    risk_list(ctx, 0, (int64_t)unit, &r, &nr) != 0 ||
	    risk_scale_get(ctx, &scale) != 0 ||
	    risk_template_list(ctx, &tpl, &ntpl) != 0 ||
	    org_unit_list(ctx, &units, &nu) != 0) {
		web_failed(req, resp);
		return;
	}
	if (nu > 0 && (mine = arena_alloc(ctx->arena, nu * sizeof(*mine)))
	    == NULL) {
		web_failed(req, resp);
		return;
	}
	for (i = 0; i < nu; i++)
		if (risk_can(ctx, units[i].id, 1))
			mine[nmine++] = units[i];
	risk_matrix_count(r, nr, &m);
	resp->status = status;
	html_page_begin(b, req, _("Risk assessments"), "risk_list");
	html_fmt(b, "<h1>%s</h1>\n", _("Risk assessments"));
	if (risk_templates_visible(ctx))
		html_fmt(b, "<p><a href=\"/risks/settings\">%s</a></p>\n",
		    _("Templates and the words of the score steps"));
	if (e != NULL && e->msg != NULL && e->field == NULL)
		web_error(b, e->msg);
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"rm-h\">"
	    "<h2 id=\"rm-h\">%s</h2>", unit > 0 ?
	    arena_printf(ctx->arena, _("Risks in %s and below"),
	    web_unit_name(units, nu, (int64_t)unit) != NULL ?
	    web_unit_name(units, nu, (int64_t)unit) : "?") :
	    _("All risks you can see"));
	html_fmt(b, "<form method=\"get\" action=\"/risk-assessments\">");
	web_unit_select(b, "f-unit-filter", "unit_id", _("Unit and the units under it"),
	    units, nu, (int64_t)unit, _("All units"), 0, 0, NULL);
	html_fmt(b, "<button type=\"submit\">%s</button></form>", _("Show"));
	base = unit > 0 ? arena_printf(ctx->arena,
	    "/risk-assessments?unit_id=%lld", unit) : "/risk-assessments";
	web_risk_matrix(b, &m, &scale, base != NULL ? base :
	    "/risk-assessments", "matrix-all");
	html_fmt(b, "</section>\n");
	if (fp >= 1 && fp <= RISK_SCALE && fc >= 1 && fc <= RISK_SCALE) {
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"risks\">"
		    "<h2 id=\"risks\">%s</h2><ul class=\"plain risks\">",
		    arena_printf(ctx->arena, _("Risks with probability %d and consequence %d"),
		    fp, fc));
		for (i = 0; i < nr; i++)
			if (r[i].probability == fp && r[i].impact == fc)
				html_fmt(b, "<li><a href=\"/risks/%D\">%s</a></li>",
				    r[i].id, r[i].description);
		html_fmt(b, "</ul></section>\n");
	}

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"ra-h\">"
	    "<h2 id=\"ra-h\">%s</h2>", _("Assessments"));
	if (na == 0)
		html_fmt(b, "<p>%s</p>", _("No risk assessments yet."));
	else {
		html_fmt(b, "<ul class=\"plain risk-assessments\">");
		for (i = 0; i < na; i++)
			html_fmt(b, "<li><a href=\"/risk-assessments/%D\">%s</a> "
			    "<span class=\"hint\">%s · %s · %s %s</span></li>",
			    a[i].id, a[i].title, a[i].unit_name, day(ctx,
			    a[i].assessed_on), _("review by"),
			    day(ctx, a[i].review_due));
		html_fmt(b, "</ul>");
	}
	html_fmt(b, "</section>\n");

	if (nmine > 0) {
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"new-h\">"
		    "<h2 id=\"new-h\">%s</h2><form method=\"post\" "
		    "action=\"/risk-assessments\">", _("New risk assessment"));
		html_csrf(b, req);
		web_unit_select_open(b, "create-unit_id", "unit_id", _("Unit"), mine,
		    nmine, 0, NULL, 0, 0, web_risk_err_for(e, "create", "unit_id"));
		if (ntpl > 0) {
			const char *err = web_risk_err_for(e, "create",
			    "template_id");

			/* Start from a template: its risks are copied in. */
			html_fmt(b, "<div class=\"field%R\"><label "
			    "for=\"create-template_id\">%s</label>",
			    err != NULL ? " invalid" : "",
			    _("Start from a template"));
			if (err != NULL)
				html_fmt(b, "<p class=\"error\" "
				    "id=\"create-template_id-error\">%s</p>", err);
			html_fmt(b, "<select id=\"create-template_id\" "
			    "name=\"template_id\"><option value=\"0\">%s</option>",
			    _("No template"));
			for (i = 0; i < ntpl; i++)
				html_fmt(b, "<option value=\"%D\">%s</option>",
				    tpl[i].id, tpl[i].name);
			html_fmt(b, "</select></div>\n");
		}
		web_risk_input(b, "create", "title", ntpl > 0 ?
		    _("Title (empty: the template's name)") : _("Title"), "text",
		    http_form(req, "title"), ntpl == 0, NULL, e);
		{
			const char *err = web_risk_err_for(e, "create", "scope");
			int s;

			html_fmt(b, "<div class=\"field%R\"><label for=\"create-scope\">"
			    "%s</label>", err != NULL ? " invalid" : "",
			    _("What it covers"));
			if (err != NULL)
				html_fmt(b, "<p class=\"error\" id=\"create-scope-error\">%s</p>",
				    err);
			html_fmt(b, "<select id=\"create-scope\" name=\"scope\">");
			for (s = 0; s < RSC_MAX; s++)
				html_fmt(b, "<option value=\"%s\">%s</option>",
				    risk_scope_name((enum risk_scope)s),
				    scope_label((enum risk_scope)s));
			html_fmt(b, "</select></div>\n");
		}
		web_risk_input(b, "create", "scope_text", _("Process, document or area (unless the unit)"),
		    "text", http_form(req, "scope_text"), 0, NULL, e);
		web_risk_input(b, "create", "assessed_on", _("Date of the assessment"),
		    "date", http_form(req, "assessed_on"), 0, NULL, e);
		web_risk_textarea(b, "create", "participants", _("Participants"), 0, e);
		web_risk_input(b, "create", "review_due", _("Next review (empty: a year after)"),
		    "date", http_form(req, "review_due"), 0, NULL, e);
		html_fmt(b, "<button type=\"submit\">%s</button></form></section>\n",
		    _("Create"));
	}
	html_page_end(b, req);
}

void
web_risk_list(struct http_req *req, struct http_resp *resp)
{
	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (!risk_right(req->ctx, RISK_RIGHT_VIEW)) {
		web_forbidden(req, resp);
		return;
	}
	list_render(req, resp, 200, NULL);
}

void
web_risk_create(struct http_req *req, struct http_resp *resp)
{
	struct risk_input	in;
	struct risk_result	res;
	struct rerr		e = { "create", NULL, NULL };
	const char		*loc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	web_risk_read_form(req, RK_CREATE, &in);
	in.action = RK_CREATE;
	risk_do(req->ctx, 0, &in, &res);
	switch (web_risk_outcome(req, resp, &res, "create", &e)) {
	case 0:
		loc = arena_printf(req->ctx->arena, "/risk-assessments/%lld",
		    (long long)res.id);
		http_redirect(resp, loc != NULL ? loc : "/risk-assessments");
		return;
	case 1:
		list_render(req, resp, res.outcome == RISK_CONFLICT ? 409 : 400, &e);
		return;
	default:
		return;
	}
}

/* --- one assessment ---------------------------------------------------------- */

static void
assessment_render(struct http_req *req, struct http_resp *resp, int status,
    const struct risk_assessment *a, const struct rerr *e)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct risk		*r;
	struct risk_matrix	 m;
	struct risk_scale	 scale;
	size_t			 n, i, shown = 0;
	const char		*base;
	int			 fp = (int)http_qint(req, RISKQ_P, 0),
				 fc = (int)http_qint(req, RISKQ_C, 0);

	if (risk_list(ctx, a->id, 0, &r, &n) != 0 ||
	    risk_scale_get(ctx, &scale) != 0) {
		web_failed(req, resp);
		return;
	}
	risk_matrix_count(r, n, &m);
	base = arena_printf(ctx->arena, "/risk-assessments/%lld",
	    (long long)a->id);
	resp->status = status;
	html_page_begin(b, req, a->title, "risk_list");
	html_fmt(b, "<p><a href=\"/risk-assessments\">%s</a></p>"
	    "<h1>%s</h1>\n", _("Risk assessments"), a->title);
	if (e != NULL && e->msg != NULL && e->field == NULL)
		web_error(b, e->msg);
	html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd>", _("Unit"),
	    a->unit_name);
	html_fmt(b, "<dt>%s</dt><dd>%s", _("What it covers"),
	    scope_label(a->scope));
	scope_named(ctx, b, a);
	html_fmt(b, "%s%s</dd>", a->scope_text != NULL ? ": " : "",
	    a->scope_text != NULL ? a->scope_text : "");
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Date of the assessment"),
	    day(ctx, a->assessed_on));
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Participants"),
	    a->participants != NULL ? a->participants : "–");
	html_fmt(b, "<dt>%s</dt><dd>%s</dd></dl>\n", _("Next review"),
	    day(ctx, a->review_due));
	web_risk_matrix(b, &m, &scale, base != NULL ? base :
	    "/risk-assessments", "matrix-a");

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"risks\">"
	    "<h2 id=\"risks\">%s</h2>", fp >= 1 && fp <= RISK_SCALE &&
	    fc >= 1 && fc <= RISK_SCALE ? arena_printf(ctx->arena,
	    _("Risks with probability %d and consequence %d"), fp, fc) :
	    _("Risks"));
	html_fmt(b, "<ul class=\"plain risks\">");
	for (i = 0; i < n; i++) {
		if (fp >= 1 && fc >= 1 && (r[i].probability != fp ||
		    r[i].impact != fc))
			continue;
		shown++;
		html_fmt(b, "<li><a href=\"/risks/%D\">%s</a> <span class=\"hint\">"
		    "%s %s", r[i].id, r[i].description, _("Score"),
		    score_text(ctx, r[i].probability, r[i].impact));
		if (r[i].res_probability > 0)
			html_fmt(b, " · %s %s", _("after measures"),
			    score_text(ctx, r[i].res_probability, r[i].res_impact));
		html_fmt(b, "</span></li>");
	}
	html_fmt(b, "</ul>");
	if (shown == 0)
		html_fmt(b, "<p>%s</p>", _("No risks here."));
	html_fmt(b, "</section>\n");

	if (risk_can(ctx, a->unit_id, 1)) {
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"add-h\">"
		    "<h2 id=\"add-h\">%s</h2><form method=\"post\" "
		    "action=\"/risk-assessments/%D/action\">", _("Add a risk"),
		    a->id);
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"add_risk\">");
		web_risk_textarea(b, "add_risk", "description", _("What can go wrong"), 1, e);
		web_risk_textarea(b, "add_risk", "cause", _("Cause"), 0, e);
		web_risk_textarea(b, "add_risk", "consequence", _("Consequence"), 0, e);
		web_risk_textarea(b, "add_risk", "barriers", _("Existing barriers"), 0, e);
		web_risk_score_select(b, &scale, "add_risk", "probability", _("Probability (1–5)"),
		    NULL, 1, e);
		web_risk_score_select(b, &scale, "add_risk", "impact", _("Consequence (1–5)"),
		    NULL, 1, e);
		web_risk_score_select(b, &scale, "add_risk", "residual_probability",
		    _("Probability after measures"), _("Not given"), 0, e);
		web_risk_score_select(b, &scale, "add_risk", "residual_impact",
		    _("Consequence after measures"), _("Not given"), 0, e);
		html_fmt(b, "<button type=\"submit\">%s</button></form></section>\n",
		    _("Add the risk"));
	}
	html_page_end(b, req);
}

void
web_risk_assessment(struct http_req *req, struct http_resp *resp)
{
	struct risk_assessment	a;
	int64_t			id;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0 ||
	    web_risk_view_answer(req, resp, http_param_id(req, 0, &id) != 0 ?
	    RISK_ERR_NOTFOUND : risk_assessment_view(req->ctx, id, &a)) != 0)
		return;
	assessment_render(req, resp, 200, &a, NULL);
}

void
web_risk_assessment_action(struct http_req *req, struct http_resp *resp)
{
	static const enum risk_action ok[] = { RK_ADD_RISK };
	struct risk_input	in;
	struct risk_result	res;
	struct risk_assessment	a;
	struct rerr		e = { "add_risk", NULL, NULL };
	const char		*loc;
	int64_t			id;

	if (web_risk_post(req, resp, &id, RK_ADD_RISK, ok, 1, &in, &res) != 0)
		return;
	switch (web_risk_outcome(req, resp, &res, "add_risk", &e)) {
	case 0:
		loc = arena_printf(req->ctx->arena, "/risks/%lld",
		    (long long)res.id);
		http_redirect(resp, loc != NULL ? loc : "/risk-assessments");
		return;
	case 1:
		if (risk_assessment_get(req->ctx, id, &a) != 0) {
			web_failed(req, resp);
			return;
		}
		assessment_render(req, resp, res.outcome == RISK_CONFLICT ?
		    409 : 400, &a, &e);
		return;
	default:
		return;
	}
}

/* --- one risk ---------------------------------------------------------------- */

static void
risk_render(struct http_req *req, struct http_resp *resp, int status,
    const struct risk *r, const struct rerr *e)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct risk_assessment	 a;
	struct risk_review	*rv;
	struct measure		*m;
	struct risk_dev_link	*d;
	struct risk_scale	 scale;
	size_t			 nrv, nm, nd, i, j;
	int			 manage, since = 0;
	char			 key[DATE_KEY_MAX], prev[DATE_KEY_MAX] = "";

	if (risk_assessment_get(ctx, r->assessment_id, &a) != 0 ||
	    risk_scale_get(ctx, &scale) != 0 ||
	    risk_reviews(ctx, r->id, &rv, &nrv) != 0 ||
	    measure_list(ctx, MS_RISK, r->id, &m, &nm) != 0 ||
	    risk_deviations(ctx, r->id, &d, &nd) != 0) {
		web_failed(req, resp);
		return;
	}
	manage = risk_can(ctx, a.unit_id, 1);
	resp->status = status;
	html_page_begin(b, req, _("Risk"), "risk_list");
	html_fmt(b, "<p><a href=\"/risk-assessments/%D\">%s</a></p>"
	    "<h1>%s</h1>\n", a.id, a.title, r->description);
	if (e != NULL && e->msg != NULL && e->field == NULL)
		web_error(b, e->msg);
	html_fmt(b, "<dl class=\"facts\">");
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Cause"),
	    r->cause != NULL ? r->cause : "–");
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Consequence"),
	    r->consequence != NULL ? r->consequence : "–");
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Existing barriers"),
	    r->barriers != NULL ? r->barriers : "–");
	html_fmt(b, "<dt>%s</dt><dd class=\"risk-probability\">%d – %s</dd>",
	    _("Probability (1–5)"), r->probability,
	    risk_scale_word(&scale, RAX_PROBABILITY, r->probability));
	html_fmt(b, "<dt>%s</dt><dd class=\"risk-impact\">%d – %s</dd>",
	    _("Consequence (1–5)"), r->impact,
	    risk_scale_word(&scale, RAX_IMPACT, r->impact));
	html_fmt(b, "<dt>%s</dt><dd class=\"risk-score\">%s</dd>",
	    _("Probability × consequence"),
	    score_text(ctx, r->probability, r->impact));
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("After measures"),
	    score_text(ctx, r->res_probability, r->res_impact));
	html_fmt(b, "<dt>%s</dt><dd>%s</dd></dl>\n", _("Last review"),
	    r->reviewed_at != 0 ? web_date(ctx->arena, r->reviewed_at) :
	    _("Not reviewed yet"));

	/* Score history. */
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"hist-h\">"
	    "<h2 id=\"hist-h\">%s</h2>", _("Reviews"));
	if (nrv == 0)
		html_fmt(b, "<p>%s</p>", _("No reviews yet."));
	else {
		/* A region one can scroll by keyboard on a narrow screen. */
		html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" "
		    "role=\"region\" aria-labelledby=\"hist-cap\">"
		    "<table class=\"risk-history\"><caption id=\"hist-cap\">%s"
		    "</caption><thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    _("The history of scores, newest first"), _("Date"),
		    _("By"), _("Score"), _("After measures"), _("Note"));
		for (i = 0; i < nrv; i++)
			html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s%s</td>"
			    "<td>%s</td><td>%s</td></tr>",
			    web_date(ctx->arena, rv[i].at),
			    rv[i].by_name != NULL ? rv[i].by_name : "–",
			    score_text(ctx, rv[i].probability, rv[i].impact),
			    rv[i].no_change ? arena_printf(ctx->arena, " (%s)",
			    _("reviewed, no change")) : "",
			    score_text(ctx, rv[i].res_probability, rv[i].res_impact),
			    rv[i].note != NULL ? rv[i].note : "");
		html_fmt(b, "</tbody></table></div>");
	}
	if (manage) {
		html_fmt(b, "<form method=\"post\" action=\"/risks/%D/action\">",
		    r->id);
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"review\">"
		    "<fieldset><legend>%s</legend>", _("Review"));
		html_fmt(b, "<div class=\"field checkbox\"><input type=\"checkbox\" "
		    "id=\"review-no_change\" name=\"no_change\" value=\"1\"> "
		    "<label for=\"review-no_change\">%s</label></div>",
		    _("Reviewed, no change"));
		web_risk_score_select(b, &scale, "review", "probability", _("New probability"),
		    _("Not given"), 0, e);
		web_risk_score_select(b, &scale, "review", "impact", _("New consequence"),
		    _("Not given"), 0, e);
		web_risk_score_select(b, &scale, "review", "residual_probability",
		    _("Probability after measures"), _("Not given"), 0, e);
		web_risk_score_select(b, &scale, "review", "residual_impact",
		    _("Consequence after measures"), _("Not given"), 0, e);
		web_risk_textarea(b, "review", "note", _("Note"), 0, e);
		html_fmt(b, "<button type=\"submit\">%s</button></fieldset></form>",
		    _("Save the review"));
	}
	html_fmt(b, "</section>\n");

	/* Measures. */
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"ms-h\">"
	    "<h2 id=\"ms-h\">%s</h2>", _("Measures"));
	if (nm == 0)
		html_fmt(b, "<p>%s</p>", _("No measures yet."));
	html_fmt(b, "<ul class=\"plain measures\">");
	for (i = 0; i < nm; i++) {
		html_fmt(b, "<li>%s <span class=\"hint\">%s%s", m[i].text,
		    m[i].responsible_name != NULL ? m[i].responsible_name : "–",
		    m[i].responsible_name != NULL && !m[i].responsible_active ?
		    _(" (deactivated)") : "");
		if (m[i].due_at != 0)
			html_fmt(b, " · %s %s", _("Due"),
			    web_date(ctx->arena, m[i].due_at));
		web_measure_late(b, ctx, &m[i]);
		if (m[i].status == MEASURE_DONE)
			html_fmt(b, " · %s %s%s%s", _("Done"),
			    web_date(ctx->arena, m[i].done_at),
			    m[i].done_note != NULL ? ": " : "",
			    m[i].done_note != NULL ? m[i].done_note : "");
		html_fmt(b, "</span>");
		if (m[i].status != MEASURE_DONE && (manage ||
		    (ctx->user != NULL && m[i].responsible_id == ctx->user->id))) {
			char form[32];

			snprintf(form, sizeof(form), "done%lld", (long long)m[i].id);
			html_fmt(b, "<form method=\"post\" action=\"/risks/%D/action\">",
			    r->id);
			html_csrf(b, req);
			html_fmt(b, "<input type=\"hidden\" name=\"action\" "
			    "value=\"complete_measure\"><input type=\"hidden\" "
			    "name=\"measure_id\" value=\"%D\">", m[i].id);
			web_risk_input(b, form, "note", _("Note (optional)"), "text", NULL,
			    0, NULL, NULL);
			html_fmt(b, "<button type=\"submit\">%s</button></form>",
			    _("Mark as done"));
		}
		html_fmt(b, "</li>");
	}
	html_fmt(b, "</ul>");
	if (manage) {
		html_fmt(b, "<form method=\"post\" action=\"/risks/%D/action\">",
		    r->id);
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"add_measure\"><fieldset><legend>%s</legend>",
		    _("New measure"));
		web_risk_textarea(b, "add_measure", "measure", _("Measure"), 1, e);
		/* A search, not a list: a municipality has thousands of
		 * people (web_person_find). */
		web_risk_input(b, "add_measure", "responsible_login",
		    _("Responsible (name or username)"), "search",
		    e != NULL && e->msg != NULL &&
		    strcmp(e->form, "add_measure") == 0 ?
		    http_form(req, "responsible_login") : NULL, 0,
		    " autocomplete=\"off\"", e);
		web_risk_input(b, "add_measure", "due_date", _("Due date"), "date", NULL,
		    1, NULL, e);
		html_fmt(b, "<button type=\"submit\">%s</button></fieldset></form>",
		    _("Add the measure"));
	}
	html_fmt(b, "</section>\n");

	/* Tied deviations and their trend (per tertial). */
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"dv-h\">"
	    "<h2 id=\"dv-h\">%s</h2>", _("Deviations tied to this risk"));
	for (i = 0; i < nd; i++)
		if (r->reviewed_at == 0 || d[i].reported_at >= r->reviewed_at)
			since++;
	html_fmt(b, "<p>%s</p>", arena_printf(ctx->arena,
	    _("%d in all; %d at the last review."), (int)nd,
	    r->review_deviations));
	if (nd > 0) {
		html_fmt(b, "<ul class=\"plain risk-devs\">");
		for (i = 0; i < nd; i++) {
			html_fmt(b, "<li><a href=\"/deviations/%D\">%s</a>",
			    d[i].deviation_id, d[i].number);
			if (d[i].title != NULL)
				html_fmt(b, " – %s", d[i].title);
			html_fmt(b, " <span class=\"hint\">%s</span></li>",
			    web_date(ctx->arena, d[i].reported_at));
		}
		html_fmt(b, "</ul><h3>%s</h3><ul class=\"plain risk-trend\">",
		    _("Trend by tertial"));
		/* d is in the order tied; count per tertial key, in key order. */
		for (;;) {
			const char	*next = NULL;
			int		 cnt = 0;

			for (i = 0; i < nd; i++) {
				if (date_key(d[i].reported_at, DATE_TERTIAL, key) != 0)
					continue;
				if (strcmp(key, prev) > 0 && (next == NULL ||
				    strcmp(key, next) < 0))
					next = arena_strdup(ctx->arena, key);
			}
			if (next == NULL)
				break;
			for (j = 0; j < nd; j++)
				if (date_key(d[j].reported_at, DATE_TERTIAL, key) == 0 &&
				    strcmp(key, next) == 0)
					cnt++;
			html_fmt(b, "<li>%s: %d</li>", next, cnt);
			snprintf(prev, sizeof(prev), "%s", next);
		}
		html_fmt(b, "</ul>");
	}
	(void)since;
	if (manage) {
		html_fmt(b, "<form method=\"post\" action=\"/risks/%D/action\">",
		    r->id);
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"link_deviation\">");
		web_risk_input(b, "link", "deviation_number",
		    _("Tie a deviation (its number, as 2026-0042)"), "text", NULL,
		    1, NULL, e);
		html_fmt(b, "<button type=\"submit\">%s</button></form>",
		    _("Tie the deviation"));
	}
	html_fmt(b, "</section>\n");
	html_page_end(b, req);
}

static int
risk_load(struct http_req *req, struct http_resp *resp, struct risk *r)
{
	int64_t id;

	return web_risk_view_answer(req, resp, http_param_id(req, 0, &id) != 0 ?
	    RISK_ERR_NOTFOUND : risk_view(req->ctx, id, r));
}

void
web_risk_view(struct http_req *req, struct http_resp *resp)
{
	struct risk r;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0 || risk_load(req, resp, &r) != 0)
		return;
	risk_render(req, resp, 200, &r, NULL);
}

void
web_risk_action(struct http_req *req, struct http_resp *resp)
{
	/* A risk's own actions only. */
	static const enum risk_action ok[] = { RK_REVIEW, RK_ADD_MEASURE,
	    RK_COMPLETE_MEASURE, RK_LINK_DEVIATION };
	struct risk_input	in;
	struct risk_result	res;
	struct risk		r;
	struct rerr		e = { "", NULL, NULL };
	const char		*loc, *login, *why = NULL;
	int64_t			id;
	int			rc;

	if (web_risk_post(req, resp, &id, RK_MAX, ok, sizeof(ok) / sizeof(ok[0]),
	    &in, &res) != 0)
		return;
	if (res.outcome == RISK_INVALID && in.action == RK_ADD_MEASURE &&
	    res.field != NULL && strcmp(res.field, "responsible_login") == 0 &&
	    in.responsible_login != NULL && req->form_error == NULL) {
		/* Not a username: the form takes a name too, as a
		 * deviation's does. Asked only now, after the gate let this
		 * person act. */
		login = in.responsible_login;
		if ((rc = web_person_find(req, &login, &why)) < 0) {
			web_failed(req, resp);
			return;
		}
		if (rc == 0) {
			in.responsible_login = login;
			risk_do(req->ctx, id, &in, &res);
		}
	}
	rc = web_risk_outcome(req, resp, &res, in.action == RK_LINK_DEVIATION ? "link" :
	    risk_action_name(in.action), &e);
	if (rc < 0)
		return;
	if (rc == 1 && why != NULL && res.outcome == RISK_INVALID &&
	    e.field != NULL && strcmp(e.field, "responsible_login") == 0)
		e.msg = why;
	if (rc == 0) {
		loc = arena_printf(req->ctx->arena, "/risks/%lld",
		    (long long)id);
		http_redirect(resp, loc != NULL ? loc : "/risk-assessments");
		return;
	}
	if (risk_get(req->ctx, id, &r) != 0) {
		web_failed(req, resp);
		return;
	}
	risk_render(req, resp, res.outcome == RISK_CONFLICT ? 409 : 400, &r, &e);
}
