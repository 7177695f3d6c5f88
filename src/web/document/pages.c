/* web/document/pages.c: the register's pages: the list with search, a new
 * document, one document with its versions and the forms of what the
 * reader may do, its file, and the permanent link /d/{ID}. Every change
 * goes through document_do with the field table the API uses
 * (document/doc_input.h); these pages only translate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "document/doc_input.h"
#include "document/document.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/filename.h"
#include "web/document/doc_web.h"
#include "web/ui.h"
#include "web/web.h"

/* What went wrong in a posted form, to show by its field. */
struct form_err {
	const char	*action;	/* the form it came from */
	const char	*field, *msg;
};

/* The labels of the document forms, for the line above them that names
 * what was wrong. */
static const struct web_label labels[] = {
	{ "code", N_("ID (the municipality's own, e.g. 2128)") },
	{ "title", N_("Title") }, { "type", N_("Type") },
	{ "process_id", N_("Main process") },
	{ "owner", N_("Owner (login; empty: you)") },
	{ "unit_id", N_("Applies to") },
	{ "units", N_("Or several units: their codes, separated by commas") },
	{ "public", N_("Public: readable without logging in") },
	{ "body", N_("Text") }, { "change_note", N_("Change note") },
	{ "approval_body", N_("Approved by (e.g. kommunestyret, AMU)") },
	{ "approval_case", N_("Case number (e.g. K.sak 69/2025)") },
	{ "approved_on", N_("Approval date (empty: today)") },
	{ "next_revision", N_("Next revision (empty: in 12 months)") },
	{ "held_on", N_("Held on (empty: today)") },
	{ "attendees", N_("Who attended (logins, one per line)") },
	{ NULL, NULL },
};

static const char *
err_for(const struct form_err *e, const char *action, const char *field)
{
	if (e == NULL || e->field == NULL || e->action == NULL ||
	    strcmp(e->action, action) != 0 || strcmp(e->field, field) != 0)
		return NULL;
	return e->msg;
}

/* The file part of a multipart form, into in. */
static void
take_file(struct http_req *req, struct doc_input *in)
{
	size_t i;

	for (i = 0; i < req->nfiles; i++)
		if (strcmp(req->files[i].field, "file") == 0 &&
		    (req->files[i].len > 0 || (req->files[i].filename != NULL &&
		    req->files[i].filename[0] != '\0'))) {
			in->file_name = req->files[i].filename;
			in->file_data = req->files[i].data;
			in->file_len = req->files[i].len;
			return;
		}
}

/* d's units, "Vestre skole, Sentrum skole" (codes: their codes, for the
 * edit form), in the arena. */
static const char *
unit_list(struct ctx *ctx, const struct unit *units, size_t nu,
    const struct document *d, int codes)
{
	const char	*s = "";
	size_t		 i, k;

	if (d->nunits == 0)
		return web_unit_name(units, nu, d->unit_id);
	for (i = 0; i < d->nunits; i++)
		for (k = 0; k < nu; k++)
			if (units[k].id == d->units[i]) {
				s = arena_printf(ctx->arena, "%s%s%s", s,
				    *s != '\0' ? ", " : "", codes ? units[k].code :
				    units[k].name);
				break;
			}
	return s != NULL ? s : "";
}

/* --- the list ----------------------------------------------------------------- */

