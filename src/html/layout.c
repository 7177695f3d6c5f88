/* layout.c: the frame around every page. Landmarks (banner, navigation,
 * main, contentinfo), a skip link, one place for the language switch and
 * the logout form; pages add exactly one <h1> inside <main>. */
#include "html/html.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "org/org.h"
#include "whistle/whistle.h"

/* What a navigation item needs to be shown. Showing is not access: each
 * page asks authz/ itself; the menu only leaves out what would be empty
 * or refused. */
enum nav_need {
	NEED_ACTION,	/* authz_can(action, 0) */
	NEED_LEADER,	/* leads some unit (has an inbox) */
	NEED_STATS,	/* may see statistics of some unit */
	NEED_WB_CASES,	/* handles a whistleblowing case, or may register one */
	NEED_SOMEWHERE,	/* authz_can_somewhere(action) */
};

struct nav_item {
	const char	*key;		/* the `active` name */
	const char	*href;
	const char	*label;		/* msgid */
	enum nav_need	 need;
	int		 action;	/* az_action for NEED_ACTION */
	const char	*cls;		/* extra class, or NULL */
	int		 more;		/* 1: behind "More" on a phone */
};

static const struct nav_item nav_items[] = {
	{ "home", "/", N_("Home"), NEED_ACTION, AZ_HOME_VIEW, NULL, 0 },
	{ "dev_new", "/deviations/new", N_("Report a deviation"), NEED_ACTION,
	    AZ_DEV_REPORT, "cta", 0 },
	{ "dev_mine", "/deviations/mine", N_("My reports"), NEED_ACTION,
	    AZ_DEV_REPORT, NULL, 0 },
	{ "dev_inbox", "/deviations/inbox", N_("Inbox"), NEED_LEADER, 0, NULL, 0 },
	{ "dev_list", "/deviations", N_("Deviations"), NEED_STATS, 0, NULL, 1 },
	{ "dashboard", "/dashboard", N_("Statistics"), NEED_STATS, 0, NULL, 1 },
	{ "report", "/reports/tertial", N_("Tertial report"), NEED_ACTION, AZ_REPORT_VIEW, NULL, 1 },
	{ "wb_start", "/whistle", N_("Whistleblowing"), NEED_ACTION, AZ_HOME_VIEW, NULL, 1 },
	{ "wb_cases", "/whistle/cases", N_("Whistleblowing cases"), NEED_WB_CASES, 0, NULL, 1 },
	{ "wb_stats", "/whistle/stats", N_("Whistleblowing statistics"), NEED_ACTION,
	    AZ_WB_STATS, NULL, 1 },
	{ "risk_list", "/risk-assessments", N_("Risk assessments"),
	    NEED_SOMEWHERE, AZ_RISK_VIEW, NULL, 1 },
	{ "wheel", "/wheel", N_("Yearly wheel"), NEED_ACTION, AZ_WHEEL_VIEW, NULL, 1 },
	{ "followup", "/followup", N_("Audit follow-up"), NEED_ACTION,
	    AZ_FOLLOWUP_VIEW, NULL, 1 },
	{ "documents", "/documents", N_("Governing documents"), NEED_ACTION,
	    AZ_HOME_VIEW, NULL, 1 },
	{ "admin_categories", "/admin/categories", N_("Categories"),
	    NEED_ACTION, AZ_DEV_CONFIGURE, NULL, 1 },
	{ "admin_units", "/admin/units", N_("Units"), NEED_ACTION, AZ_ADMIN_VIEW, NULL, 1 },
	{ "admin_people", "/admin/people", N_("People"), NEED_ACTION, AZ_ADMIN_VIEW, NULL, 1 },
	{ "admin_audit", "/admin/audit", N_("Audit log"), NEED_ACTION, AZ_AUDIT_VIEW, NULL, 1 },
	{ "admin_accounts", "/admin/accounts", N_("Accounts"), NEED_ACTION, AZ_ORG_MANAGE, NULL, 1 },
	{ "admin_mail", "/admin/mail", N_("E-mail"), NEED_ACTION, AZ_MAIL_ADMIN, NULL, 1 },
	{ "admin_sso", "/admin/sso", N_("Sign-in services"), NEED_ACTION,
	    AZ_ADMIN_VIEW, NULL, 1 },
	{ "admin_webhooks", "/admin/webhooks", N_("Webhooks"), NEED_ACTION,
	    AZ_WEBHOOK_ADMIN, NULL, 1 },
};

