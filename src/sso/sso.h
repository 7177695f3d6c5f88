/* sso.h: sign-in with the municipality's identity providers (OpenID
 * Connect, authorization code flow with PKCE, state and nonce).
 *
 *  - A municipality trusts any number of providers (sso_providers, set with
 *    `orden sso add`); each is a button on the login page.
 *  - The provider's discovery document and keys (JWKS) are fetched with
 *    libcurl and kept in a process-wide cache (discovery.c); an ID token
 *    signed with a key id the cache does not know makes it fetch the keys
 *    again once (the provider rotated them).
 *  - The ID token is verified with libcjose (idtoken.c): RS256 or ES256
 *    only, iss, aud (and azp), exp and iat with SSO_SKEW, nonce.
 *  - The person is found by the provider's configured claim, compared with
 *    Orden logins and e-mail addresses; an unknown person is refused
 *    unless the provider names a unit to create them in (as an employee).
 *  - A sign-in by a provider never opens the whistleblowing vault: the
 *    person's key is wrapped under their own passphrase (vault/), which the
 *    provider never sees (docs/SECURITY.md).
 *
 * Strings in returned structs live in ctx->arena. */
#ifndef ORDEN_SSO_H
#define ORDEN_SSO_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct arena;

#define SSO_NAME_MAX	64	/* a provider's name (the button) */
#define SSO_URL_MAX	1024
#define SSO_SKEW	120	/* seconds of clock difference allowed */
#define SSO_LOGIN_TTL	(10 * 60)	/* a sign-in under way: 10 minutes */
#define SSO_STATE_COOKIE "orden_sso_state"
#define SSO_IDP_COOKIE	"orden_sso_idp"	/* which provider signed in (logout) */

/* The claims a person may be matched by. */
enum sso_claim {
	SSO_CLAIM_EMAIL,
	SSO_CLAIM_UPN,
	SSO_CLAIM_PREFERRED_USERNAME,
	SSO_CLAIM_EPPN,		/* eduPersonPrincipalName (Feide) */
	SSO_CLAIM_MAX
};
/* "email", "upn", ... NULL when out of range. */
const char	*sso_claim_name(enum sso_claim);
/* 0 and *out for a known name, -1 otherwise. */
int		 sso_claim_parse(const char *, enum sso_claim *);

struct sso_provider {
	int64_t		 id;
	const char	*name;
	const char	*issuer;
	const char	*client_id;
	const char	*client_secret;	/* never shown */
	const char	*redirect_uri;
	enum sso_claim	 claim;
	int64_t		 create_unit_id;	/* 0: unknown people are refused */
	int		 amr_mfa;	/* the provider's amr "mfa" counts as a second factor */
	const char	*scope;		/* NULL at add: SSO_SCOPE_DEFAULT */
};
#define SSO_SCOPE_DEFAULT "openid profile email"

/* --- the providers (provider.c) ------------------------------------------- */
/* The tenant's providers by name; *v in the arena. 0 or a DB_* error. */
int	 sso_provider_list(struct ctx *, struct sso_provider **v, size_t *n);
/* 0 and *out, 1 when the tenant has no such provider, or a DB_* error. */
int	 sso_provider_get(struct ctx *, int64_t id, struct sso_provider *out);
/* Add one (id ignored), audited "sso_provider_add" (never the secret), in
 * the caller's transaction or its own. The new id, DB_CONSTRAINT when the
 * name is taken or the unit is not the tenant's, or another negative. */
int64_t	 sso_provider_add(struct ctx *, const struct sso_provider *);
/* Remove by name, audited. 0, 1 when there is none, or negative. */
int	 sso_provider_remove(struct ctx *, const char *name);

/* --- discovery and keys (discovery.c) ------------------------------------- */
/* Call once at start, before any thread (curl_global_init); and at exit. */
int	 sso_global_init(void);
void	 sso_global_free(void);
/* What discovery said about a provider (strings in the arena). */
struct sso_meta {
	const char	*issuer;
	const char	*authorization_endpoint;
	const char	*token_endpoint;
	const char	*end_session_endpoint;	/* may be NULL */
};
/* The provider's discovery document, from the cache (fetched when missing
 * or older than an hour). 0, or -1 with *why (a static, untranslated
 * English description for the log and the admin page). */
