/* token.c: API bearer tokens for integrations. "orden_" + 256 random bits
 * in base64url; the prefix lets secret scanners recognise a leaked one.
 * Only the digest is stored. */
#include "auth/auth.h"
#include "auth/internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"

#define PREFIX_LEN (sizeof(AUTH_API_PREFIX) - 1)
#define LAST_USED_EVERY 60

static const char SQL_TOKEN_INSERT[] =
    "INSERT INTO api_tokens (tenant_id, token_hash, person_id, label,"
    " created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
/* Only in the tenant the host chose: a token of another municipality is
 * not even looked up there, so nothing (not its last_used, not the time
 * taken) tells that it exists elsewhere. A revoked or expired token is
 * not found either: the one 401 for every kind of bad token. */
static const char SQL_TOKEN_RESOLVE[] =
    "SELECT id, person_id, last_used, expires_at FROM api_tokens"
    " WHERE tenant_id = $1 AND token_hash = $2 AND revoked_at IS NULL"
    " AND (expires_at IS NULL OR expires_at > $3)";
static const char SQL_TOKEN_TOUCH[] =
    "UPDATE api_tokens SET last_used = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_TOKEN_LIST[] =
    "SELECT id, person_id, label, created_at, last_used, expires_at,"
    " revoked_at FROM api_tokens"
    " WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC";
static const char SQL_TOKEN_REVOKE[] =
    "UPDATE api_tokens SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2"
    " AND revoked_at IS NULL";

int
auth_token_create(struct ctx *ctx, int64_t person_id, const char *label,
    char *out, size_t outsz)
{
	return auth_token_create_until(ctx, person_id, label,
	    ctx->now + AUTH_TOKEN_LIFETIME, out, outsz);
}

int
auth_token_create_until(struct ctx *ctx, int64_t person_id, const char *label,
    int64_t expires_at, char *out, size_t outsz)
{
	char		 tok[AUTH_TOKEN_LEN + 1], detail[48];
	unsigned char	 digest[AUTH_HASH_BYTES];
	struct dbstmt	*st = NULL;
	int64_t		 id;
	int		 rc = -1, tx = 0;

	if (outsz < PREFIX_LEN + AUTH_TOKEN_LEN + 1 || ctx->tenant_id <= 0 ||
	    expires_at <= ctx->now)
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
	    db_bind_int(st, 6, expires_at) != DB_OK ||
	    db_step(st) != DB_ROW)
		goto out;
	id = db_col_int(st, 0);
	db_reset(st);
	st = NULL;
	/* Which token and until when; never the token. */
	snprintf(detail, sizeof(detail), "token=%lld expires=%lld",
	    (long long)id, (long long)expires_at);
	if (audit_append(ctx, "token_create", "person", person_id, detail) != 0)
		goto out;
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

/* Knowing when a token was last used tells an admin which ones are
 * dead; to the minute is enough. */
static void
token_touch(struct ctx *ctx, struct auth_token_seen *s)
{
	struct dbstmt *st;

	if (ctx->now - s->last_used < LAST_USED_EVERY ||
	    db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TOKEN_TOUCH,
	    &st) != DB_OK)
		return;
	if (db_bind_int(st, 2, s->id) == DB_OK &&
	    db_bind_int(st, 3, ctx->now) == DB_OK &&
	    db_step(st) == DB_DONE)
		s->last_used = ctx->now;
	db_reset(st);
}

int
auth_token_resolve(struct ctx *ctx, const char *token, int64_t *person_id)
{
	struct auth_token_seen	s;

	if (auth_token_resolve_seen(ctx, token, &s) != 0)
		return -1;
	*person_id = s.person_id;
	return 0;
}

int
auth_token_recheck(struct ctx *ctx, struct auth_token_seen *s)
{
	if (s->expires_at != 0 && s->expires_at <= ctx->now)
		return 0;
	token_touch(ctx, s);
	return 1;
}

int
auth_token_resolve_seen(struct ctx *ctx, const char *token,
    struct auth_token_seen *out)
{
	unsigned char	 digest[AUTH_HASH_BYTES];
	struct dbstmt	*st;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));

	if (token == NULL || ctx->tenant_id <= 0 ||
	    strncmp(token, AUTH_API_PREFIX, PREFIX_LEN) != 0 ||
	    !auth_token_wellformed(token + PREFIX_LEN))
		return -1;
	auth_token_digest(token, digest);
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TOKEN_RESOLVE,
	    &st) != DB_OK)
		goto out;
	if (db_bind_blob(st, 2, digest, sizeof(digest)) != DB_OK ||
	    db_bind_int(st, 3, ctx->now) != DB_OK ||
	    db_step(st) != DB_ROW) {
		db_reset(st);
		goto out;
	}
	out->id = db_col_int(st, 0);
	out->person_id = db_col_int(st, 1);
	out->last_used = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
	out->expires_at = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
	db_reset(st);
	token_touch(ctx, out);
	rc = 0;
out:
	sodium_memzero(digest, sizeof(digest));
	return rc;
}

static const char *
col_text(struct ctx *ctx, struct dbstmt *st, int col)
{
	return db_col_is_null(st, col) ? NULL :
	    arena_strdup(ctx->arena, db_col_text(st, col));
}

static int64_t
col_time(struct dbstmt *st, int col)
{
	return db_col_is_null(st, col) ? 0 : db_col_int(st, col);
}

int
auth_token_list(struct ctx *ctx, struct auth_token_info **out, size_t *n)
{
	struct dbstmt		*st;
	struct auth_token_info	*v = NULL, *t;
	struct person		 p;
	size_t			 cap = 0, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TOKEN_LIST,
	    &st) != DB_OK)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, *n, &cap,
		    sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		t = &v[(*n)++];
		t->id = db_col_int(st, 0);
		t->person_id = db_col_int(st, 1);
		t->label = col_text(ctx, st, 2);
		t->created_at = col_time(st, 3);
		t->last_used = col_time(st, 4);
		t->expires_at = col_time(st, 5);
		t->revoked_at = col_time(st, 6);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		*n = 0;
		return -1;
	}
	/* The holder's login and name are org's (one lookup a token: an
	 * admin's list of a municipality's tokens is short). */
	for (i = 0; i < *n; i++) {
		if (org_person_get(ctx, v[i].person_id, &p) != 0) {
			*n = 0;
			return -1;
		}
		v[i].login = p.login;
		v[i].name = p.name;
	}
	*out = v;
	return 0;
}

int
auth_token_revoke(struct ctx *ctx, int64_t token_id)
{
	struct dbstmt	*st;
	char		 detail[32];
	int		 own = 0, rc = -1, step;

	if (db_tx_join(ctx->conn, &own) != 0)
		return -1;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TOKEN_REVOKE,
	    &st) != DB_OK)
		goto out;
	if (db_bind_int(st, 2, token_id) != DB_OK ||
	    db_bind_int(st, 3, ctx->now) != DB_OK) {
		db_reset(st);
		goto out;
	}
	step = db_step(st);
	db_reset(st);
	if (step != DB_DONE)
		goto out;
	if (db_changes(ctx->conn) != 1) {
		rc = 1;		/* no such token here, or revoked already */
		goto out;
	}
	snprintf(detail, sizeof(detail), "token=%lld", (long long)token_id);
	rc = audit_append(ctx, "token_revoke", "api_token", token_id, detail)
	    == 0 ? 0 : -1;
out:
	if (db_tx_finish(ctx->conn, own, rc < 0 ? -1 : 0) < 0 && rc >= 0)
		rc = -1;
	return rc;
}
