/* notify.c: the deviation module's notifications, made through notify/
 * (which owns the table). */
#include "deviation/deviation.h"

#include "ctx.h"
#include "deviation/dev_int.h"
#include "notify/notify.h"

int
dev_notify(struct ctx *ctx, int64_t person_id, int64_t dev_id,
    const char *kind, const char *text)
{
	return notify_send(ctx, person_id, dev_id, kind, text);
}

int
dev_notify_many(struct ctx *ctx, const int64_t *ids, size_t n, int64_t dev_id,
    const char *kind, const char *text)
{
	size_t	i;
	int	rc;

	for (i = 0; i < n; i++)
		if ((rc = notify_send(ctx, ids[i], dev_id, kind, text)) != 0)
			return rc;
	return (int)n;
}
