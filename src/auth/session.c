/* session.c: server-side sessions. The cookie carries 256 random bits; the
 * database keeps only their BLAKE2b digest, so a copy of the database does
 * not let anyone log in. Each session has its own CSRF token. */
#include "auth/auth.h"
#include "auth/internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/buf.h"
#include "util/log.h"
#include "vault/vault.h"

/* last_seen is written at most this often: a write per page view would
 * cost a durable commit each time for nothing. */
#define TOUCH_EVERY 60

static const char SQL_SESSION_INSERT[] =
    "INSERT INTO sessions (tenant_id, token_hash, person_id, csrf,"
    " created_at, last_seen) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";
static const char SQL_SESSION_PRUNE[] =
    "DELETE FROM sessions WHERE tenant_id = $1"
    " AND (last_seen < $2 OR created_at < $3)";
static const char SQL_SESSION_GET[] =
    "SELECT id, person_id, csrf, created_at, last_seen FROM sessions"
    " WHERE tenant_id = $1 AND token_hash = $2";
static const char SQL_SESSION_DELETE_ID[] =
    "DELETE FROM sessions WHERE tenant_id = $1 AND id = $2";
static const char SQL_SESSION_TOUCH[] =
    "UPDATE sessions SET last_seen = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_SESSION_DELETE_TOKEN[] =
    "DELETE FROM sessions WHERE tenant_id = $1 AND token_hash = $2";
static const char SQL_SESSION_END_PERSON[] =
    "DELETE FROM sessions WHERE tenant_id = $1 AND person_id = $2 AND id <> $3";
static const char SQL_SESSION_ATTACH_SK[] =
    "UPDATE sessions SET wrapped_sk = $3 WHERE tenant_id = $1 AND token_hash = $2";
static const char SQL_SESSION_DROP_SK[] =
    "UPDATE sessions SET wrapped_sk = NULL WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_SESSION_GET_SK[] =
    "SELECT wrapped_sk, created_at, last_seen FROM sessions"
    " WHERE tenant_id = $1 AND token_hash = $2";

/* Run a tenant statement binding $2 = a and, when nargs is 2, $3 = b. */
static int
exec_tenant(struct ctx *ctx, const char *sql, int nargs, int64_t a, int64_t b)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	if ((rc = db_bind_int(st, 2, a)) == DB_OK &&
	    (nargs < 2 || (rc = db_bind_int(st, 3, b)) == DB_OK))
		rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
	db_reset(st);
	return rc;
}

int
auth_session_create(struct ctx *ctx, int64_t person_id,
    char token_out[AUTH_TOKEN_LEN + 1], struct session *out)
{
	unsigned char	 digest[AUTH_HASH_BYTES];
	struct dbstmt	*st = NULL;
	int		 rc = -1, tx = 0;

	memset(out, 0, sizeof(*out));
	auth_random_token(token_out);
	auth_random_token(out->csrf);
	auth_token_digest(token_out, digest);
	if (db_begin(ctx->conn) != DB_OK)
		goto out;
	tx = 1;
	/* Old sessions of the tenant go on each login, so the table does not
	 * grow with sessions nobody came back to. */
	if (exec_tenant(ctx, SQL_SESSION_PRUNE, 2, ctx->now - AUTH_SESSION_IDLE,
	    ctx->now - AUTH_SESSION_ABSOLUTE) != DB_OK)
		goto out;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SESSION_INSERT,
	    &st) != DB_OK)
		goto out;
	if (db_bind_blob(st, 2, digest, sizeof(digest)) != DB_OK ||
	    db_bind_int(st, 3, person_id) != DB_OK ||
	    db_bind_text(st, 4, out->csrf) != DB_OK ||
	    db_bind_int(st, 5, ctx->now) != DB_OK ||
	    db_step(st) != DB_ROW)
		goto out;
	out->id = db_col_int(st, 0);
	db_reset(st);
	st = NULL;
	if (db_commit(ctx->conn) != DB_OK)
		goto out;
	tx = 0;
	out->person_id = person_id;
	out->tenant_id = ctx->tenant_id;
	out->created_at = out->last_seen = ctx->now;
	rc = 0;
