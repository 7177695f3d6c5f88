/* gate.c: followup_do, the one door every change to the follow-up register
 * goes through: access (authz: the chief executive and the quality
 * adviser manage; the auditor comments and changes nothing else), the
 * input, the change and its audit row in one transaction. Measures are
 * the one measure model's (measure/), added and completed here inside the
 * same transaction. */
#include "followup/followup.h"

#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "measure/measure.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "wheel/rule.h"
#include "util/text.h"

#define GATE_DENIED	-90

static const char SQL_INSERT_REPORT[] =
    "INSERT INTO followup_reports (tenant_id, title, auditor, report_on, case_no,"
    " status_due_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6,"
    " $7, $8) RETURNING id";
static const char SQL_INSERT_REC[] =
    "INSERT INTO followup_recs (tenant_id, report_id, letter, text, status)"
    " VALUES ($1, $2, $3, $4, 'not_started')";
static const char SQL_LETTER_TAKEN[] =
    "SELECT 1 FROM followup_recs WHERE tenant_id = $1 AND report_id = $2"
    " AND letter = $3";
static const char SQL_REC_OF[] =
    "SELECT 1 FROM followup_recs WHERE tenant_id = $1 AND report_id = $2"
    " AND id = $3";
static const char SQL_ANSWER[] =
    "UPDATE followup_recs SET answer = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_STATUS[] =
    "UPDATE followup_recs SET status = $3, status_note = $4, status_by = $5,"
    " status_at = $6 WHERE tenant_id = $1 AND id = $2";
static const char SQL_COMMENT[] =
    "UPDATE followup_recs SET committee_view = $3, committee_by = $4,"
    " committee_at = $5 WHERE tenant_id = $1 AND id = $2";
static const char SQL_SENT[] =
    "UPDATE followup_reports SET status_sent_on = $3 WHERE tenant_id = $1"
    " AND id = $2";
static const char SQL_EXPLAIN[] =
    "UPDATE followup_reports SET late_reason = $3 WHERE tenant_id = $1"
    " AND id = $2";

static const char *const action_names[FA_MAX] = {
	[FA_CREATE] = "create",
	[FA_ADD_REC] = "add_recommendation",
	[FA_ANSWER] = "answer",
	[FA_STATUS] = "status",
	[FA_COMMENT] = "comment",
	[FA_SENT] = "status_sent",
	[FA_EXPLAIN] = "explain_late",
	[FA_ADD_MEASURE] = "add_measure",
	[FA_COMPLETE_MEASURE] = "complete_measure",
};

const char *
followup_action_name(enum followup_action a)
{
	return (int)a >= 0 && a < FA_MAX ? action_names[a] : NULL;
}

int
followup_action_parse(const char *s, enum followup_action *out)
{
	int i = text_index(action_names, FA_MAX, s);

	if (i < 0)
		return -1;
	*out = (enum followup_action)i;
	return 0;
}

static int
invalid(struct followup_result *out, const char *field, const char *why)
{
	out->field = field;
	out->why = why;
	return FOLLOWUP_ERR_INVALID;
}

/* Run sql ($1 tenant, $2 id, then the texts/ints given) expecting no rows. */
static int
exec_upd(struct ctx *ctx, const char *sql, int64_t id, const char *t3,
    const char *t4, int64_t i5, int64_t i6, int nargs)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, t3);
	if (nargs >= 4)
		db_bind_text(st, 4, t4);
	if (nargs >= 5) {
		if (i5 != 0)
			db_bind_int(st, 5, i5);
		else
			db_bind_null(st, 5);
	}
	if (nargs >= 6)
		db_bind_int(st, 6, i6);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : DB_ERR;
}

static int
exists(struct ctx *ctx, const char *sql, int64_t report_id, int64_t id,
    const char *text)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, report_id);
	if (text != NULL)
		db_bind_text(st, 3, text);
	else
		db_bind_int(st, 3, id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : rc < 0 ? rc : DB_ERR;
}

static int
create(struct ctx *ctx, const struct followup_input *in, int64_t *id,
    struct followup_result *out)
{
	struct dbstmt	*st;
	char		 rep[11], due[11];
	int		 rc;

	if (text_blank(in->title))
		return invalid(out, "title", N_("Write the report's title."));
	if (text_blank(in->auditor))
		return invalid(out, "auditor", N_("Name the auditor."));
	if (in->report_on < 0)
		return invalid(out, "report_on",
		    N_("Write a date that exists, as YYYY-MM-DD."));
	wheel_day_iso(in->report_on, rep);
	if (in->status_due_on >= 0)
		wheel_day_iso(in->status_due_on, due);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_INSERT_REPORT,
	    &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, in->title);
	db_bind_text(st, 3, in->auditor);
	db_bind_text(st, 4, rep);
	db_bind_text(st, 5, in->case_no);
	db_bind_text(st, 6, in->status_due_on >= 0 ? due : NULL);
	if (ctx->user != NULL)
		db_bind_int(st, 7, ctx->user->id);
	else
		db_bind_null(st, 7);
	db_bind_int(st, 8, ctx->now);
	rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (*id <= 0)
		return rc < 0 ? rc : DB_ERR;
	return audit_append(ctx, "followup_create", "followup_report", *id, NULL);
}

