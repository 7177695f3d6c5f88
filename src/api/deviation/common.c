/* api/deviation/common.c: what the deviation API handlers share: times in and out
 * (RFC 3339, UTC out), the list filter from the query string, how a
 * deviation looks in JSON, and how module errors become HTTP answers. */
#include <stdio.h>
#include <string.h>

#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/date.h"
#include "util/num.h"

/* The API has always refused years before 1900. */
static int
year_ok(const char *s)
{
	return s != NULL && strlen(s) >= 4 && strncmp(s, "1900", 4) >= 0;
}

int
api_time_parse(const char *s, int64_t *out)
{
	if (!year_ok(s))
		return -1;
	return date_parse_rfc3339(s, out);
}

int
api_bound_parse(const char *s, int end, int64_t *out)
{
	int y, m, d;

	if (s == NULL)
		return -1;
	if (strlen(s) == 10) {
		/* A day in UTC, unlike the web list's local days: clients
		 * (and due dates shown as ...T23:59:59Z) rely on it. */
		if (!year_ok(s) || date_parse_day(s, &y, &m, &d) != 0)
			return -1;
		return date_from_utc(y, m, d, end ? 23 : 0, end ? 59 : 0,
		    end ? 59 : 0, out);
	}
	return api_time_parse(s, out);
}

json_t *
api_time_json(int64_t t)
{
	char s[32];

	if (t == 0)
		return json_null();
	clock_format(t, s, sizeof(s));
	return json_string(s);
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* "1"/"true" -> 1, "0"/"false" -> 0, else -1. */
static int
flag(const char *s)
{
	if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0)
		return 1;
	if (strcmp(s, "0") == 0 || strcmp(s, "false") == 0)
		return 0;
	return -1;
}

static int
bad_param(struct ctx *ctx, const char *name, const char *why,
    const char **bad, const char **msg)
{
	*bad = name;
	*msg = arena_printf(ctx->arena, "%s: %s", name, why);
	if (*msg == NULL)
		*msg = why;
	return -1;
}

int
api_dev_filter_parse(struct http_req *req, struct dev_filter *f,
    const char **bad, const char **msg)
{
	struct ctx	*ctx = req->ctx;
	static const char *const flags[] = { "overdue", "mine", "inbox" };
	struct category	 cat;
	struct unit	 u;
	enum dev_status	 st;
	enum dev_kind	 k;
	const char	*v;
	int64_t		 n;
	size_t		 i;
	int		 b;

	memset(f, 0, sizeof(*f));
	f->kind = -1;
	/* unit_id=0 is the whole municipality (the dashboard's export link
	 * at the top of the tree), the same as no unit_id. */
	if ((v = http_query(req, "unit_id")) != NULL && *v != '\0' &&
	    strcmp(v, "0") != 0) {
		if (num_parse_i64(v, 1, INT64_MAX, &n) != 0 ||
		    org_unit_get(ctx, n, &u) != 0)
			return bad_param(ctx, "unit_id", _("no such unit"), bad, msg);
		f->unit_id = n;
	}
	if ((v = http_query(req, "status")) != NULL && *v != '\0') {
		if (strcmp(v, "open") != 0 && strcmp(v, "in_progress") != 0 &&
		    strcmp(v, "closed") != 0 && dev_status_parse(v, &st) != 0)
			return bad_param(ctx, "status", _("must be new, acknowledged, "
			    "returned, closed, open or in_progress"), bad, msg);
		f->status = v;
	}
	if ((v = http_query(req, "category")) != NULL && *v != '\0') {
		if (dev_category_by_code(ctx, v, &cat) != 0)
			return bad_param(ctx, "category", _("no such category"), bad, msg);
		f->category = v;
	}
	if ((v = http_query(req, "kind")) != NULL && *v != '\0') {
		if (dev_kind_parse(v, &k) != 0)
			return bad_param(ctx, "kind",
			    _("must be deviation or improvement"), bad, msg);
		f->kind = (int)k;
	}
	if ((v = http_query(req, "from")) != NULL && *v != '\0' &&
	    api_bound_parse(v, 0, &f->from) != 0)
		return bad_param(ctx, "from", _("must be a date (YYYY-MM-DD) "
		    "or an RFC 3339 time"), bad, msg);
	if ((v = http_query(req, "to")) != NULL && *v != '\0' &&
	    api_bound_parse(v, 1, &f->to) != 0)
		return bad_param(ctx, "to", _("must be a date (YYYY-MM-DD) "
		    "or an RFC 3339 time"), bad, msg);
	if (f->from != 0 && f->to != 0 && f->to < f->from)
		return bad_param(ctx, "to", _("is before from"), bad, msg);
	if ((v = http_query(req, "date")) != NULL && *v != '\0') {
		if (strcmp(v, "occurred") == 0)
			f->by_occurred = 1;
		else if (strcmp(v, "reported") != 0)
			return bad_param(ctx, "date",
			    _("must be reported or occurred"), bad, msg);
	}
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if ((v = http_query(req, flags[i])) == NULL || *v == '\0')
			continue;
		if ((b = flag(v)) < 0)
			return bad_param(ctx, flags[i], _("must be 1 or 0"), bad, msg);
		if (i == 0)
			f->overdue = b;
		else if (i == 1)
			f->mine = b;
		else
			f->inbox = b;
	}
	f->limit = 50;
	if ((v = http_query(req, "limit")) != NULL && *v != '\0') {
		if (num_parse_i64(v, 1, 1000, &f->limit) != 0)
			return bad_param(ctx, "limit",
			    _("must be a whole number from 1 to 1000"), bad, msg);
	}
	/* Pages follow a cursor; an offset would be ignored, and a client
	 * looping on it would never see the second page: refused. */
	if ((v = http_query(req, "offset")) != NULL && *v != '\0')
		return bad_param(ctx, "offset", _("is not supported: ask for "
		    "the next page with after, the value of next"), bad, msg);
	if ((v = http_query(req, "after")) != NULL && *v != '\0') {
		if (strlen(v) >= DEV_CURSOR_MAX)
			return bad_param(ctx, "after",
			    _("is not a page cursor of this list"), bad, msg);
		f->after = v;
	}
	return 0;
}

