/* test_migrate_checksum.c: the canonical row encoding and the per-table
 * checksum that `orden migrate` compares between source and target. Two
 * different rows never encode alike (NULL, '' and an empty blob differ;
 * no bytes shift from one value into the next), the checksum sees order,
 * names and counts, and the tenant's own id is what it leaves out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fixture_db.h"
#include "migrate/migrate.h"
#include "org/org.h"

static struct migrate_value
vnull(void)
{
	struct migrate_value v = { DB_T_NULL, 0, NULL, 0 };

	return v;
}

static struct migrate_value
vint(int64_t i)
{
	struct migrate_value v = { DB_T_INT, i, NULL, 0 };

	return v;
}

static struct migrate_value
vtext(const char *s)
{
	struct migrate_value v = { DB_T_TEXT, 0, s, strlen(s) };

	return v;
}

static struct migrate_value
vblob(const void *p, size_t n)
{
	struct migrate_value v = { DB_T_BLOB, 0, p, n };

	return v;
}

/* The encoding of a row, owned by b (buf_free). */
static void
enc(struct buf *b, const struct migrate_value *v, size_t n)
{
	buf_init(b, 1u << 16);
	assert_int_equal(migrate_row_encode(b, v, n), 0);
}

static int
same(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (a->len == 0 ||
	    memcmp(a->data, b->data, a->len) == 0);
}

static void
test_null_empty_text_empty_blob_differ(void **state)
{
	struct migrate_value	v[4];
	struct buf		b[4];
	int			i, k;

	(void)state;
	v[0] = vnull();
	v[1] = vtext("");
	v[2] = vblob(NULL, 0);
	v[3] = vint(0);
	for (i = 0; i < 4; i++)
		enc(&b[i], &v[i], 1);
	for (i = 0; i < 4; i++)
		for (k = i + 1; k < 4; k++)
			if (same(&b[i], &b[k]))
				fail_msg("values %d and %d encode alike", i, k);
	for (i = 0; i < 4; i++)
		buf_free(&b[i]);
}

