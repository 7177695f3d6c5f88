/* notifications.c: the caller's in-app notifications (new deviations to
 * handle, reminders, escalations, what happened to one's own reports). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "notify/notify_input.h"

static json_t *
notification_json(const struct notification *n)
{
	return json_pack("{s:I, s:o, s:o, s:s, s:s, s:o, s:o}",
	    "id", (json_int_t)n->id,
	    "deviation_id", n->deviation_id > 0 ? json_integer(n->deviation_id) : json_null(),
	    "number", n->number ? json_string(n->number) : json_null(),
	    "kind", n->kind ? n->kind : "",
	    "text", n->text ? n->text : "",
	    "created_at", api_time_json(n->created_at),
	    "read_at", api_time_json(n->read_at));
}

void
api_notifications(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct notification	*v;
	size_t			 n, i;
	int64_t			 limit = http_qint(req, NQF_LIMIT,
				    NOTIFY_PAGE_DEFAULT);
	int			 unread = (int)http_qint(req, NQF_UNREAD, 0);
	int			 count, rc;
	char			 next[NOTIFY_CURSOR_MAX];
	json_t			*a;

	rc = notification_list_page(ctx, ctx->user->id, unread,
	    http_qtext(req, NQF_AFTER), (size_t)limit, &v, &n, next);
	if (rc == NOTIFY_ERR_INVALID) {
		http_json_error(resp, 400, "invalid_parameter",
		    _("after: not a cursor from this list's \"next\""), "after");
		return;
	}
	if (rc != 0 || (count = notification_unread_count(ctx, ctx->user->id)) < 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, notification_json(&v[i]));
	http_json(resp, 200, json_pack("{s:o, s:i, s:o}", "items", a, "unread",
	    count, "next", next[0] != '\0' ? json_string(next) : json_null()));
}

void
api_notifications_read(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	json_t		*root = NULL, *idv;
	int64_t		 id = 0;
	int		 rc, count;

	/* The route declares no fields: the body is optional ({"id":N} marks
	 * one, nothing marks all), so it is read here. */
	if (req->body_len > 0) {
		root = json_loads(req->body, JSON_REJECT_DUPLICATES, NULL);
		if (root == NULL || !json_is_object(root)) {
			json_decref(root);
			http_json_error(resp, 400, "invalid_json",
			    _("the body is not a JSON object"), NULL);
			return;
		}
		idv = json_object_get(root, "id");
		if (idv != NULL && !json_is_null(idv)) {
			if (!json_is_integer(idv) || json_integer_value(idv) <= 0) {
				json_decref(root);
				http_json_error(resp, 400, "invalid_field",
				    _("id: must be a whole number"), "id");
				return;
			}
			id = (int64_t)json_integer_value(idv);
		}
		json_decref(root);
	}
	if ((rc = notification_mark_read(ctx, ctx->user->id, id)) != 0) {
		if (rc == DEV_ERR_NOTFOUND)
			api_not_found(resp, _("No such notification."));
		else
			api_store_error(resp);
		return;
	}
	if ((count = notification_unread_count(ctx, ctx->user->id)) < 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, json_pack("{s:i}", "unread", count));
}
