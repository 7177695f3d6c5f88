/* risk.h: risk assessment (ROS, risiko- og sårbarhetsanalyse). An
 * assessment belongs to a unit (whose leaders keep it) and has a scope — a
 * main process, a unit, a document or free text, stored as kind + id +
 * text so it needs no other module's tables — a date, participants and a
 * yearly review date. A risk has a description, cause, consequence,
 * existing barriers, probability 1-5 x consequence 1-5, a residual score
 * after its measures (src/measure/, subject MS_RISK), a history of reviews
 * and deviations tied to it.
 *
 * People act through one gate, risk_do (gate.c), the shape deviation_do
 * has: access in src/authz/ (AZ_RISK_VIEW, AZ_RISK_MANAGE for the unit),
 * input declared once (risk_fields, input.c), the change and its audit row
 * in one transaction, a result code. This folder owns risk_assessments,
 * risks, risk_reviews and risk_deviations. */
#ifndef ORDEN_RISK_H
#define ORDEN_RISK_H

#include <stddef.h>
#include <stdint.h>

#include "http/http.h"
#include "measure/measure.h"

struct ctx;

#define RISK_ERR_INVALID	-10
#define RISK_ERR_STATE		-11
#define RISK_ERR_NOTFOUND	-12

#define RISK_SCALE		5	/* 1..5 on both axes */

enum risk_scope { RSC_UNIT, RSC_PROCESS, RSC_DOCUMENT, RSC_OTHER, RSC_MAX };
const char	*risk_scope_name(enum risk_scope);

struct risk_assessment {
	int64_t		 id;
	int64_t		 unit_id;
	const char	*unit_name;
	const char	*title;
	enum risk_scope	 scope;
	int64_t		 scope_id;	/* 0: none (a unit scope is unit_id) */
	const char	*scope_text;	/* NULL: none */
	int64_t		 assessed_on;	/* local midnight of the date */
	const char	*participants;	/* NULL: none */
	int64_t		 review_due;	/* 0: none */
	int64_t		 created_at;
	int		 nrisks;
};

struct risk {
	int64_t		 id;
	int64_t		 assessment_id;
	int64_t		 unit_id;	/* the assessment's */
	const char	*description, *cause, *consequence, *barriers;
	int		 probability, impact;		/* 1..5 */
	int		 res_probability, res_impact;	/* 0: not assessed */
	int64_t		 reviewed_at;	/* 0: never */
	int		 review_deviations;	/* tied at the last review */
	int64_t		 created_at;
};

struct risk_review {
	int64_t		 at;
	const char	*by_name;	/* NULL: unknown */
	int		 no_change;
	int		 probability, impact, res_probability, res_impact;
	const char	*note;
};

struct risk_dev_link {
	int64_t		 deviation_id;
	const char	*number, *title;
	int64_t		 reported_at;
};

/* Counts per cell: cell[p-1][c-1]. */
struct risk_matrix {
	int		 cell[RISK_SCALE][RISK_SCALE];
	int		 total;
};

/* --- reads (no access check; the faces ask risk_can first) -------------- */
int	risk_assessment_get(struct ctx *, int64_t id, struct risk_assessment *);
/* Every assessment ctx->user may see (AZ_RISK_VIEW at its unit), newest
 * first. */
int	risk_assessment_list(struct ctx *, struct risk_assessment **out,
	    size_t *n);
int	risk_get(struct ctx *, int64_t id, struct risk *);
/* The risks of an assessment (assessment_id > 0), or of every assessment
 * ctx->user may see whose unit is unit_id or below it (assessment_id 0;
 * unit_id 0: all). Oldest first. */
int	risk_list(struct ctx *, int64_t assessment_id, int64_t unit_id,
	    struct risk **out, size_t *n);
void	risk_matrix_count(const struct risk *, size_t n, struct risk_matrix *);
int	risk_reviews(struct ctx *, int64_t risk_id, struct risk_review **out,
	    size_t *n);
int	risk_deviations(struct ctx *, int64_t risk_id,
	    struct risk_dev_link **out, size_t *n);

/* The risks deviation_id is tied to that ctx->user may see (AZ_RISK_VIEW
 * at their unit), in the order tied (tied.c). */
