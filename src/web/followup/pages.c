/* web/followup/pages.c: the register of audit reports (GET /followup), one
 * report with its recommendations, answers, statuses, measures and the
 * committee's view (GET /followup/{id}), the forms that change them
 * (through followup_do, like the API), and the written answer to print
 * (GET /followup/{id}/letter). */
#include <string.h>

#include "ctx.h"
#include "followup/followup.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "measure/measure.h"
#include "util/arena.h"
#include "web/followup/followup_web.h"
#include "web/ui.h"

static void
hidden_action(struct buf *b, struct http_req *req, int64_t id, const char *action)
{
	html_fmt(b, "<form method=\"post\" action=\"/followup/%D/action\" class=\"stack\">",
	    id);
	html_csrf(b, req);
	html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">", action);
}

/* --- the register ----------------------------------------------------------- */

static void
render_list(struct http_req *req, struct http_resp *resp, int status,
    const char *error)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct followup_report	*v;
	size_t			 n, i;

	if (followup_list(ctx, &v, &n) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	html_page_begin(b, req, _("Audit follow-up"), "followup");
	html_fmt(b, "<h1>%s</h1>\n", _("Audit follow-up"));
	if (error != NULL)
		web_error(b, error);
	if (n == 0)
		html_fmt(b, "<p>%s</p>\n", _("No audit reports are registered."));
	else {
		html_fmt(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
		    _("Report"), _("Auditor"), _("Recommendations closed"),
		    _("Written status due"), _("Deadline"));
		for (i = 0; i < n; i++) {
			html_fmt(b, "<tr><td><a href=\"/followup/%D\">%s</a></td><td>%s</td>"
			    "<td>%d / %d</td><td>%s</td><td>", v[i].id, v[i].title,
			    v[i].auditor, v[i].nclosed, v[i].nrecs,
			    followup_day(ctx->arena, v[i].status_due_on));
			if (v[i].late)
				html_fmt(b, "<span class=\"status st-late\">%s</span>",
				    _("Missed"));
			html_fmt(b, "</td></tr>\n");
		}
		html_fmt(b, "</tbody></table></div>\n");
	}
	if (followup_right(ctx, FOLLOWUP_RIGHT_MANAGE)) {
		html_fmt(b, "<h2>%s</h2><form method=\"post\" action=\"/followup\""
		    " class=\"stack\">", _("Register an audit report"));
		html_csrf(b, req);
		html_input(b, "title", _("Title"), "text", http_text(req, FF_TITLE), 1,
		    web_field_error(req, "title"));
		html_input(b, "auditor", _("Auditor"), "text", http_text(req, FF_AUDITOR),
		    1, web_field_error(req, "auditor"));
		html_date_input(b, "report_on", "date", _("Report date"),
		    http_text(req, FF_REPORT_ON), web_field_error(req, "report_on"));
		html_input(b, "case_no", _("The control committee's case"), "text",
		    http_text(req, FF_CASE_NO), 0, NULL);
		html_date_input(b, "status_due_on", "date", _("Written status due"),
		    http_text(req, FF_STATUS_DUE_ON), NULL);
		html_fmt(b, "<button type=\"submit\">%s</button></form>\n", _("Register"));
	}
	html_page_end(b, req);
}

void
web_followup_list(struct http_req *req, struct http_resp *resp)
{
	if (web_gate(req, resp, AZ_FOLLOWUP_VIEW) != 0)
		return;
	render_list(req, resp, 200, NULL);
}

/* The labels of the follow-up forms, for the line above them that names
 * what was wrong. */
static const struct web_label labels[] = {
	{ "title", N_("Title") }, { "auditor", N_("Auditor") },
	{ "report_on", N_("Report date") },
	{ "case_no", N_("The control committee's case") },
	{ "status_due_on", N_("Written status due") },
	{ "status_sent_on", N_("Sent on") },
	{ "late_reason", N_("Why the deadline was missed") },
	{ "letter", N_("Letter (a–z)") }, { "text", N_("Recommendation") },
	{ "answer", N_("The chief executive's answer") },
	{ "status", N_("Status") },
	{ "status_note", N_("The status as written (\"Iverksatt. Avvik lukket.\")") },
	{ "comment", N_("The control committee's view of the status") },
	{ "measure", N_("Measure") },
	{ "responsible", N_("Responsible (user name)") },
	{ "due_on", N_("Due date") }, { "note", N_("What was done") },
	{ NULL, NULL },
};

