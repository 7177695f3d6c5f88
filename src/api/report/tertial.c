/* api/report/tertial.c: GET /api/v1/reports/tertial, the tertial report's
 * numbers as JSON, and its exports (xlsx.c, pdf.c) by the same query. */
#include <jansson.h>
#include <stdio.h>

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
api_report_key(struct http_req *req, struct http_resp *resp, struct rep_key *k)
{
	const char *field, *why;

	if (report_key_read(req->ctx, req, k, &field, &why) != 0) {
		if (field == NULL) {	/* the store failed */
			api_store_error(resp);
			return -1;
		}
		http_json_error(resp, 400, "invalid_parameter",
		    arena_printf(req->ctx->arena, "%s: %s", field, why), field);
		return -1;
	}
	return 0;
}

int
api_report_numbers_for(struct http_req *req, struct http_resp *resp,
    const struct rep_key *k, int writer, struct rep_numbers *n,
    struct rep_approval *a)
{
	struct ctx	*ctx = req->ctx;
	const char	*field;
	int		 rc;

	/* An approved report answers with the numbers frozen at approval. */
	rc = report_numbers_for(ctx, k, writer, n, a, &field);
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
api_report_numbers(struct http_req *req, struct http_resp *resp,
    struct rep_numbers *n, struct rep_approval *a)
{
	struct rep_key k;

	if (api_report_key(req, resp, &k) != 0)
		return -1;
	return api_report_numbers_for(req, resp, &k, 0, n, a);
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
api_report_download(struct http_resp *resp, const struct rep_numbers *n,
    const char *ext, const char *content_type)
{
	char	name[96];
	int	len;

	len = n->period.tertial > 0 ?
	    snprintf(name, sizeof(name),
	    "attachment; filename=\"tertialrapport-%d-T%d.%s\"", n->period.year,
	    n->period.tertial, ext) :
	    snprintf(name, sizeof(name),
	    "attachment; filename=\"tertialrapport-%d.%s\"", n->period.year, ext);
	resp->status = 200;
	resp->content_type = content_type;
	http_header(resp, "Content-Disposition", len > 0 &&
	    (size_t)len < sizeof(name) ? name : "attachment");
	http_header(resp, "Cache-Control", "private, no-store");
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
