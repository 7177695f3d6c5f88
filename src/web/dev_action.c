/* dev_action.c: POST /deviations/{id}/action, every handling action and
 * the reporter's resubmit. Who may: authz_dev_can (HANDLE, or RESUBMIT
 * for resubmit); what the state allows: the model (409 page otherwise).
 * Success goes back to the page (POST, redirect, GET). */
#include <stdint.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/buf.h"
#include "web/ui.h"
#include "web/web.h"

const struct field web_dev_action_fields[] = {
	{ "action", F_CODE, 1, 1, 40 },
	{ "reason", F_TEXT, 0, 0, 4000 },
	{ "unit_id", F_INT, 0, 0, INT64_MAX },
	{ "category", F_CODE, 0, 0, 40 },
	{ "kind", F_CODE, 0, 0, 20 },
	{ "severity", F_INT, 0, 0, 4 },
	{ "cause", F_TEXT, 0, 0, 10000 },
	{ "consequence", F_TEXT, 0, 0, 10000 },
	{ "measure", F_TEXT, 0, 0, 4000 },
	{ "responsible_login", F_LINE, 0, 0, 200 },
	{ "due_date", F_LINE, 0, 0, 10 },
	{ "measure_id", F_INT, 0, 0, INT64_MAX },
	{ "summary", F_TEXT, 0, 0, 10000 },
	{ "text", F_TEXT, 0, 0, 10000 },
	{ "title", F_LINE, 0, 0, 200 },
	{ "description", F_TEXT, 0, 0, 10000 },
	{ "next", F_LINE, 0, 0, 400 },
	{ NULL, 0, 0, 0, 0 }
};

static const char *
field_message(const char *field)
{
	if (strcmp(field, "reason") == 0)
		return _("Give a reason.");
	if (strcmp(field, "unit_id") == 0)
		return _("Choose a unit from the list.");
	if (strcmp(field, "category") == 0)
		return _("Choose a category from the list.");
	if (strcmp(field, "measure") == 0)
		return _("Describe the measure.");
	if (strcmp(field, "responsible_login") == 0)
		return _("Choose a person from the list.");
	if (strcmp(field, "due_date") == 0)
		return _("Give a date as dd.mm.yyyy.");
	if (strcmp(field, "summary") == 0)
		return _("Write what was learned.");
	if (strcmp(field, "text") == 0)
		return _("Write the note.");
	if (strcmp(field, "title") == 0)
		return _("Write a short title (at most 200 characters).");
	if (strcmp(field, "description") == 0)
		return _("Describe what happened.");
	return _("Check this field.");
}

/* The measure owner typed as a name or username: a username as it is, else
 * the one active person whose name or username contains the text. 0 with
 * *login set; 1 with *msg saying why not (nobody, or which ones); -1 on a
 * store error. */
static int
find_responsible(struct http_req *req, const char **login, const char **msg)
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

