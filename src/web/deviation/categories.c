/* web/deviation/categories.c: the deviation categories of the municipality and the
 * deadlines of improvement proposals (DEV_RIGHT_CONFIGURE: quality, admin).
 * A category's code is its identity for integrations: set when created,
 * never changed; a category no longer wanted is made inactive. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "deviation/deviation.h"
#include "deviation/dev_input.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/num.h"
#include "web/deviation/pages.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

/* Positions in web_category_fields (and so in http_req.vals). */
enum category_field {
	CF_CODE, CF_NAME, CF_DESCRIPTION, CF_ACK_HOURS, CF_CLOSE_DAYS,
	CF_LEGAL, CF_ACTIVE, CF_SORT,
	CF_KIND_SCHOOL, CF_KIND_KINDERGARTEN, CF_KIND_HEALTH_CARE,
	CF_KIND_OTHER, CF_SAFETY_REP, CF_MAX
};
const struct field web_category_fields[] = {
	[CF_CODE]		= { "code", F_CODE, 0, 1, 40 },
	[CF_NAME]		= { "name", F_LINE, 1, 1, 200 },
	[CF_DESCRIPTION]	= { "description", F_TEXT, 0, 0, 2000 },
	[CF_ACK_HOURS]		= { "ack_hours", F_INT, 1, 1, 8760 },
	[CF_CLOSE_DAYS]		= { "close_days", F_INT, 1, 1, 3650 },
	[CF_LEGAL]		= { "legal", F_CODE, 0, 0, 20 },
	[CF_ACTIVE]		= { "active", F_BOOL, 0, 0, 1 },
	[CF_SORT]		= { "sort", F_INT, 0, 0, 10000 },
	/* One checkbox per org_unit_kinds code (kind_boxes). */
	[CF_KIND_SCHOOL]	= { "legal_kind_school", F_BOOL, 0, 0, 1 },
	[CF_KIND_KINDERGARTEN]	= { "legal_kind_kindergarten", F_BOOL, 0, 0, 1 },
	[CF_KIND_HEALTH_CARE]	= { "legal_kind_health_care", F_BOOL, 0, 0, 1 },
	[CF_KIND_OTHER]		= { "legal_kind_other", F_BOOL, 0, 0, 1 },
	[CF_SAFETY_REP]		= { "safety_rep", F_BOOL, 0, 0, 1 },
	[CF_MAX]		= { NULL, 0, 0, 0, 0 }
};

/* The kinds of unit a legal clock may be limited to: the checkbox name,
 * the org_unit_kinds code, the label. */
static const struct {
	enum category_field	 f;
	const char		*kind, *label;
} kind_boxes[] = {
	{ CF_KIND_SCHOOL, "school", N_("School") },
	{ CF_KIND_KINDERGARTEN, "kindergarten", N_("Kindergarten") },
	{ CF_KIND_HEALTH_CARE, "health_care", N_("Health and care services") },
	{ CF_KIND_OTHER, "other", N_("Other") },
};

