/* test_store.c: the SQLite store: migrations, error mapping, $n binding,
 * transactions, the statement cache, the pool and dynamic statements.
 * The PostgreSQL backend has its own suite (test_store_pg.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "fixture_db.h"
#include "store/store_tx.h"

static const char SQL_COUNT_MIGRATIONS[] = "SELECT COUNT(*) FROM schema_migrations";
static const char SQL_COUNT_TENANTS[] = "SELECT COUNT(*) FROM tenants";
static const char SQL_TENANT_ADD[] =
    "INSERT INTO tenants (name, host, created_at) VALUES ($1, $2, $3) RETURNING id";
static const char SQL_TENANT_REVERSED[] =
    "INSERT INTO tenants (created_at, name, host) VALUES ($3, $2, $1) RETURNING id";
static const char SQL_TENANT_FIND[] =
    "SELECT id, created_at FROM tenants WHERE name = $2 AND host = $1";
static const char SQL_UNIT_ADD[] =
    "INSERT INTO units (tenant_id, code, name, created_at) VALUES ($1, $2, $3, 0)";
static const char SQL_TENANT_NAMES[] = "SELECT name FROM tenants ORDER BY id";

static int64_t
add_tenant(struct dbconn *c, const char *name, const char *host)
{
	struct dbstmt	*st;
	int64_t		 id;
	int		 rc;

	if ((rc = db_prepare(c, SQL_TENANT_ADD, &st)) != DB_OK)
		return rc;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, host);
	db_bind_int(st, 3, 100);
	rc = db_step(st);
	id = rc == DB_ROW ? db_col_int(st, 0) : rc;
	db_reset(st);
	return id;
}

static void
test_migrate_twice_is_noop(void **state)
{
	struct fixture	f;
	int		v, nmig;

	(void)state;
	assert_int_equal(fixture_open(&f, 2), 0);
	v = db_schema_version(f.db);
	assert_true(v >= 1);
	/* Every migration once; numbers may have gaps (a number given to a
	 * branch that needed none), so the count is at most the version. */
	nmig = fixture_int(f.conn, SQL_COUNT_MIGRATIONS);
	assert_true(nmig >= 1 && nmig <= v);
	assert_true(add_tenant(f.conn, "Vestby", "vestby.example") > 0);

	assert_int_equal(fixture_reopen(&f, 2), 0);
	assert_int_equal(db_schema_version(f.db), v);
	assert_int_equal(fixture_int(f.conn, SQL_COUNT_MIGRATIONS), nmig);
	/* Data survives a reopen: nothing was re-created. */
	assert_int_equal(fixture_int(f.conn, SQL_COUNT_TENANTS), 1);
	fixture_close(&f);
}

static void
test_pragmas(void **state)
{
	struct fixture	 f;
	struct dbstmt	*st;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_int_equal(fixture_int(f.conn, "PRAGMA foreign_keys"), 1);
	assert_int_equal(fixture_int(f.conn, "PRAGMA synchronous"), 2);	/* FULL */
	assert_int_equal(db_prepare(f.conn, "PRAGMA journal_mode", &st), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "wal");
	db_reset(st);
	fixture_close(&f);
}

static void
test_open_errors(void **state)
{
	struct db	*db = NULL;
	struct fixture	 f;
	char		 url[200];

	(void)state;
	log_set_quiet(1);
	/* A missing directory is an error, not silently created. */
	assert_true(db_open(&db, "/tmp/orden-no-such-dir-4711/x/orden.db", 1) < 0);
	assert_null(db);
	/* A scheme neither backend speaks. */
	assert_true(db_open(&db, "mysql://localhost/orden", 1) < 0);
	assert_null(db);

	/* "sqlite:PATH" names the same database as PATH. */
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_true(add_tenant(f.conn, "Fosen", NULL) > 0);
	assert_true(snprintf(url, sizeof(url), "sqlite:%s", f.path) < (int)sizeof(url));
	assert_int_equal(db_open(&db, url, 1), 0);
	{
		struct dbconn *c = db_acquire(db);

		assert_int_equal(fixture_int(c, SQL_COUNT_TENANTS), 1);
		db_release(db, c);
	}
	db_close(db);
	fixture_close(&f);
}

