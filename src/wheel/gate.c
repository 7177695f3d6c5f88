/* gate.c: wheel_do, the one door every change to the wheel goes through
 * (wheel.h): access (authz_wheel_can), then the input, then the change
 * with its audit row in one transaction. The faces translate HTTP to this
 * call and its result to a page or JSON. */
#include "wheel/wheel.h"

#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/text.h"
#include "wheel/wheel_int.h"

#define GATE_DENIED	-90

static const char SQL_INSERT_TASK[] =
    "INSERT INTO wheel_tasks (tenant_id, title, description, freq, month, day,"
    " week, weekday, unit_id, role, person_id, lead_days, starts_on, active,"
    " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
    " $11, $12, $13, 1, $14, $15) RETURNING id";
static const char SQL_STOP_TASK[] =
    "UPDATE wheel_tasks SET active = 0 WHERE tenant_id = $1 AND id = $2"
    " AND active = 1";
static const char SQL_EDIT_TASK[] =
    "UPDATE wheel_tasks SET title = $3, description = $4, freq = $5,"
    " month = $6, day = $7, week = $8, weekday = $9, unit_id = $10,"
    " role = $11, person_id = $12, lead_days = $13"
    " WHERE tenant_id = $1 AND id = $2 AND active = 1";
static const char SQL_OCC_STATE[] =
    "SELECT outcome FROM wheel_occurrences WHERE tenant_id = $1"
    " AND task_id = $2 AND due_on = $3";
static const char SQL_OCC_INSERT[] =
    "INSERT INTO wheel_occurrences (tenant_id, task_id, due_on, outcome,"
    " done_by, done_at, note, file_name, file_type, file_size, file_sha256,"
    " file_data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
static const char SQL_OCC_UPDATE[] =
    "UPDATE wheel_occurrences SET outcome = $4, done_by = $5, done_at = $6,"
    " note = $7, file_name = $8, file_type = $9, file_size = $10,"
    " file_sha256 = $11, file_data = $12"
    " WHERE tenant_id = $1 AND task_id = $2 AND due_on = $3"
    " AND outcome IS NULL";

static const char *const action_names[WHA_MAX] = {
	[WHA_CREATE] = "create",
	[WHA_DONE] = "done",
	[WHA_SKIP] = "skip",
	[WHA_STOP] = "stop",
	[WHA_EDIT] = "edit",
};

const char *
wheel_action_name(enum wheel_action a)
{
	return (int)a >= 0 && a < WHA_MAX ? action_names[a] : NULL;
}

int
wheel_action_parse(const char *s, enum wheel_action *out)
{
	int i = text_index(action_names, WHA_MAX, s);

	if (i < 0)
		return -1;
	*out = (enum wheel_action)i;
	return 0;
}

static size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static int
invalid(struct wheel_result *out, const char *field, const char *why)
{
	out->field = field;
	out->why = why;
	return WHEEL_ERR_INVALID;
}

/* The new task from in, checked; *t filled for the access question. */
static int
create_check(struct ctx *ctx, const struct wheel_input *in,
    struct wheel_task *t, struct wheel_result *out)
{
	const char	*field, *why;
	struct unit	 u;
	struct person	 p;

	if (text_blank(in->title) || utf8_len(in->title) > WHEEL_TITLE_MAX)
		return invalid(out, "title",
		    N_("Write a short title (at most 200 characters)."));
	if (in->rule.freq == WF_MAX)
		return invalid(out, "freq", N_("Choose how often the task recurs."));
	if (wheel_rule_check(&in->rule, &field, &why) != 0)
		return invalid(out, field, why);
	/* A closed unit has no role holders left (org/close.c). */
	if (in->unit_id != 0 && (org_unit_get(ctx, in->unit_id, &u) != 0 ||
	    u.closed_at != 0))
		return invalid(out, "unit_id", N_("Choose a unit from the list."));
	if (in->role >= 0 && in->person_login != NULL)
		return invalid(out, "person",
		    N_("Assign the task to a role or to a person, not both."));
	if (in->role < 0 && in->person_login == NULL)
		return invalid(out, "role",
		    N_("Assign the task to a role in a unit or to a person."));
	if (in->role >= 0 && role_is_scoped((enum role)in->role) &&
	    in->unit_id == 0)
		return invalid(out, "unit_id",
		    N_("Choose the unit whose role holders do the task."));
	if (in->person_login != NULL) {
		if (org_person_by_login(ctx, in->person_login, &p) != 0 ||
		    !p.active)
			return invalid(out, "person",
			    N_("No active person has that login."));
		t->person_id = p.id;
	}
	t->title = in->title;
	t->description = in->description;
	t->rule = in->rule;
	t->unit_id = in->unit_id;
	t->role = in->role;
	t->lead_days = in->lead_days >= 0 ? in->lead_days : 14;
	t->starts_on = in->starts_on >= 0 ? in->starts_on :
	    wheel_day_of(ctx->now);
	t->active = 1;
	return 0;
}

