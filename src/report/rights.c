/* rights.c: what the report faces (web/report/, api/report/) may offer a
 * person — a link, a form, an area to choose, a group's sections — asked
 * of the module, so that no face writes an access decision. The decision
 * is authz/'s (policy.c, authz/report.c); report_do and report_numbers*
 * check again inside, so a face that forgot to ask still refuses. */
#include "report/written.h"

#include "authz/authz.h"
#include "ctx.h"
#include "org/org.h"
#include "util/arena.h"

/* REP_RIGHT_SECTIONS over units[i]: its report, or writing for one of
 * the units right under it (a group of the area gathers those). */
static int
sections_over(struct ctx *ctx, const struct unit *units, size_t n, size_t i)
{
	size_t j;

	if (authz_can(ctx, AZ_REPORT_VIEW, units[i].id))
		return 1;
	for (j = 0; j < n; j++)
		if (units[j].parent_id == units[i].id &&
		    authz_can(ctx, AZ_REPORT_WRITE, units[j].id))
			return 1;
	return 0;
}

int
report_right(struct ctx *ctx, enum rep_right what, int64_t area_id)
{
	struct unit	*units;
	size_t		 n, i;

	switch (what) {
	case REP_RIGHT_VIEW:
		return authz_can(ctx, AZ_REPORT_VIEW, area_id);
	case REP_RIGHT_GROUPS:
		return authz_can(ctx, AZ_REPORT_GROUPS, area_id);
	case REP_RIGHT_GROUPS_READ:
		return authz_can(ctx, AZ_REPORT_GROUPS, area_id) ||
		    authz_can(ctx, AZ_REPORT_VIEW, area_id);
	case REP_RIGHT_APPROVE:
		return authz_can(ctx, AZ_REPORT_APPROVE, area_id);
	case REP_RIGHT_SECTIONS:
		if (authz_can(ctx, AZ_REPORT_VIEW, area_id))
			return 1;
		if (org_unit_list(ctx, &units, &n) != 0)
			return 0;
		for (i = 0; i < n; i++)
			if (units[i].id == area_id)
				return sections_over(ctx, units, n, i);
		return 0;
	case REP_RIGHT_GROUPS_SOMEWHERE:
		return authz_can_somewhere(ctx, AZ_REPORT_GROUPS);
	case REP_RIGHT_WRITE_SOMEWHERE:
		return authz_can_somewhere(ctx, AZ_REPORT_WRITE) ||
		    authz_can_somewhere(ctx, AZ_REPORT_APPROVE);
	}
	return 0;
}

int
report_areas(struct ctx *ctx, enum rep_right what, struct unit **out,
    size_t *nout, int *whole)
{
	struct unit	*units;
	size_t		 n, i;
	int		 rc, add;

	*nout = 0;
	if ((rc = org_unit_list(ctx, &units, &n)) != 0)
		return rc;
	if ((*out = arena_alloc(ctx->arena, (n ? n : 1) * sizeof(**out))) == NULL)
		return -1;
	/* The municipality as a whole is one who takes (or keeps the groups
	 * of) its report; writing for a sector does not make it an area. */
	*whole = report_right(ctx, what == REP_RIGHT_GROUPS ? REP_RIGHT_GROUPS :
	    REP_RIGHT_VIEW, 0);
	for (i = 0; i < n; i++) {
		if (*whole)
			add = 1;
		else if (what == REP_RIGHT_SECTIONS)
			add = sections_over(ctx, units, n, i);
		else
			add = report_right(ctx, what, units[i].id);
		if (add)
			(*out)[(*nout)++] = units[i];
	}
	return 0;
}

int
report_row_right(struct ctx *ctx, enum rep_row_right what, int64_t area_id,
    const struct rep_row *r)
{
	return report_row_can(ctx, what == REP_ROW_WRITE ? AZ_REPORT_WRITE :
	    AZ_REPORT_VIEW, area_id, r);
}