static void
test_constraint_mapping(void **state)
{
	struct fixture	 f;
	struct dbstmt	*st;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_true(add_tenant(f.conn, "A", "a.example") > 0);
	/* UNIQUE */
	assert_int_equal(add_tenant(f.conn, "B", "a.example"), DB_CONSTRAINT);
	/* FOREIGN KEY: tenant 99 does not exist */
	assert_int_equal(db_prepare(f.conn, SQL_UNIT_ADD, &st), DB_OK);
	db_bind_int(st, 1, 99);
	db_bind_text(st, 2, "X");
	db_bind_text(st, 3, "X");
	assert_int_equal(db_step(st), DB_CONSTRAINT);
	db_reset(st);
	/* NOT NULL */
	assert_int_equal(add_tenant(f.conn, NULL, "b.example"), DB_CONSTRAINT);
	/* The statement is reusable after an error. */
	assert_true(add_tenant(f.conn, "B", "b.example") > 0);
	assert_int_equal(fixture_int(f.conn, SQL_COUNT_TENANTS), 2);
	/* Syntax errors are plain errors. */
	assert_int_equal(db_prepare(f.conn, "SELEC 1", &st), DB_ERR);
	fixture_close(&f);
}

static const char SQL_TENANT_COUNT_NAMED[] =
    "SELECT COUNT(*) FROM tenants WHERE name = $1";

static int64_t
count_named(struct dbconn *c, const char *name)
{
	struct dbstmt	*st;
	int64_t		 n = -1;

	if (db_prepare(c, SQL_TENANT_COUNT_NAMED, &st) != DB_OK)
		return -1;
	db_bind_text(st, 1, name);
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return n;
}
/* A failed binding sticks: the insert does not run with the parameter
 * missing (NULL), even when the caller ignored the binding's result, and
 * the statement works again after db_reset. */
static void
test_bind_error_is_sticky(void **state)
{
	struct fixture	 f;
	struct dbstmt	*st;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_int_equal(db_prepare(f.conn, SQL_TENANT_ADD, &st), DB_OK);
	assert_int_equal(db_bind_text(st, 1, "Sticky"), DB_OK);
	assert_int_equal(db_bind_text(st, 7, "nowhere"), DB_ERR);	/* no $7 */
	db_bind_text(st, 2, "sticky.example");
	db_bind_int(st, 3, 100);
	assert_true(db_step(st) < 0);
	db_reset(st);
	assert_int_equal(count_named(f.conn, "Sticky"), 0);

	assert_int_equal(db_prepare(f.conn, SQL_TENANT_ADD, &st), DB_OK);
	db_bind_text(st, 1, "Sticky");
	db_bind_text(st, 2, "sticky.example");
	db_bind_int(st, 3, 100);
	assert_int_equal(db_step(st), DB_ROW);
	db_reset(st);
	assert_int_equal(count_named(f.conn, "Sticky"), 1);
	fixture_close(&f);
}

static void
test_placeholders_out_of_order(void **state)
{
	struct fixture	 f;
	struct dbstmt	*st;
	int64_t		 id;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_int_equal(db_prepare(f.conn, SQL_TENANT_REVERSED, &st), DB_OK);
	assert_int_equal(db_bind_text(st, 1, "host.example"), DB_OK);
	assert_int_equal(db_bind_text(st, 2, "Name"), DB_OK);
	assert_int_equal(db_bind_int(st, 3, 4711), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	id = db_col_int(st, 0);
	db_reset(st);

	assert_int_equal(db_prepare(f.conn, SQL_TENANT_FIND, &st), DB_OK);
	db_bind_text(st, 2, "Name");
	db_bind_text(st, 1, "host.example");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), id);
	assert_int_equal(db_col_int(st, 1), 4711);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);

	/* Swapped values find nothing: binding really is by number. */
	assert_int_equal(db_prepare(f.conn, SQL_TENANT_FIND, &st), DB_OK);
	db_bind_text(st, 1, "Name");
	db_bind_text(st, 2, "host.example");
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);

	/* A placeholder the SQL does not have is an error. */
	assert_int_equal(db_prepare(f.conn, SQL_TENANT_FIND, &st), DB_OK);
	assert_int_equal(db_bind_int(st, 3, 1), DB_ERR);
	db_reset(st);
	fixture_close(&f);
}