out:
	if (st != NULL)
		db_reset(st);
	if (tx)
		db_rollback(ctx->conn);
	if (rc != 0) {
		sodium_memzero(token_out, AUTH_TOKEN_LEN + 1);
		sodium_memzero(out, sizeof(*out));
		log_event("session_error", "op", "create", NULL);
	}
	sodium_memzero(digest, sizeof(digest));
	return rc;
}

static int
session_live(const struct ctx *ctx, const struct session *s)
{
	return ctx->now - s->last_seen <= AUTH_SESSION_IDLE &&
	    ctx->now - s->created_at <= AUTH_SESSION_ABSOLUTE &&
	    s->csrf[0] != '\0';
}

/* Write last_seen when it is due. 0, or -1 when the write failed. */
static int
session_touch(struct ctx *ctx, struct session *s)
{
	if (ctx->now - s->last_seen < TOUCH_EVERY)
		return 0;
	if (exec_tenant(ctx, SQL_SESSION_TOUCH, 2, s->id, ctx->now) != DB_OK)
		return -1;
	s->last_seen = ctx->now;
	return 0;
}

int
auth_session_recheck(struct ctx *ctx, struct session *s, int touch)
{
	if (!session_live(ctx, s))
		return 0;
	return touch && session_touch(ctx, s) != 0 ? -1 : 1;
}

static int
session_lookup(struct ctx *ctx, const char *token, struct session *out, int touch)
{
	unsigned char	 digest[AUTH_HASH_BYTES];
	struct dbstmt	*st;
	const char	*csrf;
	int		 rc = -1, expired;

	memset(out, 0, sizeof(*out));
	if (ctx->tenant_id <= 0 || !auth_token_wellformed(token))
		return -1;
	auth_token_digest(token, digest);
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SESSION_GET,
	    &st) != DB_OK)
		return -1;
	if (db_bind_blob(st, 2, digest, sizeof(digest)) != DB_OK ||
	    db_step(st) != DB_ROW) {
		db_reset(st);
		return -1;
	}
	out->id = db_col_int(st, 0);
	out->person_id = db_col_int(st, 1);
	csrf = db_col_text(st, 2);
	if (csrf != NULL && strlen(csrf) == AUTH_TOKEN_LEN)
		memcpy(out->csrf, csrf, AUTH_TOKEN_LEN + 1);
	out->created_at = db_col_int(st, 3);
	out->last_seen = db_col_int(st, 4);
	out->tenant_id = ctx->tenant_id;
	db_reset(st);

	expired = !session_live(ctx, out);
	if (expired) {
		(void)exec_tenant(ctx, SQL_SESSION_DELETE_ID, 1, out->id, 0);
		goto out;
	}
	if (touch && session_touch(ctx, out) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		sodium_memzero(out, sizeof(*out));
	sodium_memzero(digest, sizeof(digest));
	return rc;
}

int
auth_session_lookup(struct ctx *ctx, const char *token, struct session *out)
{
	return session_lookup(ctx, token, out, 1);
}

int
auth_session_peek(struct ctx *ctx, const char *token, struct session *out)
{
	return session_lookup(ctx, token, out, 0);
}

int
auth_session_destroy(struct ctx *ctx, const char *token)
{
	unsigned char	 digest[AUTH_HASH_BYTES];
	struct dbstmt	*st = NULL;
	int		 rc = -1, tx = 0;

	if (!auth_token_wellformed(token))
		return -1;
	auth_token_digest(token, digest);
	if (db_begin(ctx->conn) != DB_OK)
		goto out;
	tx = 1;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_SESSION_DELETE_TOKEN, &st) != DB_OK)
		goto out;
	if (db_bind_blob(st, 2, digest, sizeof(digest)) != DB_OK ||
	    db_step(st) != DB_DONE)
		goto out;
	db_reset(st);
	st = NULL;
	/* Logging out is audited here, once, where it happens; a stale
	 * cookie that matched nothing is not a logout. */
	if (db_changes(ctx->conn) > 0 && audit_append(ctx, "logout", "person",
	    ctx->user != NULL ? ctx->user->id : 0, NULL) != 0)
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
	sodium_memzero(digest, sizeof(digest));
	return rc;
}

