/* web/report/sections.c: the written part of the tertial report (seeds/001).
 *
 *   GET  /reports/tertial/sections?year=&tertial=&unit_id=
 *	per group the leaders may write for: the group's numbers and the
 *	closed deviations' causes and lessons beside the four text boxes,
 *	each saved by a plain form POST ("Lagre" keeps a version) and marked
 *	ready; for the sector head and the quality adviser every group, and
 *	the approval.
 *   POST /reports/tertial/sections	section_save or approve (report_do)
 *   GET  /reports/tertial/versions?...&group_key=&section=
 *	every saved version of one section.
 *
 * Decisions are report_do's and authz's; this page lays out. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "deviation/view.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "report/report.h"
#include "report/written.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include "web/report/report_web.h"
#include "web/ui.h"
#include "web/web.h"

#define CAUSES_SHOWN	8	/* closed deviations shown beside a group's boxes */

/* A refused save, shown again by its box. */
struct serr {
	const char	*key, *section, *msg, *body;
	int		 ready;
};

static const char *
query_of(struct ctx *ctx, const struct rep_key *k)
{
	const char *q = arena_printf(ctx->arena, "year=%d&tertial=%d&unit_id=%lld",
	    k->year, k->tertial, (long long)k->area_id);

	return q != NULL ? q : "";
}

int
web_report_refused(struct http_req *req, struct http_resp *resp,
    const struct rep_result *res)
{
	switch (res->outcome) {
	case REP_NOT_FOUND:
		web_not_found(req, resp);
		return 1;
	case REP_FORBIDDEN:
		web_forbidden(req, resp);
		return 1;
	case REP_FAILED:
		web_failed(req, resp);
		return 1;
	default:
		return 0;
	}
}

