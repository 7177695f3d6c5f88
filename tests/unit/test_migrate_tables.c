/* test_migrate_tables.c: `orden migrate` knows every table of the schema.
 * A table added by a migration but neither copied nor skipped fails here
 * (and makes migrate refuse to run) instead of being left behind; the list
 * names only real tables, each copied after the tables it refers to; and
 * URLs are shown without their passwords. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fixture_db.h"
#include "migrate/migrate.h"

static void
test_every_table_is_copied_or_skipped(void **state)
{
	struct fixture	f;
	struct buf	b;
	int		n;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	buf_init(&b, 4096);
	n = migrate_schema_check(f.conn, &b);
	if (n != 0)
		fail_msg("tables neither copied nor skipped by orden migrate "
		    "(add them to src/migrate/tables.c): %s", buf_cstr(&b));
	buf_free(&b);
	fixture_close(&f);
}

static void
test_a_new_table_is_named(void **state)
{
	struct fixture	f;
	struct buf	b;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_int_equal(db_exec(f.conn, "CREATE TABLE future_register ("
	    "id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL)"), DB_OK);
	buf_init(&b, 4096);
	assert_int_equal(migrate_schema_check(f.conn, &b), 1);
	assert_string_equal(buf_cstr(&b), "future_register");
	buf_free(&b);
	fixture_close(&f);
}

/* Every listed table exists and has a tenant_id, and its order key is a
 * column (a typo would only show when a municipality moves). */
static void
test_listed_tables_exist(void **state)
{
	struct fixture	 f;
	struct dbstmt	*st;
	char		 sql[256];
	size_t		 i;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	for (i = 0; i < migrate_ntables; i++) {
		snprintf(sql, sizeof(sql), "SELECT tenant_id, %s FROM %s"
		    " WHERE tenant_id = $1 ORDER BY %s", migrate_tables[i].order,
		    migrate_tables[i].name, migrate_tables[i].order);
		if (db_prepare_dynamic(f.conn, 1, sql, &st) != DB_OK)
			fail_msg("%s", sql);
		assert_int_equal(db_step(st), DB_DONE);
		db_reset(st);
	}
	for (i = 0; migrate_skipped[i] != NULL; i++) {
		snprintf(sql, sizeof(sql), "SELECT tenant_id FROM %s"
		    " WHERE tenant_id = $1", migrate_skipped[i]);
		if (db_prepare_dynamic(f.conn, 1, sql, &st) != DB_OK)
			fail_msg("%s", sql);
		db_reset(st);
	}
	fixture_close(&f);
}

static int
position(const char *name)
{
	size_t i;

	for (i = 0; i < migrate_ntables; i++)
		if (strcmp(migrate_tables[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Parents first: every foreign key of a copied table points to tenants,
 * to itself, or to a table copied before it. (SQLite's pragma lists the
 * foreign keys; the order is the same for every backend.) */
static void
test_parents_before_children(void **state)
{
	struct fixture	 f;
	struct dbstmt	*st;
	char		 sql[256];
	const char	*parent;
	size_t		 i;
	int		 p;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	for (i = 0; i < migrate_ntables; i++) {
		snprintf(sql, sizeof(sql), "SELECT \"table\" FROM "
		    "pragma_foreign_key_list('%s')", migrate_tables[i].name);
		assert_int_equal(db_prepare_dynamic(f.conn, 0, sql, &st), DB_OK);
		while (db_step(st) == DB_ROW) {
			parent = db_col_text(st, 0);
			if (strcmp(parent, "tenants") == 0 ||
			    strcmp(parent, migrate_tables[i].name) == 0)
				continue;
			p = position(parent);
			if (p < 0 || p >= (int)i)
				fail_msg("%s refers to %s, which is not copied "
				    "before it", migrate_tables[i].name, parent);
		}
		db_reset(st);
	}
	fixture_close(&f);
}

static void
shown(const char *url, const char *want)
{
	char out[256];

	migrate_url_redact(url, out, sizeof(out));
	assert_string_equal(out, want);
}

static void
test_urls_shown_without_password(void **state)
{
	char out[8];

	(void)state;
	shown("postgres://orden:s3cr%40t@db.example:5432/orden",
	    "postgres://orden:***@db.example:5432/orden");
	shown("postgresql://orden:p@ss@db/orden?sslmode=require",
	    "postgresql://orden:***@db/orden?sslmode=require");
	shown("postgres://db/orden?sslmode=require&password=s3cret",
	    "postgres://db/orden?sslmode=require&password=***");
	shown("postgres://orden@db/orden", "postgres://orden@db/orden");
	shown("postgres:///orden?host=/run/postgresql",
	    "postgres:///orden?host=/run/postgresql");
	shown("sqlite:/var/lib/orden/orden.db", "sqlite:/var/lib/orden/orden.db");
	shown("orden-data/orden.db", "orden-data/orden.db");
	shown("mysql://root:hunter2@db/x", "mysql://root:***@db/x");
	/* A short buffer is cut, never overrun, and still hides it. */
	migrate_url_redact("postgres://u:secret@h/d", out, sizeof(out));
	assert_int_equal(strlen(out), sizeof(out) - 1);
	assert_null(strstr(out, "sec"));
}

static void
test_url_kinds(void **state)
{
	(void)state;
	assert_int_equal(migrate_url_known("postgres://db/orden"), 0);
	assert_int_equal(migrate_url_known("postgresql://db/orden"), 0);
	assert_int_equal(migrate_url_known("sqlite:/x/orden.db"), 0);
	assert_int_equal(migrate_url_known("orden.db"), 0);
	assert_int_equal(migrate_url_known("mysql://db/orden"), -1);
	assert_int_equal(migrate_url_known("sqlite:"), -1);
	assert_int_equal(migrate_url_known(""), -1);
	assert_string_equal(migrate_url_sqlite_path("sqlite:/x/o.db"), "/x/o.db");
	assert_string_equal(migrate_url_sqlite_path("o.db"), "o.db");
	assert_null(migrate_url_sqlite_path("postgres://db/orden"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_table_is_copied_or_skipped),
		cmocka_unit_test(test_a_new_table_is_named),
		cmocka_unit_test(test_listed_tables_exist),
		cmocka_unit_test(test_parents_before_children),
		cmocka_unit_test(test_urls_shown_without_password),
		cmocka_unit_test(test_url_kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