void
web_documents(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct doc_filter	 f;
	struct document		*v;
	struct doc_process	*pv;
	struct document		*toread;
	size_t			 n, np, nr, i;
	const char		*bad;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	/* A status or type word that is not one is a 400 naming it (it was
	 * silently the whole list). */
	if (doc_list_query_read(req, &f, &bad) != 0) {
		http_html_error(req, resp, 400, arena_printf(ctx->arena,
		    "%s: %s", bad, _("is not valid")));
		return;
	}
	if (document_list(ctx, &f, &v, &n) != 0 ||
	    doc_process_list(ctx, &pv, &np) != 0 ||
	    document_to_read(ctx, &toread, &nr) != 0) {
		web_failed(req, resp);
		return;
	}
	html_page_begin(b, req, _("Governing documents"), "documents");
	html_fmt(b, "<h1>%s</h1>", _("Governing documents"));
	html_fmt(b, "<ul class=\"actions\">");
	if (nr > 0)
		html_fmt(b, "<li><a href=\"/documents/to-read\">%s (%d)</a></li>",
		    _("To read"), (int)nr);
	if (document_right(ctx, DOC_RIGHT_CREATE))
		html_fmt(b, "<li><a href=\"/documents/new\">%s</a></li>",
		    _("New document"));
	html_fmt(b, "<li><a href=\"/documents/revision\">%s</a></li>"
	    "<li><a href=\"/documents/processes\">%s</a></li></ul>",
	    _("Revision status"), _("Main processes"));
	/* Search and filters: a plain GET form. */
	html_fmt(b, "<form method=\"get\" action=\"/documents\" class=\"filters\" "
	    "role=\"search\">");
	html_input(b, "q", _("Search ID, title and text"), "search", f.q, 0, NULL);
	html_fmt(b, "<div class=\"field\"><label for=\"f-process_id\">%s</label>"
	    "<select id=\"f-process_id\" name=\"process_id\"><option value=\"0\">%s</option>",
	    _("Main process"), _("All"));
	for (i = 0; i < np; i++)
		html_fmt(b, "<option value=\"%D\"%R>%R%s</option>", pv[i].id,
		    pv[i].id == f.process_id ? " selected" : "",
		    pv[i].depth > 0 ? "&nbsp;&nbsp;" : "", pv[i].name);
	html_fmt(b, "</select></div>");
	html_fmt(b, "<div class=\"field\"><label for=\"f-status\">%s</label>"
	    "<select id=\"f-status\" name=\"status\"><option value=\"\">%s</option>",
	    _("Status"), _("All but retired"));
	for (i = 0; i < DOC_STATUS_MAX; i++)
		html_fmt(b, "<option value=\"%s\"%R>%s</option>",
		    doc_status_name((enum doc_status)i),
		    f.status == (int)i ? " selected" : "",
		    web_doc_status_label((enum doc_status)i));
	html_fmt(b, "</select></div>");
	html_checkbox(b, "due", _("Only those due for revision"), f.due, NULL);
	html_fmt(b, "<button type=\"submit\">%s</button></form>", _("Search"));

	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-labelledby=\"list-c\"><table><caption id=\"list-c\">%s</caption>"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Documents"), _("ID"), _("Title"), _("Main process"), _("Status"),
	    _("Next revision"));
	for (i = 0; i < n; i++)
		html_fmt(b, "<tr><td class=\"nowrap\">%s</td><td><a href=\"/documents/%D\">"
		    "%s</a><br><span class=\"hint\">%s</span></td><td>%s</td>"
		    "<td><span class=\"tag\">%s</span></td><td>%s%R%s</td></tr>",
		    v[i].code, v[i].id, v[i].title, web_doc_type_label(v[i].type),
		    v[i].process_name != NULL ? v[i].process_name : "",
		    web_doc_status_label(v[i].status),
		    web_doc_day(ctx, v[i].next_revision),
		    v[i].status == DOC_CURRENT && v[i].next_revision > 0 &&
		    v[i].next_revision <= ctx->now ? " " : "",
		    v[i].status == DOC_CURRENT && v[i].next_revision > 0 &&
		    v[i].next_revision <= ctx->now ? _("(overdue)") : "");
	html_fmt(b, "</tbody></table></div>");
	if (n == 0)
		html_fmt(b, "<p>%s</p>", _("No documents match."));
	html_page_end(b, req);
}

void
web_documents_to_read(struct http_req *req, struct http_resp *resp)
{
	struct buf	*b = &resp->body;
	struct document	*v;
	size_t		 n, i;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (document_to_read(req->ctx, &v, &n) != 0) {
		web_failed(req, resp);
		return;
	}
	html_page_begin(b, req, _("To read"), "documents");
	html_fmt(b, "<h1>%s</h1>", _("To read"));
	if (n == 0)
		html_fmt(b, "<p>%s</p>", _("You have read and confirmed everything that applies to you."));
	else {
		html_fmt(b, "<p>%s</p><ul>", _("Read these documents and confirm that you have read and understood them."));
		for (i = 0; i < n; i++)
			html_fmt(b, "<li><a href=\"/documents/%D\">%s %s</a></li>",
			    v[i].id, v[i].code, v[i].title);
		html_fmt(b, "</ul>");
	}
	html_page_end(b, req);
}

