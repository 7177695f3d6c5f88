/* test_migrate_run.c: `orden migrate` from one SQLite file to another, as
 * the model does it (the HTTP test does the same through the server, on
 * whatever backend the suite runs). The municipality arrives with its ids,
 * its uid and its audit chain under a different tenant id; a second run,
 * a target that changes rows, and ids already taken all leave the target
 * as it was; an empty tenant with the same host is filled. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "deviation/deviation.h"
#include "fixture_db.h"
#include "migrate/migrate.h"
#include "org/org.h"

#define HOST	"vestby.test"

struct mfx {
	struct fixture	f;		/* the source */
	int64_t		tid, uid;	/* Vestby in the source */
	int64_t		unit_a, unit_c;
};

/* Rows read per statement in run(); 0: the default. */
static size_t	run_page;

/* Target paths, removed at the end. */
static char	targets[16][160];
static int	ntargets;

static int64_t
one_int(struct dbconn *c, const char *sql, int64_t arg)
{
	struct dbstmt	*st;
	int64_t		 v = -999;

	if (db_prepare_dynamic(c, 0, sql, &st) != DB_OK)
		return v;
	if (strstr(sql, "$1") != NULL)
		db_bind_int(st, 1, arg);
	if (db_step(st) == DB_ROW)
		v = db_col_int(st, 0);
	db_reset(st);
	return v;
}

/* Three tenants before Vestby, so that it is tenant 4 in the source and
 * gets another id in every target: the tenant id really is rewritten. */
static int
setup(void **state)
{
	struct mfx	*x;
	struct ctx	 c;
	struct person	 p;
	int64_t		 b, pid;
	char		 host[32];
	int		 i;

	if ((x = calloc(1, sizeof(*x))) == NULL || fixture_open(&x->f, 1) != 0)
		return -1;
	for (i = 1; i <= 3; i++) {
		snprintf(host, sizeof(host), "f%d.test", i);
		if (tenant_create(x->f.conn, "Foran", host) <= 0)
			return -1;
	}
	if ((x->tid = tenant_create(x->f.conn, "Vestby", HOST)) != 4)
		return -1;
	fixture_ctx(&x->f, &c, x->tid, NULL);
	x->uid = tenant_uid(&c);
	/* A under C after both exist: a parent with a larger id than its
	 * child, which only deferred foreign keys let through. */
	if ((x->unit_a = org_unit_create(&c, "A", "Avdeling A", 0)) <= 0 ||
	    (b = org_unit_create(&c, "B", "Avdeling B", x->unit_a)) <= 0 ||
	    (x->unit_c = org_unit_create(&c, "C", "Sektor C", 0)) <= 0 ||
	    org_unit_update(&c, x->unit_a, "Avdeling A", x->unit_c) != 0)
		return -1;
	memset(&p, 0, sizeof(p));
	p.login = "kari";
	p.name = "Kari Nilsen";
	p.unit_id = b;
	p.active = 1;
	if ((pid = org_person_create(&c, &p)) <= 0 ||
	    org_role_grant(&c, pid, ROLE_LEADER, b) <= 0 ||
	    dev_categories_seed(&c) != 0)
		return -1;
	/* An empty e-mail is not a missing one; an empty key is a blob. */
	if (db_exec(x->f.conn, "UPDATE people SET email = '' WHERE login = 'kari'") != DB_OK ||
	    db_exec(x->f.conn, "INSERT INTO tenant_recovery_keys (tenant_id,"
	    " public_key, created_at) VALUES (4, x'', 1)") != DB_OK)
		return -1;
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct mfx	*x = *state;
	char		 p[sizeof(targets) + 8];	/* gcc bounds a name by the array */
	int		 i;

	for (i = 0; i < ntargets; i++) {
		unlink(targets[i]);
		snprintf(p, sizeof(p), "%s-wal", targets[i]);
		unlink(p);
		snprintf(p, sizeof(p), "%s-shm", targets[i]);
		unlink(p);
	}
	fixture_close(&x->f);
	free(x);
	return 0;
}

static const char *
target(struct mfx *x, const char *name)
{
	assert_true(ntargets < 16);
	snprintf(targets[ntargets], sizeof(targets[0]), "%s/%s", x->f.dir, name);
	return targets[ntargets++];
}

/* Run a migration; its output in *out (caller frees) when out is not
 * NULL. */
