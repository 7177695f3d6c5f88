/* gate.c: risk_do, the one door every change to a risk assessment goes
 * through — the shape of deviation_do (deviation/gate.c):
 *
 *	load -> access (authz: AZ_RISK_MANAGE at the unit; a measure's owner
 *	for completing it) -> input -> transaction (change + audit row +
 *	notices) -> risk_result
 *
 * Someone who may not see the assessment gets "not found", someone who
 * sees it but may not change it "forbidden"; only then is input checked,
 * so a refused request learns nothing from its body. */
#include "risk/risk.h"

#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "document/document.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "org/org.h"
#include "risk/risk_int.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/text.h"

static const char SQL_RA_INSERT[] =
    "INSERT INTO risk_assessments (tenant_id, unit_id, title, scope_kind,"
    " scope_id, scope_text, assessed_on, participants, review_due,"
    " created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
    " $10, $11) RETURNING id";
static const char SQL_RISK_INSERT[] =
    "INSERT INTO risks (tenant_id, assessment_id, description, cause,"
    " consequence, barriers, probability, impact, res_probability,"
    " res_impact, owner_id, review_deviations, created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $11)"
    " RETURNING id";
static const char SQL_REVIEW_INSERT[] =
    "INSERT INTO risk_reviews (tenant_id, risk_id, at, by_id, no_change,"
    " probability, impact, res_probability, res_impact, note)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
static const char SQL_RISK_SCORES[] =
    "UPDATE risks SET probability = $3, impact = $4, res_probability = $5,"
    " res_impact = $6, reviewed_at = $7, review_deviations = $8"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_RA_REVIEW_DUE[] =
    "UPDATE risk_assessments SET review_due = $3, review_noticed = 0"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_LINK_INSERT[] =
    "INSERT INTO risk_deviations (tenant_id, risk_id, deviation_id,"
    " linked_at, linked_by) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_LINK_EXISTS[] =
    "SELECT 1 FROM risk_deviations WHERE tenant_id = $1 AND risk_id = $2"
    " AND deviation_id = $3";
static const char SQL_LINK_COUNT[] =
    "SELECT COUNT(*) FROM risk_deviations WHERE tenant_id = $1"
    " AND risk_id = $2";
static const char SQL_RISK_OWNER[] =
    "SELECT owner_id FROM risks WHERE tenant_id = $1 AND id = $2";

/* What the user is told about a field: one sentence each, both faces. */
static const struct field_why field_why[] = {
	{ "action",		N_("Unknown action.") },
	{ "unit_id",		N_("Choose a unit from the list.") },
	{ "title",		N_("Write a short title (at most 200 characters).") },
	{ "scope",		N_("Choose what the assessment covers: unit, process, document or other.") },
	{ "scope_text",		N_("Name the process, document or area the assessment covers.") },
	{ "scope_id",		N_("Choose a process or a document you can read; another area is named in words.") },
	{ "assessed_on",	N_("Give the date as YYYY-MM-DD (a date that exists).") },
	{ "review_due",		N_("Give the date as YYYY-MM-DD (a date that exists).") },
	{ "due_date",		N_("Give the date as YYYY-MM-DD (a date that exists).") },
	{ "description",	N_("Describe the risk.") },
	{ "probability",	N_("Give the probability as a whole number from 1 to 5.") },
	{ "impact",		N_("Give the consequence as a whole number from 1 to 5.") },
	{ "residual_probability", N_("Give the residual probability from 1 to 5, or leave both residual scores empty.") },
	{ "residual_impact",	N_("Give the residual consequence from 1 to 5, or leave both residual scores empty.") },
	{ "measure",		N_("Describe the measure.") },
	{ "responsible_login",	N_("Choose a person from the list.") },
	{ "measure_id",		N_("That measure does not belong to this risk.") },
	{ "deviation_id",	N_("No deviation you can see has that id.") },
	{ "deviation_number",	N_("No deviation you can see has that number (as 2026-0042 or AV-2026-000042).") },
	{ "probability_1",	N_("Write the word for this step (at most 60 characters).") },
	{ "probability_2",	N_("Write the word for this step (at most 60 characters).") },
	{ "probability_3",	N_("Write the word for this step (at most 60 characters).") },
	{ "probability_4",	N_("Write the word for this step (at most 60 characters).") },
	{ "probability_5",	N_("Write the word for this step (at most 60 characters).") },
	{ "impact_1",		N_("Write the word for this step (at most 60 characters).") },
	{ "impact_2",		N_("Write the word for this step (at most 60 characters).") },
	{ "impact_3",		N_("Write the word for this step (at most 60 characters).") },
	{ "impact_4",		N_("Write the word for this step (at most 60 characters).") },
	{ "impact_5",		N_("Write the word for this step (at most 60 characters).") },
	{ "template_id",	N_("Choose a template from the list.") },
	{ "name",		N_("Write a name (at most 200 characters).") },
	{ "unit_kind",		N_("Choose a kind of unit from the list.") },
	{ "template_risk_id",	N_("That risk is not in this template.") },
};

