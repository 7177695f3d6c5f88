/* idtoken.c: verifying an ID token (OpenID Connect Core 3.1.3.7) with
 * libcjose: the signature by the provider's published key (RS256 or
 * ES256 only: never "none" or a shared-secret algorithm), then iss, aud
 * (and azp when there are several audiences), exp and iat within
 * SSO_SKEW, and the nonce this sign-in sent. */
#include "sso/sso.h"
#include "sso/sso_int.h"

#include <cjose/cjose.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* The key with kid (or, when the token names none, the only key) from the
 * JWK set text; NULL when there is none. The caller releases it. */
static cjose_jwk_t *
key_find(const char *jwks, const char *kid, int *found_kid)
{
	json_t		*o, *keys, *k;
	cjose_jwk_t	*jwk = NULL;
	cjose_err	 err;
	const char	*use;
	char		*text;
	size_t		 i;

	*found_kid = 0;
	if ((o = json_loads(jwks, 0, NULL)) == NULL)
		return NULL;
	keys = json_object_get(o, "keys");
	json_array_foreach(keys, i, k) {
		const char *id = json_string_value(json_object_get(k, "kid"));

		use = json_string_value(json_object_get(k, "use"));
		if (use != NULL && strcmp(use, "sig") != 0)
			continue;
		if (kid != NULL ? (id == NULL || strcmp(id, kid) != 0) :
		    json_array_size(keys) != 1)
			continue;
		*found_kid = 1;
		if ((text = json_dumps(k, JSON_COMPACT)) == NULL)
			break;
		jwk = cjose_jwk_import(text, strlen(text), &err);
		free(text);
		break;
	}
	json_decref(o);
	return jwk;
}

/* 1 when the aud claim names client_id (a string, or an array holding it,
 * and then azp, when present, must be client_id too). */
static int
aud_ok(json_t *claims, const char *client_id)
{
	json_t		*aud = json_object_get(claims, "aud"), *v;
	const char	*azp;
	size_t		 i;
	int		 found = 0;

	if (json_is_string(aud))
		return strcmp(json_string_value(aud), client_id) == 0;
	if (!json_is_array(aud))
		return 0;
	json_array_foreach(aud, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), client_id) == 0)
			found = 1;
	azp = json_string_value(json_object_get(claims, "azp"));
	if (json_array_size(aud) > 1 && (azp == NULL || strcmp(azp, client_id) != 0))
		return 0;
	return found;
}

int
sso_idtoken_verify(const char *jwt, const char *issuer, const char *client_id,
    const char *nonce, int64_t now, json_t **claims, const char **why)
{
	cjose_jws_t	*jws = NULL;
	cjose_jwk_t	*jwk = NULL;
	cjose_header_t	*hdr;
	cjose_err	 err;
	json_t		*c = NULL;
	const char	*alg, *kid, *iss, *tn;
	char		*jwks = NULL;
	uint8_t		*plain = NULL;
	size_t		 plen = 0, n;
	json_int_t	 exp, iat;
	int		 found, rc = -1;

	*claims = NULL;
	*why = "the ID token is malformed";
	if (jwt == NULL || (jws = cjose_jws_import(jwt, strlen(jwt), &err)) == NULL)
		goto out;
	hdr = cjose_jws_get_protected(jws);
	alg = hdr != NULL ? cjose_header_get(hdr, CJOSE_HDR_ALG, &err) : NULL;
	kid = hdr != NULL ? cjose_header_get(hdr, CJOSE_HDR_KID, &err) : NULL;
	if (alg == NULL || (strcmp(alg, CJOSE_HDR_ALG_RS256) != 0 &&
	    strcmp(alg, CJOSE_HDR_ALG_ES256) != 0)) {
		*why = "the ID token is not signed with RS256 or ES256";
		goto out;
	}
	if (sso_jwks_get(issuer, 0, &jwks, why) != 0)
		goto out;
	if ((jwk = key_find(jwks, kid, &found)) == NULL && !found) {
		/* A key id we have not seen: the provider may have rotated
		 * its keys since we fetched them. Fetch once more. */
		free(jwks);
		jwks = NULL;
		if (sso_jwks_get(issuer, 1, &jwks, why) != 0)
			goto out;
		jwk = key_find(jwks, kid, &found);
	}
	if (jwk == NULL) {
		*why = "the ID token is signed with a key the provider does not publish";
		goto out;
	}
	if (!cjose_jws_verify(jws, jwk, &err)) {
		*why = "the ID token's signature does not verify";
		goto out;
	}
	if (!cjose_jws_get_plaintext(jws, &plain, &plen, &err) ||
	    (c = json_loadb((const char *)plain, plen, 0, NULL)) == NULL ||
	    !json_is_object(c)) {
		*why = "the ID token's claims are not JSON";
		goto out;
	}
	iss = json_string_value(json_object_get(c, "iss"));
	if (iss == NULL || strcmp(iss, issuer) != 0) {
		*why = "the ID token is from another issuer";
		goto out;
	}
	if (!aud_ok(c, client_id)) {
		*why = "the ID token is for another client (aud)";
		goto out;
	}
	if (!json_is_integer(json_object_get(c, "exp")) ||
	    !json_is_integer(json_object_get(c, "iat"))) {
		*why = "the ID token has no exp or iat";
		goto out;
	}
	exp = json_integer_value(json_object_get(c, "exp"));
	iat = json_integer_value(json_object_get(c, "iat"));
	if (exp + SSO_SKEW <= now) {
		*why = "the ID token has expired";
		goto out;
	}
	if (iat - SSO_SKEW > now) {
		*why = "the ID token was issued in the future";
		goto out;
	}
	tn = json_string_value(json_object_get(c, "nonce"));
	n = nonce != NULL ? strlen(nonce) : 0;
	if (tn == NULL || n == 0 || strlen(tn) != n ||
	    sodium_memcmp(tn, nonce, n) != 0) {
		*why = "the ID token's nonce is not this sign-in's";
		goto out;
	}
	if (json_string_value(json_object_get(c, "sub")) == NULL) {
		*why = "the ID token has no subject";
		goto out;
	}
	*claims = c;
	c = NULL;
	*why = NULL;
	rc = 0;
out:
	json_decref(c);
	if (jwk != NULL)
		cjose_jwk_release(jwk);
	if (jws != NULL)
		cjose_jws_release(jws);
	free(jwks);
	return rc;
}
