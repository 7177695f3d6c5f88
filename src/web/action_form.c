/* action_form.c: the pieces both case pages build their action forms
 * from (web/ui.h): a deviation's page and a whistleblowing case's page
 * show several small forms, one per action, each with its own ids. */
#include "web/ui.h"

#include <string.h>

#include "html/html.h"

const char *
web_act_err(const struct web_form_err *e, const char *act, const char *field)
{
	if (e == NULL || e->action == NULL || strcmp(e->action, act) != 0 ||
	    e->field == NULL || strcmp(e->field, field) != 0)
		return NULL;
	return e->msg;
}

const char *
web_act_val(struct http_req *req, const struct web_form_err *e,
    const char *act, const char *field, const char *dflt)
{
	if (e != NULL && e->action != NULL && strcmp(e->action, act) == 0)
		return http_form(req, field);
	return dflt;
}

void
web_act_field_begin(struct buf *b, const char *act, const char *name,
    const char *label, const char *error)
{
	html_fmt(b, "<div class=\"field%R\"><label for=\"a-%s-%s\">%s</label>",
	    error != NULL ? " invalid" : "", act, name, label);
	if (error != NULL)
		html_fmt(b, "<p class=\"error\" id=\"a-%s-%s-error\">%s</p>", act,
		    name, error);
}

void
web_act_described(struct buf *b, const char *act, const char *name,
    const char *error)
{
	if (error != NULL)
		html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"a-%s-%s-error\"",
		    act, name);
}

void
web_act_input(struct buf *b, const char *act, const char *name,
    const char *label, const char *type, const char *value, int required,
    const char *error)
{
	web_act_field_begin(b, act, name, label, error);
	html_fmt(b, "<input id=\"a-%s-%s\" name=\"%s\" type=\"%s\"%R", act,
	    name, name, type, required ? " required" : "");
	if (value != NULL)
		html_fmt(b, " value=\"%s\"", value);
	web_act_described(b, act, name, error);
	html_fmt(b, "></div>");
}
