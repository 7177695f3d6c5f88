/* flow.c: the authorization code flow (OpenID Connect Core 3.1) with PKCE
 * (RFC 7636, S256). What a sign-in under way needs is kept in sso_logins
 * under the hash of its state value, which the browser holds in a cookie
 * and the provider sends back: a state works once, for ten minutes, and
 * only in the browser that began it. */
#include "sso/sso.h"
#include "sso/sso_int.h"

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/log.h"

static const char SQL_LOGIN_PRUNE[] =
    "DELETE FROM sso_logins WHERE tenant_id = $1 AND created_at < $2";
static const char SQL_LOGIN_ADD[] =
    "INSERT INTO sso_logins (tenant_id, state_hash, provider_id, nonce,"
    " verifier, next, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_LOGIN_TAKE[] =
    "DELETE FROM sso_logins WHERE tenant_id = $1 AND state_hash = $2"
    " RETURNING provider_id, nonce, verifier, next, created_at";

/* application/x-www-form-urlencoded value of s (arena). */
static const char *
enc(struct arena *a, const char *s)
{
	char		*e;
	const char	*out;

	if (s == NULL || (e = curl_easy_escape(NULL, s, 0)) == NULL)
		return NULL;
	out = arena_strdup(a, e);
	curl_free(e);
	return out;
}

/* base64url(SHA-256(verifier)): the PKCE challenge. */
static void
pkce_challenge(const char *verifier, char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)verifier, strlen(verifier));
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, h, sizeof(h),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

enum sso_result
sso_begin(struct ctx *ctx, int64_t provider_id, const char *next,
    char state_out[SSO_STATE_LEN + 1], const char **url)
{
	struct sso_provider	 p;
	struct sso_meta		 m;
	struct dbstmt		*st = NULL;
	unsigned char		 h[AUTH_HASH_BYTES];
	char			 nonce[AUTH_TOKEN_LEN + 1], verifier[AUTH_TOKEN_LEN + 1];
	char			 chal[AUTH_TOKEN_LEN + 1];
	const char		*why;
	int			 rc, own;

	*url = NULL;
	state_out[0] = '\0';
	if ((rc = sso_provider_get(ctx, provider_id, &p)) != 0)
		return rc == 1 ? SSO_NO_PROVIDER : SSO_ERROR;
	if (sso_discover(p.issuer, ctx->arena, &m, &why) != 0)
		return SSO_PROVIDER_DOWN;
	auth_random_token(state_out);
	auth_random_token(nonce);
	auth_random_token(verifier);
	pkce_challenge(verifier, chal);
	auth_token_digest(state_out, h);

	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return SSO_ERROR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LOGIN_PRUNE,
	    &st)) == DB_OK) {
		if ((rc = db_bind_int(st, 2, ctx->now - SSO_LOGIN_TTL)) == DB_OK)
			rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
		db_reset(st);
	}
	if (rc == DB_OK && (rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_LOGIN_ADD, &st)) == DB_OK) {
		if ((rc = db_bind_blob(st, 2, h, sizeof(h))) == DB_OK &&
		    (rc = db_bind_int(st, 3, provider_id)) == DB_OK &&
		    (rc = db_bind_text(st, 4, nonce)) == DB_OK &&
		    (rc = db_bind_text(st, 5, verifier)) == DB_OK &&
		    (rc = db_bind_text(st, 6, next)) == DB_OK &&
		    (rc = db_bind_int(st, 7, ctx->now)) == DB_OK)
			rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
		db_reset(st);
	}
	sodium_memzero(verifier, sizeof(verifier));
	if (db_tx_finish(ctx->conn, own, rc) < 0)
		return SSO_ERROR;
	*url = arena_printf(ctx->arena, "%s%sresponse_type=code&client_id=%s"
	    "&redirect_uri=%s&scope=%s&state=%s&nonce=%s&code_challenge=%s"
	    "&code_challenge_method=S256", m.authorization_endpoint,
	    strchr(m.authorization_endpoint, '?') != NULL ? "&" : "?",
	    enc(ctx->arena, p.client_id), enc(ctx->arena, p.redirect_uri),
	    enc(ctx->arena, p.scope), state_out, nonce, chal);
	return *url != NULL ? SSO_OK : SSO_ERROR;
}

/* Take the sign-in under way named by state (hash), whatever follows: a
 * state is good once. 0 with the fields (arena), 1 when there is none or
 * it expired, negative on a database error. Commits at once when it has
 * its own transaction, so a replay fails even if the rest of this one does. */
struct pending {
	int64_t		 provider_id, created_at;
	const char	*nonce, *verifier, *next;
};