static enum migrate_rc
run(const char *from, const char *to, const char *tenant, const char *to_host,
    char *msg, size_t msgsz, char **out)
{
	struct migrate_opts	 o = { from, to, tenant, to_host, NULL, NULL,
	    run_page };
	enum migrate_rc		 rc;
	char			*text = NULL;
	size_t			 len = 0;
	FILE			*f;

	assert_non_null(f = open_memstream(&text, &len));
	rc = migrate_run(&o, f, msg, msgsz);
	fclose(f);
	if (out != NULL)
		*out = text;
	else
		free(text);
	return rc;
}

static struct db *
open_db(const char *path, struct dbconn **c)
{
	struct db *db;

	assert_int_equal(db_open(&db, path, 1), DB_OK);
	*c = db_acquire(db);
	return db;
}

static void
close_db(struct db *db, struct dbconn *c)
{
	db_release(db, c);
	db_close(db);
}

/* Rows of every table, for "nothing changed". */
static int64_t
all_rows(struct dbconn *c)
{
	int64_t n;

	n = one_int(c, "SELECT (SELECT COUNT(*) FROM tenants) +"
	    " (SELECT COUNT(*) FROM units) + (SELECT COUNT(*) FROM people) +"
	    " (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM categories)"
	    " + (SELECT COALESCE(SUM(audit_seq), 0) FROM tenants)", 0);
	assert_true(n >= 0);
	return n;
}

static void
test_moves_with_ids_uid_and_chain(void **state)
{
	struct mfx	*x = *state;
	struct dbconn	*c;
	struct db	*db;
	struct ctx	 ctx;
	const char	*to = target(x, "t1.db");
	char		 msg[512], *out, am[256];
	int64_t		 tid;

	assert_int_equal(run(x->f.path, to, HOST, NULL, msg, sizeof(msg), &out),
	    MIGRATE_OK);
	assert_non_null(strstr(out, "units"));
	assert_non_null(strstr(out, "whistle_attachments"));
	assert_non_null(strstr(out, "sessions"));		/* named as skipped */
	assert_non_null(strstr(out, "intact"));
	assert_null(strstr(out, "DIFFERS"));
	free(out);

	db = open_db(to, &c);
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM tenants", 0), 1);
	tid = one_int(c, "SELECT id FROM tenants WHERE host = 'vestby.test'", 0);
	assert_int_equal(tid, 1);
	assert_int_equal(one_int(c, "SELECT uid FROM tenants WHERE id = $1", tid),
	    x->uid);
	assert_int_equal(one_int(c, "SELECT audit_seq FROM tenants WHERE id = $1", tid),
	    one_int(x->f.conn, "SELECT audit_seq FROM tenants WHERE id = $1", x->tid));
	/* The same ids, the same tree, under the new tenant id. */
	assert_int_equal(one_int(c, "SELECT parent_id FROM units WHERE id = $1",
	    x->unit_a), x->unit_c);
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM units WHERE tenant_id = 1", 0), 3);
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM audit_log WHERE tenant_id = 1", 0),
	    one_int(x->f.conn, "SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1", x->tid));
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM people WHERE email = ''", 0), 1);
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM tenant_recovery_keys"
	    " WHERE typeof(public_key) = 'blob' AND length(public_key) = 0", 0), 1);
	/* The chain verifies under the new tenant id. */
	assert_int_equal(audit_verify(c, am, sizeof(am)), 0);
	/* And the municipality goes on: a new unit gets a fresh id. */
	fixture_ctx(&x->f, &ctx, tid, NULL);
	ctx.conn = c;
	ctx.db = db;
	assert_true(org_unit_create(&ctx, "D", "Ny", x->unit_c) > x->unit_c);
	assert_int_equal(audit_verify(c, am, sizeof(am)), 0);
	close_db(db, c);
}

/* The verification table of a run's output: from its header to the
 * commit, the same for every run of the same source. */
static const char *
table_part(char *out)
{
	char *a, *e;

	assert_non_null(a = strstr(out, "\ntable "));
	assert_non_null(e = strstr(a, "\nCommitted"));
	*e = '\0';
	return a;
}

/* Read a page of one row (or two) at a time, every table arrives whole:
 * the same counts and checksums as one read of the default page, with
 * keys of one column and of several (unit_ancestors: unit_id, depth). */
