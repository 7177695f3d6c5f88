/* ident.h: the per-process cache of who is asking (issue 13). A signed-in
 * request needed the tenant of its host, its session or token, the
 * person, their roles and whether their password must change: five
 * statements before any work (five round trips on PostgreSQL). This
 * keeps what they found, per process, and gives it again while the
 * tenant's identity generation (store_tx.h, db_gens) is the one read
 * before it was found; the server reads that generation together with
 * the data generation, in one statement per request.
 *
 * Every write that can change those answers bumps the generation, in its
 * own transaction, whichever process wrote (store.c). Time alone changes
 * only expiries, which the server checks in C against the kept values on
 * every request (auth_session_recheck, auth_token_recheck). A failed
 * authentication is never kept: an unknown secret always goes to the
 * database.
 *
 * Entries are few (an LRU by count) and keyed by tenant and the BLAKE2b
 * digest of the secret, compared in constant time; an entry's digest and
 * CSRF token are wiped when it goes. Secrets are never logged. Thread-
 * safe. */
#ifndef ORDEN_HTTP_IDENT_H
#define ORDEN_HTTP_IDENT_H

#include <stddef.h>
#include <stdint.h>

#include "auth/auth.h"
#include "org/org.h"

struct arena;
struct buf;

/* What authenticating a request found. */
struct http_ident {
	int			 via_token;
	struct session		 session;	/* a cookie's */
	struct auth_token_seen	 token;		/* a bearer token's */
	struct person		 person;
	struct roleset		 roles;
	int			 password_pending;
	int64_t			 made;	/* when kept (0: not kept yet) */
};

/* An entry is also given for at most a minute after it was found (now,
 * in seconds): what bounds a change no generation sees (SQL typed by
 * hand into the database). */

/* The tenant of host (NULL: no Host header) as kept, with the identity
 * generation it was found at: 0, or -1 when none is kept. The strings are
 * copied to the arena. */
int	http_ident_tenant_get(const char *host, int64_t now, struct arena *,
	    struct tenant *out, int64_t *gen);
/* Keep the tenant of host, found at identity generation gen (read before
 * it was found) at time now. Copies. */
void	http_ident_tenant_put(const char *host, const struct tenant *,
	    int64_t gen, int64_t now);

/* The identity of the secret whose digest is given (a session cookie's
 * when via_token is 0, a bearer token's otherwise) in tenant_id, kept at
 * generation gen: 0 and *out, its strings and roles in the arena; -1
 * otherwise (an entry of another generation is dropped). */
int	http_ident_get(int64_t tenant_id, int via_token,
	    const unsigned char digest[AUTH_HASH_BYTES], int64_t gen,
	    int64_t now, struct arena *, struct http_ident *out);
/* Keep (or replace) the identity of the digest, found at generation gen
 * (read before it was found) at time now, or at id->made when that is set
 * (a kept one given back with a new last use: it ages all the same).
 * Copies. */
void	http_ident_put(int64_t tenant_id,
	    const unsigned char digest[AUTH_HASH_BYTES], int64_t gen,
	    int64_t now, const struct http_ident *);

/* Drop every entry (tests, shutdown). */
void	http_ident_clear(void);

/* Prometheus lines of the counters (metrics.c). */
void	http_ident_metrics(struct buf *);

#endif
