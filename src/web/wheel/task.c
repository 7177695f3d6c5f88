/* web/wheel/task.c: one task of the wheel (GET /wheel/tasks/{id}) with its
 * occurrences in a year and their outcomes, and the form that settles an
 * occurrence or ends the task (POST /wheel/tasks/{id}/action, through
 * wheel_do like the API). */
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/filename.h"
#include "web/ui.h"
#include "web/wheel/wheel_web.h"
#include "wheel/wheel_input.h"

/* The labels of the forms on a task's page, for the line above them that
 * names what was wrong. */
static const struct web_label labels[] = {
	{ "title", N_("Title") },
	{ "person", N_("Responsible person (user name; empty: as now)") },
	{ "lead_days", N_("Reminder, days before") },
	{ "note", N_("Note (required when skipped)") },
	{ "file", N_("File with \"done\" (PDF, DOCX, ODT, XLSX, PNG or JPEG; optional)") },
	{ NULL, NULL },
};

static void
render(struct http_req *req, struct http_resp *resp, int status, int64_t id,
    const char *error)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct wheel_task	 t;
	struct wheel_item	*v;
	const char		*next;
	size_t			 n, i;
	long			 year = date_year(ctx->now);
	int			 may_do, rc;

	if ((rc = wheel_task_read(ctx, id, &t)) != 0) {
		if (rc == WHEEL_ERR_NOTFOUND)
			web_not_found(req, resp);
		else
			web_failed(req, resp);
		return;
	}
	year = (long)http_qint(req, WQF_YEAR, (int64_t)year);
	if (wheel_items(ctx, WS_ALL, 0, wheel_days_from_civil((int)year, 1, 1),
	    wheel_days_from_civil((int)year, 12, 31), &v, &n) != 0) {
		web_failed(req, resp);
		return;
	}
	may_do = wheel_may(ctx, &t, WHEEL_MAY_DO) && t.active;
	next = arena_printf(ctx->arena, "/wheel/tasks/%lld?year=%ld",
	    (long long)id, year);
	resp->status = status;
	html_page_begin(b, req, t.title, "wheel");
	html_fmt(b, "<p><a href=\"/wheel?year=%d\">%s</a></p>\n", (int)year,
	    _("Yearly wheel"));
	html_fmt(b, "<h1>%s</h1>\n", t.title);
	if (error != NULL)
		web_error(b, error);
	if (http_qint(req, WTQ_SAVED, 0))
		web_notice(b, _("Saved."));
	if (t.description != NULL)
		html_fmt(b, "<p>%s</p>\n", t.description);
	html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
	    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>\n",
	    _("How often"), web_wheel_rule_text(ctx->arena, &t.rule),
	    _("Responsible"), web_wheel_assignee(ctx->arena, &t),
	    _("Reminder"), arena_printf(ctx->arena, _("%d days before"), t.lead_days),
	    _("From"), web_wheel_day(ctx->arena, t.starts_on));
	if (!t.active)
		web_notice(b, _("This task has ended: no more occurrences."));
	html_fmt(b, "<h2>%s</h2>\n", arena_printf(ctx->arena,
	    _("Occurrences in %d"), (int)year));
	html_fmt(b, "<p class=\"actions\"><a href=\"/wheel/tasks/%D?year=%d\">%s</a> "
	    "<a href=\"/wheel/tasks/%D?year=%d\">%s</a></p>\n", id, (int)year - 1,
	    _("Previous year"), id, (int)year + 1, _("Next year"));
	html_fmt(b, "<ul class=\"plain occurrences\">\n");
	for (i = 0; i < n; i++) {
		if (v[i].task->id != id)
			continue;
		html_fmt(b, "<li><strong>%s</strong> ",
		    web_wheel_day(ctx->arena, v[i].due_on));
		web_wheel_status(b, ctx->arena, &v[i]);
		if (may_do && v[i].outcome == WO_OPEN)
			web_wheel_settle_forms(b, req, &v[i], next);
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ul>\n");
	if (t.active && wheel_may(ctx, &t, WHEEL_MAY_MANAGE)) {
		/* Change the title, whom it is for, the reminder; the rule
		 * stays (the API changes it too). Empty keeps what is. */
		html_fmt(b, "<details><summary>%s</summary><form method=\"post\""
		    " action=\"/wheel/tasks/%D/action\" class=\"stack\">",
		    _("Change the task"), id);
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"edit\">"
		    "<label for=\"e-title\">%s</label><input type=\"text\" id=\"e-title\""
		    " name=\"title\" maxlength=\"200\" value=\"%s\">"
		    "<label for=\"e-person\">%s</label><input type=\"text\" id=\"e-person\""
		    " name=\"person\" autocomplete=\"off\">"
		    "<label for=\"e-lead\">%s</label><input type=\"number\" id=\"e-lead\""
		    " name=\"lead_days\" min=\"0\" max=\"365\" inputmode=\"numeric\""
		    " value=\"%d\">", _("Title"), t.title,
		    _("Responsible person (user name; empty: as now)"),
		    _("Reminder, days before"), t.lead_days);
		html_fmt(b, "<button type=\"submit\">%s</button></form></details>\n",
		    _("Save the changes"));
		html_fmt(b, "<form method=\"post\" action=\"/wheel/tasks/%D/action\">", id);
		html_csrf(b, req);
		html_fmt(b, "<button type=\"submit\" name=\"action\" value=\"stop\""
		    " class=\"secondary\">%s</button></form>\n", _("End this task"));
	}
	html_page_end(b, req);
}

