/* secret.c: random tokens and their stored digests. A token is 256 random
 * bits, so an unsalted fast hash is enough: there is nothing to guess. */
#include "auth/internal.h"

#include <sodium.h>
#include <string.h>

_Static_assert(AUTH_TOKEN_LEN + 1 ==
    sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
    "AUTH_TOKEN_LEN is base64url of 32 bytes");

void
auth_random_token(char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void
auth_token_digest(const char *token, unsigned char out[AUTH_HASH_BYTES])
{
	crypto_generichash(out, AUTH_HASH_BYTES, (const unsigned char *)token,
	    strlen(token), NULL, 0);
}

int
auth_token_wellformed(const char *s)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (i >= AUTH_TOKEN_LEN)
			return 0;
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	}
	return i == AUTH_TOKEN_LEN;
}
