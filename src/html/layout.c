/* layout.c: the frame around every page. Landmarks (banner, navigation,
 * main, contentinfo), a skip link, one place for the language switch and
 * the logout form; pages add exactly one <h1> inside <main>. */
#include "html/html.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "http/http.h"
#include "i18n.h"
#include "org/org.h"

struct nav_item {
	const char	*key;		/* the `active` name */
	const char	*href;
	const char	*label;		/* msgid */
	int		 action;	/* az_action needed, or -1: any user */
};

static const struct nav_item nav_items[] = {
	{ "home", "/", N_("Home"), AZ_HOME_VIEW },
	{ "admin_units", "/admin/units", N_("Units"), AZ_ADMIN_VIEW },
	{ "admin_people", "/admin/people", N_("People"), AZ_ADMIN_VIEW },
	{ "admin_audit", "/admin/audit", N_("Audit log"), AZ_AUDIT_VIEW },
};

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
put_nav(struct buf *b, struct http_req *req, const char *active)
{
	size_t i;

	html_fmt(b, "<nav class=\"main-nav\" aria-label=\"%s\"><ul>",
	    _("Main menu"));
	for (i = 0; i < sizeof(nav_items) / sizeof(nav_items[0]); i++) {
		if (!authz_can(req->ctx, (enum az_action)nav_items[i].action, 0))
			continue;
		html_fmt(b, "<li><a href=\"%H\"%R>%s</a></li>",
		    nav_items[i].href,
		    active != NULL && strcmp(active, nav_items[i].key) == 0 ?
		    " aria-current=\"page\"" : "", _(nav_items[i].label));
	}
	html_fmt(b, "</ul></nav>");
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
	html_fmt(b, "</main>\n<footer class=\"foot\"><p>%s</p></footer>\n"
	    "</body>\n</html>\n", _("Orden – internal control"));
}

void
html_csrf(struct buf *b, struct http_req *req)
{
	if (req->csrf != NULL)
		html_fmt(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		    req->csrf);
}
