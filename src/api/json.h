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
/* 400 invalid_field "field: why", naming the field; why a msgid (N_), as
 * a module gate's result carries it, translated here. */
void	 api_invalid_field(struct http_resp *, const char *field,
	    const char *why);
/* A moment as RFC 3339 (null when 0); a string (null when NULL). New
 * references. */
json_t	*api_time_json(int64_t t);
json_t	*api_str_json(const char *s);
/* An org gate's outcome (org.h: the creates, changes and roles) as the
 * answer: 0 when it went well; else -1 with 403 (with "field: why" when
 * the refusal names one), 400 "field: why", 409 saying conflict, 404
 * saying not_found (or that the role is not held), or 500 given; both
 * sentences translated. (api/org/units.c) */
int	 api_org_answer(struct http_resp *, const struct org_result *,
	    const char *conflict, const char *not_found);

#endif
