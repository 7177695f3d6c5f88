/* test_session.c: sessions, API tokens, throttling and the password login
 * against the real SQLite store: what a user notices is being logged in,
 * staying logged in, being logged out on time, and being slowed down when
 * someone guesses passwords. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "fixture_db.h"
#include "org/org.h"

struct t {
	struct fixture	f;
	struct ctx	ctx;
	int64_t		t1, t2, kari, ola;
};

static const char SQL_AUDIT_N[] =
    "SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1 AND action = $2";
static const char SQL_AUDIT_DETAIL[] =
    "SELECT detail FROM audit_log WHERE tenant_id = $1 AND action = $2"
    " ORDER BY seq DESC LIMIT 1";
static const char SQL_SESSIONS_N[] = "SELECT COUNT(*) FROM sessions";
static const char SQL_SESSION_BY_TEXT[] =
    "SELECT COUNT(*) FROM sessions WHERE token_hash = $1 OR csrf = $1";
static const char SQL_TOKEN_REVOKE[] =
    "UPDATE api_tokens SET revoked_at = 1";
static const char SQL_MUST_CHANGE[] =
    "SELECT must_change_password FROM people WHERE tenant_id = $1 AND id = $2";
static const char SQL_DEACTIVATE[] =
    "UPDATE people SET active = 0 WHERE login = 'ola'";

static int64_t
audit_n(struct ctx *ctx, const char *action)
{
	struct dbstmt	*st;
	int64_t		 n = -1;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_AUDIT_N, &st) != 0)
		return -1;
	db_bind_text(st, 2, action);
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

static int64_t
person(struct ctx *ctx, const char *login, const char *pw)
{
	struct person	p = { 0 };
	char		h[AUTH_HASH_MAX];
	int64_t		id;

	p.login = login;
	p.name = login;
	p.active = 1;
	if (db_begin(ctx->conn) != 0)
		return -1;
	id = org_person_create(ctx, &p);
	if (id > 0 && pw != NULL) {
		if (auth_password_hash(pw, h) != 0 ||
		    org_password_set(ctx, id, h, 0) != 0)
			id = -1;
	}
	if (db_commit(ctx->conn) != 0)
		return -1;
	return id;
}

static int
setup(void **state)
{
	static struct t t;

	memset(&t, 0, sizeof(t));
	if (auth_init() != 0)
		return -1;
	auth_set_cost(AUTH_COST_TEST);
	if (fixture_open(&t.f, 2) != 0)
		return -1;
	t.t1 = tenant_create(t.f.conn, "Vestby", "vestby.example");
	t.t2 = tenant_create(t.f.conn, "Frosta", "frosta.example");
	if (t.t1 <= 0 || t.t2 <= 0)
		return -1;
	fixture_ctx(&t.f, &t.ctx, t.t1, NULL);
	if ((t.kari = person(&t.ctx, "kari", "kari-password-1")) <= 0 ||
	    (t.ola = person(&t.ctx, "ola", "ola-password-12")) <= 0)
		return -1;
	*state = &t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	fixture_close(&t->f);
	return 0;
}

static void
test_session_roundtrip(void **state)
{
	struct t	*t = *state;
	struct ctx	*ctx = &t->ctx;
	struct session	 s, got;
	char		 tok[AUTH_TOKEN_LEN + 1], other[AUTH_TOKEN_LEN + 1];
	struct dbstmt	*st;

	assert_int_equal(auth_session_create(ctx, t->kari, tok, &s), 0);
	assert_int_equal(strlen(tok), AUTH_TOKEN_LEN);
	assert_int_equal(strlen(s.csrf), AUTH_TOKEN_LEN);
	assert_string_not_equal(tok, s.csrf);
	assert_int_equal(auth_session_lookup(ctx, tok, &got), 0);
	assert_int_equal(got.person_id, t->kari);
	assert_int_equal(got.tenant_id, t->t1);
	assert_string_equal(got.csrf, s.csrf);

	/* The database never holds the cookie value itself. */
	assert_int_equal(db_prepare(ctx->conn, SQL_SESSION_BY_TEXT, &st), 0);
	db_bind_text(st, 1, tok);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 0);
	db_reset(st);

	/* Another token, a mangled one, or another municipality: nobody. */
	assert_int_equal(auth_session_create(ctx, t->ola, other, &s), 0);
	assert_string_not_equal(tok, other);
	tok[5] = tok[5] == 'A' ? 'B' : 'A';
	assert_int_equal(auth_session_lookup(ctx, tok, &got), -1);
	assert_int_equal(auth_session_lookup(ctx, "short", &got), -1);
	assert_int_equal(auth_session_lookup(ctx, NULL, &got), -1);
	ctx->tenant_id = t->t2;
	assert_int_equal(auth_session_lookup(ctx, other, &got), -1);
	ctx->tenant_id = t->t1;
	assert_int_equal(auth_session_lookup(ctx, other, &got), 0);
	assert_int_equal(got.person_id, t->ola);
}

