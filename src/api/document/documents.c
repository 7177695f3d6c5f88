/* api/document/documents.c: governing documents over the API
 * (/api/v1/documents..., docs/openapi.yaml). Translation only: the
 * register's rules and every access decision are src/document/'s and
 * src/authz/'s; the same field table (doc_fields) serves the web forms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "api/api.h"
#include "api/json.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "document/doc_input.h"
#include "document/document.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/upload.h"

static json_t *
day_json(int64_t t)
{
	struct tm	tm;
	char		s[40];

	if (t == 0 || date_local(t, &tm) != 0)
		return json_null();
	snprintf(s, sizeof(s), "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	return json_string(s);
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
doc_json(struct ctx *ctx, const struct document *d)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(d->id));
	json_object_set_new(j, "code", json_string(d->code));
	json_object_set_new(j, "title", json_string(d->title));
	json_object_set_new(j, "type", json_string(d->type));
	json_object_set_new(j, "status", json_string(doc_status_name(d->status)));
	json_object_set_new(j, "process_id", json_integer(d->process_id));
	json_object_set_new(j, "process", str_or_null(d->process_name));
	json_object_set_new(j, "owner_id", json_integer(d->owner_id));
	json_object_set_new(j, "owner", str_or_null(d->owner_name));
	json_object_set_new(j, "unit_id", d->unit_id > 0 ?
	    json_integer(d->unit_id) : json_null());
	if (d->units != NULL) {
		json_t	*u = json_array();
		size_t	 i;

		/* One document's read: every unit it is for. */
		for (i = 0; i < d->nunits; i++)
			json_array_append_new(u, json_integer(d->units[i]));
		json_object_set_new(j, "unit_ids", u);
	}
	json_object_set_new(j, "public", json_boolean(d->public_));
	json_object_set_new(j, "approval_body", str_or_null(d->approval_body));
	json_object_set_new(j, "approval_case", str_or_null(d->approval_case));
	json_object_set_new(j, "approved_on", day_json(d->approved_on));
	json_object_set_new(j, "next_revision", day_json(d->next_revision));
	json_object_set_new(j, "revised_on", day_json(d->revised_on));
	json_object_set_new(j, "current_version", json_integer(d->current_version));
	json_object_set_new(j, "latest_version", json_integer(d->latest_version));
	json_object_set_new(j, "confirm_from", json_integer(d->confirm_from));
	json_object_set_new(j, "link", json_string(arena_printf(ctx->arena,
	    "/d/%s", d->code)));
	return j;
}

static json_t *
version_json(const struct doc_version *v, int with_body)
{
	json_t *j = json_object();

	json_object_set_new(j, "number", json_integer(v->number));
	json_object_set_new(j, "state", json_string(v->state));
	json_object_set_new(j, "significant", json_boolean(v->significant));
	json_object_set_new(j, "change_note", str_or_null(v->change_note));
	json_object_set_new(j, "approved_at", v->approved_at > 0 ?
	    json_integer(v->approved_at) : json_null());
	if (with_body)
		json_object_set_new(j, "body", str_or_null(v->body));
	if (v->file_type != NULL)
		json_object_set_new(j, "file", json_pack("{s:s, s:s, s:I, s:s}",
		    "name", v->file_name, "type", v->file_type,
		    "size", (json_int_t)v->file_size, "sha256", v->file_sha256));
	else
		json_object_set_new(j, "file", json_null());
	return j;
}

void
api_documents_list(struct http_req *req, struct http_resp *resp)
{
	struct doc_filter	 f;
	struct document		*v;
	const char		*bad;
	size_t			 n, i;
	json_t			*a;

	if (doc_list_query_read(req, &f, &bad) != 0) {
		http_json_error(resp, 400, "invalid_field",
		    arena_printf(req->ctx->arena, "%s: %s", bad,
		    _("is not valid")), bad);
		return;
	}
	if (document_list(req->ctx, &f, &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, doc_json(req->ctx, &v[i]));
	http_json(resp, 200, a);
}

static int
load(struct http_req *req, struct http_resp *resp, struct document *d)
{
	int64_t id;
	int	rc;

	if (http_param_id(req, 0, &id) != 0 ||
	    (rc = document_get(req->ctx, id, d)) == DOC_ERR_NOTFOUND) {
		api_not_found(resp, _("No such document."));
		return -1;
	}
	if (rc != 0) {
		api_store_error(resp);
		return -1;
	}
	return 0;
}

/* The ids of the deviations and proposals version number of d answers
 * (issue 14 item 6), those the caller may see. */
static json_t *
answers_json(struct ctx *ctx, const struct document *d, int number)
{
	struct deviation	*v;
	size_t			 n, i;
	json_t			*a = json_array();

	if (document_answers(ctx, d, number, &v, &n) != 0)
		return a;
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_integer(v[i].id));
	return a;
}

