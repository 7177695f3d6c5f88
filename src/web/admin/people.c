/* web/admin/people.c: the people list with search, a person's page (details, roles,
 * one-time password). Who may see and change what is org/'s answer
 * (org_directory, org_directory_person, org_rights_of and the gates,
 * which ask authz/); this file only translates. */
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "ctx.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org_input.h"
#include "store/store.h"
#include "totp/totp.h"
#include "util/arena.h"
#include "util/num.h"
#include "vault/vault.h"
#include "web/admin/admin.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

/* More than this many matches are cut, with a hint to search. */
#define PEOPLE_LIST_MAX 500

/* ASCII and Latin-1 letters (æøå, é, ü ...) to lower case, so that a search
 * for "øst" finds "Østby". Other UTF-8 passes through. */
static char *
fold(struct arena *a, const char *s)
{
	char	*o;
	size_t	 i;

	if ((o = arena_strdup(a, s)) == NULL)
		return NULL;
	for (i = 0; o[i]; i++) {
		if (o[i] >= 'A' && o[i] <= 'Z')
			o[i] = (char)(o[i] + 32);
		else if ((unsigned char)o[i] == 0xc3 && o[i + 1] != '\0') {
			unsigned char c = (unsigned char)o[i + 1];

			if (c >= 0x80 && c <= 0x9e && c != 0x97)
				o[i + 1] = (char)(c + 0x20);
			i++;
		}
	}
	return o;
}

static int
person_matches(struct arena *a, const struct person *p, const char *fq)
{
	const char *fn, *fl;

	if (fq == NULL)
		return 1;
	fn = fold(a, p->name);
	fl = fold(a, p->login);
	return (fn != NULL && strstr(fn, fq) != NULL) ||
	    (fl != NULL && strstr(fl, fq) != NULL);
}

static void
people_render(struct http_req *req, struct http_resp *resp, int status,
    const struct person *people, size_t np, const struct unit *units,
    size_t nu, const struct web_form_err *e)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	const char	*q = http_qtext(req, OPQ_Q), *fq = NULL, *un, *ps;
	size_t		 i, shown = 0, matched = 0;
	int64_t		 unit = 0;
	struct org_rights rights;

	if (q != NULL && *q != '\0')
		fq = fold(ctx->arena, q);
	else
		q = NULL;
	resp->status = status;
	html_page_begin(b, req, _("People"), "admin_people");
	html_fmt(b, "<h1>%s</h1>\n", _("People"));
	if (e != NULL && e->field == NULL && e->msg != NULL)
		web_error(b, e->msg);

	html_fmt(b, "<form method=\"get\" action=\"/admin/people\" "
	    "role=\"search\" class=\"search\">"
	    "<label for=\"f-q\">%s</label><div class=\"row\">"
	    "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\">"
	    "<button type=\"submit\">%s</button></div></form>\n",
	    _("Search by name or username"), q, _("Search"));

	for (i = 0; i < np; i++)
		if (person_matches(ctx->arena, &people[i], fq))
			matched++;
	if (matched == 0)
		html_fmt(b, "<p>%s</p>\n", q != NULL ?
		    _("Nobody matches the search.") : _("There are no people yet."));
	else {
		html_fmt(b, "<div class=\"table-wrap\"><table>"
		    "<caption>%s</caption>\n<thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "</tr></thead>\n<tbody>\n",
		    q != NULL ? _("People matching the search") :
		    _("Everyone with an account"),
		    _("Name"), _("Username"), _("Unit"), _("E-mail"));
		for (i = 0; i < np && shown < PEOPLE_LIST_MAX; i++) {
			if (!person_matches(ctx->arena, &people[i], fq))
				continue;
			shown++;
			un = web_unit_name(units, nu, people[i].unit_id);
			html_fmt(b, "<tr><td><a href=\"/admin/people/%D\">%s</a>",
			    people[i].id, people[i].name);
			if (!people[i].active)
				html_fmt(b, " <span class=\"tag\">%s</span>",
				    _("inactive"));
			html_fmt(b, "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			    people[i].login, un != NULL ? un : "",
			    people[i].email);
		}
		html_fmt(b, "</tbody></table></div>\n");
		if (matched > shown)
			html_fmt(b, "<p>%s</p>\n", _("Only the first 500 are shown. "
			    "Search to narrow the list."));
	}

	org_rights_of(ctx, &rights);
	if (rights.manage) {
		if (e != NULL && (ps = http_form(req, "unit")) != NULL)
			(void)num_parse_i64(ps, 0, INT64_MAX, &unit);
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"new-h\">"
		    "<h2 id=\"new-h\">%s</h2>\n<form method=\"post\" "
		    "action=\"/admin/people\" class=\"stack\">\n",
		    _("New person"));
		html_csrf(b, req);
		html_input_ac(b, "login", _("Username"), "text",
		    e != NULL ? http_form(req, "login") : NULL, 1,
		    web_form_err_for(req, e, "login"), "off");
		html_input(b, "name", _("Full name"), "text",
		    e != NULL ? http_form(req, "name") : NULL, 1,
		    web_form_err_for(req, e, "name"));
		html_input(b, "email", _("E-mail"), "email",
		    e != NULL ? http_form(req, "email") : NULL, 0,
		    web_form_err_for(req, e, "email"));
		web_unit_select_open(b, "f-unit", "unit", _("Unit"), units, nu, unit,
		    _("No unit"), 0, 0, web_form_err_for(req, e, "unit"));
		html_input(b, "party", _("Political party (elected officials only)"),
		    "text", e != NULL ? http_form(req, "party") : NULL, 0,
		    web_form_err_for(req, e, "party"));
		html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n"
		    "</section>\n", _("Create person"));
	}
	html_page_end(b, req);
}