static void
test_session_idle_timeout(void **state)
{
	struct t	*t = *state;
	struct ctx	*ctx = &t->ctx;
	struct session	 s, got;
	char		 tok[AUTH_TOKEN_LEN + 1];
	int64_t		 t0 = ctx->now, before;

	assert_int_equal(auth_session_create(ctx, t->kari, tok, &s), 0);
	/* Active use keeps it alive past the idle limit... */
	ctx->now = t0 + AUTH_SESSION_IDLE - 10;
	assert_int_equal(auth_session_lookup(ctx, tok, &got), 0);
	ctx->now = t0 + 2 * AUTH_SESSION_IDLE - 20;
	assert_int_equal(auth_session_lookup(ctx, tok, &got), 0);
	/* ...walking away ends it, and the row goes. */
	before = fixture_int(ctx->conn, SQL_SESSIONS_N);
	ctx->now += AUTH_SESSION_IDLE + 1;
	assert_int_equal(auth_session_lookup(ctx, tok, &got), -1);
	assert_int_equal(fixture_int(ctx->conn, SQL_SESSIONS_N), before - 1);
	ctx->now = t0;
	assert_int_equal(auth_session_lookup(ctx, tok, &got), -1);
}

static void
test_session_absolute_timeout(void **state)
{
	struct t	*t = *state;
	struct ctx	*ctx = &t->ctx;
	struct session	 s, got;
	char		 tok[AUTH_TOKEN_LEN + 1];
	int64_t		 t0 = ctx->now;

	assert_int_equal(auth_session_create(ctx, t->kari, tok, &s), 0);
	/* Busy all day: still out after AUTH_SESSION_ABSOLUTE. */
	for (ctx->now = t0; ctx->now <= t0 + AUTH_SESSION_ABSOLUTE;
	    ctx->now += AUTH_SESSION_IDLE / 2)
		assert_int_equal(auth_session_lookup(ctx, tok, &got), 0);
	ctx->now = t0 + AUTH_SESSION_ABSOLUTE + 1;
	assert_int_equal(auth_session_lookup(ctx, tok, &got), -1);
	ctx->now = t0;
}

static void
test_session_destroy(void **state)
{
	struct t	*t = *state;
	struct ctx	*ctx = &t->ctx;
	struct session	 s, got;
	struct person	 p = { 0 };
	char		 tok[AUTH_TOKEN_LEN + 1];
	int64_t		 logouts = audit_n(ctx, "logout");

	assert_int_equal(auth_session_create(ctx, t->kari, tok, &s), 0);
	p.id = t->kari;
	ctx->user = &p;
	assert_int_equal(auth_session_destroy(ctx, tok), 0);
	ctx->user = NULL;
	assert_int_equal(auth_session_lookup(ctx, tok, &got), -1);
	assert_int_equal(audit_n(ctx, "logout"), logouts + 1);
	/* A stale cookie is no logout to record. */
	assert_int_equal(auth_session_destroy(ctx, tok), 0);
	assert_int_equal(audit_n(ctx, "logout"), logouts + 1);
}

