/* home.c: the start page ("Forside"). Who you are here (unit, roles) and
 * what you can do now: only things that work, never "coming soon". */
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

void
web_home(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	struct unit	*units = NULL;
	size_t		 nunits = 0, i;
	const char	*home_unit, *scope, *greeting;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (org_unit_list(ctx, &units, &nunits) != 0) {
		web_failed(req, resp);
		return;
	}
	home_unit = web_unit_name(units, nunits, ctx->user->unit_id);

	resp->status = 200;
	html_page_begin(b, req, _("Home"), "home");
	greeting = arena_printf(ctx->arena, _("Hello, %s"), ctx->user->name);
	html_fmt(b, "<h1>%s</h1>\n", greeting != NULL ? greeting :
	    ctx->user->name);
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
	if (web_can(req, AZ_AUDIT_VIEW))
		html_fmt(b, "<li><a href=\"/admin/audit\">%s</a></li>",
		    _("Read the audit log"));
	html_fmt(b, "<li><a href=\"/account/password\">%s</a></li>",
	    _("Change your password"));
	html_fmt(b, "</ul></section>\n");
	html_page_end(b, req);
}
