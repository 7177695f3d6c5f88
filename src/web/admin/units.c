/* web/admin/units.c: the unit tree. Who sees it and who gets the forms and
 * may post is org/'s answer (org_directory, org_rights_of, the gates);
 * this file only translates. */
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org_input.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/num.h"
#include "web/admin/admin.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

/* Deepest indentation the stylesheet draws (depth-0 .. depth-8). */
#define UNIT_DEPTH_MAX 8

/* Index of unit id in the list and the end of its subtree (tree order:
 * the subtree is the run after it that is deeper). -1 when absent. */
static int
unit_subtree(const struct unit *u, size_t n, int64_t id, size_t *from,
    size_t *to)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		if (u[i].id == id)
			break;
	if (i == n)
		return -1;
	for (j = i + 1; j < n && u[j].depth > u[i].depth; j++)
		;
	*from = i;
	*to = j;
	return 0;
}

static void
units_render(struct http_req *req, struct http_resp *resp, int status,
    const struct unit *units, size_t n, const struct web_form_err *e)
{
	struct buf	*b = &resp->body;
	size_t		 i;
	struct org_rights rights;
	int		 d;
	int64_t		 parent = 0;
	const char	*ps;

	org_rights_of(req->ctx, &rights);
	resp->status = status;
	html_page_begin(b, req, _("Units"), "admin_units");
	html_fmt(b, "<h1>%s</h1>\n", _("Units"));
	if (status == 200 && http_qint(req, OSQ_SAVED, 0))
		web_notice(b, _("The unit has been saved."));
	if (e != NULL && e->field == NULL && e->msg != NULL)
		web_error(b, e->msg);
	if (n == 0)
		html_fmt(b, "<p>%s</p>\n", _("There are no units yet."));
	else {
		html_fmt(b, "<div class=\"table-wrap\"><table class=\"tree\">"
		    "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    _("The municipality's units, each under the unit it belongs to"),
		    _("Name"), _("Code"));
		for (i = 0; i < n; i++) {
			d = units[i].depth > UNIT_DEPTH_MAX ? UNIT_DEPTH_MAX :
			    units[i].depth;
			html_fmt(b, "<tr><td class=\"depth-%d\">"
			    "<a href=\"/admin/units/%D\">%s</a>", d,
			    units[i].id, units[i].name);
			if (units[i].closed_at != 0)
				html_fmt(b, " <span class=\"tag\">%s</span>",
				    _("closed down"));
			html_fmt(b, "</td><td>%s</td></tr>\n", units[i].code);
		}
		html_fmt(b, "</tbody></table></div>\n");
	}
	if (rights.manage) {
		if ((ps = http_form(req, "parent")) != NULL && e != NULL)
			(void)num_parse_i64(ps, 0, INT64_MAX, &parent);
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"new-h\">"
		    "<h2 id=\"new-h\">%s</h2>\n"
		    "<form method=\"post\" action=\"/admin/units\" class=\"stack\">\n",
		    _("New unit"));
		html_csrf(b, req);
		html_input(b, "code", _("Code"), "text",
		    e != NULL ? http_form(req, "code") : NULL, 1,
		    web_form_err_for(req, e, "code"));
		html_input(b, "name", _("Name"), "text",
		    e != NULL ? http_form(req, "name") : NULL, 1,
		    web_form_err_for(req, e, "name"));
		web_unit_select_open(b, "f-parent", "parent", _("Belongs under"),
		    units, n, parent, _("Nothing (a top-level unit)"), 0, 0,
		    web_form_err_for(req, e, "parent"));
		html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n"
		    "</section>\n", _("Create unit"));
	}
	html_page_end(b, req);
}

int
web_org_directory(struct http_req *req, struct http_resp *resp,
    struct unit **units, size_t *nu, struct person **people, size_t *np)
{
	int rc;

	if ((rc = org_directory(req->ctx, units, nu, people, np)) == 0)
		return 0;
	if (rc == ORG_ERR_FORBIDDEN)
		web_forbidden(req, resp);
	else
		web_failed(req, resp);
	return -1;
}

void
web_units(struct http_req *req, struct http_resp *resp)
{
	struct unit	*units = NULL;
	size_t		 n = 0;

	if (web_org_directory(req, resp, &units, &n, NULL, NULL) != 0)
		return;
	units_render(req, resp, 200, units, n, NULL);
}