int
risk_invalid(struct risk_result *out, const char *field)
{
	out->field = field;
	out->why = field_why_of(field_why, sizeof(field_why) /
	    sizeof(field_why[0]), field);
	return RISK_ERR_INVALID;
}

/* "YYYY-MM-DD" to local midnight; *out 0 for none. -1 when not a date. */
static int
day_of(const char *s, int64_t *out)
{
	int y, mo, d;

	*out = 0;
	if (text_blank(s))
		return 0;
	if (date_parse_day(s, &y, &mo, &d) != 0 ||
	    date_from_local(y, mo, d, 0, 0, 0, out) != 0)
		return -1;
	return 0;
}

static int64_t
actor(const struct ctx *ctx)
{
	return ctx->user != NULL ? ctx->user->id : 0;
}

void
risk_bind_opt_int(struct dbstmt *st, int i, int64_t v)
{
	if (v > 0)
		db_bind_int(st, i, v);
	else
		db_bind_null(st, i);
}

void
risk_bind_opt_text(struct dbstmt *st, int i, const char *s)
{
	db_bind_text(st, i, text_blank(s) ? NULL : s);
}

void
risk_bind_risk(struct dbstmt *st, int i, const struct risk_input *in)
{
	db_bind_text(st, i, in->description);
	risk_bind_opt_text(st, i + 1, in->cause);
	risk_bind_opt_text(st, i + 2, in->consequence);
	risk_bind_opt_text(st, i + 3, in->barriers);
	db_bind_int(st, i + 4, in->probability);
	db_bind_int(st, i + 5, in->impact);
}

/* Step a prepared statement to its end (or its one returned id). */
int
risk_run(struct dbstmt *st, int64_t *id)
{
	return db_run(st, id);
}

int
risk_scores_ok(const struct risk_input *in, int need, struct risk_result *out)
{
	if (need && (in->probability < 1 || in->probability > RISK_SCALE))
		return risk_invalid(out, "probability");
	if (need && (in->impact < 1 || in->impact > RISK_SCALE))
		return risk_invalid(out, "impact");
	/* Both residual scores or neither. */
	if ((in->res_probability == 0) != (in->res_impact == 0))
		return risk_invalid(out, in->res_probability == 0 ?
		    "residual_probability" : "residual_impact");
	return 0;
}

/* 1 when id names a process or a document (that ctx->user may read) of
 * this municipality, as scope says; 0 when not, or a DB_* error. Else an
 * assessment could point at nothing, or at a hidden document's title. */