static int
create(struct ctx *ctx, struct wheel_task *t, int64_t *id)
{
	struct dbstmt	*st;
	char		 starts[11];
	int		 rc;

	wheel_day_iso(t->starts_on, starts);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_INSERT_TASK,
	    &st)) != DB_OK)
		return rc;
	wheel_task_bind(st, 2, t);
	db_bind_text(st, 13, starts);
	if (ctx->user != NULL)
		db_bind_int(st, 14, ctx->user->id);
	else
		db_bind_null(st, 14);
	db_bind_int(st, 15, ctx->now);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		rc = 0;
	}
	db_reset(st);
	if (rc != 0)
		return rc < 0 ? rc : DB_ERR;
	return audit_append(ctx, "wheel_task_create", "wheel_task", *id,
	    wheel_freq_name(t->rule.freq));
}

/* Done or skipped: one row per occurrence, written once. */
static int
settle(struct ctx *ctx, const struct wheel_task *t,
    const struct wheel_input *in, struct wheel_result *out)
{
	struct dbstmt		*st;
	struct wheel_file	 f;
	const char		*why = NULL;
	int64_t			 hit;
	char			 due[11];
	int			 rc, exists = 0, open = 0;

	if (in->due_on < 0)
		return invalid(out, "due_on",
		    N_("Say which occurrence: its due date, as YYYY-MM-DD."));
	if (in->due_on < t->starts_on ||
	    wheel_rule_between(&t->rule, in->due_on, in->due_on, &hit, 1) != 1)
		return invalid(out, "due_on",
		    N_("The task is not due on that date."));
	if (in->action == WHA_SKIP && text_blank(in->note))
		return invalid(out, "note", N_("Say why it was skipped."));
	if ((rc = wheel_file_check(ctx, in, &f, &why)) != 0)
		return rc == WHEEL_ERR_INVALID ? invalid(out, "file", why) : rc;
	if (in->action == WHA_SKIP && f.data != NULL)
		return invalid(out, "file", N_("A file goes with \"done\", not with \"skip\"."));
	wheel_day_iso(in->due_on, due);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_OCC_STATE,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, t->id);
	db_bind_text(st, 3, due);
	if ((rc = db_step(st)) == DB_ROW) {
		exists = 1;
		open = db_col_is_null(st, 0);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if (exists && !open)
		return WHEEL_ERR_STATE;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    exists ? SQL_OCC_UPDATE : SQL_OCC_INSERT, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, t->id);
	db_bind_text(st, 3, due);
	db_bind_text(st, 4, in->action == WHA_SKIP ? "skipped" : "done");
	if (ctx->user != NULL)
		db_bind_int(st, 5, ctx->user->id);
	else
		db_bind_null(st, 5);
	db_bind_int(st, 6, ctx->now);
	db_bind_text(st, 7, text_blank(in->note) ? NULL : in->note);
	db_bind_text(st, 8, f.name);
	db_bind_text(st, 9, f.type);
	if (f.data != NULL) {
		db_bind_int(st, 10, (int64_t)f.len);
		db_bind_blob(st, 12, f.data, f.len);
	} else {
		db_bind_null(st, 10);
		db_bind_null(st, 12);
	}
	db_bind_text(st, 11, f.sha256);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc == DB_CONSTRAINT ? WHEEL_ERR_STATE : rc < 0 ? rc : DB_ERR;
	/* The file's digest in the audit row: what was handed in is
	 * provable later without the file in the log. */
	return audit_append(ctx, in->action == WHA_SKIP ? "wheel_skip" :
	    "wheel_done", "wheel_task", t->id, f.sha256 != NULL ?
	    arena_printf(ctx->arena, "%s sha256:%s", due, f.sha256) : due);
}

/* Step an UPDATE of a task that must still be active: 0, WHEEL_ERR_STATE
 * when it changed nothing (the task had ended), or an error. */
static int
update_active(struct ctx *ctx, struct dbstmt *st)
{
	int rc = db_step(st);

	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	return db_changes(ctx->conn) == 0 ? WHEEL_ERR_STATE : 0;
}

static int
stop(struct ctx *ctx, const struct wheel_task *t)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_STOP_TASK,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, t->id);
	if ((rc = update_active(ctx, st)) != 0)
		return rc;
	return audit_append(ctx, "wheel_task_stop", "wheel_task", t->id, NULL);
}

/* The task as in would leave it: what is not given stays as it is (the
 * assignee with its unit). 0 or an error. */
static int
edit_merge(struct ctx *ctx, const struct wheel_task *t,
    const struct wheel_input *in, struct wheel_input *m)
{
	struct person	p;
	int		rc;

	*m = *in;
	if (in->title == NULL)
		m->title = t->title;
	if (in->description == NULL)
		m->description = t->description;
	if (in->rule.freq == WF_MAX)
		m->rule = t->rule;
	if (in->lead_days < 0)
		m->lead_days = t->lead_days;
	m->starts_on = t->starts_on;
	/* No unit given: the same one (the municipality as a whole is only
	 * given by creating the task there). */
	if (in->unit_id == 0)
		m->unit_id = t->unit_id;
	/* An empty field of the form is "as now". */
	if (text_blank(in->person_login))
		m->person_login = NULL;
	if (in->role >= 0 || m->person_login != NULL)
		return 0;
	m->unit_id = t->unit_id;
	m->role = t->role;
	if (t->person_id != 0) {
		if ((rc = org_person_get(ctx, t->person_id, &p)) != 0)
			return rc;
		m->person_login = p.login;
	}
	return 0;
}

