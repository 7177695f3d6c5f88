/* web/document/reading.c: read-confirmation coverage through the unit
 * tree (confirmed / asked, by unit, by person at the leaves) and a
 * leader's "Påminn". The module counts and decides who may look
 * (document_unit_coverage, document_remind); this page only translates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "document/doc_input.h"
#include "document/document.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "web/document/doc_web.h"
#include "web/ui.h"
#include "web/web.h"

static int
percent(int done, int asked)
{
	return asked > 0 ? (int)((100L * done) / asked) : 100;
}

static void
render(struct http_req *req, struct http_resp *resp, int status,
    int64_t unit_id, const char *notice, const char *error)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	struct doc_cov	 c;
	size_t		 i;
	int		 rc;

	rc = unit_id < 0 ? DOC_ERR_NOTFOUND : document_unit_coverage(ctx, unit_id, &c);
	if (rc == DOC_ERR_NOTFOUND) {
		web_not_found(req, resp);
		return;
	}
	if (rc == DOC_ERR_FORBIDDEN) {
		web_forbidden(req, resp);
		return;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	buf_reset(b);
	html_page_begin(b, req, _("Read-confirmation by unit"), "documents");
	if (c.unit != NULL)
		html_fmt(b, "<h1 id=\"read-h\">%s: %s</h1>",
		    _("Read-confirmation by unit"), c.unit);
	else
		html_fmt(b, "<h1 id=\"read-h\">%s</h1>", _("Read-confirmation by unit"));
	if (c.unit != NULL && c.parent_id > 0)
		html_fmt(b, "<p class=\"back\"><a href=\"/documents/reading?unit_id=%D\">%s</a></p>",
		    c.parent_id, _("Up one level"));
	else if (c.unit != NULL)
		html_fmt(b, "<p class=\"back\"><a href=\"/documents/reading\">%s</a></p>",
		    _("Up one level"));
	if (notice != NULL)
		web_notice(b, notice);
	if (error != NULL)
		web_error(b, error);
	html_fmt(b, "<p>%s</p>", _("Each person counts once for every current document that asks them to read and confirm it."));
	html_fmt(b, "<p class=\"big-number\">%s: <strong>%d / %d</strong> (%d %%)</p>",
	    _("Confirmed"), c.confirmed, c.asked, percent(c.confirmed, c.asked));
	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-labelledby=\"read-h\"><table><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Unit or person"), _("Confirmed"), _("Asked"), _("Share"));
	for (i = 0; i < c.n; i++) {
		const struct doc_cov_row *r = &c.rows[i];

		if (r->unit_id > 0)
			html_fmt(b, "<tr><th scope=\"row\"><a href=\"/documents/reading?unit_id=%D\">%s</a></th>",
			    r->unit_id, r->name);
		else
			html_fmt(b, "<tr><td>%s</td>", r->name);
		html_fmt(b, "<td>%d</td><td>%d</td><td>%d %%</td></tr>", r->confirmed,
		    r->asked, percent(r->confirmed, r->asked));
	}
	html_fmt(b, "</tbody></table></div>");
	if (c.unit != NULL && c.confirmed < c.asked) {
		html_fmt(b, "<form method=\"post\" action=\"/documents/reading/remind\">"
		    "<fieldset><legend>%s</legend><p class=\"hint\">%s</p>",
		    _("Remind"), _("Everyone in this unit and below who has something left to confirm gets a notification. Nobody is reminded more than once a week."));
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"unit_id\" value=\"%D\">"
		    "<button type=\"submit\">%s</button></fieldset></form>",
		    c.unit_id, _("Remind those who have not confirmed"));
	}
	html_page_end(b, req);
}

void
web_document_reading(struct http_req *req, struct http_resp *resp)
{
	int64_t		 sent = http_qint(req, DRQ_REMINDED, -1);
	const char	*notice = NULL;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	/* The count after a reminder (0 when everyone left was reminded this
	 * week); only a number is ever shown. */
	if (sent >= 0)
		notice = arena_printf(req->ctx->arena, _("Reminded: %d."), (int)sent);
	render(req, resp, 200, http_qint(req, DRQ_UNIT_ID, 0), notice, NULL);
}

/* The reminder form's one field, for the line naming what was wrong. */
static const struct web_label labels[] = {
	{ "unit_id", N_("Unit") }, { NULL, NULL },
};

void
web_document_remind(struct http_req *req, struct http_resp *resp)
{
	struct doc_result	r;
	int64_t			unit_id = http_int(req, DRM_UNIT_ID, 0);

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (req->form_error != NULL) {
		render(req, resp, 400, 0, NULL, web_error_line(req, labels,
		    req->form_error_field, req->form_error));
		return;
	}
	document_remind(req->ctx, unit_id, &r);
	switch (r.outcome) {
	case DOC_OK:
		http_redirect(resp, arena_printf(req->ctx->arena,
		    "/documents/reading?unit_id=%lld&reminded=%lld",
		    (long long)unit_id, (long long)r.id));
		return;
	case DOC_FORBIDDEN:
		web_forbidden(req, resp);
		return;
	case DOC_NOT_FOUND:
		web_not_found(req, resp);
		return;
	case DOC_INVALID:
		render(req, resp, 400, 0, NULL, web_error_line(req, labels,
		    r.field, _(r.why)));
		return;
	case DOC_CONFLICT:
	case DOC_FAILED:
		break;
	}
	web_failed(req, resp);
}
