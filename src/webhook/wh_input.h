/* wh_input.h: the fields of a new subscription, declared once for both
 * faces: the form POST /admin/webhooks and the JSON API POST
 * /api/v1/webhooks route with webhook_fields, and webhook_input_read turns
 * the checked values into what webhook_add takes. The events come as a
 * comma-separated list ("events", the API's way) and/or one checkbox per
 * event (the form's way, named like the event with '_' for '.'). */
#ifndef ORDEN_WEBHOOK_INPUT_H
#define ORDEN_WEBHOOK_INPUT_H

#include "http/http.h"
#include "webhook/webhook.h"

enum wh_field {
	WHF_URL,	/* the receiver; required */
	WHF_EVENTS,	/* "deviation.reported,deviation.closed" */
	WHF_EV0,	/* WHF_EV0 + enum wh_event: a checkbox */
	WHF_MAX = WHF_EV0 + WH_EVENT_MAX
};
extern const struct field webhook_fields[];

/* The checkbox field of event ev ("deviation_reported"). */
const char	*webhook_event_field(enum wh_event ev);
/* The URL and the mask of req. 0, or -1 with *bad the field ("events")
 * naming an unknown event. */
int	webhook_input_read(const struct http_req *, const char **url,
	    unsigned *mask, const char **bad);

/* The action on one subscription (POST /admin/webhooks/{id} and POST
 * /api/v1/webhooks/{id}/actions): "test" or "remove". */
enum wh_action { WHK_TEST, WHK_REMOVE, WHK_MAX };
extern const struct field webhook_action_fields[];
/* The checked action of req: 0 and *out, or -1 (field "action"). */
int	webhook_action_read(const struct http_req *, enum wh_action *out);

/* The list page's query (GET /admin/webhooks; app_queries, src/routes.c):
 * the banners after an action, removed=1 and tested=1. */
enum wh_list_query { WHQ_REMOVED, WHQ_TESTED, WHQ_MAX };
extern const struct field webhook_query_fields[WHQ_MAX + 1];

#endif
