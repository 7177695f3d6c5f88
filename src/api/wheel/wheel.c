/* api/wheel/wheel.c: the yearly wheel over JSON. Translation only: the
 * reads ask wheel/ for what everyone may read, the changes go through
 * wheel_do, and its result becomes a status and a body. */
#include "api/wheel/wheel_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "api/api.h"
#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/filename.h"
#include "util/linkbase.h"
#include "util/upload.h"
#include "util/date.h"
#include "wheel/wheel.h"
#include "wheel/wheel_input.h"

static const char *const outcome_names[] = { "open", "done", "skipped" };

static json_t *
task_json(const struct wheel_task *t)
{
	char	starts[11];
	json_t	*o;

	wheel_day_iso(t->starts_on, starts);
	o = json_pack("{s:I, s:s, s:s?, s:s, s:i, s:i, s:i, s:i, s:i, s:s,"
	    " s:b}",
	    "id", (json_int_t)t->id, "title", t->title,
	    "description", t->description,
	    "freq", wheel_freq_name(t->rule.freq),
	    "month", t->rule.month, "day", t->rule.day, "week", t->rule.week,
	    "weekday", t->rule.weekday, "lead_days", t->lead_days,
	    "starts_on", starts, "active", t->active);
	if (o == NULL)
		return NULL;
	json_object_set_new(o, "unit_id", t->unit_id != 0 ?
	    json_integer(t->unit_id) : json_null());
	json_object_set_new(o, "unit_name", t->unit_name != NULL ?
	    json_string(t->unit_name) : json_null());
	json_object_set_new(o, "role", t->role >= 0 ?
	    json_string(role_name((enum role)t->role)) : json_null());
	json_object_set_new(o, "person_id", t->person_id != 0 ?
	    json_integer(t->person_id) : json_null());
	json_object_set_new(o, "person_name", t->person_name != NULL ?
	    json_string(t->person_name) : json_null());
	return o;
}

static json_t *
item_json(const struct wheel_item *it)
{
	char	due[11], at[DATE_RFC3339_MAX];
	json_t	*o;

	wheel_day_iso(it->due_on, due);
	o = json_pack("{s:I, s:s, s:s, s:s, s:b}",
	    "task_id", (json_int_t)it->task->id, "title", it->task->title,
	    "due_on", due, "outcome", outcome_names[it->outcome],
	    "overdue", it->overdue);
	if (o == NULL)
		return NULL;
	if (it->outcome != WO_OPEN) {
		date_rfc3339(it->done_at, at);
		json_object_set_new(o, "done_at", json_string(at));
		json_object_set_new(o, "done_by", it->done_by != NULL ?
		    json_string(it->done_by) : json_null());
		json_object_set_new(o, "note", it->note != NULL ?
		    json_string(it->note) : json_null());
		json_object_set_new(o, "file", it->file_name != NULL ?
		    json_pack("{s:s, s:s?, s:I}", "name", it->file_name, "type",
		    it->file_type, "size", (json_int_t)it->file_size) : json_null());
	}
	return o;
}

static json_t *
items_json(const struct wheel_item *v, size_t n)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; a != NULL && i < n; i++)
		json_array_append_new(a, item_json(&v[i]));
	return a;
}

/* ?year= (default this year in Oslo): 0 and the first and last day, or
 * -1 with the 400 given. */
static int
year_span(struct http_req *req, struct http_resp *resp, int *year,
    int64_t *from, int64_t *to)
{
	(void)resp;
	*year = (int)http_qint(req, WQF_YEAR, date_year(req->ctx->now));
	*from = wheel_days_from_civil(*year, 1, 1);
	*to = wheel_days_from_civil(*year, 12, 31);
	return 0;
}