static const char *
result_msg(struct http_req *req, const struct followup_result *r)
{
	switch (r->outcome) {
	case FR_INVALID:
		return web_error_line(req, labels, r->field, _(r->why));
	case FR_CONFLICT:
		return _("Not in this state: already done, or the deadline was not missed.");
	default:
		return _("Something went wrong; nothing was saved.");
	}
}

void
web_followup_create(struct http_req *req, struct http_resp *resp)
{
	struct followup_input	in;
	struct followup_result	r;

	if (web_gate(req, resp, AZ_FOLLOWUP_MANAGE) != 0)
		return;
	if (req->form_error != NULL) {
		render_list(req, resp, 400, web_error_line(req, labels,
		    req->form_error_field, req->form_error));
		return;
	}
	followup_read(req->vals, &in);
	in.action = FA_CREATE;
	followup_do(req->ctx, 0, &in, &r);
	if (r.outcome == FR_OK) {
		http_redirect(resp, arena_printf(req->ctx->arena,
		    "/followup/%lld?saved=1", (long long)r.report_id));
		return;
	}
	if (r.outcome == FR_FORBIDDEN) {
		web_forbidden(req, resp);
		return;
	}
	render_list(req, resp, r.outcome == FR_INVALID ? 400 : 500,
	    result_msg(req, &r));
}

/* --- one report ------------------------------------------------------------ */

static void
rec_forms(struct buf *b, struct http_req *req, int64_t id,
    const struct followup_rec *r, int manage, int comment)
{
	struct arena	*a = req->ctx->arena;
	const char	*p = arena_printf(a, "r%lld-", (long long)r->id);
	size_t		 i;

	if (manage) {
		html_fmt(b, "<details><summary>%s</summary>", _("Answer"));
		hidden_action(b, req, id, "answer");
		html_fmt(b, "<input type=\"hidden\" name=\"rec_id\" value=\"%D\">", r->id);
		html_textarea_id(b, arena_printf(a, "%sanswer", p), "answer",
		    _("The chief executive's answer"), r->answer, 1, NULL, NULL);
		html_fmt(b, "<button type=\"submit\">%s</button></form></details>",
		    _("Save the answer"));
		html_fmt(b, "<details><summary>%s</summary>", _("Set the status"));
		hidden_action(b, req, id, "status");
		html_fmt(b, "<input type=\"hidden\" name=\"rec_id\" value=\"%D\">"
		    "<label for=\"%sstatus\">%s</label><select id=\"%sstatus\" name=\"status\">",
		    r->id, p, _("Status"), p);
		for (i = 0; i < FS_MAX; i++)
			html_fmt(b, "<option value=\"%s\"%s>%s</option>",
			    followup_status_name((enum followup_status)i),
			    (int)i == r->status ? " selected" : "", followup_status_label((int)i));
		html_fmt(b, "</select>");
		html_textarea_id(b, arena_printf(a, "%snote", p), "status_note",
		    _("The status as written (\"Iverksatt. Avvik lukket.\")"),
		    r->status_note, 0, NULL, NULL);
		html_fmt(b, "<button type=\"submit\">%s</button></form></details>",
		    _("Save the status"));
		html_fmt(b, "<details><summary>%s</summary>", _("Add a measure"));
		hidden_action(b, req, id, "add_measure");
		html_fmt(b, "<input type=\"hidden\" name=\"rec_id\" value=\"%D\">", r->id);
		html_textarea_id(b, arena_printf(a, "%smeasure", p), "measure",
		    _("Measure"), NULL, 1, NULL, NULL);
		html_fmt(b, "<label for=\"%sresp\">%s</label><input type=\"text\""
		    " id=\"%sresp\" name=\"responsible\">"
		    "<label for=\"%sdue\">%s</label><input type=\"date\" id=\"%sdue\""
		    " name=\"due_on\" required>", p, _("Responsible (user name)"), p, p,
		    _("Due date"), p);
		html_fmt(b, "<button type=\"submit\">%s</button></form></details>",
		    _("Add the measure"));
	}
	if (comment) {
		html_fmt(b, "<details><summary>%s</summary>", _("The committee's view"));
		hidden_action(b, req, id, "comment");
		html_fmt(b, "<input type=\"hidden\" name=\"rec_id\" value=\"%D\">", r->id);
		html_textarea_id(b, arena_printf(a, "%scomment", p), "comment",
		    _("The control committee's view of the status"), r->committee_view,
		    1, NULL, NULL);
		html_fmt(b, "<button type=\"submit\">%s</button></form></details>",
		    _("Save the view"));
	}
}