static void
test_csrf_check(void **state)
{
	struct t	*t = *state;
	struct session	 s;
	char		 tok[AUTH_TOKEN_LEN + 1], wrong[AUTH_TOKEN_LEN + 1];

	assert_int_equal(auth_session_create(&t->ctx, t->kari, tok, &s), 0);
	assert_true(auth_csrf_check(&s, s.csrf));
	memcpy(wrong, s.csrf, sizeof(wrong));
	wrong[AUTH_TOKEN_LEN - 1] = wrong[AUTH_TOKEN_LEN - 1] == 'x' ? 'y' : 'x';
	assert_false(auth_csrf_check(&s, wrong));
	assert_false(auth_csrf_check(&s, ""));
	assert_false(auth_csrf_check(&s, NULL));
	assert_false(auth_csrf_check(NULL, s.csrf));
	/* The session cookie is not a CSRF token. */
	assert_false(auth_csrf_check(&s, tok));
	wrong[10] = '\0';
	assert_false(auth_csrf_check(&s, wrong));
}

static void
test_api_tokens(void **state)
{
	struct t	*t = *state;
	struct ctx	*ctx = &t->ctx;
	char		 tok[80], bad[80];
	int64_t		 pid = 0;

	assert_int_equal(auth_token_create(ctx, t->ola, "integration", tok,
	    sizeof(tok)), 0);
	assert_memory_equal(tok, "orden_", 6);
	assert_int_equal(strlen(tok), 6 + AUTH_TOKEN_LEN);
	assert_int_equal(auth_token_resolve(ctx, tok, &pid), 0);
	assert_int_equal(pid, t->ola);

	/* In another municipality the token is simply unknown. */
	pid = 0;
	ctx->tenant_id = t->t2;
	assert_int_equal(auth_token_resolve(ctx, tok, &pid), -1);
	assert_int_equal(pid, 0);
	ctx->tenant_id = t->t1;

	memcpy(bad, tok, sizeof(bad));
	bad[20] = bad[20] == 'a' ? 'b' : 'a';
	assert_int_equal(auth_token_resolve(ctx, bad, &pid), -1);
	assert_int_equal(auth_token_resolve(ctx, tok + 6, &pid), -1);
	assert_int_equal(auth_token_resolve(ctx, "orden_", &pid), -1);
	assert_int_equal(auth_token_create(ctx, t->ola, NULL, bad, 20), -1);

	/* Revoked tokens stop working. */
	assert_int_equal(db_exec(ctx->conn, SQL_TOKEN_REVOKE), 0);
	assert_int_equal(auth_token_resolve(ctx, tok, &pid), -1);

	/* Expiry: until the second it ends; never in the past. */
	{
		struct auth_token_info	*v;
		size_t			 n, i, found = 0;
		int64_t			 t0 = ctx->now, id = 0;

		assert_int_equal(auth_token_create_until(ctx, t->ola, "kort",
		    t0 + 10, tok, sizeof(tok)), 0);
		assert_int_equal(auth_token_create_until(ctx, t->ola, "fortid",
		    t0, bad, sizeof(bad)), -1);
		assert_int_equal(auth_token_resolve(ctx, tok, &pid), 0);
		ctx->now = t0 + 10;
		assert_int_equal(auth_token_resolve(ctx, tok, &pid), -1);
		ctx->now = t0;
		assert_int_equal(auth_token_list(ctx, &v, &n), 0);
		for (i = 0; i < n; i++)
			if (v[i].label != NULL && strcmp(v[i].label, "kort") == 0) {
				found++;
				id = v[i].id;
				assert_int_equal(v[i].expires_at, t0 + 10);
				assert_int_equal(v[i].person_id, t->ola);
				assert_int_equal(v[i].revoked_at, 0);
			}
		assert_int_equal(found, 1);
		assert_int_equal(auth_token_revoke(ctx, id), 0);
		assert_int_equal(auth_token_revoke(ctx, id), 1);
		assert_int_equal(auth_token_resolve(ctx, tok, &pid), -1);
		/* Another municipality's token id is no token here. */
		ctx->tenant_id = t->t2;
		assert_int_equal(auth_token_revoke(ctx, id), 1);
		ctx->tenant_id = t->t1;
	}
}