/* Whether the user may create and change people; else 403 given. */
static int
may_manage(struct http_req *req, struct http_resp *resp, int roles)
{
	struct org_rights r;

	org_rights_of(req->ctx, &r);
	if (roles ? r.roles : r.manage)
		return 1;
	web_forbidden(req, resp);
	return 0;
}

void
web_people(struct http_req *req, struct http_resp *resp)
{
	struct person	*people = NULL;
	struct unit	*units = NULL;
	size_t		 np = 0, nu = 0;

	if (web_org_directory(req, resp, &units, &nu, &people, &np) != 0)
		return;
	people_render(req, resp, 200, people, np, units, nu, NULL);
}

void
web_person_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct person	*people = NULL, p;
	struct unit	*units = NULL;
	size_t		 np = 0, nu = 0;
	struct web_form_err	 e = { NULL, NULL, NULL };
	struct org_result r;
	const char	*loc;

	/* Someone who may not create learns nothing from the form check. */
	if (!may_manage(req, resp, 0) ||
	    web_org_directory(req, resp, &units, &nu, &people, &np) != 0)
		return;
	if (req->form_error != NULL) {
		people_render(req, resp, 400, people, np, units, nu, &e);
		return;
	}
	org_person_read(req->vals, &p);
	p.active = 1;
	/* org_person_add asks and checks; the page only says it its way. */
	org_person_add(ctx, &p, &r);
	switch (r.outcome) {
	case ORG_OK:
		loc = arena_printf(ctx->arena, "/admin/people/%lld?saved=created",
		    (long long)r.id);
		http_redirect(resp, loc != NULL ? loc : "/admin/people");
		return;
	case ORG_DENIED:
		web_forbidden(req, resp);
		return;
	case ORG_CONFLICT:
		e.field = "login";
		e.msg = _("Someone already has this username.");
		break;
	case ORG_INVALID:
		if (strcmp(r.field, "unit_id") == 0) {
			e.field = "unit";
			e.msg = _("Choose a unit from the list.");
		} else if (strcmp(r.field, "login") == 0) {
			e.field = "login";
			e.msg = _("Enter a username.");
		} else {
			e.field = r.field;
			e.msg = _(r.why);
		}
		break;
	default:
		web_failed(req, resp);
		return;
	}
	people_render(req, resp, 400, people, np, units, nu, &e);
}

/* Everything the person page shows. */
struct person_page {
	struct person	 p;
	struct unit	*units;
	size_t		 nu;
	struct roleset	 roles;
};

