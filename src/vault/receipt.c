/* receipt.c: receipt codes for reporters without an account (or who chose
 * to be anonymous). A code is 24 Crockford base32 characters in groups of
 * four: the first 8 are a random public handle that finds the case (stored
 * in clear; 40 bits, not derived from the secret), the other 16 are the
 * secret (80 bits), stored only as an argon2id hash, and the key that wraps
 * the case key for the reporter (argon2id with its own salt). Guessing is
 * then bounded by the throttle in front of the login (whistle/) and by
 * argon2id against a stolen database. */
#include "vault/vault.h"
#include "vault/vault_int.h"

#include <sodium.h>

#include "auth/auth.h"
#include <string.h>


#define RECEIPT_SYMBOLS	24
#define SECRET_SYMBOLS	(RECEIPT_SYMBOLS - VAULT_HANDLE_LEN)
#define WRAP_VERSION	1
#define WRAP_HEAD	(1 + 4 + 4 + VAULT_SALT)
#define WRAP_LEN	(WRAP_HEAD + VAULT_NONCE + VAULT_KEY + VAULT_TAG)

_Static_assert(SECRET_SYMBOLS * 5 >= 80, "a receipt secret has at least 80 bits");
_Static_assert(RECEIPT_SYMBOLS + RECEIPT_SYMBOLS / 4 <= VAULT_RECEIPT_MAX,
    "VAULT_RECEIPT_MAX holds a code with its dashes");

static const char RECEIPT_AD[] = "orden/vault/receipt-key/v1";

void
vault_receipt_new(char code[VAULT_RECEIPT_MAX])
{
	size_t i, o = 0;

	for (i = 0; i < RECEIPT_SYMBOLS; i++) {
		if (i > 0 && i % 4 == 0)
			code[o++] = '-';
		code[o++] = vault_b32[randombytes_uniform(32)];
	}
	code[o] = '\0';
}

int
vault_receipt_split(const char *code, char handle[VAULT_HANDLE_LEN + 1],
    char *secret, size_t secretsz)
{
	char	norm[RECEIPT_SYMBOLS];
	size_t	n = 0, i;
	int	v, rc = -1;

	handle[0] = '\0';
	if (secret != NULL && secretsz > 0)
		secret[0] = '\0';
	if (code == NULL || secret == NULL || secretsz < SECRET_SYMBOLS + 1)
		goto out;
	for (i = 0; code[i] != '\0'; i++) {
		if (code[i] == '-' || code[i] == ' ' || code[i] == '\t' ||
		    code[i] == '\r' || code[i] == '\n')
			continue;
		if ((v = vault_b32_value((unsigned char)code[i])) < 0 ||
		    n == RECEIPT_SYMBOLS)
			goto out;
		norm[n++] = vault_b32[v];
	}
	if (n != RECEIPT_SYMBOLS)
		goto out;
	memcpy(handle, norm, VAULT_HANDLE_LEN);
	handle[VAULT_HANDLE_LEN] = '\0';
	memcpy(secret, norm + VAULT_HANDLE_LEN, SECRET_SYMBOLS);
	secret[SECRET_SYMBOLS] = '\0';
	rc = 0;
out:
	if (rc != 0 && secret != NULL && secretsz > 0)
		sodium_memzero(secret, secretsz);
	sodium_memzero(norm, sizeof(norm));
	return rc;
}

int
vault_receipt_hash(const char *secret, char *hash_out, size_t outsz)
{
	unsigned long long	ops;
	size_t			mem;
	int			rc;

	if (secret == NULL || outsz < crypto_pwhash_STRBYTES)
		return -1;
	vault_kdf_limits(&ops, &mem);
	auth_hash_slot_take();
	rc = crypto_pwhash_str_alg(hash_out, secret, strlen(secret), ops, mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0 ? -1 : 0;
	auth_hash_slot_put();
	return rc;
}

int
vault_receipt_verify(const char *hash, const char *secret)
{
	int	ok;

	if (hash == NULL || secret == NULL ||
	    strlen(hash) >= crypto_pwhash_STRBYTES)
		return 0;
	auth_hash_slot_take();
	ok = crypto_pwhash_str_verify(hash, secret, strlen(secret)) == 0;
	auth_hash_slot_put();
	return ok;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* Associated data: the context and the header (version, limits, salt), so
 * that a header edited in the database is refused, not merely "wrong". */
static void
receipt_ad(unsigned char ad[sizeof(RECEIPT_AD) - 1 + WRAP_HEAD],
    const unsigned char *head)
{
	memcpy(ad, RECEIPT_AD, sizeof(RECEIPT_AD) - 1);
	memcpy(ad + sizeof(RECEIPT_AD) - 1, head, WRAP_HEAD);
}

int
vault_receipt_wrap(const char *secret, const unsigned char key[VAULT_KEY], struct buf *out)
{
	unsigned char		 w[WRAP_LEN], k[32];
	unsigned char		 ad[sizeof(RECEIPT_AD) - 1 + WRAP_HEAD];
	unsigned long long	 ops;
	size_t			 mem;
	int			 rc = -1;

	vault_kdf_limits(&ops, &mem);
	w[0] = WRAP_VERSION;
	put32(w + 1, (uint32_t)ops);
	put32(w + 5, (uint32_t)mem);
	randombytes_buf(w + 9, VAULT_SALT);
	if (vault_kdf(k, secret, w + 9, ops, mem) != 0)
		goto out;
	receipt_ad(ad, w);
	if (vault_aead_seal(w + WRAP_HEAD, k, key, VAULT_KEY, ad, sizeof(ad)) != 0)
		goto out;
	buf_reset(out);
	if (buf_append(out, w, sizeof(w)) != 0)
		goto out;
	rc = 0;
out:
	sodium_memzero(k, sizeof(k));
	return rc;
}

int
vault_receipt_unwrap(const char *secret, const unsigned char *in, size_t inlen,
    unsigned char key[VAULT_KEY])
{
	unsigned char	k[32], ad[sizeof(RECEIPT_AD) - 1 + WRAP_HEAD];
	int		rc = -1;

	if (in == NULL || inlen != WRAP_LEN || in[0] != WRAP_VERSION)
		goto out;
	if (vault_kdf(k, secret, in + 9, get32(in + 1), get32(in + 5)) != 0)
		goto out;
	receipt_ad(ad, in);
	rc = vault_aead_open(key, k, in + WRAP_HEAD, inlen - WRAP_HEAD, ad,
	    sizeof(ad));
out:
	if (rc != 0)
		sodium_memzero(key, VAULT_KEY);
	sodium_memzero(k, sizeof(k));
	return rc;
}
