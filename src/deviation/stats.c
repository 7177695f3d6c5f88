/* stats.c: counts for dashboards and reports, under the same scope and
 * filter as lists (the WHERE clause of dev_sql.h). The matching rows are
 * read once and counted in C: months and unit roll-ups are simple there and
 * the same on every database, and a municipality's year is a few thousand
 * rows. */
#include "deviation/deviation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "deviation/dev_int.h"
#include "deviation/dev_sql.h"
#include "i18n.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

/* Every deviation and proposal of the tenant (orden tenant list). */
static const char SQL_DEVIATION_COUNT[] =
    "SELECT COUNT(*) FROM deviations WHERE tenant_id = $1";

static const char SQL_STATS_ROWS[] =
    DEV_SQL_CTE "SELECT d.kind, d.status, c.code, c.name, d.unit_id,"
    " d.reported_at, d.occurred_at, d.closed_at, " DEV_SQL_OVERDUE
    DEV_SQL_FROM DEV_SQL_WHERE;

struct srow {
	enum dev_kind	 kind;
	enum dev_status	 status;
	const char	*code, *name;
	int64_t		 unit_id, reported_at, occurred_at, closed_at;
	int		 overdue;
};

/* A growing table of keyed counts, in first-seen order then sorted. */
struct tally {
	struct dev_stat_row	*v;
	size_t			 n, cap;
};

static int
tally_add(struct ctx *ctx, struct tally *t, const char *key, const char *label)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].key, key) == 0) {
			t->v[i].count++;
			return 0;
		}
	if (dev_vec_grow(ctx, (void **)&t->v, t->n, &t->cap, sizeof(*t->v)) != 0)
		return -1;
	t->v[t->n].key = arena_strdup(ctx->arena, key);
	t->v[t->n].label = arena_strdup(ctx->arena, label);
	t->v[t->n].count = 1;
	if (t->v[t->n].key == NULL || t->v[t->n].label == NULL)
		return -1;
	t->n++;
	return 0;
}

/* A key shown even with no rows (status groups, kinds: fixed order). */
static int
tally_seed(struct ctx *ctx, struct tally *t, const char *key, const char *label)
{
	if (tally_add(ctx, t, key, label) != 0)
		return -1;
	t->v[t->n - 1].count = 0;
	return 0;
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct dev_stat_row *)a)->key,
	    ((const struct dev_stat_row *)b)->key);
}

static int
cmp_count(const void *a, const void *b)
{
	const struct dev_stat_row *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->label, y->label);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static const char *
kind_label(enum dev_kind k)
{
	return k == DEV_IMPROVEMENT ? _("Improvement proposal") : _("Deviation");
}

static const char *
group_label(const char *g)
{
	if (strcmp(g, "open") == 0)
		return _("Open");
	if (strcmp(g, "in_progress") == 0)
		return _("In progress");
	return _("Closed");
}

/* The unit a row counts under: the child of `top` (or the root when top is
 * 0) that unit lies in, or top itself for its own rows; 0 when outside. */
static int64_t
bucket_unit(const struct unit *u, size_t nu, int64_t unit, int64_t top)
{
	int64_t	cur = unit;
	size_t	i;
	int	depth;

	for (depth = 0; depth < DEV_DEPTH_MAX && cur > 0; depth++) {
		int64_t parent = -1;

		if (cur == top)
			return top;
		for (i = 0; i < nu; i++)
			if (u[i].id == cur) {
				parent = u[i].parent_id;
				break;
			}
		if (parent < 0)
			return 0;
		if (parent == top)
			return cur;
		cur = parent;
	}
	return 0;
}

static const char *
unit_name(const struct unit *u, size_t nu, int64_t id)
{
	size_t i;

	for (i = 0; i < nu; i++)
		if (u[i].id == id)
			return u[i].name;
	return "?";
}

static int
read_rows(struct ctx *ctx, const struct dev_filter *f, struct srow **out,
    size_t *n)
{
	struct dbstmt	*st;
	struct srow	*v = NULL, *r;
	size_t		 len = 0, cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_STATS_ROWS,
	    &st)) != DB_OK)
		return rc;
	dev_filter_bind(ctx, st, f);
	while ((rc = db_step(st)) == DB_ROW) {
		enum dev_kind	k;
		enum dev_status	s;

		if (dev_kind_parse(db_col_text(st, 0), &k) != 0 ||
		    dev_status_parse(db_col_text(st, 1), &s) != 0)
			continue;	/* a value this build does not know */
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			goto out;
		}
		r = &v[len++];
		r->kind = k;
		r->status = s;
		r->code = arena_strdup(ctx->arena, db_col_text(st, 2));
		r->name = arena_strdup(ctx->arena, db_col_text(st, 3));
		r->unit_id = db_col_int(st, 4);
		r->reported_at = db_col_int(st, 5);
		r->occurred_at = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
		r->closed_at = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
		r->overdue = (int)db_col_int(st, 8);
	}
	if (rc != DB_DONE)
		goto out;
	rc = 0;
	*out = v;
	*n = len;