/* The recommendation in->rec_id of report id, or the answer. */
static int
need_rec(struct ctx *ctx, int64_t id, const struct followup_input *in,
    struct followup_result *out)
{
	int rc;

	if (in->rec_id <= 0)
		return invalid(out, "rec_id", N_("Choose a recommendation."));
	if ((rc = exists(ctx, SQL_REC_OF, id, in->rec_id, NULL)) < 0)
		return rc;
	return rc == 1 ? 0 : invalid(out, "rec_id",
	    N_("That recommendation does not belong to this report."));
}

static int
act(struct ctx *ctx, int64_t id, const struct followup_report *r,
    const struct followup_input *in, struct followup_result *out)
{
	struct person	 p;
	const char	*l = in->letter;
	char		 d[11];
	int64_t		 mid = 0, due = 0;
	int		 rc;

	switch (in->action) {
	case FA_ADD_REC:
		if (l == NULL || strlen(l) != 1 || l[0] < 'a' || l[0] > 'z')
			return invalid(out, "letter",
			    N_("A recommendation is lettered a to z."));
		if (text_blank(in->text))
			return invalid(out, "text",
			    N_("Write the recommendation's text."));
		if ((rc = exists(ctx, SQL_LETTER_TAKEN, id, 0, l)) != 0)
			return rc < 0 ? rc : invalid(out, "letter",
			    N_("The report already has a recommendation with that letter."));
		{
			struct dbstmt *st;

			if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
			    SQL_INSERT_REC, &st)) != DB_OK)
				return rc;
			db_bind_int(st, 2, id);
			db_bind_text(st, 3, l);
			db_bind_text(st, 4, in->text);
			rc = db_step(st);
			db_reset(st);
			if (rc != DB_DONE)
				return rc < 0 ? rc : DB_ERR;
		}
		return audit_append(ctx, "followup_recommendation",
		    "followup_report", id, l);
	case FA_ANSWER:
		if ((rc = need_rec(ctx, id, in, out)) != 0)
			return rc;
		if (text_blank(in->answer))
			return invalid(out, "answer", N_("Write the answer."));
		if ((rc = exec_upd(ctx, SQL_ANSWER, in->rec_id, in->answer, NULL,
		    0, 0, 3)) != 0)
			return rc;
		return audit_append(ctx, "followup_answer", "followup_rec",
		    in->rec_id, NULL);
	case FA_STATUS:
		if ((rc = need_rec(ctx, id, in, out)) != 0)
			return rc;
		if (in->status < 0)
			return invalid(out, "status", N_("Choose a status from the list."));
		if ((rc = exec_upd(ctx, SQL_STATUS, in->rec_id,
		    followup_status_name((enum followup_status)in->status),
		    in->status_note, ctx->user != NULL ? ctx->user->id : 0,
		    ctx->now, 6)) != 0)
			return rc;
		return audit_append(ctx, "followup_status", "followup_rec",
		    in->rec_id, followup_status_name((enum followup_status)in->status));
	case FA_COMMENT:
		if ((rc = need_rec(ctx, id, in, out)) != 0)
			return rc;
		if (text_blank(in->comment))
			return invalid(out, "comment", N_("Write the committee's view."));
		{
			struct dbstmt *st;

			if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
			    SQL_COMMENT, &st)) != DB_OK)
				return rc;
			db_bind_int(st, 2, in->rec_id);
			db_bind_text(st, 3, in->comment);
			if (ctx->user != NULL)
				db_bind_int(st, 4, ctx->user->id);
			else
				db_bind_null(st, 4);
			db_bind_int(st, 5, ctx->now);
			rc = db_step(st);
			db_reset(st);
			if (rc != DB_DONE)
				return rc < 0 ? rc : DB_ERR;
		}
		return audit_append(ctx, "followup_comment", "followup_rec",
		    in->rec_id, NULL);
	case FA_SENT:
		if (in->status_sent_on < 0)
			return invalid(out, "status_sent_on",
			    N_("Write a date that exists, as YYYY-MM-DD."));
		/* A status sent after its deadline needs the explanation. */
		if (r->status_due_on >= 0 && in->status_sent_on > r->status_due_on &&
		    text_blank(in->late_reason) && text_blank(r->late_reason))
			return invalid(out, "late_reason",
			    N_("The deadline was missed: say why."));
		wheel_day_iso(in->status_sent_on, d);
		if ((rc = exec_upd(ctx, SQL_SENT, id, d, NULL, 0, 0, 3)) != 0)
			return rc;
		if (!text_blank(in->late_reason) && (rc = exec_upd(ctx, SQL_EXPLAIN, id,
		    in->late_reason, NULL, 0, 0, 3)) != 0)
			return rc;
		return audit_append(ctx, "followup_sent", "followup_report", id, d);
	case FA_EXPLAIN:
		if (text_blank(in->late_reason))
			return invalid(out, "late_reason",
			    N_("The deadline was missed: say why."));
		if (!r->late)
			return FOLLOWUP_ERR_STATE;
		if ((rc = exec_upd(ctx, SQL_EXPLAIN, id, in->late_reason, NULL, 0,
		    0, 3)) != 0)
			return rc;
		return audit_append(ctx, "followup_explain", "followup_report", id,
		    NULL);
	case FA_ADD_MEASURE:
		if ((rc = need_rec(ctx, id, in, out)) != 0)
			return rc;
		if (text_blank(in->measure))
			return invalid(out, "measure", N_("Describe the measure."));
		if (in->responsible != NULL &&
		    (org_person_by_login(ctx, in->responsible, &p) != 0 || !p.active))
			return invalid(out, "responsible",
			    N_("Choose a person from the list."));
		if (in->due_on >= 0)
			due = wheel_day_end(in->due_on) - 1;
		if ((rc = measure_add(ctx, MS_AUDIT_RECOMMENDATION, in->rec_id,
		    in->measure, in->responsible != NULL ? p.id : 0, due,
		    &mid)) == MEASURE_ERR_DUE || rc == MEASURE_ERR_PAST)
			return invalid(out, "due_on", N_("Give the measure a "
			    "due date, today or later; its owner is reminded "
			    "when it comes."));
		if (rc != 0)
			return rc;
		return audit_append(ctx, "followup_measure", "followup_rec",
		    in->rec_id, NULL);
	case FA_COMPLETE_MEASURE:
		if ((rc = need_rec(ctx, id, in, out)) != 0)
			return rc;
		rc = measure_complete(ctx, MS_AUDIT_RECOMMENDATION, in->rec_id,
		    in->measure_id, in->note);
		if (rc == MEASURE_ERR_NOTFOUND)
			return invalid(out, "measure_id",
			    N_("That measure does not belong to this recommendation."));
		if (rc == MEASURE_ERR_STATE)
			return FOLLOWUP_ERR_STATE;
		if (rc != 0)
			return rc;
		return audit_append(ctx, "followup_measure_done", "followup_rec",
		    in->rec_id, NULL);
	default:
		return invalid(out, "action", N_("Unknown action."));
	}
}

