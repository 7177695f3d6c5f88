/* health.c: liveness and metrics for operators and their monitoring. */
#include "api/api.h"

void
api_healthz(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	resp->status = 200;
	resp->content_type = "text/plain; charset=utf-8";
	buf_puts(&resp->body, "ok\n");
}

void
api_metrics(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	resp->status = 200;
	resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
	http_metrics_render(&resp->body);
}
