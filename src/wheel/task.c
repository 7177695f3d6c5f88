/* task.c: reading the wheel's tasks. Names of units and people come from
 * org/ (its functions), never from a join on its tables. */
#include "wheel/wheel.h"

#include <string.h>

#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "wheel/wheel_int.h"

static const char SQL_TASK[] =
    "SELECT " WHEEL_TASK_COLS " FROM wheel_tasks WHERE tenant_id = $1 AND id = $2";
static const char SQL_TASKS[] =
    "SELECT " WHEEL_TASK_COLS " FROM wheel_tasks WHERE tenant_id = $1"
    " AND active = 1 ORDER BY title, id";

int
wheel_task_fill(struct ctx *ctx, struct dbstmt *st, struct wheel_task *t)
{
	enum wheel_freq	 f;
	enum role	 r;
	const char	*s;

	memset(t, 0, sizeof(*t));
	t->id = db_col_int(st, 0);
	t->title = arena_strdup(ctx->arena, db_col_text(st, 1));
	t->description = arena_strdup(ctx->arena, db_col_text(st, 2));
	if (wheel_freq_parse(db_col_text(st, 3), &f) != 0)
		f = WF_MAX;
	t->rule.freq = f;
	t->rule.month = (int)db_col_int(st, 4);
	t->rule.day = (int)db_col_int(st, 5);
	t->rule.week = (int)db_col_int(st, 6);
	t->rule.weekday = (int)db_col_int(st, 7);
	t->unit_id = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
	t->role = (s = db_col_text(st, 9)) != NULL && role_parse(s, &r) == 0 ?
	    (int)r : -1;
	t->person_id = db_col_is_null(st, 10) ? 0 : db_col_int(st, 10);
	t->lead_days = (int)db_col_int(st, 11);
	if (wheel_day_parse(db_col_text(st, 12), &t->starts_on) != 0)
		t->starts_on = 0;
	t->active = (int)db_col_int(st, 13);
	return t->title == NULL ? DB_ERR : 0;
}

void
wheel_task_bind(struct dbstmt *st, int at, const struct wheel_task *t)
{
	db_bind_text(st, at, t->title);
	db_bind_text(st, at + 1, t->description);
	db_bind_text(st, at + 2, wheel_freq_name(t->rule.freq));
	db_bind_int(st, at + 3, t->rule.month);
	db_bind_int(st, at + 4, t->rule.day);
	db_bind_int(st, at + 5, t->rule.week);
	db_bind_int(st, at + 6, t->rule.weekday);
	if (t->unit_id != 0)
		db_bind_int(st, at + 7, t->unit_id);
	else
		db_bind_null(st, at + 7);
	db_bind_text(st, at + 8, t->role >= 0 ? role_name((enum role)t->role) :
	    NULL);
	if (t->person_id != 0)
		db_bind_int(st, at + 9, t->person_id);
	else
		db_bind_null(st, at + 9);
	db_bind_int(st, at + 10, t->lead_days);
}

int
wheel_task_names(struct ctx *ctx, struct wheel_task *v, size_t n)
{
	struct unit	*units = NULL;
	struct person	 p;
	size_t		 nunits = 0, i, j, k;
	int		 rc;

	if (n == 0)
		return 0;
	if ((rc = org_unit_list(ctx, &units, &nunits)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		for (k = 0; k < nunits; k++)
			if (units[k].id == v[i].unit_id)
				v[i].unit_name = units[k].name;
		if (v[i].person_id == 0)
			continue;
		for (j = 0; j < i; j++)
			if (v[j].person_id == v[i].person_id)
				v[i].person_name = v[j].person_name;
		if (v[i].person_name == NULL &&
		    org_person_get(ctx, v[i].person_id, &p) == 0)
			v[i].person_name = p.name;
	}
	return 0;
}

int
wheel_task_get(struct ctx *ctx, int64_t id, struct wheel_task *out)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TASK, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = wheel_task_fill(ctx, st, out);
	else if (rc == DB_DONE)
		rc = WHEEL_ERR_NOTFOUND;
	db_reset(st);
	if (rc == 0)
		rc = wheel_task_names(ctx, out, 1);
	return rc;
}

int
wheel_task_list(struct ctx *ctx, struct wheel_task **out, size_t *n)
{
	struct dbstmt		*st;
	struct wheel_task	*v = NULL;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TASKS, &st))
	    != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		if ((rc = wheel_task_fill(ctx, st, &v[len++])) != 0)
			break;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if ((rc = wheel_task_names(ctx, v, len)) != 0)
		return rc;
	*out = v;
	*n = len;
	return 0;
}

int
wheel_assigned(struct ctx *ctx, const struct wheel_task *t)
{
	size_t i;

	if (ctx->user == NULL)
		return 0;
	if (t->role < 0)
		return t->person_id == ctx->user->id;
	/* A role in a unit: held for exactly that unit, or tenant-wide (the
	 * chief executive's, the quality adviser's). A leader of the sector
	 * above is not the one the school's task is for. */
	for (i = 0; i < ctx->roles.n; i++)
		if ((int)ctx->roles.v[i].role == t->role &&
		    (ctx->roles.v[i].unit_id == t->unit_id ||
		    ctx->roles.v[i].unit_id == 0))
			return 1;
	return 0;
}