out:
	db_reset(st);
	return rc;
}

int
deviation_stats(struct ctx *ctx, const struct dev_filter *f, const char *by,
    struct dev_stats *out)
{
	struct srow	*rows;
	struct unit	*units = NULL;
	struct tally	 t = { NULL, 0, 0 };
	double		*days = NULL;
	size_t		 nrows, nunits = 0, ndays = 0, i;
	int		 rc, sort = 1;	/* 0 none, 1 by count, 2 by key */

	memset(out, 0, sizeof(*out));
	out->median_days_to_close = -1;
	if (by != NULL && strcmp(by, "category") != 0 && strcmp(by, "status") != 0 &&
	    strcmp(by, "month") != 0 && strcmp(by, "unit") != 0 &&
	    strcmp(by, "kind") != 0)
		return DEV_ERR_INVALID;
	if (f->scope != DEV_SCOPE_ALL && f->scope != DEV_SCOPE_MINE_AND_LED)
		return 0;
	if ((rc = read_rows(ctx, f, &rows, &nrows)) != 0)
		return rc;
	if (by != NULL && strcmp(by, "unit") == 0 &&
	    (rc = org_unit_list(ctx, &units, &nunits)) != 0)
		return rc;
	if (by != NULL && strcmp(by, "status") == 0) {
		sort = 0;
		if (tally_seed(ctx, &t, "open", group_label("open")) != 0 ||
		    tally_seed(ctx, &t, "in_progress", group_label("in_progress")) != 0 ||
		    tally_seed(ctx, &t, "closed", group_label("closed")) != 0)
			return DB_ERR;
	} else if (by != NULL && strcmp(by, "kind") == 0) {
		sort = 0;
		if (tally_seed(ctx, &t, "deviation", kind_label(DEV_DEVIATION)) != 0 ||
		    tally_seed(ctx, &t, "improvement", kind_label(DEV_IMPROVEMENT)) != 0)
			return DB_ERR;
	} else if (by != NULL && strcmp(by, "month") == 0)
		sort = 2;
	if (nrows > 0 &&
	    (days = arena_alloc(ctx->arena, nrows * sizeof(*days))) == NULL)
		return DB_ERR;

	for (i = 0; i < nrows; i++) {
		const struct srow	*r = &rows[i];
		const char		*g = dev_status_group(r->status);
		char			 key[32];

		out->total++;
		if (r->status == DEV_CLOSED) {
			out->closed++;
			if (r->closed_at >= r->reported_at && r->closed_at > 0)
				days[ndays++] = (double)(r->closed_at -
				    r->reported_at) / 86400.0;
		} else if (r->status == DEV_NEW)
			out->open++;
		else
			out->in_progress++;
		out->overdue += r->overdue ? 1 : 0;
		if (by == NULL)
			continue;
		rc = 0;
		if (strcmp(by, "category") == 0) {
			if (r->code != NULL)
				rc = tally_add(ctx, &t, r->code, r->name);
			else
				rc = tally_add(ctx, &t, "improvement",
				    _("Improvement proposal"));
		} else if (strcmp(by, "status") == 0)
			rc = tally_add(ctx, &t, g, group_label(g));
		else if (strcmp(by, "kind") == 0)
			rc = tally_add(ctx, &t, dev_kind_name(r->kind),
			    kind_label(r->kind));
		else if (strcmp(by, "month") == 0) {
			if (date_key(f->by_occurred && r->occurred_at > 0 ?
			    r->occurred_at : r->reported_at, DATE_MONTH,
			    key) != 0)
				continue;
			rc = tally_add(ctx, &t, key, key);
		} else {
			int64_t b = bucket_unit(units, nunits, r->unit_id,
			    f->unit_id);

			if (b <= 0)
				continue;
			snprintf(key, sizeof(key), "%lld", (long long)b);
			rc = tally_add(ctx, &t, key, unit_name(units, nunits, b));
		}
		if (rc != 0)
			return DB_ERR;
	}
	if (ndays > 0) {
		qsort(days, ndays, sizeof(*days), cmp_double);
		out->median_days_to_close = ndays % 2 ? days[ndays / 2] :
		    (days[ndays / 2 - 1] + days[ndays / 2]) / 2.0;
	}
	if (t.n > 1 && sort != 0)
		qsort(t.v, t.n, sizeof(*t.v), sort == 2 ? cmp_key : cmp_count);
	out->rows = t.v;
	out->nrows = t.n;
	return 0;
}

int64_t
deviation_count(struct ctx *ctx)
{
	struct dbstmt	*st;
	int64_t		 n = -1;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DEVIATION_COUNT,
	    &st) != DB_OK)
		return -1;
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return n;
}
