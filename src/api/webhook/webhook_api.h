/* webhook_api.h: the webhooks in the JSON API (api/webhook/webhooks.c). */
#ifndef ORDEN_API_WEBHOOK_H
#define ORDEN_API_WEBHOOK_H

#include "http/http.h"

void	api_webhooks(struct http_req *, struct http_resp *);		/* GET /api/v1/webhooks */
void	api_webhook_add(struct http_req *, struct http_resp *);		/* POST /api/v1/webhooks */
void	api_webhook_action(struct http_req *, struct http_resp *);	/* POST /api/v1/webhooks/{id}/actions */
void	api_webhook_deliveries(struct http_req *, struct http_resp *);	/* GET /api/v1/webhooks/{id}/deliveries */
/* The door of the routes with a body: the webhook administrator. */
int	api_gate_webhook_admin(struct http_req *, struct http_resp *);
/* ... and a live webhook of the tenant at {id} (else 404). */
int	api_gate_webhook(struct http_req *, struct http_resp *);

#endif
