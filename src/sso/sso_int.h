/* sso_int.h: between the sso/ files; other modules use sso.h. */
#ifndef ORDEN_SSO_INT_H
#define ORDEN_SSO_INT_H

#include "sso/sso.h"

/* The JWKS of issuer as JSON text (malloc'd; the caller frees), from the
 * cache or fetched when missing or when refresh is set (a key id the cached
 * set does not have: the provider rotated its keys). 0, or -1 with *why. */
int	sso_jwks_get(const char *issuer, int refresh, char **json,
	    const char **why);

#endif