void
web_dev_action(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct deviation	 d;
	struct dev_action_input	 in;
	struct measure		 m;
	struct web_form_err	 e = { NULL, NULL, NULL };
	enum dev_action		 act;
	enum dev_kind		 kind;
	const char		*s, *err_field = NULL, *loc, *next;
	int			 rc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (web_dev_load(req, resp, &d) != 0)
		return;
	s = http_form(req, "action");
	if (s == NULL || dev_action_parse(s, &act) != 0) {
		e.msg = _("Unknown action.");
		web_dev_view_render(req, resp, 400, &d, &e);
		return;
	}
	if (act == DA_COMPLETE_MEASURE) {
		/* A handler, or the measure's own responsible person. */
		memset(&m, 0, sizeof(m));
		rc = deviation_measure_get(ctx, d.id, web_val_i(req, "measure_id", 0),
		    &m);
		if (rc != 0 && rc != DEV_ERR_NOTFOUND) {
			web_failed(req, resp);
			return;
		}
		if (!(rc == 0 ? authz_measure_can(ctx, &d, &m) :
		    authz_dev_can(ctx, AZ_DEV_HANDLE, &d))) {
			web_forbidden(req, resp);
			return;
		}
	} else if (!authz_dev_can(ctx, act == DA_RESUBMIT ? AZ_DEV_RESUBMIT :
	    AZ_DEV_HANDLE, &d)) {
		web_forbidden(req, resp);
		return;
	}
	e.action = dev_action_name(act);
	if (req->form_error != NULL) {
		e.field = req->form_error_field;
		e.msg = e.field != NULL ? web_field_error(req, e.field) :
		    req->form_error;
		web_dev_view_render(req, resp, 400, &d, &e);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.action = act;
	in.kind = -1;
	in.reason = web_val_s(req, "reason");
	in.unit_id = web_val_i(req, "unit_id", 0);
	in.category = web_val_s(req, "category");
	if ((s = web_val_s(req, "kind")) != NULL) {
		if (dev_kind_parse(s, &kind) != 0) {
			e.field = "kind";
			goto invalid;
		}
		in.kind = (int)kind;
	}
	in.severity = (int)web_val_i(req, "severity", 0);
	in.cause = web_val_s(req, "cause");
	in.consequence = web_val_s(req, "consequence");
	in.measure = web_val_s(req, "measure");
	in.responsible_login = web_val_s(req, "responsible_login");
	if ((s = web_val_s(req, "due_date")) != NULL &&
	    web_parse_local(s, "23:59", &in.due_at) != 0) {
		e.field = "due_date";
		goto invalid;
	}
	in.measure_id = web_val_i(req, "measure_id", 0);
	in.summary = web_val_s(req, "summary");
	in.text = web_val_s(req, "text");
	in.title = web_val_s(req, "title");
	in.description = web_val_s(req, "description");
	if (act == DA_ADD_MEASURE && in.responsible_login != NULL &&
	    (rc = find_responsible(req, &in.responsible_login, &e.msg)) != 0) {
		if (rc < 0) {
			web_failed(req, resp);
			return;
		}
		e.field = "responsible_login";
		goto invalid;
	}
	/* An empty transfer target is "not chosen", not unit 0. */
	if (act == DA_TRANSFER && in.unit_id == 0) {
		e.field = "unit_id";
		goto invalid;
	}
	rc = deviation_act(ctx, d.id, &in, &err_field);
	if (rc == 0 && act == DA_TRANSFER && (deviation_get(ctx, d.id, &d) != 0 ||
	    !authz_dev_can(ctx, AZ_DEV_VIEW, &d))) {
		/* Transferred out of the actor's reach: the page would be a
		 * 404 now, so back to the inbox, which says where it went. */
		loc = arena_printf(ctx->arena, "/deviations/inbox?transferred=%lld",
		    (long long)in.unit_id);
		http_redirect(resp, loc != NULL ? loc : "/deviations/inbox");
		return;
	}
	if (rc == 0) {
		next = web_val_s(req, "next");
		if (next != NULL && strcmp(web_local_next(next), "/") != 0)
			loc = web_local_next(next);
		else
			loc = arena_printf(ctx->arena, "/deviations/%lld?done=%s",
			    (long long)d.id, dev_action_name(act));
		http_redirect(resp, loc != NULL ? loc : "/deviations");
		return;
	}
	if (rc == DEV_ERR_STATE) {
		e.action = NULL;
		e.msg = _("This cannot be done in the report's present state. Nothing was changed; the page shows how it stands now.");
		/* Someone else may have changed it meanwhile: show it fresh. */
		if (deviation_get(ctx, d.id, &d) != 0) {
			web_failed(req, resp);
			return;
		}
		web_dev_view_render(req, resp, 409, &d, &e);
		return;
	}
	if (rc == DEV_ERR_INVALID) {
		e.field = err_field != NULL ? err_field : "reason";
		if (strcmp(e.field, "due_at") == 0)
			e.field = "due_date";
		if (strcmp(e.field, "measure_id") == 0) {
			e.field = NULL;
			e.msg = _("That measure does not belong to this report.");
		}
		goto invalid;
	}
	web_failed(req, resp);
	return;
invalid:
	if (e.msg == NULL)
		e.msg = field_message(e.field);
	web_dev_view_render(req, resp, 400, &d, &e);
}