/* --- a new document --------------------------------------------------------------- */

static void
new_render(struct http_req *req, struct http_resp *resp, int status,
    const struct form_err *e)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct doc_process	*pv;
	struct unit		*units;
	size_t			 np, nu;
	int			 again = e != NULL;

	if (doc_process_list(ctx, &pv, &np) != 0 ||
	    org_unit_list(ctx, &units, &nu) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	buf_reset(b);
	html_page_begin(b, req, _("New document"), "documents");
	html_fmt(b, "<h1>%s</h1>", _("New document"));
	if (e != NULL && e->msg != NULL)
		web_error(b, web_error_line(req, labels, e->field, e->msg));
	html_fmt(b, "<form method=\"post\" action=\"/documents\" "
	    "enctype=\"multipart/form-data\">");
	html_csrf(b, req);
	html_input(b, "code", _("ID (the municipality's own, e.g. 2128)"), "text",
	    again ? http_form(req, "code") : NULL, 1, err_for(e, "create", "code"));
	html_input(b, "title", _("Title"), "text",
	    again ? http_form(req, "title") : NULL, 1, err_for(e, "create", "title"));
	web_doc_type_select(b, again ? http_form(req, "type") : "routine",
	    err_for(e, "create", "type"));
	web_doc_process_select(b, pv, np, again ? http_int(req, DF_PROCESS_ID, 0) : 0,
	    err_for(e, "create", "process_id"));
	html_input(b, "owner", _("Owner (login; empty: you)"), "text",
	    again ? http_form(req, "owner") : NULL, 0, err_for(e, "create", "owner"));
	web_unit_select_open(b, "f-unit_id", "unit_id", _("Applies to"), units, nu,
	    again ? http_int(req, DF_UNIT_ID, 0) : 0, _("The whole municipality"),
	    0, 0, err_for(e, "create", "unit_id"));
	html_input(b, "units", _("Or several units: their codes, separated by commas"),
	    "text", again ? http_form(req, "units") : NULL, 0,
	    err_for(e, "create", "units"));
	html_checkbox(b, "public", _("Public: readable without logging in"),
	    again && http_form(req, "public") != NULL, NULL);
	html_textarea(b, "body", _("Text"), again ? http_form(req, "body") : NULL, 0,
	    _("Headings: # or ##. Lists: - or 1. Tables: | a | b |. Links: [text](https://...)."),
	    err_for(e, "create", "body"));
	html_fmt(b, "<div class=\"field\"><label for=\"f-file\">%s</label>"
	    "<p class=\"hint\" id=\"f-file-hint\">%s</p>%R%s%R"
	    "<input type=\"file\" id=\"f-file\" name=\"file\" "
	    "accept=\".pdf,.docx,.odt,.xlsx\" aria-describedby=\"f-file-hint\"></div>",
	    _("File (optional)"), _("PDF, DOCX, ODT or XLSX, at most 10 MB."),
	    err_for(e, "create", "file") ? "<p class=\"error\">" : "",
	    err_for(e, "create", "file") ? err_for(e, "create", "file") : "",
	    err_for(e, "create", "file") ? "</p>" : "");
	html_textarea(b, "change_note", _("Change note (optional)"),
	    again ? http_form(req, "change_note") : NULL, 0, NULL, NULL);
	html_fmt(b, "<button type=\"submit\">%s</button></form>", _("Save draft"));
	html_page_end(b, req);
}

void
web_document_new(struct http_req *req, struct http_resp *resp)
{
	if (web_gate(req, resp, AZ_DOC_CREATE) != 0)
		return;
	new_render(req, resp, 200, NULL);
}