void
api_wheel(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct wheel_item	*v;
	struct unit		 u;
	enum wheel_scope	 scope = WS_ALL;
	int64_t			 from, to, unit_id = 0;
	size_t			 n;
	int			 year;

	if (!wheel_right(ctx, WHEEL_RIGHT_VIEW)) {
		api_forbidden(resp);
		return;
	}
	if (year_span(req, resp, &year, &from, &to) != 0)
		return;
	if ((unit_id = http_qint(req, WQF_UNIT_ID, 0)) != 0) {
		if (org_unit_get(ctx, unit_id, &u) != 0) {
			http_json_error(resp, 400, "invalid_field",
			    _("unit_id: no such unit"), "unit_id");
			return;
		}
		scope = WS_UNIT;
	}
	if (http_qint(req, WQF_MINE, 0))
		scope = WS_MINE;
	if (wheel_items(ctx, scope, unit_id, from, to, &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, json_pack("{s:i, s:o}", "year", year, "items",
	    items_json(v, n)));
}

/* A wheel_do result as the answer; status on success. */
static void
answer(struct http_resp *resp, const struct wheel_result *r, int status)
{
	char		msg[600];
	int		n;

	switch (r->outcome) {
	case WR_OK:
		http_json(resp, status, task_json(&r->task));
		return;
	case WR_NOT_FOUND:
		api_not_found(resp, _("No such task."));
		return;
	case WR_FORBIDDEN:
		api_forbidden(resp);
		return;
	case WR_INVALID:
		n = snprintf(msg, sizeof(msg), "%s: %s", r->field, _(r->why));
		http_json_error(resp, 400, "invalid_field",
		    n > 0 && (size_t)n < sizeof(msg) ? msg : _(r->why), r->field);
		return;
	case WR_CONFLICT:
		http_json_error(resp, 409, "conflict",
		    _("That occurrence is already settled, or the task has ended."),
		    NULL);
		return;
	case WR_FAILED:
	default:
		api_store_error(resp);
	}
}

void
api_wheel_task_create(struct http_req *req, struct http_resp *resp)
{
	struct wheel_input	in;
	struct wheel_result	r;

	wheel_read(req->vals, &in);
	in.action = WHA_CREATE;
	wheel_do(req->ctx, 0, &in, &r);
	answer(resp, &r, 201);
}

void
api_wheel_task_action(struct http_req *req, struct http_resp *resp)
{
	struct wheel_input	 in;
	struct wheel_result	 r;
	struct upload_file	*f;
	const char		*why = NULL;
	size_t			 nf = 0;
	int64_t			 id;

	if (http_param_id(req, 0, &id) != 0) {
		api_not_found(resp, _("No such task."));
		return;
	}
	wheel_read(req->vals, &in);
	if (in.action == WHA_CREATE)
		in.action = WHA_MAX;	/* not an action on a task */
	/* "file": [{name, content_type, data (base64)}], the first one. */
	if (api_upload_parse(req, "file", &f, &nf, &why) != 0) {
		http_json_error(resp, 400, "invalid_field", arena_printf(req->ctx->arena,
		    "file: %s", why != NULL ? why : ""), "file");
		return;
	}
	if (nf > 0) {
		in.file_name = f[0].name;
		in.file_data = f[0].data;
		in.file_len = f[0].len;
	}
	wheel_do(req->ctx, id, &in, &r);
	answer(resp, &r, 200);
}

void
api_wheel_task(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct wheel_task	 t;
	struct wheel_item	*v;
	int64_t			 id, from, to;
	size_t			 n, i, k = 0;
	int			 year;
	json_t			*o;

	if (http_param_id(req, 0, &id) != 0 ||
	    wheel_task_read(ctx, id, &t) != 0) {
		api_not_found(resp, _("No such task."));
		return;
	}
	if (year_span(req, resp, &year, &from, &to) != 0)
		return;
	if (wheel_items(ctx, WS_ALL, 0, from, to, &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	for (i = 0; i < n; i++)
		if (v[i].task->id == id)
			v[k++] = v[i];
	if ((o = task_json(&t)) == NULL) {
		api_store_error(resp);
		return;
	}
	json_object_set_new(o, "may_do", json_boolean(wheel_may(ctx, &t,
	    WHEEL_MAY_DO)));
	json_object_set_new(o, "occurrences", items_json(v, k));
	http_json(resp, 200, o);
}

/* GET /api/v1/wheel/tasks/{id}/file?due_on=: the file of an occurrence's
 * "done", to whoever may see the task; 404 for all else. */
void
api_wheel_file(struct http_req *req, struct http_resp *resp)
{
	struct wheel_file	 f;
	int64_t			 id, due;

	if (wheel_day_parse(http_qtext(req, WFILEQ_DUE_ON), &due) != 0) {
		http_json_error(resp, 400, "invalid_field", arena_printf(
		    req->ctx->arena, "%s: %s", "due_on", _(wheel_due_on_why)),
		    "due_on");
		return;
	}
	if (http_param_id(req, 0, &id) != 0 ||
	    wheel_file_get(req->ctx, id, due, &f) != 0) {
		api_not_found(resp, _("No such file."));
		return;
	}
	buf_reset(&resp->body);
	buf_append(&resp->body, f.data, f.len);
	resp->content_type = f.mime;
	http_header(resp, "Content-Disposition",
	    filename_disposition(req->ctx->arena, "attachment", f.name));
	http_header(resp, "X-Content-Type-Options", "nosniff");
	if (f.sha256 != NULL)
		http_header(resp, "X-Content-SHA256", f.sha256);
	resp->status = 200;
}

void
api_wheel_feed(struct http_req *req, struct http_resp *resp)
{
	enum wheel_feed_action	a;
	const char		*s = http_text(req, WFF_ACTION);
	char			 token[WHEEL_FEED_TOKEN_SIZE];
	json_t			*o;

	if (!wheel_right(req->ctx, WHEEL_RIGHT_FEED)) {
		api_forbidden(resp);
		return;
	}
	if (s == NULL || wheel_feed_action_parse(s, &a) != 0) {
		http_json_error(resp, 400, "invalid_field",
		    _("action: choose new or off."), "action");
		return;
	}
	switch (wheel_feed_do(req->ctx, a, token)) {
	case WR_OK:
		break;
	case WR_FORBIDDEN:
		api_forbidden(resp);
		return;
	default:
		api_store_error(resp);
		return;
	}
	/* The link, shown this once: its path (kept for callers that built
	 * the URL themselves) and the URL to paste into a calendar, under
	 * util/linkbase.h's base (--public-url, else https://<Host>); null
	 * when neither is known. */
	if (a == WFA_NEW) {
		const char *path = arena_printf(req->ctx->arena, "/cal/%s.ics",
		    token);
		const char *base = linkbase_get(req->ctx->arena, req->host);

		o = base != NULL && *base != '\0' && path != NULL ?
		    json_pack("{s:s, s:s}", "path", path, "url",
		    arena_printf(req->ctx->arena, "%s%s", base, path)) :
		    json_pack("{s:s?, s:n}", "path", path, "url");
	} else
		o = json_pack("{s:n, s:n}", "path", "url");
	sodium_memzero(token, sizeof(token));
	http_json(resp, a == WFA_NEW ? 201 : 200, o);
}

int
api_gate_wheel_manage(struct http_req *req, struct http_resp *resp)
{
	/* Anyone who may manage the tasks of some unit (the unit asked for
	 * is the question wheel_do asks). */
	if (wheel_right(req->ctx, WHEEL_RIGHT_MANAGE_SOME))
		return 0;
	api_forbidden(resp);
	return -1;
}

int
api_gate_wheel_task(struct http_req *req, struct http_resp *resp)
{
	struct wheel_task	t;
	int64_t			id;

	if (http_param_id(req, 0, &id) != 0 ||
	    wheel_task_read(req->ctx, id, &t) != 0) {
		api_not_found(resp, _("No such task."));
		return -1;
	}
	/* Doing an occurrence, or (for a manager) ending the task: either
	 * way one of the two; wheel_do asks which. */
	if (!wheel_may(req->ctx, &t, WHEEL_MAY_DO)) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}