static void
test_bytes_do_not_shift_between_values(void **state)
{
	struct migrate_value	x[2], y[2], z[1];
	struct buf		a, b, c;

	(void)state;
	x[0] = vtext("ab");
	x[1] = vtext("c");
	y[0] = vtext("a");
	y[1] = vtext("bc");
	z[0] = vtext("abc");
	enc(&a, x, 2);
	enc(&b, y, 2);
	enc(&c, z, 1);
	assert_false(same(&a, &b));
	assert_false(same(&a, &c));
	assert_false(same(&b, &c));
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

/* Every row of up to two values from a small alphabet that holds the
 * look-alikes (0 as an integer, a NUL byte, "0", empty text and blob)
 * encodes differently from every other. */
static void
test_no_two_rows_alike(void **state)
{
	static const unsigned char nul[1] = { 0 };
	struct migrate_value	alpha[11], row[2] = { { DB_T_NULL, 0, NULL, 0 } };
	struct buf		all[1 + 11 + 11 * 11];
	size_t			na = 0, n = 0, i, k;

	(void)state;
	alpha[na++] = vnull();
	alpha[na++] = vint(0);
	alpha[na++] = vint(1);
	alpha[na++] = vint(-1);
	alpha[na++] = vint(48);			/* '0' */
	alpha[na++] = vtext("");
	alpha[na++] = vtext("0");
	alpha[na++] = vtext("00");
	alpha[na++] = vblob(NULL, 0);
	alpha[na++] = vblob(nul, 1);
	alpha[na++] = vblob("0", 1);
	enc(&all[n++], row, 0);
	for (i = 0; i < na; i++) {
		row[0] = alpha[i];
		enc(&all[n++], row, 1);
	}
	for (i = 0; i < na; i++)
		for (k = 0; k < na; k++) {
			row[0] = alpha[i];
			row[1] = alpha[k];
			enc(&all[n++], row, 2);
		}
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			if (same(&all[i], &all[k]))
				fail_msg("rows %zu and %zu encode alike", i, k);
	for (i = 0; i < n; i++)
		buf_free(&all[i]);
}

static void
sum_of(const char *table, const char *const *names,
    const struct migrate_value *rows, size_t ncols, size_t nrows,
    unsigned char out[MIGRATE_SUM_LEN])
{
	struct migrate_sum	s;
	size_t			i;

	migrate_sum_init(&s, table);
	for (i = 0; i < nrows; i++)
		migrate_sum_values(&s, names, rows + i * ncols, ncols);
	migrate_sum_final(&s, out);
}

static void
test_sum_sees_order_names_table_and_count(void **state)
{
	const char *const	 names[] = { "id", "name" };
	const char *const	 other[] = { "id", "title" };
	struct migrate_value	 r[4], swapped[4];
	unsigned char		 a[MIGRATE_SUM_LEN], b[MIGRATE_SUM_LEN];

	(void)state;
	r[0] = vint(1); r[1] = vtext("Nord");
	r[2] = vint(2); r[3] = vtext("Sør");
	swapped[0] = r[2]; swapped[1] = r[3];
	swapped[2] = r[0]; swapped[3] = r[1];

	sum_of("units", names, r, 2, 2, a);
	sum_of("units", names, r, 2, 2, b);
	assert_memory_equal(a, b, MIGRATE_SUM_LEN);
	sum_of("units", names, swapped, 2, 2, b);
	assert_memory_not_equal(a, b, MIGRATE_SUM_LEN);
	sum_of("units", other, r, 2, 2, b);
	assert_memory_not_equal(a, b, MIGRATE_SUM_LEN);
	sum_of("people", names, r, 2, 2, b);
	assert_memory_not_equal(a, b, MIGRATE_SUM_LEN);
	sum_of("units", names, r, 2, 1, b);	/* a row missing */
	assert_memory_not_equal(a, b, MIGRATE_SUM_LEN);
	/* Empty tables: the name still tells them apart. */
	sum_of("units", names, r, 2, 0, a);
	sum_of("people", names, r, 2, 0, b);
	assert_memory_not_equal(a, b, MIGRATE_SUM_LEN);
}

/* The checksum of one table's rows of tenant tid, read as migrate does;
 * skip_tenant: leave tenant_id out. */
static void
db_sum(struct fixture *f, const char *sql, int64_t tid, int skip_tenant,
    unsigned char out[MIGRATE_SUM_LEN])
{
	static const char *const skip[] = { "tenant_id", NULL };
	struct migrate_cols	 c;
	struct migrate_sum	 s;
	struct dbstmt		*st;
	int			 have = 0;

	memset(&c, 0, sizeof(c));
	migrate_sum_init(&s, "t");
	assert_int_equal(db_prepare_dynamic(f->conn, tid, sql, &st), DB_OK);
	while (db_step(st) == DB_ROW) {
		if (!have)
			assert_int_equal(migrate_cols_from(&c, st,
			    skip_tenant ? skip : NULL), 0);
		have = 1;
		migrate_sum_row(&s, &c, st);
	}
	db_reset(st);
	migrate_cols_free(&c);
	migrate_sum_final(&s, out);
}

static void
exec_ok(struct fixture *f, const char *sql)
{
	assert_int_equal(db_exec(f->conn, sql), DB_OK);
}

/* Read from a real database: the tenant's id is left out (two tenants'
 * equal settings sum alike), and a NULL e-mail is not an empty one. */
static void
test_sum_from_database(void **state)
{
	struct fixture	f;
	unsigned char	a[MIGRATE_SUM_LEN], b[MIGRATE_SUM_LEN];
	int64_t		t1, t2;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_true((t1 = tenant_create(f.conn, "Vestby", "vestby.test")) > 0);
	assert_true((t2 = tenant_create(f.conn, "Frosta", "frosta.test")) > 0);
	exec_ok(&f, "INSERT INTO deviation_settings (tenant_id) VALUES (1), (2)");
	db_sum(&f, "SELECT * FROM deviation_settings WHERE tenant_id = $1", t1, 1, a);
	db_sum(&f, "SELECT * FROM deviation_settings WHERE tenant_id = $1", t2, 1, b);
	assert_memory_equal(a, b, MIGRATE_SUM_LEN);
	db_sum(&f, "SELECT * FROM deviation_settings WHERE tenant_id = $1", t1, 0, a);
	db_sum(&f, "SELECT * FROM deviation_settings WHERE tenant_id = $1", t2, 0, b);
	assert_memory_not_equal(a, b, MIGRATE_SUM_LEN);

	exec_ok(&f, "INSERT INTO people (id, tenant_id, login, name, email, created_at)"
	    " VALUES (10, 1, 'kari', 'Kari', NULL, 1), (11, 2, 'kari', 'Kari', '', 1)");
	db_sum(&f, "SELECT login, name, email FROM people WHERE tenant_id = $1", t1, 1, a);
	db_sum(&f, "SELECT login, name, email FROM people WHERE tenant_id = $1", t2, 1, b);
	assert_memory_not_equal(a, b, MIGRATE_SUM_LEN);
	fixture_close(&f);
}

/* An empty blob read back is an empty blob (not NULL) and binds as one. */
static void
test_empty_blob_stays_a_blob(void **state)
{
	struct fixture		 f;
	struct migrate_value	 v;
	struct dbstmt		*st;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_int_equal(db_prepare(f.conn, "SELECT x'', NULL, ''", &st), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	migrate_value_get(st, 0, &v);
	assert_int_equal(v.type, DB_T_BLOB);
	assert_int_equal(v.len, 0);
	assert_non_null(v.p);
	migrate_value_get(st, 1, &v);
	assert_int_equal(v.type, DB_T_NULL);
	migrate_value_get(st, 2, &v);
	assert_int_equal(v.type, DB_T_TEXT);
	assert_int_equal(v.len, 0);
	db_reset(st);
	fixture_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_empty_text_empty_blob_differ),
		cmocka_unit_test(test_bytes_do_not_shift_between_values),
		cmocka_unit_test(test_no_two_rows_alike),
		cmocka_unit_test(test_sum_sees_order_names_table_and_count),
		cmocka_unit_test(test_sum_from_database),
		cmocka_unit_test(test_empty_blob_stays_a_blob),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