/* One measure: its text, owner and state; a form to mark it done for
 * those authz/ lets (the manager, the measure's own responsible person). */
static void
measure_item(struct buf *b, struct http_req *req, int64_t id,
    const struct followup_rec *r, const struct measure *m)
{
	struct arena	*a = req->ctx->arena;
	const char	*p = arena_printf(a, "m%lld-", (long long)m->id);

	html_fmt(b, "<li>%s%s%s%s", m->text, m->responsible_name != NULL ? " – " : "",
	    m->responsible_name != NULL ? m->responsible_name : "",
	    m->responsible_name != NULL && !m->responsible_active ?
	    _(" (deactivated)") : "");
	web_measure_late(b, req->ctx, m);
	if (m->status == MEASURE_DONE) {
		html_fmt(b, " <span class=\"status st-closed\">%s</span>", _("Done"));
		if (m->done_note != NULL)
			html_fmt(b, " %s", m->done_note);
	} else if (followup_may_complete(req->ctx, m)) {
		html_fmt(b, "<details><summary>%s</summary>", _("Mark the measure done"));
		hidden_action(b, req, id, "complete_measure");
		html_fmt(b, "<input type=\"hidden\" name=\"rec_id\" value=\"%D\">"
		    "<input type=\"hidden\" name=\"measure_id\" value=\"%D\">",
		    r->id, m->id);
		html_textarea_id(b, arena_printf(a, "%snote", p), "note",
		    _("What was done"), NULL, 0, NULL, NULL);
		html_fmt(b, "<button type=\"submit\">%s</button></form></details>",
		    _("Mark done"));
	}
	html_fmt(b, "</li>");
}

