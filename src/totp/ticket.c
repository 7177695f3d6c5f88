/* ticket.c: a login half done. The password (or the provider) was right,
 * the second factor is still to come: no session exists yet, only this
 * ticket, bound to a cookie whose value the database never holds (only
 * its hash), ten minutes long. The whistleblowing key the password
 * unlocked waits wrapped under the cookie value, as in a session. */
#include "totp/totp.h"

#include <sodium.h>
#include <string.h>

#include "auth/auth.h"
#include "ctx.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/buf.h"
#include "vault/vault.h"

static const char SQL_PRUNE[] =
    "DELETE FROM login_tickets WHERE tenant_id = $1 AND created_at < $2";
static const char SQL_ADD[] =
    "INSERT INTO login_tickets (tenant_id, ticket_hash, person_id, wrapped_sk,"
    " next, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_PEEK[] =
    "SELECT person_id, next, created_at, wrapped_sk FROM login_tickets"
    " WHERE tenant_id = $1 AND ticket_hash = $2";
static const char SQL_TAKE[] =
    "DELETE FROM login_tickets WHERE tenant_id = $1 AND ticket_hash = $2"
    " RETURNING person_id, next, created_at, wrapped_sk";

int
totp_ticket_issue(struct ctx *ctx, int64_t pid, const unsigned char *sk,
    const char *next, char *out, size_t outsz)
{
	struct dbstmt	*st;
	struct buf	 w;
	unsigned char	 h[AUTH_HASH_BYTES];
	char		 tok[AUTH_TOKEN_LEN + 1];
	int		 rc, own;

	if (outsz < sizeof(tok))
		return DB_ERR;
	auth_random_token(tok);
	auth_token_digest(tok, h);
	buf_init(&w, 256);
	if (sk != NULL && vault_session_wrap(tok, sk, &w) != 0) {
		buf_free(&w);
		return DB_ERR;
	}
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK) {
		buf_free(&w);
		return rc;
	}
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_PRUNE, &st)) == DB_OK) {
		if ((rc = db_bind_int(st, 2, ctx->now - TOTP_TICKET_TTL)) == DB_OK)
			rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
		db_reset(st);
	}
	if (rc == DB_OK && (rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_ADD, &st)) == DB_OK) {
		if ((rc = db_bind_blob(st, 2, h, sizeof(h))) == DB_OK &&
		    (rc = db_bind_int(st, 3, pid)) == DB_OK &&
		    (rc = sk != NULL ? db_bind_blob(st, 4, w.data, w.len) :
		    db_bind_null(st, 4)) == DB_OK &&
		    (rc = db_bind_text(st, 5, next)) == DB_OK &&
		    (rc = db_bind_int(st, 6, ctx->now)) == DB_OK)
			rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
		db_reset(st);
	}
	buf_free(&w);
	if ((rc = db_tx_finish(ctx->conn, own, rc)) < 0) {
		sodium_memzero(tok, sizeof(tok));
		return rc;
	}
	memcpy(out, tok, sizeof(tok));
	sodium_memzero(tok, sizeof(tok));
	return 0;
}

static int
ticket_read(struct ctx *ctx, const char *sql, const char *ticket,
    int64_t *pid, const char **next, unsigned char *sk, int *has_sk)
{
	struct dbstmt	*st;
	unsigned char	 h[AUTH_HASH_BYTES];
	const void	*w;
	size_t		 wn = 0;
	int64_t		 at = 0;
	int		 rc, own, found = 0;

	*pid = 0;
	*next = NULL;
	if (has_sk != NULL)
		*has_sk = 0;
	if (ticket == NULL || !auth_token_wellformed(ticket))
		return 1;
	auth_token_digest(ticket, h);
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) == DB_OK) {
		if ((rc = db_bind_blob(st, 2, h, sizeof(h))) == DB_OK &&
		    (rc = db_step(st)) == DB_ROW) {
			found = 1;
			*pid = db_col_int(st, 0);
			*next = arena_strdup(ctx->arena, db_col_text(st, 1));
			at = db_col_int(st, 2);
			w = db_col_blob(st, 3, &wn);
			if (sk != NULL && w != NULL && wn > 0 &&
			    vault_session_unwrap(ticket, w, wn, sk) == 0)
				*has_sk = 1;
			rc = db_step(st);
		}
		rc = rc == DB_DONE ? DB_OK : rc < 0 ? rc : DB_ERR;
		db_reset(st);
	}
	if ((rc = db_tx_finish(ctx->conn, own, rc)) < 0)
		return rc;
	if (!found || at < ctx->now - TOTP_TICKET_TTL) {
		if (has_sk != NULL && *has_sk)
			sodium_memzero(sk, 32);
		return 1;
	}
	return 0;
}

int
totp_ticket_peek(struct ctx *ctx, const char *ticket, int64_t *pid,
    const char **next)
{
	return ticket_read(ctx, SQL_PEEK, ticket, pid, next, NULL, NULL);
}

int
totp_ticket_take(struct ctx *ctx, const char *ticket, int64_t *pid,
    const char **next, unsigned char sk[32], int *has_sk)
{
	return ticket_read(ctx, SQL_TAKE, ticket, pid, next, sk, has_sk);
}
