/* action_form.c: the pieces both case pages build their action forms
 * from (web/ui.h): a deviation's page and a whistleblowing case's page
 * show several small forms, one per action, each with its own ids. */
#include "web/ui.h"

#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/buf.h"

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

int
web_person_find(struct http_req *req, const char **login, const char **msg)
{
	struct ctx	*ctx = req->ctx;
	struct person	 p, *v;
	struct buf	 names;
	size_t		 n, i;

	if (org_person_by_login(ctx, *login, &p) == 0 && p.active)
		return 0;
	if (org_person_search(ctx, *login, 11, &v, &n) != 0)
		return -1;
	if (n == 1) {
		*login = v[0].login;
		return 0;
	}
	if (n == 0) {
		*msg = _("Nobody found with that name or username.");
		return 1;
	}
	buf_init(&names, 512);
	for (i = 0; i < n && i < 10; i++)
		buf_printf(&names, "%s%s (%s)", i > 0 ? ", " : "", v[i].name,
		    v[i].login);
	if (n > 10)
		buf_puts(&names, ", …");
	*msg = buf_failed(&names) ? NULL : arena_printf(ctx->arena,
	    _("Several match: %s. Write more of the name, or the username."),
	    buf_cstr(&names));
	buf_free(&names);
	if (*msg == NULL)
		return -1;
	return 1;
}