static int
login_take(struct ctx *ctx, const char *state, struct pending *out)
{
	struct dbstmt	*st;
	unsigned char	 h[AUTH_HASH_BYTES];
	int		 rc, own, found = 0;

	memset(out, 0, sizeof(*out));
	auth_token_digest(state, h);
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LOGIN_TAKE,
	    &st)) == DB_OK) {
		if ((rc = db_bind_blob(st, 2, h, sizeof(h))) == DB_OK &&
		    (rc = db_step(st)) == DB_ROW) {
			found = 1;
			out->provider_id = db_col_int(st, 0);
			out->nonce = arena_strdup(ctx->arena, db_col_text(st, 1));
			out->verifier = arena_strdup(ctx->arena, db_col_text(st, 2));
			out->next = arena_strdup(ctx->arena, db_col_text(st, 3));
			out->created_at = db_col_int(st, 4);
			rc = db_step(st);
		}
		rc = rc == DB_DONE ? DB_OK : rc < 0 ? rc : DB_ERR;
		db_reset(st);
	}
	if ((rc = db_tx_finish(ctx->conn, own, rc)) < 0)
		return rc;
	if (!found || out->nonce == NULL || out->verifier == NULL ||
	    out->created_at < ctx->now - SSO_LOGIN_TTL)
		return 1;
	return 0;
}

/* Exchange the code at the token endpoint; the ID token text (arena). */
static enum sso_result
exchange(struct ctx *ctx, const struct sso_provider *p,
    const struct sso_meta *m, const char *code, const struct pending *pd,
    const char **id_token, const char **why)
{
	const char	*form;
	char		*body;
	long		 status;
	json_t		*o;
	enum sso_result	 r;

	*id_token = NULL;
	form = arena_printf(ctx->arena, "grant_type=authorization_code&code=%s"
	    "&redirect_uri=%s&code_verifier=%s", enc(ctx->arena, code),
	    enc(ctx->arena, p->redirect_uri), pd->verifier);
	if (form == NULL)
		return SSO_ERROR;
	/* RFC 6749 2.3.1: client id and secret form-encoded, then Basic. */
	if (sso_http(ctx->arena, m->token_endpoint, form,
	    enc(ctx->arena, p->client_id), enc(ctx->arena, p->client_secret),
	    &status, &body) != 0) {
		*why = "the token endpoint did not answer";
		return SSO_PROVIDER_DOWN;
	}
	if (status >= 500) {
		*why = "the token endpoint failed";
		return SSO_PROVIDER_DOWN;
	}
	if (status != 200) {
		*why = "the token endpoint refused the code";
		return SSO_DENIED;
	}
	if ((o = json_loads(body, 0, NULL)) == NULL) {
		*why = "the token answer is not JSON";
		return SSO_TOKEN_INVALID;
	}
	*id_token = arena_strdup(ctx->arena,
	    json_string_value(json_object_get(o, "id_token")));
	json_decref(o);
	r = *id_token != NULL ? SSO_OK : SSO_TOKEN_INVALID;
	if (r != SSO_OK)
		*why = "the token answer has no ID token";
	return r;
}

/* 1 when the token's amr names "mfa" (RFC 8176). */
static int
amr_mfa(json_t *claims)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(json_object_get(claims, "amr"), i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), "mfa") == 0)
			return 1;
	return 0;
}

/* Whether s holds a control character (below 0x20, or DEL). */
static int
has_control(const char *s)
{
	const unsigned char *u;

	for (u = (const unsigned char *)s; *u != '\0'; u++)
		if (*u < 0x20 || *u == 0x7f)
			return 1;
	return 0;
}

/* The person the claims name, or a new one when the provider may create
 * (an employee of its unit). 0 and *pid, 1 when nobody may sign in. */
static int
match_person(struct ctx *ctx, const struct sso_provider *p, json_t *claims,
    int64_t *pid, const char **why)
{
	struct person	 who;
	const char	*name, *display, *email;
	int64_t		 id;
	int		 rc, own;

	*pid = 0;
	name = json_string_value(json_object_get(claims, sso_claim_name(p->claim)));
	if (name == NULL || *name == '\0' || strlen(name) > 200) {
		*why = "the ID token lacks the configured claim";
		return 1;
	}
	/* The claim becomes a login that the audit, the logs and the pages
	 * show: a line break or other control character in it is no name
	 * any person has, and never matches one. */
	if (has_control(name)) {
		*why = "the configured claim holds a control character";
		return 1;
	}
	rc = org_person_by_sso_name(ctx, name, &who);
	if (rc == 0) {
		if (!who.active) {
			*why = "the person is not active";
			return 1;
		}
		*pid = who.id;
		return 0;
	}
	if (rc == -2) {
		*why = "two people have this e-mail address";
		return 1;
	}
	if (rc != -1)
		return rc;
	if (p->create_unit_id <= 0) {
		*why = "nobody in Orden matches";
		return 1;
	}
	display = json_string_value(json_object_get(claims, "name"));
	email = json_string_value(json_object_get(claims, "email"));
	if (display != NULL && (has_control(display) || strlen(display) > 200))
		display = NULL;
	memset(&who, 0, sizeof(who));
	who.login = name;
	who.name = display != NULL && *display != '\0' ? display : name;
	/* The provider's e-mail claim is data from outside: one org refuses
	 * (a line break would add headers or recipients to every e-mail
	 * Orden sends the person) is left out; the person is still made. */
	who.email = email != NULL && org_email_ok(email) ? email : NULL;
	who.unit_id = p->create_unit_id;
	who.active = 1;
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return rc;
	/* Created by the system (ctx->user is NULL): only as an employee. */
	id = org_person_create(ctx, &who);
	if (id > 0 && org_role_grant(ctx, id, ROLE_EMPLOYEE, p->create_unit_id) <= 0)
		id = DB_ERR;
	if ((rc = db_tx_finish(ctx->conn, own, id > 0 ? 0 : (int)id)) < 0)
		return rc;
	*pid = id;
	return 0;
}

