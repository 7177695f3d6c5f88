/* fuzz_receipt.c: the receipt code a reporter types at the login
 * (vault_receipt_split). A code that splits gives an 8-character handle
 * and a 16-character secret in the canonical alphabet, and the canonical
 * form splits to the same again; a code that does not leaves both empty. */
#include "fuzz.h"

#include "vault/vault.h"
#include "vault/vault_int.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	handle[VAULT_HANDLE_LEN + 1], secret[17];
	char	h2[VAULT_HANDLE_LEN + 1], s2[17], canon[VAULT_RECEIPT_MAX];
	char	small[8];
	char	*in;
	size_t	i;
	int	n;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if ((in = fuzz_cstr(data, size)) == NULL)
		return 0;
	if (vault_receipt_split(in, handle, secret, sizeof(secret)) == 0) {
		FUZZ_CHECK(strlen(handle) == VAULT_HANDLE_LEN);
		FUZZ_CHECK(strlen(secret) == 16);
		for (i = 0; i < VAULT_HANDLE_LEN; i++)
			FUZZ_CHECK(memchr(vault_b32, handle[i], 32) != NULL);
		for (i = 0; i < 16; i++)
			FUZZ_CHECK(memchr(vault_b32, secret[i], 32) != NULL);
		n = snprintf(canon, sizeof(canon), "%.4s-%.4s-%.4s-%.4s-%.4s-%.4s",
		    handle, handle + 4, secret, secret + 4, secret + 8,
		    secret + 12);
		FUZZ_CHECK(n > 0 && (size_t)n < sizeof(canon));
		FUZZ_CHECK(vault_receipt_split(canon, h2, s2, sizeof(s2)) == 0);
		FUZZ_CHECK(strcmp(h2, handle) == 0 && strcmp(s2, secret) == 0);
	} else {
		FUZZ_CHECK(handle[0] == '\0');
		for (i = 0; i < sizeof(secret); i++)
			FUZZ_CHECK(secret[i] == '\0');
	}
	/* Too small a secret buffer is refused, never overrun. */
	FUZZ_CHECK(vault_receipt_split(in, handle, small, sizeof(small)) == -1);
	free(in);
	return 0;
}