/* Loads the person of path parameter 0 with their roles and the unit tree,
 * and checks that the user may see them. 0, or -1 with the answer given. */
static int
person_load(struct http_req *req, struct http_resp *resp,
    struct person_page *pg)
{
	struct ctx	*ctx = req->ctx;
	int64_t		 id;
	int		 rc;

	memset(pg, 0, sizeof(*pg));
	/* The directory first: someone who may not see it learns nothing
	 * about which ids are people. */
	if (web_org_directory(req, resp, &pg->units, &pg->nu, NULL, NULL) != 0)
		return -1;
	if (http_param_id(req, 0, &id) != 0)
		rc = -1;
	else
		rc = org_directory_person(ctx, id, &pg->p, &pg->roles);
	if (rc == 0)
		return 0;
	if (rc == ORG_ERR_FORBIDDEN)
		web_forbidden(req, resp);
	else if (rc == -1)
		web_not_found(req, resp);
	else
		web_failed(req, resp);
	return -1;
}

static void
put_role_label(struct buf *b, const struct person_page *pg,
    const struct role_assignment *ra)
{
	const char *scope = ra->unit_id == 0 ? NULL :
	    web_unit_name(pg->units, pg->nu, ra->unit_id);

	if (scope != NULL)
		html_fmt(b, "%s – %s", web_role_label(ra->role), scope);
	else
		html_fmt(b, "%s", web_role_label(ra->role));
}

static void
put_details_form(struct buf *b, struct http_req *req,
    const struct person_page *pg, const struct web_form_err *e)
{
	const struct person	*p = &pg->p;
	int			 reshow = e != NULL && http_form(req, "name") != NULL;
	int64_t			 unit = p->unit_id;
	int			 active = p->active;
	const char		*ps, *aerr;

	if (reshow) {
		if ((ps = http_form(req, "unit")) != NULL)
			(void)num_parse_i64(ps, 0, INT64_MAX, &unit);
		active = http_form(req, "active") != NULL;
	}
	html_fmt(b, "<form method=\"post\" action=\"/admin/people/%D\" "
	    "class=\"stack\">\n", p->id);
	html_csrf(b, req);
	html_fmt(b, "<p class=\"hint\">%s: <strong>%s</strong></p>\n",
	    _("Username"), p->login);
	html_input(b, "name", _("Full name"), "text",
	    reshow ? http_form(req, "name") : p->name, 1,
	    web_form_err_for(req, e, "name"));
	html_input(b, "email", _("E-mail"), "email",
	    reshow ? http_form(req, "email") : p->email, 0,
	    web_form_err_for(req, e, "email"));
	web_unit_select_open(b, "f-unit", "unit", _("Unit"), pg->units, pg->nu, unit,
	    _("No unit"), 0, 0, web_form_err_for(req, e, "unit"));
	html_input(b, "party", _("Political party (elected officials only)"),
	    "text", reshow ? http_form(req, "party") : p->party, 0,
	    web_form_err_for(req, e, "party"));
	if ((aerr = web_form_err_for(req, e, "active")) != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-active-error\">%s</p>",
		    aerr);
	html_fmt(b, "<div class=\"field check\"><input id=\"f-active\" "
	    "name=\"active\" type=\"checkbox\" value=\"1\"%R%R>"
	    "<label for=\"f-active\">%s</label></div>\n",
	    active ? " checked" : "", aerr != NULL ? " aria-invalid=\"true\" "
	    "aria-describedby=\"f-active-error\"" : "", _("Active (may log in)"));
	html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Save"));
}