static int
gate_in_tx(struct ctx *ctx, int64_t *id, const struct followup_input *in,
    struct followup_result *out)
{
	struct followup_report	r;
	struct measure		m;
	int			rc, ok;
	enum az_action		need;

	if (in->action == FA_CREATE) {
		if (!authz_can(ctx, AZ_FOLLOWUP_MANAGE, 0))
			return GATE_DENIED;
		if (in->bad_field != NULL)
			return invalid(out, in->bad_field, in->bad_why);
		return create(ctx, in, id, out);
	}
	if (!authz_followup_view(ctx, *id))
		return FOLLOWUP_ERR_NOTFOUND;
	if ((rc = followup_get(ctx, *id, &r)) != 0)
		return rc;
	if (in->action == FA_COMPLETE_MEASURE) {
		/* Those who manage, or the measure's own responsible person
		 * (a measure of another report's recommendation is refused
		 * by need_rec in act). */
		if (in->rec_id <= 0 || in->measure_id <= 0 ||
		    (rc = measure_get(ctx, MS_AUDIT_RECOMMENDATION, in->rec_id,
		    in->measure_id, &m)) == MEASURE_ERR_NOTFOUND)
			ok = authz_can(ctx, AZ_FOLLOWUP_MANAGE, 0);
		else if (rc != 0)
			return rc;
		else
			ok = authz_followup_measure_can(ctx, &m);
		if (!ok)
			return GATE_DENIED;
	} else {
		/* The committee's secretariat comments; nothing else is theirs. */
		need = in->action == FA_COMMENT ? AZ_FOLLOWUP_COMMENT :
		    AZ_FOLLOWUP_MANAGE;
		if (!authz_can(ctx, need, 0))
			return GATE_DENIED;
	}
	if (in->bad_field != NULL)
		return invalid(out, in->bad_field, in->bad_why);
	return act(ctx, *id, &r, in, out);
}

int
followup_do(struct ctx *ctx, int64_t report_id, const struct followup_input *in,
    struct followup_result *out)
{
	int64_t	id = report_id;
	int	rc, own;

	if (out == NULL)
		return -1;
	memset(out, 0, sizeof(*out));
	out->outcome = FR_FAILED;
	if (in == NULL || db_tx_join(ctx->conn, &own) != 0)
		return 0;
	rc = gate_in_tx(ctx, &id, in, out);
	rc = db_tx_finish(ctx->conn, own, rc);
	switch (rc) {
	case 0:
		out->outcome = FR_OK;
		out->report_id = id;
		break;
	case FOLLOWUP_ERR_NOTFOUND:
		out->outcome = FR_NOT_FOUND;
		break;
	case GATE_DENIED:
		out->outcome = FR_FORBIDDEN;
		break;
	case FOLLOWUP_ERR_INVALID:
		out->outcome = FR_INVALID;
		break;
	case FOLLOWUP_ERR_STATE:
		out->outcome = FR_CONFLICT;
		break;
	default:
		break;
	}
	return 0;
}