/* Whether the comma list kinds holds kind. */
static int
kinds_have(const char *kinds, const char *kind)
{
	size_t		 n = strlen(kind);
	const char	*p;

	for (p = kinds; p != NULL && (p = strstr(p, kind)) != NULL; p += n)
		if ((p == kinds || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Positions in web_dev_settings_fields. */
enum settings_field { SF_ACK_HOURS, SF_CLOSE_DAYS, SF_REMIND_HOURS,
	SF_TOP_ROUTE, SF_MAX };
const struct field web_dev_settings_fields[] = {
	[SF_ACK_HOURS]		= { "improvement_ack_hours", F_INT, 1, 1, 8760 },
	[SF_CLOSE_DAYS]		= { "improvement_close_days", F_INT, 1, 1, 3650 },
	[SF_REMIND_HOURS]	= { "remind_hours", F_INT, 1, 0, 720 },
	[SF_TOP_ROUTE]		= { "top_route", F_CODE, 0, 0, 20 },
	[SF_MAX]		= { NULL, 0, 0, 0, 0 }
};

/* A declared field's text (NULL when absent or empty) and number (dflt
 * when absent), by its position. */
static const char *
val_s(const struct http_req *req, int f)
{
	const struct field_value *v = &req->vals[f];

	return v->present && v->s != NULL && v->s[0] != '\0' ? v->s : NULL;
}

static int64_t
val_i(const struct http_req *req, int f, int64_t dflt)
{
	return req->vals[f].present ? req->vals[f].i : dflt;
}

static const char *const legal_codes[] = { "gdpr33", "aml52", "helsetilsyn" };

static const char *
legal_short(const char *legal)
{
	if (legal == NULL || legal[0] == '\0')
		return _("None");
	if (strcmp(legal, "gdpr33") == 0)
		return _("Datatilsynet within 72 hours");
	if (strcmp(legal, "aml52") == 0)
		return _("Arbeidstilsynet and the police at once (severity 4)");
	if (strcmp(legal, "helsetilsyn") == 0)
		return _("Statens helsetilsyn at once (severity 4)");
	return legal;
}

static int
legal_valid(const char *legal)
{
	size_t i;

	if (legal == NULL)
		return 1;
	for (i = 0; i < sizeof(legal_codes) / sizeof(legal_codes[0]); i++)
		if (strcmp(legal, legal_codes[i]) == 0)
			return 1;
	return 0;
}

static const char *
num_text(struct arena *a, int64_t v)
{
	const char *s = arena_printf(a, "%lld", (long long)v);

	return s != NULL ? s : "";
}

/* The fields of a category; c gives the values unless re-rendering. */
static void
put_category_fields(struct buf *b, struct http_req *req,
    const struct category *c, int with_code, int again,
    const struct web_form_err *e)
{
	struct arena	*a = req->ctx->arena;
	const char	*legal, *box;
	size_t		 i;

	if (with_code)
		html_input(b, "code", _("Code (used by integrations; cannot be changed later)"),
		    "text", again ? http_form(req, "code") : NULL, 1,
		    web_form_err_for(req, e, "code"));
	html_input(b, "name", _("Name"), "text",
	    again ? http_form(req, "name") : c->name, 1,
	    web_form_err_for(req, e, "name"));
	html_textarea(b, "description", _("Description (optional)"),
	    again ? http_form(req, "description") : c->description, 0, NULL,
	    web_form_err_for(req, e, "description"));
	html_input(b, "ack_hours", _("Acknowledge within (hours)"), "number",
	    again ? http_form(req, "ack_hours") : num_text(a, c->ack_hours), 1,
	    web_form_err_for(req, e, "ack_hours"));
	html_input(b, "close_days", _("Close within (days)"), "number",
	    again ? http_form(req, "close_days") : num_text(a, c->close_days), 1,
	    web_form_err_for(req, e, "close_days"));
	legal = again ? http_form(req, "legal") : c->legal;
	html_fmt(b, "<div class=\"field\"><label for=\"f-legal\">%s</label>"
	    "<select id=\"f-legal\" name=\"legal\"><option value=\"\">%s</option>",
	    _("Legal deadline"), _("None"));
	for (i = 0; i < sizeof(legal_codes) / sizeof(legal_codes[0]); i++)
		html_fmt(b, "<option value=\"%s\"%R>%s</option>", legal_codes[i],
		    legal != NULL && strcmp(legal, legal_codes[i]) == 0 ?
		    " selected" : "", legal_short(legal_codes[i]));
	html_fmt(b, "</select></div>");
	/* No box ticked: the clock runs in every kind of unit. */
	html_fmt(b, "<fieldset class=\"field checks\" aria-describedby=\"f-legal_kinds-hint\">"
	    "<legend>%s</legend><p class=\"hint\" id=\"f-legal_kinds-hint\">%s</p>",
	    _("Legal deadline in these kinds of unit"),
	    _("None ticked: in every kind. A unit whose kind is not known always gets the deadline."));
	for (i = 0; i < sizeof(kind_boxes) / sizeof(kind_boxes[0]); i++) {
		box = web_category_fields[kind_boxes[i].f].name;
		html_checkbox(b, box, _(kind_boxes[i].label), again ?
		    http_form(req, box) != NULL :
		    kinds_have(c->legal_kinds, kind_boxes[i].kind), NULL);
	}
	html_fmt(b, "</fieldset>");
	html_input(b, "sort", _("Order in lists"), "number",
	    again ? http_form(req, "sort") : num_text(a, c->sort), 0,
	    web_form_err_for(req, e, "sort"));
	html_checkbox(b, "safety_rep", _("Safety representatives read these reports in their area (working environment)"),
	    again ? http_form(req, "safety_rep") != NULL : c->safety_rep, NULL);
	html_checkbox(b, "active", _("In use (offered when reporting)"),
	    again ? http_form(req, "active") != NULL : c->active, NULL);
}

/* Who handles a deviation about the chief executive: a choice of roles. */
static void
put_top_route(struct buf *b, struct http_req *req, const struct dev_settings *st,
    const char *error)
{
	static const char *const roles[] = { "mayor", "quality", "hr_head" };
	const char	*cur = http_form(req, "top_route");
	size_t		 i;

	if (cur == NULL || !dev_top_route_valid(cur))
		cur = st->top_route;
	html_fmt(b, "<fieldset class=\"field radios%R\"", error != NULL ?
	    " invalid" : "");
	html_describedby(b, "f-top_route", _("There is no leader above the chief executive. A deviation that concerns the chief executive goes to the holders of this role, never to the chief executive."),
	    error);
	html_fmt(b, "><legend>%s</legend>",
	    _("Deviations about the chief executive go to"));
	html_hint_error(b, "f-top_route", _("There is no leader above the chief executive. A deviation that concerns the chief executive goes to the holders of this role, never to the chief executive."),
	    error);
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		html_fmt(b, "<div class=\"radio\"><input type=\"radio\" "
		    "name=\"top_route\" id=\"f-top_route-%s\" value=\"%s\"%R>"
		    "<label for=\"f-top_route-%s\">%s</label></div>", roles[i],
		    roles[i], cur != NULL && strcmp(cur, roles[i]) == 0 ?
		    " checked" : "", roles[i], web_top_route_label(roles[i]));
	html_fmt(b, "</fieldset>\n");
}

static void
categories_render(struct http_req *req, struct http_resp *resp, int status,
    const struct category *cats, size_t n, const struct dev_settings *st,
    const struct web_form_err *e, int settings_err)
{
	struct buf		*b = &resp->body;
	struct arena		*a = req->ctx->arena;
	struct category		 blank;
	size_t			 i;
	/* Only the form that was sent shows its errors and values: a
	 * form-level "error" with no field marks none of the other's. */
	static const struct web_form_err none = { NULL, NULL, "" };
	const struct web_form_err *ce = settings_err ? &none : e;

	resp->status = status;
	html_page_begin(b, req, _("Categories"), "admin_categories");
	html_fmt(b, "<h1>%s</h1>\n", _("Categories"));
	if (status == 200 && http_qint(req, DSQ_SAVED, 0))
		web_notice(b, _("Saved."));
	if (status != 200)
		web_error(b, _("Nothing was saved. Check the field marked below."));
	html_fmt(b, "<div class=\"table-wrap\"><table><caption>%s</caption>"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
	    "<tbody>\n", _("Categories a deviation can be reported in"),
	    _("Name"), _("Code"), _("Acknowledge within"), _("Close within"),
	    _("Legal deadline"), _("In use"));
	for (i = 0; i < n; i++)
		html_fmt(b, "<tr><td><a href=\"/admin/categories/%D\">%s</a></td>"
		    "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		    cats[i].id, cats[i].name, cats[i].code,
		    arena_printf(a, ngettext("%d hour", "%d hours",
		    (unsigned long)cats[i].ack_hours), cats[i].ack_hours),
		    arena_printf(a, ngettext("%d day", "%d days",
		    (unsigned long)cats[i].close_days), cats[i].close_days),
		    legal_short(cats[i].legal), cats[i].active ? _("Yes") : _("No"));
	html_fmt(b, "</tbody></table></div>\n");

	memset(&blank, 0, sizeof(blank));
	blank.ack_hours = 48;
	blank.close_days = 30;
	blank.active = 1;
	blank.sort = (int)n * 10 + 10;
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"new-h\">"
	    "<h2 id=\"new-h\">%s</h2><form method=\"post\" "
	    "action=\"/admin/categories\" class=\"stack\">", _("New category"));
	html_csrf(b, req);
	put_category_fields(b, req, &blank, 1, status != 200 && !settings_err,
	    ce);
	html_fmt(b, "<button type=\"submit\">%s</button></form></section>\n",
	    _("Create category"));

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"set-h\">"
	    "<h2 id=\"set-h\">%s</h2><p class=\"hint\">%s</p>"
	    "<form method=\"post\" action=\"/admin/categories/settings\" "
	    "class=\"stack\">", _("Improvement proposals and reminders"),
	    _("Improvement proposals have no category: these are their deadlines. Reminders go to the handlers this long before a deadline."));
	html_csrf(b, req);
	html_input(b, "improvement_ack_hours", _("Acknowledge improvement proposals within (hours)"),
	    "number", settings_err ? http_form(req, "improvement_ack_hours") :
	    num_text(a, st->improvement_ack_hours), 1, settings_err && e != NULL ?
	    web_form_err_for(req, e, "improvement_ack_hours") : NULL);
	html_input(b, "improvement_close_days", _("Close improvement proposals within (days)"),
	    "number", settings_err ? http_form(req, "improvement_close_days") :
	    num_text(a, st->improvement_close_days), 1, settings_err && e != NULL ?
	    web_form_err_for(req, e, "improvement_close_days") : NULL);
	html_input(b, "remind_hours", _("Remind this many hours before a deadline"),
	    "number", settings_err ? http_form(req, "remind_hours") :
	    num_text(a, st->remind_hours), 1, settings_err && e != NULL ?
	    web_form_err_for(req, e, "remind_hours") : NULL);
	put_top_route(b, req, st, settings_err && e != NULL ?
	    web_form_err_for(req, e, "top_route") : NULL);
	html_fmt(b, "<button type=\"submit\">%s</button></form></section>\n",
	    _("Save"));
	html_page_end(b, req);
}

static int
list_load(struct http_req *req, struct http_resp *resp, struct category **cats,
    size_t *n, struct dev_settings *st)
{
	memset(st, 0, sizeof(*st));
	if (dev_category_list(req->ctx, 1, cats, n) != 0 ||
	    dev_settings_get(req->ctx, st) != 0) {
		web_failed(req, resp);
		return -1;
	}
	return 0;
}

void
web_categories(struct http_req *req, struct http_resp *resp)
{
	struct category		*cats = NULL;
	struct dev_settings	 st;
	size_t			 n = 0;

	if (web_dev_gate(req, resp, DEV_RIGHT_CONFIGURE) != 0 ||
	    list_load(req, resp, &cats, &n, &st) != 0)
		return;
	categories_render(req, resp, 200, cats, n, &st, NULL, 0);
}

/* Category from the validated form. NULL, or the failing field. */
static const char *
category_from_form(struct http_req *req, struct category *c)
{
	char	kinds[80];	/* every kind_boxes kind, comma separated */
	size_t	i, n;

	c->name = val_s(req, CF_NAME);
	c->description = val_s(req, CF_DESCRIPTION);
	c->ack_hours = (int)val_i(req, CF_ACK_HOURS, 48);
	c->close_days = (int)val_i(req, CF_CLOSE_DAYS, 30);
	c->legal = val_s(req, CF_LEGAL);
	c->active = val_i(req, CF_ACTIVE, 0) != 0;
	c->safety_rep = val_i(req, CF_SAFETY_REP, 0) != 0;
	c->sort = (int)val_i(req, CF_SORT, c->sort);
	/* The ticked kinds, in org_unit_kinds' order (kind_boxes is). */
	kinds[0] = '\0';
	for (i = 0, n = 0; i < sizeof(kind_boxes) / sizeof(kind_boxes[0]); i++)
		if (val_i(req, kind_boxes[i].f, 0) != 0 &&
		    n < sizeof(kinds))
			n += (size_t)snprintf(kinds + n, sizeof(kinds) - n, "%s%s",
			    n > 0 ? "," : "", kind_boxes[i].kind);
	c->legal_kinds = kinds[0] == '\0' ? NULL :
	    arena_strdup(req->ctx->arena, kinds);
	if (kinds[0] != '\0' && (c->legal_kinds == NULL || n >= sizeof(kinds)))
		return "legal_kinds";
	return legal_valid(c->legal) ? NULL : "legal";
}

void
web_category_create(struct http_req *req, struct http_resp *resp)
{
	struct category		*cats = NULL, c;
	struct dev_settings	 st;
	struct web_form_err	 e = { NULL, NULL, NULL };
	size_t			 n = 0;
	int64_t			 id;

	if (web_dev_gate(req, resp, DEV_RIGHT_CONFIGURE) != 0 ||
	    list_load(req, resp, &cats, &n, &st) != 0)
		return;
	if (req->form_error != NULL) {
		categories_render(req, resp, 400, cats, n, &st, NULL, 0);
		return;
	}
	memset(&c, 0, sizeof(c));
	c.code = val_s(req, CF_CODE);
	c.sort = (int)n * 10 + 10;
	if (c.code == NULL) {
		e.field = "code";
		e.msg = _("Enter a code.");
	} else if ((e.field = category_from_form(req, &c)) != NULL)
		e.msg = _("Choose from the list.");
	if (e.field != NULL) {
		categories_render(req, resp, 400, cats, n, &st, &e, 0);
		return;
	}
	id = dev_category_save(req->ctx, &c);
	if (id > 0) {
		http_redirect(resp, "/admin/categories?saved=1");
		return;
	}
	if (id == DB_CONSTRAINT || id == DEV_ERR_INVALID) {
		e.field = id == DB_CONSTRAINT ? "code" : "name";
		e.msg = id == DB_CONSTRAINT ?
		    _("A category with this code already exists.") :
		    _("Check the values.");
		categories_render(req, resp, 400, cats, n, &st, &e, 0);
		return;
	}
	web_failed(req, resp);
}

static void
category_edit_render(struct http_req *req, struct http_resp *resp, int status,
    const struct category *c, const struct web_form_err *e)
{
	struct buf	*b = &resp->body;
	const char	*title;

	title = arena_printf(req->ctx->arena, _("Category: %s"), c->name);
	resp->status = status;
	html_page_begin(b, req, title != NULL ? title : _("Category"),
	    "admin_categories");
	html_fmt(b, "<p class=\"back\"><a href=\"/admin/categories\">%s</a></p>"
	    "<h1>%s</h1>\n", _("All categories"), c->name);
	if (status == 200 && http_qint(req, DSQ_SAVED, 0))
		web_notice(b, _("Saved."));
	if (status != 200)
		web_error(b, _("Nothing was saved. Check the field marked below."));
	html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd></dl>",
	    _("Code"), c->code);
	if (web_dev_legal_label(c->legal) != NULL)
		html_fmt(b, "<p class=\"hint\">%s</p>", web_dev_legal_label(c->legal));
	html_fmt(b, "<form method=\"post\" action=\"/admin/categories/%D\" "
	    "class=\"stack\">", c->id);
	html_csrf(b, req);
	put_category_fields(b, req, c, 0, status != 200, e);
	html_fmt(b, "<button type=\"submit\">%s</button></form>\n", _("Save"));
	html_page_end(b, req);
}

