/* notify_input.h: the notification list's query, declared once for both
 * faces: GET /notifications and GET /api/v1/notifications route with
 * notify_query_fields (app_queries, src/routes.c), http/ checks them
 * before the handler, and each face reads them by these positions with
 * http_qtext/http_qint. */
#ifndef ORDEN_NOTIFY_INPUT_H
#define ORDEN_NOTIFY_INPUT_H

#include "http/http.h"

enum notify_query_field {
	NQF_AFTER,	/* the page cursor from "next" (notification_list_page) */
	NQF_LIMIT,	/* the page size (the API) */
	NQF_UNREAD,	/* only the unread ones (the API) */
	NQF_READ,	/* read=1: the page's banner after "Mark all as read" */
	NQF_MAX
};
extern const struct field notify_query_fields[NQF_MAX + 1];

#endif
