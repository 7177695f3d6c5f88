/* home.c: the start page ("Forside"). Who you are here (unit, roles) and
 * what you can do now: only things that work, never "coming soon". */
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "deviation/view.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "measure/measure.h"
#include "org/org.h"
#include "util/arena.h"
#include "web/deviation/pages.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"
#include "web/whistle/pages.h"

#define HOME_REPORTS	20	/* own reports looked at for the open ones */

/* What the start page shows about deviations, loaded before rendering. */
struct home_dev {
	struct deviation	*mine;
	size_t			 nmine;
	int			 leader;
	int64_t			 inbox, overdue;
	struct my_measure	*ms;		/* "Mine tiltak": open measures */
	size_t			 nms;
};

static int
home_dev_load(struct ctx *ctx, struct home_dev *h)
{
	struct dev_filter	 f;
	struct deviation	*d;
	size_t			 n;
	int64_t			 total;
	enum dev_scope_kind	 scope = deviation_list_scope(ctx);

	memset(h, 0, sizeof(*h));
	if (scope == DEV_SCOPE_NONE)
		return 0;
	memset(&f, 0, sizeof(f));
	f.scope = scope;
	f.kind = -1;
	f.mine = 1;
	f.limit = HOME_REPORTS;
	if (deviation_list(ctx, &f, &h->mine, &h->nmine, &total) != 0 ||
	    measure_mine(ctx, ctx->user->id, &h->ms, &h->nms) != 0)
		return -1;
	h->leader = org_has_role(ctx, &ctx->roles, ROLE_LEADER, 0) ||
	    org_has_role(ctx, &ctx->roles, ROLE_CHIEF_EXECUTIVE, 0);
	/* Everyone's inbox is counted: a deviation about the chief executive
	 * goes to a role (the mayor, ...) that leads no unit. */
	memset(&f, 0, sizeof(f));
	f.scope = scope;
	f.kind = -1;
	f.inbox = 1;
	f.limit = 1;
	if (deviation_list(ctx, &f, &d, &n, &h->inbox) != 0)
		return -1;
	if (h->inbox > 0)
		h->leader = 1;
	f.overdue = 1;
	if (deviation_list(ctx, &f, &d, &n, &h->overdue) != 0)
		return -1;
	return 0;
}

static void
home_dev_render(struct buf *b, struct ctx *ctx, const struct home_dev *h)
{
	size_t		 i, open = 0;

	html_fmt(b, "<p class=\"cta-line\"><a class=\"button-link\" "
	    "href=\"/deviations/new\">%s</a></p>\n", _("Report a deviation"));
	if (h->leader) {
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"inbox-h\">"
		    "<h2 id=\"inbox-h\">%s</h2><ul class=\"kpis plain\">",
		    _("Your inbox"));
		html_fmt(b, "<li class=\"kpi\"><span class=\"kpi-value\">%D</span>"
		    "<span class=\"kpi-label\">%s</span></li>", h->inbox,
		    _("Open"));
		html_fmt(b, "<li class=\"kpi%R\"><span class=\"kpi-value\">%D"
		    "</span><span class=\"kpi-label\">%s</span></li></ul>",
		    h->overdue > 0 ? " late" : "", h->overdue, _("Overdue"));
		html_fmt(b, "<p><a href=\"/deviations/inbox\">%s</a></p></section>\n",
		    _("Go to the inbox"));
	}
	if (h->nms > 0) {
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"ms-h\">"
		    "<h2 id=\"ms-h\">%s</h2><ul class=\"plain my-measures\">",
		    _("My measures"));
		for (i = 0; i < h->nms; i++) {
			html_fmt(b, "<li><a href=\"%s\">%s – %s</a>",
			    h->ms[i].href, h->ms[i].number, h->ms[i].m.text);
			if (h->ms[i].m.due_at != 0)
				html_fmt(b, " <span class=\"hint\">%s %s</span>",
				    _("Due"), web_date(ctx->arena, h->ms[i].m.due_at));
			web_measure_late(b, ctx, &h->ms[i].m);
			html_fmt(b, "</li>");
		}
		html_fmt(b, "</ul></section>\n");
	}
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"mine-h\">"
	    "<h2 id=\"mine-h\">%s</h2>", _("Your open reports"));
	for (i = 0; i < h->nmine; i++)
		if (h->mine[i].status != DEV_CLOSED)
			open++;
	if (open == 0)
		html_fmt(b, "<p>%s</p>", _("You have no open reports."));
	else {
		html_fmt(b, "<ul class=\"plain open-reports\">");
		for (i = 0; i < h->nmine; i++) {
			if (h->mine[i].status == DEV_CLOSED)
				continue;
			html_fmt(b, "<li><a href=\"/deviations/%D\">%s – %s</a> ",
			    h->mine[i].id, h->mine[i].number, h->mine[i].title);
			web_dev_status_tag(b, (int)h->mine[i].status);
			html_fmt(b, "</li>");
		}
		html_fmt(b, "</ul>");
	}
	html_fmt(b, "<p><a href=\"/deviations/mine\">%s</a></p></section>\n",
	    _("All my reports"));
}

