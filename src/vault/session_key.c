/* session_key.c: a person's secret key carried by their session. At login
 * the password unlocks the key; it is then wrapped under a key derived from
 * the session cookie value, which only the browser holds (the database keeps
 * a plain BLAKE2b digest of it, which is not this key: this one is keyed
 * with a context string of its own). Each request unwraps it again. */
#include "vault/vault.h"
#include "vault/vault_int.h"

#include <sodium.h>
#include <string.h>

/* The BLAKE2b key that separates this derivation from every other hash of
 * a cookie value (the stored token digest is unkeyed). 32 bytes. */
static const char SESSION_KDF_KEY[] = "orden/vault/session-key/v1......";
_Static_assert(sizeof(SESSION_KDF_KEY) - 1 == 32, "BLAKE2b key length");
static const char SESSION_AD[] = "orden/vault/session-sk/v1";

#define TOKEN_MAX 256

/* key = BLAKE2b-256(key = context, message = cookie value). */
static int
session_key(unsigned char key[32], const char *token)
{
	size_t n;

	if (token == NULL || (n = strlen(token)) < 16 || n > TOKEN_MAX)
		return -1;
	return crypto_generichash(key, 32, (const unsigned char *)token, n,
	    (const unsigned char *)SESSION_KDF_KEY, sizeof(SESSION_KDF_KEY) - 1) == 0 ? 0 : -1;
}

int
vault_session_wrap(const char *cookie_token, const unsigned char sk[VAULT_SK],
    struct buf *out)
{
	unsigned char	key[32], w[VAULT_NONCE + VAULT_SK + VAULT_TAG];
	int		rc = -1;

	if (session_key(key, cookie_token) != 0)
		goto out;
	if (vault_aead_seal(w, key, sk, VAULT_SK,
	    (const unsigned char *)SESSION_AD, sizeof(SESSION_AD) - 1) != 0)
		goto out;
	buf_reset(out);
	if (buf_append(out, w, sizeof(w)) != 0)
		goto out;
	rc = 0;
out:
	sodium_memzero(key, sizeof(key));
	return rc;
}

int
vault_session_unwrap(const char *cookie_token, const unsigned char *in, size_t inlen,
    unsigned char sk[VAULT_SK])
{
	unsigned char	key[32];
	int		rc = -1;

	if (inlen != VAULT_NONCE + VAULT_SK + VAULT_TAG)
		goto out;
	if (session_key(key, cookie_token) != 0)
		goto out;
	rc = vault_aead_open(sk, key, in, inlen,
	    (const unsigned char *)SESSION_AD, sizeof(SESSION_AD) - 1);
out:
	if (rc != 0)
		sodium_memzero(sk, VAULT_SK);
	sodium_memzero(key, sizeof(key));
	return rc;
}