int	risk_of_deviation(struct ctx *, int64_t deviation_id, struct risk **out,
	    size_t *n);

/* Access: 1 when ctx->user may see (manage 0) or change (manage 1) what
 * belongs to unit_id. */
int	risk_can(struct ctx *, int64_t unit_id, int manage);

/* "Mine tiltak" names a risk (measure_subject_fn). */
int	risk_measure_subject(struct ctx *, int64_t id, struct my_measure *m);

/* --- the gate ------------------------------------------------------------ */
enum risk_action {
	RK_CREATE,		/* a new assessment: unit_id, title, scope, assessed_on, ... */
	RK_ADD_RISK,		/* on an assessment: description, scores, ... */
	RK_REVIEW,		/* on a risk: no_change, or new scores; note */
	RK_ADD_MEASURE,		/* on a risk: measure, responsible_login, due_date */
	RK_COMPLETE_MEASURE,	/* on a risk: measure_id, note */
	RK_LINK_DEVIATION,	/* on a risk: deviation_id, or deviation_number */
	RK_MAX
};
const char	*risk_action_name(enum risk_action);
/* 0 and *out, or -1. */
int		 risk_action_parse(const char *, enum risk_action *out);

/* Positions in risk_fields (and so in http_req.vals). */
enum risk_field {
	RF_ACTION, RF_UNIT_ID, RF_TITLE, RF_SCOPE, RF_SCOPE_ID, RF_SCOPE_TEXT,
	RF_ASSESSED_ON, RF_PARTICIPANTS, RF_REVIEW_DUE, RF_DESCRIPTION,
	RF_CAUSE, RF_CONSEQUENCE, RF_BARRIERS, RF_PROBABILITY, RF_IMPACT,
	RF_RES_PROBABILITY, RF_RES_IMPACT, RF_NO_CHANGE, RF_NOTE, RF_MEASURE,
	RF_RESPONSIBLE_LOGIN, RF_DUE_DATE, RF_MEASURE_ID, RF_DEVIATION_ID,
	RF_DEVIATION_NUMBER,
	RF_MAX
};
extern const struct field risk_fields[RF_MAX + 1];

struct risk_input {
	enum risk_action action;	/* RK_MAX: unknown */
	int64_t		 unit_id;
	const char	*title;
	const char	*scope;		/* risk_scope_name() */
	int64_t		 scope_id;
	const char	*scope_text, *assessed_on, *participants, *review_due;
	const char	*description, *cause, *consequence, *barriers;
	int		 probability, impact, res_probability, res_impact;
	int		 no_change;
	const char	*note, *measure, *responsible_login, *due_date;
	int64_t		 measure_id, deviation_id;
	const char	*deviation_number;	/* "2026-0042": when no id */
	const char	*bad_field;	/* set by risk_read: checked by http/ */
};
/* Fill *in from vals (NULL: all absent); action_default when no action
 * field is given (a face's route may imply one). */
void	risk_read(const struct field_value *vals, enum risk_action action_default,
	    struct risk_input *in);

enum risk_outcome { RISK_OK, RISK_NOT_FOUND, RISK_FORBIDDEN, RISK_INVALID,
	RISK_CONFLICT, RISK_FAILED };
struct risk_result {
	enum risk_outcome outcome;
	const char	*field, *why;	/* RISK_INVALID: the field, a msgid */
	int64_t		 id;		/* the assessment or risk acted on or made */
};
/* id: 0 for RK_CREATE, the assessment for RK_ADD_RISK, else the risk
 * (RK_MAX, an unknown action, is answered on the risk: not found, forbidden,
 * then "action"). */
void	risk_do(struct ctx *, int64_t id, const struct risk_input *,
	    struct risk_result *out);

/* The yearly review reminders (the tick): assessments whose review date
 * has come, told once to the leaders of their unit. 0 or negative. */
int	risk_tick(struct ctx *);
/* 1 if ctx->user is one the review reminder of an assessment of unit_id
 * goes to (a leader of the unit: the wheel's "my tasks"), 0 if not,
 * negative on error. */
int	risk_review_reminded(struct ctx *, int64_t unit_id);

#endif
