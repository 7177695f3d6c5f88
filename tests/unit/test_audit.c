/* test_audit.c: the hash-chained audit log. Appending builds a chain that
 * verifies; editing, deleting or cutting off any row is found and named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include "audit/audit.h"
#include "fixture_db.h"
#include "org/org.h"
#include "store/store_tx.h"

struct audit_fx {
	struct fixture	f;
	struct ctx	c1, c2;
	struct person	actor;
	int64_t		t1, t2;
};

/* Two tenants; tenant 1 gets five events after its tenant_create row
 * (seq 1), so its log holds seq 1..6; tenant 2 holds seq 1..3. */
static int
setup(void **state)
{
	struct audit_fx	*x;
	int		 i;

	x = calloc(1, sizeof(*x));
	if (x == NULL || fixture_open(&x->f, 1) != 0)
		return -1;
	x->t1 = tenant_create(x->f.conn, "Vestby", "vestby.example");
	x->t2 = tenant_create(x->f.conn, "Frosta", "frosta.example");
	if (x->t1 != 1 || x->t2 != 2)
		return -1;
	fixture_ctx(&x->f, &x->c1, x->t1, NULL);
	x->actor.id = 7;
	x->actor.active = 1;
	fixture_ctx(&x->f, &x->c2, x->t2, &x->actor);
	for (i = 0; i < 5; i++)
		if (audit_append(&x->c1, "login", "person", 10 + i, "ok") != 0)
			return -1;
	for (i = 0; i < 2; i++)
		if (audit_append(&x->c2, "unit_create", "unit", 0, NULL) != 0)
			return -1;
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct audit_fx *x = *state;

	fixture_close(&x->f);
	free(x);
	return 0;
}

static void
test_append_and_verify(void **state)
{
	struct audit_fx	*x = *state;
	char		 msg[200] = "junk";

	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM audit_log WHERE tenant_id = 1"), 6);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT MAX(seq) FROM audit_log WHERE tenant_id = 2"), 3);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT audit_seq FROM tenants WHERE id = 1"), 6);
	/* Each row's prev_hash is the hash of the row before it. */
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM audit_log a JOIN audit_log b"
	    " ON a.tenant_id = b.tenant_id AND b.seq = a.seq + 1"
	    " WHERE b.prev_hash = a.hash"), 5 + 2);
	/* The actor is recorded; NULL for the system. */
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM audit_log WHERE tenant_id = 2 AND actor_id = 7"), 2);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM audit_log WHERE tenant_id = 1 AND actor_id IS NULL"), 6);
	assert_int_equal(audit_verify(x->f.conn, msg, sizeof(msg)), 0);
	assert_string_equal(msg, "");
	/* Appending opened and committed its own transaction. */
	assert_int_equal(db_in_tx(x->f.conn), 0);
}

static void
test_edited_row_named(void **state)
{
	struct audit_fx	*x = *state;
	char		 msg[200];

	assert_int_equal(db_exec(x->f.conn,
	    "UPDATE audit_log SET detail = 'forged' WHERE tenant_id = 1 AND seq = 4"), 0);
	assert_int_equal(audit_verify(x->f.conn, msg, sizeof(msg)), 1);
	assert_non_null(strstr(msg, "tenant 1 seq 4:"));
}

static void
test_edited_time_named(void **state)
{
	struct audit_fx	*x = *state;
	char		 msg[200];

	assert_int_equal(db_exec(x->f.conn,
	    "UPDATE audit_log SET at = at + 1 WHERE tenant_id = 2 AND seq = 2"), 0);
	assert_int_equal(audit_verify(x->f.conn, msg, sizeof(msg)), 1);
	assert_non_null(strstr(msg, "tenant 2 seq 2:"));
}

static void
test_edited_and_rehashed_row_found(void **state)
{
	struct audit_fx	*x = *state;
	char		 msg[200];

	/* A forger who also replaces the hash breaks the next row's link. */
	assert_int_equal(db_exec(x->f.conn,
	    "UPDATE audit_log SET detail = 'forged', hash = randomblob(32)"
	    " WHERE tenant_id = 1 AND seq = 2"), 0);
	assert_int_equal(audit_verify(x->f.conn, msg, sizeof(msg)), 1);
	assert_non_null(strstr(msg, "tenant 1 seq 2:"));
}

static void
test_deleted_middle_row_named(void **state)
{
	struct audit_fx	*x = *state;
	char		 msg[200];

	assert_int_equal(db_exec(x->f.conn,
	    "DELETE FROM audit_log WHERE tenant_id = 1 AND seq = 3"), 0);
	assert_int_equal(audit_verify(x->f.conn, msg, sizeof(msg)), 1);
	assert_non_null(strstr(msg, "tenant 1 seq 3:"));
}

static void
test_deleted_last_row_named(void **state)
{
	struct audit_fx	*x = *state;
	char		 msg[200];

	assert_int_equal(db_exec(x->f.conn,
	    "DELETE FROM audit_log WHERE tenant_id = 1 AND seq = 6"), 0);
	assert_int_equal(audit_verify(x->f.conn, msg, sizeof(msg)), 1);
	assert_non_null(strstr(msg, "tenant 1 seq 6:"));
}