static void
audit_fail(struct ctx *ctx, const struct sso_provider *p, const char *why)
{
	const char *detail = arena_printf(ctx->arena, "provider=%s reason=%s",
	    p != NULL && p->name != NULL ? p->name : "?", why != NULL ? why : "?");

	if (audit_append(ctx, "sso_login_failed", "sso_provider",
	    p != NULL ? p->id : 0, detail) != 0)
		log_event("sso_error", "op", "audit", NULL);
	log_event("sso_login_failed", "why", why != NULL ? why : "?", NULL);
}

enum sso_result
sso_finish(struct ctx *ctx, const char *state, const char *cookie_state,
    const char *code, const char *error,
    int (*second_step)(struct ctx *, int64_t), struct sso_done *out)
{
	struct pending		 pd;
	struct sso_provider	 p;
	struct sso_meta		 m;
	json_t			*claims = NULL;
	const char		*idt, *why = NULL;
	enum sso_result		 r;
	size_t			 n;
	int			 rc, second = 0;

	memset(out, 0, sizeof(*out));
	if (state == NULL || cookie_state == NULL ||
	    (n = strlen(state)) != SSO_STATE_LEN || strlen(cookie_state) != n ||
	    sodium_memcmp(state, cookie_state, n) != 0)
		return SSO_BAD_STATE;
	if ((rc = login_take(ctx, state, &pd)) != 0)
		return rc == 1 ? SSO_BAD_STATE : SSO_ERROR;
	if ((rc = sso_provider_get(ctx, pd.provider_id, &p)) != 0)
		return rc == 1 ? SSO_NO_PROVIDER : SSO_ERROR;
	if (error != NULL || code == NULL || *code == '\0') {
		audit_fail(ctx, &p, "the provider did not sign the person in");
		return SSO_DENIED;
	}
	if (sso_discover(p.issuer, ctx->arena, &m, &why) != 0) {
		audit_fail(ctx, &p, why);
		return SSO_PROVIDER_DOWN;
	}
	if ((r = exchange(ctx, &p, &m, code, &pd, &idt, &why)) != SSO_OK) {
		audit_fail(ctx, &p, why);
		return r;
	}
	if (sso_idtoken_verify(idt, p.issuer, p.client_id, pd.nonce, ctx->now,
	    &claims, &why) != 0) {
		audit_fail(ctx, &p, why);
		return why != NULL && strstr(why, "could not be fetched") != NULL ?
		    SSO_PROVIDER_DOWN : SSO_TOKEN_INVALID;
	}
	rc = match_person(ctx, &p, claims, &out->person_id, &why);
	out->mfa = p.amr_mfa && amr_mfa(claims);
	json_decref(claims);
	if (rc != 0) {
		if (rc < 0)
			return SSO_ERROR;
		audit_fail(ctx, &p, why);
		return SSO_UNKNOWN_PERSON;
	}
	/* Not "logged in" of someone the second factor may still stop. */
	if (!out->mfa && second_step != NULL &&
	    (second = second_step(ctx, out->person_id)) < 0)
		return SSO_ERROR;
	if (audit_append_as(ctx, out->person_id,
	    second > 0 ? "sso_login_first" : "sso_login", "person",
	    out->person_id, arena_printf(ctx->arena, "provider=%s", p.name)) != 0)
		return SSO_ERROR;
	out->provider_id = p.id;
	out->next = pd.next;
	return SSO_OK;
}

const char *
sso_logout_url(struct ctx *ctx, int64_t provider_id)
{
	struct sso_provider	 p;
	struct sso_meta		 m;
	const char		*why, *slash, *back;

	if (sso_provider_get(ctx, provider_id, &p) != 0 ||
	    sso_discover(p.issuer, ctx->arena, &m, &why) != 0 ||
	    m.end_session_endpoint == NULL)
		return NULL;
	/* Back to this municipality's login page: the redirect URI's origin. */
	slash = strstr(p.redirect_uri, "://");
	slash = slash != NULL ? strchr(slash + 3, '/') : NULL;
	back = arena_printf(ctx->arena, "%.*s/login",
	    (int)(slash != NULL ? (size_t)(slash - p.redirect_uri) :
	    strlen(p.redirect_uri)), p.redirect_uri);
	return arena_printf(ctx->arena, "%s%sclient_id=%s&post_logout_redirect_uri=%s",
	    m.end_session_endpoint,
	    strchr(m.end_session_endpoint, '?') != NULL ? "&" : "?",
	    enc(ctx->arena, p.client_id), enc(ctx->arena, back));
}
