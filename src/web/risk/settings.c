/* settings.c: the quality adviser's risk pages — the municipality's words
 * for each score step, and the simplified templates (a name, the kind of
 * unit, standard risks) that leaders start assessments from. The forms
 * post to the gate (risk_do); a refused field shows the page again (400)
 * with the sentence by the field. Leaders see the templates and start an
 * assessment from one; only AZ_RISK_CONFIGURE changes them. */
#include "web/risk/risk_web.h"

#include <stdio.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "risk/risk.h"
#include "util/arena.h"
#include "web/labels.h"
#include "web/risk/risk_form.h"
#include "web/ui.h"
#include "web/web.h"

/* The ten words: inputs filled with what is kept (or what was posted). */
static void
scale_form(struct http_req *req, struct buf *b, const struct risk_scale *s,
    const struct rerr *e)
{
	static const char *const legend[RAX_MAX] = {
		N_("Probability (1–5)"), N_("Consequence (1–5)")
	};
	int	a, i;
	char	name[32], label[16];

	html_fmt(b, "<form method=\"post\" action=\"/risks/settings\">");
	html_csrf(b, req);
	html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"set_scale\">");
	for (a = 0; a < RAX_MAX; a++) {
		html_fmt(b, "<fieldset><legend>%s</legend>", _(legend[a]));
		for (i = 1; i <= RISK_SCALE; i++) {
			const char *posted;

			snprintf(name, sizeof(name), "%s_%d",
			    risk_axis_name((enum risk_axis)a), i);
			snprintf(label, sizeof(label), "%d", i);
			posted = e != NULL && e->msg != NULL ?
			    http_form(req, name) : NULL;
			web_risk_input(b, "scale", name, label, "text",
			    posted != NULL ? posted :
			    risk_scale_word(s, (enum risk_axis)a, i), 1,
			    " maxlength=\"60\"", e);
		}
		html_fmt(b, "</fieldset>");
	}
	html_fmt(b, "<button type=\"submit\">%s</button></form>",
	    _("Save the words"));
}

static void
settings_render(struct http_req *req, struct http_resp *resp, int status,
    const struct rerr *e)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct risk_scale	 s;
	struct risk_template	*t;
	size_t			 n, i;
	int			 keep = risk_right(ctx, RISK_RIGHT_CONFIGURE), a, k;

	if (risk_scale_get(ctx, &s) != 0 || risk_template_list(ctx, &t, &n)
	    != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	html_page_begin(b, req, _("Risk assessment settings"), "risk_list");
	html_fmt(b, "<p><a href=\"/risk-assessments\">%s</a></p><h1>%s</h1>\n",
	    _("Risk assessments"), _("Risk assessment settings"));
	if (e != NULL && e->msg != NULL && e->field == NULL)
		web_error(b, e->msg);

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"scale-h\">"
	    "<h2 id=\"scale-h\">%s</h2><p class=\"hint\">%s</p>",
	    _("The words of the score steps"), s.custom ?
	    _("The municipality's own words.") :
	    _("The usual words of ROS practice; the quality adviser may set the municipality's own."));
	if (keep)
		scale_form(req, b, &s, e != NULL && e->form != NULL &&
		    strcmp(e->form, "scale") == 0 ? e : NULL);
	else
		for (a = 0; a < RAX_MAX; a++) {
			html_fmt(b, "<h3>%s</h3><ol class=\"scale\">", a == 0 ?
			    _("Probability (1–5)") : _("Consequence (1–5)"));
			for (i = 1; i <= RISK_SCALE; i++)
				html_fmt(b, "<li>%s</li>", risk_scale_word(&s,
				    (enum risk_axis)a, (int)i));
			html_fmt(b, "</ol>");
		}
	html_fmt(b, "</section>\n");

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"tpl-h\">"
	    "<h2 id=\"tpl-h\">%s</h2>", _("Templates"));
	if (n == 0)
		html_fmt(b, "<p>%s</p>", _("No templates yet."));
	else {
		html_fmt(b, "<ul class=\"plain risk-templates\">");
		for (i = 0; i < n; i++)
			html_fmt(b, "<li><a href=\"/risk-templates/%D\">%s</a> "
			    "<span class=\"hint\">%s · %s</span></li>", t[i].id,
			    t[i].name, t[i].unit_kind != NULL ?
			    web_unit_kind_label(t[i].unit_kind) :
			    _("Any kind of unit"), arena_printf(ctx->arena,
			    "%d %s", t[i].nrisks, t[i].nrisks == 1 ? _("risk") :
			    _("risks")));
		html_fmt(b, "</ul>");
	}
	if (keep) {
		const char *err = web_risk_err_for(e, "template_create",
		    "unit_kind");

		html_fmt(b, "<form method=\"post\" action=\"/risks/settings\">");
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"template_create\"><fieldset><legend>%s</legend>",
		    _("New template"));
		web_risk_input(b, "template_create", "name", _("Name"), "text",
		    http_form(req, "name"), 1, " maxlength=\"200\"", e);
		html_fmt(b, "<div class=\"field%R\"><label "
		    "for=\"template_create-unit_kind\">%s</label>",
		    err != NULL ? " invalid" : "", _("Kind of unit"));
		if (err != NULL)
			html_fmt(b, "<p class=\"error\" "
			    "id=\"template_create-unit_kind-error\">%s</p>", err);
		html_fmt(b, "<select id=\"template_create-unit_kind\" "
		    "name=\"unit_kind\"><option value=\"\">%s</option>",
		    _("Any kind of unit"));
		for (k = 0; org_unit_kinds[k] != NULL; k++)
			html_fmt(b, "<option value=\"%s\">%s</option>",
			    org_unit_kinds[k], web_unit_kind_label(org_unit_kinds[k]));
		html_fmt(b, "</select></div><button type=\"submit\">%s</button>"
		    "</fieldset></form>", _("Create the template"));
	}
	html_fmt(b, "</section>\n");
	html_page_end(b, req);
}

