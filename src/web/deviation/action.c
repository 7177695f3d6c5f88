/* web/deviation/action.c: POST /deviations/{id}/action, every handling action and
 * the reporter's resubmit. A translation only: the fields are declared in
 * deviation/dev_input.h, deviation_do decides who may, what the state
 * allows and what input is wrong; this turns its answer into a page (400
 * and 409 show the report again with the message). Success goes back to
 * the page (POST, redirect, GET). */
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "deviation/dev_input.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "web/deviation/pages.h"
#include "web/ui.h"
#include "web/web.h"

/* The form's date input: YYYY-MM-DD, due at the end of that day. */
static int
due_parse(const char *s, int64_t *out)
{
	return web_parse_local(s, "23:59", out);
}

static const struct dev_date_format web_due = {
	due_parse, N_("Give a date as dd.mm.yyyy.")
};

/* A reason ("must be ...") standing alone on the page reads as a
 * sentence; only ASCII is raised, as web_field_error does. */
static const char *
sentence(struct http_req *req, const char *m)
{
	char *c;

	if (m[0] >= 'a' && m[0] <= 'z' &&
	    (c = arena_strdup(req->ctx->arena, m)) != NULL) {
		c[0] = (char)(c[0] - 'a' + 'A');
		return c;
	}
	return m;
}

/* The form's input for the gate. A form http/ refused (a declared bound)
 * still goes to the gate, which answers access first: its first bad field
 * is the complaint. */
static void
read_input(struct http_req *req, struct dev_action_input *in)
{
	const char *s;

	dev_action_read(req->vals, &web_due, in);
	if (req->form_error == NULL)
		return;
	s = http_form(req, "action");
	if (s == NULL || dev_action_parse(s, &in->action) != 0)
		in->action = DA_MAX;
	in->bad_field = req->form_error_field != NULL ?
	    req->form_error_field : "action";
	in->bad_why = NULL;
}

void
web_dev_action(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct dev_action_input	 in;
	struct dev_result	 res;
	struct web_form_err	 e = { NULL, NULL, NULL };
	const char		*loc, *next, *login;
	int64_t			 id;
	int			 rc;

	if (web_dev_gate(req, resp, DEV_RIGHT_SIGNED_IN) != 0)
		return;
	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return;
	}
	read_input(req, &in);
	deviation_do(ctx, id, &in, &res);
	if (res.outcome == DEV_INVALID && (in.action == DA_ADD_MEASURE ||
	    in.action == DA_ASSIGN_MEASURE) &&
	    strcmp(res.field, "responsible_login") == 0 &&
	    in.responsible_login != NULL && req->form_error == NULL) {
		/* Not a username: the form also takes a name. Asked only now,
		 * after the gate let this person act. */
		login = in.responsible_login;
		if ((rc = web_person_find(req, &login, &e.msg)) < 0) {
			web_failed(req, resp);
			return;
		}
		if (rc == 0) {
			in.responsible_login = login;
			deviation_do(ctx, id, &in, &res);
		}
	}
	switch (res.outcome) {
	case DEV_OK:
		break;
	case DEV_NOT_FOUND:
		web_not_found(req, resp);
		return;
	case DEV_FORBIDDEN:
		web_forbidden(req, resp);
		return;
	case DEV_CONFLICT:
		e.msg = _("This cannot be done in the report's present state. Nothing was changed; the page shows how it stands now.");
		web_dev_view_render(req, resp, 409, &res.dev, &e);
		return;
	case DEV_INVALID:
		e.action = dev_action_name(in.action);
		e.field = res.field;
		if (req->form_error != NULL)
			e.msg = req->form_error_field != NULL ?
			    web_field_error(req, req->form_error_field) :
			    req->form_error;
		else if (e.msg == NULL)
			e.msg = sentence(req, _(res.why));
		if (strcmp(e.field, "due_at") == 0)
			e.field = "due_date";
		else if (strcmp(e.field, "measure_id") == 0 ||
		    strcmp(e.field, "action") == 0)
			e.field = NULL;	/* no control of its own on the page */
		web_dev_view_render(req, resp, 400, &res.dev, &e);
		return;
	case DEV_FAILED:
		web_failed(req, resp);
		return;
	}
	if (in.action == DA_TRANSFER && !res.visible) {
		/* Transferred out of the actor's reach: the page would be a
		 * 404 now, so back to the inbox, which says where it went. */
		loc = arena_printf(ctx->arena, "/deviations/inbox?transferred=%lld",
		    (long long)in.unit_id);
		http_redirect(resp, loc != NULL ? loc : "/deviations/inbox");
		return;
	}
	next = req->vals != NULL && req->vals[DAF_NEXT].present ?
	    req->vals[DAF_NEXT].s : NULL;
	if (next != NULL && strcmp(web_local_next(next), "/") != 0)
		loc = web_local_next(next);
	else
		loc = arena_printf(ctx->arena, "/deviations/%lld?done=%s",
		    (long long)id, dev_action_name(in.action));
	http_redirect(resp, loc != NULL ? loc : "/deviations");
}