/* Whether the user may see statistics for the tenant or for any unit a
 * role of theirs is scoped to (that is where AZ_DEV_STATS can hold). */
static int
may_see_stats(struct ctx *ctx)
{
	size_t i;

	if (authz_can(ctx, AZ_DEV_STATS, 0))
		return 1;
	if (ctx->conn == NULL)
		return 0;
	for (i = 0; i < ctx->roles.n; i++)
		if (ctx->roles.v[i].unit_id != 0 &&
		    authz_can(ctx, AZ_DEV_STATS, ctx->roles.v[i].unit_id))
			return 1;
	return 0;
}

/* Whether the menu offers the handler's case list: to those who handle a
 * case (which only the model knows), and to those who may register an
 * oral report. Metadata only; nothing is opened or audited. */
static int
may_see_wb_cases(struct ctx *ctx)
{
	struct wb_case	*cases = NULL;
	size_t		 n = 0;
	char		 next[WB_CURSOR_MAX];

	if (authz_can(ctx, AZ_WB_REGISTER_ORAL, 0))
		return 1;
	if (ctx->conn == NULL || whistle_cases_page(ctx, NULL, 1, &cases, &n, next) != 0)
		return 0;
	return n > 0;
}

static int
nav_visible(struct ctx *ctx, const struct nav_item *it)
{
	switch (it->need) {
	case NEED_ACTION:
		return authz_can(ctx, (enum az_action)it->action, 0);
	case NEED_LEADER:
		return org_has_role(ctx, &ctx->roles, ROLE_LEADER, 0) ||
		    org_has_role(ctx, &ctx->roles, ROLE_CHIEF_EXECUTIVE, 0);
	case NEED_STATS:
		return may_see_stats(ctx);
	case NEED_WB_CASES:
		return may_see_wb_cases(ctx);
	case NEED_SOMEWHERE:
		return authz_can_somewhere(ctx, (enum az_action)it->action);
	}
	return 0;
}

/* Each language is named in itself, so a reader finds their own. */
static const struct {
	const char *code, *name;
} langs[] = {
	{ "nb", "Bokmål" },
	{ "nn", "Nynorsk" },
	{ "en", "English" },
};

static void
put_lang_switch(struct buf *b, struct http_req *req, const char *cur)
{
	const char	*path = req->path != NULL ? req->path : "/";
	size_t		 i;

	html_fmt(b, "<nav class=\"lang\" aria-label=\"%s\"><ul>",
	    _("Language"));
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		if (strcmp(langs[i].code, cur) == 0)
			html_fmt(b, "<li><a href=\"/lang?set=%U&amp;next=%U\" "
			    "lang=\"%s\" hreflang=\"%s\" aria-current=\"true\">"
			    "%s</a></li>", langs[i].code, path, langs[i].code,
			    langs[i].code, langs[i].name);
		else
			html_fmt(b, "<li><a href=\"/lang?set=%U&amp;next=%U\" "
			    "lang=\"%s\" hreflang=\"%s\">%s</a></li>",
			    langs[i].code, path, langs[i].code, langs[i].code,
			    langs[i].name);
	}
	html_fmt(b, "</ul></nav>");
}

static void
put_nav_item(struct buf *b, const struct nav_item *it, const char *active)
{
	html_fmt(b, "<li><a href=\"%H\"%R%R%R%R>%s</a></li>", it->href,
	    it->cls != NULL ? " class=\"" : "",
	    it->cls != NULL ? it->cls : "",
	    it->cls != NULL ? "\"" : "",
	    active != NULL && strcmp(active, it->key) == 0 ?
	    " aria-current=\"page\"" : "", _(it->label));
}

/* Up to this many of the less used items stay in the open list; beyond
 * it they go behind "More", so that a phone shows the page, not a screen
 * of links (the quality adviser had about 17). */
#define NAV_MORE_MIN	4

/* The menu: the everyday items (home, report, my reports, inbox,
 * notifications) in one list, the rest in a <details> that is closed on a
 * phone and shown as part of the row on a wide screen (style.css), so it
 * works without JavaScript. */
