/* web/document/follow.c: following the register up: who has read a
 * document (by unit, with a leader's go-through with staff), the main
 * process tree, and revision status by process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "document/doc_input.h"
#include "document/document.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "web/document/doc_web.h"
#include "web/ui.h"
#include "web/web.h"

void
web_document_coverage(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct document		 d;
	struct doc_reader	*v;
	struct unit		*units;
	size_t			 n, nu, i;
	int64_t			 id;
	int			 asked = 0, done = 0, rc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (http_param_id(req, 0, &id) != 0 ||
	    (rc = document_get(ctx, id, &d)) == DOC_ERR_NOTFOUND) {
		web_not_found(req, resp);
		return;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return;
	}
	if ((rc = document_coverage(ctx, &d, &v, &n)) == DOC_ERR_FORBIDDEN) {
		web_forbidden(req, resp);
		return;
	}
	if (rc != 0 || org_unit_list(ctx, &units, &nu) != 0) {
		web_failed(req, resp);
		return;
	}
	for (i = 0; i < n; i++) {
		asked++;
		done += v[i].how != 0;
	}
	html_page_begin(b, req, _("Who has read it"), "documents");
	html_fmt(b, "<h1 id=\"cov-h\">%s: %s %s</h1>", _("Who has read it"), d.code, d.title);
	html_fmt(b, "<p><a href=\"/documents/%D\">%s</a></p>", d.id,
	    _("Back to the document"));
	html_fmt(b, "<p class=\"big-number\">%s: <strong>%d / %d</strong></p>",
	    _("Confirmed"), done, asked);
	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-labelledby=\"cov-h\"><table><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "</tr></thead><tbody>", _("Name"), _("Unit"), _("Confirmed"));
	for (i = 0; i < n; i++) {
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s %s</td></tr>",
		    v[i].name, v[i].unit_id > 0 ?
		    web_unit_name(units, nu, v[i].unit_id) : "",
		    v[i].how == 0 ? _("Not yet") : v[i].how == 1 ? _("Read") :
		    _("Go-through with staff"), web_doc_day(ctx, v[i].at));
	}
	html_fmt(b, "</tbody></table></div>");
	if (d.status == DOC_CURRENT) {
		html_fmt(b, "<form method=\"post\" action=\"/documents/%D/action\">"
		    "<fieldset><legend>%s</legend>", d.id,
		    _("Register a go-through with staff"));
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"go_through\">");
		html_date_input(b, "held_on", "date", _("Held on (empty: today)"), NULL,
		    NULL);
		html_textarea(b, "attendees", _("Who attended (logins, one per line)"),
		    NULL, 1, NULL, NULL);
		html_fmt(b, "<button type=\"submit\">%s</button></fieldset></form>",
		    _("Register"));
	}
	html_page_end(b, req);
}

static void
processes_render(struct http_req *req, struct http_resp *resp, int status,
    const char *error)
{
	struct buf		*b = &resp->body;
	struct doc_process	*v;
	size_t			 n, i;

	if (doc_process_list(req->ctx, &v, &n) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	buf_reset(b);
	html_page_begin(b, req, _("Main processes"), "documents");
	html_fmt(b, "<h1>%s</h1><ul class=\"tree\">", _("Main processes"));
	for (i = 0; i < n; i++)
		html_fmt(b, "<li class=\"depth-%d\"><a href=\"/documents?process_id=%D\">%R%s</a></li>",
		    v[i].depth > 3 ? 3 : v[i].depth, v[i].id,
		    v[i].depth > 0 ? "&nbsp;&nbsp;&nbsp;" : "", v[i].name);
	html_fmt(b, "</ul>");
	if (document_right(req->ctx, DOC_RIGHT_PROCESSES)) {
		html_fmt(b, "<form method=\"post\" action=\"/documents/processes\">"
		    "<fieldset><legend>%s</legend>", _("Add a process"));
		html_csrf(b, req);
		html_input(b, "name", _("Name"), "text", NULL, 1, error);
		html_fmt(b, "<div class=\"field\"><label for=\"f-parent_id\">%s</label>"
		    "<select id=\"f-parent_id\" name=\"parent_id\"><option value=\"0\">%s</option>",
		    _("Under"), _("(a top group)"));
		for (i = 0; i < n; i++)
			html_fmt(b, "<option value=\"%D\">%R%s</option>", v[i].id,
			    v[i].depth > 0 ? "&nbsp;&nbsp;" : "", v[i].name);
		html_fmt(b, "</select></div><button type=\"submit\">%s</button>"
		    "</fieldset></form>", _("Add"));
	}
	html_page_end(b, req);
}

void
web_document_processes(struct http_req *req, struct http_resp *resp)
{
	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	processes_render(req, resp, 200, NULL);
}

void
web_document_process_add(struct http_req *req, struct http_resp *resp)
{
	int64_t id;

	if (web_gate(req, resp, AZ_DOC_PROCESSES) != 0)
		return;
	if (req->form_error != NULL) {
		processes_render(req, resp, 400, req->form_error);
		return;
	}
	id = doc_process_add(req->ctx, http_int(req, DPF_PARENT_ID, 0),
	    http_text(req, DPF_NAME));
	if (id == DOC_ERR_FORBIDDEN)
		web_forbidden(req, resp);
	else if (id == DOC_ERR_INVALID)
		processes_render(req, resp, 400, _("Choose a main process from the list."));
	else if (id < 0)
		web_failed(req, resp);
	else
		http_redirect(resp, "/documents/processes");
}

/* The same by unit, for those who follow units (the module says which). */
static void
revision_by_unit(struct buf *b, const struct doc_revision_row *v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	html_fmt(b, "<h2 id=\"revu-h\">%s</h2><p>%s</p>", _("By unit"),
	    _("The current documents each unit has been given; those for every unit are counted once, on their own row."));
	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-labelledby=\"revu-h\"><table><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Unit"), _("Current"), _("Due within 30 days"), _("Overdue"),
	    _("Revised this year"));
	for (i = 0; i < n; i++)
		html_fmt(b, "<tr><th scope=\"row\" class=\"depth-%d\">%R%s</th>"
		    "<td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>",
		    v[i].depth > 3 ? 3 : v[i].depth,
		    v[i].depth > 0 ? "&nbsp;&nbsp;&nbsp;" : "",
		    v[i].name != NULL ? v[i].name : _("The whole municipality"), v[i].current,
		    v[i].due, v[i].overdue, v[i].revised_this_year);
	html_fmt(b, "</tbody></table></div><p><a href=\"/documents/reading\">%s</a></p>",
	    _("Read-confirmation by unit"));
}

