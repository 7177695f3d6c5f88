/* token.c: API bearer tokens for integrations. "orden_" + 256 random bits
 * in base64url; the prefix lets secret scanners recognise a leaked one.
 * Only the digest is stored. */
#include "auth/auth.h"
#include "auth/internal.h"

#include <sodium.h>
#include <string.h>

#include "ctx.h"
#include "store/store.h"

#define PREFIX_LEN (sizeof(AUTH_API_PREFIX) - 1)
#define LAST_USED_EVERY 60

static const char SQL_TOKEN_INSERT[] =
    "INSERT INTO api_tokens (tenant_id, token_hash, person_id, label,"
    " created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
/* Only in the tenant the host chose: a token of another municipality is
 * not even looked up there, so nothing (not its last_used, not the time
 * taken) tells that it exists elsewhere. */
static const char SQL_TOKEN_RESOLVE[] =
    "SELECT id, person_id, last_used FROM api_tokens"
    " WHERE tenant_id = $1 AND token_hash = $2 AND revoked_at IS NULL";
static const char SQL_TOKEN_TOUCH[] =
    "UPDATE api_tokens SET last_used = $3 WHERE tenant_id = $1 AND id = $2";

int
auth_token_create(struct ctx *ctx, int64_t person_id, const char *label,
    char *out, size_t outsz)
{
	char		 tok[AUTH_TOKEN_LEN + 1];
	unsigned char	 digest[AUTH_HASH_BYTES];
	struct dbstmt	*st = NULL;
	int		 rc = -1, tx = 0;

	if (outsz < PREFIX_LEN + AUTH_TOKEN_LEN + 1 || ctx->tenant_id <= 0)
		return -1;
	auth_random_token(tok);
	memcpy(out, AUTH_API_PREFIX, PREFIX_LEN);
	memcpy(out + PREFIX_LEN, tok, AUTH_TOKEN_LEN + 1);
	auth_token_digest(out, digest);
	if (db_begin(ctx->conn) != DB_OK)
		goto out;
	tx = 1;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TOKEN_INSERT,
	    &st) != DB_OK)
		goto out;
	if (db_bind_blob(st, 2, digest, sizeof(digest)) != DB_OK ||
	    db_bind_int(st, 3, person_id) != DB_OK ||
	    db_bind_text(st, 4, label) != DB_OK ||
	    db_bind_int(st, 5, ctx->now) != DB_OK ||
	    db_step(st) != DB_ROW)
		goto out;
	db_reset(st);
	st = NULL;
	if (db_commit(ctx->conn) != DB_OK)
		goto out;
	tx = 0;
	rc = 0;
out:
	if (st != NULL)
		db_reset(st);
	if (tx)
		db_rollback(ctx->conn);
	if (rc != 0)
		sodium_memzero(out, outsz);
	sodium_memzero(tok, sizeof(tok));
	sodium_memzero(digest, sizeof(digest));
	return rc;
}

int
auth_token_resolve(struct ctx *ctx, const char *token, int64_t *person_id)
{
	unsigned char	 digest[AUTH_HASH_BYTES];
	struct dbstmt	*st;
	int64_t		 id, last_used;
	int		 rc = -1;

	if (token == NULL || ctx->tenant_id <= 0 ||
	    strncmp(token, AUTH_API_PREFIX, PREFIX_LEN) != 0 ||
	    !auth_token_wellformed(token + PREFIX_LEN))
		return -1;
	auth_token_digest(token, digest);
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TOKEN_RESOLVE,
	    &st) != DB_OK)
		goto out;
	if (db_bind_blob(st, 2, digest, sizeof(digest)) != DB_OK ||
	    db_step(st) != DB_ROW) {
		db_reset(st);
		goto out;
	}
	id = db_col_int(st, 0);
	*person_id = db_col_int(st, 1);
	last_used = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
	db_reset(st);
	/* Knowing when a token was last used tells an admin which ones are
	 * dead; to the minute is enough. */
	if (ctx->now - last_used >= LAST_USED_EVERY &&
	    db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TOKEN_TOUCH,
	    &st) == DB_OK) {
		if (db_bind_int(st, 2, id) == DB_OK &&
		    db_bind_int(st, 3, ctx->now) == DB_OK)
			(void)db_step(st);
		db_reset(st);
	}
	rc = 0;
out:
	sodium_memzero(digest, sizeof(digest));
	return rc;
}
