/* items.c: the occurrences of the wheel's tasks in a span of days, with
 * what became of each. Occurrences are computed from the rules (rule.c);
 * only what happened to one is stored (wheel_occurrences). */
#include "wheel/wheel.h"

#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "wheel/wheel_int.h"

#define ITEMS_MAX	5000
#define PER_TASK_MAX	400	/* a weekly task over a few years */

static const char SQL_RECORDED[] =
    "SELECT task_id, due_on, outcome, done_by, done_at, note, file_name,"
    " file_type, file_size FROM wheel_occurrences WHERE tenant_id = $1 AND due_on >= $2"
    " AND due_on <= $3 AND outcome IS NOT NULL";

struct recorded {
	int64_t		 task_id, due_on, done_by, done_at;
	int		 outcome;
	const char	*note, *file_name, *file_type;
	int64_t		 file_size;
};

static int
load_recorded(struct ctx *ctx, int64_t from, int64_t to, struct recorded **out,
    size_t *n)
{
	struct dbstmt	*st;
	struct recorded	*v = NULL, *r;
	size_t		 len = 0, cap = 0;
	char		 f[11], t[11];
	const char	*s;
	int		 rc;

	wheel_day_iso(from, f);
	wheel_day_iso(to, t);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RECORDED,
	    &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, f);
	db_bind_text(st, 3, t);
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		r = &v[len];
		r->task_id = db_col_int(st, 0);
		if (wheel_day_parse(db_col_text(st, 1), &r->due_on) != 0)
			continue;
		s = db_col_text(st, 2);
		r->outcome = s != NULL && strcmp(s, "skipped") == 0 ? WO_SKIPPED :
		    WO_DONE;
		r->done_by = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
		r->done_at = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
		r->note = arena_strdup(ctx->arena, db_col_text(st, 5));
		r->file_name = arena_strdup(ctx->arena, db_col_text(st, 6));
		r->file_type = arena_strdup(ctx->arena, db_col_text(st, 7));
		r->file_size = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	*n = len;
	return 0;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct wheel_item *x = a, *y = b;
	int c;

	if (x->due_on != y->due_on)
		return x->due_on < y->due_on ? -1 : 1;
	if ((c = strcmp(x->task->title, y->task->title)) != 0)
		return c;
	return x->task->id < y->task->id ? -1 : x->task->id > y->task->id;
}

/* The name of person id (cached over the few that did something). */
static const char *
name_of(struct ctx *ctx, int64_t id, const struct wheel_item *v, size_t n)
{
	struct person	p;
	size_t		i;

	for (i = 0; i < n; i++)
		if (v[i].done_by_id == id && v[i].done_by != NULL)
			return v[i].done_by;
	return org_person_get(ctx, id, &p) == 0 ? p.name : NULL;
}

static int
in_scope(struct ctx *ctx, enum wheel_scope scope, int64_t unit_id,
    const struct wheel_task *t)
{
	switch (scope) {
	case WS_MINE:
		return wheel_assigned(ctx, t);
	case WS_UNIT:
		if (unit_id == 0)
			return 1;
		return t->unit_id != 0 && org_unit_within(ctx, t->unit_id, unit_id);
	case WS_ALL:
	default:
		return 1;
	}
}

int
wheel_items(struct ctx *ctx, enum wheel_scope scope, int64_t unit_id,
    int64_t from, int64_t to, struct wheel_item **out, size_t *n)
{
	struct wheel_task	*tasks;
	struct wheel_item	*v = NULL, *it;
	struct recorded		*rec = NULL;
	int64_t			 days[PER_TASK_MAX], today;
	size_t			 ntasks, nrec = 0, len = 0, cap = 0, i, j, k;
	long			 nd;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = wheel_task_list(ctx, &tasks, &ntasks)) != 0)
		return rc;
	if ((rc = load_recorded(ctx, from, to, &rec, &nrec)) != 0)
		return rc;
	today = wheel_day_of(ctx->now);
	for (i = 0; i < ntasks; i++) {
		if (!in_scope(ctx, scope, unit_id, &tasks[i]))
			continue;
		nd = wheel_rule_between(&tasks[i].rule,
		    from > tasks[i].starts_on ? from : tasks[i].starts_on, to,
		    days, PER_TASK_MAX);
		if (nd > PER_TASK_MAX)
			nd = PER_TASK_MAX;
		for (j = 0; nd > 0 && j < (size_t)nd && len < ITEMS_MAX; j++) {
			if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v)) != 0)
				return DB_ERR;
			it = &v[len++];
			memset(it, 0, sizeof(*it));
			it->task = &tasks[i];
			it->due_on = days[j];
			for (k = 0; k < nrec; k++)
				if (rec[k].task_id == tasks[i].id &&
				    rec[k].due_on == days[j]) {
					it->outcome = rec[k].outcome;
					it->done_at = rec[k].done_at;
					it->note = rec[k].note;
					it->file_name = rec[k].file_name;
					it->file_type = rec[k].file_type;
					it->file_size = rec[k].file_size;
					it->done_by_id = rec[k].done_by;
				}
			it->overdue = it->outcome == WO_OPEN && days[j] < today;
		}
	}
	/* Names of who did what, looked up once per person. */
	for (i = 0; i < len; i++)
		if (v[i].done_by_id != 0)
			v[i].done_by = name_of(ctx, v[i].done_by_id, v, i);
	if (len > 1)
		qsort(v, len, sizeof(*v), item_cmp);
	*out = v;
	*n = len;
	return 0;
}

int
wheel_mine(struct ctx *ctx, struct wheel_item **out, size_t *n)
{
	struct wheel_item	*v;
	size_t			 nv, i, k = 0;
	int64_t			 today = wheel_day_of(ctx->now);
	int			 rc, keep;

	*out = NULL;
	*n = 0;
	if ((rc = wheel_items(ctx, WS_MINE, 0, today - 366, today + WHEEL_LEAD_MAX,
	    &v, &nv)) != 0)
		return rc;
	for (i = 0; i < nv; i++) {
		if (v[i].outcome == WO_OPEN)
			keep = v[i].overdue ||
			    v[i].due_on - v[i].task->lead_days <= today;
		else
			keep = v[i].done_at >= ctx->now - 30 * 86400;
		if (keep)
			v[k++] = v[i];
	}
	*out = v;
	*n = k;
	return 0;
}