static void
test_truncated_with_head_rewound_found(void **state)
{
	struct audit_fx	*x = *state;
	char		 msg[200];

	/* Cut the tail and move the counter back, but the head hash still
	 * names the old last row. */
	assert_int_equal(db_exec(x->f.conn,
	    "DELETE FROM audit_log WHERE tenant_id = 2 AND seq = 3;"
	    "UPDATE tenants SET audit_seq = 2 WHERE id = 2"), 0);
	assert_int_equal(audit_verify(x->f.conn, msg, sizeof(msg)), 1);
	assert_non_null(strstr(msg, "tenant 2 seq 2:"));
}

static void
test_rolled_back_append_leaves_chain_intact(void **state)
{
	struct audit_fx	*x = *state;
	char		 msg[200];

	assert_int_equal(db_begin(x->f.conn), 0);
	assert_int_equal(audit_append(&x->c1, "role_grant", "person", 1, "x"), 0);
	assert_int_equal(db_in_tx(x->f.conn), 1);	/* joined, did not commit */
	assert_int_equal(db_rollback(x->f.conn), 0);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT audit_seq FROM tenants WHERE id = 1"), 6);
	assert_int_equal(audit_verify(x->f.conn, msg, sizeof(msg)), 0);
	/* And the chain goes on from where it was. */
	assert_int_equal(audit_append(&x->c1, "logout", NULL, 0, NULL), 0);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT MAX(seq) FROM audit_log WHERE tenant_id = 1"), 7);
	assert_int_equal(audit_verify(x->f.conn, msg, sizeof(msg)), 0);
}

/* An explicit actor: none for an anonymous reporter although someone is
 * signed in, and ctx->user is left as it was; the chain still verifies. */
static void
test_append_as_explicit_actor(void **state)
{
	struct audit_fx		*x = *state;
	struct audit_entry	*v;
	struct audit_day	*d;
	size_t			 n, nd, i;
	char			 msg[200];

	assert_int_equal(audit_append_as(&x->c2, 0, "wb_report", "whistle_case",
	    5, NULL), 0);
	assert_ptr_equal(x->c2.user, &x->actor);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM audit_log"
	    " WHERE tenant_id = 2 AND action = 'wb_report' AND actor_id IS NULL"), 1);
	assert_int_equal(audit_append_as(&x->c1, 42, "login", "person", 42, NULL),
	    0);
	assert_int_equal(fixture_int(x->f.conn, "SELECT actor_id FROM audit_log"
	    " WHERE tenant_id = 1 ORDER BY seq DESC LIMIT 1"), 42);
	assert_true(audit_append_as(&x->c1, -1, "login", NULL, 0, NULL) < 0);
	assert_int_equal(audit_verify(x->f.conn, msg, sizeof(msg)), 0);

	/* The newest-first reading leaves the reporter's row out (between a
	 * signed-in reporter's own rows it would tell who reported); the
	 * day table counts it, with no time of day and no actor. */
	assert_int_equal(audit_latest(&x->c2, 10, &v, &n), 0);
	assert_true(n >= 1);
	assert_string_equal(v[0].action, "unit_create");
	assert_true(v[0].has_actor);
	for (i = 0; i < n; i++)
		assert_string_not_equal(v[i].action, "wb_report");
	assert_int_equal(audit_reporter_days(&x->c2, 10, &d, &nd), 0);
	assert_int_equal(nd, 1);
	assert_string_equal(d[0].action, "wb_report");
	assert_int_equal(d[0].n, 1);
	assert_int_equal(audit_count(x->f.conn), 6 + 3 + 2);
}

static void
test_no_tenant_refused(void **state)
{
	struct audit_fx	*x = *state;
	struct ctx	 c;

	fixture_ctx(&x->f, &c, 0, NULL);
	assert_true(audit_append(&c, "login", NULL, 0, NULL) < 0);
	fixture_ctx(&x->f, &c, 99, NULL);
	assert_true(audit_append(&c, "login", NULL, 0, NULL) < 0);
}

struct appender {
	struct db	*db;
	int64_t		 tenant;
	int		 failures;
};

static void *
appender_main(void *arg)
{
	struct appender	*a = arg;
	struct ctx	 c;
	int		 i;

	memset(&c, 0, sizeof(c));
	c.db = a->db;
	c.tenant_id = a->tenant;
	c.now = 1767225600;
	for (i = 0; i < 25; i++) {
		c.conn = db_acquire(a->db);
		if (audit_append(&c, "login", "person", i + 1, "ok") != 0)
			a->failures++;
		db_release(a->db, c.conn);
	}
	return NULL;
}

