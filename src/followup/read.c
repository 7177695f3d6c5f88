/* read.c: reading the follow-up register. Names of people come from org/,
 * measures from measure/ (their functions, not their tables). */
#include "followup/followup.h"

#include <string.h>

#include "ctx.h"
#include "measure/measure.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "wheel/rule.h"

#define REPORT_COLS "id, title, auditor, report_on, case_no, status_due_on," \
	" status_sent_on, late_reason"
static const char SQL_REPORTS[] =
    "SELECT " REPORT_COLS " FROM followup_reports WHERE tenant_id = $1"
    " ORDER BY report_on DESC, id DESC LIMIT 500";
static const char SQL_REPORT[] =
    "SELECT " REPORT_COLS " FROM followup_reports WHERE tenant_id = $1 AND id = $2";
static const char SQL_COUNTS[] =
    "SELECT count(*), sum(CASE WHEN status = 'closed' THEN 1 ELSE 0 END)"
    " FROM followup_recs WHERE tenant_id = $1 AND report_id = $2";
static const char SQL_RECS[] =
    "SELECT id, letter, text, answer, status, status_note, status_by, status_at,"
    " committee_view, committee_by, committee_at FROM followup_recs"
    " WHERE tenant_id = $1 AND report_id = $2 ORDER BY letter, id";

static const char *const status_names[FS_MAX] = {
	[FS_NOT_STARTED] = "not_started",
	[FS_IN_PROGRESS] = "in_progress",
	[FS_IMPLEMENTED] = "implemented",
	[FS_ASSESSED] = "assessed",
	[FS_CLOSED] = "closed",
};

const char *
followup_status_name(enum followup_status s)
{
	return (int)s >= 0 && s < FS_MAX ? status_names[s] : NULL;
}

int
followup_status_parse(const char *s, enum followup_status *out)
{
	int i;

	for (i = 0; s != NULL && i < FS_MAX; i++)
		if (strcmp(status_names[i], s) == 0) {
			*out = (enum followup_status)i;
			return 0;
		}
	return -1;
}

static int64_t
day_col(struct dbstmt *st, int col)
{
	int64_t d;

	return wheel_day_parse(db_col_text(st, col), &d) == 0 ? d : -1;
}

static int
fill_report(struct ctx *ctx, struct dbstmt *st, struct followup_report *r)
{
	int64_t today = wheel_day_of(ctx->now);

	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->title = arena_strdup(ctx->arena, db_col_text(st, 1));
	r->auditor = arena_strdup(ctx->arena, db_col_text(st, 2));
	r->report_on = day_col(st, 3);
	r->case_no = arena_strdup(ctx->arena, db_col_text(st, 4));
	r->status_due_on = day_col(st, 5);
	r->status_sent_on = day_col(st, 6);
	r->late_reason = arena_strdup(ctx->arena, db_col_text(st, 7));
	r->late = r->status_due_on >= 0 && (r->status_sent_on >= 0 ?
	    r->status_sent_on > r->status_due_on : today > r->status_due_on);
	return r->title == NULL || r->auditor == NULL ? DB_ERR : 0;
}

static int
counts(struct ctx *ctx, struct followup_report *r)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_COUNTS, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, r->id);
	if ((rc = db_step(st)) == DB_ROW) {
		r->nrecs = (int)db_col_int(st, 0);
		r->nclosed = db_col_is_null(st, 1) ? 0 : (int)db_col_int(st, 1);
		rc = 0;
	}
	db_reset(st);
	return rc == 0 ? 0 : rc < 0 ? rc : DB_ERR;
}

int
followup_list(struct ctx *ctx, struct followup_report **out, size_t *n)
{
	struct dbstmt		*st;
	struct followup_report	*v;
	size_t			 len = 0, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((v = arena_alloc(ctx->arena, 500 * sizeof(*v))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_REPORTS, &st))
	    != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW && len < 500)
		if ((rc = fill_report(ctx, st, &v[len++])) != 0)
			break;
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < len; i++)
		if ((rc = counts(ctx, &v[i])) != 0)
			return rc;
	*out = v;
	*n = len;
	return 0;
}

int
followup_get(struct ctx *ctx, int64_t id, struct followup_report *out)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_REPORT, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = fill_report(ctx, st, out);
	else if (rc == DB_DONE)
		rc = FOLLOWUP_ERR_NOTFOUND;
	db_reset(st);
	return rc == 0 ? counts(ctx, out) : rc;
}

static const char *
name_of(struct ctx *ctx, int64_t id)
{
	struct person p;

	return id != 0 && org_person_get(ctx, id, &p) == 0 ? p.name : NULL;
}

int
followup_recs(struct ctx *ctx, int64_t report_id, struct followup_rec **out,
    size_t *n)
{
	struct dbstmt		*st;
	struct followup_rec	*v, *r;
	enum followup_status	 s;
	size_t			 len = 0, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	/* Lettered a-z: a report has at most 26 (twice, for a slip). */
	if ((v = arena_alloc(ctx->arena, 64 * sizeof(*v))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RECS, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, report_id);
	while (len < 64 && (rc = db_step(st)) == DB_ROW) {
		r = &v[len++];
		r->id = db_col_int(st, 0);
		r->letter = arena_strdup(ctx->arena, db_col_text(st, 1));
		r->text = arena_strdup(ctx->arena, db_col_text(st, 2));
		r->answer = arena_strdup(ctx->arena, db_col_text(st, 3));
		r->status = followup_status_parse(db_col_text(st, 4), &s) == 0 ?
		    (int)s : FS_NOT_STARTED;
		r->status_note = arena_strdup(ctx->arena, db_col_text(st, 5));
		r->status_at = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
		r->committee_view = arena_strdup(ctx->arena, db_col_text(st, 8));
		r->committee_at = db_col_is_null(st, 10) ? 0 : db_col_int(st, 10);
		/* Names after the statement: org/ uses the connection too. */
		r->status_by_id = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
		r->committee_by_id = db_col_is_null(st, 9) ? 0 : db_col_int(st, 9);
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < len; i++) {
		v[i].status_by = name_of(ctx, v[i].status_by_id);
		v[i].committee_by = name_of(ctx, v[i].committee_by_id);
		if ((rc = measure_list(ctx, MS_AUDIT_RECOMMENDATION, v[i].id,
		    &v[i].measures, &v[i].nmeasures)) != 0)
			return rc;
	}
	*out = v;
	*n = len;
	return 0;
}
