/* web/deviation/list.c: lists of deviations. "Mine meldinger" (the person's own
 * reports with what happened to them), the leader's inbox (overdue
 * first), and the filterable list of everything the user may see. The
 * scope always comes from deviation_list_scope. */
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "deviation/deviation.h"
#include "deviation/dev_input.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/num.h"
#include "web/deviation/pages.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

#define PAGE_ROWS	50

/* The scope, or -1 with a 403 given. */
static int
scope_of(struct http_req *req, struct http_resp *resp, enum dev_scope_kind *out)
{
	enum dev_scope_kind s = deviation_list_scope(req->ctx);

	if (s == DEV_SCOPE_NONE) {
		web_forbidden(req, resp);
		return -1;
	}
	*out = s;
	return 0;
}

/* One page of f, or -1 with the answer given: 400 for a page link that is
 * not one of this list's (edited, or from another list), else 500. */
static int
list_page(struct http_req *req, struct http_resp *resp,
    const struct dev_filter *f, struct deviation **d, size_t *n,
    int64_t *total, char next[DEV_CURSOR_MAX])
{
	int rc = deviation_list_page(req->ctx, f, d, n, total, next);

	if (rc == DEV_ERR_INVALID) {
		http_html_error(req, resp, 400, _("This page link is not valid "
		    "(any more). Start again from the first page."));
		return -1;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return -1;
	}
	return 0;
}

/* "Første side"/"Neste side" links keeping the query (base ends in ? or
 * &). Pages follow a cursor, so there is no page number to show. */
static void
put_pager(struct buf *b, const char *base, const char *after,
    const char *next)
{
	if (after == NULL && next[0] == '\0')
		return;
	html_fmt(b, "<nav class=\"pager\" aria-label=\"%s\"><ul class=\"plain\">",
	    _("Pages"));
	if (after != NULL)
		html_fmt(b, "<li><a href=\"%H\">%s</a></li>", base,
		    _("First page"));
	if (next[0] != '\0')
		html_fmt(b, "<li><a href=\"%H%Rafter=%U\" rel=\"next\">%s</a></li>",
		    base, "", next, _("Next page"));
	html_fmt(b, "</ul></nav>\n");
}

/* Counts past DEV_COUNT_CAP are shown as "more than 10 000". */
_Static_assert(DEV_COUNT_CAP == 10000, "the capped count's text says 10 000");

/* --- Mine meldinger -------------------------------------------------------- */