static void
test_rollback_leaves_nothing(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_int_equal(db_in_tx(f.conn), 0);
	assert_int_equal(db_begin(f.conn), DB_OK);
	assert_int_equal(db_in_tx(f.conn), 1);
	assert_true(add_tenant(f.conn, "Gone", NULL) > 0);
	assert_int_equal(fixture_int(f.conn, SQL_COUNT_TENANTS), 1);
	assert_int_equal(db_rollback(f.conn), DB_OK);
	assert_int_equal(db_in_tx(f.conn), 0);
	assert_int_equal(fixture_int(f.conn, SQL_COUNT_TENANTS), 0);

	/* A committed one is there after a reopen. */
	assert_int_equal(db_begin(f.conn), DB_OK);
	assert_true(add_tenant(f.conn, "Kept", NULL) > 0);
	assert_int_equal(db_changes(f.conn), 1);
	assert_int_equal(db_commit(f.conn), DB_OK);
	assert_int_equal(fixture_reopen(&f, 1), 0);
	assert_int_equal(fixture_int(f.conn, SQL_COUNT_TENANTS), 1);

	/* Released inside a transaction: rolled back, not handed on open. */
	assert_int_equal(db_begin(f.conn), DB_OK);
	assert_true(add_tenant(f.conn, "Leaked", NULL) > 0);
	db_release(f.db, f.conn);
	f.conn = db_acquire(f.db);
	assert_int_equal(db_in_tx(f.conn), 0);
	assert_int_equal(fixture_int(f.conn, SQL_COUNT_TENANTS), 1);
	fixture_close(&f);
}

static void
test_nested_same_sql(void **state)
{
	struct fixture	 f;
	struct dbstmt	*outer, *inner;
	int		 rows = 0;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_true(add_tenant(f.conn, "A", NULL) > 0);
	assert_true(add_tenant(f.conn, "B", NULL) > 0);
	/* Iterating a query while running the same SQL again must not reset
	 * the outer iteration. */
	assert_int_equal(db_prepare(f.conn, SQL_TENANT_NAMES, &outer), DB_OK);
	while (db_step(outer) == DB_ROW) {
		assert_int_equal(db_prepare(f.conn, SQL_TENANT_NAMES, &inner), DB_OK);
		assert_ptr_not_equal(inner, outer);
		assert_int_equal(db_step(inner), DB_ROW);
		assert_string_equal(db_col_text(inner, 0), "A");
		db_reset(inner);
		rows++;
	}
	db_reset(outer);
	assert_int_equal(rows, 2);
	/* The cache hands back the same statement when it is free. */
	assert_int_equal(db_prepare(f.conn, SQL_TENANT_NAMES, &inner), DB_OK);
	assert_ptr_equal(inner, outer);
	db_reset(inner);
	fixture_close(&f);
}

struct waiter {
	struct db	*db;
	atomic_int	 got;
};

static void *
waiter_main(void *arg)
{
	struct waiter	*w = arg;
	struct dbconn	*c;

	c = db_acquire(w->db);
	atomic_store(&w->got, 1);
	db_release(w->db, c);
	return NULL;
}

