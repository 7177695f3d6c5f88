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

/* An administrator's reset of person_id's password (reset.c): a new
 * one-time password into pw (shown once by the caller), must be changed at
 * the next login; the old whistleblowing key dropped; all the person's
 * sessions ended; audited "password_reset". In the caller's transaction or
 * its own. 0 or -1 (pw wiped). */
int	auth_password_reset(struct ctx *, int64_t person_id, char *pw,
	    size_t pwsz);

/* Forgotten password by e-mail (forgot.c). request: when login names an
 * active person with an address and no link was made for them in the last
 * AUTH_RESET_GAP seconds, a one-time link token (only its hash is kept)
 * goes to their outbox (notify/mail.h), valid 30 minutes. 0 whatever the
 * login, so the caller answers the same; negative only when the store
 * fails. finish: the token's person gets password pw (>=
 * AUTH_PASSWORD_MIN characters), the token is used up, their old
 * whistleblowing key is dropped as after an administrator's reset
 * (vault_person_forget: `orden whistle reseal` or a co-handler gives them
 * the cases again), every session ends; audited "password_reset_mail".
 * 0, AUTH_RESET_BAD (no such token, used or expired), AUTH_RESET_SHORT, or
 * negative. */
#define AUTH_RESET_GAP		(5 * 60)
#define AUTH_RESET_BAD		1
#define AUTH_RESET_SHORT	2
int	auth_reset_request(struct ctx *, const char *login);
int	auth_reset_finish(struct ctx *, const char *token, const char *pw);

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
/* A session looked up before, checked again at ctx->now without reading
 * it (src/http/ident.c): 1 when it is within its idle and absolute
 * expiry, and then, when touch and last_seen is due (at most once a
 * minute, as auth_session_lookup does), writes last_seen and updates s.
 * 0 when expired (the caller looks it up again, which deletes it); -1
 * when the write failed. */
int	auth_session_recheck(struct ctx *, struct session *s, int touch);
int	auth_session_destroy(struct ctx *, const char *token);
/* The person's secret key (src/vault/) rides in the session wrapped under
 * a key derived from the cookie value, which the database never holds.
 * attach: after auth_session_create, at login (the password unlocked it).
 * secret: in a request, from the cookie value; -1 when the session has none. */
int	auth_session_attach_secret(struct ctx *, const char *token,
	    const unsigned char sk[32]);
int	auth_session_secret(struct ctx *, const char *token, unsigned char sk[32]);
/* End every session of person_id but keep_id (0: all of them), in the
 * caller's transaction: after a password change (the other sessions) or a
 * reset (all). Audited "sessions_ended" when any ended. Their number, or
 * negative. API tokens are not touched: they are credentials of their own,
 * listed and revoked with `orden token` and the admin page. */
int	auth_sessions_end(struct ctx *, int64_t person_id, int64_t keep_id);
/* Constant-time check of a submitted CSRF token. 1 if it matches. */
int	auth_csrf_check(const struct session *, const char *submitted);
/* Drop the wrapped secret key from every session of the person (their
 * keypair is gone: vault_person_forget). 0 or a DB_* error. */
int	auth_session_forget_secret(struct ctx *, int64_t person_id);

/* --- random tokens (sessions, API tokens, whistle receipt sessions) ------- */
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

/* --- API tokens ----------------------------------------------------------- */
#define AUTH_API_PREFIX "orden_"
#define AUTH_TOKEN_LIFETIME	(365 * 24 * 60 * 60)	/* the default: a year */
/* New bearer token for person, valid until expires_at (after ctx->now);
 * the token text goes to out (shown once, only its hash is stored).
 * Audited "token_create". Commits itself. 0 or negative.
 * auth_token_create: the same with the default lifetime. */
int	auth_token_create(struct ctx *, int64_t person_id, const char *label,
	    char *out, size_t outsz);
int	auth_token_create_until(struct ctx *, int64_t person_id,
	    const char *label, int64_t expires_at, char *out, size_t outsz);
