/* forgot.c: a forgotten password, reset by a link in an e-mail (auth.h).
 * The link's token is 32 random bytes; the database keeps its BLAKE2b
 * (password_resets), the outbox the token itself only until the e-mail is
 * sent. The token works once and for MAIL_RESET_LIFETIME; looking it up
 * by its hash compares no secret byte by byte. */
#include "auth/auth.h"

#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "notify/mail.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "vault/vault.h"

static const char SQL_RECENT[] =
    "SELECT COUNT(*) FROM password_resets WHERE tenant_id = $1"
    " AND person_id = $2 AND created_at > $3";
static const char SQL_ADD[] =
    "INSERT INTO password_resets (tenant_id, person_id, token_hash,"
    " created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_FIND[] =
    "SELECT id, person_id, expires_at, used_at FROM password_resets"
    " WHERE tenant_id = $1 AND token_hash = $2";
static const char SQL_USE[] =
    "UPDATE password_resets SET used_at = $3 WHERE tenant_id = $1 AND id = $2"
    " AND used_at IS NULL";
/* Every other link of the person stops working with the reset. */
static const char SQL_USE_ALL[] =
    "UPDATE password_resets SET used_at = $3 WHERE tenant_id = $1"
    " AND person_id = $2 AND used_at IS NULL";

int
auth_reset_request(struct ctx *ctx, const char *login)
{
	struct person	 p;
	struct dbstmt	*st;
	unsigned char	 digest[AUTH_HASH_BYTES];
	char		 token[AUTH_TOKEN_LEN + 1];
	int		 own = 0, rc;

	if (login == NULL || org_person_by_login_typed(ctx, login, &p) != 0 ||
	    !p.active || p.email == NULL || strchr(p.email, '@') == NULL)
		return 0;
	/* One link per few minutes: the form cannot fill a mailbox. */
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RECENT, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, p.id);
	db_bind_int(st, 3, ctx->now - AUTH_RESET_GAP);
	rc = db_step(st);
	rc = rc == DB_ROW ? (db_col_int(st, 0) > 0) : DB_ERR;
	db_reset(st);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	auth_random_token(token);
	auth_token_digest(token, digest);
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		goto out;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ADD, &st))
	    == DB_OK) {
		db_bind_int(st, 2, p.id);
		db_bind_blob(st, 3, digest, sizeof(digest));
		db_bind_int(st, 4, ctx->now);
		db_bind_int(st, 5, ctx->now + MAIL_RESET_LIFETIME);
		rc = db_step(st) == DB_DONE ? 0 : DB_ERR;
		db_reset(st);
	}
	if (rc == 0)
		rc = mail_enqueue_reset(ctx, p.id, token);
	if (rc == 0)
		rc = audit_append(ctx, "password_reset_requested", "person", p.id,
		    NULL);
	rc = db_tx_finish(ctx->conn, own, rc);
out:
	sodium_memzero(token, sizeof(token));
	return rc < 0 ? rc : 0;
}

/* Run sql with $2 = a, $3 = ctx->now; the number of rows changed. */
static int64_t
use(struct ctx *ctx, const char *sql, int64_t a)
{
	struct dbstmt	*st;
	int		 rc;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st) != DB_OK)
		return -1;
	db_bind_int(st, 2, a);
	db_bind_int(st, 3, ctx->now);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? db_changes(ctx->conn) : -1;
}

int
auth_reset_finish(struct ctx *ctx, const char *token, const char *pw)
{
	struct dbstmt	*st;
	unsigned char	 digest[AUTH_HASH_BYTES];
	char		 hash[AUTH_HASH_MAX];
	int64_t		 id, person_id, expires;
	int		 own = 0, rc, used;

	if (token == NULL || !auth_token_wellformed(token))
		return AUTH_RESET_BAD;
	auth_token_digest(token, digest);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_FIND, &st))
	    != DB_OK)
		return rc;
	db_bind_blob(st, 2, digest, sizeof(digest));
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? AUTH_RESET_BAD : DB_ERR;
	}
	id = db_col_int(st, 0);
	person_id = db_col_int(st, 1);
	expires = db_col_int(st, 2);
	used = !db_col_is_null(st, 3);
	db_reset(st);
	if (used || ctx->now >= expires)
		return AUTH_RESET_BAD;
	if (pw == NULL || strlen(pw) < AUTH_PASSWORD_MIN)
		return AUTH_RESET_SHORT;
	if (auth_password_hash(pw, hash) != 0)
		return DB_ERR;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		goto out;
	/* Used once: of two submits at the same time, one changes a row. */
	if (use(ctx, SQL_USE, id) != 1)
		rc = AUTH_RESET_BAD;
	else if (use(ctx, SQL_USE_ALL, person_id) < 0 ||
	    org_password_set(ctx, person_id, hash, 0) != 0 ||
	    vault_person_forget(ctx, person_id) != 0 ||
	    auth_sessions_end(ctx, person_id, 0) < 0 ||
	    audit_append(ctx, "password_reset_mail", "person", person_id,
	    NULL) != 0)
		rc = DB_ERR;
	rc = db_tx_finish(ctx->conn, own, rc == AUTH_RESET_BAD ? -100 : rc);
	if (rc == -100)
		rc = AUTH_RESET_BAD;
out:
	sodium_memzero(hash, sizeof(hash));
	return rc;
}