void
web_document_create(struct http_req *req, struct http_resp *resp)
{
	struct doc_input	in;
	struct doc_result	r;
	struct form_err		e = { "create", NULL, NULL };

	if (web_gate(req, resp, AZ_DOC_CREATE) != 0)
		return;
	if (req->form_error != NULL) {
		e.field = req->form_error_field;
		e.msg = e.field != NULL ? web_field_error(req, e.field) :
		    req->form_error;
		new_render(req, resp, 400, &e);
		return;
	}
	doc_read(req->vals, &in);
	in.action = DOC_A_CREATE;
	take_file(req, &in);
	document_do(req->ctx, 0, &in, &r);
	switch (r.outcome) {
	case DOC_OK:
		http_redirect(resp, arena_printf(req->ctx->arena, "/documents/%lld",
		    (long long)r.id));
		return;
	case DOC_INVALID:
		e.field = r.field;
		e.msg = web_doc_why(&r);
		new_render(req, resp, 400, &e);
		return;
	case DOC_FORBIDDEN:
		web_forbidden(req, resp);
		return;
	default:
		web_failed(req, resp);
		return;
	}
}

/* --- one document ---------------------------------------------------------------- */

static int
load(struct http_req *req, struct http_resp *resp, struct document *d)
{
	int64_t	id;
	int	rc;

	if (http_param_id(req, 0, &id) != 0 ||
	    (rc = document_get(req->ctx, id, d)) == DOC_ERR_NOTFOUND) {
		web_not_found(req, resp);
		return -1;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return -1;
	}
	return 0;
}

static void
action_form_begin(struct buf *b, struct http_req *req, const struct document *d,
    const char *action, const char *legend, int upload)
{
	html_fmt(b, "<form method=\"post\" action=\"/documents/%D/action\"%R>"
	    "<fieldset><legend>%s</legend>", d->id,
	    upload ? " enctype=\"multipart/form-data\"" : "", legend);
	html_csrf(b, req);
	html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">", action);
}

static void
put_version(struct buf *b, struct http_req *req, const struct document *d,
    const struct doc_version *v)
{
	if (v->file_type != NULL)
		html_fmt(b, "<p><a class=\"button-link\" href=\"/documents/%D/file?v=%d\">"
		    "%s (%s, %D kB)</a></p>", d->id, v->number, v->file_name,
		    v->file_type, (v->file_size + 1023) / 1024);
	(void)req;
	if (v->body != NULL)
		doc_markup_render(b, v->body);
}

/* A version's state (document_versions.state) as people read it. */
static const char *
version_state_label(const char *state)
{
	if (state == NULL)
		return "";
	if (strcmp(state, "draft") == 0)
		return web_doc_status_label(DOC_DRAFT);
	if (strcmp(state, "pending") == 0)
		return web_doc_status_label(DOC_PENDING);
	if (strcmp(state, "current") == 0)
		return web_doc_status_label(DOC_CURRENT);
	if (strcmp(state, "old") == 0)
		return _("Replaced");
	return state;
}

/* The deviations and improvement proposals tied to d (issue 14), for
 * those who may edit it: each one the viewer sees (document_tied). */
static void
put_tied(struct buf *b, struct ctx *ctx, const struct document *d)
{
	struct deviation	*v = NULL;
	size_t			 n = 0, i;

	if (!document_may(ctx, d, DOC_MAY_EDIT))
		return;
	if (document_tied(ctx, d, 0, &v, &n) != 0)
		n = 0;
	html_fmt(b, "<section aria-labelledby=\"dv-h\"><h2 id=\"dv-h\">%s</h2>",
	    _("Deviations and proposals about this document"));
	for (i = 0; i < n; i++)
		html_fmt(b, "%R<li><a href=\"/deviations/%D\">%s</a> %s</li>",
		    i == 0 ? "<ul class=\"tied\">" : "", v[i].id,
		    v[i].number, v[i].title);
	if (n > 0)
		html_fmt(b, "</ul>");
	else
		html_fmt(b, "<p>%s</p>", _("None"));
	html_fmt(b, "</section>\n");
}

/* What version number of d answers (issue 14 item 6): each deviation or
 * proposal the viewer may see, linked. Nothing when it answers none. */