/* The document with its current version (or, for those who may see it,
 * the newest when none is current yet). */
static void
answer_doc(struct http_req *req, struct http_resp *resp, int status,
    const struct document *d)
{
	struct doc_version	 v;
	json_t			*j = doc_json(req->ctx, d);
	int			 num = d->current_version > 0 ?
	    d->current_version : d->latest_version;

	if (num > 0 && document_version(req->ctx, d, num, &v, NULL) == 0) {
		json_t *vj = version_json(&v, 1);

		json_object_set_new(vj, "answers", answers_json(req->ctx, d, num));
		json_object_set_new(j, "version", vj);
	} else
		json_object_set_new(j, "version", json_null());
	json_object_set_new(j, "confirmed", json_boolean(
	    document_confirmed(req->ctx, d) == 1));
	http_json(resp, status, j);
}

void
api_document_get(struct http_req *req, struct http_resp *resp)
{
	struct document d;

	if (load(req, resp, &d) == 0)
		answer_doc(req, resp, 200, &d);
}

void
api_document_versions(struct http_req *req, struct http_resp *resp)
{
	struct document		 d;
	struct doc_version	*v;
	size_t			 n, i;
	json_t			*a;

	if (load(req, resp, &d) != 0)
		return;
	if (document_versions(req->ctx, &d, &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++) {
		json_t *vj = version_json(&v[i], 0);

		json_object_set_new(vj, "answers",
		    answers_json(req->ctx, &d, v[i].number));
		json_array_append_new(a, vj);
	}
	http_json(resp, 200, a);
}

/* The file of a JSON body ("file": [{name, content_type, data}]). */
static int
take_file(struct http_req *req, struct http_resp *resp, struct doc_input *in)
{
	struct upload_file	*f;
	const char		*why = NULL;
	size_t			 n;

	if (api_upload_parse(req, "file", &f, &n, &why) != 0) {
		http_json_error(resp, 400, "invalid_field",
		    arena_printf(req->ctx->arena, "file: %s", why ? why : ""),
		    "file");
		return -1;
	}
	if (n > 0) {
		in->file_name = f[0].name;
		in->file_data = f[0].data;
		in->file_len = f[0].len;
	}
	return 0;
}

static void
answer(struct http_req *req, struct http_resp *resp,
    const struct doc_result *r, int ok_status)
{
	struct document d;

	switch (r->outcome) {
	case DOC_OK:
		if (document_get(req->ctx, r->id, &d) == 0)
			answer_doc(req, resp, ok_status, &d);
		else	/* done, and no longer theirs to see (retired) */
			http_json(resp, ok_status, json_pack("{s:I}", "id",
			    (json_int_t)r->id));
		return;
	case DOC_NOT_FOUND:
		api_not_found(resp, _("No such document."));
		return;
	case DOC_FORBIDDEN:
		api_forbidden(resp);
		return;
	case DOC_CONFLICT:
		http_json_error(resp, 409, "conflict",
		    _("The document is not in a state that allows this."), NULL);
		return;
	case DOC_INVALID:
		http_json_error(resp, 400, "invalid_field",
		    arena_printf(req->ctx->arena, "%s: %s", r->field, _(r->why)),
		    r->field);
		return;
	case DOC_FAILED:
		break;
	}
	api_store_error(resp);
}

/* One change through document_do, on the document {id} (on_id) or a new
 * one: action, or (DOC_A_MAX) the body's own, which never creates (only
 * POST /documents does). Answered with ok_status when done. */
static void
change(struct http_req *req, struct http_resp *resp, int on_id,
    enum doc_action action, int ok_status)
{
	struct doc_input	in;
	struct doc_result	r;
	int64_t			id = 0;

	if (on_id && http_param_id(req, 0, &id) != 0) {
		api_not_found(resp, _("No such document."));
		return;
	}
	doc_read(req->vals, &in);
	if (action != DOC_A_MAX)
		in.action = action;
	else if (in.action == DOC_A_CREATE)
		in.action = DOC_A_MAX;
	if (take_file(req, resp, &in) != 0)
		return;
	document_do(req->ctx, id, &in, &r);
	answer(req, resp, &r, ok_status);
}

void
api_document_create(struct http_req *req, struct http_resp *resp)
{
	change(req, resp, 0, DOC_A_CREATE, 201);
}

void
api_document_action(struct http_req *req, struct http_resp *resp)
{
	change(req, resp, 1, DOC_A_MAX, 200);
}

void
api_document_version_add(struct http_req *req, struct http_resp *resp)
{
	change(req, resp, 1, DOC_A_VERSION, 201);
}

void
api_document_coverage(struct http_req *req, struct http_resp *resp)
{
	struct document		 d;
	struct doc_reader	*v;
	size_t			 n, i;
	int			 asked = 0, done = 0, rc;
	json_t			*a;

	if (load(req, resp, &d) != 0)
		return;
	if ((rc = document_coverage(req->ctx, &d, &v, &n)) == DOC_ERR_FORBIDDEN) {
		api_forbidden(resp);
		return;
	}
	if (rc != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++) {
		asked++;
		done += v[i].how != 0;
		json_array_append_new(a, json_pack("{s:I, s:s, s:o, s:s, s:o}",
		    "person_id", (json_int_t)v[i].person_id, "name", v[i].name,
		    "unit_id", v[i].unit_id > 0 ? json_integer(v[i].unit_id) :
		    json_null(), "confirmed", v[i].how == 0 ? "no" :
		    v[i].how == 1 ? "read" : "go_through",
		    "at", v[i].at > 0 ? json_integer(v[i].at) : json_null()));
	}
	http_json(resp, 200, json_pack("{s:i, s:i, s:i, s:o}", "version",
	    d.confirm_from, "asked", asked, "confirmed", done, "people", a));
}

void
api_documents_to_read(struct http_req *req, struct http_resp *resp)
{
	struct document	*v;
	size_t		 n, i;
	json_t		*a;

	if (document_to_read(req->ctx, &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, doc_json(req->ctx, &v[i]));
	http_json(resp, 200, a);
}

void
api_document_processes(struct http_req *req, struct http_resp *resp)
{
	struct doc_process	*v;
	size_t			 n, i;
	json_t			*a;

	if (doc_process_list(req->ctx, &v, &n) != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:o, s:s, s:i}",
		    "id", (json_int_t)v[i].id, "parent_id", v[i].parent_id > 0 ?
		    json_integer(v[i].parent_id) : json_null(),
		    "name", v[i].name, "depth", v[i].depth));
	http_json(resp, 200, a);
}

