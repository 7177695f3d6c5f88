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
	struct rep_numbers	 n;
	struct rep_approval	 a;
	struct rep_written	 w;

	if (api_report_numbers(req, resp, &n, &a) != 0)
		return;
	buf_reset(&resp->body);
	if (api_report_written(req, &n, &a, &w) != 0 ||
	    report_xlsx(&n, &w, &resp->body) != 0 || buf_failed(&resp->body)) {
		api_store_error(resp);
		return;
	}
	api_report_download(resp, &n, "xlsx",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}