static void
put_roles(struct buf *b, struct http_req *req, const struct person_page *pg,
    const struct web_form_err *e)
{
	struct org_rights rights;
	int		 manage;
	size_t		 i;
	int		 r;
	const char	*sel = e != NULL ? http_form(req, "role") : NULL;
	int64_t		 unit = 0;
	const char	*ps;

	org_rights_of(req->ctx, &rights);
	manage = rights.roles;
	html_fmt(b, "<section class=\"card\" id=\"roles\" aria-labelledby=\"roles-h\">"
	    "<h2 id=\"roles-h\">%s</h2>\n", _("Roles"));
	if (pg->roles.n == 0)
		html_fmt(b, "<p>%s</p>\n", _("No roles yet."));
	else {
		html_fmt(b, "<ul class=\"roles\">\n");
		for (i = 0; i < pg->roles.n; i++) {
			html_fmt(b, "<li><span>");
			put_role_label(b, pg, &pg->roles.v[i]);
			html_fmt(b, "</span>");
			if (manage) {
				html_fmt(b, "<form method=\"post\" action=\""
				    "/admin/people/%D/roles/%D/delete\" "
				    "class=\"inline\">", pg->p.id,
				    pg->roles.v[i].id);
				html_csrf(b, req);
				html_fmt(b, "<button type=\"submit\" "
				    "class=\"secondary\">%s<span class=\"vh\"> ",
				    _("Remove"));
				put_role_label(b, pg, &pg->roles.v[i]);
				html_fmt(b, "</span></button></form>");
			}
			html_fmt(b, "</li>\n");
		}
		html_fmt(b, "</ul>\n");
	}
	if (e != NULL && e->field != NULL && strcmp(e->field, "revoke") == 0)
		web_error(b, e->msg);
	if (manage) {
		if (e != NULL && (ps = http_form(req, "unit")) != NULL)
			(void)num_parse_i64(ps, 0, INT64_MAX, &unit);
		html_fmt(b, "<h3>%s</h3>\n<form method=\"post\" "
		    "action=\"/admin/people/%D/roles\" class=\"stack\">\n",
		    _("Give a role"), pg->p.id);
		html_csrf(b, req);
		html_fmt(b, "<div class=\"field%R\"><label for=\"f-role\">%s</label>",
		    web_form_err_for(req, e, "role") != NULL ? " invalid" : "", _("Role"));
		if (web_form_err_for(req, e, "role") != NULL)
			html_fmt(b, "<p class=\"error\" id=\"f-role-error\">%s</p>",
			    web_form_err_for(req, e, "role"));
		html_fmt(b, "<select id=\"f-role\" name=\"role\"%R>",
		    web_form_err_for(req, e, "role") != NULL ? " aria-invalid=\"true\" "
		    "aria-describedby=\"f-role-error\"" : "");
		for (r = 0; r < ROLE_MAX; r++)
			html_fmt(b, "<option value=\"%s\"%R>%s</option>",
			    role_name((enum role)r), sel != NULL &&
			    strcmp(sel, role_name((enum role)r)) == 0 ?
			    " selected" : "", web_role_label((enum role)r));
		html_fmt(b, "</select></div>\n");
		web_unit_select_open(b, "f-role-unit", "unit", _("For unit"),
		    pg->units, pg->nu, unit, _("The whole municipality"), 0, 0,
		    web_form_err_for(req, e, "unit"));
		html_fmt(b, "<p class=\"hint\">%s</p>\n", _("Leaders, employees, "
		    "safety representatives and union representatives hold their "
		    "role for a unit and the units under it. Other roles apply to "
		    "the whole municipality."));
		html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n",
		    _("Give role"));
	}
	html_fmt(b, "</section>\n");
}

/* e: a failed form. Which form it belongs to is told by its field (details
 * fields, "role"/"unit" for the role form, "revoke"). */
