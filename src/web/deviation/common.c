/* web/deviation/common.c: pieces the deviation pages share: loading one with its
 * access check, the list table, status badges, category controls. */
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "deviation/deviation.h"
#include "deviation/view.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "web/deviation/pages.h"
#include "web/labels.h"
#include "web/ui.h"

int
web_dev_gate(struct http_req *req, struct http_resp *resp, enum dev_right what)
{
	if (req->ctx == NULL || !deviation_right(req->ctx, what)) {
		web_forbidden(req, resp);
		return -1;
	}
	return 0;
}

int
web_dev_load(struct http_req *req, struct http_resp *resp,
    struct deviation *out, enum dev_sight *sight)
{
	enum dev_sight	s;
	int64_t		id;
	int		rc;

	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return -1;
	}
	/* Not allowed to see it is the same answer as "no such one". */
	rc = deviation_read(req->ctx, id, out, &s);
	if (rc == DEV_ERR_NOTFOUND) {
		web_not_found(req, resp);
		return -1;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return -1;
	}
	if (sight != NULL)
		*sight = s;
	return 0;
}

void
web_dev_status_tag(struct buf *b, int status)
{
	static const char *const cls[DEV_STATUS_MAX] = {
		[DEV_NEW] = "st-new",
		[DEV_ACKNOWLEDGED] = "st-progress",
		[DEV_RETURNED] = "st-returned",
		[DEV_CLOSED] = "st-closed",
	};

	if (status < 0 || status >= DEV_STATUS_MAX)
		return;
	html_fmt(b, "<span class=\"status %s\">%s</span>", cls[status],
	    web_dev_status_label((enum dev_status)status));
}

int64_t
web_dev_next_deadline(const struct deviation *d)
{
	/* The one the inbox sorts by (list.c), so what it shows is in order. */
	return deviation_deadline(d);
}

void
web_dev_table(struct buf *b, struct http_req *req, const char *caption,
    const struct deviation *d, size_t n, int with_deadline)
{
	struct ctx	*ctx = req->ctx;
	size_t		 i;
	int64_t		 due;

	html_fmt(b, "<div class=\"table-wrap\"><table class=\"devs\">"
	    "<caption>%s</caption><thead><tr>", caption);
	if (with_deadline)
		html_fmt(b, "<th scope=\"col\">%s</th>", _("Deadline"));
	html_fmt(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
	    _("Number"), _("Title"), _("Unit"), _("Category"), _("Status"));
	for (i = 0; i < n; i++) {
		html_fmt(b, "<tr>");
		if (with_deadline) {
			due = web_dev_next_deadline(&d[i]);
			if (due == 0)
				html_fmt(b, "<td></td>");
			else
				html_fmt(b, "<td class=\"%s\">%s<br><span "
				    "class=\"hint\">%s</span></td>",
				    due < ctx->now ? "late" : "due",
				    web_deadline_text(ctx->arena, ctx->now, due),
				    web_date(ctx->arena, due));
		}
		html_fmt(b, "<td class=\"nowrap\"><a href=\"/deviations/%D\">%s"
		    "</a></td><td>%s", d[i].id, d[i].number, d[i].title);
		if (d[i].kind == DEV_IMPROVEMENT)
			html_fmt(b, " <span class=\"tag\">%s</span>",
			    web_dev_kind_label(d[i].kind));
		html_fmt(b, "</td><td>%s</td><td>%s</td><td>",
		    d[i].unit_name != NULL ? d[i].unit_name : "",
		    d[i].category_name != NULL ? d[i].category_name : "–");
		web_dev_status_tag(b, (int)d[i].status);
		if (d[i].overdue && !with_deadline)
			html_fmt(b, " <span class=\"status st-late\">%s</span>",
			    _("Overdue"));
		html_fmt(b, "</td></tr>\n");
	}
	html_fmt(b, "</tbody></table></div>\n");
}

void
web_dev_category_radios(struct buf *b, const char *legend,
    const struct category *c, size_t n, const char *selected,
    const char *none_label, const char *hint, const char *error)
{
	size_t i;

	html_fmt(b, "<fieldset class=\"field radios%R\"", error != NULL ?
	    " invalid" : "");
	html_describedby(b, "f-category", hint, error);
	html_fmt(b, "><legend>%s</legend>", legend);
	html_hint_error(b, "f-category", hint, error);
	for (i = 0; i < n; i++) {
		if (!c[i].active)
			continue;
		html_fmt(b, "<div class=\"radio\"><input type=\"radio\" "
		    "name=\"category\" id=\"f-category-%s\" value=\"%s\"%R>"
		    "<label for=\"f-category-%s\">%s</label></div>",
		    c[i].code, c[i].code, selected != NULL &&
		    strcmp(selected, c[i].code) == 0 ? " checked" : "",
		    c[i].code, c[i].name);
	}
	if (none_label != NULL)
		html_fmt(b, "<div class=\"radio\"><input type=\"radio\" "
		    "name=\"category\" id=\"f-category-none\" value=\"\"%R>"
		    "<label for=\"f-category-none\">%s</label></div>",
		    selected == NULL || selected[0] == '\0' ? " checked" : "",
		    none_label);
	html_fmt(b, "</fieldset>\n");
}

void
web_dev_category_select(struct buf *b, const char *id, const char *label,
    const struct category *c, size_t n, const char *selected,
    const char *none_label)
{
	size_t i;

	html_fmt(b, "<div class=\"field\"><label for=\"f-%s\">%s</label>"
	    "<select id=\"f-%s\" name=\"category\">", id, label, id);
	if (none_label != NULL)
		html_fmt(b, "<option value=\"\">%s</option>", none_label);
	for (i = 0; i < n; i++)
		html_fmt(b, "<option value=\"%s\"%R>%s</option>", c[i].code,
		    selected != NULL && strcmp(selected, c[i].code) == 0 ?
		    " selected" : "", c[i].name);
	html_fmt(b, "</select></div>\n");
}
