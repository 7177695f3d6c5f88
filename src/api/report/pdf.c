/* api/report/pdf.c: GET /api/v1/reports/tertial.pdf, the report as a PDF
 * (report_pdf), by the same query and access as the JSON. */
#include "api/api.h"
#include "api/json.h"
#include "api/report/report_api.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "report/report.h"
#include "report/written.h"
#include "util/arena.h"
#include "util/buf.h"

void
api_report_tertial_pdf(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct rep_numbers	 n;
	struct rep_approval	 a;
	struct rep_written	 w;
	const char		*title;

	if (api_report_numbers(req, resp, &n, &a) != 0)
		return;
	title = n.period.tertial > 0 ?
	    arena_printf(ctx->arena, _("Tertial report T%d %d"), n.period.tertial,
	    n.period.year) :
	    arena_printf(ctx->arena, _("Annual report %d"), n.period.year);
	buf_reset(&resp->body);
	if (title == NULL || api_report_written(req, &n, &a, &w) != 0 ||
	    report_pdf(&n, &w, title, &resp->body) != 0) {
		api_store_error(resp);
		return;
	}
	api_report_download(resp, &n, "pdf", "application/pdf");
}