static void
put_answers(struct buf *b, struct ctx *ctx, const struct document *d,
    int number)
{
	struct deviation	*v;
	size_t			 n, i;

	if (document_answers(ctx, d, number, &v, &n) != 0 || n == 0)
		return;
	html_fmt(b, "<h3>%s</h3><ul class=\"tied\">", _("This version answers"));
	for (i = 0; i < n; i++)
		html_fmt(b, "<li><a href=\"/deviations/%D\">%s</a> %s</li>",
		    v[i].id, v[i].number, v[i].title);
	html_fmt(b, "</ul>");
}

/* The new-version form's choice of the open deviations and proposals
 * about d that it answers: those the writer may see. */
static void
put_answer_choices(struct buf *b, struct ctx *ctx, const struct document *d,
    const char *error)
{
	struct deviation	*v = NULL;
	size_t			 n = 0, i;

	if (document_tied(ctx, d, 1, &v, &n) != 0 || n == 0)
		return;
	html_fmt(b, "<fieldset class=\"checks\" id=\"f-v-answers\">"
	    "<legend>%s</legend>", _("This version answers"));
	if (error != NULL)
		html_fmt(b, "<p class=\"error\">%s</p>", error);
	for (i = 0; i < n; i++)
		html_fmt(b, "<div class=\"check\"><input type=\"checkbox\" "
		    "id=\"f-v-ans-%D\" name=\"answers\" value=\"%D\">"
		    "<label for=\"f-v-ans-%D\">%s %s</label></div>", v[i].id,
		    v[i].id, v[i].id, v[i].number, v[i].title);
	html_fmt(b, "</fieldset>");
}

