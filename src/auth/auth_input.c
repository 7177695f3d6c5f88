/* auth_input.c: the account forms' fields (auth_input.h). */
#include "auth/auth_input.h"

#include <stddef.h>

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