/* Text as paragraphs: a blank line parts them, a newline breaks a line. */
void
web_report_paragraphs(struct buf *b, struct arena *a, const char *s)
{
	const char	*p = s, *e;
	char		*line;

	while (p != NULL && *p != '\0') {
		while (*p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		html_fmt(b, "<p>");
		for (;;) {
			e = strchr(p, '\n');
			line = arena_strndup(a, p, e != NULL ? (size_t)(e - p) :
			    strlen(p));
			if (line != NULL && (e = strchr(line, '\r')) != NULL)
				line[e - line] = '\0';
			html_fmt(b, "%s", line != NULL ? line : "");
			p = strchr(p, '\n');
			if (p == NULL || p[1] == '\n' || (p[1] == '\r' && p[2] == '\n') ||
			    p[1] == '\0')
				break;
			p++;
			html_fmt(b, "<br>");
		}
		html_fmt(b, "</p>");
	}
}

/* The closed deviations of the group in the period, with their cause and
 * the lesson written when closing, as far as the user may read them. */
static void
put_causes(struct buf *b, struct ctx *ctx, const struct rep_numbers *n,
    const struct rep_row *r)
{
	struct dev_filter	 f;
	struct deviation	*d;
	size_t			 nd, i, j, shown = 0;

	html_fmt(b, "<details class=\"causes\"><summary>%s</summary><ul>",
	    _("Causes and lessons of the closed deviations"));
	for (j = 0; j < r->nunits && shown < CAUSES_SHOWN; j++) {
		memset(&f, 0, sizeof(f));
		f.scope = deviation_list_scope(ctx);
		f.unit_id = r->unit_ids[j];
		f.status = "closed";
		f.kind = DEV_DEVIATION;
		f.from = n->period.from;
		f.to = n->period.to;
		f.limit = CAUSES_SHOWN;
		if (f.scope == DEV_SCOPE_NONE ||
		    deviation_list(ctx, &f, &d, &nd, NULL) != 0)
			continue;
		for (i = 0; i < nd && shown < CAUSES_SHOWN; i++, shown++)
			html_fmt(b, "<li><strong>%s</strong> (%s): %s %s%s%s%s</li>",
			    d[i].title != NULL ? d[i].title : "",
			    d[i].category_name != NULL ? d[i].category_name : "",
			    d[i].cause != NULL ? _("Cause:") : "",
			    d[i].cause != NULL ? d[i].cause : "",
			    d[i].summary != NULL ? " " : "",
			    d[i].summary != NULL ? _("Lesson:") : "",
			    d[i].summary != NULL ? arena_printf(ctx->arena, " %s",
			    d[i].summary) : "");
	}
	if (shown == 0)
		html_fmt(b, "<li>%s</li>", _("No closed deviation you may read in the period."));
	html_fmt(b, "</ul></details>\n");
}

/* The group's numbers beside its boxes. */
static void
put_numbers(struct buf *b, struct ctx *ctx, const struct rep_numbers *n,
    const struct rep_row *r)
{
	size_t i;

	html_fmt(b, "<p class=\"group-numbers\">%s</p>",
	    arena_printf(ctx->arena, _("%lld deviations, %lld still open and %lld closed; %lld the same period last year. %lld improvement proposals."),
	    (long long)r->deviations, (long long)r->open, (long long)r->closed,
	    (long long)r->last_deviations, (long long)r->improvements));
	html_fmt(b, "<ul class=\"by-category\">");
	for (i = 0; i < n->ncat; i++)
		if (r->by_cat[i] > 0)
			html_fmt(b, "<li>%s: %D</li>", n->cats[i].name, r->by_cat[i]);
	html_fmt(b, "</ul>");
}

static const struct rep_text *
text_of(const struct rep_text *t, size_t nt, const char *key, enum rep_section s)
{
	size_t i;

	for (i = 0; i < nt; i++)
		if (t[i].section == s && strcmp(t[i].group_key, key) == 0)
			return &t[i];
	return NULL;
}

static void
put_section(struct buf *b, struct http_req *req, const struct rep_key *k,
    const struct rep_row *r, enum rep_section s, const struct rep_text *t,
    int writable, const struct serr *e)
{
	struct ctx	*ctx = req->ctx;
	const char	*id = arena_printf(ctx->arena, "s-%s-%s", r->key,
			    report_section_name(s));
	const char	*err = e != NULL && e->msg != NULL && e->key != NULL &&
			    strcmp(e->key, r->key) == 0 &&
			    strcmp(e->section, report_section_name(s)) == 0 ?
			    e->msg : NULL;
	const char	*body = err != NULL ? e->body : t != NULL ? t->body : "";
	int		 ready = err != NULL ? e->ready : t != NULL && t->ready;

	html_fmt(b, "<div class=\"report-section\" id=\"%s\"><h3>%s</h3>", id,
	    report_section_title(s));
	if (t != NULL)
		html_fmt(b, "<p class=\"hint\">%s · <a href=\"%H\">%s</a></p>",
		    arena_printf(ctx->arena, t->ready ?
		    _("Ready — version %d, %s by %s") : _("Draft — version %d, %s by %s"),
		    t->version, web_datetime(ctx->arena, t->updated_at),
		    t->updated_by != NULL ? t->updated_by : "–"),
		    arena_printf(ctx->arena, "/reports/tertial/versions?%s&group_key=%s&section=%s",
		    query_of(ctx, k), r->key, report_section_name(s)),
		    _("Saved versions"));
	if (!writable) {
		if (t != NULL)
			web_report_paragraphs(b, ctx->arena, t->body);
		else
			html_fmt(b, "<p class=\"hint\">%s</p>", _("Not written yet."));
		html_fmt(b, "</div>\n");
		return;
	}
	html_fmt(b, "<form method=\"post\" action=\"/reports/tertial/sections\" "
	    "class=\"section-form\">");
	html_csrf(b, req);
	html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"section_save\">"
	    "<input type=\"hidden\" name=\"year\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"tertial\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"area_id\" value=\"%D\">"
	    "<input type=\"hidden\" name=\"group_key\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"section\" value=\"%s\">",
	    k->year, k->tertial, k->area_id, r->key, report_section_name(s));
	html_fmt(b, "<div class=\"field%R\"><label for=\"%s-body\">%s</label>",
	    err != NULL ? " invalid" : "", id,
	    arena_printf(ctx->arena, "%s: %s", r->name, report_section_title(s)));
	if (err != NULL)
		html_fmt(b, "<p class=\"error\" id=\"%s-error\">%s</p>", id, err);
	html_fmt(b, "<textarea id=\"%s-body\" name=\"body\" rows=\"8\"%R>%s</textarea>"
	    "</div>", id, err != NULL ? " aria-invalid=\"true\"" : "",
	    body != NULL ? body : "");
	html_fmt(b, "<div class=\"field checkbox\"><input type=\"checkbox\" "
	    "id=\"%s-ready\" name=\"ready\" value=\"1\"%R><label for=\"%s-ready\">"
	    "%s</label></div>", id, ready ? " checked" : "", id,
	    _("Ready for the sector head"));
	html_fmt(b, "<button type=\"submit\">%s</button></form></div>\n", _("Save"));
}