static void
view_render(struct http_req *req, struct http_resp *resp, int status,
    const struct document *d, const struct form_err *e)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct doc_version	*vers, shown, *cur = NULL;
	struct doc_process	*pv;
	struct unit		*units;
	size_t			 nv, np, nu, i;
	int			 want, edit, approve, confirmed, to_confirm;

	want = (int)http_qint(req, DOCQ_V, 0);
	if (document_versions(ctx, d, &vers, &nv) != 0 ||
	    doc_process_list(ctx, &pv, &np) != 0 ||
	    org_unit_list(ctx, &units, &nu) != 0) {
		web_failed(req, resp);
		return;
	}
	if (want <= 0)
		want = d->current_version > 0 ? d->current_version : d->latest_version;
	for (i = 0; i < nv; i++)
		if (vers[i].number == want)
			cur = &vers[i];
	if (cur != NULL && document_version(ctx, d, cur->number, &shown, NULL) == 0)
		cur = &shown;
	edit = document_may(ctx, d, DOC_MAY_EDIT);
	approve = document_may(ctx, d, DOC_MAY_APPROVE);
	confirmed = document_confirmed(ctx, d) == 1;

	resp->status = status;
	buf_reset(b);
	html_page_begin(b, req, d->title, "documents");
	html_fmt(b, "<h1>%s %s</h1><p><span class=\"tag\">%s</span></p>",
	    d->code, d->title, web_doc_status_label(d->status));
	if (e != NULL && e->msg != NULL)
		web_error(b, web_error_line(req, labels, e->field, e->msg));
	if (http_qint(req, DOCQ_DONE, 0))
		web_notice(b, _("Saved."));

	/* What most readers came for is said first; the confirmation itself
	 * comes after the text, so that it is read before it is confirmed
	 * (on a phone the button above the text was pressed unread). */
	to_confirm = d->status == DOC_CURRENT && d->confirm_from > 0 &&
	    !confirmed;
	if (d->status == DOC_CURRENT && d->confirm_from > 0 && confirmed)
		web_notice(b, _("You have confirmed that you have read and understood this document."));
	else if (to_confirm)
		html_fmt(b, "<p class=\"lead\">%s <a href=\"#confirm\">%s</a></p>",
		    _("You are asked to read this document and confirm that you have understood it."),
		    _("To the confirmation, below the text"));

	html_fmt(b, "<dl class=\"meta\">");
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Type"), web_doc_type_label(d->type));
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Main process"),
	    d->process_name != NULL ? d->process_name : "");
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Owner"), d->owner_name);
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Applies to"), d->unit_id > 0 ?
	    unit_list(ctx, units, nu, d, 0) : _("The whole municipality"));
	if (d->approval_body != NULL)
		html_fmt(b, "<dt>%s</dt><dd>%s %s %s</dd>", _("Approved by"),
		    d->approval_body, d->approval_case != NULL ? d->approval_case : "",
		    web_doc_day(ctx, d->approved_on));
	if (d->next_revision > 0)
		html_fmt(b, "<dt>%s</dt><dd>%s%R%s</dd>", _("Next revision"),
		    web_doc_day(ctx, d->next_revision),
		    d->next_revision <= ctx->now ? " " : "",
		    d->next_revision <= ctx->now ? _("(overdue)") : "");
	html_fmt(b, "<dt>%s</dt><dd><a href=\"/d/%U\">/d/%s</a></dd>",
	    _("Permanent link"), d->code, d->code);
	html_fmt(b, "</dl>");
	if (document_may(ctx, d, DOC_MAY_COVERAGE))
		html_fmt(b, "<p><a href=\"/documents/%D/coverage\">%s</a></p>", d->id,
		    _("Who has read it"));

	if (cur != NULL) {
		html_fmt(b, "<section aria-labelledby=\"v-h\"><h2 id=\"v-h\">%s %d%R%s</h2>",
		    _("Version"), cur->number,
		    cur->number != d->current_version ? " – " : "",
		    cur->number != d->current_version ? (cur->approved_at > 0 ?
		    _("not the current version") : _("not approved yet")) : "");
		put_version(b, req, d, cur);
		put_answers(b, ctx, d, cur->number);
		html_fmt(b, "</section>");
	}
	if (to_confirm) {
		html_fmt(b, "<div id=\"confirm\">");
		action_form_begin(b, req, d, "confirm", _("Read-confirmation"), 0);
		html_fmt(b, "<p>%s</p><button type=\"submit\" class=\"big\">%s</button>"
		    "</fieldset></form></div>",
		    _("Read the document above, then confirm."),
		    _("I have read and understood"));
	}

	html_fmt(b, "<section aria-labelledby=\"vs-h\"><h2 id=\"vs-h\">%s</h2>"
	    "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
	    "<th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "</tr></thead><tbody>", _("Versions"), _("Version"), _("State"),
	    _("Change"), _("Change note"));
	for (i = 0; i < nv; i++)
		html_fmt(b, "<tr><td><a href=\"/documents/%D?v=%d\">%d</a></td>"
		    "<td>%s</td><td>%s</td><td>%s</td></tr>", d->id, vers[i].number,
		    vers[i].number, version_state_label(vers[i].state),
		    vers[i].significant ?
		    _("Significant") : _("Minor"),
		    vers[i].change_note != NULL ? vers[i].change_note : "");
	html_fmt(b, "</tbody></table></div></section>");
	put_tied(b, ctx, d);

	if (edit && d->status != DOC_RETIRED) {
		html_fmt(b, "<section aria-labelledby=\"w-h\"><h2 id=\"w-h\">%s</h2>",
		    _("Work on the document"));
		action_form_begin(b, req, d, "version", _("New version"), 1);
		html_textarea_id(b, "f-v-body", "body", _("Text"),
		    cur != NULL ? cur->body : NULL, 0,
		    _("Headings: # or ##. Lists: - or 1. Tables: | a | b |. Links: [text](https://...)."),
		    err_for(e, "version", "body"));
		html_fmt(b, "<div class=\"field\"><label for=\"f-v-file\">%s</label>"
		    "<input type=\"file\" id=\"f-v-file\" name=\"file\" "
		    "accept=\".pdf,.docx,.odt,.xlsx\"></div>", _("File (optional)"));
		html_textarea_id(b, "f-v-note", "change_note", _("Change note"), NULL, 0,
		    NULL, NULL);
		put_answer_choices(b, ctx, d, err_for(e, "version", "answers"));
		html_fmt(b, "<div class=\"check\"><input type=\"checkbox\" id=\"f-v-sig\" "
		    "name=\"significant\" value=\"1\" checked><label for=\"f-v-sig\">%s</label></div>",
		    _("Significant change: everyone must read and confirm again"));
		html_fmt(b, "<button type=\"submit\">%s</button></fieldset></form>",
		    _("Save draft"));
		if (d->pending) {
			action_form_begin(b, req, d, "submit", _("Send for approval"), 0);
			html_fmt(b, "<button type=\"submit\">%s</button></fieldset></form>",
			    _("Send for approval"));
		}
		if (d->status == DOC_CURRENT) {
			action_form_begin(b, req, d, "review",
			    _("Yearly revision: reviewed, no change"), 0);
			html_date_input(b, "next_revision", "date",
			    _("Next revision (empty: in 12 months)"), NULL,
			    err_for(e, "review", "next_revision"));
			html_fmt(b, "<button type=\"submit\">%s</button></fieldset></form>",
			    _("Reviewed, no change"));
		}
		action_form_begin(b, req, d, "edit", _("Register details"), 0);
		html_input(b, "title", _("Title"), "text", d->title, 1,
		    err_for(e, "edit", "title"));
		web_doc_type_select(b, d->type, err_for(e, "edit", "type"));
		web_doc_process_select(b, pv, np, d->process_id,
		    err_for(e, "edit", "process_id"));
		web_unit_select_open(b, "f-unit_id", "unit_id", _("Applies to"), units, nu,
		    d->unit_id, _("The whole municipality"), 0, 0,
		    err_for(e, "edit", "unit_id"));
		html_input(b, "units", _("Or several units: their codes, separated by commas"),
		    "text", d->nunits > 1 ? unit_list(ctx, units, nu, d, 1) : NULL,
		    0, err_for(e, "edit", "units"));
		html_checkbox(b, "public", _("Public: readable without logging in"),
		    d->public_, NULL);
		html_fmt(b, "<input type=\"hidden\" name=\"public_sent\" value=\"1\">");
		html_fmt(b, "<button type=\"submit\">%s</button></fieldset></form>",
		    _("Save"));
		action_form_begin(b, req, d, "retire", _("Retire"), 0);
		html_fmt(b, "<button type=\"submit\" class=\"secondary\">%s</button>"
		    "</fieldset></form>", _("Mark as retired"));
		html_fmt(b, "</section>");
	}
	if (approve && d->pending && d->latest_version > 0 &&
	    d->status != DOC_RETIRED) {
		action_form_begin(b, req, d, "approve", _("Record the approval"), 0);
		html_input(b, "approval_body", _("Approved by (e.g. kommunestyret, AMU)"),
		    "text", NULL, 1, err_for(e, "approve", "approval_body"));
		html_input(b, "approval_case", _("Case number (e.g. K.sak 69/2025)"),
		    "text", NULL, 0, err_for(e, "approve", "approval_case"));
		html_date_input(b, "approved_on", "date", _("Approval date (empty: today)"),
		    NULL, err_for(e, "approve", "approved_on"));
		html_date_input(b, "next_revision", "date",
		    _("Next revision (empty: in 12 months)"), NULL,
		    err_for(e, "approve", "next_revision"));
		html_fmt(b, "<button type=\"submit\">%s</button></fieldset></form>",
		    _("Approve"));
	}
	html_page_end(b, req);
}

