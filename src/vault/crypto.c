/* crypto.c: the few primitives every vault/ file builds on: argon2id key
 * derivation at the password hashes' cost, XChaCha20-Poly1305 with a random
 * nonce in front, and the Crockford base32 alphabet of typed codes. */
#include "vault/vault_int.h"

#include <sodium.h>
#include <string.h>

#include "auth/auth.h"

_Static_assert(VAULT_NONCE == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, "nonce");
_Static_assert(VAULT_TAG == crypto_aead_xchacha20poly1305_ietf_ABYTES, "tag");
_Static_assert(VAULT_SALT == crypto_pwhash_SALTBYTES, "salt");
_Static_assert(32 == crypto_aead_xchacha20poly1305_ietf_KEYBYTES, "key");

const char vault_b32[33] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void
vault_kdf_limits(unsigned long long *ops, size_t *mem)
{
	auth_cost_limits(ops, mem);
}

int
vault_kdf(unsigned char key[32], const char *secret,
    const unsigned char salt[VAULT_SALT], unsigned long long ops, size_t mem)
{
	int	rc;

	if (secret == NULL || ops < crypto_pwhash_OPSLIMIT_MIN ||
	    ops > VAULT_KDF_OPS_MAX || mem < crypto_pwhash_MEMLIMIT_MIN ||
	    mem > VAULT_KDF_MEM_MAX)
		return -1;
	auth_hash_slot_take();
	rc = crypto_pwhash(key, 32, secret, strlen(secret), salt, ops, mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0 ? -1 : 0;
	auth_hash_slot_put();
	if (rc != 0)
		sodium_memzero(key, 32);
	return rc;
}

int
vault_aead_seal(unsigned char *out, const unsigned char key[32],
    const unsigned char *m, size_t n, const unsigned char *ad, size_t adlen)
{
	randombytes_buf(out, VAULT_NONCE);
	return crypto_aead_xchacha20poly1305_ietf_encrypt(out + VAULT_NONCE,
	    NULL, m, n, ad, adlen, NULL, out, key) == 0 ? 0 : -1;
}

int
vault_aead_open(unsigned char *m, const unsigned char key[32],
    const unsigned char *in, size_t inlen, const unsigned char *ad, size_t adlen)
{
	if (in == NULL || inlen < VAULT_NONCE + VAULT_TAG)
		return -1;
	return crypto_aead_xchacha20poly1305_ietf_decrypt(m, NULL, NULL,
	    in + VAULT_NONCE, inlen - VAULT_NONCE, ad, adlen, in, key) == 0 ?
	    0 : -1;
}

int
vault_b32_value(int c)
{
	int i;

	if (c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	if (c == 'O')
		c = '0';
	else if (c == 'I' || c == 'L')
		c = '1';
	for (i = 0; i < 32; i++)
		if (vault_b32[i] == c)
			return i;
	return -1;
}
