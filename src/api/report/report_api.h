/* report_api.h: internal to src/api/report/. */
#ifndef ORDEN_REPORT_API_H
#define ORDEN_REPORT_API_H

struct http_req;
struct http_resp;
struct rep_numbers;

/* The numbers the request's year, tertial and unit_id ask for, or an
 * error answer already in resp (-1). */
int	api_report_numbers(struct http_req *, struct http_resp *,
	    struct rep_numbers *);

#endif
