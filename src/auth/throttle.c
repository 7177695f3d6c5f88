/* throttle.c: slowing down password and receipt-code guessing with growing
 * delays instead of locks.
 *
 * Failures are rows in login_failures (key, address, time). Two delays are
 * computed from them, each counted from the latest failure it covers and
 * doubling with every further failure, up to a cap:
 *
 *  - per (key, address): after AUTH_THROTTLE_PAIR_FREE failures. This is the
 *    one that slows a guesser down; it reaches AUTH_THROTTLE_PAIR_CAP.
 *  - per key from all addresses: after AUTH_THROTTLE_KEY_FREE failures,
 *    against guessing one password from many addresses; capped low
 *    (AUTH_THROTTLE_KEY_CAP) so that the right password from another
 *    address is never kept out for long.
 *
 * There is no delay per address alone: behind a proxy every user may share
 * one address, and a typo storm there must not lock out a municipality.
 * An attempt refused for a delay is not a failure (no password was
 * checked), so hammering during a delay does not make it longer. Keys are
 * logins as typed, known or not, so the answers tell nothing about which
 * accounts exist, in lower case: a sign-in takes a login in any case
 * (org_person_by_login_typed), so "Emma" and "emma" are one key. */
#include "auth/auth.h"

#include <string.h>

#include "ctx.h"
#include "store/store.h"

static const char SQL_THROTTLE_KEY[] =
    "SELECT COUNT(*), MAX(at) FROM login_failures WHERE tenant_id = $1"
    " AND login = $2 AND at > $3";
static const char SQL_THROTTLE_PAIR[] =
    "SELECT COUNT(*), MAX(at) FROM login_failures WHERE tenant_id = $1"
    " AND login = $2 AND at > $3 AND addr = $4";
static const char SQL_THROTTLE_INSERT[] =
    "INSERT INTO login_failures (tenant_id, login, addr, at)"
    " VALUES ($1, $2, $3, $4)";
static const char SQL_THROTTLE_PRUNE[] =
    "DELETE FROM login_failures WHERE tenant_id = $1 AND at <= $2";
static const char SQL_THROTTLE_CLEAR[] =
    "DELETE FROM login_failures WHERE tenant_id = $1 AND login = $2"
    " AND addr = $3";

/* Logins are compared as given but bounded, so a huge one cannot bloat
 * the table (the login form limits them anyway). */
#define KEY_MAX 256

static const char *
bounded(const char *s)
{
	return s == NULL || strlen(s) > KEY_MAX ? "" : s;
}

/* The key of login: bounded, ASCII letters in lower case, into out. */
static const char *
key_of(const char *login, char out[KEY_MAX + 1])
{
	const char	*s = bounded(login);
	size_t		 i;

	for (i = 0; s[i] != '\0'; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') :
		    s[i];
	out[i] = '\0';
	return out;
}

int64_t
auth_throttle_delay(int64_t failures, int64_t nfree, int64_t cap)
{
	int64_t d = AUTH_THROTTLE_BASE;

	if (failures < nfree)
		return 0;
	for (failures -= nfree; failures > 0 && d < cap; failures--)
		d *= 2;
	return d < cap ? d : cap;
}

/* Seconds still to wait for the failures sql counts (addr NULL: all
 * addresses), given the free count and the cap. */
static int64_t
wait_for(struct ctx *ctx, const char *sql, const char *key, const char *addr,
    int64_t nfree, int64_t cap)
{
	struct dbstmt	*st;
	int64_t		 wait = 0, n, last;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st) != DB_OK)
		return 0;
	if (db_bind_text(st, 2, bounded(key)) == DB_OK &&
	    db_bind_int(st, 3, ctx->now - AUTH_THROTTLE_WINDOW) == DB_OK &&
	    (addr == NULL || db_bind_text(st, 4, bounded(addr)) == DB_OK) &&
	    db_step(st) == DB_ROW && !db_col_is_null(st, 1)) {
		n = db_col_int(st, 0);
		last = db_col_int(st, 1);
		wait = last + auth_throttle_delay(n, nfree, cap) - ctx->now;
		if (wait < 0)
			wait = 0;
	}
	db_reset(st);
	return wait;
}

int64_t
auth_throttle_wait(struct ctx *ctx, const char *login, const char *addr)
{
	char	key[KEY_MAX + 1];
	int64_t a, b;

	a = wait_for(ctx, SQL_THROTTLE_KEY, key_of(login, key), NULL,
	    AUTH_THROTTLE_KEY_FREE, AUTH_THROTTLE_KEY_CAP);
	b = wait_for(ctx, SQL_THROTTLE_PAIR, key, addr != NULL ? addr : "",
	    AUTH_THROTTLE_PAIR_FREE, AUTH_THROTTLE_PAIR_CAP);
	return a > b ? a : b;
}

void
auth_throttle_fail(struct ctx *ctx, const char *login, const char *addr)
{
	struct dbstmt	*st;
	char		 key[KEY_MAX + 1];

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_THROTTLE_PRUNE,
	    &st) == DB_OK) {
		if (db_bind_int(st, 2, ctx->now - AUTH_THROTTLE_WINDOW) == DB_OK)
			(void)db_step(st);
		db_reset(st);
	}
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_THROTTLE_INSERT,
	    &st) == DB_OK) {
		if (db_bind_text(st, 2, key_of(login, key)) == DB_OK &&
		    db_bind_text(st, 3, bounded(addr)) == DB_OK &&
		    db_bind_int(st, 4, ctx->now) == DB_OK)
			(void)db_step(st);
		db_reset(st);
	}
}

/* Only the succeeding address's failures go: failures of the same login
 * from elsewhere may be someone else's guessing, and forgetting them would
 * give that guesser a fresh start. */
void
auth_throttle_clear(struct ctx *ctx, const char *login, const char *addr)
{
	struct dbstmt	*st;
	char		 key[KEY_MAX + 1];

	if (login == NULL || strlen(login) > KEY_MAX)
		return;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_THROTTLE_CLEAR,
	    &st) != DB_OK)
		return;
	if (db_bind_text(st, 2, key_of(login, key)) == DB_OK &&
	    db_bind_text(st, 3, bounded(addr)) == DB_OK)
		(void)db_step(st);
	db_reset(st);
}
