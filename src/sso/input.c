/* input.c: the OpenID Connect pages' query parameters (sso_input.h). */
#include "sso/sso_input.h"

#include <stddef.h>

#include "sso/sso.h"

const struct field sso_begin_query[SBQ_MAX + 1] = {
	[SBQ_NEXT]	= { "next", F_LINE, 0, 0, 1024 },
	[SBQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* The state is checked against the cookie by sso_finish, so a wrong one
 * of the right shape still gets the flow's page. A code is opaque and
 * some providers' run past a kilobyte; an error is a short ASCII code,
 * but any single line of text reaches the flow's "not signed in". */
const struct field sso_callback_query[SCQ_MAX + 1] = {
	[SCQ_STATE]	= { "state", F_LINE, 0, 0, 256 },
	[SCQ_CODE]	= { "code", F_LINE, 0, 0, 4096 },
	[SCQ_ERROR]	= { "error", F_LINE, 0, 0, 1024 },
	[SCQ_MAX]	= { NULL, 0, 0, 0, 0 }
};
