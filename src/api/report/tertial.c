/* api/report/tertial.c: GET /api/v1/reports/tertial, the tertial report's
 * numbers as JSON, and its exports (xlsx.c, pdf.c) by the same query. */
#include <jansson.h>

#include "api/api.h"
#include "api/json.h"
#include "api/report/report_api.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "report/report.h"
#include "report/written.h"
#include "store/store.h"
#include "util/arena.h"

int
api_report_numbers(struct http_req *req, struct http_resp *resp,
    struct rep_numbers *n, struct rep_approval *a)
{
	struct ctx		*ctx = req->ctx;
	struct rep_period	 p;
	struct rep_key		 k;
	int64_t			 area;
	const char		*field, *why;
	int			 rc;

	if (report_query(ctx, http_query(req, "year"), http_query(req, "tertial"),
	    http_query(req, "unit_id"), &p, &area, &field, &why) != 0) {
		http_json_error(resp, 400, "invalid_parameter",
		    arena_printf(ctx->arena, "%s: %s", field, why), field);
		return -1;
	}
	k.year = p.year;
	k.tertial = p.tertial;
	k.area_id = area;
	/* An approved report answers with the numbers frozen at approval. */
	rc = report_numbers_for(ctx, &k, 0, n, a, &field);
	if (rc == REP_ERR_INVALID) {
		http_json_error(resp, 400, "invalid_parameter",
		    arena_printf(ctx->arena, "%s: %s", field, _("no such unit")),
		    field);
		return -1;
	}
	if (rc == REP_ERR_FORBIDDEN) {
		api_forbidden(resp);
		return -1;
	}
	if (rc != 0) {
		api_store_error(resp);
		return -1;
	}
	return 0;
}

int
api_report_written(struct http_req *req, const struct rep_numbers *n,
    const struct rep_approval *a, struct rep_written *w)
{
	struct rep_key k;

	k.year = n->period.year;
	k.tertial = n->period.tertial;
	k.area_id = n->area_id;
	return report_written_for(req->ctx, &k, n, a, w);
}

void
api_report_tertial(struct http_req *req, struct http_resp *resp)
{
	struct rep_numbers	 n;
	struct rep_approval	 a;
	json_t			*o;

	if (api_report_numbers(req, resp, &n, &a) != 0)
		return;
	if ((o = report_numbers_json(&n)) == NULL) {
		api_store_error(resp);
		return;
	}
	json_object_set_new(o, "approved", json_boolean(a.approved_at != 0));
	if (a.approved_at != 0)
		json_object_set_new(o, "approved_by", json_string(a.approved_by));
	http_json(resp, 200, o);
}
