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

#endif
