/* recovery.c: the tenant's recovery key. Every case key is also sealed to
 * its public key; the secret key is shown once, to be printed and locked
 * away (never stored by Orden), and brought back only to run `orden whistle
 * reseal` for a handler who lost their password.
 *
 * The printed form is meant to be typed back from paper: 56 Crockford
 * base32 characters in groups of four (the 32-byte key and a 24-bit check,
 * so a typing mistake is caught instead of silently giving a wrong key). */
#include "vault/vault.h"
#include "vault/vault_int.h"

#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "store/store.h"
#include "store/store_tx.h"

#define CHECK_BYTES	3
#define RAW_BYTES	(VAULT_SK + CHECK_BYTES)
#define SYMBOLS		(RAW_BYTES * 8 / 5)

_Static_assert(RAW_BYTES * 8 % 5 == 0, "whole base32 symbols");
_Static_assert(SYMBOLS + SYMBOLS / 4 <= VAULT_RECOVERY_MAX, "VAULT_RECOVERY_MAX");

static const char SQL_RECOVERY_GET[] =
    "SELECT public_key FROM tenant_recovery_keys WHERE tenant_id = $1";
static const char SQL_RECOVERY_PUT[] =
    "INSERT INTO tenant_recovery_keys (tenant_id, public_key, created_at)"
    " VALUES ($1, $2, $3) ON CONFLICT (tenant_id) DO NOTHING";

static const char CHECK_KEY[] = "orden/vault/recovery-check/v1...";
_Static_assert(sizeof(CHECK_KEY) - 1 == 32, "BLAKE2b key length");

static void
recovery_check(const unsigned char sk[VAULT_SK], unsigned char out[CHECK_BYTES])
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), sk, VAULT_SK,
	    (const unsigned char *)CHECK_KEY, sizeof(CHECK_KEY) - 1);
	memcpy(out, h, CHECK_BYTES);
	sodium_memzero(h, sizeof(h));
}

/* The printed form of sk into out (>= VAULT_RECOVERY_MAX). */
static void
recovery_format(const unsigned char sk[VAULT_SK], char *out)
{
	unsigned char	raw[RAW_BYTES];
	unsigned int	acc = 0;
	int		bits = 0;
	size_t		i, o = 0, nsym = 0;

	memcpy(raw, sk, VAULT_SK);
	recovery_check(sk, raw + VAULT_SK);
	for (i = 0; i < RAW_BYTES; i++) {
		acc = (acc << 8) | raw[i];
		bits += 8;
		while (bits >= 5) {
			if (nsym > 0 && nsym % 4 == 0)
				out[o++] = '-';
			out[o++] = vault_b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
			nsym++;
		}
	}
	out[o] = '\0';
	acc = 0;
	sodium_memzero(raw, sizeof(raw));
}

int
vault_recovery_parse(const char *text, unsigned char sk[VAULT_SK])
{
	unsigned char	raw[RAW_BYTES], check[CHECK_BYTES];
	unsigned int	acc = 0;
	size_t		i, nraw = 0, nsym = 0;
	int		bits = 0, v, comment = 0, rc = -1;

	if (text == NULL)
		goto out;
	for (i = 0; text[i] != '\0'; i++) {
		/* A saved file may carry '#' comment lines around the key. */
		if (comment) {
			if (text[i] == '\n')
				comment = 0;
			continue;
		}
		if (text[i] == '#') {
			comment = 1;
			continue;
		}
		if (text[i] == '-' || text[i] == ' ' || text[i] == '\t' ||
		    text[i] == '\r' || text[i] == '\n')
			continue;
		if ((v = vault_b32_value((unsigned char)text[i])) < 0 ||
		    nsym == SYMBOLS)
			goto out;
		nsym++;
		acc = (acc << 5) | (unsigned int)v;
		bits += 5;
		if (bits >= 8) {
			raw[nraw++] = (acc >> (bits - 8)) & 0xff;
			bits -= 8;
		}
	}
	if (nsym != SYMBOLS || nraw != RAW_BYTES)
		goto out;
	recovery_check(raw, check);
	if (sodium_memcmp(check, raw + VAULT_SK, CHECK_BYTES) != 0)
		goto out;
	memcpy(sk, raw, VAULT_SK);
	rc = 0;
out:
	if (rc != 0)
		sodium_memzero(sk, VAULT_SK);
	acc = 0;
	sodium_memzero(raw, sizeof(raw));
	return rc;
}

int
vault_recovery_public(struct ctx *ctx, unsigned char pk[VAULT_PK])
{
	struct dbstmt		*st;
	const unsigned char	*p;
	size_t			 n = 0;
	int			 rc = -1;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RECOVERY_GET, &st) != DB_OK)
		return -1;
	if (db_step(st) == DB_ROW && (p = db_col_blob(st, 0, &n)) != NULL &&
	    n == VAULT_PK) {
		memcpy(pk, p, VAULT_PK);
		rc = 0;
	}
	db_reset(st);
	return rc;
}

int
vault_recovery_create(struct ctx *ctx, char *secret_out, size_t outsz)
{
	struct dbstmt	*st = NULL;
	unsigned char	 pk[VAULT_PK], sk[VAULT_SK];
	int		 own = 0, rc = -1;

	if (secret_out == NULL || outsz < VAULT_RECOVERY_MAX || ctx->tenant_id <= 0)
		return -1;
	secret_out[0] = '\0';
	crypto_box_keypair(pk, sk);
	if (!db_in_tx(ctx->conn)) {
		if (db_begin(ctx->conn) != DB_OK)
			goto out;
		own = 1;
	}
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RECOVERY_PUT, &st) != DB_OK) {
		st = NULL;
		goto out;
	}
	if (db_bind_blob(st, 2, pk, sizeof(pk)) != DB_OK ||
	    db_bind_int(st, 3, ctx->now) != DB_OK || db_step(st) != DB_DONE)
		goto out;
	db_reset(st);
	st = NULL;
	if (db_changes(ctx->conn) == 0) {
		rc = -2;
		goto out;
	}
	if (audit_append(ctx, "vault_recovery_key_created", "tenant",
	    ctx->tenant_id, NULL) != 0)
		goto out;
	if (own && db_commit(ctx->conn) != DB_OK)
		goto out;
	own = 0;
	recovery_format(sk, secret_out);
	rc = 0;
out:
	if (st != NULL)
		db_reset(st);
	if (own)
		db_rollback(ctx->conn);
	sodium_memzero(sk, sizeof(sk));
	return rc;
}