static void
test_throttle(void **state)
{
	struct t	*t = *state;
	struct ctx	*ctx = &t->ctx;
	int64_t		 t0 = ctx->now, w;
	int		 i;
	char		 login[32], addr[32];

	/* The delays: none for the free failures, then doubling, capped. */
	assert_int_equal(auth_throttle_delay(2, 3, 900), 0);
	assert_int_equal(auth_throttle_delay(3, 3, 900), AUTH_THROTTLE_BASE);
	assert_int_equal(auth_throttle_delay(4, 3, 900), 2 * AUTH_THROTTLE_BASE);
	assert_int_equal(auth_throttle_delay(5, 3, 900), 4 * AUTH_THROTTLE_BASE);
	assert_int_equal(auth_throttle_delay(40, 3, 900), 900);
	assert_int_equal(auth_throttle_delay(INT64_MAX, 3, 900), 900);

	assert_int_equal(auth_throttle_wait(ctx, "kari", "10.0.0.1"), 0);
	for (i = 0; i < AUTH_THROTTLE_PAIR_FREE - 1; i++)
		auth_throttle_fail(ctx, "kari", "10.0.0.1");
	assert_int_equal(auth_throttle_wait(ctx, "kari", "10.0.0.1"), 0);
	auth_throttle_fail(ctx, "kari", "10.0.0.1");
	w = auth_throttle_wait(ctx, "kari", "10.0.0.1");
	assert_int_equal(w, AUTH_THROTTLE_BASE);
	/* Only that address waits: the right password from another gets in. */
	assert_int_equal(auth_throttle_wait(ctx, "kari", "10.0.0.9"), 0);
	/* Per account and municipality: others are not affected. */
	assert_int_equal(auth_throttle_wait(ctx, "ola", "10.0.0.1"), 0);
	ctx->tenant_id = t->t2;
	assert_int_equal(auth_throttle_wait(ctx, "kari", "10.0.0.1"), 0);
	ctx->tenant_id = t->t1;
	/* The delay passes without the window having to. */
	ctx->now = t0 + AUTH_THROTTLE_BASE;
	assert_int_equal(auth_throttle_wait(ctx, "kari", "10.0.0.1"), 0);
	/* The next failure doubles it. */
	auth_throttle_fail(ctx, "kari", "10.0.0.1");
	assert_int_equal(auth_throttle_wait(ctx, "kari", "10.0.0.1"),
	    2 * AUTH_THROTTLE_BASE);
	/* A success clears that address's count, not the others'. */
	auth_throttle_fail(ctx, "kari", "10.0.0.2");
	auth_throttle_clear(ctx, "kari", "10.0.0.1");
	assert_int_equal(auth_throttle_wait(ctx, "kari", "10.0.0.1"), 0);
	ctx->now = t0;

	/* One address typing wrong for many logins (all the users behind a
	 * proxy) locks out nobody else. */
	for (i = 0; i < 50; i++) {
		snprintf(login, sizeof(login), "guess%d", i % 10);
		auth_throttle_fail(ctx, login, "10.6.6.6");
	}
	assert_int_equal(auth_throttle_wait(ctx, "someone", "10.6.6.6"), 0);

	/* Many addresses against one account: a short delay for everyone,
	 * never longer than the account cap. */
	for (i = 0; i < AUTH_THROTTLE_KEY_FREE + 5; i++) {
		snprintf(addr, sizeof(addr), "10.7.0.%d", i);
		auth_throttle_fail(ctx, "per", addr);
	}
	w = auth_throttle_wait(ctx, "per", "10.8.0.1");
	assert_true(w > 0 && w <= AUTH_THROTTLE_KEY_CAP);
	/* The window passes: all forgotten. */
	ctx->now = t0 + AUTH_THROTTLE_WINDOW + 1;
	assert_int_equal(auth_throttle_wait(ctx, "per", "10.8.0.1"), 0);
	ctx->now = t0;
}

