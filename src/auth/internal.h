/* internal.h: helpers shared by the auth/ files; not a contract for other
 * modules (they use auth.h). */
#ifndef ORDEN_AUTH_INTERNAL_H
#define ORDEN_AUTH_INTERNAL_H

#include <stddef.h>

#include "auth/auth.h"

/* The token helpers and auth_cost_limits moved to auth.h, where vault/
 * and whistle/ may use them. */

#endif
