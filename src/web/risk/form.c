/* form.c: the controls of the risk pages' forms (several forms on a page,
 * so each id has its form's prefix), with the refused field's sentence
 * by the control that holds it. */
#include "web/risk/risk_form.h"

#include <string.h>

#include "authz/authz.h"	/* the route's door: AZ_HOME_VIEW */
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "web/ui.h"
#include "web/web.h"

const char *
web_risk_err_for(const struct rerr *e, const char *form, const char *field)
{
	if (e == NULL || e->msg == NULL || e->field == NULL ||
	    strcmp(e->form, form) != 0 || strcmp(e->field, field) != 0)
		return NULL;
	return e->msg;
}

/* A text input with the form's own id prefix (several forms on a page). */
void
web_risk_input(struct buf *b, const char *form, const char *name, const char *label,
    const char *type, const char *value, int required, const char *extra,
    const struct rerr *e)
{
	const char *err = web_risk_err_for(e, form, name);

	html_fmt(b, "<div class=\"field%R\"><label for=\"%s-%s\">%s</label>",
	    err != NULL ? " invalid" : "", form, name, label);
	if (err != NULL)
		html_fmt(b, "<p class=\"error\" id=\"%s-%s-error\">%s</p>", form,
		    name, err);
	html_fmt(b, "<input id=\"%s-%s\" name=\"%s\" type=\"%s\"%R", form, name,
	    name, type, extra != NULL ? extra : "");
	if (value != NULL)
		html_fmt(b, " value=\"%s\"", value);
	if (required)
		html_fmt(b, " required");
	if (err != NULL)
		html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"%s-%s-error\"",
		    form, name);
	html_fmt(b, "></div>\n");
}

void
web_risk_textarea(struct buf *b, const char *form, const char *name, const char *label,
    int required, const struct rerr *e)
{
	const char *err = web_risk_err_for(e, form, name);

	html_fmt(b, "<div class=\"field%R\"><label for=\"%s-%s\">%s</label>",
	    err != NULL ? " invalid" : "", form, name, label);
	if (err != NULL)
		html_fmt(b, "<p class=\"error\" id=\"%s-%s-error\">%s</p>", form,
		    name, err);
	html_fmt(b, "<textarea id=\"%s-%s\" name=\"%s\" rows=\"3\"%R%R",
	    form, name, name, required ? " required" : "",
	    err != NULL ? " aria-invalid=\"true\"" : "");
	if (err != NULL)
		html_fmt(b, " aria-describedby=\"%s-%s-error\"", form, name);
	html_fmt(b, "></textarea></div>\n");
}

/* A 1-5 select (none_label: a first "not given" option, value 0). */
void
web_risk_score_select(struct buf *b, const struct risk_scale *scale,
    const char *form, const char *name, const char *label,
    const char *none_label, int selected, const struct rerr *e)
{
	const char	*err = web_risk_err_for(e, form, name);
	int		 i;

	html_fmt(b, "<div class=\"field%R\"><label for=\"%s-%s\">%s</label>",
	    err != NULL ? " invalid" : "", form, name, label);
	if (err != NULL)
		html_fmt(b, "<p class=\"error\" id=\"%s-%s-error\">%s</p>", form,
		    name, err);
	html_fmt(b, "<select id=\"%s-%s\" name=\"%s\"", form, name, name);
	if (err != NULL)
		html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"%s-%s-error\"",
		    form, name);
	html_fmt(b, ">");
	if (none_label != NULL)
		html_fmt(b, "<option value=\"0\">%s</option>", none_label);
	/* The municipality's word by each number. */
	for (i = 1; i <= RISK_SCALE; i++)
		html_fmt(b, "<option value=\"%d\"%R>%d – %s</option>", i,
		    i == selected ? " selected" : "", i,
		    risk_scale_word(scale, strncmp(name, "impact", 6) == 0 ||
		    strncmp(name, "residual_impact", 15) == 0 ? RAX_IMPACT :
		    RAX_PROBABILITY, i));
	html_fmt(b, "</select></div>\n");
}


int
web_risk_outcome(struct http_req *req, struct http_resp *resp,
    const struct risk_result *res, const char *form, struct rerr *e)
{
	switch (res->outcome) {
	case RISK_OK:
		return 0;
	case RISK_NOT_FOUND:
		web_not_found(req, resp);
		return -1;
	case RISK_FORBIDDEN:
		web_forbidden(req, resp);
		return -1;
	case RISK_CONFLICT:
		e->form = form;
		e->field = NULL;
		e->msg = _("That is done already. Nothing was changed.");
		return 1;
	case RISK_INVALID:
		e->form = form;
		/* Fields without a control of their own (the action, the
		 * measure or template risk a button names): said above the
		 * form. */
		e->field = res->field != NULL && (strcmp(res->field, "action") == 0 ||
		    strcmp(res->field, "measure_id") == 0 ||
		    strcmp(res->field, "template_risk_id") == 0) ? NULL :
		    res->field;
		/* A field http/ refused is said in its words (the bound it
		 * broke); else the gate's sentence. */
		e->msg = e->field != NULL ? web_field_error(req, e->field) : NULL;
		if (e->msg == NULL)
			e->msg = _(res->why);
		return 1;
	case RISK_FAILED:
		break;
	}
	web_failed(req, resp);
	return -1;
}

void
web_risk_read_form(struct http_req *req, enum risk_action dflt,
    struct risk_input *in)
{
	risk_read(req->vals, dflt, in);
	if (req->form_error != NULL) {
		/* The fields were refused: which form it was is still said. */
		const char *a = http_form(req, "action");

		if (a != NULL && risk_action_parse(a, &in->action) != 0)
			in->action = RK_MAX;
		in->bad_field = req->form_error_field != NULL ?
		    req->form_error_field : "action";
	}
}

int
web_risk_post(struct http_req *req, struct http_resp *resp, int64_t *id,
    enum risk_action dflt, const enum risk_action *ok, size_t nok,
    struct risk_input *in, struct risk_result *res)
{
	size_t i;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return -1;
	if (id != NULL && http_param_id(req, 0, id) != 0) {
		web_not_found(req, resp);
		return -1;
	}
	web_risk_read_form(req, dflt, in);
	for (i = 0; i < nok && in->action != ok[i]; i++)
		continue;
	if (i == nok) {
		/* Another route's action (a settings action on a risk would
		 * act on the template of that number): refused, after
		 * access. */
		in->action = ok[0];
		in->bad_field = "action";
	}
	risk_do(req->ctx, id != NULL ? *id : 0, in, res);
	return 0;
}

int
web_risk_view_answer(struct http_req *req, struct http_resp *resp, int rc)
{
	if (rc == 0)
		return 0;
	if (rc == RISK_ERR_NOTFOUND)
		web_not_found(req, resp);
	else
		web_failed(req, resp);
	return -1;
}
