/* templates.c: the installation's shared templates (issue 14 item 7):
 * GET /documents/templates lists what the operator has published, and
 * POST /documents/templates/{id}/adopt makes one the municipality's own
 * copy (document_template_adopt decides and does it). */
#include <stdint.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "document/doc_input.h"
#include "document/document.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/buf.h"
#include "web/ui.h"
#include "web/web.h"

static void
render(struct http_req *req, struct http_resp *resp, int status,
    const char *error)
{
	struct buf		*b = &resp->body;
	struct doc_template	*t;
	size_t			 n, i;

	if (document_templates(req->ctx, &t, &n) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	buf_reset(b);
	html_page_begin(b, req, _("Shared templates"), "documents");
	html_fmt(b, "<h1>%s</h1><p>%s</p>", _("Shared templates"),
	    _("Templates the installation shares. Adopting one makes it your municipality's own copy: later changes to the template do not touch it."));
	if (error != NULL)
		web_error(b, error);
	if (n == 0)
		html_fmt(b, "<p>%s</p>", _("None"));
	for (i = 0; i < n; i++) {
		int doc = strcmp(t[i].kind, "document") == 0;

		html_fmt(b, "<section aria-labelledby=\"t-%D\"><h2 id=\"t-%D\">%s</h2>",
		    t[i].id, t[i].id, t[i].name);
		if (doc)
			html_fmt(b, "<p>%s: %s</p>", _("Document"), t[i].title);
		else
			html_fmt(b, "<pre>%s</pre>", t[i].content);
		html_fmt(b, "<form method=\"post\" action=\"/documents/templates/%D/adopt\">"
		    "<fieldset><legend>%s</legend>", t[i].id,
		    doc ? _("Adopt as a draft of your own") :
		    _("Add these main processes to yours"));
		html_csrf(b, req);
		if (doc) {
			html_fmt(b, "<div class=\"field\"><label for=\"f-code-%D\">%s</label>"
			    "<input id=\"f-code-%D\" name=\"code\" type=\"text\" value=\"%s\">"
			    "</div>", t[i].id, _("ID"), t[i].id,
			    t[i].code != NULL ? t[i].code : "");
		}
		html_fmt(b, "<button type=\"submit\">%s</button></fieldset></form>"
		    "</section>", _("Adopt"));
	}
	html_page_end(b, req);
}

void
web_document_templates(struct http_req *req, struct http_resp *resp)
{
	if (web_gate(req, resp, AZ_DOC_PROCESSES) != 0)
		return;
	render(req, resp, 200, NULL);
}

void
web_document_template_adopt(struct http_req *req, struct http_resp *resp)
{
	struct doc_result	r;
	int64_t			id;

	if (web_gate(req, resp, AZ_DOC_PROCESSES) != 0)
		return;
	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return;
	}
	if (req->form_error != NULL) {
		render(req, resp, 400, req->form_error);
		return;
	}
	document_template_adopt(req->ctx, id, http_text(req, DTA_CODE), &r);
	switch (r.outcome) {
	case DOC_OK:
		if (r.id > 0)
			http_redirect(resp, arena_printf(req->ctx->arena,
			    "/documents/%lld", (long long)r.id));
		else
			http_redirect(resp, "/documents/processes");
		return;
	case DOC_NOT_FOUND:
		web_not_found(req, resp);
		return;
	case DOC_FORBIDDEN:
		web_forbidden(req, resp);
		return;
	case DOC_INVALID:
		render(req, resp, 400, arena_printf(req->ctx->arena, "%s: %s",
		    r.field, _(r.why)));
		return;
	case DOC_CONFLICT:
	case DOC_FAILED:
		break;
	}
	web_failed(req, resp);
}