/* The report a GET or a failed POST is about; -1 when the answer is
 * given. */
static int
key_from_query(struct http_req *req, struct http_resp *resp, struct rep_key *k)
{
	const char *field, *why;

	if (report_key_read(req->ctx, req, k, &field, &why) != 0) {
		if (field == NULL)	/* the store failed */
			web_failed(req, resp);
		else
			web_not_found(req, resp);
		return -1;
	}
	return 0;
}

static void
render(struct http_req *req, struct http_resp *resp, int status,
    const struct rep_key *k, const struct serr *e)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct rep_numbers	 n;
	struct rep_approval	 a;
	struct rep_text		*t;
	struct unit		*allowed;
	size_t			 nt, nallowed, i, shown = 0, ready = 0, total = 0;
	const char		*field, *title;
	int			 whole, rc, s, w;

	rc = report_numbers_for(ctx, k, 1, &n, &a, &field);
	if ((rc == REP_ERR_FORBIDDEN || rc == REP_ERR_INVALID) && e != NULL) {
		/* A refused form that names no report the user may open (no
		 * area, no year): the reason alone, nothing was saved. */
		resp->status = status;
		html_page_begin(b, req, _("Written sections"), "report");
		html_fmt(b, "<h1>%s</h1>\n", _("Written sections"));
		web_error(b, e->msg);
		html_fmt(b, "<p><a href=\"/reports/tertial\">%s</a></p>\n",
		    _("Tertial report"));
		html_page_end(b, req);
		return;
	}
	if (rc == REP_ERR_FORBIDDEN) {
		web_forbidden(req, resp);
		return;
	}
	if (rc == REP_ERR_INVALID) {
		web_not_found(req, resp);
		return;
	}
	if (rc != 0 || report_texts(ctx, k, &t, &nt) != 0 ||
	    report_areas(ctx, REP_RIGHT_SECTIONS, &allowed, &nallowed, &whole) != 0) {
		web_failed(req, resp);
		return;
	}
	title = arena_printf(ctx->arena, "%s – %s", k->tertial > 0 ?
	    arena_printf(ctx->arena, _("Tertial report T%d %d"), k->tertial, k->year) :
	    arena_printf(ctx->arena, _("Annual report %d"), k->year),
	    _("Written sections"));
	resp->status = status;
	html_page_begin(b, req, title != NULL ? title : _("Written sections"), "report");
	html_fmt(b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", title != NULL ? title : "",
	    n.area_name != NULL ? n.area_name : "");
	if (http_qint(req, RSQ_SAVED, 0))
		web_notice(b, _("Saved. Every save is kept as a version."));
	if (http_qint(req, RSQ_APPROVED, 0))
		web_notice(b, _("The report is approved. Its numbers and text are frozen."));
	if (e != NULL && e->msg != NULL && e->key == NULL)
		web_error(b, e->msg);
	html_fmt(b, "<form method=\"get\" action=\"/reports/tertial/sections\" "
	    "class=\"filters\"><div class=\"filter-grid\">");
	web_unit_select(b, "rs-unit_id", "unit_id", _("Area"), allowed, nallowed,
	    k->area_id, whole ? ctx->tenant_name : NULL, 0, 0, NULL);
	html_fmt(b, "<input type=\"hidden\" name=\"year\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"tertial\" value=\"%d\"></div>"
	    "<button type=\"submit\">%s</button></form>\n", k->year, k->tertial,
	    _("Show"));
	if (report_right(ctx, REP_RIGHT_VIEW, k->area_id))
		html_fmt(b, "<p><a href=\"%H\">%s</a></p>\n",
		    arena_printf(ctx->arena, "/reports/tertial?%s", query_of(ctx, k)),
		    _("The report with its numbers"));
	if (a.approved_at != 0)
		html_fmt(b, "<p class=\"approved\" role=\"status\">%s</p>\n",
		    arena_printf(ctx->arena, _("Approved %s by %s"),
		    web_date(ctx->arena, a.approved_at), a.approved_by));
	if (n.partial)
		html_fmt(b, "<p class=\"hint\">%s</p>\n",
		    _("The numbers count the deviations your statistics may count; the sector head sees the whole group's."));
	if (n.derived)
		html_fmt(b, "<p class=\"hint\">%s</p>\n",
		    _("No reporting groups are kept for this area: the groups are derived from the kinds of units."));
	for (i = 0; i < n.nrows; i++) {
		const struct rep_row *r = &n.rows[i];

		if (!report_row_right(ctx, REP_ROW_READ, k->area_id, r))
			continue;
		w = a.approved_at == 0 &&
		    report_row_right(ctx, REP_ROW_WRITE, k->area_id, r);
		shown++;
		html_fmt(b, "<section class=\"report-group\" aria-labelledby=\"h-%s\">"
		    "<h2 id=\"h-%s\">%s</h2>", r->key, r->key, r->name);
		put_numbers(b, ctx, &n, r);
		if (a.approved_at == 0)
			put_causes(b, ctx, &n, r);
		for (s = 0; s < RS_MAX; s++) {
			const struct rep_text *x = text_of(t, nt, r->key,
			    (enum rep_section)s);

			total++;
			ready += x != NULL && x->ready;
			put_section(b, req, k, r, (enum rep_section)s, x, w, e);
		}
		html_fmt(b, "</section>\n");
	}
	if (shown == 0)
		html_fmt(b, "<p>%s</p>\n", _("There is no group here you may write for."));
	if (a.approved_at == 0 && report_right(ctx, REP_RIGHT_APPROVE, k->area_id)) {
		html_fmt(b, "<section aria-labelledby=\"h-approve\"><h2 id=\"h-approve\">"
		    "%s</h2><p>%s</p><form method=\"post\" action=\"/reports/tertial/sections\">",
		    _("Approve the report"),
		    arena_printf(ctx->arena, _("%zu of %zu sections are marked ready. Approving freezes the numbers and the text as they are now."),
		    ready, total));
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"approve\">"
		    "<input type=\"hidden\" name=\"year\" value=\"%d\">"
		    "<input type=\"hidden\" name=\"tertial\" value=\"%d\">"
		    "<input type=\"hidden\" name=\"area_id\" value=\"%D\">"
		    "<button type=\"submit\">%s</button></form></section>\n",
		    k->year, k->tertial, k->area_id, _("Approve"));
	}
	html_page_end(b, req);
}

