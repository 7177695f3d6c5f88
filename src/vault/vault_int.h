/* vault_int.h: helpers shared by the vault/ files; not a contract for other
 * modules (they use vault.h). */
#ifndef ORDEN_VAULT_INT_H
#define ORDEN_VAULT_INT_H

#include <stddef.h>
#include <stdint.h>

#define VAULT_NONCE	24	/* crypto_aead_xchacha20poly1305_ietf_NPUBBYTES */
#define VAULT_TAG	16	/* crypto_aead_xchacha20poly1305_ietf_ABYTES */
#define VAULT_SALT	16	/* crypto_pwhash_SALTBYTES */

/* Upper bounds accepted for stored argon2id limits: a forged row must not
 * make the server spend minutes or gigabytes on one login. */
#define VAULT_KDF_OPS_MAX	16ULL
#define VAULT_KDF_MEM_MAX	(1024ULL * 1024 * 1024)

/* The argon2id limits new keys use: the password hashes' (auth/). */
void	vault_kdf_limits(unsigned long long *ops, size_t *mem);
/* key = argon2id13(secret, salt, ops, mem). 0, or -1 (out of memory or
 * limits out of bounds). */
int	vault_kdf(unsigned char key[32], const char *secret,
	    const unsigned char salt[VAULT_SALT], unsigned long long ops, size_t mem);

/* out (VAULT_NONCE + n + VAULT_TAG bytes) = nonce || AEAD(key, m, ad). */
int	vault_aead_seal(unsigned char *out, const unsigned char key[32],
	    const unsigned char *m, size_t n, const unsigned char *ad, size_t adlen);
/* m (inlen - VAULT_NONCE - VAULT_TAG bytes) from nonce || ciphertext;
 * -1 when forged, truncated or under another key or ad. */
int	vault_aead_open(unsigned char *m, const unsigned char key[32],
	    const unsigned char *in, size_t inlen, const unsigned char *ad, size_t adlen);

/* Crockford base32 ("0123456789ABCDEFGHJKMNPQRSTVWXYZ"). */
extern const char vault_b32[33];
/* The value 0..31 of a typed character (case-insensitive; O->0, I/L->1),
 * or -1 for anything else (U included). */
int	vault_b32_value(int c);

#endif
