/* auth.h: who is asking. Passwords (argon2id), server-side sessions with
 * CSRF tokens, API bearer tokens, and login throttling.
 *
 * Secrets (passwords, session and API tokens) are never logged, never put in
 * URLs, compared in constant time, and wiped with sodium_memzero after use.
 * The database holds only hashes of session and API tokens. */
#ifndef ORDEN_AUTH_H
#define ORDEN_AUTH_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct dbconn;

/* Call once at start (sodium_init). 0 or -1. */
int	auth_init(void);

/* --- passwords ------------------------------------------------------------ */
#define AUTH_HASH_MAX 128	/* >= crypto_pwhash_STRBYTES */
#define AUTH_PASSWORD_MIN 10
#define AUTH_PASSWORD_MAX 256

/* Cost of new hashes: AUTH_COST_DEFAULT (libsodium "moderate"-ish,
 * for production) or AUTH_COST_TEST (the minimum; only for test servers). */
enum auth_cost { AUTH_COST_DEFAULT, AUTH_COST_TEST };
void	auth_set_cost(enum auth_cost);

/* argon2id hash of pw into out (NUL-terminated). 0 or -1. */
int	auth_password_hash(const char *pw, char out[AUTH_HASH_MAX]);
/* 1 if pw matches hash, 0 otherwise. With hash NULL it still spends the
 * same time (against a dummy hash) so unknown logins cannot be told apart. */
int	auth_password_verify(const char *hash, const char *pw);
/* 1 when a (verified) hash was made with other limits than new hashes get:
 * the login replaces it with one of the current cost. */
int	auth_password_needs_rehash(const char *hash);
/* A random human-typable one-time password (e.g. "kfpr-7wzt-m2qa-9hxe")
 * into out. */
void	auth_password_generate(char *out, size_t outsz);

/* --- sessions ------------------------------------------------------------- */
#define AUTH_SESSION_IDLE	(60 * 60)		/* 1 hour idle */
#define AUTH_SESSION_ABSOLUTE	(12 * 60 * 60)		/* 12 hours at most */
#define AUTH_COOKIE		"orden_session"
#define AUTH_TOKEN_LEN		43	/* base64url of 32 random bytes */

struct session {
	int64_t	id;
	int64_t	person_id;
	int64_t	tenant_id;
	char	csrf[AUTH_TOKEN_LEN + 1];
	int64_t	created_at;
	int64_t	last_seen;
};

/* New session for person in ctx->tenant_id; the cookie value goes to
 * token_out (never stored). Commits itself. 0 or negative. */
int	auth_session_create(struct ctx *, int64_t person_id,
	    char token_out[AUTH_TOKEN_LEN + 1], struct session *out);
/* Look up by cookie value in ctx->tenant_id; refuses expired ones (idle or
 * absolute, by ctx->now) and deletes them; touches last_seen.
 * 0 and *out, or -1 when there is no valid session. */
int	auth_session_lookup(struct ctx *, const char *token, struct session *out);
/* The same without touching last_seen: on a whistleblower's routes, so that
 * an anonymous report sent from a logged-in browser leaves no trace in that
 * person's session row to match against the time the report arrived. */
int	auth_session_peek(struct ctx *, const char *token, struct session *out);
int	auth_session_destroy(struct ctx *, const char *token);
/* The person's secret key (src/vault/) rides in the session wrapped under
 * a key derived from the cookie value, which the database never holds.
 * attach: after auth_session_create, at login (the password unlocked it).
 * secret: in a request, from the cookie value; -1 when the session has none. */
int	auth_session_attach_secret(struct ctx *, const char *token,
	    const unsigned char sk[32]);
int	auth_session_secret(struct ctx *, const char *token, unsigned char sk[32]);
/* Constant-time check of a submitted CSRF token. 1 if it matches. */
int	auth_csrf_check(const struct session *, const char *submitted);

/* --- API tokens ----------------------------------------------------------- */
#define AUTH_API_PREFIX "orden_"
/* New bearer token for person; the token text goes to out (shown once,
 * only its hash is stored). Commits itself. 0 or negative. */
int	auth_token_create(struct ctx *, int64_t person_id, const char *label,
	    char *out, size_t outsz);
/* Resolve a bearer token to its person in ctx's tenant (the one the host
 * chose) at ctx->now: sets *person_id. 0, or -1 when it is malformed,
 * unknown or revoked there; a token of another tenant is unknown here. */
int	auth_token_resolve(struct ctx *, const char *token, int64_t *person_id);

/* --- throttling ------------------------------------------------------------ */
#define AUTH_THROTTLE_WINDOW	(15 * 60)
#define AUTH_THROTTLE_PER_LOGIN	5	/* failures per account per window */
#define AUTH_THROTTLE_PER_ADDR	20	/* failures per address per window */

/* Seconds until another attempt for (login, addr) is allowed; 0 = now. */
int64_t	auth_throttle_wait(struct ctx *, const char *login, const char *addr);
void	auth_throttle_fail(struct ctx *, const char *login, const char *addr);
void	auth_throttle_clear(struct ctx *, const char *login);

/* Full password login: throttle check, lookup, verify, audit (login /
 * login_failed / login_throttled). On success *person_id is set.
 * Returns AUTH_OK, AUTH_BAD (unknown login or wrong password, one answer
 * for both), AUTH_THROTTLED (*retry_after set), or AUTH_ERROR. */
enum auth_result { AUTH_OK, AUTH_BAD, AUTH_THROTTLED, AUTH_ERROR };
enum auth_result auth_login(struct ctx *, const char *login, const char *pw,
	    int64_t *person_id, int64_t *retry_after);

#endif