static int
category_load(struct http_req *req, struct http_resp *resp, struct category *c)
{
	int64_t	id;
	int	rc;

	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return -1;
	}
	memset(c, 0, sizeof(*c));
	if ((rc = dev_category_get(req->ctx, id, c)) != 0) {
		if (rc == DEV_ERR_NOTFOUND)
			web_not_found(req, resp);
		else
			web_failed(req, resp);
		return -1;
	}
	return 0;
}

void
web_category_edit(struct http_req *req, struct http_resp *resp)
{
	struct category c;

	if (web_dev_gate(req, resp, DEV_RIGHT_CONFIGURE) != 0 ||
	    category_load(req, resp, &c) != 0)
		return;
	category_edit_render(req, resp, 200, &c, NULL);
}

void
web_category_update(struct http_req *req, struct http_resp *resp)
{
	struct category		 c, old;
	struct web_form_err	 e = { NULL, NULL, NULL };
	const char		*loc;
	int64_t			 id;

	if (web_dev_gate(req, resp, DEV_RIGHT_CONFIGURE) != 0 ||
	    category_load(req, resp, &old) != 0)
		return;
	if (req->form_error != NULL) {
		category_edit_render(req, resp, 400, &old, NULL);
		return;
	}
	c = old;
	if ((e.field = category_from_form(req, &c)) != NULL) {
		e.msg = _("Choose from the list.");
		category_edit_render(req, resp, 400, &old, &e);
		return;
	}
	id = dev_category_save(req->ctx, &c);
	if (id > 0) {
		loc = arena_printf(req->ctx->arena, "/admin/categories/%lld?saved=1",
		    (long long)c.id);
		http_redirect(resp, loc != NULL ? loc : "/admin/categories");
		return;
	}
	if (id == DEV_ERR_INVALID) {
		e.field = "name";
		e.msg = _("Check the values.");
		category_edit_render(req, resp, 400, &old, &e);
		return;
	}
	web_failed(req, resp);
}

