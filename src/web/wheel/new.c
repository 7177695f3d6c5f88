/* web/wheel/new.c: a new task for the wheel (GET /wheel/tasks/new, POST
 * /wheel/tasks). The form's fields are wheel_fields, the same as the
 * API's; wheel_do decides access (the unit chosen) and what is wrong. */
#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/wheel/wheel_web.h"
#include "wheel/wheel_input.h"

static const char *const freq_labels[WF_MAX] = {
	[WF_YEARLY_DATE]	= N_("Every year on a date"),
	[WF_YEARLY_WEEK]	= N_("Every year in a week"),
	[WF_TERTIAL]		= N_("Every tertial"),
	[WF_QUARTERLY]		= N_("Every quarter"),
	[WF_MONTHLY]		= N_("Every month"),
	[WF_WEEKLY]		= N_("Every week"),
	[WF_LAST_WORKDAY]	= N_("The last working day of the month"),
};

/* The roles a task may be given to (those that do internal-control work). */
static const enum role task_roles[] = {
	ROLE_LEADER, ROLE_QUALITY, ROLE_CHIEF_EXECUTIVE, ROLE_HR, ROLE_HR_HEAD,
	ROLE_FINANCE_HEAD, ROLE_SAFETY_REP, ROLE_CHIEF_SAFETY_REP, ROLE_AUDITOR,
};

/* The form's labels, for the line above it that names what was wrong. */
static const struct web_label labels[] = {
	{ "title", N_("Title") }, { "description", N_("Description") },
	{ "freq", N_("How often") }, { "month", N_("Month") },
	{ "day", N_("Day of the month") }, { "week", N_("Week") },
	{ "weekday", N_("Weekday") }, { "unit_id", N_("Unit") },
	{ "role", N_("Role in the unit") },
	{ "person", N_("Or a person (user name)") },
	{ "lead_days", N_("Remind this many days before") },
	{ "starts_on", N_("From (empty: today)") }, { NULL, NULL },
};

static const char *
err_for(const char *field, const char *efield, const char *emsg)
{
	return efield != NULL && strcmp(field, efield) == 0 ? emsg : NULL;
}

static void
num_input(struct buf *b, enum wheel_field f, const char *label,
    const char *hint, int64_t min, int64_t max, const char *efield,
    const char *emsg, struct http_req *req)
{
	const char *name = wheel_fields[f].name;
	const char *e = err_for(name, efield, emsg);
	const char *v = http_text(req, f);

	html_fmt(b, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name, label);
	html_hint_error(b, arena_printf(req->ctx->arena, "f-%s", name), hint, e);
	html_fmt(b, "<input type=\"number\" id=\"f-%s\" name=\"%s\" min=\"%D\""
	    " max=\"%D\" inputmode=\"numeric\" value=\"%s\"", name, name, min, max,
	    v != NULL ? v : "");
	html_describedby(b, arena_printf(req->ctx->arena, "f-%s", name), hint, e);
	html_fmt(b, "></div>\n");
}

