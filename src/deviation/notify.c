/* notify.c: the deviation module's notifications, made through notify/
 * (which owns the table). */
#include "deviation/deviation.h"

#include "ctx.h"
#include "deviation/dev_int.h"
#include "notify/notify.h"

static enum notify_report
report_of(enum dev_kind k)
{
	return k == DEV_IMPROVEMENT ? NOTIFY_IMPROVEMENT : NOTIFY_DEVIATION;
}

int
dev_notify(struct ctx *ctx, int64_t person_id, int64_t dev_id,
    enum dev_kind dev_kind, const char *kind, const char *text)
{
	return notify_send_report(ctx, person_id, dev_id, report_of(dev_kind),
	    kind, text);
}

int
dev_notify_many(struct ctx *ctx, const int64_t *ids, size_t n, int64_t dev_id,
    enum dev_kind dev_kind, const char *kind, const char *text)
{
	size_t	i;
	int	rc;

	for (i = 0; i < n; i++)
		if ((rc = notify_send_report(ctx, ids[i], dev_id,
		    report_of(dev_kind), kind, text)) != 0)
			return rc;
	return (int)n;
}