void
web_wheel_task(struct http_req *req, struct http_resp *resp)
{
	int64_t id;

	if (web_gate(req, resp, AZ_WHEEL_VIEW) != 0)
		return;
	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return;
	}
	render(req, resp, 200, id, NULL);
}

/* The "file" part of the multipart form, if one was chosen. */
static void
take_file(struct http_req *req, struct wheel_input *in)
{
	size_t i;

	for (i = 0; i < req->nfiles; i++)
		if (strcmp(req->files[i].field, "file") == 0) {
			in->file_name = req->files[i].filename;
			in->file_data = req->files[i].data;
			in->file_len = req->files[i].len;
			return;
		}
}

void
web_wheel_action(struct http_req *req, struct http_resp *resp)
{
	struct wheel_input	 in;
	struct wheel_result	 r;
	const char		*next;
	int64_t			 id;

	if (web_gate(req, resp, AZ_WHEEL_VIEW) != 0)
		return;
	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return;
	}
	if (req->form_error != NULL) {
		render(req, resp, 400, id, web_error_line(req, labels,
		    req->form_error_field, req->form_error));
		return;
	}
	wheel_read(req->vals, &in);
	if (in.action == WHA_CREATE)
		in.action = WHA_MAX;
	take_file(req, &in);
	wheel_do(req->ctx, id, &in, &r);
	switch (r.outcome) {
	case WR_OK:
		next = web_local_next(http_text(req, WIF_NEXT));
		if (strcmp(next, "/") == 0)
			next = arena_printf(req->ctx->arena, "/wheel/tasks/%lld",
			    (long long)id);
		http_redirect(resp, arena_printf(req->ctx->arena, "%s%ssaved=1",
		    next, strchr(next, '?') != NULL ? "&" : "?"));
		return;
	case WR_NOT_FOUND:
		web_not_found(req, resp);
		return;
	case WR_FORBIDDEN:
		web_forbidden(req, resp);
		return;
	case WR_INVALID:
		render(req, resp, 400, id, web_error_line(req, labels, r.field,
		    web_wheel_result_msg(&r)));
		return;
	case WR_CONFLICT:
		render(req, resp, 409, id, web_wheel_result_msg(&r));
		return;
	default:
		web_failed(req, resp);
	}
}

/* GET /wheel/tasks/{id}/file?due_on=: the file that came with an
 * occurrence's "done", to whoever may see the task. */
void
web_wheel_file(struct http_req *req, struct http_resp *resp)
{
	struct wheel_file	 f;
	int64_t			 id, due;

	if (web_gate(req, resp, AZ_WHEEL_VIEW) != 0)
		return;
	/* due_on is declared (wheel_file_query_fields): present and a line;
	 * one that is no day is a 400 naming it, not a missing file. */
	if (wheel_day_parse(http_qtext(req, WFILEQ_DUE_ON), &due) != 0) {
		http_html_error(req, resp, 400, arena_printf(req->ctx->arena,
		    "%s: %s", "due_on", _(wheel_due_on_why)));
		return;
	}
	if (http_param_id(req, 0, &id) != 0 ||
	    wheel_file_get(req->ctx, id, due, &f) != 0) {
		web_not_found(req, resp);
		return;
	}
	buf_reset(&resp->body);
	buf_append(&resp->body, f.data, f.len);
	resp->content_type = f.mime;
	http_header(resp, "Content-Disposition",
	    filename_disposition(req->ctx->arena, "attachment", f.name));
	http_header(resp, "X-Content-Type-Options", "nosniff");
	resp->status = 200;
}