void
web_document(struct http_req *req, struct http_resp *resp)
{
	struct document d;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0 || load(req, resp, &d) != 0)
		return;
	view_render(req, resp, 200, &d, NULL);
}

void
web_document_action(struct http_req *req, struct http_resp *resp)
{
	struct doc_input	 in;
	struct doc_result	 r;
	struct document		 d;
	struct form_err		 e = { NULL, NULL, NULL };
	int			 status;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0 || load(req, resp, &d) != 0)
		return;
	doc_read(req->vals, &in);
	e.action = doc_action_name(in.action);
	if (req->form_error != NULL) {
		e.field = req->form_error_field;
		e.msg = e.field != NULL ? web_field_error(req, e.field) :
		    req->form_error;
		view_render(req, resp, 400, &d, &e);
		return;
	}
	if (in.action == DOC_A_CREATE)
		in.action = DOC_A_MAX;
	/* An unticked box is not sent: the edit form says it was shown. */
	if (in.action == DOC_A_EDIT && http_form(req, "public_sent") != NULL)
		in.has_public = 1;
	take_file(req, &in);
	document_do(req->ctx, d.id, &in, &r);
	switch (r.outcome) {
	case DOC_OK:
		if (document_get(req->ctx, d.id, &d) != 0)
			http_redirect(resp, "/documents");
		else
			http_redirect(resp, arena_printf(req->ctx->arena,
			    "/documents/%lld?done=1", (long long)d.id));
		return;
	case DOC_NOT_FOUND:
		web_not_found(req, resp);
		return;
	case DOC_FORBIDDEN:
		web_forbidden(req, resp);
		return;
	case DOC_INVALID:
		e.field = r.field;
		e.msg = web_doc_why(&r);
		status = 400;
		break;
	case DOC_CONFLICT:
		e.msg = _("The document is not in a state that allows this.");
		status = 409;
		break;
	default:
		web_failed(req, resp);
		return;
	}
	if (document_load(req->ctx, d.id, &d) != 0) {
		web_failed(req, resp);
		return;
	}
	view_render(req, resp, status, &d, &e);
}