void
web_risk_settings(struct http_req *req, struct http_resp *resp)
{
	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (!risk_templates_visible(req->ctx)) {
		web_forbidden(req, resp);
		return;
	}
	settings_render(req, resp, 200, NULL);
}

void
web_risk_settings_action(struct http_req *req, struct http_resp *resp)
{
	static const enum risk_action ok[] = { RK_SET_SCALE,
	    RK_TEMPLATE_CREATE };
	struct risk_input	in;
	struct risk_result	res;
	struct rerr		e = { "", NULL, NULL };
	const char		*loc;

	if (web_risk_post(req, resp, NULL, RK_MAX, ok, 2, &in, &res) != 0)
		return;
	switch (web_risk_outcome(req, resp, &res, in.action == RK_SET_SCALE ? "scale" :
	    "template_create", &e)) {
	case 0:
		loc = in.action == RK_SET_SCALE ? "/risks/settings" :
		    arena_printf(req->ctx->arena, "/risk-templates/%lld",
		    (long long)res.id);
		http_redirect(resp, loc != NULL ? loc : "/risks/settings");
		return;
	case 1:
		settings_render(req, resp, 400, &e);
		return;
	default:
		return;
	}
}

/* --- one template --------------------------------------------------------- */

static void
template_render(struct http_req *req, struct http_resp *resp, int status,
    const struct risk_template *t, const struct rerr *e)
{
	struct ctx			*ctx = req->ctx;
	struct buf			*b = &resp->body;
	struct risk_scale		 s;
	struct risk_template_risk	*r;
	struct unit			*units, *mine = NULL;
	size_t				 n, nu, nmine = 0, i;
	int				 keep = risk_right(ctx, RISK_RIGHT_CONFIGURE);

	if (risk_scale_get(ctx, &s) != 0 ||
	    risk_template_risks(ctx, t->id, &r, &n) != 0 ||
	    org_unit_list(ctx, &units, &nu) != 0 ||
	    (nu > 0 && (mine = arena_alloc(ctx->arena, nu * sizeof(*mine)))
	    == NULL)) {
		web_failed(req, resp);
		return;
	}
	for (i = 0; i < nu; i++)
		if (risk_can(ctx, units[i].id, 1))
			mine[nmine++] = units[i];
	resp->status = status;
	html_page_begin(b, req, t->name, "risk_list");
	html_fmt(b, "<p><a href=\"/risks/settings\">%s</a></p><h1>%s</h1>\n",
	    _("Templates"), t->name);
	if (e != NULL && e->msg != NULL && e->field == NULL)
		web_error(b, e->msg);
	html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd></dl>\n",
	    _("Kind of unit"), t->unit_kind != NULL ?
	    web_unit_kind_label(t->unit_kind) : _("Any kind of unit"));

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"tr-h\">"
	    "<h2 id=\"tr-h\">%s</h2>", _("Standard risks"));
	if (n == 0)
		html_fmt(b, "<p>%s</p>", _("No risks here."));
	html_fmt(b, "<ul class=\"plain template-risks\">");
	for (i = 0; i < n; i++) {
		html_fmt(b, "<li><h3>%s</h3><dl class=\"facts\">",
		    r[i].description);
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Cause"),
		    r[i].cause != NULL ? r[i].cause : "–");
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Consequence"),
		    r[i].consequence != NULL ? r[i].consequence : "–");
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Existing barriers"),
		    r[i].barriers != NULL ? r[i].barriers : "–");
		html_fmt(b, "<dt>%s</dt><dd>%d – %s</dd>",
		    _("Probability (1–5)"), r[i].probability,
		    risk_scale_word(&s, RAX_PROBABILITY, r[i].probability));
		html_fmt(b, "<dt>%s</dt><dd>%d – %s</dd></dl>",
		    _("Consequence (1–5)"), r[i].impact,
		    risk_scale_word(&s, RAX_IMPACT, r[i].impact));
		if (keep) {
			html_fmt(b, "<form method=\"post\" "
			    "action=\"/risk-templates/%D/action\">", t->id);
			html_csrf(b, req);
			html_fmt(b, "<input type=\"hidden\" name=\"action\" "
			    "value=\"template_remove_risk\"><input type=\"hidden\" "
			    "name=\"template_risk_id\" value=\"%D\">"
			    "<button type=\"submit\" aria-label=\"%s: %s\">%s</button>"
			    "</form>", r[i].id, _("Remove"), r[i].description,
			    _("Remove"));
		}
		html_fmt(b, "</li>");
	}
	html_fmt(b, "</ul>");
	if (keep) {
		html_fmt(b, "<form method=\"post\" action=\"/risk-templates/%D/action\">",
		    t->id);
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"template_add_risk\"><fieldset><legend>%s</legend>",
		    _("Add a risk"));
		web_risk_textarea(b, "template_add_risk", "description",
		    _("What can go wrong"), 1, e);
		web_risk_textarea(b, "template_add_risk", "cause", _("Cause"), 0, e);
		web_risk_textarea(b, "template_add_risk", "consequence",
		    _("Consequence"), 0, e);
		web_risk_textarea(b, "template_add_risk", "barriers",
		    _("Suggested barriers"), 0, e);
		web_risk_score_select(b, &s, "template_add_risk", "probability",
		    _("Probability (1–5)"), NULL, 1, e);
		web_risk_score_select(b, &s, "template_add_risk", "impact",
		    _("Consequence (1–5)"), NULL, 1, e);
		html_fmt(b, "<button type=\"submit\">%s</button></fieldset></form>",
		    _("Add the risk"));
	}
	html_fmt(b, "</section>\n");

	/* A leader starts an assessment of one of their units from it. */
	if (nmine > 0) {
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"start-h\">"
		    "<h2 id=\"start-h\">%s</h2><form method=\"post\" "
		    "action=\"/risk-assessments\">", _("Start an assessment from this template"));
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"template_id\" "
		    "value=\"%D\">", t->id);
		web_unit_select_open(b, "start-unit_id", "unit_id", _("Unit"), mine,
		    nmine, 0, NULL, 0, 0, NULL);
		web_risk_input(b, "start", "title",
		    _("Title (empty: the template's name)"), "text", NULL, 0,
		    NULL, NULL);
		web_risk_input(b, "start", "assessed_on", _("Date of the assessment"),
		    "date", NULL, 0, NULL, NULL);
		html_fmt(b, "<button type=\"submit\">%s</button></form></section>\n",
		    _("Start the assessment"));
	}
	html_page_end(b, req);
}

