/* risk_web.h: the pages of risk assessment (ROS). Translations only: the
 * fields are risk_fields (risk/input.c) and risk_do answers. */
#ifndef ORDEN_RISK_WEB_H
#define ORDEN_RISK_WEB_H

#include "http/http.h"

void	web_risk_list(struct http_req *, struct http_resp *);		/* GET /risk-assessments?unit_id= */
void	web_risk_create(struct http_req *, struct http_resp *);		/* POST /risk-assessments */
void	web_risk_assessment(struct http_req *, struct http_resp *);	/* GET /risk-assessments/{id}?p=&c= */
void	web_risk_assessment_action(struct http_req *, struct http_resp *); /* POST /risk-assessments/{id}/action */
void	web_risk_view(struct http_req *, struct http_resp *);		/* GET /risks/{id} */
void	web_risk_action(struct http_req *, struct http_resp *);		/* POST /risks/{id}/action */
/* The quality adviser's page (settings.c): the words of the score steps
 * and the simplified templates; a template and its standard risks. */
void	web_risk_settings(struct http_req *, struct http_resp *);	/* GET /risks/settings */
void	web_risk_settings_action(struct http_req *, struct http_resp *); /* POST /risks/settings */
void	web_risk_template(struct http_req *, struct http_resp *);	/* GET /risk-templates/{id} */
void	web_risk_template_action(struct http_req *, struct http_resp *); /* POST /risk-templates/{id}/action */

/* On a deviation's page: a section listing the risks deviation_id is tied
 * to that the reader may see (none: nothing). 0 or a store error. */
struct buf;
int	web_risk_tied(struct buf *, struct http_req *, int64_t deviation_id);

#endif
