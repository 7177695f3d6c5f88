/* api/document/reading.c: read-confirmation coverage through the unit
 * tree and a leader's reminder, as JSON. The module counts and decides
 * (document_unit_coverage, document_remind); this face only translates. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api/api.h"
#include "api/json.h"
#include "ctx.h"
#include "document/doc_input.h"
#include "document/document.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"

void
api_documents_reading(struct http_req *req, struct http_resp *resp)
{
	struct doc_cov	 c;
	json_t		*units, *people;
	int64_t		 unit_id = http_qint(req, DRQ_UNIT_ID, 0);
	size_t		 i;
	int		 rc;

	rc = document_unit_coverage(req->ctx, unit_id, &c);
	if (rc == DOC_ERR_FORBIDDEN) {
		api_forbidden(resp);
		return;
	}
	if (rc == DOC_ERR_NOTFOUND) {
		api_not_found(resp, _("No such unit."));
		return;
	}
	if (rc != 0) {
		api_store_error(resp);
		return;
	}
	units = json_array();
	people = json_array();
	for (i = 0; i < c.n; i++) {
		const struct doc_cov_row *r = &c.rows[i];

		json_array_append_new(r->unit_id > 0 ? units : people,
		    json_pack("{s:I, s:s, s:i, s:i}", "id", (json_int_t)(
		    r->unit_id > 0 ? r->unit_id : r->person_id), "name", r->name,
		    "asked", r->asked, "confirmed", r->confirmed));
	}
	http_json(resp, 200, json_pack("{s:o, s:o, s:i, s:i, s:o, s:o}",
	    "unit_id", unit_id > 0 ? json_integer(unit_id) : json_null(),
	    "parent_id", c.parent_id > 0 ? json_integer(c.parent_id) : json_null(),
	    "asked", c.asked, "confirmed", c.confirmed, "units", units,
	    "people", people));
}

void
api_documents_remind(struct http_req *req, struct http_resp *resp)
{
	struct doc_result r;

	document_remind(req->ctx, http_int(req, DRM_UNIT_ID, 0), &r);
	switch (r.outcome) {
	case DOC_OK:
		http_json(resp, 200, json_pack("{s:I}", "reminded",
		    (json_int_t)r.id));
		return;
	case DOC_FORBIDDEN:
		api_forbidden(resp);
		return;
	case DOC_NOT_FOUND:
		api_not_found(resp, _("No such unit."));
		return;
	case DOC_INVALID:
		http_json_error(resp, 400, "invalid_field",
		    arena_printf(req->ctx->arena, "%s: %s", r.field, _(r.why)),
		    r.field);
		return;
	case DOC_CONFLICT:
	case DOC_FAILED:
		break;
	}
	api_store_error(resp);
}

/* Gate for the reminder: only someone who follows some unit gets as far
 * as their body being read. */
int
api_gate_doc_remind(struct http_req *req, struct http_resp *resp)
{
	if (document_follows_units(req->ctx) != 1) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}
