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

/* The account pages' query parameters, read with http_qtext/http_qint.
 * GET /lang: the language (nb, nn or en: auth_lang_known) and the page to
 * go back to; GET /login and /account/vault: that page alone, at AQF_NEXT
 * (web_local_next() keeps it local); GET /account/password: the banner
 * after a change (saved=1); GET /password/reset: the link's token. */
enum auth_query_field { AQF_NEXT, AQF_SET, AQF_MAX };
extern const struct field auth_lang_query[AQF_MAX + 1];
extern const struct field auth_next_query[AQF_NEXT + 2];
enum auth_saved_query { ASQ_SAVED, ASQ_MAX };
extern const struct field auth_password_query[ASQ_MAX + 1];
enum auth_reset_query { ARQ_TOKEN, ARQ_MAX };
extern const struct field auth_reset_query[ARQ_MAX + 1];
/* 1 when code is a language the interface has (nb, nn, en). */
int	auth_lang_known(const char *code);

#endif