static void
test_small_pages_copy_every_row(void **state)
{
	struct mfx	*x = *state;
	struct dbconn	*c;
	struct db	*db;
	char		 msg[512], *whole, *paged;
	const char	*want;
	size_t		 pages[] = { 1, 2 };
	size_t		 i;

	assert_int_equal(run(x->f.path, target(x, "p0.db"), HOST, NULL, msg,
	    sizeof(msg), &whole), MIGRATE_OK);
	want = table_part(whole);
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		const char *to = target(x, i == 0 ? "p1.db" : "p2.db");

		run_page = pages[i];
		assert_int_equal(run(x->f.path, to, HOST, NULL, msg,
		    sizeof(msg), &paged), MIGRATE_OK);
		run_page = 0;
		assert_null(strstr(paged, "DIFFERS"));
		assert_string_equal(table_part(paged), want);
		free(paged);
		db = open_db(to, &c);
		assert_int_equal(one_int(c, "SELECT COUNT(*) FROM units", 0), 3);
		assert_int_equal(one_int(c, "SELECT COUNT(*) FROM unit_ancestors", 0),
		    one_int(x->f.conn, "SELECT COUNT(*) FROM unit_ancestors"
		    " WHERE tenant_id = $1", x->tid));
		assert_int_equal(one_int(c, "SELECT COUNT(*) FROM audit_log", 0),
		    one_int(x->f.conn, "SELECT COUNT(*) FROM audit_log"
		    " WHERE tenant_id = $1", x->tid));
		assert_int_equal(one_int(c, "SELECT COUNT(*) FROM categories", 0),
		    one_int(x->f.conn, "SELECT COUNT(*) FROM categories"
		    " WHERE tenant_id = $1", x->tid));
		close_db(db, c);
	}
	free(whole);
}

static void
test_second_run_refuses_and_changes_nothing(void **state)
{
	struct mfx	*x = *state;
	struct dbconn	*c;
	struct db	*db;
	const char	*to = target(x, "t2.db");
	char		 msg[512];
	int64_t		 before;

	assert_int_equal(run(x->f.path, to, HOST, NULL, msg, sizeof(msg), NULL),
	    MIGRATE_OK);
	db = open_db(to, &c);
	before = all_rows(c);
	close_db(db, c);

	assert_int_equal(run(x->f.path, to, HOST, NULL, msg, sizeof(msg), NULL),
	    MIGRATE_REFUSED);
	assert_non_null(strstr(msg, "holds data"));
	assert_non_null(strstr(msg, HOST));
	/* Under another host it is still the same municipality (its uid). */
	assert_int_equal(run(x->f.path, to, HOST, "kopi.test", msg, sizeof(msg),
	    NULL), MIGRATE_REFUSED);
	assert_non_null(strstr(msg, "uid"));

	db = open_db(to, &c);
	assert_int_equal(all_rows(c), before);
	close_db(db, c);
}

static void
test_fills_an_empty_tenant(void **state)
{
	struct mfx	*x = *state;
	struct dbconn	*c;
	struct db	*db;
	struct ctx	 ctx;
	const char	*to = target(x, "t3.db");
	char		 msg[512], *out, am[256];
	int64_t		 other, empty;

	db = open_db(to, &c);
	assert_true((other = tenant_create(c, "Annen", "annen.test")) > 0);
	assert_true((empty = tenant_create(c, "Plassholder", HOST)) > 0);
	fixture_ctx(&x->f, &ctx, empty, NULL);
	ctx.conn = c;
	assert_int_equal(dev_categories_seed(&ctx), 0);
	close_db(db, c);

	assert_int_equal(run(x->f.path, to, HOST, NULL, msg, sizeof(msg), &out),
	    MIGRATE_OK);
	assert_non_null(strstr(out, "empty municipality"));
	free(out);

	db = open_db(to, &c);
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM tenants", 0), 2);
	assert_int_equal(one_int(c, "SELECT id FROM tenants WHERE name = 'Vestby'", 0),
	    empty);
	assert_int_equal(one_int(c, "SELECT uid FROM tenants WHERE id = $1", empty),
	    x->uid);
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM categories WHERE tenant_id = $1",
	    empty), one_int(x->f.conn,
	    "SELECT COUNT(*) FROM categories WHERE tenant_id = $1", x->tid));
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM units WHERE tenant_id = $1",
	    empty), 3);
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1",
	    other), 1);
	assert_int_equal(audit_verify(c, am, sizeof(am)), 0);
	close_db(db, c);
}

