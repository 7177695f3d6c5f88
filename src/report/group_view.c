/* group_view.c: one group of the tertial report opened from the
 * dashboard (report.h, report_group_view): its units' figures and its
 * deviations month by month beside the same month a year before. The
 * group and access are report_numbers' (the area's report); the figures
 * come from the kept counts in two reads (the period and a year before,
 * deviation_stats_each), each cell tallied into its unit and month. */
#include "report/report.h"

#include <string.h>
#include <time.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

struct gv_tally {
	struct rep_group_view	*v;
	int			 last;	/* 1: the year before */
};

static int
local_month(int64_t t)
{
	struct tm tm;

	if (date_local(t, &tm) != 0)
		return 0;
	return (tm.tm_year + 1900) * 100 + tm.tm_mon + 1;
}

/* deviation_stats_each: a cell reported in the period into its unit and
 * month (a year before: the month a year later). */
static void
gv_cell(void *arg, const struct dev_count_cell *c, int64_t n)
{
	struct gv_tally		*t = arg;
	struct rep_group_view	*v = t->v;
	struct rep_unit_fig	*u = NULL;
	size_t			 i;
	int			 month = t->last ? c->month + 100 : c->month;

	if (c->days >= 0)	/* closed in the period: not counted here */
		return;
	for (i = 0; i < v->nunits; i++)
		if (v->units[i].unit_id == c->under) {
			u = &v->units[i];
			break;
		}
	if (u == NULL)
		return;		/* another group's */
	if (t->last) {
		if (c->kind == DEV_DEVIATION)
			u->last_deviations += n;
	} else if (c->kind == DEV_IMPROVEMENT)
		u->improvements += n;
	else {
		u->deviations += n;
		*(c->status == DEV_CLOSED ? &u->closed : &u->open) += n;
	}
	if (c->kind != DEV_DEVIATION)
		return;
	for (i = 0; i < v->nmonths; i++)
		if (v->months[i].month == month) {
			*(t->last ? &v->months[i].last_deviations :
			    &v->months[i].deviations) += n;
			break;
		}
}

/* The unit the area's groups roll up under (as report_numbers: the one
 * root for the whole municipality, 0 for several). */
static int64_t
top_of(int64_t area_id, const struct unit *units, size_t n)
{
	size_t	i, roots = 0;
	int64_t	root = 0;

	if (area_id != 0)
		return area_id;
	for (i = 0; i < n; i++)
		if (units[i].parent_id == 0) {
			roots++;
			root = units[i].id;
		}
	return roots == 1 ? root : 0;
}

int
report_group_view(struct ctx *ctx, int64_t area_id, const struct rep_period *p,
    const char *key, struct rep_group_view *out, const char **field)
{
	struct unit		*units;
	struct dev_filter	 f;
	struct gv_tally		 t;
	size_t			 nunits, i, j;
	int64_t			 top;
	int			 m, m1, m2, rc;

	memset(out, 0, sizeof(*out));
	if ((rc = report_numbers(ctx, area_id, p, &out->n, field)) != 0)
		return rc;
	for (i = 0; key != NULL && i < out->n.nrows; i++)
		if (strcmp(out->n.rows[i].key, key) == 0)
			out->row = &out->n.rows[i];
	if (out->row == NULL) {
		*field = "group";
		return REP_ERR_INVALID;
	}
	if (org_unit_list(ctx, &units, &nunits) != 0)
		return DB_ERR;
	top = top_of(area_id, units, nunits);
	if ((out->units = arena_alloc(ctx->arena, (out->row->nunits + 1) *
	    sizeof(*out->units))) == NULL)
		return DB_ERR;
	/* The group's units in the tree's order. */
	for (i = 0; i < nunits; i++)
		for (j = 0; j < out->row->nunits; j++)
			if (out->row->unit_ids[j] == units[i].id) {
				memset(&out->units[out->nunits], 0,
				    sizeof(*out->units));
				out->units[out->nunits].unit_id = units[i].id;
				out->units[out->nunits++].name =
				    org_unit_label(ctx->arena, &units[i]);
			}
	/* Each month of the period (at most ten years' shown). */
	m1 = local_month(p->from);
	m2 = local_month(p->to);
	if ((out->months = arena_alloc(ctx->arena, 121 * sizeof(*out->months))) == NULL)
		return DB_ERR;
	for (m = m1; m != 0 && m <= m2 && out->nmonths < 120;
	    m = m % 100 == 12 ? m + 89 : m + 1) {
		memset(&out->months[out->nmonths], 0, sizeof(*out->months));
		out->months[out->nmonths++].month = m;
	}
	memset(&f, 0, sizeof(f));
	f.scope = authz_dev_stats_scope(ctx, area_id);
	f.unit_id = area_id;
	f.kind = -1;
	t.v = out;
	t.last = 0;
	f.from = out->n.period.from;
	f.to = out->n.period.to;
	if ((rc = deviation_stats_each(ctx, &f, top, gv_cell, &t)) != 0)
		return rc;
	t.last = 1;
	f.from = out->n.last.from;
	f.to = out->n.last.to;
	return deviation_stats_each(ctx, &f, top, gv_cell, &t);
}
