/* api/report/xlsx.c: GET /api/v1/reports/tertial.xlsx, the report's
 * numbers as an Excel workbook (report_xlsx), by the same query and
 * access as the JSON. */
#include <string.h>

#include "api/api.h"
#include "api/json.h"
#include "api/report/report_api.h"
#include "ctx.h"
#include "report/report.h"
#include "report/written.h"
#include "util/arena.h"
#include "util/buf.h"

void
api_report_tertial_xlsx(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct rep_numbers	 n;
	struct rep_approval	 a;
	struct rep_written	 w;
	const char		*name;

	if (api_report_numbers(req, resp, &n, &a) != 0)
		return;
	buf_reset(&resp->body);
	if (api_report_written(req, &n, &a, &w) != 0 ||
	    report_xlsx(&n, &w, &resp->body) != 0 || buf_failed(&resp->body)) {
		api_store_error(resp);
		return;
	}
	name = n.period.tertial > 0 ?
	    arena_printf(ctx->arena, "attachment; filename=\"tertialrapport-%d-T%d.xlsx\"",
	    n.period.year, n.period.tertial) :
	    arena_printf(ctx->arena, "attachment; filename=\"tertialrapport-%d.xlsx\"",
	    n.period.year);
	resp->status = 200;
	resp->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	http_header(resp, "Content-Disposition", name != NULL ? name : "attachment");
	http_header(resp, "Cache-Control", "private, no-store");
}
