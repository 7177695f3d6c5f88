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
#include "org/org.h"
#include "util/arena.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"
#include "whistle/wb_input.h"
#include "whistle/whistle.h"

/* Accounts whose password someone else reset: no cases until confirmed
 * here (org/hold.c). Confirm only when the person has told you, in a way
 * the one who reset it cannot fake (in person, by phone), that they chose
 * a new password themselves. */
static void
put_holds(struct buf *b, struct http_req *req, const struct org_wb_hold *h,
    size_t n)
{
	struct ctx	*ctx = req->ctx;
	size_t		 i;

	html_fmt(b, "<h2>%s</h2>\n<p>%s</p>\n", _("Accounts on hold"),
	    _("When someone resets another person's password, that person receives no whistleblowing cases until you confirm that they have the account back. Ask them yourself, in person or by phone, before you confirm: whoever reset the password knows it."));
	if (n == 0) {
		html_fmt(b, "<p>%s</p>\n", _("No account is on hold."));
		return;
	}
	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-labelledby=\"hold-c\"><table><caption id=\"hold-c\">%s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Accounts on hold"), _("Person"), _("Password reset"), _("By"),
	    _("Confirm"));
	for (i = 0; i < n; i++) {
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>",
		    h[i].name != NULL ? h[i].name : "?",
		    web_datetime(ctx->arena, h[i].at), h[i].by_name != NULL ?
		    h[i].by_name : _("The operator (command line)"));
		if (h[i].by_id == ctx->user->id)
			html_fmt(b, "%s", _("Someone else must confirm: you reset it."));
		else {
			html_fmt(b, "<form method=\"post\" action=\"/whistle/routing/holds/%D/release\">",
			    h[i].person_id);
			html_csrf(b, req);
			html_fmt(b, "<button type=\"submit\">%s<span class=\"vh\"> %s</span></button></form>",
			    _("They have the account back"), h[i].name != NULL ? h[i].name : "");
		}
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table></div>\n");
}

void
web_wb_routing(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct wb_routing_holder *h;
	struct wb_routing_grant	*g;
	struct org_wb_hold	*hold;
	struct wb_office_shared	*dup;
	size_t			 nh, ng, nhold, ndup, i, k;
	const char		*saved = http_qtext(req, WFQ_FLAG);

	if (web_gate(req, resp, AZ_WB_ROUTING) != 0)
		return;
	if (!wb_routing_saved_ok(saved)) {
		http_html_error(req, resp, 400, _("saved: not a known value"));
		return;
	}
	if (whistle_routing_view(ctx, &h, &nh, &g, &ng) != 0 ||
	    whistle_holds(ctx, &hold, &nhold) != 0 ||
	    whistle_offices_shared(ctx, &dup, &ndup) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	html_page_begin(b, req, _("Who receives whistleblowing cases"), "wb_stats");
	html_fmt(b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n",
	    _("Who receives whistleblowing cases"),
	    _("Cases go to the holders of these roles (and to the leaders of the units). Nobody can give such a role to themselves, and an account that is also an administrator never handles a case. Every change is listed below."));
	if (saved != NULL)
		web_notice(b, _("Confirmed. The person receives whistleblowing cases again."));
	/* An office of one person held by several: each receives its
	 * cases (routing cannot tell the real one), so the one who watches
	 * routing is told, to have the roles corrected. */
	for (i = 0; i < ndup; i++) {
		enum role	 role;
		const char	*msg;

		msg = arena_printf(ctx->arena, _("Several people hold the role %s, which one person holds. Each of them receives its whistleblowing cases: ask the administrator to remove the role from everyone who does not hold the office."),
		    role_parse(dup[i].role, &role) == 0 ? web_role_label(role) :
		    dup[i].role);

		web_error(b, msg != NULL ? msg : "");
		html_fmt(b, "<ul class=\"shared-office\">");
		for (k = 0; k < dup[i].n; k++)
			html_fmt(b, "<li>%s</li>", dup[i].names[k]);
		html_fmt(b, "</ul>\n");
	}
	put_holds(b, req, hold, nhold);
	/* Each table may scroll sideways on a phone: a region the keyboard
	 * can reach and scroll, named by its caption. */
	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-labelledby=\"roles-c\"><table><caption id=\"roles-c\">%s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    _("Roles that receive cases"), _("Role"), _("Person"));
	for (i = 0; i < nh; i++)
		html_fmt(b, "<tr><td>%s</td><td>%s%R%s</td></tr>", h[i].role,
		    h[i].name != NULL ? h[i].name : "?", h[i].admin ? " – " : "",
		    h[i].admin ? _("administrator: never a handler") : "");
	html_fmt(b, "</tbody></table></div>\n");
	html_fmt(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	    "aria-labelledby=\"chg-c\"><table><caption id=\"chg-c\">%s</caption><thead><tr>"
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

void
web_wb_hold_release(struct http_req *req, struct http_resp *resp)
{
	int64_t	id;
	int	rc;

	if (web_gate(req, resp, AZ_WB_ROUTING) != 0)
		return;
	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return;
	}
	rc = whistle_hold_release(req->ctx, id);
	if (rc == 0)
		http_redirect(resp, "/whistle/routing?saved=released");
	else if (rc == WB_ERR_NOTFOUND || rc == WB_ERR_STATE)
		web_not_found(req, resp);
	else if (rc == ORG_ERR_FORBIDDEN)
		web_forbidden(req, resp);
	else
		web_failed(req, resp);
}