void
web_document_revision(struct http_req *req, struct http_resp *resp)
{
	struct buf		*b = &resp->body;
	struct doc_revision_row	*v;
	size_t			 n, i;
	struct doc_revision_row	*u;
	size_t			 nu;
	int			 t[4] = { 0, 0, 0, 0 };

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (document_revision_status(req->ctx, &v, &n) != 0 ||
	    document_revision_by_unit(req->ctx, &u, &nu) != 0) {
		web_failed(req, resp);
		return;
	}
	html_page_begin(b, req, _("Revision status"), "documents");
	html_fmt(b, "<h1 id=\"rev-h\">%s</h1><p><a href=\"/documents?due=1\">%s</a></p>",
	    _("Revision status"), _("Documents due for revision"));
	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-labelledby=\"rev-h\"><table><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Main process"), _("Current"), _("Due within 30 days"), _("Overdue"),
	    _("Revised this year"));
	for (i = 0; i < n; i++) {
		html_fmt(b, "<tr><th scope=\"row\">%s</th><td>%d</td><td>%d</td>"
		    "<td>%d</td><td>%d</td></tr>", v[i].name, v[i].current,
		    v[i].due, v[i].overdue, v[i].revised_this_year);
		t[0] += v[i].current;
		t[1] += v[i].due;
		t[2] += v[i].overdue;
		t[3] += v[i].revised_this_year;
	}
	html_fmt(b, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td>%d</td>"
	    "<td>%d</td><td>%d</td><td>%d</td></tr></tfoot></table></div>",
	    _("Total"), t[0], t[1], t[2], t[3]);
	revision_by_unit(b, u, nu);
	html_page_end(b, req);
}