void
api_bad_after(struct ctx *ctx, struct http_resp *resp)
{
	const char	*why = _("is not a page cursor of this list");
	const char	*msg = arena_printf(ctx->arena, "after: %s", why);

	http_json_error(resp, 400, "invalid_parameter", msg != NULL ? msg : why,
	    "after");
}

int
api_dev_full_view(struct ctx *ctx, const struct deviation *d)
{
	/* Quality and the chief executive read every deviation in full;
	 * leaders over the handler unit handle it. A reporter who is
	 * neither sees what a reporter is told, no more. */
	return authz_dev_scope(ctx) == DEV_SCOPE_ALL ||
	    authz_dev_can(ctx, AZ_DEV_HANDLE, d);
}

json_t *
api_dev_json(const struct deviation *d, int full)
{
	json_t	*o;

	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:o, s:o,"
	    " s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:s, s:s, s:o, s:o,"
	    " s:o, s:o, s:b, s:o, s:o}",
	    "id", (json_int_t)d->id,
	    "number", d->number ? d->number : "",
	    "kind", dev_kind_name(d->kind),
	    "title", d->title ? d->title : "",
	    "description", d->description ? d->description : "",
	    "category", str_or_null(d->category_code),
	    "category_name", str_or_null(d->category_name),
	    "unit_id", (json_int_t)d->unit_id,
	    "unit_name", str_or_null(d->unit_name),
	    "place", str_or_null(d->place),
	    "occurred_at", api_time_json(d->occurred_at),
	    "reported_at", api_time_json(d->reported_at),
	    "reporter_id", d->reporter_id > 0 ? json_integer(d->reporter_id) : json_null(),
	    "reporter_name", str_or_null(d->reporter_name),
	    "severity", d->severity > 0 ? json_integer(d->severity) : json_null(),
	    "immediate_action", str_or_null(d->immediate_action),
	    "concerns_leader", d->concerns_leader,
	    "personal_data", d->personal_data,
	    "status", dev_status_name(d->status),
	    "status_group", dev_status_group(d->status),
	    "ack_due_at", api_time_json(d->ack_due_at),
	    "due_at", api_time_json(d->due_at),
	    "acknowledged_at", api_time_json(d->acknowledged_at),
	    "closed_at", api_time_json(d->closed_at),
	    "overdue", d->overdue,
	    "summary", str_or_null(d->summary),
	    "return_reason", str_or_null(d->return_reason));
	if (o == NULL)
		return NULL;
	if (full) {
		json_object_set_new(o, "handler_unit_id", json_integer(d->handler_unit_id));
		json_object_set_new(o, "cause", str_or_null(d->cause));
		json_object_set_new(o, "consequence", str_or_null(d->consequence));
	}
	return o;
}

static json_t *
legal_json(const struct deviation *d)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < d->nlegal; i++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:o}",
		    "authority", d->legal[i].authority,
		    "due_at", api_time_json(d->legal[i].due_at),
		    "done_at", api_time_json(d->legal[i].done_at)));
	return a;
}

static json_t	*measure_json(const struct measure *);

json_t *
api_dev_json_detail(struct ctx *ctx, const struct deviation *d, int full)
{
	struct dev_event	*ev;
	struct measure		*m;
	size_t			 nev, nm, i;
	json_t			*o, *a;

	if ((o = api_dev_json(d, full)) == NULL)
		return NULL;
	json_object_set_new(o, "legal_deadlines", legal_json(d));
	if (deviation_events(ctx, d->id, !full, &ev, &nev) != 0) {
		json_decref(o);
		return NULL;
	}
	a = json_array();
	for (i = 0; i < nev; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:o, s:o, s:o, s:b, s:o}",
		    "id", (json_int_t)ev[i].id,
		    "type", ev[i].type ? ev[i].type : "",
		    "at", api_time_json(ev[i].at),
		    "actor_id", ev[i].actor_id > 0 ? json_integer(ev[i].actor_id) : json_null(),
		    "actor_name", str_or_null(ev[i].actor_name),
		    "public", ev[i].public,
		    "text", str_or_null(ev[i].text)));
	json_object_set_new(o, "events", a);
	if (!full)
		return o;
	if (deviation_measures(ctx, d->id, &m, &nm) != 0) {
		json_decref(o);
		return NULL;
	}
	a = json_array();
	for (i = 0; i < nm; i++)
		json_array_append_new(a, measure_json(&m[i]));
	json_object_set_new(o, "measures", a);
	return o;
}