static void
render(struct http_req *req, struct http_resp *resp, int status,
    const char *efield, const char *emsg)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	struct unit	*units = NULL;
	size_t		 nunits = 0, i;
	const char	*v;

	if (org_unit_list(ctx, &units, &nunits) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	html_page_begin(b, req, _("New task"), "wheel");
	html_fmt(b, "<p><a href=\"/wheel\">%s</a></p><h1>%s</h1>\n",
	    _("Yearly wheel"), _("New task"));
	if (emsg != NULL)
		web_error(b, web_error_line(req, labels, efield, emsg));
	html_fmt(b, "<form method=\"post\" action=\"/wheel/tasks\" class=\"stack\">");
	html_csrf(b, req);
	html_input(b, "title", _("Title"), "text", http_text(req, WIF_TITLE), 1,
	    err_for("title", efield, emsg));
	html_textarea(b, "description", _("Description"),
	    http_text(req, WIF_DESCRIPTION), 0, NULL,
	    err_for("description", efield, emsg));
	html_fmt(b, "<fieldset><legend>%s</legend>", _("When"));
	html_fmt(b, "<div class=\"field\"><label for=\"f-freq\">%s</label>"
	    "<select id=\"f-freq\" name=\"freq\">", _("How often"));
	v = http_text(req, WIF_FREQ);
	for (i = 0; i < WF_MAX; i++)
		html_fmt(b, "<option value=\"%s\"%s>%s</option>",
		    wheel_freq_name((enum wheel_freq)i), v != NULL &&
		    strcmp(v, wheel_freq_name((enum wheel_freq)i)) == 0 ?
		    " selected" : "", _(freq_labels[i]));
	html_fmt(b, "</select></div>\n");
	num_input(b, WIF_MONTH, _("Month"), _("Yearly: 1-12. Tertial: its month 1-4. "
	    "Quarter: its month 1-3. Last working day: 1-12, or empty for every month."),
	    0, 12, efield, emsg, req);
	num_input(b, WIF_DAY, _("Day of the month"), _("A day past the month's end "
	    "is its last day (not for a yearly date)."), 0, 31, efield, emsg, req);
	num_input(b, WIF_WEEK, _("Week"), _("Yearly in a week: ISO week 1-53."),
	    0, 53, efield, emsg, req);
	num_input(b, WIF_WEEKDAY, _("Weekday"), _("1 Monday to 7 Sunday."), 0, 7,
	    efield, emsg, req);
	html_fmt(b, "</fieldset><fieldset><legend>%s</legend>", _("Who"));
	web_unit_select_open(b, "f-unit_id", "unit_id", _("Unit"), units, nunits,
	    http_int(req, WIF_UNIT_ID, 0), _("The whole municipality"), 0, 0,
	    err_for("unit_id", efield, emsg));
	html_fmt(b, "<div class=\"field\"><label for=\"f-role\">%s</label>"
	    "<select id=\"f-role\" name=\"role\"><option value=\"\">%s</option>",
	    _("Role in the unit"), _("None: a person"));
	v = http_text(req, WIF_ROLE);
	for (i = 0; i < sizeof(task_roles) / sizeof(task_roles[0]); i++)
		html_fmt(b, "<option value=\"%s\"%s>%s</option>",
		    role_name(task_roles[i]), v != NULL &&
		    strcmp(v, role_name(task_roles[i])) == 0 ? " selected" : "",
		    web_role_label(task_roles[i]));
	html_fmt(b, "</select></div>\n");
	html_input(b, "person", _("Or a person (user name)"), "text",
	    http_text(req, WIF_PERSON), 0, err_for("person", efield, emsg));
	html_fmt(b, "</fieldset>");
	num_input(b, WIF_LEAD_DAYS, _("Remind this many days before"), NULL, 0,
	    WHEEL_LEAD_MAX, efield, emsg, req);
	html_date_input(b, "starts_on", "date", _("From (empty: today)"),
	    http_text(req, WIF_STARTS_ON), err_for("starts_on", efield, emsg));
	html_fmt(b, "<button type=\"submit\">%s</button></form>\n", _("Create task"));
	html_page_end(b, req);
}

void
web_wheel_new(struct http_req *req, struct http_resp *resp)
{
	if (web_gate(req, resp, AZ_WHEEL_VIEW) != 0)
		return;
	if (!wheel_right(req->ctx, WHEEL_RIGHT_MANAGE_SOME)) {
		web_forbidden(req, resp);
		return;
	}
	render(req, resp, 200, NULL, NULL);
}

void
web_wheel_create(struct http_req *req, struct http_resp *resp)
{
	struct wheel_input	in;
	struct wheel_result	r;

	if (web_gate(req, resp, AZ_WHEEL_VIEW) != 0)
		return;
	if (!wheel_right(req->ctx, WHEEL_RIGHT_MANAGE_SOME)) {
		web_forbidden(req, resp);
		return;
	}
	if (req->form_error != NULL) {
		render(req, resp, 400, req->form_error_field,
		    req->form_error_field != NULL ? web_field_error(req,
		    req->form_error_field) : req->form_error);
		return;
	}
	wheel_read(req->vals, &in);
	in.action = WHA_CREATE;
	wheel_do(req->ctx, 0, &in, &r);
	switch (r.outcome) {
	case WR_OK:
		http_redirect(resp, arena_printf(req->ctx->arena,
		    "/wheel/tasks/%lld?saved=1", (long long)r.task.id));
		return;
	case WR_FORBIDDEN:
		render(req, resp, 403, "unit_id",
		    _("You may not add tasks for that unit."));
		return;
	case WR_INVALID:
		render(req, resp, 400, r.field, web_wheel_result_msg(&r));
		return;
	default:
		web_failed(req, resp);
	}
}