static void
test_login(void **state)
{
	struct t		*t = *state;
	struct ctx		*ctx = &t->ctx;
	int64_t			 pid, retry;
	struct dbstmt		*st;
	int			 i;

	ctx->remote_addr = "192.0.2.10";
	assert_int_equal(auth_login(ctx, "kari", "kari-password-1", NULL, &pid, &retry),
	    AUTH_OK);
	assert_int_equal(pid, t->kari);
	assert_int_equal(audit_n(ctx, "login"), 1);

	/* Wrong password and unknown login: the same answer. */
	assert_int_equal(auth_login(ctx, "kari", "wrong-password", NULL, &pid, &retry),
	    AUTH_BAD);
	assert_int_equal(pid, 0);
	assert_int_equal(auth_login(ctx, "nobody", "wrong-password", NULL, &pid, &retry),
	    AUTH_BAD);
	assert_int_equal(audit_n(ctx, "login_failed"), 2);
	/* The audit names the login tried, never the password. */
	assert_int_equal(db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_AUDIT_DETAIL, &st), 0);
	db_bind_text(st, 2, "login_failed");
	assert_int_equal(db_step(st), DB_ROW);
	assert_non_null(strstr(db_col_text(st, 0), "nobody"));
	assert_null(strstr(db_col_text(st, 0), "wrong-password"));
	db_reset(st);

	/* A deactivated person cannot log in, even with the password. */
	assert_int_equal(db_exec(ctx->conn, SQL_DEACTIVATE), 0);
	assert_int_equal(auth_login(ctx, "ola", "ola-password-12", NULL, &pid, &retry),
	    AUTH_BAD);

	/* Guessing: after AUTH_THROTTLE_PAIR_FREE failures from an address
	 * even the right password waits there, and the wait is told. */
	for (i = 0; i < AUTH_THROTTLE_PAIR_FREE; i++)
		auth_login(ctx, "kari", "guess", NULL, &pid, &retry);
	assert_int_equal(auth_login(ctx, "kari", "kari-password-1", NULL, &pid, &retry),
	    AUTH_THROTTLED);
	assert_true(retry > 0 && retry <= AUTH_THROTTLE_PAIR_CAP);
	assert_int_equal(pid, 0);
	assert_true(audit_n(ctx, "login_throttled") >= 1);
	/* Once the window has passed, the right password works again. */
	ctx->now += AUTH_THROTTLE_WINDOW + 1;
	assert_int_equal(auth_login(ctx, "kari", "kari-password-1", NULL, &pid, &retry),
	    AUTH_OK);
	/* Logins of another municipality are theirs alone. */
	ctx->tenant_id = t->t2;
	assert_int_equal(auth_login(ctx, "kari", "kari-password-1", NULL, &pid, &retry),
	    AUTH_BAD);
	ctx->tenant_id = t->t1;
	/* The audit chain is intact after all of it. */
	{
		char msg[200];

		assert_int_equal(audit_verify(ctx->conn, msg, sizeof(msg)), 0);
	}
}

/* A hash made with other limits (libsodium's INTERACTIVE, 64 MiB, what
 * earlier versions stored) still logs in, and that login replaces it with
 * a hash of the current cost; the one-time-password flag stays. */
static void
test_login_rehash(void **state)
{
	struct t	*t = *state;
	struct ctx	*ctx = &t->ctx;
	const char	*stored;
	char		 old[crypto_pwhash_STRBYTES], kept[AUTH_HASH_MAX];
	int64_t		 pid, retry;
	struct dbstmt	*st;

	ctx->remote_addr = "192.0.2.11";
	assert_int_equal(crypto_pwhash_str_alg(old, "kari-password-1",
	    strlen("kari-password-1"), crypto_pwhash_OPSLIMIT_MIN + 1,
	    crypto_pwhash_MEMLIMIT_MIN * 2, crypto_pwhash_ALG_ARGON2ID13), 0);
	assert_int_equal(db_begin(ctx->conn), 0);
	assert_int_equal(org_password_set(ctx, t->kari, old, 1), 0);
	assert_int_equal(db_commit(ctx->conn), 0);
	assert_true(auth_password_needs_rehash(old));

	assert_int_equal(auth_login(ctx, "kari", "kari-password-1", NULL, &pid, &retry),
	    AUTH_OK);
	assert_int_equal(org_password_get(ctx, t->kari, &stored), 0);
	assert_non_null(stored);
	assert_string_not_equal(stored, old);
	assert_false(auth_password_needs_rehash(stored));
	assert_true(auth_password_verify(stored, "kari-password-1"));
	snprintf(kept, sizeof(kept), "%s", stored);
	assert_int_equal(db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_MUST_CHANGE, &st), 0);
	db_bind_int(st, 2, t->kari);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 1);
	db_reset(st);
	/* A hash of the current cost is left as it is. */
	assert_int_equal(auth_login(ctx, "kari", "kari-password-1", NULL, &pid, &retry),
	    AUTH_OK);
	assert_int_equal(org_password_get(ctx, t->kari, &stored), 0);
	assert_string_equal(stored, kept);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_session_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_idle_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_absolute_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_destroy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csrf_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_api_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_rehash, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