static int
template_load(struct http_req *req, struct http_resp *resp,
    struct risk_template *t)
{
	int64_t id;

	if (http_param_id(req, 0, &id) != 0 ||
	    !risk_templates_visible(req->ctx) ||
	    risk_template_get(req->ctx, id, t) != 0) {
		web_not_found(req, resp);
		return -1;
	}
	return 0;
}

void
web_risk_template(struct http_req *req, struct http_resp *resp)
{
	struct risk_template t;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0 ||
	    template_load(req, resp, &t) != 0)
		return;
	template_render(req, resp, 200, &t, NULL);
}

void
web_risk_template_action(struct http_req *req, struct http_resp *resp)
{
	static const enum risk_action ok[] = { RK_TEMPLATE_ADD_RISK,
	    RK_TEMPLATE_REMOVE_RISK };
	struct risk_template	t;
	struct risk_input	in;
	struct risk_result	res;
	struct rerr		e = { "template_add_risk", NULL, NULL };
	const char		*loc;
	int64_t			id;

	if (web_risk_post(req, resp, &id, RK_MAX, ok, 2, &in, &res) != 0)
		return;
	switch (web_risk_outcome(req, resp, &res, "template_add_risk", &e)) {
	case 0:
		loc = arena_printf(req->ctx->arena, "/risk-templates/%lld",
		    (long long)id);
		http_redirect(resp, loc != NULL ? loc : "/risks/settings");
		return;
	case 1:
		if (risk_template_get(req->ctx, id, &t) != 0) {
			web_failed(req, resp);
			return;
		}
		template_render(req, resp, 400, &t, &e);
		return;
	default:
		return;
	}
}
