/* web/admin/accounts.c: the administrator's account settings page: whom people are
 * told to ask when they forget their password (shown on the login page),
 * and the API tokens of the municipality, with a button to revoke each.
 * Everything here needs AZ_ORG_MANAGE. */
#include <stdint.h>
#include <string.h>

#include "auth/auth.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/contact.h"
#include "org/org_input.h"
#include "store/store.h"
#include "util/arena.h"
#include "web/admin/accounts.h"
#include "web/ui.h"
#include "web/web.h"

/* Positions in web_accounts_contact_fields (and so in http_req.vals). */
enum { ACF_CONTACT, ACF_MAX };
const struct field web_accounts_contact_fields[] = {
	[ACF_CONTACT]	= { "contact", F_LINE, 0, 0, ORG_CONTACT_MAX },
	[ACF_MAX]	= { NULL, 0, 0, 0, 0 }
};

static const char *
token_state(const struct ctx *ctx, const struct auth_token_info *t)
{
	if (t->revoked_at > 0)
		return _("Revoked");
	if (t->expires_at > 0 && t->expires_at <= ctx->now)
		return _("Expired");
	return _("Active");
}

static void
put_tokens(struct buf *b, struct http_req *req,
    const struct auth_token_info *v, size_t n)
{
	struct ctx	*ctx = req->ctx;
	size_t		 i;

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"tokens-h\">"
	    "<h2 id=\"tokens-h\">%s</h2>\n<p>%s</p>\n", _("API tokens"),
	    _("Integrations sign in with these. Make one with "
	    "orden token create; it stops working when it expires or is "
	    "revoked here."));
	if (n == 0) {
		html_fmt(b, "<p>%s</p>\n</section>\n", _("No API tokens."));
		return;
	}
	html_fmt(b, "<div class=\"table-wrap\"><table><caption class=\"vh\">%s"
	    "</caption>\n<thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\"><span class=\"vh\">%s"
	    "</span></th></tr></thead>\n<tbody>\n", _("API tokens"),
	    _("Person"), _("Label"), _("Created"), _("Expires"),
	    _("Last used"), _("State"), _("Action"));
	for (i = 0; i < n; i++) {
		html_fmt(b, "<tr><td>%s (%s)</td><td>%s</td><td>%s</td>"
		    "<td>%s</td><td>%s</td><td>%s</td><td>",
		    v[i].name != NULL ? v[i].name : "?",
		    v[i].login != NULL ? v[i].login : "?",
		    v[i].label != NULL ? v[i].label : "",
		    web_date(ctx->arena, v[i].created_at),
		    v[i].expires_at > 0 ? web_date(ctx->arena, v[i].expires_at) :
		    _("Never"),
		    v[i].last_used > 0 ? web_datetime(ctx->arena, v[i].last_used) :
		    _("Never"), token_state(ctx, &v[i]));
		if (v[i].revoked_at == 0) {
			html_fmt(b, "<form method=\"post\" action=\""
			    "/admin/accounts/tokens/%D/revoke\" class=\"inline\">",
			    v[i].id);
			html_csrf(b, req);
			html_fmt(b, "<button type=\"submit\" class=\"secondary\">"
			    "%s<span class=\"vh\"> %D</span></button></form>",
			    _("Revoke"), v[i].id);
		}
		html_fmt(b, "</td></tr>\n");
	}
	html_fmt(b, "</tbody></table></div>\n</section>\n");
}

static void
accounts_render(struct http_req *req, struct http_resp *resp, int status)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct auth_token_info	*v;
	const char		*contact = NULL, *saved, *shown;
	size_t			 n;

	if (org_admin_contact_get(ctx, &contact) != 0 ||
	    auth_token_list(ctx, &v, &n) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	html_page_begin(b, req, _("Accounts"), "admin_accounts");
	html_fmt(b, "<h1>%s</h1>\n", _("Accounts"));
	saved = http_qtext(req, OSQ_SAVED);
	if (status == 200 && saved != NULL &&
	    !org_saved_known(OSP_ACCOUNTS, saved)) {
		buf_reset(b);
		http_html_error(req, resp, 400, _("saved: not a change this page "
		    "reports"));
		return;
	}
	if (status == 200 && saved != NULL && strcmp(saved, "contact") == 0)
		web_notice(b, _("The contact for forgotten passwords is saved."));
	else if (status == 200 && saved != NULL && strcmp(saved, "revoked") == 0)
		web_notice(b, _("The token is revoked. It stops working at once."));
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"contact-h\">"
	    "<h2 id=\"contact-h\">%s</h2>\n<p>%s</p>\n",
	    _("Forgotten passwords"), _("The login page tells people who "
	    "forgot their password whom to ask. Administrators give them a "
	    "one-time password on the person's page."));
	html_fmt(b, "<form method=\"post\" action=\"/admin/accounts/contact\" "
	    "class=\"stack\">\n");
	html_csrf(b, req);
	shown = req->form_error != NULL ? http_form(req, "contact") : contact;
	html_input(b, "contact", _("Whom to ask (e.g. the IT service desk, "
	    "phone 12 34 56 78)"), "text", shown, 0,
	    web_field_error(req, "contact"));
	html_fmt(b, "<p class=\"hint\">%s</p>\n<button type=\"submit\">%s"
	    "</button>\n</form>\n</section>\n", _("Left empty, the login page "
	    "says to ask one's leader or the municipality's administrator."),
	    _("Save"));
	put_tokens(b, req, v, n);
	html_page_end(b, req);
}

void
web_accounts(struct http_req *req, struct http_resp *resp)
{
	if (web_gate(req, resp, AZ_ORG_MANAGE) != 0)
		return;
	accounts_render(req, resp, 200);
}

void
web_accounts_contact(struct http_req *req, struct http_resp *resp)
{
	const struct field_value *v;

	if (web_gate(req, resp, AZ_ORG_MANAGE) != 0)
		return;
	if (req->form_error != NULL) {
		accounts_render(req, resp, 400);
		return;
	}
	/* Empty: no sentence of the municipality's own (the default). */
	v = &req->vals[ACF_CONTACT];
	if (org_admin_contact_set(req->ctx, v->present && v->s[0] != '\0' ?
	    v->s : NULL) != 0) {
		web_failed(req, resp);
		return;
	}
	http_redirect(resp, "/admin/accounts?saved=contact");
}

void
web_token_revoke(struct http_req *req, struct http_resp *resp)
{
	int64_t	id;
	int	rc;

	if (web_gate(req, resp, AZ_ORG_MANAGE) != 0)
		return;
	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return;
	}
	if ((rc = auth_token_revoke(req->ctx, id)) == 1) {
		web_not_found(req, resp);
		return;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return;
	}
	http_redirect(resp, "/admin/accounts?saved=revoked");
}