static int
scope_exists(struct ctx *ctx, enum risk_scope scope, int64_t id)
{
	struct doc_process	*p;
	struct document		 d;
	size_t			 n, i;
	int			 rc;

	if (scope == RSC_DOCUMENT) {
		rc = document_get(ctx, id, &d);
		return rc == 0 ? 1 : rc == DOC_ERR_NOTFOUND ? 0 : rc;
	}
	if (scope != RSC_PROCESS)
		return 0;
	if ((rc = doc_process_list(ctx, &p, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (p[i].id == id)
			return 1;
	return 0;
}

static int
do_create(struct ctx *ctx, const struct risk_input *in, struct risk_result *out)
{
	struct dbstmt		*st;
	struct risk_template	 t;
	enum risk_scope		 scope = RSC_UNIT;
	const char		*title = in->title;
	int64_t			 on, due;
	int			 rc;

	if (in->scope != NULL && risk_scope_parse(in->scope, &scope) != 0)
		return risk_invalid(out, "scope");
	/* Started from a template: the title may be the template's name. */
	if (in->template_id > 0) {
		rc = risk_template_get(ctx, in->template_id, &t);
		if (rc == RISK_ERR_NOTFOUND)
			return risk_invalid(out, "template_id");
		if (rc != 0)
			return rc;
		if (text_blank(title))
			title = t.name;
	}
	if (text_blank(title))
		return risk_invalid(out, "title");
	if (scope != RSC_UNIT && text_blank(in->scope_text) && in->scope_id <= 0)
		return risk_invalid(out, "scope_text");
	if (scope != RSC_UNIT && in->scope_id > 0 &&
	    (rc = scope_exists(ctx, scope, in->scope_id)) != 1)
		return rc < 0 ? rc : risk_invalid(out, "scope_id");
	if (day_of(in->assessed_on, &on) != 0)
		return risk_invalid(out, "assessed_on");
	if (on == 0)
		on = date_start_of(ctx->now, DATE_DAY);
	if (day_of(in->review_due, &due) != 0)
		return risk_invalid(out, "review_due");
	if (due == 0)
		due = date_add_months(on, 12);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RA_INSERT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, in->unit_id);
	db_bind_text(st, 3, title);
	db_bind_text(st, 4, risk_scope_name(scope));
	risk_bind_opt_int(st, 5, scope == RSC_UNIT ? 0 : in->scope_id);
	risk_bind_opt_text(st, 6, in->scope_text);
	db_bind_int(st, 7, on);
	risk_bind_opt_text(st, 8, in->participants);
	db_bind_int(st, 9, due);
	db_bind_int(st, 10, ctx->now);
	risk_bind_opt_int(st, 11, actor(ctx));
	if ((rc = risk_run(st, &out->id)) != 0)
		return rc;
	if (in->template_id > 0 &&
	    (rc = risk_template_copy(ctx, in->template_id, out->id)) != 0)
		return rc;
	return audit_append(ctx, "risk_assessment_created", "risk_assessment",
	    out->id, in->template_id > 0 ? arena_printf(ctx->arena,
	    "%s (template %lld)", title, (long long)in->template_id) : title);
}

static int
do_add_risk(struct ctx *ctx, const struct risk_assessment *a,
    const struct risk_input *in, struct risk_result *out)
{
	struct dbstmt	*st;
	int		 rc;

	if (text_blank(in->description))
		return risk_invalid(out, "description");
	if ((rc = risk_scores_ok(in, 1, out)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RISK_INSERT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, a->id);
	risk_bind_risk(st, 3, in);
	risk_bind_opt_int(st, 9, in->res_probability);
	risk_bind_opt_int(st, 10, in->res_impact);
	risk_bind_opt_int(st, 11, actor(ctx));
	db_bind_int(st, 12, ctx->now);
	if ((rc = risk_run(st, &out->id)) != 0)
		return rc;
	return audit_append(ctx, "risk_added", "risk", out->id,
	    arena_printf(ctx->arena, "%d x %d", in->probability, in->impact));
}

static int
link_count(struct ctx *ctx, int64_t risk_id, int64_t *n)
{
	struct dbstmt	*st;
	int		 rc;

	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LINK_COUNT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, risk_id);
	rc = db_step(st);
	if (rc == DB_ROW)
		*n = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW ? 0 : (rc < 0 ? rc : DB_ERR);
}

static int
do_review(struct ctx *ctx, const struct risk_assessment *a,
    const struct risk *r, const struct risk_input *in,
    struct risk_result *out)
{
	struct dbstmt	*st;
	int		 p, c, rp, rc_, rc;
	int64_t		 links;

	if (in->no_change) {
		p = r->probability;
		c = r->impact;
		rp = r->res_probability;
		rc_ = r->res_impact;
	} else {
		if ((rc = risk_scores_ok(in, 1, out)) != 0)
			return rc;
		p = in->probability;
		c = in->impact;
		rp = in->res_probability;
		rc_ = in->res_impact;
	}
	if ((rc = link_count(ctx, r->id, &links)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_REVIEW_INSERT, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, r->id);
	db_bind_int(st, 3, ctx->now);
	risk_bind_opt_int(st, 4, actor(ctx));
	db_bind_int(st, 5, in->no_change ? 1 : 0);
	db_bind_int(st, 6, p);
	db_bind_int(st, 7, c);
	risk_bind_opt_int(st, 8, rp);
	risk_bind_opt_int(st, 9, rc_);
	risk_bind_opt_text(st, 10, in->note);
	if ((rc = risk_run(st, NULL)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RISK_SCORES,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, r->id);
	db_bind_int(st, 3, p);
	db_bind_int(st, 4, c);
	risk_bind_opt_int(st, 5, rp);
	risk_bind_opt_int(st, 6, rc_);
	db_bind_int(st, 7, ctx->now);
	db_bind_int(st, 8, links);
	if ((rc = risk_run(st, NULL)) != 0)
		return rc;
	/* The next yearly review is a year from this one once it is due
	 * (within two months). */
	if (a->review_due != 0 && a->review_due <= ctx->now + 60 * 86400) {
		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
		    SQL_RA_REVIEW_DUE, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, a->id);
		db_bind_int(st, 3, date_add_months(date_start_of(ctx->now,
		    DATE_DAY), 12));
		if ((rc = risk_run(st, NULL)) != 0)
			return rc;
	}
	out->id = r->id;
	return audit_append(ctx, "risk_reviewed", "risk", r->id,
	    in->no_change ? "no_change" :
	    arena_printf(ctx->arena, "%d x %d", p, c));
}

static int
do_add_measure(struct ctx *ctx, const struct risk *r,
    const struct risk_input *in, struct risk_result *out)
{
	struct person	 p;
	int64_t		 resp = 0, due;
	int64_t		 mid;
	int		 rc;

	if (text_blank(in->measure))
		return risk_invalid(out, "measure");
	if (!text_blank(in->responsible_login)) {
		if (org_person_by_login(ctx, in->responsible_login, &p) != 0 ||
		    !p.active)
			return risk_invalid(out, "responsible_login");
		resp = p.id;
	}
	if (day_of(in->due_date, &due) != 0)
		return risk_invalid(out, "due_date");
	if (due != 0)
		due += 86400 - 1;	/* due at the end of that day */
	if ((rc = measure_add(ctx, MS_RISK, r->id, in->measure, resp, due,
	    &mid)) == MEASURE_ERR_DUE || rc == MEASURE_ERR_PAST) {
		out->field = "due_date";
		out->why = N_("Give the measure a due date, today or later; its owner is reminded when it comes.");
		return RISK_ERR_INVALID;
	}
	if (rc != 0)
		return rc;
	if (resp > 0 && resp != actor(ctx) &&
	    (rc = notify_send(ctx, resp, 0, "risk_measure",
	    arena_printf(ctx->arena, _("A measure for a risk is yours: %s"),
	    in->measure))) != 0)
		return rc;
	out->id = r->id;
	return audit_append(ctx, "risk_measure_added", "risk", r->id,
	    arena_printf(ctx->arena, "measure %lld", (long long)mid));
}

static int
do_complete_measure(struct ctx *ctx, const struct risk *r,
    const struct risk_input *in, struct risk_result *out)
{
	int rc;

	rc = measure_complete(ctx, MS_RISK, r->id, in->measure_id,
	    text_blank(in->note) ? NULL : in->note);
	if (rc == MEASURE_ERR_NOTFOUND)
		return risk_invalid(out, "measure_id");
	if (rc == MEASURE_ERR_STATE)
		return RISK_ERR_STATE;
	if (rc != 0)
		return rc;
	out->id = r->id;
	return audit_append(ctx, "risk_measure_completed", "risk", r->id,
	    arena_printf(ctx->arena, "measure %lld", (long long)in->measure_id));
}

static int
do_link(struct ctx *ctx, const struct risk *r, const struct risk_input *in,
    struct risk_result *out)
{
	struct dbstmt		*st;
	struct deviation	 d;
	const char		*field = "deviation_id";
	int64_t			 n, owner = 0, id = in->deviation_id;
	int			 rc;

	/* By the number people see (the forms), or by id (the API). */
	if (in->deviation_id <= 0 && !text_blank(in->deviation_number)) {
		field = "deviation_number";
		rc = deviation_id_by_number(ctx, in->deviation_number, &id);
		if (rc == DEV_ERR_NOTFOUND)
			return risk_invalid(out, field);
		if (rc != 0)
			return rc;
	}
	if (id <= 0)
		return risk_invalid(out, field);
	rc = deviation_get(ctx, id, &d);
	if (rc == DEV_ERR_NOTFOUND || (rc == 0 &&
	    !authz_dev_can(ctx, AZ_DEV_VIEW, &d)))
		return risk_invalid(out, field);
	if (rc != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LINK_EXISTS,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, r->id);
	db_bind_int(st, 3, d.id);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ROW)
		return RISK_ERR_STATE;	/* tied already */
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LINK_INSERT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, r->id);
	db_bind_int(st, 3, d.id);
	db_bind_int(st, 4, ctx->now);
	risk_bind_opt_int(st, 5, actor(ctx));
	if ((rc = risk_run(st, NULL)) != 0)
		return rc;
	/* Rising above the level of the last review: the risk's owner is
	 * told once, as the count first passes it. */
	if ((rc = link_count(ctx, r->id, &n)) != 0)
		return rc;
	if (n == r->review_deviations + 1) {
		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
		    SQL_RISK_OWNER, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, r->id);
		if (db_step(st) == DB_ROW && !db_col_is_null(st, 0))
			owner = db_col_int(st, 0);
		db_reset(st);
		if (owner > 0 && (rc = notify_send(ctx, owner, 0, "risk_deviations",
		    arena_printf(ctx->arena, _("More deviations are tied to a risk than at its last review (%lld, was %d): %s"),
		    (long long)n, r->review_deviations, r->description))) != 0)
			return rc;
	}
	out->id = r->id;
	return audit_append(ctx, "risk_deviation_linked", "risk", r->id,
	    d.number);
}

