/* secret.c: a subscription's signing secret at rest (wh_int.h). It must be
 * kept (every delivery is signed with it), but a copy of the database
 * alone should not give it away: it is sealed (crypto_secretbox) with a
 * key derived from the municipality's audit key, which lives outside the
 * database (audit.h: beside a SQLite file, or $ORDEN_AUDIT_KEY) and moves
 * with the municipality in `orden migrate`. Without an audit key file
 * (PostgreSQL without $ORDEN_AUDIT_KEY) it is stored as it is, marked so,
 * and docs/SECURITY.md says what that means. */
#include "webhook/webhook.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "org/org.h"
#include "webhook/wh_int.h"

#define SEALED	"s1:"
#define PLAIN	"p:"
#define DOMAIN	"orden-webhook-secret-v1"

/* The sealing key of ctx's municipality: 0, or -1 when it has none. */
static int
seal_key(struct ctx *ctx, unsigned char key[crypto_secretbox_KEYBYTES])
{
	struct audit_key	k;
	int			rc;

	if ((rc = audit_key_get(tenant_uid(ctx), &k)) != 0) {
		sodium_memzero(&k, sizeof(k));
		return -1;
	}
	crypto_generichash(key, crypto_secretbox_KEYBYTES,
	    (const unsigned char *)DOMAIN, sizeof(DOMAIN) - 1, k.key,
	    sizeof(k.key));
	sodium_memzero(&k, sizeof(k));
	return 0;
}

int
wh_secret_seal(struct ctx *ctx, const char *secret, char *out, size_t outsz)
{
	unsigned char	key[crypto_secretbox_KEYBYTES];
	unsigned char	box[crypto_secretbox_NONCEBYTES + WH_SECRET_HEX +
	    crypto_secretbox_MACBYTES];
	size_t		n = strlen(secret), blen;

	if (n >= WH_SECRET_HEX || outsz < sizeof(SEALED) +
	    sodium_base64_ENCODED_LEN(sizeof(box),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING))
		return -1;
	if (seal_key(ctx, key) != 0) {
		snprintf(out, outsz, PLAIN "%s", secret);
		return 0;
	}
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES,
	    (const unsigned char *)secret, n, box, key);
	sodium_memzero(key, sizeof(key));
	blen = crypto_secretbox_NONCEBYTES + n + crypto_secretbox_MACBYTES;
	memcpy(out, SEALED, sizeof(SEALED) - 1);
	sodium_bin2base64(out + sizeof(SEALED) - 1, outsz - (sizeof(SEALED) - 1),
	    box, blen, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

int
wh_secret_open(struct ctx *ctx, const char *stored, char out[WH_SECRET_HEX])
{
	unsigned char	key[crypto_secretbox_KEYBYTES];
	unsigned char	box[crypto_secretbox_NONCEBYTES + WH_SECRET_HEX +
	    crypto_secretbox_MACBYTES];
	size_t		n;
	int		rc;

	out[0] = '\0';
	if (stored == NULL)
		return -1;
	if (strncmp(stored, PLAIN, sizeof(PLAIN) - 1) == 0) {
		n = strlen(stored + sizeof(PLAIN) - 1);
		if (n >= WH_SECRET_HEX)
			return -1;
		memcpy(out, stored + sizeof(PLAIN) - 1, n + 1);
		return 0;
	}
	if (strncmp(stored, SEALED, sizeof(SEALED) - 1) != 0)
		return -1;
	stored += sizeof(SEALED) - 1;
	if (sodium_base642bin(box, sizeof(box), stored, strlen(stored), NULL,
	    &n, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + 1 ||
	    n - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES >=
	    WH_SECRET_HEX || seal_key(ctx, key) != 0)
		return -1;
	rc = crypto_secretbox_open_easy((unsigned char *)out,
	    box + crypto_secretbox_NONCEBYTES, n - crypto_secretbox_NONCEBYTES,
	    box, key);
	sodium_memzero(key, sizeof(key));
	if (rc != 0) {
		out[0] = '\0';
		return -1;
	}
	out[n - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES] = '\0';
	return 0;
}
