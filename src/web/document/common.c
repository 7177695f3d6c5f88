/* web/document/common.c: what the document pages share: labels, the
 * translation of a doc_result, the field controls. Translation only: the
 * module decides (src/document/). */
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "document/document.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/date.h"
#include "web/document/doc_web.h"
#include "web/ui.h"
#include "web/web.h"

const char *
web_doc_status_label(enum doc_status s)
{
	switch (s) {
	case DOC_DRAFT:		return _("Draft");
	case DOC_PENDING:	return _("Awaiting approval");
	case DOC_CURRENT:	return _("Current");
	case DOC_RETIRED:	return _("Retired");
	case DOC_STATUS_MAX:	break;
	}
	return "";
}

const char *
web_doc_type_label(const char *t)
{
	static const struct { const char *code, *label; } types[] = {
		{ "routine", N_("Routine") },
		{ "procedure", N_("Procedure") },
		{ "guideline", N_("Guideline") },
		{ "regulation", N_("Regulation") },
		{ "plan", N_("Plan") },
		{ "form", N_("Form") },
		{ "template", N_("Template") },
	};
	size_t i;

	for (i = 0; t != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].code, t) == 0)
			return _(types[i].label);
	return t != NULL ? t : "";
}

const char *
web_doc_day(struct ctx *ctx, int64_t t)
{
	return t > 0 ? web_date(ctx->arena, t) : "";
}

const char *
web_doc_iso(struct ctx *ctx, int64_t t)
{
	return t > 0 ? web_iso_date(ctx->arena, t) : "";
}

void
web_doc_type_select(struct buf *b, const char *cur, const char *error)
{
	size_t i;

	html_fmt(b, "<div class=\"field%R\"><label for=\"f-type\">%s</label>",
	    error != NULL ? " invalid" : "", _("Type"));
	html_hint_error(b, "f-type", NULL, error);
	html_fmt(b, "<select id=\"f-type\" name=\"type\"");
	html_describedby(b, "f-type", NULL, error);
	html_fmt(b, ">");
	for (i = 0; doc_types[i] != NULL; i++)
		html_fmt(b, "<option value=\"%s\"%R>%s</option>", doc_types[i],
		    cur != NULL && strcmp(cur, doc_types[i]) == 0 ? " selected" : "",
		    web_doc_type_label(doc_types[i]));
	html_fmt(b, "</select></div>\n");
}

void
web_doc_process_select(struct buf *b, const struct doc_process *v, size_t n,
    int64_t cur, const char *error)
{
	size_t i;
	int d;

	html_fmt(b, "<div class=\"field%R\"><label for=\"f-process_id\">%s</label>",
	    error != NULL ? " invalid" : "", _("Main process"));
	html_hint_error(b, "f-process_id", NULL, error);
	html_fmt(b, "<select id=\"f-process_id\" name=\"process_id\"");
	html_describedby(b, "f-process_id", NULL, error);
	html_fmt(b, ">");
	for (i = 0; i < n; i++) {
		html_fmt(b, "<option value=\"%D\"%R>", v[i].id,
		    v[i].id == cur ? " selected" : "");
		for (d = 0; d < v[i].depth; d++)
			html_fmt(b, "&nbsp;&nbsp;");
		html_fmt(b, "%s</option>", v[i].name);
	}
	html_fmt(b, "</select></div>\n");
}

const char *
web_doc_why(const struct doc_result *r)
{
	return r->why != NULL ? _(r->why) : _("Check this field.");
}

/* The start page's "To read": what the person must still read and
 * confirm, as a card; nothing when there is nothing (or it cannot be
 * read: the start page still works). */
void
web_doc_home_card(struct buf *b, struct ctx *ctx)
{
	struct document	*v;
	size_t		 n, i;

	if (document_to_read(ctx, &v, &n) != 0 || n == 0)
		return;
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"read-h\">"
	    "<h2 id=\"read-h\">%s (%d)</h2><ul class=\"plain\">", _("To read"),
	    (int)n);
	for (i = 0; i < n && i < 10; i++)
		html_fmt(b, "<li><a href=\"/documents/%D\">%s %s</a></li>", v[i].id,
		    v[i].code, v[i].title);
	html_fmt(b, "</ul><p><a href=\"/documents/to-read\">%s</a></p></section>\n",
	    _("Everything you must read"));
}

void
web_doc_public_links(struct buf *b, struct ctx *ctx)
{
	struct document	*v;
	size_t		 n, i;

	/* A page that cannot read the register still works: no card. */
	if (document_public_list(ctx, &v, &n) != 0 || n == 0)
		return;
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"pubdoc-h\">"
	    "<h2 id=\"pubdoc-h\">%s</h2><p>%s</p><ul>",
	    _("The municipality's routines"),
	    _("How the municipality handles reports is written down in its own routine:"));
	for (i = 0; i < n; i++)
		html_fmt(b, "<li><a href=\"/d/%U\">%s %s</a></li>", v[i].code,
		    v[i].code, v[i].title);
	html_fmt(b, "</ul></section>\n");
}
