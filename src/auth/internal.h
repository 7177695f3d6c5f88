/* internal.h: helpers shared by the auth/ files; not a contract for other
 * modules (they use auth.h). */
#ifndef ORDEN_AUTH_INTERNAL_H
#define ORDEN_AUTH_INTERNAL_H

#include <stddef.h>

#include "auth/auth.h"

#define AUTH_HASH_BYTES 32	/* BLAKE2b-256 of a token's text */

/* 32 random bytes as base64url without padding (AUTH_TOKEN_LEN chars). */
void	auth_random_token(char out[AUTH_TOKEN_LEN + 1]);
/* BLAKE2b-256 of the token text: what the database keeps. */
void	auth_token_digest(const char *token, unsigned char out[AUTH_HASH_BYTES]);
/* 1 when s is exactly AUTH_TOKEN_LEN base64url characters. */
int	auth_token_wellformed(const char *s);

/* argon2id limits of the current cost (auth_set_cost): what new password
 * hashes use. Also read by vault/, so that keys derived from a password
 * cost an attacker what the password hash does. */
void	auth_cost_limits(unsigned long long *ops, size_t *mem);

/* Around every argon2id computation (password hashes, vault keys, receipt
 * codes): waits while the small fixed number of slots is taken, so
 * concurrent logins cannot each hold a hash's memory at once. */
void	auth_hash_slot_take(void);
void	auth_hash_slot_put(void);

#endif