void
web_home(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	struct unit	*units = NULL;
	size_t		 nunits = 0, i;
	const char	*home_unit, *scope, *greeting;
	struct home_dev	 hd;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (org_unit_list(ctx, &units, &nunits) != 0 ||
	    home_dev_load(ctx, &hd) != 0) {
		web_failed(req, resp);
		return;
	}
	home_unit = web_unit_name(units, nunits, ctx->user->unit_id);

	resp->status = 200;
	html_page_begin(b, req, _("Home"), "home");
	greeting = arena_printf(ctx->arena, _("Hello, %s"), ctx->user->name);
	html_fmt(b, "<h1>%s</h1>\n", greeting != NULL ? greeting :
	    ctx->user->name);
	home_dev_render(b, ctx, &hd);
	web_doc_home_card(b, ctx);
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"me-h\">"
	    "<h2 id=\"me-h\">%s</h2>\n<dl class=\"facts\">", _("About you"));
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Username"), ctx->user->login);
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Unit"),
	    home_unit != NULL ? home_unit : _("No unit"));
	html_fmt(b, "<dt>%s</dt><dd>", _("Roles"));
	if (ctx->roles.n == 0)
		html_fmt(b, "%s", _("No roles yet"));
	else {
		html_fmt(b, "<ul class=\"plain\">");
		for (i = 0; i < ctx->roles.n; i++) {
			scope = ctx->roles.v[i].unit_id == 0 ? NULL :
			    web_unit_name(units, nunits, ctx->roles.v[i].unit_id);
			if (scope != NULL)
				html_fmt(b, "<li>%s – %s</li>",
				    web_role_label(ctx->roles.v[i].role), scope);
			else
				html_fmt(b, "<li>%s</li>",
				    web_role_label(ctx->roles.v[i].role));
		}
		html_fmt(b, "</ul>");
	}
	html_fmt(b, "</dd></dl></section>\n");

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"do-h\">"
	    "<h2 id=\"do-h\">%s</h2>\n<ul class=\"actions\">", _("What you can do"));
	if (web_can(req, AZ_ADMIN_VIEW)) {
		html_fmt(b, "<li><a href=\"/admin/units\">%s</a></li>",
		    web_can(req, AZ_ORG_MANAGE) ? _("Manage units") :
		    _("See the units"));
		html_fmt(b, "<li><a href=\"/admin/people\">%s</a></li>",
		    web_can(req, AZ_ORG_MANAGE) || web_can(req, AZ_ROLES_MANAGE) ?
		    _("Manage people and roles") : _("See the people"));
	}
	if (web_can(req, AZ_DEV_CONFIGURE))
		html_fmt(b, "<li><a href=\"/admin/categories\">%s</a></li>",
		    _("Set up deviation categories and deadlines"));
	if (web_can(req, AZ_AUDIT_VIEW))
		html_fmt(b, "<li><a href=\"/admin/audit\">%s</a></li>",
		    _("Read the audit log"));
	html_fmt(b, "<li><a href=\"/whistle\">%s</a></li>",
	    _("Report censurable conditions (whistleblowing)"));
	if (web_wb_has_cases(ctx))
		html_fmt(b, "<li><a href=\"/whistle/cases\">%s</a></li>",
		    _("Handle your whistleblowing cases"));
	if (web_can(req, AZ_WB_STATS))
		html_fmt(b, "<li><a href=\"/whistle/stats\">%s</a></li>",
		    _("See the whistleblowing statistics"));
	html_fmt(b, "<li><a href=\"/account/password\">%s</a></li>",
	    _("Change your password"));
	html_fmt(b, "</ul></section>\n");
	html_page_end(b, req);
}