static void
person_render(struct http_req *req, struct http_resp *resp, int status,
    const struct person_page *pg, const struct web_form_err *details_err,
    const struct web_form_err *role_err)
{
	struct buf	*b = &resp->body;
	const char	*saved = status == 200 ? http_qtext(req, OSQ_SAVED) : NULL;
	const char	*un = web_unit_name(pg->units, pg->nu, pg->p.unit_id);
	struct org_rights rights;

	if (saved != NULL && !org_saved_known(OSP_PERSON, saved)) {
		http_html_error(req, resp, 400, _("saved: not a change this page "
		    "reports"));
		return;
	}
	org_rights_of(req->ctx, &rights);
	resp->status = status;
	html_page_begin(b, req, pg->p.name, "admin_people");
	html_fmt(b, "<p class=\"back\"><a href=\"/admin/people\">%s</a></p>\n"
	    "<h1>%s</h1>\n", _("All people"), pg->p.name);
	if (saved != NULL) {
		if (strcmp(saved, "created") == 0)
			web_notice(b, _("The person has been created. Give them "
			    "roles below, and a one-time password so they can log in."));
		else if (strcmp(saved, "role") == 0)
			web_notice(b, _("The roles have been saved."));
		else
			web_notice(b, _("The changes have been saved."));
	}
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"details-h\">"
	    "<h2 id=\"details-h\">%s</h2>\n", _("Details"));
	if (details_err != NULL && details_err->field == NULL &&
	    details_err->msg != NULL)
		web_error(b, details_err->msg);
	if (rights.manage)
		put_details_form(b, req, pg, details_err);
	else {
		html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd>"
		    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
		    _("Username"), pg->p.login, _("E-mail"),
		    pg->p.email != NULL ? pg->p.email : "–",
		    _("Unit"), un != NULL ? un : _("No unit"));
		if (pg->p.party != NULL)
			html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Party"),
			    pg->p.party);
		html_fmt(b, "<dt>%s</dt><dd>%s</dd></dl>\n", _("Status"),
		    pg->p.active ? _("Active") : _("Inactive"));
	}
	html_fmt(b, "</section>\n");

	put_roles(b, req, pg, role_err);

	if (rights.manage) {
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"pw-h\">"
		    "<h2 id=\"pw-h\">%s</h2>\n<p>%s</p>\n"
		    "<form method=\"post\" action=\"/admin/people/%D/password\">",
		    _("Password"), _("Make a one-time password when someone is "
		    "new or has forgotten theirs. It is shown to you once; they "
		    "must choose their own the next time they log in."),
		    pg->p.id);
		html_csrf(b, req);
		html_fmt(b, "<button type=\"submit\">%s</button></form>"
		    "</section>\n", _("Make a one-time password"));
	}
	if (totp_reset_right(req->ctx, pg->p.id, pg->p.unit_id)) {
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"tf-h\">"
		    "<h2 id=\"tf-h\">%s</h2>\n<p>%s</p>\n"
		    "<form method=\"post\" action=\"/admin/people/%D/second-factor\">",
		    _("Second factor"), _("When someone has lost their phone and "
		    "their recovery codes: remove their second factor. They set up "
		    "a new one at their next login. You never see it."), pg->p.id);
		html_csrf(b, req);
		html_fmt(b, "<button type=\"submit\">%s</button></form>"
		    "</section>\n", _("Remove the second factor"));
	}
	html_page_end(b, req);
}

void
web_person_edit(struct http_req *req, struct http_resp *resp)
{
	struct person_page pg;

	if (person_load(req, resp, &pg) != 0)
		return;
	person_render(req, resp, 200, &pg, NULL, NULL);
}

static void
redirect_person(struct http_req *req, struct http_resp *resp, int64_t id,
    const char *saved)
{
	const char *loc = arena_printf(req->ctx->arena,
	    "/admin/people/%lld?saved=%s", (long long)id, saved);

	http_redirect(resp, loc != NULL ? loc : "/admin/people");
}

/* A gate's refusal of one form (details or roles) as the page says it:
 * 0 when it went well, else -1 with the answer given. */
static int
person_answer(struct http_req *req, struct http_resp *resp,
    const struct person_page *pg, const struct org_result *r, int roles,
    struct web_form_err *e)
{
	int status = 400;

	switch (r->outcome) {
	case ORG_OK:
		return 0;
	case ORG_NOT_FOUND:
		web_not_found(req, resp);
		return -1;
	case ORG_DENIED:
		if (r->field == NULL) {
			web_forbidden(req, resp);
			return -1;
		}
		/* A grant of one's own whistleblowing role is a 403 with the
		 * form; the rest say it by the field. */
		status = roles && e->field == NULL ? 403 : 400;
		break;
	case ORG_INVALID:
		break;
	default:
		web_failed(req, resp);
		return -1;
	}
	if (e->field == NULL)
		e->field = strcmp(r->field, "unit_id") == 0 ? "unit" : r->field;
	/* The page's own sentence for a choice from its lists. */
	if (r->outcome == ORG_INVALID && strcmp(r->field, "unit_id") == 0)
		e->msg = _("Choose a unit from the list.");
	else if (r->outcome == ORG_INVALID && strcmp(r->field, "role") == 0)
		e->msg = _("Choose a role from the list.");
	else
		e->msg = _(r->why);
	person_render(req, resp, status, pg, roles ? NULL : e, roles ? e : NULL);
	return -1;
}