/* The tenant's tokens, newest first (never their text, which is not
 * kept). Times are 0 when not set. Strings and the array in the arena. */
struct auth_token_info {
	int64_t		 id, person_id;
	const char	*login, *name, *label;	/* label may be NULL */
	int64_t		 created_at, last_used, expires_at, revoked_at;
};
int	auth_token_list(struct ctx *, struct auth_token_info **, size_t *n);
/* Revoke token_id of ctx's tenant at ctx->now, audited "token_revoke".
 * In the caller's transaction or its own. 0, 1 when there is no such
 * token (or it is revoked already), -1 on error. */
int	auth_token_revoke(struct ctx *, int64_t token_id);
/* Resolve a bearer token to its person in ctx's tenant (the one the host
 * chose) at ctx->now: sets *person_id. 0, or -1 when it is malformed,
 * unknown, revoked or expired there; a token of another tenant is unknown
 * here. */
int	auth_token_resolve(struct ctx *, const char *token, int64_t *person_id);
/* The same, with what a process may keep of the token to check it again
 * later without the database (src/http/ident.c): its id, its expiry (0:
 * none) and its last use as written. */
struct auth_token_seen {
	int64_t	id;
	int64_t	person_id;
	int64_t	expires_at;
	int64_t	last_used;
};
int	auth_token_resolve_seen(struct ctx *, const char *token,
	    struct auth_token_seen *out);
/* Is the token seen before still within its expiry at ctx->now? Then
 * writes its last use when that is due (at most once a minute, as a
 * resolve does) and updates s. 1 live, 0 expired; -1 when the write
 * failed. */
int	auth_token_recheck(struct ctx *, struct auth_token_seen *s);

/* --- throttling ------------------------------------------------------------ */
/* Growing delays, never a lock (throttle.c): the n-th failure past the free
 * ones waits AUTH_THROTTLE_BASE * 2^n seconds from the last failure, up to
 * the cap. Per (login, address) and, more gently, per login from anywhere,
 * so the right password from another address still gets in. Failures older
 * than the window are forgotten. */
#define AUTH_THROTTLE_WINDOW	(60 * 60)
#define AUTH_THROTTLE_BASE	15		/* seconds: the first delay */
#define AUTH_THROTTLE_PAIR_FREE	3		/* failures per (login, address) */
#define AUTH_THROTTLE_PAIR_CAP	(15 * 60)
#define AUTH_THROTTLE_KEY_FREE	10		/* failures per login, all addresses */
#define AUTH_THROTTLE_KEY_CAP	60

/* The delay after `failures` failures with `nfree` free ones, capped. */
int64_t	auth_throttle_delay(int64_t failures, int64_t nfree, int64_t cap);
/* Seconds until another attempt for (login, addr) is allowed; 0 = now. */
int64_t	auth_throttle_wait(struct ctx *, const char *login, const char *addr);
void	auth_throttle_fail(struct ctx *, const char *login, const char *addr);
/* After a success: forget the failures of (login, addr) only. */
void	auth_throttle_clear(struct ctx *, const char *login, const char *addr);

/* Full password login: throttle check, lookup, verify, audit (login /
 * login_failed / login_throttled). On success *person_id is set.
 * second_step (may be NULL) says whether the person must still pass a
 * second factor (> 0): then the audit row is login_password, and the
 * second step records the login itself (totp_check), so the audit log
 * never says "logged in" of someone stopped at the second factor.
 * Returns AUTH_OK, AUTH_BAD (unknown login or wrong password, one answer
 * for both), AUTH_THROTTLED (*retry_after set), or AUTH_ERROR. */
enum auth_result { AUTH_OK, AUTH_BAD, AUTH_THROTTLED, AUTH_ERROR };
enum auth_result auth_login(struct ctx *, const char *login, const char *pw,
	    int (*second_step)(struct ctx *, int64_t person_id),
	    int64_t *person_id, int64_t *retry_after);

#endif
