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
			    "<a href=\"/admin/units/%D\">%s</a></td>"
			    "<td>%s</td></tr>\n", d, units[i].id, units[i].name,
			    units[i].code);
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
		web_unit_select(b, "f-parent", "parent", _("Belongs under"),
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

static void
unit_edit_render(struct http_req *req, struct http_resp *resp, int status,
    const struct unit *units, size_t n, size_t idx, size_t end,
    const struct web_form_err *e)
{
	struct buf		*b = &resp->body;
	const struct unit	*u = &units[idx];
	const char		*parent_name, *title;
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
	    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>\n", _("Code"),
	    u->code, _("Belongs under"), parent_name != NULL ? parent_name :
	    _("Nothing (a top-level unit)"), _("Kind of unit"),
	    u->kind != NULL ? web_unit_kind_label(u->kind) : _("Not said"));
	org_rights_of(req->ctx, &rights);
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
		web_unit_select(b, "f-parent", "parent", _("Belongs under"),
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
	struct org_rights	 rights;
	const char		*location;

	org_rights_of(ctx, &rights);
	if (!rights.manage) {
		web_forbidden(req, resp);
		return;
	}
	if (unit_load(req, resp, &units, &n, &idx, &end) != 0)
		return;
	if (req->form_error != NULL) {
		unit_edit_render(req, resp, 400, units, n, idx, end, &e);
		return;
	}
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