static void
test_concurrent_appends_keep_one_chain(void **state)
{
	struct fixture	 f;
	struct appender	 a[4];
	pthread_t	 t[4];
	char		 msg[200];
	int64_t		 tid;
	int		 i;

	(void)state;
	assert_int_equal(fixture_open(&f, 5), 0);
	tid = tenant_create(f.conn, "Busy", NULL);
	for (i = 0; i < 4; i++) {
		a[i].db = f.db;
		a[i].tenant = tid;
		a[i].failures = 0;
		assert_int_equal(pthread_create(&t[i], NULL, appender_main, &a[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(a[i].failures, 0);
	}
	assert_int_equal(fixture_int(f.conn,
	    "SELECT COUNT(*) FROM audit_log WHERE tenant_id = 1"), 101);
	assert_int_equal(fixture_int(f.conn,
	    "SELECT MAX(seq) FROM audit_log WHERE tenant_id = 1"), 101);
	assert_int_equal(audit_verify(f.conn, msg, sizeof(msg)), 0);
	fixture_close(&f);
}

/* The tenant is hashed as its uid, not its row id: a municipality moved to
 * another database, where its id differs, keeps verifying; a changed uid
 * does not. */
static void
test_chain_follows_uid_not_id(void **state)
{
	struct fixture	 f;
	struct ctx	 c;
	char		 msg[200];
	int64_t		 tid;
	int		 i;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	tid = tenant_create(f.conn, "Flytta", "flytta.example");
	assert_int_equal(tid, 1);
	/* A new tenant draws its uid; it is not its id. */
	assert_true(fixture_int(f.conn, "SELECT uid FROM tenants WHERE id = 1") > 1);
	fixture_ctx(&f, &c, tid, NULL);
	for (i = 0; i < 3; i++)
		assert_int_equal(audit_append(&c, "login", "person", 10 + i, "ok"), 0);

	/* Moved: the same uid, audit head and rows under the id 77. */
	assert_int_equal(db_exec(f.conn,
	    "INSERT INTO tenants (id, name, host, created_at, audit_seq, audit_head, uid)"
	    " SELECT 77, name, NULL, created_at, audit_seq, audit_head, uid"
	    " FROM tenants WHERE id = 1"), 0);
	assert_int_equal(db_exec(f.conn,
	    "UPDATE audit_log SET tenant_id = 77 WHERE tenant_id = 1"), 0);
	assert_int_equal(db_exec(f.conn, "DELETE FROM tenants WHERE id = 1"), 0);
	assert_int_equal(audit_verify(f.conn, msg, sizeof(msg)), 0);
	/* The chain goes on there, from a context that knows only the id. */
	fixture_ctx(&f, &c, 77, NULL);
	assert_int_equal(audit_append(&c, "login", "person", 20, "ok"), 0);
	assert_int_equal(audit_verify(f.conn, msg, sizeof(msg)), 0);
	assert_int_equal(fixture_int(f.conn,
	    "SELECT MAX(seq) FROM audit_log WHERE tenant_id = 77"), 5);

	/* Under another uid the very same rows no longer verify. */
	assert_int_equal(db_exec(f.conn,
	    "UPDATE tenants SET uid = uid + 1 WHERE id = 77"), 0);
	assert_int_equal(audit_verify(f.conn, msg, sizeof(msg)), 1);
	assert_non_null(strstr(msg, "tenant 77 seq 1:"));
	fixture_close(&f);
}

/* A tenant of a database made before migration 0006 hashed its id; 0006
 * sets uid = id, so its chain still verifies (and one without any uid is
 * taken as its id). */
static void
test_chain_of_old_tenant_verifies(void **state)
{
	struct fixture	 f;
	struct ctx	 c;
	char		 msg[200];
	int		 i;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_int_equal(db_exec(f.conn,
	    "INSERT INTO tenants (id, name, created_at) VALUES (5, 'Gammel', 0)"), 0);
	fixture_ctx(&f, &c, 5, NULL);
	for (i = 0; i < 3; i++)
		assert_int_equal(audit_append(&c, "login", "person", 10 + i, "ok"), 0);
	assert_int_equal(audit_verify(f.conn, msg, sizeof(msg)), 0);
	assert_int_equal(db_exec(f.conn, "UPDATE tenants SET uid = id"), 0);
	assert_int_equal(audit_verify(f.conn, msg, sizeof(msg)), 0);
	fixture_ctx(&f, &c, 5, NULL);
	assert_int_equal(audit_append(&c, "login", "person", 20, "ok"), 0);
	assert_int_equal(audit_verify(f.conn, msg, sizeof(msg)), 0);
	/* A uid that is not the id it was hashed with breaks it. */
	assert_int_equal(db_exec(f.conn, "UPDATE tenants SET uid = 6"), 0);
	assert_int_equal(audit_verify(f.conn, msg, sizeof(msg)), 1);
	fixture_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_append_and_verify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_row_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_time_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_and_rehashed_row_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_middle_row_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_last_row_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_with_head_rewound_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rolled_back_append_leaves_chain_intact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_append_as_explicit_actor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_tenant_refused, setup, teardown),
		cmocka_unit_test(test_concurrent_appends_keep_one_chain),
		cmocka_unit_test(test_chain_follows_uid_not_id),
		cmocka_unit_test(test_chain_of_old_tenant_verifies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
