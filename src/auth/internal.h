/* internal.h: helpers shared by the auth/ files; not a contract for other
 * modules (they use auth.h). */
#ifndef ORDEN_AUTH_INTERNAL_H
#define ORDEN_AUTH_INTERNAL_H

#include <stddef.h>

#include "auth/auth.h"

/* The token helpers and auth_cost_limits moved to auth.h, where vault/
 * and whistle/ may use them. */

/* Around every argon2id computation (password hashes, vault keys, receipt
 * codes): waits while the small fixed number of slots is taken, so
 * concurrent logins cannot each hold a hash's memory at once. */
void	auth_hash_slot_take(void);
void	auth_hash_slot_put(void);

#endif
