/* json.h: how org objects look in the API. Each returns a new reference
 * (caller owns it, usually by handing it to http_json or a container). */
#ifndef ORDEN_API_JSON_H
#define ORDEN_API_JSON_H

#include <jansson.h>

#include "org/org.h"

json_t	*api_unit_json(const struct unit *);
json_t	*api_person_json(const struct person *);
json_t	*api_roles_json(const struct roleset *);
/* Forbidden, not found and store failures, said the same way everywhere. */
struct http_resp;
void	 api_forbidden(struct http_resp *);
void	 api_not_found(struct http_resp *, const char *what);
void	 api_store_error(struct http_resp *);
/* An org gate's outcome (org.h: the creates, changes and roles) as the
 * answer: 0 when it went well; else -1 with 403 (with "field: why" when
 * the refusal names one), 400 "field: why", 409 saying conflict, 404
 * saying not_found (or that the role is not held), or 500 given; both
 * sentences translated. (api/org/units.c) */
int	 api_org_answer(struct http_resp *, const struct org_result *,
	    const char *conflict, const char *not_found);

#endif