void
web_dev_settings(struct http_req *req, struct http_resp *resp)
{
	struct category		*cats = NULL;
	struct dev_settings	 st, in;
	struct web_form_err	 e = { NULL, NULL, NULL };
	size_t			 n = 0;

	if (web_dev_gate(req, resp, DEV_RIGHT_CONFIGURE) != 0 ||
	    list_load(req, resp, &cats, &n, &st) != 0)
		return;
	if (req->form_error != NULL) {
		e.field = req->form_error_field;
		e.msg = e.field != NULL ? web_field_error(req, e.field) :
		    req->form_error;
		categories_render(req, resp, 400, cats, n, &st, &e, 1);
		return;
	}
	in.improvement_ack_hours = (int)val_i(req, SF_ACK_HOURS, 168);
	in.improvement_close_days = (int)val_i(req, SF_CLOSE_DAYS, 60);
	in.remind_hours = (int)val_i(req, SF_REMIND_HOURS, 24);
	in.top_route = val_s(req, SF_TOP_ROUTE);
	if (in.top_route == NULL)
		in.top_route = st.top_route;
	else if (!dev_top_route_valid(in.top_route)) {
		e.field = "top_route";
		e.msg = _("Choose one of the roles.");
		categories_render(req, resp, 400, cats, n, &st, &e, 1);
		return;
	}
	if (dev_settings_set(req->ctx, &in) != 0) {
		web_failed(req, resp);
		return;
	}
	http_redirect(resp, "/admin/categories?saved=1");
}
