/* api/webhook/webhooks.c: the webhooks in the JSON API. Decisions are
 * webhook/'s (which asks authz/); this file only translates. */
#include "api/webhook/webhook_api.h"

#include <jansson.h>
#include <string.h>

#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "webhook/webhook.h"
#include "webhook/wh_input.h"

int
api_gate_webhook_admin(struct http_req *req, struct http_resp *resp)
{
	if (!webhook_right(req->ctx)) {
		api_forbidden(resp);
		return -1;
	}
	return 0;
}

int
api_gate_webhook(struct http_req *req, struct http_resp *resp)
{
	int64_t id;

	if (api_gate_webhook_admin(req, resp) != 0)
		return -1;
	if (http_param_id(req, 0, &id) != 0 ||
	    webhook_exists(req->ctx, id) != 1) {
		api_not_found(resp, _("No such webhook."));
		return -1;
	}
	return 0;
}

static json_t *
events_json(unsigned mask)
{
	json_t	*a = json_array();
	int	 i;

	for (i = 0; i < WH_EVENT_MAX; i++)
		if (mask & (1u << i))
			json_array_append_new(a, json_string(
			    webhook_event_name((enum wh_event)i)));
	return a;
}

void
api_webhooks(struct http_req *req, struct http_resp *resp)
{
	struct webhook	*v;
	size_t		 n, i;
	json_t		*a;
	int		 rc;

	if ((rc = webhook_list(req->ctx, &v, &n)) == WH_FORBIDDEN) {
		api_forbidden(resp);
		return;
	}
	if (rc != WH_OK) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:o, s:o, s:I,"
		    " s:I, s:I}", "id", (json_int_t)v[i].id, "url", v[i].url,
		    "events", events_json(v[i].events),
		    "created_at", api_time_json(v[i].created_at),
		    "pending", (json_int_t)v[i].pending,
		    "sent", (json_int_t)v[i].sent,
		    "failed", (json_int_t)v[i].failed));
	http_json(resp, 200, json_pack("{s:o}", "webhooks", a));
}

void
api_webhook_add(struct http_req *req, struct http_resp *resp)
{
	const char	*url, *bad, *field, *why;
	char		 secret[WH_SECRET_HEX];
	unsigned	 mask;
	int64_t		 id;
	int		 rc;

	if (webhook_input_read(req, &url, &mask, &bad) != 0) {
		http_json_error(resp, 400, "invalid_field",
		    _("events: an unknown event"), "events");
		return;
	}
	rc = webhook_add(req->ctx, url, mask, &id, secret, &field, &why);
	if (rc == WH_FORBIDDEN) {
		api_forbidden(resp);
		return;
	}
	if (rc == WH_INVALID) {
		http_json_error(resp, 400, "invalid_field", arena_printf(
		    req->ctx->arena, "%s: %s", field, _(why)), field);
		return;
	}
	if (rc != WH_OK) {
		api_store_error(resp);
		return;
	}
	/* The secret, this once. */
	http_json(resp, 201, json_pack("{s:I, s:s, s:o, s:s}", "id",
	    (json_int_t)id, "url", url, "events", events_json(mask),
	    "secret", secret));
	memset(secret, 0, sizeof(secret));
}

/* The {id} of the path, or 404 given and -1. */
static int
path_id(struct http_req *req, struct http_resp *resp, int64_t *id)
{
	if (http_param_id(req, 0, id) != 0) {
		api_not_found(resp, _("No such webhook."));
		return -1;
	}
	return 0;
}

static void
answer(struct http_resp *resp, int rc, int status, json_t *ok)
{
	if (rc == WH_OK) {
		http_json(resp, status, ok);
		return;
	}
	json_decref(ok);
	if (rc == WH_FORBIDDEN)
		api_forbidden(resp);
	else if (rc == WH_NOTFOUND)
		api_not_found(resp, _("No such webhook."));
	else
		api_store_error(resp);
}

void
api_webhook_action(struct http_req *req, struct http_resp *resp)
{
	enum wh_action	 a;
	int64_t		 id;

	if (api_gate_webhook(req, resp) != 0 || path_id(req, resp, &id) != 0)
		return;
	if (webhook_action_read(req, &a) != 0) {
		http_json_error(resp, 400, "invalid_field",
		    _("action: must be test or remove"), "action");
		return;
	}
	if (a == WHK_REMOVE)
		answer(resp, webhook_remove(req->ctx, id), 200,
		    json_pack("{s:I, s:b}", "id", (json_int_t)id, "removed", 1));
	else
		answer(resp, webhook_test(req->ctx, id), 202,
		    json_pack("{s:I, s:s}", "id", (json_int_t)id, "event", "ping"));
}

void
api_webhook_deliveries(struct http_req *req, struct http_resp *resp)
{
	struct wh_delivery	*v;
	size_t			 n, i;
	int64_t			 id;
	json_t			*a;
	int			 rc;

	if (api_gate_webhook(req, resp) != 0 || path_id(req, resp, &id) != 0)
		return;
	if ((rc = webhook_deliveries(req->ctx, id, WH_DELIVERIES_SHOWN, &v,
	    &n)) != WH_OK) {
		answer(resp, rc, 200, NULL);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:I,"
		    " s:o, s:o, s:o, s:o}", "id", (json_int_t)v[i].id,
		    "event", v[i].event, "delivery_id", v[i].delivery_id,
		    "state", v[i].sent_at > 0 ? "sent" : v[i].failed_at > 0 ?
		    "failed" : "waiting", "tries", (json_int_t)v[i].tries,
		    "status", v[i].status > 0 ? json_integer(v[i].status) :
		    json_null(), "error", *v[i].error != '\0' ?
		    json_string(v[i].error) : json_null(),
		    "created_at", api_time_json(v[i].created_at),
		    "sent_at", v[i].sent_at > 0 ? api_time_json(v[i].sent_at) :
		    json_null()));
	http_json(resp, 200, json_pack("{s:o}", "deliveries", a));
}
