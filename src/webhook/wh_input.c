/* wh_input.c: a subscription's fields (wh_input.h). */
#include "webhook/wh_input.h"

#include <stddef.h>
#include <string.h>

#include "ctx.h"

const struct field webhook_fields[] = {
	[WHF_URL] = { "url", F_LINE, 1, 1, WH_URL_MAX },
	[WHF_EVENTS] = { "events", F_LINE, 0, 0, 1000 },
	[WHF_EV0 + WH_DEV_REPORTED] = { "deviation_reported", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_DEV_ACKNOWLEDGED] = { "deviation_acknowledged", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_DEV_TRANSFERRED] = { "deviation_transferred", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_DEV_RETURNED] = { "deviation_returned", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_DEV_CLOSED] = { "deviation_closed", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_DEV_REOPENED] = { "deviation_reopened", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_DEV_DUE] = { "deviation_due", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_DEV_OVERDUE] = { "deviation_overdue", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_PING] = { "ping", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_MEASURE_ADDED] = { "measure_added", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_MEASURE_COMPLETED] = { "measure_completed", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_DOC_PUBLISHED] = { "document_published", F_BOOL, 0, 0, 1 },
	[WHF_EV0 + WH_MEASURE_DUE] = { "measure_due", F_BOOL, 0, 0, 1 },
	[WHF_MAX] = { NULL, 0, 0, 0, 0 }
};
/* A new event needs its checkbox above. */
_Static_assert(WH_EVENT_MAX == 13, "a checkbox for every event");

const char *
webhook_event_field(enum wh_event ev)
{
	return (int)ev >= 0 && ev < WH_EVENT_MAX ? webhook_fields[WHF_EV0 +
	    ev].name : NULL;
}

int
webhook_input_read(const struct http_req *req, const char **url,
    unsigned *mask, const char **bad)
{
	const struct field_value	*v;
	int				 i;

	*url = req->vals[WHF_URL].present ? req->vals[WHF_URL].s : NULL;
	*mask = 0;
	*bad = NULL;
	v = &req->vals[WHF_EVENTS];
	if (v->present && v->s != NULL &&
	    webhook_events_parse(req->ctx, v->s, mask, bad) != 0) {
		*bad = "events";
		return -1;
	}
	for (i = 0; i < WH_EVENT_MAX; i++)
		if (req->vals[WHF_EV0 + i].present && req->vals[WHF_EV0 + i].i)
			*mask |= 1u << i;
	return 0;
}

const struct field webhook_action_fields[] = {
	{ "action", F_CODE, 1, 1, 16 },
	{ NULL, 0, 0, 0, 0 }
};

int
webhook_action_read(const struct http_req *req, enum wh_action *out)
{
	const struct field_value *v = &req->vals[0];

	if (!v->present || v->s == NULL)
		return -1;
	if (strcmp(v->s, "test") == 0)
		*out = WHK_TEST;
	else if (strcmp(v->s, "remove") == 0)
		*out = WHK_REMOVE;
	else
		return -1;
	return 0;
}

const struct field webhook_query_fields[WHQ_MAX + 1] = {
	[WHQ_REMOVED]	= { "removed", F_BOOL, 0, 0, 1 },
	[WHQ_TESTED]	= { "tested", F_BOOL, 0, 0, 1 },
	[WHQ_MAX]	= { NULL, 0, 0, 0, 0 }
};