int	 sso_discover(const char *issuer, struct arena *, struct sso_meta *out,
	    const char **why);
/* The last failure to reach this issuer, or NULL when the last attempt
 * worked (or none was made): the admin page shows it. */
const char *sso_last_error(const char *issuer, struct arena *);
/* Fetch discovery and keys of every provider of every tenant once and log
 * each failure: `orden serve` at start. Never fails Orden. */
struct db;
struct dbconn;
void	 sso_check_all(struct db *, struct dbconn *);

/* --- the sign-in (flow.c) ------------------------------------------------- */
/* Begin a sign-in with provider_id: a fresh state, nonce and PKCE verifier
 * kept (sso_logins; the state only as a hash), the state value to state_out
 * (for the browser's cookie), the provider's authorization URL to *url
 * (arena). next: where to go afterwards (a local path, or NULL).
 * SSO_OK, SSO_NO_PROVIDER, SSO_PROVIDER_DOWN (discovery failed), SSO_ERROR. */
#define SSO_STATE_LEN	43
enum sso_result {
	SSO_OK,
	SSO_NO_PROVIDER,
	SSO_BAD_STATE,		/* unknown, used, expired, or not this browser's */
	SSO_PROVIDER_DOWN,	/* the provider could not be reached */
	SSO_DENIED,		/* the provider said no (error=...) or gave no code */
	SSO_TOKEN_INVALID,	/* the ID token failed verification */
	SSO_UNKNOWN_PERSON,	/* nobody matches (and creating is off), or inactive */
	SSO_ERROR
};
enum sso_result sso_begin(struct ctx *, int64_t provider_id, const char *next,
	    char state_out[SSO_STATE_LEN + 1], const char **url);
/* Finish the sign-in the provider sent back: state (from the query) must
 * equal cookie_state (this browser's) and name a sign-in under way, which
 * is consumed whatever happens next; the code is exchanged at the token
 * endpoint; the ID token verified; the person matched (or created).
 * Audited: "sso_login" or "sso_login_failed" (with the reason, never a
 * token); when second_step (may be NULL) says the person must still pass a
 * second factor (> 0) and the provider did not stand in for it (mfa),
 * "sso_login_first" instead, and the second step records the login, as for
 * a password (auth_login). On SSO_OK: *person_id, *next (a local path, arena), *provider_id,
 * *mfa (1 when the token's amr says "mfa" and the provider is trusted for
 * it). */
struct sso_done {
	int64_t		 person_id;
	int64_t		 provider_id;
	const char	*next;
	int		 mfa;
};
enum sso_result sso_finish(struct ctx *, const char *state,
	    const char *cookie_state, const char *code, const char *error,
	    int (*second_step)(struct ctx *, int64_t person_id),
	    struct sso_done *out);
/* The provider's end-session URL for a person signed in by provider_id, with
 * post_logout_redirect_uri set to the login page next to its redirect URI;
 * NULL when it has none (arena). */
const char *sso_logout_url(struct ctx *, int64_t provider_id);

/* --- the ID token (idtoken.c) --------------------------------------------- */
/* Verify a compact JWS ID token from issuer for client_id with nonce at
 * time now; on success the claims (a jansson object, the caller decrefs).
 * 0, or -1 with *why (static text). Fetches the keys again once when the
 * key id is unknown. */
struct json_t;
int	 sso_idtoken_verify(const char *jwt, const char *issuer,
	    const char *client_id, const char *nonce, int64_t now,
	    struct json_t **claims, const char **why);

/* --- HTTP client (fetch.c): GET or POST form to url; body in the arena. --- */
/* 0 with *status and *body, or -1 (could not connect, timeout, too big). */
int	 sso_http(struct arena *, const char *url, const char *post_form,
	    const char *basic_user, const char *basic_pass, long *status,
	    char **body);

/* Unit `from` is being closed into `to` (org_unit_close, in its
 * transaction; access is that gate's): providers that made new people in
 * `from` make them in `to`. 0 or a DB_* error. */
int	sso_unit_closed(struct ctx *, int64_t from, int64_t to);

#endif