static void
put_nav(struct buf *b, struct http_req *req, const char *active)
{
	struct ctx	*ctx = req->ctx;
	size_t		 i, n = sizeof(nav_items) / sizeof(nav_items[0]);
	int		 unread = 0, shown[sizeof(nav_items) / sizeof(nav_items[0])];
	int		 nmore = 0;

	for (i = 0; i < n; i++) {
		shown[i] = nav_visible(ctx, &nav_items[i]);
		nmore += shown[i] && nav_items[i].more;
	}
	html_fmt(b, "<nav class=\"main-nav\" aria-label=\"%s\"><div class=\"row\"><ul>",
	    _("Main menu"));
	for (i = 0; i < n; i++)
		if (shown[i] && (!nav_items[i].more || nmore < NAV_MORE_MIN))
			put_nav_item(b, &nav_items[i], active);
	/* The unread count needs the database; error pages answered before
	 * a connection was taken go without it. */
	if (ctx->unread_known)
		unread = ctx->unread;
	else if (ctx->conn != NULL && (unread = notification_unread_count(ctx,
	    ctx->user->id)) < 0)
		unread = 0;
	html_fmt(b, "<li><a href=\"/notifications\"%R>%s",
	    active != NULL && strcmp(active, "notifications") == 0 ?
	    " aria-current=\"page\"" : "", _("Notifications"));
	if (unread > 0)
		html_fmt(b, " <span class=\"count\">%d<span class=\"vh\"> %s"
		    "</span></span>", unread, _("unread"));
	html_fmt(b, "</a></li></ul>");
	if (nmore >= NAV_MORE_MIN) {
		html_fmt(b, "<details class=\"more\"><summary>%s</summary><ul>",
		    _("More"));
		for (i = 0; i < n; i++)
			if (shown[i] && nav_items[i].more)
				put_nav_item(b, &nav_items[i], active);
		html_fmt(b, "</ul></details>");
	}
	html_fmt(b, "</div></nav>");
}

void
html_page_begin(struct buf *b, struct http_req *req, const char *title,
    const char *active)
{
	struct ctx	*ctx = req->ctx;
	const char	*lang = "nb", *tenant = NULL;

	if (ctx != NULL) {
		if (ctx->lang != NULL)
			lang = ctx->lang;
		tenant = ctx->tenant_name;
	}
	html_fmt(b, "<!doctype html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>%s – Orden</title>\n"
	    "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
	    "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
	    "</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">%s</a>\n"
	    "<header class=\"top\">\n<div class=\"bar\">\n"
	    "<p class=\"brand\"><a href=\"/\">Orden</a>",
	    lang, title, _("Skip to main content"));
	if (tenant != NULL && *tenant != '\0')
		html_fmt(b, " <span class=\"tenant\">%s</span>", tenant);
	html_fmt(b, "</p>\n");
	put_lang_switch(b, req, lang);
	if (ctx != NULL && ctx->user != NULL) {
		html_fmt(b, "<div class=\"user\"><span class=\"who\">%s</span> "
		    "<a href=\"/account/password\"%R>%s</a> "
		    "<form method=\"post\" action=\"/logout\" class=\"logout\">",
		    ctx->user->name,
		    active != NULL && strcmp(active, "account_password") == 0 ?
		    " aria-current=\"page\"" : "", _("Change password"));
		html_csrf(b, req);
		html_fmt(b, "<button type=\"submit\" class=\"link\">%s</button>"
		    "</form></div>\n", _("Log out"));
	}
	html_fmt(b, "</div>\n");
	if (ctx != NULL && ctx->user != NULL)
		put_nav(b, req, active);
	html_fmt(b, "</header>\n<main id=\"main\" tabindex=\"-1\">\n");
}

void
html_page_end(struct buf *b, struct http_req *req)
{
	(void)req;
	/* Whistleblowing is open to everyone, with or without an account:
	 * the way there is on every page, the login page too. */
	html_fmt(b, "</main>\n<footer class=\"foot\"><p><a href=\"/whistle\">%s"
	    "</a></p><p>%s</p></footer>\n</body>\n</html>\n",
	    _("Whistleblowing: report censurable conditions"),
	    _("Orden – internal control"));
}

void
html_csrf(struct buf *b, struct http_req *req)
{
	if (req->csrf != NULL)
		html_fmt(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		    req->csrf);
}
