/* content.c: case keys and what they protect. A case key is 256 random
 * bits; it is sealed (crypto_box_seal: an ephemeral X25519 key and
 * XSalsa20-Poly1305) to each public key that may open the case, and the
 * case's text is encrypted under it with XChaCha20-Poly1305. The associated
 * data names the case and the field, so a ciphertext moved to another case
 * or field is refused instead of being shown in the wrong place. */
#include "vault/vault.h"
#include "vault/vault_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

_Static_assert(VAULT_PK == crypto_box_PUBLICKEYBYTES, "pk");
_Static_assert(VAULT_SK == crypto_box_SECRETKEYBYTES, "sk");
_Static_assert(VAULT_SEALED == crypto_box_SEALBYTES + VAULT_KEY, "sealed");

void
vault_key_new(unsigned char key[VAULT_KEY])
{
	randombytes_buf(key, VAULT_KEY);
}

int
vault_seal(const unsigned char pk[VAULT_PK], const unsigned char key[VAULT_KEY],
    unsigned char sealed[VAULT_SEALED])
{
	return crypto_box_seal(sealed, key, VAULT_KEY, pk) == 0 ? 0 : -1;
}

int
vault_unseal(const unsigned char pk[VAULT_PK], const unsigned char sk[VAULT_SK],
    const unsigned char sealed[VAULT_SEALED], unsigned char key[VAULT_KEY])
{
	if (crypto_box_seal_open(key, sealed, VAULT_SEALED, pk, sk) != 0) {
		sodium_memzero(key, VAULT_KEY);
		return -1;
	}
	return 0;
}

int
vault_encrypt(const unsigned char key[VAULT_KEY], const void *text, size_t n,
    const char *ad, struct buf *out)
{
	unsigned char	*c;
	size_t		 clen;
	int		 rc = -1;

	if (text == NULL && n > 0)
		return -1;
	if (n > SIZE_MAX - VAULT_NONCE - VAULT_TAG)
		return -1;
	clen = VAULT_NONCE + n + VAULT_TAG;
	/* Ciphertext is built apart and then copied: encrypting in the
	 * buffer would put the plaintext there first, and a growing buffer
	 * leaves copies of its old contents behind in freed memory. */
	if ((c = malloc(clen)) == NULL)
		return -1;
	if (vault_aead_seal(c, key, text, n, (const unsigned char *)ad,
	    ad != NULL ? strlen(ad) : 0) != 0)
		goto out;
	buf_reset(out);
	if (buf_append(out, c, clen) != 0)
		goto out;
	rc = 0;
out:
	free(c);
	return rc;
}

int
vault_decrypt(const unsigned char key[VAULT_KEY], const unsigned char *in,
    size_t inlen, const char *ad, struct arena *a, char **text, size_t *n)
{
	unsigned char	*m;
	size_t		 mlen;

	*text = NULL;
	if (n != NULL)
		*n = 0;
	if (in == NULL || inlen < VAULT_NONCE + VAULT_TAG)
		return -1;
	mlen = inlen - VAULT_NONCE - VAULT_TAG;
	if ((m = arena_alloc(a, mlen + 1)) == NULL)
		return -1;
	if (vault_aead_open(m, key, in, inlen, (const unsigned char *)ad,
	    ad != NULL ? strlen(ad) : 0) != 0) {
		sodium_memzero(m, mlen + 1);
		return -1;
	}
	m[mlen] = '\0';
	*text = (char *)m;
	if (n != NULL)
		*n = mlen;
	return 0;
}
