/* The audit chain cannot be rewritten by whoever can write the database
 * (issue 11 item 16). An attacker who rewrites every row and the head with
 * hashes computed the way the chain used to be computed (unkeyed BLAKE2b,
 * which anyone can) made `orden audit verify` say "intact". Now the rows
 * are keyed with a key outside the database, which also pins the rows
 * written before the key existed: the same forgery is reported. The key
 * file is the owner's alone. On PostgreSQL the key file is named by
 * ORDEN_AUDIT_KEY; the chain written before the server first ran with it
 * (by `orden demo`, unkeyed) keeps verifying, and is pinned too. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "store/store.h"

static struct srv	S;
static char		keyfile[400], keyenv[420];

/* SQLite: the key file beside the database (DB.audit-key), which every
 * command finds by itself; PostgreSQL: ORDEN_AUDIT_KEY in every command's
 * environment, as the README says. */
static const char *const *
env(void)
{
	static const char *e[2];

	e[0] = srv_is_pg() ? keyenv : NULL;
	e[1] = NULL;
	return e;
}

static int
setup(void **st)
{
	struct client c;

	(void)st;
	srv_prepare(&S, 1);
	if (srv_is_pg())
		snprintf(keyfile, sizeof(keyfile), "%s/keys/audit.key", S.dir);
	else
		snprintf(keyfile, sizeof(keyfile), "%s.audit-key", S.db);
	snprintf(keyenv, sizeof(keyenv), "ORDEN_AUDIT_KEY=%s", keyfile);
	/* The key file's directory, as an operator makes it. */
	{
		char dir[400];

		snprintf(dir, sizeof(dir), "%s/keys", S.dir);
		assert_int_equal(mkdir(dir, 0700), 0);
	}
	srv_start(&S, env());
	/* Some events after the key exists: sign-ins are audited. */
	session_client(&c, &S, "emma.johansen");
	client_free(&c);
	session_client(&c, &S, "admin");
	client_free(&c);
	srv_stop(&S, 1);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_start(&S, env());
	srv_stop(&S, 0);
	return 0;
}

/* --- the forger: the old, unkeyed hash (audit.c before the key) --------- */