static void
send_file(struct http_req *req, struct http_resp *resp, const struct document *d,
    int number)
{
	struct doc_version	 v;
	const unsigned char	*data;

	if (document_version(req->ctx, d, number, &v, &data) != 0 ||
	    v.file_type == NULL || data == NULL) {
		web_not_found(req, resp);
		return;
	}
	buf_reset(&resp->body);
	buf_append(&resp->body, data, (size_t)v.file_size);
	resp->content_type = doc_file_mime(v.file_type);
	http_header(resp, "Content-Disposition",
	    filename_disposition(req->ctx->arena, "attachment", v.file_name));
	http_header(resp, "X-Content-Type-Options", "nosniff");
	resp->status = 200;
}

void
web_document_file(struct http_req *req, struct http_resp *resp)
{
	struct document	 d;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0 || load(req, resp, &d) != 0)
		return;
	send_file(req, resp, &d, (int)http_qint(req, DOCQ_V, d.current_version));
}

/* /d/{ID}: always the current version. Logged in: the document page; a
 * public document is readable without an account (and by someone signed
 * in who may not open its page); anyone else is asked to log in (and
 * learns nothing about whether it exists). */
void
web_document_link(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	struct document	 d;
	struct doc_version v;
	const char	*code = req->params[0];
	int		 file = strstr(req->path, "/file") != NULL;

	if (code == NULL) {
		web_not_found(req, resp);
		return;
	}
	if (ctx->user != NULL && document_by_code(ctx, code, &d) == 0) {
		if (file)
			send_file(req, resp, &d, d.current_version);
		else
			http_redirect(resp, arena_printf(ctx->arena,
			    "/documents/%lld", (long long)d.id));
		return;
	}
	/* A public document is read as the public reads it by anyone else,
	 * signed in too (someone of another unit). */
	if (document_public(ctx, code, &d) != 0) {
		if (ctx->user != NULL)
			web_not_found(req, resp);
		else
			http_redirect(resp, "/login");
		return;
	}
	if (file) {
		send_file(req, resp, &d, d.current_version);
		return;
	}
	if (document_version(ctx, &d, d.current_version, &v, NULL) != 0) {
		web_failed(req, resp);
		return;
	}
	html_page_begin(b, req, d.title, NULL);
	html_fmt(b, "<h1>%s %s</h1><p>%s %s %s</p>", d.code, d.title,
	    _("Approved by"), d.approval_body != NULL ? d.approval_body : "",
	    web_doc_day(ctx, d.approved_on));
	if (v.file_type != NULL)
		html_fmt(b, "<p><a class=\"button-link\" href=\"/d/%U/file\">%s</a></p>",
		    d.code, v.file_name);
	if (v.body != NULL)
		doc_markup_render(b, v.body);
	html_page_end(b, req);
}