void
api_document_process_add(struct http_req *req, struct http_resp *resp)
{
	const char	*name = http_text(req, DPF_NAME);
	int64_t		 id;

	id = doc_process_add(req->ctx, http_int(req, DPF_PARENT_ID, 0), name);
	if (id == DOC_ERR_FORBIDDEN)
		api_forbidden(resp);
	else if (id == DOC_ERR_INVALID)
		http_json_error(resp, 400, "invalid_field",
		    name == NULL ? "name: write the process name" :
		    "parent_id: no such process", name == NULL ? "name" :
		    "parent_id");
	else if (id < 0)
		api_store_error(resp);
	else
		http_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* Gate for the change routes: only someone who may see the document
 * learns it is there. */
int
api_gate_document(struct http_req *req, struct http_resp *resp)
{
	struct document d;

	return load(req, resp, &d);
}

/* Gate for a new version: 404 to who may not see the document, 403 to
 * a reader who may not write it, before the body is read. */
int
api_gate_doc_edit(struct http_req *req, struct http_resp *resp)
{
	struct document d;

	if (load(req, resp, &d) != 0)
		return -1;
	if (!document_may(req->ctx, &d, DOC_MAY_EDIT)) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}

/* The register's own doors: 403 before the body to who lacks what. */
static int
right_gate(struct http_req *req, struct http_resp *resp, enum doc_right what)
{
	if (!document_right(req->ctx, what)) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}

int
api_gate_doc_create(struct http_req *req, struct http_resp *resp)
{
	return right_gate(req, resp, DOC_RIGHT_CREATE);
}

int
api_gate_doc_processes(struct http_req *req, struct http_resp *resp)
{
	return right_gate(req, resp, DOC_RIGHT_PROCESSES);
}
