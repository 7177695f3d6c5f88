/* web/whistle/routing.c: GET /whistle/routing, the chief safety representative's
 * view of who receives whistleblowing cases and who gave them the role
 * (AZ_WB_ROUTING, whistle_routing_view). An administrator manages roles
 * but can never make himself a handler; this page lets someone who is not
 * an administrator see every such grant. */
#include <stdint.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "web/ui.h"
#include "web/web.h"
#include "whistle/whistle.h"

void
web_wb_routing(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct wb_routing_holder *h;
	struct wb_routing_grant	*g;
	size_t			 nh, ng, i;

	if (web_gate(req, resp, AZ_WB_ROUTING) != 0)
		return;
	if (whistle_routing_view(ctx, &h, &nh, &g, &ng) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	html_page_begin(b, req, _("Who receives whistleblowing cases"), "wb_stats");
	html_fmt(b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n",
	    _("Who receives whistleblowing cases"),
	    _("Cases go to the holders of these roles (and to the leaders of the units). Nobody can give such a role to themselves, and an account that is also an administrator never handles a case. Every change is listed below."));
	html_fmt(b, "<div class=\"table-wrap\"><table><caption>%s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Roles that receive cases"), _("Role"), _("Person"));
	for (i = 0; i < nh; i++)
		html_fmt(b, "<tr><td>%s</td><td>%s%R%s</td></tr>", h[i].role,
		    h[i].name != NULL ? h[i].name : "?", h[i].admin ? " – " : "",
		    h[i].admin ? _("administrator: never a handler") : "");
	html_fmt(b, "</tbody></table></div>\n");
	html_fmt(b, "<div class=\"table-wrap\"><table><caption>%s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Changes to these roles"), _("When"), _("Change"), _("By"),
	    _("Person and role"));
	for (i = 0; i < ng; i++)
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		    web_datetime(ctx->arena, g[i].at), g[i].granted ? _("Granted") :
		    _("Revoked"), g[i].actor != NULL ? g[i].actor :
		    _("The operator (command line)"), g[i].detail);
	if (ng == 0)
		html_fmt(b, "<tr><td colspan=\"4\">%s</td></tr>", _("No changes"));
	html_fmt(b, "</tbody></table></div>\n");
	html_page_end(b, req);
}