static void
put_u64(crypto_generichash_state *h, uint64_t v)
{
	unsigned char	b[8];
	int		i;

	for (i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
	crypto_generichash_update(h, b, sizeof(b));
}

static void
put_int(crypto_generichash_state *h, int present, int64_t v)
{
	unsigned char p = present ? 1 : 0;

	crypto_generichash_update(h, &p, 1);
	if (present)
		put_u64(h, (uint64_t)v);
}

static void
put_str(crypto_generichash_state *h, const char *s)
{
	unsigned char	p = s != NULL ? 1 : 0;

	crypto_generichash_update(h, &p, 1);
	if (s == NULL)
		return;
	put_u64(h, (uint64_t)strlen(s));
	crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
}

struct row {
	int64_t		 seq, at, actor, object_id;
	int		 has_actor, has_object;
	char		*action, *object_type, *detail;
};

static char *
dup_or_null(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

/* Rewrite tenant tid's whole chain with unkeyed hashes, with row `change`
 * saying "forged" in its detail, and set the head to match. */
static void
forge(int64_t tid, int64_t change)
{
	static const char sel[] = "SELECT seq, at, actor_id, action, object_type,"
	    " object_id, detail FROM audit_log WHERE tenant_id = $1 ORDER BY seq";
	static const char upd[] = "UPDATE audit_log SET detail = $3, prev_hash = $4,"
	    " hash = $5 WHERE tenant_id = $1 AND seq = $2";
	static const char head[] = "UPDATE tenants SET audit_head = $2 WHERE id = $1";
	static const char uid_sql[] = "SELECT COALESCE(uid, id) FROM tenants WHERE id = $1";
	struct db	*db;
	struct dbconn	*c;
	struct dbstmt	*st;
	struct row	*v = NULL;
	size_t		 n = 0, i;
	int64_t		 uid = 0;
	unsigned char	 prev[32] = { 0 }, h[32];
	crypto_generichash_state s;

	assert_int_equal(db_open(&db, S.db, 1), 0);
	c = db_acquire(db);
	assert_int_equal(db_prepare_dynamic(c, 0, uid_sql, &st), DB_OK);
	db_bind_int(st, 1, tid);
	assert_int_equal(db_step(st), DB_ROW);
	uid = db_col_int(st, 0);
	db_reset(st);
	assert_int_equal(db_prepare_dynamic(c, 0, sel, &st), DB_OK);
	db_bind_int(st, 1, tid);
	while (db_step(st) == DB_ROW) {
		v = realloc(v, (n + 1) * sizeof(*v));
		assert_non_null(v);
		v[n].seq = db_col_int(st, 0);
		v[n].at = db_col_int(st, 1);
		v[n].has_actor = !db_col_is_null(st, 2);
		v[n].actor = db_col_int(st, 2);
		v[n].action = dup_or_null(db_col_text(st, 3));
		v[n].object_type = dup_or_null(db_col_text(st, 4));
		v[n].has_object = !db_col_is_null(st, 5);
		v[n].object_id = db_col_int(st, 5);
		v[n].detail = dup_or_null(db_col_text(st, 6));
		n++;
	}
	db_reset(st);
	assert_true(n > (size_t)change);
	assert_int_equal(db_begin(c), DB_OK);
	for (i = 0; i < n; i++) {
		if (v[i].seq == change) {
			free(v[i].detail);
			v[i].detail = strdup("forged");
		}
		crypto_generichash_init(&s, NULL, 0, 32);
		crypto_generichash_update(&s, prev, 32);
		crypto_generichash_update(&s, (const unsigned char *)"orden-audit-v1",
		    sizeof("orden-audit-v1"));
		put_int(&s, 1, uid);
		put_int(&s, 1, v[i].seq);
		put_int(&s, 1, v[i].at);
		put_int(&s, v[i].has_actor, v[i].actor);
		put_str(&s, v[i].action);
		put_str(&s, v[i].object_type);
		put_int(&s, v[i].has_object, v[i].object_id);
		put_str(&s, v[i].detail);
		crypto_generichash_final(&s, h, 32);
		assert_int_equal(db_prepare_dynamic(c, 0, upd, &st), DB_OK);
		db_bind_int(st, 1, tid);
		db_bind_int(st, 2, v[i].seq);
		if (v[i].detail != NULL)
			db_bind_text(st, 3, v[i].detail);
		else
			db_bind_null(st, 3);
		db_bind_blob(st, 4, prev, 32);
		db_bind_blob(st, 5, h, 32);
		assert_int_equal(db_step(st), DB_DONE);
		db_reset(st);
		memcpy(prev, h, 32);
		free(v[i].action);
		free(v[i].object_type);
		free(v[i].detail);
	}
	assert_int_equal(db_prepare_dynamic(c, 0, head, &st), DB_OK);
	db_bind_int(st, 1, tid);
	db_bind_blob(st, 2, prev, 32);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(db_commit(c), DB_OK);
	free(v);
	db_release(db, c);
	db_close(db);
}

static int
verify(struct buf *out)
{
	buf_reset(out);
	return orden_run_env(out, env(), "audit", "verify", "--db", S.db, NULL);
}

/* The chain verifies, including the rows `orden init` wrote before the
 * key; the key file is 0600. */
static void
test_intact(void **st)
{
	struct buf	out;
	struct stat	sb;

	(void)st;
	buf_init(&out, 1u << 16);
	if (verify(&out) != 0)
		fail_msg("%s", buf_cstr(&out));
	assert_non_null(strstr(buf_cstr(&out), "intact"));
	assert_int_equal(stat(keyfile, &sb), 0);
	assert_int_equal(sb.st_mode & 077, 0);
	buf_free(&out);
}

/* A chain rewritten consistently with the old hash: broken. */
static void
test_forged_chain_is_caught(void **st)
{
	struct buf	out;
	int64_t		tid, last;

	(void)st;
	buf_init(&out, 1u << 16);
	tid = srv_db_int(&S, "SELECT id FROM tenants ORDER BY id", NULL);
	last = srv_db_int(&S, "SELECT audit_seq FROM tenants ORDER BY id", NULL);
	assert_true(last > 3);
	/* A row the key covers... */
	forge(tid, last - 1);
	assert_int_equal(verify(&out), 1);
	print_message("# %s", buf_cstr(&out));
	/* ... and one from before the key existed (orden init's). */
	forge(tid, 1);
	assert_int_equal(verify(&out), 1);
	print_message("# %s", buf_cstr(&out));
	buf_free(&out);
}

/* Without the key file the chain cannot be vouched for: verify says so
 * rather than "intact". */
static void
test_missing_key_is_reported(void **st)
{
	struct buf	 out;
	char		 other[420];
	const char	*e[2];

	(void)st;
	buf_init(&out, 1u << 16);
	snprintf(other, sizeof(other), "ORDEN_AUDIT_KEY=%s/keys/none.key", S.dir);
	e[0] = other;
	e[1] = NULL;
	assert_int_equal(orden_run_env(&out, e, "audit", "verify", "--db", S.db, NULL), 1);
	assert_non_null(strstr(buf_cstr(&out), "key"));
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intact),
		cmocka_unit_test(test_missing_key_is_reported),
		cmocka_unit_test(test_forged_chain_is_caught),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests_name("http_audit_key", tests, setup, teardown);
}
