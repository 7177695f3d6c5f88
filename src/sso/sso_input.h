/* sso_input.h: the OpenID Connect pages' query parameters, declared once
 * and read with http_qtext. GET /login/sso/{id}: where to go after
 * (web_local_next() keeps it local). GET /login/sso/callback: the
 * provider's answer (OpenID Connect Core 3.1.2.5/3.1.2.6): our state back
 * (SSO_STATE_LEN base64url characters; any other is the flow's "expired"
 * page), the code, or an error code, which the flow turns into its own
 * "not signed in" page. */
#ifndef ORDEN_SSO_INPUT_H
#define ORDEN_SSO_INPUT_H

#include "http/http.h"

enum sso_begin_query { SBQ_NEXT, SBQ_MAX };
extern const struct field sso_begin_query[SBQ_MAX + 1];
enum sso_callback_query { SCQ_STATE, SCQ_CODE, SCQ_ERROR, SCQ_MAX };
extern const struct field sso_callback_query[SCQ_MAX + 1];

#endif
