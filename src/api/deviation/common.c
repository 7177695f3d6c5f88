/* api/deviation/common.c: what the deviation API handlers share: times in and out
 * (RFC 3339, UTC out), the list filter's answer when it does not read, how a
 * deviation looks in JSON, and how module errors become HTTP answers. */
#include <stdio.h>
#include <string.h>

#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "deviation/dev_input.h"
#include "document/document.h"
#include "i18n/i18n.h"
#include "util/arena.h"

int
api_time_parse(const char *s, int64_t *out)
{
	return dev_time_parse(s, out);
}

int
api_bound_parse(const char *s, int end, int64_t *out)
{
	return dev_bound_parse(s, end, out);
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

int
api_dev_filter(struct http_req *req, struct http_resp *resp,
    const struct dev_filter_face *face, struct dev_filter_input *in)
{
	int rc = dev_filter_read(req->ctx, req->query, req->nquery, face, in);

	if (rc == DEV_ERR_INVALID)
		http_json_error(resp, 400, "invalid_parameter", in->bad_msg,
		    in->bad_field);
	else if (rc != 0)
		api_store_error(resp);
	return rc != 0 ? -1 : 0;
}

int
api_dev_unit_may(struct http_req *req, struct http_resp *resp,
    const struct dev_filter *f)
{
	if (f->unit_id > 0 &&
	    deviation_stats_scope(req->ctx, f->unit_id) == DEV_SCOPE_NONE) {
		api_forbidden(resp);
		return -1;
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

/* The governing document a deviation concerns, as the viewer may read
 * it: {id, code, title}; only its id when they may not; null: none. */
static json_t *
document_json(struct ctx *ctx, int64_t id)
{
	struct document doc;

	if (id <= 0)
		return json_null();
	if (document_get(ctx, id, &doc) != 0)
		return json_pack("{s:I}", "id", (json_int_t)id);
	return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id,
	    "code", doc.code != NULL ? doc.code : "",
	    "title", doc.title != NULL ? doc.title : "");
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
	json_object_set_new(o, "document", document_json(ctx, d->document_id));
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
	if (deviation_measures(ctx, d->id, &m, &nm) != 0) {
		json_decref(o);
		return NULL;
	}
	/* Handlers read every measure; the reporter or a safety
	 * representative made responsible for one reads their own (as the
	 * page shows it), and no key when they own none. */
	a = json_array();
	for (i = 0; i < nm; i++)
		if (full || m[i].responsible_id == ctx->user->id)
			json_array_append_new(a, measure_json(&m[i]));
	if (full || json_array_size(a) > 0)
		json_object_set_new(o, "measures", a);
	else
		json_decref(a);
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