static int
gate_in_tx(struct ctx *ctx, int64_t id, const struct risk_input *in,
    struct risk_result *out)
{
	struct risk_assessment	 a;
	struct risk		 r;
	struct measure		 m;
	int			 rc, own_measure = 0;

	memset(&r, 0, sizeof(r));
	if (in->action >= RK_SET_SCALE && in->action < RK_MAX)
		return risk_settings_in_tx(ctx, id, in, out);
	if (in->action == RK_CREATE) {
		struct unit u;

		if (!authz_can_somewhere(ctx, AZ_RISK_MANAGE))
			return RISK_GATE_DENIED;
		if (in->bad_field != NULL)
			return risk_invalid(out, in->bad_field);
		/* A closed unit (org/close.c) takes no new assessment: its
		 * work is the receiving unit's. */
		if (in->unit_id <= 0 || org_unit_get(ctx, in->unit_id, &u) != 0 ||
		    u.closed_at != 0)
			return risk_invalid(out, "unit_id");
		if (!risk_can(ctx, in->unit_id, 1))
			return RISK_GATE_DENIED;
		return do_create(ctx, in, out);
	}
	if (in->action == RK_ADD_RISK) {
		if ((rc = risk_assessment_get(ctx, id, &a)) != 0)
			return rc;
	} else {
		if ((rc = risk_get(ctx, id, &r)) != 0)
			return rc;
		if ((rc = risk_assessment_get(ctx, r.assessment_id, &a)) != 0)
			return rc;
		if (in->action == RK_COMPLETE_MEASURE && in->measure_id > 0 &&
		    measure_get(ctx, MS_RISK, r.id, in->measure_id, &m) == 0 &&
		    m.responsible_id == actor(ctx) && actor(ctx) > 0)
			own_measure = 1;
	}
	if (!risk_can(ctx, a.unit_id, 0) && !own_measure &&
	    !(r.id > 0 && measure_owner(ctx, MS_RISK, r.id, actor(ctx)) == 1))
		return RISK_ERR_NOTFOUND;
	if (!risk_can(ctx, a.unit_id, 1) && !own_measure)
		return RISK_GATE_DENIED;
	if (in->bad_field != NULL)
		return risk_invalid(out, in->bad_field);
	if ((int)in->action < 0 || in->action >= RK_MAX)
		return risk_invalid(out, "action");
	switch (in->action) {
	case RK_ADD_RISK:
		return do_add_risk(ctx, &a, in, out);
	case RK_REVIEW:
		return do_review(ctx, &a, &r, in, out);
	case RK_ADD_MEASURE:
		return do_add_measure(ctx, &r, in, out);
	case RK_COMPLETE_MEASURE:
		return do_complete_measure(ctx, &r, in, out);
	case RK_LINK_DEVIATION:
		return do_link(ctx, &r, in, out);
	default:
		return risk_invalid(out, "action");
	}
}

void
risk_do(struct ctx *ctx, int64_t id, const struct risk_input *in,
    struct risk_result *out)
{
	int rc, own;

	memset(out, 0, sizeof(*out));
	out->outcome = RISK_FAILED;
	if (in == NULL || ctx->user == NULL)
		return;
	if (db_tx_join(ctx->conn, &own) != 0)
		return;
	rc = gate_in_tx(ctx, id, in, out);
	rc = db_tx_finish(ctx->conn, own, rc);
	switch (rc) {
	case 0:
		out->outcome = RISK_OK;
		break;
	case RISK_ERR_NOTFOUND:
		out->outcome = RISK_NOT_FOUND;
		break;
	case RISK_GATE_DENIED:
		out->outcome = RISK_FORBIDDEN;
		break;
	case RISK_ERR_INVALID:
		out->outcome = RISK_INVALID;
		break;
	case RISK_ERR_STATE:
		out->outcome = RISK_CONFLICT;
		break;
	default:
		out->outcome = RISK_FAILED;
		break;
	}
}
