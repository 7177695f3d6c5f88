/* web/admin/audit.c: the latest audit events, newest first (audit_latest).
 *
 * Events about a whistleblowing case name nobody here: who read or acted
 * on a case tells who handles it, and for a small municipality what it is
 * about. The query never fetches the person or the detail of such rows;
 * the case itself is shown only to the auditor (AZ_AUDIT_WB_CASES). */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/clock.h"
#include "web/admin/admin.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

#define AUDIT_PAGE_ROWS 200
/* The reporters' newest events counted by day (a few months' worth). */
#define AUDIT_REPORTER_ROWS 2000

/* Where the object lives in the UI, when it has a page the reader may
 * open: the people and units pages are the administrators' directory, so
 * an auditor, who reads the log but not the directory, gets the object's
 * name without a link that would answer 403. */
static const char *
object_href(struct ctx *ctx, const struct audit_entry *r)
{
	struct arena		*a = ctx->arena;
	struct org_rights	 rights;

	org_rights_of(ctx, &rights);
	if (!r->has_object || r->object_type == NULL || !rights.directory)
		return NULL;
	if (strcmp(r->object_type, "person") == 0)
		return arena_printf(a, "/admin/people/%lld",
		    (long long)r->object_id);
	if (strcmp(r->object_type, "unit") == 0)
		return arena_printf(a, "/admin/units/%lld",
		    (long long)r->object_id);
	return NULL;
}

/* "2026-11-23 14:08 UTC": readable, sortable, and honest about the zone. */
static void
shown_time(int64_t t, char *out, size_t outsz)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, outsz, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		out[0] = '\0';
}

/* The whistleblowing reporters' events by day, apart from the timeline:
 * the day and how many, never the time, the case or the order. */
static void
reporter_days(struct buf *b, const struct audit_day *d, size_t n)
{
	size_t	i;

	if (n == 0)
		return;
	html_fmt(b, "<h2>%s</h2>\n<p>%s</p>\n", _("Whistleblowing reporters"),
	    _("Reports received and reporters reading their case, by day only: "
	    "a reporter may be signed in, and an exact time would tell who "
	    "reported."));
	html_fmt(b, "<div class=\"table-wrap\"><table class=\"audit\">"
	    "<caption>%s</caption>\n<thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    _("Whistleblowing reporters' events by day"), _("Day"), _("What"),
	    _("How many"));
	for (i = 0; i < n; i++)
		html_fmt(b, "<tr><td><time datetime=\"%s\">%s</time></td>"
		    "<td>%s</td><td>%D</td></tr>\n", d[i].day, d[i].day,
		    web_action_label(d[i].action), d[i].n);
	html_fmt(b, "</tbody></table></div>\n");
}

void
web_audit(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct audit_entry	*rows = NULL;
	struct audit_day	*days = NULL;
	size_t			 n = 0, nd = 0, i;
	char			 when[32], shown[32];
	const char		*href;

	if (web_gate(req, resp, AZ_AUDIT_VIEW) != 0)
		return;
	if (audit_latest(ctx, AUDIT_PAGE_ROWS, &rows, &n) != 0 ||
	    audit_reporter_days(ctx, AUDIT_REPORTER_ROWS, &days, &nd) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	html_page_begin(b, req, _("Audit log"), "admin_audit");
	html_fmt(b, "<h1>%s</h1>\n<p>%s</p>\n", _("Audit log"),
	    _("The latest 200 events, newest first. Times are in UTC. "
	    "The log cannot be changed; each event is chained to the one before."));
	if (n == 0 && nd == 0) {
		html_fmt(b, "<p>%s</p>\n", _("Nothing has been logged yet."));
		html_page_end(b, req);
		return;
	}
	/* No sequence number: a gap in it would show where a reporter's
	 * event sits between a signed-in reporter's own rows. */
	html_fmt(b, "<div class=\"table-wrap\"><table class=\"audit\">"
	    "<caption>%s</caption>\n<thead><tr>"
	    "<th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "</tr></thead>\n<tbody>\n", _("Audit events"),
	    _("Time"), _("Who"), _("What"), _("Object"), _("Detail"));
	for (i = 0; i < n; i++) {
		clock_format(rows[i].at, when, sizeof(when));
		shown_time(rows[i].at, shown, sizeof(shown));
		html_fmt(b, "<tr><td><time datetime=\"%s\">%s</time>"
		    "</td><td>%s</td><td>%s</td><td>", when, shown,
		    rows[i].wb ? _("(not shown: whistleblowing)") :
		    rows[i].actor != NULL ? rows[i].actor : rows[i].has_actor ?
		    _("(unknown)") : _("System"),
		    web_action_label(rows[i].action));
		if (rows[i].object_type != NULL) {
			href = object_href(ctx, &rows[i]);
			if (href != NULL)
				html_fmt(b, "<a href=\"%H\">%s %D</a>", href,
				    web_object_label(rows[i].object_type),
				    rows[i].object_id);
			else if (rows[i].has_object)
				html_fmt(b, "%s %D",
				    web_object_label(rows[i].object_type),
				    rows[i].object_id);
			else
				html_fmt(b, "%s",
				    web_object_label(rows[i].object_type));
		}
		html_fmt(b, "</td><td>");
		web_audit_detail(ctx, b, rows[i].detail);
		html_fmt(b, "</td></tr>\n");
	}
	html_fmt(b, "</tbody></table></div>\n");
	reporter_days(b, days, nd);
	html_page_end(b, req);
}