static void
render_view(struct http_req *req, struct http_resp *resp, int status,
    int64_t id, const char *error)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct followup_report	 r;
	struct followup_rec	*v;
	size_t			 n, i, k;
	int			 manage = followup_right(ctx, FOLLOWUP_RIGHT_MANAGE);
	int			 comment = followup_right(ctx, FOLLOWUP_RIGHT_COMMENT);

	if (followup_get(ctx, id, &r) != 0) {
		web_not_found(req, resp);
		return;
	}
	if (followup_recs(ctx, id, &v, &n) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	html_page_begin(b, req, r.title, "followup");
	html_fmt(b, "<p><a href=\"/followup\">%s</a></p><h1>%s</h1>\n",
	    _("Audit follow-up"), r.title);
	if (error != NULL)
		web_error(b, error);
	if (http_qint(req, FQF_SAVED, 0))
		web_notice(b, _("Saved."));
	html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
	    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>\n",
	    _("Auditor"), r.auditor, _("Report date"), followup_day(ctx->arena, r.report_on),
	    _("The control committee's case"), r.case_no != NULL ? r.case_no : "–",
	    _("Written status due"), followup_day(ctx->arena, r.status_due_on),
	    _("Written status sent"), followup_day(ctx->arena, r.status_sent_on));
	if (r.late) {
		html_fmt(b, "<div class=\"card late\"><h2>%s</h2><p>%s</p>",
		    _("The deadline was missed"), r.late_reason != NULL ?
		    r.late_reason : _("No explanation is given yet."));
		if (manage) {
			hidden_action(b, req, id, "explain_late");
			html_textarea(b, "late_reason", _("Why the deadline was missed"),
			    r.late_reason, 1, NULL, NULL);
			html_fmt(b, "<button type=\"submit\">%s</button></form>",
			    _("Save the explanation"));
		}
		html_fmt(b, "</div>\n");
	}
	if (manage && r.status_sent_on < 0) {
		html_fmt(b, "<details><summary>%s</summary>", _("The written status was sent"));
		hidden_action(b, req, id, "status_sent");
		html_date_input(b, "status_sent_on", "date", _("Sent on"), NULL, NULL);
		html_textarea(b, "late_reason", _("Why the deadline was missed (when it was)"),
		    NULL, 0, NULL, NULL);
		html_fmt(b, "<button type=\"submit\">%s</button></form></details>\n",
		    _("Save"));
	}
	/* The letter is the register's (AZ_FOLLOWUP_VIEW); a measure's
	 * responsible person reads this page but not the letter, so gets no
	 * link that answers 403. */
	if (followup_right(ctx, FOLLOWUP_RIGHT_VIEW))
		html_fmt(b, "<p><a href=\"/followup/%D/letter\">%s</a> · "
		    "<a href=\"/followup/%D/letter.pdf\">%s</a></p>\n", id,
		    _("The written answer, to print"), id,
		    _("The written answer as PDF"));
	for (i = 0; i < n; i++) {
		html_fmt(b, "<section class=\"card\"><h2>%s) %s</h2>", v[i].letter,
		    v[i].text);
		html_fmt(b, "<h3>%s</h3><p>%s</p>", _("Answer"), v[i].answer != NULL ?
		    v[i].answer : _("Not answered yet."));
		html_fmt(b, "<h3>%s</h3><p><span class=\"status %s\">%s</span> %s</p>",
		    _("Status"), v[i].status == FS_CLOSED ? "st-closed" :
		    v[i].status == FS_NOT_STARTED ? "st-new" : "st-progress",
		    followup_status_label(v[i].status),
		    v[i].status_note != NULL ? v[i].status_note : "");
		if (v[i].status_by != NULL)
			html_fmt(b, "<p class=\"hint\">%s</p>", arena_printf(ctx->arena,
			    _("Set by %s, %s"), v[i].status_by,
			    web_date(ctx->arena, v[i].status_at)));
		if (v[i].nmeasures > 0) {
			html_fmt(b, "<h3>%s</h3><ul>", _("Measures"));
			for (k = 0; k < v[i].nmeasures; k++)
				measure_item(b, req, id, &v[i], &v[i].measures[k]);
			html_fmt(b, "</ul>");
		}
		if (v[i].committee_view != NULL)
			html_fmt(b, "<h3>%s</h3><p>%s</p>", _("The committee's view"),
			    v[i].committee_view);
		rec_forms(b, req, id, &v[i], manage, comment);
		html_fmt(b, "</section>\n");
	}
	if (manage) {
		html_fmt(b, "<h2>%s</h2>", _("Add a recommendation"));
		hidden_action(b, req, id, "add_recommendation");
		html_input(b, "letter", _("Letter (a–z)"), "text", NULL, 1, NULL);
		html_textarea(b, "text", _("Recommendation"), NULL, 1, NULL, NULL);
		html_fmt(b, "<button type=\"submit\">%s</button></form>\n", _("Add"));
	}
	html_page_end(b, req);
}

/* The report named by the path, when ctx->user may read it (a measure's
 * responsible person reads its report too): 0 and *id, or -1 with the
 * refusal given (404 for no id, 403 for not theirs). */
static int
readable(struct http_req *req, struct http_resp *resp, int64_t *id)
{
	if (http_param_id(req, 0, id) != 0) {
		web_not_found(req, resp);
		return -1;
	}
	if (!followup_may_read(req->ctx, *id)) {
		web_forbidden(req, resp);
		return -1;
	}
	return 0;
}

