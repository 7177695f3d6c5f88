/* api/followup/followup_api.h: the audit follow-up's JSON routes
 * (docs/openapi.yaml, "Follow-up"). Private to src/api/ and src/routes.c. */
#ifndef ORDEN_API_FOLLOWUP_API_H
#define ORDEN_API_FOLLOWUP_API_H

#include "http/http.h"

void	api_followup_list(struct http_req *, struct http_resp *);	/* GET /api/v1/followup */
void	api_followup_create(struct http_req *, struct http_resp *);	/* POST /api/v1/followup */
void	api_followup_get(struct http_req *, struct http_resp *);	/* GET /api/v1/followup/{id} */
void	api_followup_action(struct http_req *, struct http_resp *);	/* POST /api/v1/followup/{id}/actions */
int	api_gate_followup_manage(struct http_req *, struct http_resp *);
/* POST /api/v1/followup/{id}/actions: readers (else 403) of a report of
 * this tenant (else 404). */
int	api_gate_followup_view(struct http_req *, struct http_resp *);

#endif
