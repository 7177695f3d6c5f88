/* auth_input.c: the account forms' fields (auth_input.h). */
#include "auth/auth_input.h"

#include <stddef.h>
#include <string.h>

#include "auth/auth.h"

const struct field auth_login_fields[ALF_MAX + 1] = {
	[ALF_LOGIN]	= { "login", F_LINE, 1, 1, 200 },
	[ALF_PASSWORD]	= { "password", F_LINE, 1, 1, AUTH_PASSWORD_MAX },
	[ALF_NEXT]	= { "next", F_LINE, 0, 0, 1024 },
	[ALF_LOGIN_CSRF] = { "login_csrf", F_CODE, 0, 0, 64 },
	[ALF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field auth_password_fields[APF_MAX + 1] = {
	[APF_CURRENT]	= { "current", F_LINE, 1, 1, AUTH_PASSWORD_MAX },
	[APF_NEW]	= { "new", F_LINE, 1, 1, AUTH_PASSWORD_MAX },
	[APF_REPEAT]	= { "repeat", F_LINE, 1, 1, AUTH_PASSWORD_MAX },
	[APF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field auth_forgot_fields[AFF_MAX + 1] = {
	[AFF_LOGIN]	= { "login", F_LINE, 1, 1, 128 },
	[AFF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field auth_reset_fields[ARF_MAX + 1] = {
	[ARF_TOKEN]	= { "token", F_LINE, 1, 1, 64 },
	[ARF_NEW]	= { "new", F_LINE, 1, 1, AUTH_PASSWORD_MAX },
	[ARF_REPEAT]	= { "repeat", F_LINE, 1, 1, AUTH_PASSWORD_MAX },
	[ARF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field auth_lang_query[AQF_MAX + 1] = {
	[AQF_NEXT]	= { "next", F_LINE, 0, 0, 1024 },
	[AQF_SET]	= { "set", F_CODE, 0, 0, 8 },
	[AQF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field auth_next_query[AQF_NEXT + 2] = {
	[AQF_NEXT]	= { "next", F_LINE, 0, 0, 1024 },
	[AQF_NEXT + 1]	= { NULL, 0, 0, 0, 0 }
};

const struct field auth_password_query[ASQ_MAX + 1] = {
	[ASQ_SAVED]	= { "saved", F_BOOL, 0, 0, 1 },
	[ASQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* A malformed token is the page's own 400 (auth_token_wellformed), which
 * says how to get a new link: the bound leaves room for a link pasted
 * with what a mail program adds, so that it still gets that page. */
const struct field auth_reset_query[ARQ_MAX + 1] = {
	[ARQ_TOKEN]	= { "token", F_LINE, 0, 0, 256 },
	[ARQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

int
auth_lang_known(const char *code)
{
	return code != NULL && (strcmp(code, "nb") == 0 ||
	    strcmp(code, "nn") == 0 || strcmp(code, "en") == 0);
}
