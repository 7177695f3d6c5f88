/* throttle.c: login throttling. Failures are rows in login_failures; an
 * account is paused after AUTH_THROTTLE_PER_LOGIN failures in the window
 * (against guessing one person's password) and an address after
 * AUTH_THROTTLE_PER_ADDR (against trying one password on many logins). */
#include "auth/auth.h"

#include <string.h>

#include "ctx.h"
#include "store/store.h"

/* The n-th most recent failure in the window (n = limit): once it ages
 * out, the count is below the limit again. */
static const char SQL_THROTTLE_LOGIN[] =
    "SELECT at FROM login_failures WHERE tenant_id = $1 AND login = $2"
    " AND at > $3 ORDER BY at DESC LIMIT 1 OFFSET $4";
static const char SQL_THROTTLE_ADDR[] =
    "SELECT at FROM login_failures WHERE tenant_id = $1 AND addr = $2"
    " AND at > $3 ORDER BY at DESC LIMIT 1 OFFSET $4";
static const char SQL_THROTTLE_INSERT[] =
    "INSERT INTO login_failures (tenant_id, login, addr, at)"
    " VALUES ($1, $2, $3, $4)";
static const char SQL_THROTTLE_PRUNE[] =
    "DELETE FROM login_failures WHERE tenant_id = $1 AND at <= $2";
static const char SQL_THROTTLE_CLEAR[] =
    "DELETE FROM login_failures WHERE tenant_id = $1 AND login = $2";

/* Logins are compared as given but bounded, so a huge one cannot bloat
 * the table (the login form limits them anyway). */
#define KEY_MAX 256

static int64_t
wait_for(struct ctx *ctx, const char *sql, const char *key, int limit)
{
	struct dbstmt	*st;
	int64_t		 wait = 0, at;

	if (key == NULL || strlen(key) > KEY_MAX)
		key = "";
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st) != DB_OK)
		return 0;
	if (db_bind_text(st, 2, key) == DB_OK &&
	    db_bind_int(st, 3, ctx->now - AUTH_THROTTLE_WINDOW) == DB_OK &&
	    db_bind_int(st, 4, limit - 1) == DB_OK &&
	    db_step(st) == DB_ROW) {
		at = db_col_int(st, 0);
		wait = at + AUTH_THROTTLE_WINDOW - ctx->now;
		if (wait < 1)
			wait = 1;
	}
	db_reset(st);
	return wait;
}

int64_t
auth_throttle_wait(struct ctx *ctx, const char *login, const char *addr)
{
	int64_t a, b;

	a = wait_for(ctx, SQL_THROTTLE_LOGIN, login, AUTH_THROTTLE_PER_LOGIN);
	b = addr != NULL ?
	    wait_for(ctx, SQL_THROTTLE_ADDR, addr, AUTH_THROTTLE_PER_ADDR) : 0;
	return a > b ? a : b;
}

void
auth_throttle_fail(struct ctx *ctx, const char *login, const char *addr)
{
	struct dbstmt *st;

	if (login == NULL || strlen(login) > KEY_MAX)
		login = "";
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_THROTTLE_PRUNE,
	    &st) == DB_OK) {
		if (db_bind_int(st, 2, ctx->now - AUTH_THROTTLE_WINDOW) == DB_OK)
			(void)db_step(st);
		db_reset(st);
	}
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_THROTTLE_INSERT,
	    &st) == DB_OK) {
		if (db_bind_text(st, 2, login) == DB_OK &&
		    db_bind_text(st, 3, addr ? addr : "") == DB_OK &&
		    db_bind_int(st, 4, ctx->now) == DB_OK)
			(void)db_step(st);
		db_reset(st);
	}
}

void
auth_throttle_clear(struct ctx *ctx, const char *login)
{
	struct dbstmt *st;

	if (login == NULL || strlen(login) > KEY_MAX)
		return;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_THROTTLE_CLEAR,
	    &st) != DB_OK)
		return;
	if (db_bind_text(st, 2, login) == DB_OK)
		(void)db_step(st);
	db_reset(st);
}
