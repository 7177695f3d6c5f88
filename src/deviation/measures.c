/* measures.c: a deviation's measures (tiltak), each with a responsible
 * person and a due date, marked done when done. The rows are src/measure/'s
 * (subject MS_DEVIATION); changes go through deviation_act (actions.c),
 * which checks the deviation's state first. */
#include "deviation/deviation.h"

#include <string.h>

#include "ctx.h"
#include "util/arena.h"

int
deviation_measures(struct ctx *ctx, int64_t id, struct measure **out, size_t *n)
{
	return measure_list(ctx, MS_DEVIATION, id, out, n);
}

int
deviation_measure_get(struct ctx *ctx, int64_t id, int64_t measure_id,
    struct measure *out)
{
	int rc = measure_get(ctx, MS_DEVIATION, id, measure_id, out);

	return rc == MEASURE_ERR_NOTFOUND ? DEV_ERR_NOTFOUND : rc;
}

int
deviation_measure_owner(struct ctx *ctx, int64_t id, int64_t person_id)
{
	return measure_owner(ctx, MS_DEVIATION, id, person_id);
}

int
deviation_measure_subject(struct ctx *ctx, int64_t id, struct my_measure *m)
{
	struct deviation	d;
	int			rc;

	if ((rc = deviation_get(ctx, id, &d)) != 0)
		return rc == DEV_ERR_NOTFOUND ? MEASURE_ERR_NOTFOUND : rc;
	if (d.status == DEV_CLOSED)
		return 0;
	m->number = d.number;
	m->title = d.title;
	m->href = arena_printf(ctx->arena, "/deviations/%lld", (long long)id);
	return m->href == NULL ? -1 : 1;
}

int
deviation_measure_unit(struct ctx *ctx, int64_t id, int64_t *unit_id)
{
	struct deviation	d;
	int			rc;

	*unit_id = 0;
	if ((rc = deviation_get(ctx, id, &d)) != 0)
		return rc == DEV_ERR_NOTFOUND ? MEASURE_ERR_NOTFOUND : rc;
	*unit_id = d.handler_unit_id != 0 ? d.handler_unit_id : d.unit_id;
	return 0;
}
