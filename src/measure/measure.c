/* measure.c: the table `measures` — reading a subject's measures, adding
 * one, marking one started or done, and a person's open ones across every
 * subject ("Mine tiltak"). Access and the subject's state are its
 * module's business (deviation/actions.c, risk/, ...); this file only
 * keeps the rows. */
#include "measure/measure.h"

#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

static const char *const subject_names[MS_MAX] = {
	[MS_DEVIATION]			= "deviation",
	[MS_RISK]			= "risk",
	[MS_AUDIT_RECOMMENDATION]	= "audit_recommendation",
};
static const char *const status_names[MEASURE_STATUS_MAX] = {
	[MEASURE_OPEN]		= "open",
	[MEASURE_STARTED]	= "started",
	[MEASURE_DONE]		= "done",
};

#define MEASURE_COLS \
    "m.id, m.subject_kind, m.subject_id, m.text, m.responsible_id, p.name," \
    " m.due_at, m.done_at, m.status, m.done_note, m.done_by, p.active"
#define MEASURE_FROM \
    " FROM measures m LEFT JOIN people p ON p.id = m.responsible_id" \
    " AND p.tenant_id = m.tenant_id"

static const char SQL_LIST[] =
    "SELECT " MEASURE_COLS MEASURE_FROM
    " WHERE m.tenant_id = $1 AND m.subject_kind = $2 AND m.subject_id = $3"
    " ORDER BY m.id";
static const char SQL_ONE[] =
    "SELECT " MEASURE_COLS MEASURE_FROM
    " WHERE m.tenant_id = $1 AND m.subject_kind = $2 AND m.subject_id = $3"
    " AND m.id = $4";
static const char SQL_OWNER[] =
    "SELECT 1 FROM measures WHERE tenant_id = $1 AND subject_kind = $2"
    " AND subject_id = $3 AND responsible_id = $4 LIMIT 1";
static const char SQL_INSERT[] =
    "INSERT INTO measures (tenant_id, subject_kind, subject_id, text,"
    " responsible_id, due_at, status, created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8) RETURNING id";
static const char SQL_DONE[] =
    "UPDATE measures SET status = 'done', done_at = $5, done_note = $6,"
    " done_by = $7 WHERE tenant_id = $1 AND subject_kind = $2"
    " AND subject_id = $3 AND id = $4";
static const char SQL_STARTED[] =
    "UPDATE measures SET status = $5 WHERE tenant_id = $1"
    " AND subject_kind = $2 AND subject_id = $3 AND id = $4";
/* A new owner is reminded afresh: the mark of a reminder sent was the
 * old owner's. */
static const char SQL_SET_OWNER[] =
    "UPDATE measures SET responsible_id = $5, remind_noticed_at = NULL"
    " WHERE tenant_id = $1 AND subject_kind = $2 AND subject_id = $3"
    " AND id = $4";
/* Not done, soonest due first; closed subjects are left off afterwards,
 * so this reads a few more than it shows. */
static const char SQL_MINE[] =
    "SELECT " MEASURE_COLS MEASURE_FROM
    " WHERE m.tenant_id = $1 AND m.responsible_id = $2 AND m.done_at IS NULL"
    " ORDER BY CASE WHEN m.due_at IS NULL THEN 1 ELSE 0 END, m.due_at, m.id"
    " LIMIT 1000";

const char *
measure_subject_name(enum measure_subject s)
{
	return (int)s >= 0 && s < MS_MAX ? subject_names[s] : "";
}

enum measure_subject
measure_subject_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < MS_MAX; i++)
		if (strcmp(subject_names[i], s) == 0)
			return (enum measure_subject)i;
	return MS_MAX;
}

const char *
measure_status_name(enum measure_status s)
{
	return (int)s >= 0 && s < MEASURE_STATUS_MAX ? status_names[s] : "";
}

static enum measure_status
status_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < MEASURE_STATUS_MAX; i++)
		if (strcmp(status_names[i], s) == 0)
			return (enum measure_status)i;
	return MEASURE_OPEN;
}