/* A target that does not store what it was given (here a trigger that
 * edits names) is caught by the read-back and nothing is kept. */
static void
test_a_difference_rolls_everything_back(void **state)
{
	struct mfx	*x = *state;
	struct dbconn	*c;
	struct db	*db;
	const char	*to = target(x, "t4.db");
	char		 msg[512], *out;

	db = open_db(to, &c);
	assert_int_equal(db_exec(c, "CREATE TRIGGER units_touch AFTER INSERT ON"
	    " units BEGIN UPDATE units SET name = name || '!' WHERE id = NEW.id;"
	    " END"), DB_OK);
	close_db(db, c);

	assert_int_equal(run(x->f.path, to, HOST, NULL, msg, sizeof(msg), &out),
	    MIGRATE_FAILED);
	assert_non_null(strstr(msg, "units"));
	assert_non_null(strstr(out, "DIFFERS"));
	free(out);
	db = open_db(to, &c);
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM tenants", 0), 0);
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM units", 0), 0);
	close_db(db, c);
}

/* One SQLite database has one id space: ids another municipality holds
 * cannot be kept, so the move is refused whole. */
static void
test_sqlite_ids_taken(void **state)
{
	struct mfx	*x = *state;
	struct dbconn	*c;
	struct db	*db;
	struct ctx	 ctx;
	const char	*to = target(x, "t5.db");
	char		 msg[512];
	int64_t		 other, before;

	db = open_db(to, &c);
	assert_true((other = tenant_create(c, "Annen", "annen.test")) > 0);
	fixture_ctx(&x->f, &ctx, other, NULL);
	ctx.conn = c;
	assert_true(org_unit_create(&ctx, "X", "X", 0) > 0);
	assert_true(org_unit_create(&ctx, "Y", "Y", 0) > 0);
	before = all_rows(c);
	close_db(db, c);

	assert_int_equal(run(x->f.path, to, HOST, NULL, msg, sizeof(msg), NULL),
	    MIGRATE_FAILED);
	assert_non_null(strstr(msg, "SQLite"));
	db = open_db(to, &c);
	assert_int_equal(all_rows(c), before);
	close_db(db, c);
}

static void
test_refusals(void **state)
{
	struct mfx	*x = *state;
	const char	*to = target(x, "t6.db");
	char		 msg[512], missing[200];

	assert_int_equal(run(x->f.path, "mysql://root:hunter2@db/x", HOST, NULL,
	    msg, sizeof(msg), NULL), MIGRATE_REFUSED);
	assert_non_null(strstr(msg, "mysql://root:***@db/x"));
	assert_null(strstr(msg, "hunter2"));

	snprintf(missing, sizeof(missing), "sqlite:%s/nope.db", x->f.dir);
	assert_int_equal(run(missing, to, NULL, NULL, msg, sizeof(msg), NULL),
	    MIGRATE_REFUSED);
	assert_non_null(strstr(msg, "no such file"));
	assert_int_equal(access(missing + 7, F_OK), -1);	/* not created */

	assert_int_equal(run(x->f.path, to, NULL, NULL, msg, sizeof(msg), NULL),
	    MIGRATE_REFUSED);
	assert_non_null(strstr(msg, "--tenant"));
	assert_int_equal(run(x->f.path, to, "nowhere.test", NULL, msg,
	    sizeof(msg), NULL), MIGRATE_REFUSED);
	assert_non_null(strstr(msg, "nowhere.test"));
	assert_int_equal(run(x->f.path, x->f.path, HOST, NULL, msg, sizeof(msg),
	    NULL), MIGRATE_REFUSED);
	assert_non_null(strstr(msg, "same database"));
}

static void
test_to_host(void **state)
{
	struct mfx	*x = *state;
	struct dbconn	*c;
	struct db	*db;
	const char	*to = target(x, "t7.db");
	char		 msg[512];

	assert_int_equal(run(x->f.path, to, HOST, "orden.vestby.kommune.no",
	    msg, sizeof(msg), NULL), MIGRATE_OK);
	db = open_db(to, &c);
	assert_int_equal(one_int(c, "SELECT COUNT(*) FROM tenants WHERE"
	    " host = 'orden.vestby.kommune.no' AND name = 'Vestby'", 0), 1);
	close_db(db, c);
}

