/* api/wheel/wheel_api.h: the yearly wheel's JSON routes (docs/openapi.yaml,
 * "Wheel"). Private to src/api/ and src/routes.c. */
#ifndef ORDEN_API_WHEEL_API_H
#define ORDEN_API_WHEEL_API_H

#include "http/http.h"

void	api_wheel(struct http_req *, struct http_resp *);		/* GET /api/v1/wheel?year=&unit_id=&mine= */
void	api_wheel_task_create(struct http_req *, struct http_resp *);	/* POST /api/v1/wheel/tasks */
void	api_wheel_task(struct http_req *, struct http_resp *);		/* GET /api/v1/wheel/tasks/{id}?year= */
void	api_wheel_task_action(struct http_req *, struct http_resp *);	/* POST /api/v1/wheel/tasks/{id}/actions */
void	api_wheel_file(struct http_req *, struct http_resp *);		/* GET /api/v1/wheel/tasks/{id}/file?due_on= */
void	api_wheel_feed(struct http_req *, struct http_resp *);		/* POST /api/v1/wheel/feed */
/* POST /api/v1/wheel/tasks: those who may manage the tasks of some unit. */
int	api_gate_wheel_manage(struct http_req *, struct http_resp *);
/* POST /api/v1/wheel/tasks/{id}/actions: a task of this tenant (else 404)
 * that the caller may do or manage (else 403). */
int	api_gate_wheel_task(struct http_req *, struct http_resp *);

#endif