int
auth_sessions_end(struct ctx *ctx, int64_t person_id, int64_t keep_id)
{
	char	detail[32];
	int64_t	n;
	int	rc;

	if ((rc = exec_tenant(ctx, SQL_SESSION_END_PERSON, 2, person_id,
	    keep_id)) != DB_OK)
		return rc < 0 ? rc : -1;
	n = db_changes(ctx->conn);
	/* Only when something ended: the audit says whose sessions and how
	 * many, not which (their ids mean nothing to a reader). */
	if (n > 0) {
		snprintf(detail, sizeof(detail), "n=%lld", (long long)n);
		if (audit_append(ctx, "sessions_ended", "person", person_id,
		    detail) != 0)
			return -1;
	}
	return n > INT32_MAX ? INT32_MAX : (int)n;
}

int
auth_csrf_check(const struct session *s, const char *submitted)
{
	if (s == NULL || submitted == NULL || s->csrf[0] == '\0' ||
	    strlen(submitted) != AUTH_TOKEN_LEN)
		return 0;
	return sodium_memcmp(s->csrf, submitted, AUTH_TOKEN_LEN) == 0;
}

/* The wrapped key is useless without the cookie value, which only the
 * browser holds; the row has only the value's digest. */
int
auth_session_attach_secret(struct ctx *ctx, const char *token,
    const unsigned char sk[32])
{
	unsigned char	 digest[AUTH_HASH_BYTES];
	struct dbstmt	*st = NULL;
	struct buf	 w;
	int		 rc = -1, own = 0;

	buf_init(&w, 256);
	if (ctx->tenant_id <= 0 || !auth_token_wellformed(token))
		goto out;
	if (vault_session_wrap(token, sk, &w) != 0)
		goto out;
	auth_token_digest(token, digest);
	if (!db_in_tx(ctx->conn)) {
		if (db_begin(ctx->conn) != DB_OK)
			goto out;
		own = 1;
	}
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SESSION_ATTACH_SK,
	    &st) != DB_OK) {
		st = NULL;
		goto out;
	}
	if (db_bind_blob(st, 2, digest, sizeof(digest)) != DB_OK ||
	    db_bind_blob(st, 3, w.data, w.len) != DB_OK ||
	    db_step(st) != DB_DONE)
		goto out;
	db_reset(st);
	st = NULL;
	if (db_changes(ctx->conn) != 1)
		goto out;
	if (own && db_commit(ctx->conn) != DB_OK)
		goto out;
	own = 0;
	rc = 0;
out:
	if (st != NULL)
		db_reset(st);
	if (own)
		db_rollback(ctx->conn);
	if (rc != 0)
		log_event("session_error", "op", "attach_secret", NULL);
	sodium_memzero(digest, sizeof(digest));
	buf_free(&w);
	return rc;
}

int
auth_session_secret(struct ctx *ctx, const char *token, unsigned char sk[32])
{
	unsigned char		 digest[AUTH_HASH_BYTES], w[128];
	const unsigned char	*p;
	struct dbstmt		*st;
	size_t			 n = 0;
	int64_t			 created, seen;
	int			 rc = -1;

	sodium_memzero(sk, 32);
	if (ctx->tenant_id <= 0 || !auth_token_wellformed(token))
		return -1;
	auth_token_digest(token, digest);
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SESSION_GET_SK,
	    &st) != DB_OK)
		goto out;
	if (db_bind_blob(st, 2, digest, sizeof(digest)) != DB_OK ||
	    db_step(st) != DB_ROW ||
	    (p = db_col_blob(st, 0, &n)) == NULL || n == 0 || n > sizeof(w)) {
		db_reset(st);
		goto out;
	}
	memcpy(w, p, n);
	created = db_col_int(st, 1);
	seen = db_col_int(st, 2);
	db_reset(st);
	/* An expired session carries no key, whatever the caller checked. */
	if (ctx->now - seen > AUTH_SESSION_IDLE ||
	    ctx->now - created > AUTH_SESSION_ABSOLUTE)
		goto out;
	rc = vault_session_unwrap(token, w, n, sk);
out:
	if (rc != 0)
		sodium_memzero(sk, 32);
	sodium_memzero(digest, sizeof(digest));
	return rc;
}

int
auth_session_forget_secret(struct ctx *ctx, int64_t person_id)
{
	return exec_tenant(ctx, SQL_SESSION_DROP_SK, 1, person_id, 0);
}