/* A fresh PostgreSQL database's URL from $ORDEN_TEST_PG (its word DBNAME
 * replaced), or NULL when the run has no cluster. */
static const char *
pg_target(char *url, size_t urlsz)
{
	static int	 n;
	const char	*base = getenv("ORDEN_TEST_PG"), *at;
	char		 name[64];

	if (base == NULL || (at = strstr(base, "DBNAME")) == NULL)
		return NULL;
	snprintf(name, sizeof(name), "t_migrate_%ld_%d", (long)getpid(), ++n);
	assert_true((size_t)snprintf(url, urlsz, "%.*s%s%s", (int)(at - base),
	    base, name, at + 6) < urlsz);
	return url;
}

/* Into PostgreSQL, where every key is (tenant_id, id): the ids another
 * municipality already uses do not stand in the way, the empty tenant
 * with the host is filled (its audit rows deleted under row-level
 * security), the id sequences continue above the copied ids, and a
 * second run is refused. */
static void
test_into_postgres_beside_another(void **state)
{
	struct mfx	*x = *state;
	struct dbconn	*c;
	struct db	*db;
	struct ctx	 ctx;
	struct unit	*v;
	size_t		 n;
	char		 url[600], msg[512], am[256], *out;
	int64_t		 other, empty, before;

	assert_non_null(pg_target(url, sizeof(url)));
	db = open_db(url, &c);
	assert_true((other = tenant_create(c, "Annen", "annen.test")) > 0);
	fixture_ctx(&x->f, &ctx, other, NULL);
	ctx.conn = c;
	assert_int_equal(org_unit_create(&ctx, "X", "X", 0), 1);	/* Vestby's A too */
	assert_true((empty = tenant_create(c, "Plassholder", HOST)) > 0);
	fixture_ctx(&x->f, &ctx, empty, NULL);
	ctx.conn = c;
	assert_int_equal(dev_categories_seed(&ctx), 0);
	close_db(db, c);

	run_page = 2;	/* the read-back on PostgreSQL, in pages */
	assert_int_equal(run(x->f.path, url, HOST, NULL, msg, sizeof(msg), &out),
	    MIGRATE_OK);
	run_page = 0;
	assert_non_null(strstr(out, "empty municipality"));
	assert_null(strstr(out, "DIFFERS"));
	free(out);

	db = open_db(url, &c);
	assert_int_equal(audit_verify(c, am, sizeof(am)), 0);
	fixture_ctx(&x->f, &ctx, empty, NULL);
	ctx.conn = c;
	ctx.db = db;
	assert_int_equal(one_int(c, "SELECT uid FROM tenants WHERE id = $1", empty),
	    x->uid);
	assert_true(org_unit_create(&ctx, "D", "Ny", x->unit_c) > x->unit_c);
	assert_int_equal(audit_verify(c, am, sizeof(am)), 0);
	fixture_ctx(&x->f, &ctx, other, NULL);
	ctx.conn = c;
	assert_int_equal(org_unit_list(&ctx, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].code, "X");
	before = all_rows(c);
	close_db(db, c);

	assert_int_equal(run(x->f.path, url, HOST, NULL, msg, sizeof(msg), NULL),
	    MIGRATE_REFUSED);
	db = open_db(url, &c);
	assert_int_equal(all_rows(c), before);
	close_db(db, c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves_with_ids_uid_and_chain),
		cmocka_unit_test(test_small_pages_copy_every_row),
		cmocka_unit_test(test_second_run_refuses_and_changes_nothing),
		cmocka_unit_test(test_fills_an_empty_tenant),
		cmocka_unit_test(test_a_difference_rolls_everything_back),
		cmocka_unit_test(test_sqlite_ids_taken),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_to_host),
	};
	/* Only where the run has a PostgreSQL cluster (tests/run.sh starts
	 * one); not a skipped test, which TAP would count as failed. */
	const struct CMUnitTest pg_tests[] = {
		cmocka_unit_test(test_into_postgres_beside_another),
	};
	int rc;

	if (sodium_init() < 0)
		return 1;
	rc = cmocka_run_group_tests(tests, setup, teardown);
	if (getenv("ORDEN_TEST_PG") != NULL)
		rc |= cmocka_run_group_tests(pg_tests, setup, teardown);
	return rc;
}
