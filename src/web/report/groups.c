/* web/report/groups.c: the reporting groups the quality adviser keeps for
 * an area (seeds/001: Grunnskoler, Mestring og inkludering, Barnehager).
 *
 *   GET  /reports/groups?area_id=	the area's groups, a form each, and
 *					one for a new group
 *   POST /reports/groups		group_create, group_update or
 *					group_remove (report_do)
 *
 * A group gathers the area's direct children of one kind, or those
 * picked; the picked units arrive as one checkbox each and are joined
 * into the typed field unit_ids here. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "report/written.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/num.h"
#include "web/labels.h"
#include "web/report/report_web.h"
#include "web/ui.h"
#include "web/web.h"

static int
picked(const struct rep_group *g, int64_t id)
{
	size_t i;

	for (i = 0; g != NULL && i < g->nunits; i++)
		if (g->unit_ids[i] == id)
			return 1;
	return 0;
}

/* One group's form (g NULL: a new one); p the id prefix. */
static void
put_form(struct buf *b, struct http_req *req, int64_t area,
    const struct unit *units, size_t n, const struct rep_group *g,
    const char *err)
{
	struct ctx	*ctx = req->ctx;
	const char	*p = g != NULL ? arena_printf(ctx->arena, "g%lld",
			    (long long)g->id) : "gnew";
	size_t		 i;
	int		 k;

	html_fmt(b, "<form method=\"post\" action=\"/reports/groups\" class=\"group-form\">");
	html_csrf(b, req);
	html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"area_id\" value=\"%D\">",
	    g != NULL ? "group_update" : "group_create", area);
	if (g != NULL)
		html_fmt(b, "<input type=\"hidden\" name=\"group_id\" value=\"%D\">", g->id);
	if (err != NULL)
		web_error(b, err);
	html_fmt(b, "<div class=\"field\"><label for=\"%s-name\">%s</label>"
	    "<input id=\"%s-name\" name=\"name\" type=\"text\" maxlength=\"200\" "
	    "required value=\"%s\"></div>", p, _("Name"), p,
	    g != NULL ? g->name : "");
	html_fmt(b, "<div class=\"field\"><label for=\"%s-kind\">%s</label>"
	    "<select id=\"%s-kind\" name=\"unit_kind\"><option value=\"\">%s</option>",
	    p, _("Every unit of the kind"), p, _("None: the units picked below"));
	for (k = 0; org_unit_kinds[k] != NULL; k++)
		html_fmt(b, "<option value=\"%s\"%R>%s</option>", org_unit_kinds[k],
		    g != NULL && g->unit_kind != NULL &&
		    strcmp(g->unit_kind, org_unit_kinds[k]) == 0 ? " selected" : "",
		    web_unit_kind_label(org_unit_kinds[k]));
	html_fmt(b, "</select></div><fieldset><legend>%s</legend>", _("Units"));
	for (i = 0; i < n; i++)
		if (units[i].parent_id == area && units[i].id != area)
			html_fmt(b, "<div class=\"field checkbox\"><input type=\"checkbox\" "
			    "id=\"%s-u%D\" name=\"unit_ids\" value=\"%D\"%R>"
			    "<label for=\"%s-u%D\">%s</label></div>", p, units[i].id,
			    units[i].id, picked(g, units[i].id) ? " checked" : "", p,
			    units[i].id, org_unit_label(ctx->arena, &units[i]));
	html_fmt(b, "</fieldset><div class=\"field\"><label for=\"%s-pos\">%s</label>"
	    "<input id=\"%s-pos\" name=\"position\" type=\"number\" min=\"0\" "
	    "max=\"1000\" inputmode=\"numeric\" value=\"%d\"></div>"
	    "<button type=\"submit\">%s</button></form>\n", p, _("Order"), p,
	    g != NULL ? g->position : 0, g != NULL ? _("Save") : _("Add group"));
	if (g == NULL)
		return;
	html_fmt(b, "<form method=\"post\" action=\"/reports/groups\">");
	html_csrf(b, req);
	html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"group_remove\">"
	    "<input type=\"hidden\" name=\"group_id\" value=\"%D\">"
	    "<button type=\"submit\" class=\"secondary\">%s</button></form>\n",
	    g->id, arena_printf(ctx->arena, _("Remove %s"), g->name));
}

