/* risk_api.h: the JSON face of risk assessment (ROS). Translations only:
 * risk/ decides every answer (risk_do). */
#ifndef ORDEN_RISK_API_H
#define ORDEN_RISK_API_H

#include "http/http.h"

void	api_risk_assessments(struct http_req *, struct http_resp *);		/* GET /api/v1/risk-assessments?unit_id= */
void	api_risk_assessment_create(struct http_req *, struct http_resp *);	/* POST /api/v1/risk-assessments */
void	api_risk_assessment(struct http_req *, struct http_resp *);		/* GET /api/v1/risk-assessments/{id} */
void	api_risk_assessment_action(struct http_req *, struct http_resp *);	/* POST /api/v1/risk-assessments/{id}/actions */
void	api_risk(struct http_req *, struct http_resp *);			/* GET /api/v1/risks/{id} */
void	api_risk_action(struct http_req *, struct http_resp *);		/* POST /api/v1/risks/{id}/actions */
/* Gates: who may use the POST routes at all, before the body is read. */
int	api_gate_risk_create(struct http_req *, struct http_resp *);
int	api_gate_risk_assessment(struct http_req *, struct http_resp *);
int	api_gate_risk(struct http_req *, struct http_resp *);

#endif