static void
test_pool_blocks_until_release(void **state)
{
	struct fixture	 f;
	struct dbconn	*second;
	struct waiter	 w;
	pthread_t	 t;
	struct timespec	 ts = { 0, 100 * 1000 * 1000 };

	(void)state;
	assert_int_equal(fixture_open(&f, 2), 0);
	second = db_acquire(f.db);
	assert_ptr_not_equal(second, f.conn);
	w.db = f.db;
	atomic_init(&w.got, 0);
	assert_int_equal(pthread_create(&t, NULL, waiter_main, &w), 0);
	nanosleep(&ts, NULL);
	assert_int_equal(atomic_load(&w.got), 0);	/* both are taken */
	db_release(f.db, second);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(atomic_load(&w.got), 1);
	fixture_close(&f);
}

static void
test_blob_and_null(void **state)
{
	struct fixture	 f;
	struct dbstmt	*st;
	const unsigned char blob[4] = { 0, 1, 0xfe, 0xff };
	const void	*p;
	size_t		 len;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_int_equal(db_prepare(f.conn, "SELECT $1, $2, $3", &st), DB_OK);
	db_bind_blob(st, 1, blob, sizeof(blob));
	db_bind_null(st, 2);
	db_bind_text(st, 3, NULL);
	assert_int_equal(db_step(st), DB_ROW);
	p = db_col_blob(st, 0, &len);
	assert_int_equal(len, sizeof(blob));
	assert_memory_equal(p, blob, sizeof(blob));
	assert_true(db_col_is_null(st, 1));
	assert_null(db_col_text(st, 2));
	db_reset(st);
	fixture_close(&f);
}

/* The parts of the interface orden migrate uses: which backend, dynamic
 * statements with their shape, and the id generator (nothing to do here). */
static void
test_dynamic_and_backend(void **state)
{
	struct fixture	 f;
	struct dbstmt	*st;
	int64_t		 a, b;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_string_equal(db_backend(f.db), "sqlite");
	assert_string_equal(db_conn_backend(f.conn), "sqlite");
	assert_true((a = add_tenant(f.conn, "A", "a.example")) > 0);
	assert_true((b = add_tenant(f.conn, "B", "b.example")) > 0);
	assert_int_equal(db_prepare_tenant(f.conn, a, SQL_UNIT_ADD, &st), DB_OK);
	db_bind_text(st, 2, "a1");
	db_bind_text(st, 3, "a1");
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);

	/* tenant > 0 binds $1. */
	assert_int_equal(db_prepare_dynamic(f.conn, a, "SELECT id, code,"
	    " parent_id FROM units WHERE tenant_id = $1", &st), DB_OK);
	assert_int_equal(db_col_count(st), 3);
	assert_string_equal(db_col_name(st, 1), "code");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_type(st, 0), DB_T_INT);
	assert_int_equal(db_col_type(st, 1), DB_T_TEXT);
	assert_int_equal(db_col_type(st, 2), DB_T_NULL);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	/* tenant 0: no binding; the SQL is copied, not kept by pointer. */
	assert_int_equal(db_prepare_dynamic(f.conn, 0,
	    "SELECT count(*) FROM units WHERE tenant_id = $1", &st), DB_OK);
	db_bind_int(st, 1, b);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 0);
	db_reset(st);
	assert_int_equal(db_prepare_global(f.conn, SQL_COUNT_TENANTS, &st), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 2);
	db_reset(st);
	assert_int_equal(db_ids_sync(f.conn, "units"), DB_OK);
	fixture_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_twice_is_noop),
		cmocka_unit_test(test_pragmas),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_constraint_mapping),
		cmocka_unit_test(test_placeholders_out_of_order),
		cmocka_unit_test(test_bind_error_is_sticky),
		cmocka_unit_test(test_rollback_leaves_nothing),
		cmocka_unit_test(test_nested_same_sql),
		cmocka_unit_test(test_pool_blocks_until_release),
		cmocka_unit_test(test_blob_and_null),
		cmocka_unit_test(test_dynamic_and_backend),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