void
web_followup_view(struct http_req *req, struct http_resp *resp)
{
	int64_t id;

	if (readable(req, resp, &id) != 0)
		return;
	render_view(req, resp, 200, id, NULL);
}

void
web_followup_action(struct http_req *req, struct http_resp *resp)
{
	struct followup_input	in;
	struct followup_result	r;
	int64_t			id;

	if (readable(req, resp, &id) != 0)
		return;
	if (req->form_error != NULL) {
		render_view(req, resp, 400, id, web_error_line(req, labels,
		    req->form_error_field, req->form_error));
		return;
	}
	followup_read(req->vals, &in);
	if (in.action == FA_CREATE)
		in.action = FA_MAX;
	followup_do(req->ctx, id, &in, &r);
	switch (r.outcome) {
	case FR_OK:
		http_redirect(resp, arena_printf(req->ctx->arena,
		    "/followup/%lld?saved=1", (long long)id));
		return;
	case FR_NOT_FOUND:
		web_not_found(req, resp);
		return;
	case FR_FORBIDDEN:
		web_forbidden(req, resp);
		return;
	case FR_INVALID:
		render_view(req, resp, 400, id, result_msg(req, &r));
		return;
	case FR_CONFLICT:
		render_view(req, resp, 409, id, result_msg(req, &r));
		return;
	default:
		web_failed(req, resp);
	}
}

/* --- the written answer -------------------------------------------------------- */

void
web_followup_letter(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct followup_report	 r;
	struct followup_rec	*v;
	size_t			 n, i;
	int64_t			 id;
	const char		*title;

	if (web_gate(req, resp, AZ_FOLLOWUP_VIEW) != 0)
		return;
	if (http_param_id(req, 0, &id) != 0 || followup_get(ctx, id, &r) != 0) {
		web_not_found(req, resp);
		return;
	}
	if (followup_recs(ctx, id, &v, &n) != 0) {
		web_failed(req, resp);
		return;
	}
	if (followup_letter_title(ctx, &r, &title) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	html_page_begin(b, req, title, "followup");
	html_fmt(b, "<article class=\"letter\"><p>%s</p><h1>%s</h1>\n",
	    ctx->tenant_name != NULL ? ctx->tenant_name : "", title);
	html_fmt(b, "<p>%s</p>\n", arena_printf(ctx->arena, _("The chief executive "
	    "was asked to give a written status on the follow-up of the audit "
	    "report (%s) by %s."), r.case_no != NULL ? r.case_no : r.auditor,
	    followup_day(ctx->arena, r.status_due_on)));
	if (r.late)
		html_fmt(b, "<p>%s</p>\n", r.late_reason != NULL ? r.late_reason :
		    _("The deadline was missed."));
	for (i = 0; i < n; i++) {
		html_fmt(b, "<section><h2>%s) %s</h2><p><strong>%s</strong> %s</p>"
		    "<p><strong>%s</strong> %s</p></section>\n", v[i].letter, v[i].text,
		    _("Answer:"), v[i].answer != NULL ? v[i].answer : "",
		    _("Status:"), followup_status_line(ctx->arena, v[i].status,
		    v[i].status_note));
	}
	html_fmt(b, "</article>\n<p><a href=\"/followup/%D/letter.pdf\">%s</a></p>\n",
	    id, _("The written answer as PDF"));
	html_page_end(b, req);
}

void
web_followup_letter_pdf(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	int64_t		 id;
	int		 rc;

	if (web_gate(req, resp, AZ_FOLLOWUP_VIEW) != 0)
		return;
	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return;
	}
	buf_reset(&resp->body);
	if ((rc = followup_letter_pdf(ctx, id, &resp->body)) != 0) {
		if (rc == FOLLOWUP_ERR_NOTFOUND)
			web_not_found(req, resp);
		else
			web_failed(req, resp);
		return;
	}
	resp->status = 200;
	resp->content_type = "application/pdf";
	http_header(resp, "Content-Disposition", arena_printf(ctx->arena,
	    "attachment; filename=\"svar-forvaltningsrevisjon-%lld.pdf\"",
	    (long long)id));
	http_header(resp, "Cache-Control", "private, no-store");
}