void
web_unit_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	struct unit	*units = NULL;
	size_t		 n = 0;
	struct web_form_err	 e = { NULL, NULL, NULL };
	struct org_result r;
	struct org_unit_input in;
	struct org_rights rights;

	/* Someone who may not create learns nothing from the form check. */
	org_rights_of(ctx, &rights);
	if (!rights.manage) {
		web_forbidden(req, resp);
		return;
	}
	if (web_org_directory(req, resp, &units, &n, NULL, NULL) != 0)
		return;
	if (req->form_error != NULL) {
		units_render(req, resp, 400, units, n, &e);
		return;
	}
	org_unit_read(req->vals, &in);
	/* org_unit_add asks and checks; the page only says it its way. */
	org_unit_add(ctx, in.code, in.name, in.parent_id, &r);
	switch (r.outcome) {
	case ORG_OK:
		http_redirect(resp, "/admin/units?saved=1");
		return;
	case ORG_DENIED:
		web_forbidden(req, resp);
		return;
	case ORG_CONFLICT:
		e.field = "code";
		e.msg = _("A unit with this code already exists.");
		units_render(req, resp, 400, units, n, &e);
		return;
	case ORG_INVALID:
		if (strcmp(r.field, "parent_id") == 0) {
			e.field = "parent";
			e.msg = _("Choose a unit from the list.");
		} else if (strcmp(r.field, "code") == 0) {
			e.field = "code";
			e.msg = _("Enter a code.");
		} else {
			e.field = r.field;
			e.msg = _(r.why);
		}
		units_render(req, resp, 400, units, n, &e);
		return;
	default:
		web_failed(req, resp);
		return;
	}
}

/* What kind of unit it is (web_unit_kind_label): the legal clocks of
 * some categories depend on it (Statens helsetilsyn's for health and care
 * services only). */
static void
put_kind(struct buf *b, struct http_req *req, const struct web_form_err *e,
    const char *kind)
{
	const char	*cur = e != NULL ? http_form(req, "kind") : kind;
	const char	*err = web_form_err_for(req, e, "kind");
	size_t		 i;

	html_fmt(b, "<div class=\"field%R\"><label for=\"f-kind\">%s</label>"
	    "<p class=\"hint\" id=\"f-kind-hint\">%s</p>", err != NULL ?
	    " invalid" : "", _("Kind of unit"),
	    _("Some legal deadlines depend on it: Statens helsetilsyn is notified for health and care services."));
	if (err != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-kind-error\">%s</p>", err);
	html_fmt(b, "<select id=\"f-kind\" name=\"kind\" aria-describedby=\"f-kind-hint%R\">"
	    "<option value=\"\">%s</option>", err != NULL ? " f-kind-error" : "",
	    _("Not said"));
	for (i = 0; org_unit_kinds[i] != NULL; i++)
		html_fmt(b, "<option value=\"%s\"%R>%s</option>", org_unit_kinds[i],
		    cur != NULL && strcmp(cur, org_unit_kinds[i]) == 0 ?
		    " selected" : "", web_unit_kind_label(org_unit_kinds[i]));
	html_fmt(b, "</select></div>");
}

/* Closing (legge ned) the unit into another: what it does, in words an
 * administrator can check before pressing the button, and the receiving
 * unit (an open one outside this unit's subtree). */
static void
close_form(struct http_req *req, struct buf *b, const struct unit *units,
    size_t n, size_t idx, size_t end, const struct web_form_err *e)
{
	const struct unit	*u = &units[idx];
	const char		*ps;
	int64_t			 into = 0;

	if (e != NULL && (ps = http_form(req, "into")) != NULL)
		(void)num_parse_i64(ps, 0, INT64_MAX, &into);
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"close-h\">"
	    "<h2 id=\"close-h\">%s</h2>\n<p>%s</p>\n<form method=\"post\" "
	    "action=\"/admin/units/%D/close\" class=\"stack\">\n",
	    _("Close the unit (merge it into another)"),
	    _("The units under it, its people, its open deviations and "
	    "improvement proposals (with their measures), its risk assessments "
	    "and the documents that apply to it move to the unit you choose. "
	    "Its roles (leader, safety representative and the others held for "
	    "it) end: the page then lists who held what, so that you can grant "
	    "it again there. Closed cases stay with this unit, which stays in "
	    "the tree marked closed, for history and statistics. This cannot "
	    "be undone."), u->id);
	html_csrf(b, req);
	web_unit_select_open(b, "f-into", "into", _("Move everything to"),
	    units, n, into, _("Choose a unit"), idx, end,
	    web_form_err_for(req, e, "into"));
	html_fmt(b, "<button type=\"submit\" class=\"danger\">%s</button>\n"
	    "</form>\n</section>\n", _("Close the unit"));
}

