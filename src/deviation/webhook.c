/* webhook.c: the deviation module's events for webhooks (webhook/). Every
 * change of a deviation is an event row (events.c), so the one call is
 * there: the timeline's types that a receiver may hear become webhook
 * events, with the deviation as it stands after the change, as
 * identifiers and codes only (no title, description or names: they may
 * carry personal data). */
#include "deviation/deviation.h"

#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "deviation/dev_int.h"
#include "util/arena.h"
#include "webhook/webhook.h"

/* The webhook event of a timeline event (type, detail), or WH_EVENT_MAX
 * for none. */
static enum wh_event
event_of(const char *type, const char *detail)
{
	static const struct {
		const char	*type;
		enum wh_event	 ev;
	} map[] = {
		{ "created",		WH_DEV_REPORTED },
		{ "acknowledged",	WH_DEV_ACKNOWLEDGED },
		{ "transferred",	WH_DEV_TRANSFERRED },
		{ "returned",		WH_DEV_RETURNED },
		{ "closed",		WH_DEV_CLOSED },
		{ "reopened",		WH_DEV_REOPENED },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(type, map[i].type) == 0)
			return map[i].ev;
	/* The deadline to close (not to acknowledge): near, then passed. */
	if (detail != NULL && strcmp(detail, "due") == 0) {
		if (strcmp(type, "reminder") == 0)
			return WH_DEV_DUE;
		if (strcmp(type, "escalated") == 0)
			return WH_DEV_OVERDUE;
	}
	return WH_EVENT_MAX;
}

int
dev_webhook(struct ctx *ctx, int64_t dev_id, const char *type,
    const char *detail)
{
	struct deviation	 d;
	struct wh_subject	 s;
	enum wh_event		 ev = event_of(type, detail);
	int			 rc;

	/* A row an import brings in already closed is history: a receiver
	 * hears of it no more than a person does (ctx.h notify_quiet), or a
	 * ten-year import would post one delivery per event of every row. */
	if (ev == WH_EVENT_MAX || ctx->notify_quiet)
		return 0;
	/* Nobody listening (most municipalities): no subject to make. */
	if ((rc = webhook_heard(ctx, ev)) <= 0)
		return rc;
	if ((rc = deviation_get(ctx, dev_id, &d)) != 0)
		return rc;
	memset(&s, 0, sizeof(s));
	s.kind = d.kind == DEV_IMPROVEMENT ? "improvement" : "deviation";
	s.id = d.id;
	s.number = d.number;
	s.unit_id = d.unit_id;
	s.unit = d.unit_name;
	s.category = d.category_code;
	s.status = dev_status_name(d.status);
	s.path = arena_printf(ctx->arena, "/deviations/%lld", (long long)d.id);
	return webhook_emit(ctx, ev, &s);
}