static void
render(struct http_req *req, struct http_resp *resp, int status, int64_t area,
    int64_t err_group, const char *err)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct unit		*units, *allowed;
	struct rep_group	*g;
	size_t			 n, ng, nallowed, i;
	int			 whole;

	if (org_unit_list(ctx, &units, &n) != 0 ||
	    report_groups_list(ctx, area, &g, &ng) != 0 ||
	    report_areas(ctx, REP_RIGHT_GROUPS, &allowed, &nallowed, &whole) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	html_page_begin(b, req, _("Reporting groups"), "report");
	html_fmt(b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", _("Reporting groups"),
	    _("The tertial report counts and writes per group. A unit in no group is a group of its own."));
	if (http_qint(req, RGL_SAVED, 0))
		web_notice(b, _("Saved."));
	html_fmt(b, "<form method=\"get\" action=\"/reports/groups\" class=\"filters\">"
	    "<div class=\"filter-grid\">");
	web_unit_select(b, "rg-area", "area_id", _("Area"), allowed, nallowed, area,
	    whole ? ctx->tenant_name : NULL, 0, 0, NULL);
	html_fmt(b, "</div><button type=\"submit\">%s</button></form>\n", _("Show"));
	if (ng == 0)
		html_fmt(b, "<p>%s</p>\n", _("No groups are kept for this area: the report derives them from the kinds of units."));
	for (i = 0; i < ng; i++) {
		html_fmt(b, "<section aria-labelledby=\"gh-%D\"><h2 id=\"gh-%D\">%s</h2>",
		    g[i].id, g[i].id, g[i].name);
		put_form(b, req, area, units, n, &g[i],
		    err_group == g[i].id ? err : NULL);
		html_fmt(b, "</section>\n");
	}
	html_fmt(b, "<section aria-labelledby=\"gh-new\"><h2 id=\"gh-new\">%s</h2>",
	    _("New group"));
	put_form(b, req, area, units, n, NULL, err_group == 0 ? err : NULL);
	html_fmt(b, "</section>\n");
	html_page_end(b, req);
}

void
web_report_groups(struct http_req *req, struct http_resp *resp)
{
	int64_t		 area = http_qint(req, RGL_AREA_ID, 0);
	struct unit	 u;

	if (!report_right(req->ctx, REP_RIGHT_GROUPS_SOMEWHERE, 0)) {
		web_forbidden(req, resp);
		return;
	}
	if (area != 0 && org_unit_get(req->ctx, area, &u) != 0) {
		web_not_found(req, resp);
		return;
	}
	if (!report_right(req->ctx, REP_RIGHT_GROUPS, area)) {
		web_forbidden(req, resp);
		return;
	}
	render(req, resp, 200, area, -1, NULL);
}

/* The checked units of the form, joined as unit_ids reads them. */
static const char *
joined_units(struct http_req *req)
{
	struct buf	 b;
	const char	*s;
	size_t		 i;

	buf_init(&b, 8192);
	for (i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].key, "unit_ids") == 0)
			buf_printf(&b, "%s%s", b.len > 0 ? "," : "", req->form[i].value);
	s = buf_failed(&b) ? NULL : arena_strndup(req->ctx->arena,
	    b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

/* The group form's labels, for the line naming what was wrong. */
static const struct web_label labels[] = {
	{ "area_id", N_("Area") }, { "name", N_("Name") },
	{ "unit_kind", N_("Every unit of the kind") },
	{ "unit_ids", N_("Units") }, { "position", N_("Order") },
	{ NULL, NULL },
};

void
web_report_groups_post(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct rep_input	 in;
	struct rep_result	 res;
	struct rep_group	 g;
	const char		*loc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (!report_right(ctx, REP_RIGHT_GROUPS_SOMEWHERE, 0)) {
		web_forbidden(req, resp);
		return;
	}
	report_read(req->vals, RA_MAX, &in);
	if (in.action != RA_GROUP_CREATE && in.action != RA_GROUP_UPDATE &&
	    in.action != RA_GROUP_REMOVE)
		in.action = RA_MAX;
	if (req->form_error != NULL)
		in.bad_field = req->form_error_field != NULL ?
		    req->form_error_field : "action";
	in.unit_ids = joined_units(req);
	if (in.action == RA_GROUP_REMOVE && report_group_get(ctx, in.group_id, &g) == 0)
		in.area_id = g.area_id;
	report_do(ctx, &in, &res);
	if (res.outcome == REP_OK) {
		loc = arena_printf(ctx->arena, "/reports/groups?area_id=%lld&saved=1",
		    (long long)in.area_id);
		http_redirect(resp, loc != NULL ? loc : "/reports/groups");
		return;
	}
	if (web_report_refused(req, resp, &res))
		return;
	if (!report_right(ctx, REP_RIGHT_GROUPS, in.area_id)) {
		web_forbidden(req, resp);
		return;
	}
	render(req, resp, 400, in.area_id,
	    in.action == RA_GROUP_UPDATE ? in.group_id : 0,
	    web_error_line(req, labels, res.field, _(res.why)));
}