void
web_report_sections(struct http_req *req, struct http_resp *resp)
{
	struct rep_key k;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0 ||
	    key_from_query(req, resp, &k) != 0)
		return;
	render(req, resp, 200, &k, NULL);
}

/* The section form's labels, for the line naming what was wrong. */
static const struct web_label labels[] = {
	{ "body", N_("Text") }, { "ready", N_("Ready for the sector head") },
	{ "unit_id", N_("Area") }, { NULL, NULL },
};

void
web_report_sections_post(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct rep_input	 in;
	struct rep_result	 res;
	struct rep_key		 k;
	struct serr		 e;
	const char		*loc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	/* Who writes or approves nowhere is refused before the body is
	 * read; which group and report is report_do's question. */
	if (!report_right(ctx, REP_RIGHT_WRITE_SOMEWHERE, 0)) {
		web_forbidden(req, resp);
		return;
	}
	report_read(req->vals, RA_MAX, &in);
	if (in.action != RA_SECTION_SAVE && in.action != RA_APPROVE)
		in.action = RA_MAX;
	if (req->form_error != NULL)
		in.bad_field = req->form_error_field != NULL ?
		    req->form_error_field : "action";
	k.year = in.year;
	k.tertial = in.tertial;
	k.area_id = in.area_id;
	report_do(ctx, &in, &res);
	if (res.outcome == REP_OK) {
		loc = in.action == RA_APPROVE ?
		    arena_printf(ctx->arena, "/reports/tertial/sections?%s&approved=1",
		    query_of(ctx, &k)) :
		    arena_printf(ctx->arena, "/reports/tertial/sections?%s&saved=1#s-%s-%s",
		    query_of(ctx, &k), in.group_key, in.section);
		http_redirect(resp, loc != NULL ? loc : "/reports/tertial");
		return;
	}
	if (web_report_refused(req, resp, &res))
		return;
	memset(&e, 0, sizeof(e));
	e.msg = res.outcome == REP_CONFLICT ?
	    _("The report is approved: nothing can be changed.") :
	    web_error_line(req, labels, res.field, _(res.why));
	if (res.outcome == REP_INVALID && res.field != NULL &&
	    strcmp(res.field, "body") == 0 && in.group_key != NULL &&
	    in.section != NULL) {
		e.key = in.group_key;
		e.section = in.section;
		e.body = http_form(req, "body");
		e.ready = in.ready;
	}
	if (report_period(k.year, k.tertial, &(struct rep_period){ 0 }) != 0) {
		/* Not a report at all: say so above the form of this year. */
		k.year = date_year(ctx->now);
		k.tertial = 0;
	}
	render(req, resp, res.outcome == REP_CONFLICT ? 409 : 400, &k, &e);
}

