/* risk_api.h: the JSON face of risk assessment (ROS). Translations only:
 * risk/ decides every answer (risk_do). */
#ifndef ORDEN_RISK_API_H
#define ORDEN_RISK_API_H

#include "http/http.h"
#include "risk/risk.h"

void	api_risk_assessments(struct http_req *, struct http_resp *);		/* GET /api/v1/risk-assessments?unit_id= */
void	api_risk_assessment_create(struct http_req *, struct http_resp *);	/* POST /api/v1/risk-assessments */
void	api_risk_assessment(struct http_req *, struct http_resp *);		/* GET /api/v1/risk-assessments/{id} */
void	api_risk_assessment_action(struct http_req *, struct http_resp *);	/* POST /api/v1/risk-assessments/{id}/actions */
void	api_risk(struct http_req *, struct http_resp *);			/* GET /api/v1/risks/{id} */
void	api_risk_action(struct http_req *, struct http_resp *);		/* POST /api/v1/risks/{id}/actions */
/* The quality adviser's (settings.c): the words of the score steps and
 * the simplified templates. */
void	api_risk_scale(struct http_req *, struct http_resp *);		/* GET /api/v1/risks/scale */
void	api_risk_scale_set(struct http_req *, struct http_resp *);	/* PUT /api/v1/risks/scale */
void	api_risk_templates(struct http_req *, struct http_resp *);	/* GET /api/v1/risk-templates */
void	api_risk_template_create(struct http_req *, struct http_resp *); /* POST /api/v1/risk-templates */
void	api_risk_template(struct http_req *, struct http_resp *);	/* GET /api/v1/risk-templates/{id} */
void	api_risk_template_action(struct http_req *, struct http_resp *); /* POST /api/v1/risk-templates/{id}/actions */

/* risk_do's answer as JSON: 0 when it is RISK_OK, else the answer is
 * given (what: the "not found" sentence). */
struct risk_result;
int	api_risk_answer(struct http_resp *, const struct risk_result *,
	    const char *what);

/* An action posted on the path's {id} (*id): the body read (dflt when it
 * names no action), its action one of ok[0..nok) or else ok[0] with
 * "action" refused, risk_do, and a failure answered (what: the "not
 * found" sentence). 0 with *res, or -1 when the answer is given. */
int	api_risk_post(struct http_req *, struct http_resp *, int64_t *id,
	    enum risk_action dflt, const enum risk_action *ok, size_t nok,
	    const char *what, struct risk_result *res);

/* Gates: who may use the POST routes at all, before the body is read. */
/* 0 when ctx->user has the right (risk_right), else -1 and 403 given. */
int	api_gate_risk_right(struct http_resp *, struct ctx *, enum risk_right);
int	api_gate_risk_create(struct http_req *, struct http_resp *);
int	api_gate_risk_assessment(struct http_req *, struct http_resp *);
int	api_gate_risk(struct http_req *, struct http_resp *);
/* The scale and new templates: the quality adviser; a template's actions:
 * not found unless visible (risk_templates_visible), then the adviser. */
int	api_gate_risk_configure(struct http_req *, struct http_resp *);
int	api_gate_risk_template(struct http_req *, struct http_resp *);

#endif
