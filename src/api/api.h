/* api.h: the JSON API under /api/v1/ (docs/openapi.yaml). Bodies in and
 * out are JSON (jansson); errors are {"error":{"code","message"}}. */
#ifndef ORDEN_API_H
#define ORDEN_API_H

#include "http/http.h"

extern const struct field api_unit_fields[];
extern const struct field api_person_fields[];
extern const struct field api_role_fields[];

void	api_healthz(struct http_req *, struct http_resp *);	/* GET /healthz */
void	api_metrics(struct http_req *, struct http_resp *);	/* GET /metrics */
void	api_me(struct http_req *, struct http_resp *);
void	api_units_list(struct http_req *, struct http_resp *);
void	api_unit_create(struct http_req *, struct http_resp *);
void	api_unit_get(struct http_req *, struct http_resp *);
void	api_people_list(struct http_req *, struct http_resp *);
void	api_person_create(struct http_req *, struct http_resp *);
void	api_person_get(struct http_req *, struct http_resp *);
void	api_role_grant(struct http_req *, struct http_resp *);
void	api_role_revoke(struct http_req *, struct http_resp *);

#endif
