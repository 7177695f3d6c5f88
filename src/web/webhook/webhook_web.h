/* webhook_web.h: the administrator's webhook page (web/webhook/). */
#ifndef ORDEN_WEB_WEBHOOK_H
#define ORDEN_WEB_WEBHOOK_H

#include "http/http.h"

void	web_webhooks(struct http_req *, struct http_resp *);		/* GET /admin/webhooks */
void	web_webhook_add(struct http_req *, struct http_resp *);		/* POST /admin/webhooks */
void	web_webhook_action(struct http_req *, struct http_resp *);	/* POST /admin/webhooks/{id} */

#endif
