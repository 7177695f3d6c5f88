/* auth_input.h: the fields of the account forms (login, changing one's
 * password, asking for and using a reset link), declared once beside the
 * code that checks them. The pages in web/account/ route with these
 * tables and reach each value by its enum (http_text), never by its name
 * as a string. There is no JSON face for these: an API client holds a
 * token (auth/token.c), not a password. */
#ifndef ORDEN_AUTH_INPUT_H
#define ORDEN_AUTH_INPUT_H

#include "http/http.h"

/* Positions in auth_login_fields. */
enum auth_login_field {
	ALF_LOGIN,
	ALF_PASSWORD,
	ALF_NEXT,	/* where to go after; web_local_next() keeps it local */
	ALF_LOGIN_CSRF,	/* the login form's own token (no session yet) */
	ALF_MAX
};
extern const struct field auth_login_fields[ALF_MAX + 1];

/* Positions in auth_password_fields. The length floor is checked by the
 * handler, not here, so that the message can say how long a password
 * must be. */
enum auth_password_field {
	APF_CURRENT,
	APF_NEW,
	APF_REPEAT,
	APF_MAX
};
extern const struct field auth_password_fields[APF_MAX + 1];

/* Positions in auth_forgot_fields. */
enum auth_forgot_field {
	AFF_LOGIN,
	AFF_MAX
};
extern const struct field auth_forgot_fields[AFF_MAX + 1];

/* Positions in auth_reset_fields. */
enum auth_reset_field {
	ARF_TOKEN,
	ARF_NEW,
	ARF_REPEAT,
	ARF_MAX
};
extern const struct field auth_reset_fields[ARF_MAX + 1];

#endif
