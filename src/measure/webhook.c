/* webhook.c: a measure added or completed is an event other systems may
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
    int64_t subject_id, int64_t measure_id, int done)
{
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
	s.status = done ? "done" : "open";
	s.path = my.href;
	return webhook_emit(ctx, done ? WH_MEASURE_COMPLETED : WH_MEASURE_ADDED,
	    &s);
}