/* The MEASURE_COLS of a row. */
static int
fill(struct ctx *ctx, struct dbstmt *st, struct measure *m)
{
	memset(m, 0, sizeof(*m));
	m->id = db_col_int(st, 0);
	m->subject = measure_subject_parse(db_col_text(st, 1));
	m->subject_id = db_col_int(st, 2);
	m->text = arena_strdup(ctx->arena, db_col_text(st, 3));
	m->responsible_id = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
	m->responsible_name = db_col_is_null(st, 5) ? NULL :
	    arena_strdup(ctx->arena, db_col_text(st, 5));
	m->due_at = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
	m->done_at = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
	m->status = status_parse(db_col_text(st, 8));
	m->done_note = db_col_is_null(st, 9) ? NULL :
	    arena_strdup(ctx->arena, db_col_text(st, 9));
	m->done_by = db_col_is_null(st, 10) ? 0 : db_col_int(st, 10);
	m->responsible_active = !db_col_is_null(st, 11) &&
	    db_col_int(st, 11) != 0;
	return m->text == NULL ? DB_ERR : 0;
}

/* $2, $3: the subject. */
static int
prepare(struct ctx *ctx, const char *sql, enum measure_subject kind,
    int64_t subject_id, struct dbstmt **st)
{
	int rc;

	if ((int)kind < 0 || kind >= MS_MAX)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, st)) != DB_OK)
		return rc;
	db_bind_text(*st, 2, subject_names[kind]);
	db_bind_int(*st, 3, subject_id);
	return 0;
}

int
measure_list(struct ctx *ctx, enum measure_subject kind, int64_t subject_id,
    struct measure **out, size_t *n)
{
	struct dbstmt	*st;
	struct measure	*v = NULL;
	size_t		 len = 0, cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(ctx, SQL_LIST, kind, subject_id, &st)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			goto out;
		}
		if ((rc = fill(ctx, st, &v[len++])) != 0)
			goto out;
	}
	if (rc != DB_DONE)
		goto out;
	rc = 0;
	*out = v;
	*n = len;
out:
	db_reset(st);
	return rc < 0 ? rc : (rc == 0 ? 0 : DB_ERR);
}

int
measure_get(struct ctx *ctx, enum measure_subject kind, int64_t subject_id,
    int64_t measure_id, struct measure *out)
{
	struct dbstmt	*st;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = prepare(ctx, SQL_ONE, kind, subject_id, &st)) != 0)
		return rc;
	db_bind_int(st, 4, measure_id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = fill(ctx, st, out);
	else
		rc = rc == DB_DONE ? MEASURE_ERR_NOTFOUND : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	return rc;
}