/* One measure as JSON (new reference). */
static json_t *
measure_json(const struct measure *m)
{
	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:b, s:o}",
	    "id", (json_int_t)m->id,
	    "text", m->text ? m->text : "",
	    "responsible_id", m->responsible_id > 0 ?
	    json_integer(m->responsible_id) : json_null(),
	    "responsible_name", str_or_null(m->responsible_name),
	    "due_at", api_time_json(m->due_at),
	    "done_at", api_time_json(m->done_at),
	    "done", m->done_at != 0,
	    "done_note", str_or_null(m->done_note));
}

json_t *
api_dev_json_sample_row(const struct deviation *d)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:I, s:o, s:s, s:s,"
	    " s:o, s:o, s:o, s:o, s:s}",
	    "id", (json_int_t)d->id,
	    "number", d->number ? d->number : "",
	    "kind", dev_kind_name(d->kind),
	    "title", d->title ? d->title : "",
	    "category", str_or_null(d->category_code),
	    "category_name", str_or_null(d->category_name),
	    "unit_id", (json_int_t)d->unit_id,
	    "unit_name", str_or_null(d->unit_name),
	    "status", dev_status_name(d->status),
	    "status_group", dev_status_group(d->status),
	    "reported_at", api_time_json(d->reported_at),
	    "closed_at", api_time_json(d->closed_at),
	    "severity", d->severity > 0 ? json_integer(d->severity) : json_null(),
	    "summary", str_or_null(d->summary),
	    "view", "sample");
}

json_t *
api_dev_json_sample(struct ctx *ctx, const struct deviation *d)
{
	struct dev_event	*ev;
	struct measure		*m;
	size_t			 nev, nm, i;
	json_t			*o, *a;

	if (deviation_events(ctx, d->id, 0, &ev, &nev) != 0 ||
	    deviation_measures(ctx, d->id, &m, &nm) != 0 ||
	    (o = api_dev_json_sample_row(d)) == NULL)
		return NULL;
	json_object_set_new(o, "legal_deadlines", legal_json(d));
	a = json_array();
	for (i = 0; i < nev; i++)
		json_array_append_new(a, json_pack("{s:s, s:o}",
		    "type", ev[i].type ? ev[i].type : "",
		    "at", api_time_json(ev[i].at)));
	json_object_set_new(o, "events", a);
	a = json_array();
	for (i = 0; i < nm; i++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:b}",
		    "text", m[i].text ? m[i].text : "",
		    "due_at", api_time_json(m[i].due_at),
		    "done_at", api_time_json(m[i].done_at),
		    "done", m[i].done_at != 0));
	json_object_set_new(o, "measures", a);
	return o;
}

json_t *
api_dev_json_owner(struct ctx *ctx, const struct deviation *d)
{
	struct measure	*m;
	size_t		 nm, i;
	json_t		*o, *a;

	if (deviation_measures(ctx, d->id, &m, &nm) != 0)
		return NULL;
	o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:I, s:o, s:s, s:s}",
	    "id", (json_int_t)d->id,
	    "number", d->number ? d->number : "",
	    "kind", dev_kind_name(d->kind),
	    "title", d->title ? d->title : "",
	    "category", str_or_null(d->category_code),
	    "category_name", str_or_null(d->category_name),
	    "unit_id", (json_int_t)d->unit_id,
	    "unit_name", str_or_null(d->unit_name),
	    "status", dev_status_name(d->status),
	    "view", "measure_owner");
	if (o == NULL)
		return NULL;
	a = json_array();
	for (i = 0; i < nm; i++)
		if (m[i].responsible_id == ctx->user->id)
			json_array_append_new(a, measure_json(&m[i]));
	json_object_set_new(o, "measures", a);
	return o;
}

void
api_dev_error(struct http_resp *resp, int rc, const char *err_field)
{
	char	msg[160];
	int	n;

	switch (rc) {
	case DEV_ERR_INVALID:
		if (err_field == NULL) {
			http_json_error(resp, 400, "invalid_field",
			    _("The input is not valid."), NULL);
			return;
		}
		n = snprintf(msg, sizeof(msg), "%s: %s", err_field, _("is not valid"));
		http_json_error(resp, 400, "invalid_field",
		    n > 0 && (size_t)n < sizeof(msg) ? msg : _("is not valid"), err_field);
		return;
	case DEV_ERR_STATE:
		http_json_error(resp, 409, "conflict", _("The deviation's "
		    "status does not allow this action."), NULL);
		return;
	case DEV_ERR_NOTFOUND:
		api_not_found(resp, _("No such deviation."));
		return;
	default:
		api_store_error(resp);
		return;
	}
}