static void
unit_edit_render(struct http_req *req, struct http_resp *resp, int status,
    const struct unit *units, size_t n, size_t idx, size_t end,
    const struct web_form_err *e)
{
	struct buf		*b = &resp->body;
	const struct unit	*u = &units[idx];
	const char		*parent_name, *title, *into_name;
	int64_t			 parent = u->parent_id;
	const char		*ps;
	size_t			 i;
	struct org_rights	 rights;

	title = arena_printf(req->ctx->arena, _("Unit: %s"), u->name);
	if (title == NULL) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	html_page_begin(b, req, title, "admin_units");
	html_fmt(b, "<p class=\"back\"><a href=\"/admin/units\">%s</a></p>\n"
	    "<h1>%s</h1>\n", _("All units"), u->name);
	if (status == 200 && http_qint(req, OSQ_SAVED, 0))
		web_notice(b, _("The unit has been saved."));
	if (e != NULL && e->field == NULL && e->msg != NULL)
		web_error(b, e->msg);
	parent_name = web_unit_name(units, n, u->parent_id);
	html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd>"
	    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", _("Code"),
	    u->code, _("Belongs under"), parent_name != NULL ? parent_name :
	    _("Nothing (a top-level unit)"), _("Kind of unit"),
	    u->kind != NULL ? web_unit_kind_label(u->kind) : _("Not said"));
	if (u->closed_at != 0) {
		into_name = web_unit_name(units, n, u->closed_into);
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Closed down"),
		    arena_printf(req->ctx->arena, _("%s, into %s"),
		    web_date(req->ctx->arena, u->closed_at),
		    into_name != NULL ? into_name : "?"));
	}
	html_fmt(b, "</dl>\n");
	org_rights_of(req->ctx, &rights);
	if (rights.manage && u->closed_at == 0 && u->parent_id != 0)
		close_form(req, b, units, n, idx, end, e);
	if (rights.manage) {
		if (e != NULL && (ps = http_form(req, "parent")) != NULL)
			(void)num_parse_i64(ps, 0, INT64_MAX, &parent);
		for (i = idx; i < end; i++)
			if (units[i].id == parent)
				parent = u->parent_id;	/* refused: not offered */
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"edit-h\">"
		    "<h2 id=\"edit-h\">%s</h2>\n<form method=\"post\" "
		    "action=\"/admin/units/%D\" class=\"stack\">\n",
		    _("Change the unit"), u->id);
		html_csrf(b, req);
		html_input(b, "name", _("Name"), "text",
		    e != NULL && http_form(req, "name") != NULL ?
		    http_form(req, "name") : u->name, 1, web_form_err_for(req, e, "name"));
		/* The unit and its subtree are left out: none of them can
		 * become its parent. */
		web_unit_select_open(b, "f-parent", "parent", _("Belongs under"),
		    units, n, parent, _("Nothing (a top-level unit)"), idx, end,
		    web_form_err_for(req, e, "parent"));
		put_kind(b, req, e, u->kind);
		html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n"
		    "</section>\n", _("Save"));
	}
	html_page_end(b, req);
}

/* Loads the tree and finds the unit of path parameter 0. 0, or -1 with
 * the answer (404 or 500) already given. */
static int
unit_load(struct http_req *req, struct http_resp *resp, struct unit **units,
    size_t *n, size_t *idx, size_t *end)
{
	int64_t id;

	if (web_org_directory(req, resp, units, n, NULL, NULL) != 0)
		return -1;
	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return -1;
	}
	if (unit_subtree(*units, *n, id, idx, end) != 0) {
		web_not_found(req, resp);
		return -1;
	}
	return 0;
}

/* A change posted to a unit's page: someone who may not change units
 * learns nothing from the form check (403 first); then the unit, then
 * the declared fields (400 on the page). 0, or -1 answered. */
static int
unit_post_load(struct http_req *req, struct http_resp *resp,
    struct unit **units, size_t *n, size_t *idx, size_t *end)
{
	struct web_form_err	e = { NULL, NULL, NULL };
	struct org_rights	rights;

	org_rights_of(req->ctx, &rights);
	if (!rights.manage) {
		web_forbidden(req, resp);
		return -1;
	}
	if (unit_load(req, resp, units, n, idx, end) != 0)
		return -1;
	if (req->form_error != NULL) {
		unit_edit_render(req, resp, 400, *units, *n, *idx, *end, &e);
		return -1;
	}
	return 0;
}

void
web_unit_edit(struct http_req *req, struct http_resp *resp)
{
	struct unit	*units = NULL;
	size_t		 n = 0, idx, end;

	if (unit_load(req, resp, &units, &n, &idx, &end) != 0)
		return;
	unit_edit_render(req, resp, 200, units, n, idx, end, NULL);
}