void
web_report_versions(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct rep_key		 k;
	struct rep_numbers	 n;
	struct rep_approval	 a;
	struct rep_text		*v;
	const struct rep_row	*r = NULL;
	enum rep_section	 s;
	const char		*key = http_qtext(req, RVQ_GROUP_KEY), *field;
	size_t			 nv, i;
	int			 rc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0 ||
	    key_from_query(req, resp, &k) != 0)
		return;
	rc = report_numbers_for(ctx, &k, 1, &n, &a, &field);
	if (rc == REP_ERR_FORBIDDEN) {
		web_forbidden(req, resp);
		return;
	}
	for (i = 0; rc == 0 && key != NULL && i < n.nrows; i++)
		if (strcmp(n.rows[i].key, key) == 0)
			r = &n.rows[i];
	if (rc != 0 || r == NULL ||
	    report_section_parse(http_qtext(req, RVQ_SECTION), &s) != 0 ||
	    !report_row_right(ctx, REP_ROW_READ, k.area_id, r)) {
		web_not_found(req, resp);
		return;
	}
	if (report_text_versions(ctx, &k, r->key, s, &v, &nv) != 0) {
		web_failed(req, resp);
		return;
	}
	html_page_begin(b, req, _("Saved versions"), "report");
	html_fmt(b, "<h1>%s</h1>\n<p class=\"lead\">%s – %s</p>\n",
	    _("Saved versions"), r->name, report_section_title(s));
	html_fmt(b, "<p><a href=\"%H\">%s</a></p>\n",
	    arena_printf(ctx->arena, "/reports/tertial/sections?%s#s-%s-%s",
	    query_of(ctx, &k), r->key, report_section_name(s)),
	    _("Back to the written sections"));
	if (nv == 0)
		html_fmt(b, "<p>%s</p>\n", _("Not written yet."));
	for (i = 0; i < nv; i++) {
		html_fmt(b, "<article class=\"version\"><h2>%s</h2>",
		    arena_printf(ctx->arena, v[i].ready ?
		    _("Ready — version %d, %s by %s") : _("Draft — version %d, %s by %s"),
		    v[i].version, web_datetime(ctx->arena, v[i].updated_at),
		    v[i].updated_by != NULL ? v[i].updated_by : "–"));
		web_report_paragraphs(b, ctx->arena, v[i].body);
		html_fmt(b, "</article>\n");
	}
	html_page_end(b, req);
}
