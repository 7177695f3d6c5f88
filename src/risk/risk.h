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
 * risks, risk_reviews, risk_deviations, and (0037) risk_scale_words — the
 * municipality's words for each score step — and the simplified templates
 * risk_templates and risk_template_risks that the quality adviser keeps
 * (AZ_RISK_CONFIGURE) and leaders start assessments from. */
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
#define RISK_WORD_MAX		60	/* characters in the word of a step */

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

/* The words of the steps 1..5 of each axis (scale.c). */
enum risk_axis { RAX_PROBABILITY, RAX_IMPACT, RAX_MAX };
struct risk_scale {
	/* word[axis][step - 1]: the municipality's own word, or the default
	 * of common ROS practice in the reader's language. */
	const char	*word[RAX_MAX][RISK_SCALE];
	int		 custom;	/* 1: the municipality has set its words */
};
/* "probability" / "impact" (the API's and the fields' names). */
const char	*risk_axis_name(enum risk_axis);
int	risk_scale_get(struct ctx *, struct risk_scale *);
/* The word of step (1..5) on axis, "" outside the scale. */
const char	*risk_scale_word(const struct risk_scale *, enum risk_axis,
	    int step);

/* A simplified template: the standard risks of a kind of unit (template.c). */
struct risk_template {
	int64_t		 id;
	const char	*name;
	const char	*unit_kind;	/* an org_unit_kinds code; NULL: any unit */
	int		 nrisks;
};
struct risk_template_risk {
	int64_t		 id;
	const char	*description, *cause, *consequence, *barriers;
	int		 probability, impact;	/* the default scores */
};
/* Whether ctx->user may see the templates: those who keep them and
 * those who may start an assessment somewhere. */
int	risk_templates_visible(struct ctx *);
int	risk_template_list(struct ctx *, struct risk_template **out, size_t *n);
/* RISK_ERR_NOTFOUND when there is none with id. */
int	risk_template_get(struct ctx *, int64_t id, struct risk_template *);
int	risk_template_risks(struct ctx *, int64_t template_id,
	    struct risk_template_risk **out, size_t *n);

/* --- reads (no access check; the faces ask risk_can first) -------------- */
int	risk_assessment_get(struct ctx *, int64_t id, struct risk_assessment *);
/* Every assessment ctx->user may see (AZ_RISK_VIEW at its unit) whose
 * unit is unit_id or below it (unit_id 0: all), newest first: the same
 * subtree as risk_list's, so that a list and its matrix agree. */
int	risk_assessment_list(struct ctx *, int64_t unit_id,
	    struct risk_assessment **out, size_t *n);
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

/* What the faces may offer ctx->user (rights.c), asked here so that no
 * face decides access; risk_do asks again. 1 or 0; anonymous has none. */
enum risk_right {
	RISK_RIGHT_VIEW,	/* the assessment pages: a reader of some unit */
	RISK_RIGHT_START,	/* start an assessment: a keeper of some unit */
	RISK_RIGHT_CONFIGURE,	/* the score words and the templates */
	RISK_RIGHT_SCALE	/* read the score words: readers and keepers */
};
int	risk_right(struct ctx *, enum risk_right);
/* risk_assessment_get as ctx->user may read it: 0, RISK_ERR_NOTFOUND also
 * when they may not see it (the same answer, so nobody learns what
 * exists), or another negative on a store error. */
int	risk_assessment_view(struct ctx *, int64_t id, struct risk_assessment *);
/* risk_get likewise: its unit's readers and the owner of one of its
 * measures see it. */
int	risk_view(struct ctx *, int64_t id, struct risk *);
/* 1 when ctx->user may act on r at all: its unit's keepers, and the owner
 * of one of its measures (who may complete it; risk_do says which). */
int	risk_may_act(struct ctx *, const struct risk *);

/* "Mine tiltak" names a risk (measure_subject_fn). */
int	risk_measure_subject(struct ctx *, int64_t id, struct my_measure *m);
/* The unit of the risk's assessment (measure_unit_fn). */
int	risk_measure_unit(struct ctx *, int64_t id, int64_t *unit_id);

/* --- the gate ------------------------------------------------------------ */
enum risk_action {
	RK_CREATE,		/* a new assessment: unit_id, title, scope, assessed_on, ... */
	RK_ADD_RISK,		/* on an assessment: description, scores, ... */
	RK_REVIEW,		/* on a risk: no_change, or new scores; note */
	RK_ADD_MEASURE,		/* on a risk: measure, responsible_login, due_date */
	RK_COMPLETE_MEASURE,	/* on a risk: measure_id, note */
	RK_LINK_DEVIATION,	/* on a risk: deviation_id, or deviation_number */
	/* The quality adviser's (AZ_RISK_CONFIGURE), settings.c: */
	RK_SET_SCALE,		/* probability_1..5, impact_1..5: all ten words */
	RK_TEMPLATE_CREATE,	/* name, unit_kind */
	RK_TEMPLATE_ADD_RISK,	/* on a template: description, scores, ... */
	RK_TEMPLATE_REMOVE_RISK, /* on a template: template_risk_id */
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
	RF_PROBABILITY_1, RF_PROBABILITY_2, RF_PROBABILITY_3, RF_PROBABILITY_4,
	RF_PROBABILITY_5, RF_IMPACT_1, RF_IMPACT_2, RF_IMPACT_3, RF_IMPACT_4,
	RF_IMPACT_5, RF_TEMPLATE_ID, RF_NAME, RF_UNIT_KIND, RF_TEMPLATE_RISK_ID,
	RF_MAX
};
extern const struct field risk_fields[RF_MAX + 1];

/* The lists' query (app_queries, src/routes.c; read with http_qint): one
 * cell of the matrix, p (probability) and c (consequence) 1..RISK_SCALE
 * (0 or absent: every cell), and on the list of all assessments
 * (GET /risk-assessments, /api/v1/risk-assessments) one unit's subtree,
 * unit_id (0 or absent: all). An assessment's page takes the cell only. */
enum risk_query_field {
	RISKQ_P, RISKQ_C,
	RISKQ_CELL_MAX,
	RISKQ_UNIT_ID = RISKQ_CELL_MAX,
	RISKQ_MAX
};
extern const struct field risk_query_fields[RISKQ_MAX + 1];
extern const struct field risk_cell_query_fields[RISKQ_CELL_MAX + 1];

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
	const char	*words[RAX_MAX][RISK_SCALE];	/* RK_SET_SCALE */
	int64_t		 template_id;	/* RK_CREATE: start from it */
	const char	*name, *unit_kind;	/* RK_TEMPLATE_CREATE */
	int64_t		 template_risk_id;
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
/* id: 0 for RK_CREATE, RK_SET_SCALE and RK_TEMPLATE_CREATE, the template
 * for RK_TEMPLATE_ADD_RISK and _REMOVE_RISK, the assessment for
 * RK_ADD_RISK, else the risk
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

/* Unit `from` is being closed into `to` (org_unit_close, in its
 * transaction; access is that gate's): its assessments move to `to`.
 * *moved: how many. 0 or a DB_* error. */
int	risk_unit_closed(struct ctx *, int64_t from, int64_t to, int64_t *moved);

#endif