void
web_unit_update(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct unit		*units = NULL;
	size_t			 n = 0, idx, end;
	struct web_form_err	 e = { NULL, NULL, NULL };
	struct org_unit_input	 in;
	struct org_unit_change	 c;
	struct org_result	 r;
	const char		*location;

	if (unit_post_load(req, resp, &units, &n, &idx, &end) != 0)
		return;
	org_unit_read(req->vals, &in);
	c.id = units[idx].id;
	c.name = in.name;
	c.parent_id = in.parent_id;
	c.kind = in.kind;
	/* The kind changes only when the form has the control ("" is
	 * "not said", which the declared field reads as absent). */
	c.kind_given = http_form(req, "kind") != NULL;
	org_unit_change(ctx, &c, &r);
	switch (r.outcome) {
	case ORG_OK:
		location = arena_printf(ctx->arena, "/admin/units/%lld?saved=1",
		    (long long)c.id);
		http_redirect(resp, location != NULL ? location : "/admin/units");
		return;
	case ORG_DENIED:
		web_forbidden(req, resp);
		return;
	case ORG_NOT_FOUND:
		web_not_found(req, resp);
		return;
	case ORG_INVALID:
		e.field = strcmp(r.field, "parent_id") == 0 ? "parent" : r.field;
		e.msg = strcmp(r.why, "no such unit") == 0 ?
		    _("Choose a unit from the list.") : _(r.why);
		unit_edit_render(req, resp, 400, units, n, idx, end, &e);
		return;
	default:
		web_failed(req, resp);
		return;
	}
}

/* What a close did, and who held which role for the closed unit: those
 * grants ended, and the administrator grants them again on the
 * receiving unit from each person's page. */
static void
closed_render(struct http_req *req, struct http_resp *resp,
    const struct unit *u, const struct unit *into,
    const struct org_closing *c)
{
	struct buf	*b = &resp->body;
	size_t		 i;

	resp->status = 200;
	html_page_begin(b, req, _("The unit has been closed"), "admin_units");
	html_fmt(b, "<p class=\"back\"><a href=\"/admin/units\">%s</a></p>\n"
	    "<h1>%s</h1>\n", _("All units"), _("The unit has been closed"));
	web_notice(b, arena_printf(req->ctx->arena, _("%s is closed; "
	    "everything open there now belongs to %s."), u->name, into->name));
	html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%D</dd>"
	    "<dt>%s</dt><dd>%D</dd><dt>%s</dt><dd>%D</dd>"
	    "<dt>%s</dt><dd>%D</dd><dt>%s</dt><dd>%D</dd>"
	    "<dt>%s</dt><dd>%D</dd></dl>\n",
	    _("Units moved"), c->units, _("People moved"),
	    c->people, _("Open deviations and proposals moved"),
	    c->cases, _("Risk assessments moved"),
	    c->risks, _("Documents now applying there"),
	    c->documents, _("Tasks of the yearly wheel moved"), c->tasks);
	html_fmt(b, "<h2>%s</h2>\n", _("Roles that ended"));
	if (c->nended == 0)
		html_fmt(b, "<p>%s</p>\n", _("Nobody held a role for the unit."));
	else {
		html_fmt(b, "<p>%s</p>\n<ul>\n", _("These roles were held for "
		    "the closed unit and have ended. Grant them again on the "
		    "receiving unit where they still apply."));
		for (i = 0; i < c->nended; i++)
			html_fmt(b, "<li><a href=\"/admin/people/%D\">%s</a>: "
			    "%s</li>\n", c->ended[i].person_id,
			    c->ended[i].name, web_role_label(c->ended[i].role));
		html_fmt(b, "</ul>\n");
	}
	html_page_end(b, req);
}

void
web_unit_close(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct unit		*units = NULL;
	size_t			 n = 0, idx, end;
	struct web_form_err	 e = { NULL, NULL, NULL };
	struct org_closing	 c;
	struct unit		 u, into;
	int64_t			 into_id;

	if (unit_post_load(req, resp, &units, &n, &idx, &end) != 0)
		return;
	u = units[idx];
	into_id = org_close_read(req->vals);
	org_unit_close(ctx, u.id, into_id, &c);
	switch (c.result.outcome) {
	case ORG_OK:
		if (org_unit_get(ctx, into_id, &into) != 0) {
			web_failed(req, resp);
			return;
		}
		closed_render(req, resp, &u, &into, &c);
		return;
	case ORG_DENIED:
		web_forbidden(req, resp);
		return;
	case ORG_NOT_FOUND:
		web_not_found(req, resp);
		return;
	case ORG_INVALID:
		if (strcmp(c.result.field, "into_id") == 0) {
			e.field = "into";
			e.msg = strcmp(c.result.why, "no such unit") == 0 ?
			    _("Choose a unit from the list.") : _(c.result.why);
		} else
			e.msg = _(c.result.why);	/* the whole page's */
		unit_edit_render(req, resp, 400, units, n, idx, end, &e);
		return;
	default:
		web_failed(req, resp);
		return;
	}
}