void
web_dev_mine(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct dev_filter	 f;
	struct deviation	*d = NULL;
	struct category		*cats = NULL;
	struct dev_event	**ev;
	size_t			 n = 0, ncats = 0, *nev, i, j;
	enum dev_scope_kind	 scope;
	const char		*s;
	int			 any_returned = 0;
	char			 next[DEV_CURSOR_MAX];

	if (web_dev_gate(req, resp, DEV_RIGHT_REPORT) != 0 ||
	    scope_of(req, resp, &scope) != 0)
		return;
	memset(&f, 0, sizeof(f));
	f.scope = scope;
	f.kind = -1;
	f.mine = 1;
	f.limit = PAGE_ROWS;
	f.after = http_qtext(req, DMQ_AFTER);
	if (list_page(req, resp, &f, &d, &n, NULL, next) != 0)
		return;
	ev = arena_alloc(ctx->arena, (n ? n : 1) * sizeof(*ev));
	nev = arena_alloc(ctx->arena, (n ? n : 1) * sizeof(*nev));
	if (ev == NULL || nev == NULL) {
		web_failed(req, resp);
		return;
	}
	for (i = 0; i < n; i++) {
		/* Only what the reporter may read: the public events. */
		if (deviation_events(ctx, d[i].id, 1, &ev[i], &nev[i]) != 0) {
			web_failed(req, resp);
			return;
		}
		if (d[i].status == DEV_RETURNED)
			any_returned = 1;
	}
	if (any_returned && dev_category_list(ctx, 0, &cats, &ncats) != 0) {
		web_failed(req, resp);
		return;
	}

	resp->status = 200;
	html_page_begin(b, req, _("My reports"), "dev_mine");
	html_fmt(b, "<h1>%s</h1>\n", _("My reports"));
	if (http_qint(req, DMQ_RESUBMITTED, 0))
		web_notice(b, _("The report has been sent in again."));
	html_fmt(b, "<p><a class=\"button-link\" href=\"/deviations/new\">%s</a></p>\n",
	    _("Report a deviation"));
	if (n == 0 && f.after == NULL)
		html_fmt(b, "<p>%s</p>\n", _("You have not reported anything yet."));
	html_fmt(b, "<ul class=\"reports plain\">\n");
	for (i = 0; i < n; i++) {
		html_fmt(b, "<li class=\"card\"><h2><a href=\"/deviations/%D\">"
		    "<span class=\"number\">%s</span> %s</a></h2><p>",
		    d[i].id, d[i].number, d[i].title);
		web_dev_status_tag(b, (int)d[i].status);
		html_fmt(b, " <span class=\"hint\">%s %s · %s</span></p>",
		    _("Reported"), web_date(ctx->arena, d[i].reported_at),
		    d[i].unit_name != NULL ? d[i].unit_name : "");
		web_dev_photo_links(b, req, &d[i]);
		if (d[i].handler_role != NULL &&
		    (s = arena_printf(ctx->arena, _("Handled by: %s"),
		    web_top_route_label(d[i].handler_role))) != NULL)
			html_fmt(b, "<p>%s</p>", s);
		if (d[i].status == DEV_CLOSED && d[i].summary != NULL)
			html_fmt(b, "<h3>%s</h3><p class=\"pre\">%s</p>",
			    _("What have we learned?"), d[i].summary);
		if (nev[i] > 0) {
			html_fmt(b, "<ol class=\"timeline small\">");
			for (j = 0; j < nev[i]; j++) {
				html_fmt(b, "<li><strong>%s</strong> <span "
				    "class=\"hint\">%s</span>",
				    web_dev_event_label(ev[i][j].type),
				    web_datetime(ctx->arena, ev[i][j].at));
				/* The closing event's text is the lesson,
				 * printed once above. */
				if (ev[i][j].text != NULL && ev[i][j].text[0] != '\0' &&
				    !(d[i].status == DEV_CLOSED && d[i].summary != NULL &&
				    strcmp(ev[i][j].type, "closed") == 0 &&
				    strcmp(ev[i][j].text, d[i].summary) == 0))
					html_fmt(b, "<p class=\"pre\">%s</p>",
					    ev[i][j].text);
				html_fmt(b, "</li>");
			}
			html_fmt(b, "</ol>");
		}
		if (deviation_may(ctx, &d[i], DEV_MAY_RESUBMIT)) {
			html_fmt(b, "<details class=\"action\"%R><summary>%s</summary>",
			    n == 1 ? " open" : "", _("Correct and send in again"));
			web_dev_resubmit_form(b, req, &d[i], cats, ncats);
			html_fmt(b, "</details>");
		}
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ul>\n");
	put_pager(b, "/deviations/mine?", f.after, next);
	html_page_end(b, req);
}

/* --- the leader's inbox ------------------------------------------------------ */

void
web_dev_inbox(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct dev_filter	 f;
	struct deviation	*d = NULL;
	struct unit		 tu;
	size_t			 n = 0, i, late = 0;
	int64_t			 total = 0, tid;
	enum dev_scope_kind	 scope;
	const char		*s;
	char			 next[DEV_CURSOR_MAX];

	if (web_dev_gate(req, resp, DEV_RIGHT_SIGNED_IN) != 0 ||
	    scope_of(req, resp, &scope) != 0)
		return;
	memset(&f, 0, sizeof(f));
	f.scope = scope;
	f.kind = -1;
	f.inbox = 1;
	f.limit = PAGE_ROWS;
	f.after = http_qtext(req, DIQ_AFTER);
	if (list_page(req, resp, &f, &d, &n, &total, next) != 0)
		return;
	for (i = 0; i < n; i++)
		if (d[i].overdue)
			late++;
	resp->status = 200;
	html_page_begin(b, req, _("Inbox"), "dev_inbox");
	html_fmt(b, "<h1>%s</h1>\n", _("Inbox"));
	if ((tid = http_qint(req, DIQ_TRANSFERRED, 0)) != 0 &&
	    org_unit_get(ctx, tid, &tu) == 0 &&
	    (s = arena_printf(ctx->arena, _("Transferred to %s."), tu.name)) != NULL)
		web_notice(b, s);
	if (total == 0)
		html_fmt(b, "<p>%s</p>\n",
		    _("Nothing to handle: there are no open reports in the units you lead."));
	else {
		s = total > DEV_COUNT_CAP ? _("More than 10 000 open reports") :
		    arena_printf(ctx->arena, ngettext("%lld open report",
		    "%lld open reports", (unsigned long)total), (long long)total);
		html_fmt(b, "<p class=\"lead\">%s", s != NULL ? s : "");
		if (late > 0) {
			s = arena_printf(ctx->arena, ngettext(
			    "%lld is overdue on this page", "%lld are overdue on this page",
			    (unsigned long)late), (long long)late);
			html_fmt(b, " · <strong class=\"late\">%s</strong>",
			    s != NULL ? s : "");
		}
		html_fmt(b, "</p>\n");
		web_dev_table(b, req, _("Open reports in the units you lead, overdue first"),
		    d, n, 1);
	}
	put_pager(b, "/deviations/inbox?", f.after, next);
	html_page_end(b, req);
}

/* --- the filterable list -------------------------------------------------- */

/* What the list may show this person, said on the page (deviation_list_scope
 * and the list SQL decide; this only tells): an empty list is then no
 * riddle, e.g. for an auditor or a safety representative. */
static void
put_scope_explain(struct buf *b, struct ctx *ctx)
{
	html_fmt(b, "<details class=\"scope-explain\"><summary>%s</summary><ul>",
	    _("What you can see here"));
	if (deviation_list_scope(ctx) == DEV_SCOPE_ALL)
		html_fmt(b, "<li>%s</li>", _("As quality adviser or chief executive: every report, except one about yourself."));
	html_fmt(b, "<li>%s</li>", _("The reports you have made."));
	if (org_has_role(ctx, &ctx->roles, ROLE_LEADER, 0))
		html_fmt(b, "<li>%s</li>", _("As a leader: the reports handled in the units you lead, except one about yourself."));
	if (org_has_role(ctx, &ctx->roles, ROLE_SAFETY_REP, 0) ||
	    org_has_role(ctx, &ctx->roles, ROLE_CHIEF_SAFETY_REP, 0))
		html_fmt(b, "<li>%s</li>", _("As safety representative: the working-environment reports of your area (HMS, violence and the other categories marked for safety representatives; Working Environment Act section 6-2), not those about a leader."));
	if (deviation_right(ctx, DEV_RIGHT_SAMPLE))
		html_fmt(b, "<li>%s</li>", _("As auditor: the closed reports, without personal data, to sample how they were handled."));
	html_fmt(b, "<li>%s</li></ul></details>\n", _("A report about the chief executive goes to the role the municipality chose, and the chief executive does not see it."));
}

static const char *const status_filters[] = {
	"open", "in_progress", "closed", "not_closed", "new", "acknowledged",
	"returned",
};

static const char *
status_filter_label(const char *s)
{
	enum dev_status st;

	if (dev_status_parse(s, &st) == 0)
		return web_dev_status_label(st);
	return web_dev_group_label(s);
}

void
web_dev_list(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body, base;
	struct dev_filter_input	 in;
	struct dev_filter_known	 known;
	struct dev_filter	 f;
	struct deviation	*d = NULL;
	struct unit		*units = NULL;
	struct category		*cats = NULL;
	size_t			 n = 0, nunits = 0, ncats = 0, i, nun;
	int64_t			 total = 0;
	struct dbstmt		*un = NULL;
	enum dev_scope_kind	 scope;
	const char		*from_s, *to_s, *s, *err = NULL;
	const char		*from_err = NULL, *to_err = NULL;
	int			 rc;
	char			 next[DEV_CURSOR_MAX] = "";

	if (web_dev_gate(req, resp, DEV_RIGHT_SIGNED_IN) != 0 ||
	    scope_of(req, resp, &scope) != 0)
		return;
	/* Read first: the filter's unit and category are checked against
	 * them (dev_filter_read_known), not asked for again; the layout's
	 * unread count goes with them. */
	nun = notification_unread_begin(ctx, &un) == DB_OK;
	rc = dev_units_categories(ctx, &un, nun, &units, &nunits, &cats,
	    &ncats);
	if (nun)
		(void)notification_unread_end(ctx, un);	/* else the layout asks */
	if (rc != 0) {
		web_failed(req, resp);
		return;
	}
	known.units = units;
	known.nunits = nunits;
	known.cats = cats;
	known.ncats = ncats;
	rc = dev_filter_read_known(ctx, req->query, req->nquery,
	    &dev_filter_web, &known, &in);
	if (rc != 0 && rc != DEV_ERR_INVALID) {
		web_failed(req, resp);
		return;
	}
	f = in.f;
	f.scope = scope;
	f.table = &known;	/* shown by web_dev_table alone */
	/* A value that does not read is said where it was typed (the
	 * dates), or above the form; the list waits until it reads. */
	if (rc == DEV_ERR_INVALID) {
		if (strcmp(in.bad_field, dev_filter_fields[DFF_FROM].name) == 0)
			from_err = in.bad_why;
		else if (strcmp(in.bad_field, dev_filter_fields[DFF_TO].name) == 0)
			to_err = in.bad_why;
		else
			err = in.bad_msg;
	}
	from_s = in.vals[DFF_FROM].present ? in.vals[DFF_FROM].s : NULL;
	to_s = in.vals[DFF_TO].present ? in.vals[DFF_TO].s : NULL;
	if (rc == 0 && list_page(req, resp, &f, &d, &n, &total, next) != 0)
		return;

	resp->status = rc != 0 ? 400 : 200;
	html_page_begin(b, req, _("Deviations"), "dev_list");
	html_fmt(b, "<h1>%s</h1>\n", _("Deviations"));
	if (err != NULL)
		web_error(b, err);
	put_scope_explain(b, ctx);
	html_fmt(b, "<form method=\"get\" action=\"/deviations\" class=\"filters\">"
	    "<div class=\"filter-grid\">");
	web_unit_select(b, "f-unit_id", "unit_id", _("Unit"), units, nunits,
	    f.unit_id, _("All units"), 0, 0, NULL);
	html_fmt(b, "<div class=\"field\"><label for=\"f-status\">%s</label>"
	    "<select id=\"f-status\" name=\"status\"><option value=\"\">%s</option>",
	    _("Status"), _("All"));
	for (i = 0; i < sizeof(status_filters) / sizeof(status_filters[0]); i++)
		html_fmt(b, "<option value=\"%s\"%R>%s</option>", status_filters[i],
		    f.status != NULL && strcmp(f.status, status_filters[i]) == 0 ?
		    " selected" : "", status_filter_label(status_filters[i]));
	html_fmt(b, "</select></div>");
	web_dev_category_select(b, "category", _("Category"), cats, ncats,
	    f.category, _("All"));
	html_fmt(b, "<div class=\"field\"><label for=\"f-kind\">%s</label>"
	    "<select id=\"f-kind\" name=\"kind\"><option value=\"\">%s</option>",
	    _("Kind"), _("All"));
	for (i = 0; i < DEV_KIND_MAX; i++)
		html_fmt(b, "<option value=\"%s\"%R>%s</option>",
		    dev_kind_name((enum dev_kind)i), f.kind == (int)i ?
		    " selected" : "", web_dev_kind_label((enum dev_kind)i));
	html_fmt(b, "</select></div>");
	html_date_input(b, "from", "date", _("Reported from"), from_s, from_err);
	html_date_input(b, "to", "date", _("Reported to"), to_s, to_err);
	web_unit_select(b, "f-handler_unit_id", "handler_unit_id",
	    _("Handled by"), units, nunits, f.handler_unit_id, _("All units"),
	    0, 0, NULL);
	html_fmt(b, "</div>");
	html_checkbox(b, "own_unit", _("Only the unit's own reports, not those of the units under it"),
	    f.own_unit, NULL);
	html_checkbox(b, "overdue", _("Only overdue"), f.overdue, NULL);
	html_fmt(b, "<button type=\"submit\">%s</button></form>\n", _("Show"));

	if (rc == 0) {
		s = total > DEV_COUNT_CAP ? _("More than 10 000 reports") :
		    arena_printf(ctx->arena, ngettext("%lld report",
		    "%lld reports", (unsigned long)total), (long long)total);
		html_fmt(b, "<p class=\"lead\" role=\"status\">%s</p>\n",
		    s != NULL ? s : "");
		/* The overdue list is in the order of the deadline it shows
		 * (deviation/list.c, by_deadline), so it shows it. */
		if (n > 0 && f.overdue)
			web_dev_table(b, req,
			    _("Overdue reports, most overdue first"), d, n, 1);
		else if (n > 0)
			web_dev_table(b, req, _("Reports, newest first"), d, n, 0);
		/* The pager keeps the filters. */
		buf_init(&base, 4096);
		html_fmt(&base, "/deviations?unit_id=%D&handler_unit_id=%D&"
		    "own_unit=%R&status=%U&category=%U&"
		    "kind=%U&from=%U&to=%U&overdue=%R&", f.unit_id,
		    f.handler_unit_id, f.own_unit ? "1" : "",
		    f.status != NULL ? f.status : "", f.category != NULL ?
		    f.category : "", f.kind >= 0 ? dev_kind_name((enum dev_kind)f.kind) :
		    "", from_s != NULL ? from_s : "", to_s != NULL ? to_s : "",
		    f.overdue ? "1" : "");
		if (!buf_failed(&base)) {
			s = arena_strdup(ctx->arena, buf_cstr(&base));
			if (s != NULL)
				put_pager(b, s, f.after, next);
		}
		buf_free(&base);
	}
	html_page_end(b, req);
}