int
measure_owner(struct ctx *ctx, enum measure_subject kind, int64_t subject_id,
    int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if (subject_id <= 0 || person_id <= 0)
		return 0;
	if ((rc = prepare(ctx, SQL_OWNER, kind, subject_id, &st)) != 0)
		return rc;
	db_bind_int(st, 4, person_id);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

static int64_t
actor(const struct ctx *ctx)
{
	return ctx->user != NULL ? ctx->user->id : 0;
}

static void
bind_opt(struct dbstmt *st, int idx, int64_t v)
{
	if (v > 0)
		db_bind_int(st, idx, v);
	else
		db_bind_null(st, idx);
}

int
measure_add(struct ctx *ctx, enum measure_subject kind, int64_t subject_id,
    const char *text, int64_t responsible_id, int64_t due_at, int64_t *id_out)
{
	struct dbstmt	*st;
	int64_t		 id = 0;
	int		 rc;

	if (text == NULL)
		return DB_ERR;
	if (due_at <= 0)
		return MEASURE_ERR_DUE;
	if (due_at < date_start_of(ctx->now, DATE_DAY))
		return MEASURE_ERR_PAST;
	if ((rc = prepare(ctx, SQL_INSERT, kind, subject_id, &st)) != 0)
		return rc;
	db_bind_text(st, 4, text);
	bind_opt(st, 5, responsible_id);
	bind_opt(st, 6, due_at);
	db_bind_int(st, 7, ctx->now);
	bind_opt(st, 8, actor(ctx));
	rc = db_step(st);
	if (rc == DB_ROW) {
		id = db_col_int(st, 0);
		if (id_out != NULL)
			*id_out = id;
		rc = 0;
	} else
		rc = rc < 0 ? rc : DB_ERR;
	db_reset(st);
	if (rc == 0)
		rc = measure_webhook(ctx, kind, subject_id, id, ME_ADDED);
	return rc;
}

/* 0 when the measure is the subject's and not done yet. */
static int
not_done(struct ctx *ctx, enum measure_subject kind,
    int64_t subject_id, int64_t measure_id)
{
	struct measure	m;
	int		rc;

	if ((rc = measure_get(ctx, kind, subject_id, measure_id, &m)) != 0)
		return rc;
	return m.status == MEASURE_DONE ? MEASURE_ERR_STATE : 0;
}

int
measure_complete(struct ctx *ctx, enum measure_subject kind,
    int64_t subject_id, int64_t measure_id, const char *note)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = not_done(ctx, kind, subject_id, measure_id)) != 0)
		return rc;
	if ((rc = prepare(ctx, SQL_DONE, kind, subject_id, &st)) != 0)
		return rc;
	db_bind_int(st, 4, measure_id);
	db_bind_int(st, 5, ctx->now);
	db_bind_text(st, 6, note);
	bind_opt(st, 7, actor(ctx));
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	return measure_webhook(ctx, kind, subject_id, measure_id, ME_COMPLETED);
}

int
measure_set_started(struct ctx *ctx, enum measure_subject kind,
    int64_t subject_id, int64_t measure_id, int started)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = not_done(ctx, kind, subject_id, measure_id)) != 0)
		return rc;
	if ((rc = prepare(ctx, SQL_STARTED, kind, subject_id, &st)) != 0)
		return rc;
	db_bind_int(st, 4, measure_id);
	db_bind_text(st, 5, status_names[started ? MEASURE_STARTED :
	    MEASURE_OPEN]);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
measure_set_owner(struct ctx *ctx, enum measure_subject kind,
    int64_t subject_id, int64_t measure_id, int64_t responsible_id)
{
	struct dbstmt	*st;
	int		 rc;

	if (responsible_id <= 0)
		return DB_ERR;
	if ((rc = not_done(ctx, kind, subject_id, measure_id)) != 0)
		return rc;
	if ((rc = prepare(ctx, SQL_SET_OWNER, kind, subject_id, &st)) != 0)
		return rc;
	db_bind_int(st, 4, measure_id);
	db_bind_int(st, 5, responsible_id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
measure_mine(struct ctx *ctx, int64_t person_id, struct my_measure **out,
    size_t *n)
{
	struct dbstmt		*st;
	struct measure		*all = NULL;
	struct my_measure	*v = NULL, *m;
	size_t			 len = 0, cap = 0, nall = 0, acap = 0, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MINE, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&all, nall, &acap, sizeof(*all))
		    != 0) {
			rc = DB_ERR;
			break;
		}
		if ((rc = fill(ctx, st, &all[nall++])) != 0)
			break;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	/* The statement is done before the subjects are asked: one open
	 * statement per connection at a time on every backend. */
	for (i = 0; i < nall && len < MEASURE_MINE_MAX; i++) {
		if (all[i].subject >= MS_MAX || measure_subjects[all[i].subject]
		    == NULL)
			continue;
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v)) != 0)
			return DB_ERR;
		m = &v[len];
		memset(m, 0, sizeof(*m));
		m->m = all[i];
		rc = measure_subjects[all[i].subject](ctx, all[i].subject_id, m);
		if (rc == 1)
			len++;
		else if (rc != 0 && rc != MEASURE_ERR_NOTFOUND)
			return rc;
	}
	*out = v;
	*n = len;
	return 0;
}
