/* login.c: the password login, tying throttle, lookup, verify and audit
 * together. An unknown login and a wrong password take the same time and
 * give the same answer, so the form cannot be used to find accounts. */
#include "auth/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/log.h"

/* The audit detail names the login tried (never the password), bounded
 * and without quotes so it cannot be mistaken for structure. */
static void
detail_login(char *out, size_t outsz, const char *login)
{
	size_t i, o = 0;

	o = (size_t)snprintf(out, outsz, "login=");
	if (o >= outsz)
		o = outsz - 1;
	for (i = 0; login != NULL && login[i] != '\0' && o + 1 < outsz && i < 64; i++)
		out[o++] = (login[i] < 0x20 && login[i] >= 0) ? '?' : login[i];
	out[o] = '\0';
}

/* Record a failure (or a throttled attempt) durably, with its audit row,
 * in one transaction when the caller has none open. */
static void
record(struct ctx *ctx, const char *action, const char *login, int64_t pid,
    int count_failure)
{
	char	detail[96];
	int	tx = 0;

	detail_login(detail, sizeof(detail), login);
	if (!db_in_tx(ctx->conn)) {
		if (db_begin(ctx->conn) != DB_OK) {
			log_event("login_error", "op", "begin", NULL);
			return;
		}
		tx = 1;
	}
	if (count_failure)
		auth_throttle_fail(ctx, login, ctx->remote_addr);
	if (audit_append(ctx, action, "person", pid, detail) != 0)
		log_event("login_error", "op", "audit", "action", action, NULL);
	if (tx && db_commit(ctx->conn) != DB_OK) {
		db_rollback(ctx->conn);
		log_event("login_error", "op", "commit", NULL);
	}
}

enum auth_result
auth_login(struct ctx *ctx, const char *login, const char *pw,
    int (*second_step)(struct ctx *, int64_t), int64_t *person_id,
    int64_t *retry_after)
{
	struct person	 p;
	const char	*hash = NULL;
	int64_t		 wait, pid = 0;
	int		 ok, tx = 0, need_rehash, second = 0;
	char		 detail[96], newhash[AUTH_HASH_MAX];

	*person_id = 0;
	*retry_after = 0;
	if (login == NULL || pw == NULL)
		return AUTH_BAD;
	if ((wait = auth_throttle_wait(ctx, login, ctx->remote_addr)) > 0) {
		record(ctx, "login_throttled", login, 0, 0);
		*retry_after = wait;
		return AUTH_THROTTLED;
	}
	memset(&p, 0, sizeof(p));
	if (org_person_by_login_typed(ctx, login, &p) == 0 && p.active) {
		pid = p.id;
		if (org_password_get(ctx, pid, &hash) != 0)
			hash = NULL;
	}
	/* Always verify: with no hash, against a dummy of the same cost. */
	ok = auth_password_verify(hash, pw) && pid > 0;
	if (!ok) {
		record(ctx, "login_failed", login, pid, 1);
		return AUTH_BAD;
	}
	if (second_step != NULL && (second = second_step(ctx, pid)) < 0)
		return AUTH_ERROR;
	/* Hashed before the transaction: the write lock is not held for it. */
	need_rehash = auth_password_needs_rehash(hash) &&
	    auth_password_hash(pw, newhash) == 0;
	detail_login(detail, sizeof(detail), login);
	if (!db_in_tx(ctx->conn)) {
		if (db_begin(ctx->conn) != DB_OK) {
			sodium_memzero(newhash, sizeof(newhash));
			return AUTH_ERROR;
		}
		tx = 1;
	}
	auth_throttle_clear(ctx, login, ctx->remote_addr);
	/* A hash of an older (or other) cost is upgraded now that the
	 * password is known; a failure keeps the old, still valid hash. */
	if (need_rehash && org_password_rehash(ctx, pid, hash, newhash) != 0)
		log_event("login_error", "op", "rehash", NULL);
	/* The person logging in is the actor of their own login. */
	ok = audit_append_as(ctx, pid, second > 0 ? "login_password" : "login",
	    "person", pid, detail) == 0;
	sodium_memzero(newhash, sizeof(newhash));
	if (!ok) {
		if (tx)
			db_rollback(ctx->conn);
		return AUTH_ERROR;
	}
	if (tx && db_commit(ctx->conn) != DB_OK) {
		db_rollback(ctx->conn);
		return AUTH_ERROR;
	}
	*person_id = pid;
	return AUTH_OK;
}