void
web_person_update(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct person_page	 pg;
	struct person		 p;
	struct web_form_err	 e = { NULL, NULL, NULL };
	struct org_result	 r;

	if (!may_manage(req, resp, 0) || person_load(req, resp, &pg) != 0)
		return;
	if (req->form_error != NULL) {
		person_render(req, resp, 400, &pg, &e, NULL);
		return;
	}
	org_person_read(req->vals, &p);
	p.id = pg.p.id;
	org_person_change(ctx, &p, &r);
	if (person_answer(req, resp, &pg, &r, 0, &e) == 0)
		redirect_person(req, resp, p.id, "1");
}

void
web_role_grant(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct person_page	 pg;
	struct web_form_err	 e = { NULL, NULL, NULL };
	struct org_role_input	 in;
	struct org_result	 r;

	if (!may_manage(req, resp, 1) || person_load(req, resp, &pg) != 0)
		return;
	if (req->form_error != NULL) {
		person_render(req, resp, 400, &pg, NULL, &e);
		return;
	}
	org_role_read(req->vals, &in);
	org_role_add(ctx, pg.p.id, &in, &r);
	if (person_answer(req, resp, &pg, &r, 1, &e) == 0)
		redirect_person(req, resp, pg.p.id, "role");
}

void
web_role_revoke(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct person_page	 pg;
	struct web_form_err	 e = { NULL, "revoke", NULL };
	struct org_result	 r;
	int64_t			 rid;

	if (!may_manage(req, resp, 1) || person_load(req, resp, &pg) != 0)
		return;
	if (http_param_id(req, 1, &rid) != 0 || rid <= 0) {
		web_not_found(req, resp);
		return;
	}
	/* authz refuses one's own administrator role (it could lock
	 * everyone out of the admin pages); another administrator must. */
	org_role_remove(ctx, pg.p.id, rid, NULL, &r);
	if (person_answer(req, resp, &pg, &r, 1, &e) == 0)
		redirect_person(req, resp, pg.p.id, "role");
}

void
web_person_reset_password(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct person_page	 pg;
	struct buf		*b = &resp->body;
	char			 pw[64];
	const char		*title;
	int			 ok;

	if (!may_manage(req, resp, 0) || person_load(req, resp, &pg) != 0)
		return;
	/* The old password is gone, so are the whistleblowing key it
	 * wrapped and every session opened with it (auth/reset.c). */
	ok = auth_password_reset(ctx, pg.p.id, pw, sizeof(pw)) == 0;
	if (!ok) {
		sodium_memzero(pw, sizeof(pw));
		web_failed(req, resp);
		return;
	}
	/* Shown once: it must not be kept by a browser or proxy cache. */
	http_header(resp, "Cache-Control", "no-store");
	title = arena_printf(ctx->arena, _("One-time password for %s"),
	    pg.p.name);
	resp->status = 200;
	html_page_begin(b, req, title != NULL ? title : _("Password"),
	    "admin_people");
	html_fmt(b, "<p class=\"back\"><a href=\"/admin/people/%D\">%s</a></p>\n"
	    "<h1>%s</h1>\n", pg.p.id, _("Back to the person"),
	    title != NULL ? title : _("Password"));
	html_fmt(b, "<p>%s</p>\n<p class=\"otp\"><code>%s</code></p>\n"
	    "<p>%s</p>\n", _("Give this password to the person in a safe way. "
	    "It is shown only now."), pw, _("When they log in with it, they "
	    "must choose a password of their own."));
	html_page_end(b, req);
	sodium_memzero(pw, sizeof(pw));
}
