/* webhook.c: a measure added, completed or due is an event other systems may
 * hear (webhook/), whatever its subject: a deviation, a risk or an audit
 * recommendation. Identifiers and codes only: the measure's id and status,
 * the subject's kind, short label and page; never the measure's text or
 * its owner's name (they may carry personal data). */
#include "measure/measure.h"

#include <string.h>

#include "ctx.h"
#include "webhook/webhook.h"

int
measure_webhook(struct ctx *ctx, enum measure_subject kind,
    int64_t subject_id, int64_t measure_id, enum measure_event what)
{
	static const enum wh_event ev[] = {
		[ME_ADDED] = WH_MEASURE_ADDED,
		[ME_COMPLETED] = WH_MEASURE_COMPLETED,
		[ME_DUE] = WH_MEASURE_DUE,
	};
	struct my_measure	 my;
	struct wh_subject	 s;

	memset(&my, 0, sizeof(my));
	memset(&s, 0, sizeof(s));
	/* The subject's label and page as the actor sees them; a subject
	 * they no longer see (or a read that fails) leaves both out rather
	 * than the change undone. */
	if (kind < MS_MAX && measure_subjects[kind] != NULL &&
	    measure_subjects[kind](ctx, subject_id, &my) < 0) {
		my.number = NULL;
		my.href = NULL;
	}
	s.kind = "measure";
	s.id = measure_id;
	s.number = my.number != NULL && *my.number != '\0' ? my.number : NULL;
	s.category = measure_subject_name(kind);
	s.status = what == ME_COMPLETED ? "done" : what == ME_DUE ? "overdue" :
	    "open";
	s.path = my.href;
	return webhook_emit(ctx, ev[what], &s);
}