static int
edit(struct ctx *ctx, const struct wheel_task *t, const struct wheel_input *in,
    struct wheel_result *out)
{
	struct wheel_input	 m;
	struct wheel_task	 nt;
	struct dbstmt		*st;
	int			 rc;

	memset(&nt, 0, sizeof(nt));
	if ((rc = edit_merge(ctx, t, in, &m)) != 0)
		return rc;
	if ((rc = create_check(ctx, &m, &nt, out)) != 0)
		return rc;
	/* Moving it to another unit needs the right there too. */
	if (!authz_wheel_can(ctx, AZ_WHEEL_MANAGE, &nt))
		return GATE_DENIED;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_EDIT_TASK,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, t->id);
	wheel_task_bind(st, 3, &nt);
	if ((rc = update_active(ctx, st)) != 0)
		return rc;
	return audit_append(ctx, "wheel_task_edit", "wheel_task", t->id, NULL);
}

static int
gate_in_tx(struct ctx *ctx, int64_t *id, const struct wheel_input *in,
    struct wheel_result *out)
{
	struct wheel_task	*t = &out->task;
	int			 rc;

	if (in->action == WHA_CREATE) {
		struct unit u;

		/* Access first, on the unit asked for (which must be one: the
		 * unit tree is no secret), so that a refusal does not depend
		 * on whether the rest of the form was right. */
		if (in->unit_id != 0 && org_unit_get(ctx, in->unit_id, &u) != 0)
			return invalid(out, "unit_id", N_("Choose a unit from the list."));
		t->unit_id = in->unit_id;
		t->role = -1;
		if (!authz_wheel_can(ctx, AZ_WHEEL_MANAGE, t))
			return GATE_DENIED;
		if (in->bad_field != NULL)
			return invalid(out, in->bad_field, in->bad_why);
		if ((rc = create_check(ctx, in, t, out)) != 0)
			return rc;
		return create(ctx, t, id);
	}
	if ((rc = wheel_task_get(ctx, *id, t)) != 0)
		return rc;
	if (!authz_wheel_can(ctx, AZ_WHEEL_VIEW, t))
		return WHEEL_ERR_NOTFOUND;
	switch (in->action) {
	case WHA_DONE:
	case WHA_SKIP:
		if (!authz_wheel_can(ctx, AZ_WHEEL_DO, t))
			return GATE_DENIED;
		if (in->bad_field != NULL)
			return invalid(out, in->bad_field, in->bad_why);
		if (!t->active)
			return WHEEL_ERR_STATE;
		return settle(ctx, t, in, out);
	case WHA_STOP:
		if (!authz_wheel_can(ctx, AZ_WHEEL_MANAGE, t))
			return GATE_DENIED;
		return stop(ctx, t);
	case WHA_EDIT:
		if (!authz_wheel_can(ctx, AZ_WHEEL_MANAGE, t))
			return GATE_DENIED;
		if (in->bad_field != NULL)
			return invalid(out, in->bad_field, in->bad_why);
		if (!t->active)
			return WHEEL_ERR_STATE;
		return edit(ctx, t, in, out);
	default:
		if (!authz_wheel_can(ctx, AZ_WHEEL_DO, t))
			return GATE_DENIED;
		return invalid(out, "action", N_("Unknown action."));
	}
}

int
wheel_do(struct ctx *ctx, int64_t task_id, const struct wheel_input *in,
    struct wheel_result *out)
{
	int64_t	id = task_id;
	int	rc, own;

	if (out == NULL)
		return -1;
	memset(out, 0, sizeof(*out));
	out->outcome = WR_FAILED;
	if (in == NULL)
		return 0;
	if (db_tx_join(ctx->conn, &own) != 0)
		return 0;
	rc = gate_in_tx(ctx, &id, in, out);
	rc = db_tx_finish(ctx->conn, own, rc);
	switch (rc) {
	case 0:
		out->outcome = WR_OK;
		break;
	case WHEEL_ERR_NOTFOUND:
		out->outcome = WR_NOT_FOUND;
		return 0;
	case GATE_DENIED:
		out->outcome = WR_FORBIDDEN;
		return 0;
	case WHEEL_ERR_INVALID:
		out->outcome = WR_INVALID;
		return 0;
	case WHEEL_ERR_STATE:
		out->outcome = WR_CONFLICT;
		break;
	default:
		return 0;
	}
	if (wheel_task_get(ctx, id, &out->task) != 0)
		out->outcome = WR_FAILED;
	return 0;
}
