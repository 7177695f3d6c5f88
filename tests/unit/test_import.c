/* test_import.c: CSV import of units and people against a real SQLite
 * database. What an operator notices: a good file lands, a bad row names
 * FILE:LINE and changes nothing at all, a second import updates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ctx.h"
#include "org/import.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/log.h"

struct fix {
	char		 dir[64];
	char		 path[128];
	struct db	*db;
	struct ctx	 ctx;
};

/* Row counts of every table an import may touch. */
struct snap {
	int64_t	units, people, roles, audit;
};

static int64_t
count(struct fix *f, const char *sql)
{
	struct dbstmt *st;
	int64_t n = -1;

	assert_int_equal(db_prepare(f->ctx.conn, sql, &st), DB_OK);
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

static void
snap_take(struct fix *f, struct snap *s)
{
	s->units = count(f, "SELECT COUNT(*) FROM units");
	s->people = count(f, "SELECT COUNT(*) FROM people");
	s->roles = count(f, "SELECT COUNT(*) FROM role_assignments");
	s->audit = count(f, "SELECT COUNT(*) FROM audit_log");
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	int64_t tid;

	assert_non_null(f);
	log_set_quiet(1);
	snprintf(f->dir, sizeof(f->dir), "/tmp/orden-import-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	assert_int_equal(db_open(&f->db, f->path, 1), 0);
	f->ctx.db = f->db;
	f->ctx.conn = db_acquire(f->db);
	f->ctx.arena = arena_new(64u * 1024 * 1024);
	f->ctx.now = clock_now();
	f->ctx.lang = "nb";
	tid = tenant_create(f->ctx.conn, "Testkommune", "test.example");
	assert_true(tid > 0);
	f->ctx.tenant_id = tid;
	f->ctx.tenant_name = "Testkommune";
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	char p[160];

	db_release(f->db, f->ctx.conn);
	db_close(f->db);
	arena_free(f->ctx.arena);
	snprintf(p, sizeof(p), "%s/t.db", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/t.db-wal", f->dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/t.db-shm", f->dir);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Import text as units (people = 0) or people from a file named fname. */
static int
run(struct fix *f, int people, const char *fname, const char *text,
    struct import_result *r)
{
	FILE *fp = tmpfile();
	int rc;

	assert_non_null(fp);
	fputs(text, fp);
	rewind(fp);
	rc = people ? org_import_people(&f->ctx, fp, fname, r) :
	    org_import_units(&f->ctx, fp, fname, r);
	fclose(fp);
	return rc;
}

static int64_t
unit_id(struct fix *f, const char *code)
{
	struct unit u;

	assert_int_equal(org_unit_by_code(&f->ctx, code, &u), 0);
	return u.id;
}

static int64_t
parent_of(struct fix *f, const char *code)
{
	struct unit u;

	assert_int_equal(org_unit_by_code(&f->ctx, code, &u), 0);
	return u.parent_id;
}

static void
base_units(struct fix *f)
{
	struct import_result r;

	assert_int_equal(run(f, 0, "base.csv",
	    "code,name,parent_code\n"
	    "kd,Kommunedirektør,\n"
	    "oo,Oppvekst og opplæring,kd\n"
	    "vestre,Vestre skole,oo\n", &r), 0);
}

/* --- units ------------------------------------------------------------------ */

static void
test_units_good_file(void **state)
{
	struct fix *f = *state;
	struct import_result r;
	struct unit u;

	/* BOM, CRLF, a quoted name with a comma, a parent defined later */
	assert_int_equal(run(f, 0, "units.csv",
	    "\xef\xbb\xbf" "code,name,parent_code\r\n"
	    "hr,\"HR, lønn og regnskap\",kso\r\n"
	    "kd,Kommunedirektør,\r\n"
	    "\r\n"
	    "kso,\"Kultur, samfunn og organisasjon\",kd\r\n", &r), 0);
	assert_int_equal(r.created, 3);
	assert_int_equal(r.updated, 0);
	assert_int_equal(org_unit_by_code(&f->ctx, "hr", &u), 0);
	assert_string_equal(u.name, "HR, lønn og regnskap");
	assert_int_equal(u.parent_id, unit_id(f, "kso"));
	assert_int_equal(parent_of(f, "kso"), unit_id(f, "kd"));
	assert_int_equal(parent_of(f, "kd"), 0);
}

static void
test_units_reimport_updates(void **state)
{
	struct fix *f = *state;
	struct import_result r;
	struct unit u;
	struct snap a, b;

	base_units(f);
	snap_take(f, &a);
	/* same file again: nothing changes, nothing is audited */
	assert_int_equal(run(f, 0, "base.csv",
	    "code,name,parent_code\n"
	    "kd,Kommunedirektør,\n"
	    "oo,Oppvekst og opplæring,kd\n"
	    "vestre,Vestre skole,oo\n", &r), 0);
	assert_int_equal(r.created, 0);
	assert_int_equal(r.updated, 0);
	snap_take(f, &b);
	assert_memory_equal(&a, &b, sizeof(a));

	/* rename one, move one, add one */
	assert_int_equal(run(f, 0, "u2.csv",
	    "code,name,parent_code\n"
	    "vestre,Vestre barneskole,kd\n"
	    "oo,Oppvekst,kd\n"
	    "ppt,PPT,oo\n", &r), 0);
	assert_int_equal(r.created, 1);
	assert_int_equal(r.updated, 2);
	assert_int_equal(org_unit_by_code(&f->ctx, "vestre", &u), 0);
	assert_string_equal(u.name, "Vestre barneskole");
	assert_int_equal(u.parent_id, unit_id(f, "kd"));
	assert_int_equal(parent_of(f, "ppt"), unit_id(f, "oo"));
}

static void
test_units_reverse_chain(void **state)
{
	struct fix *f = *state;
	struct import_result r;

	/* z > y > x today; the file turns it upside down (y > x > z). Done
	 * in file order, the first update would pass through a cycle. */
	assert_int_equal(run(f, 0, "a.csv",
	    "code,name,parent_code\nz,Z,\ny,Y,z\nx,X,y\n", &r), 0);
	assert_int_equal(run(f, 0, "b.csv",
	    "code,name,parent_code\nz,Z,x\ny,Y,\n", &r), 0);
	assert_int_equal(r.updated, 2);
	assert_int_equal(parent_of(f, "y"), 0);
	assert_int_equal(parent_of(f, "x"), unit_id(f, "y"));
	assert_int_equal(parent_of(f, "z"), unit_id(f, "x"));
}

struct bad_case {
	const char	*text;
	const char	*error;
};

static void
expect_rejected(struct fix *f, int people, const struct bad_case *c,
    size_t n)
{
	struct import_result r;
	struct snap a, b;
	size_t i;

	for (i = 0; i < n; i++) {
		snap_take(f, &a);
		if (run(f, people, "f.csv", c[i].text, &r) != -1)
			fail_msg("accepted: %s", c[i].text);
		assert_string_equal(r.error, c[i].error);
		assert_int_equal(r.created, 0);
		assert_int_equal(r.updated, 0);
		snap_take(f, &b);
		assert_memory_equal(&a, &b, sizeof(a));
	}
}

static void
test_units_bad_rows(void **state)
{
	static const struct bad_case cases[] = {
		{ "", "f.csv:1: the file is empty; the first line must be \"code,name,parent_code\"" },
		{ "code,name\nA,x\n", "f.csv:1:3: the first line must be exactly \"code,name,parent_code\"" },
		{ "code,name,parent_code\nA,Alpha,\nB,Beta\n",
		  "f.csv:3:3: expected 3 columns, found 2" },
		{ "code,name,parent_code\nA,Alpha,\n,Beta,\n", "f.csv:3:1: code is required" },
		{ "code,name,parent_code\na b,Alpha,\n",
		  "f.csv:2:1: invalid code \"a b\": use 1-64 letters a-z or A-Z (not æ, ø, å), digits, '.', '_' or '-'" },
		{ "code,name,parent_code\nA,,\n", "f.csv:2:2: name is required" },
		{ "code,name,parent_code\nA,Alpha,\nC,Gamma,nowhere\n",
		  "f.csv:3:3: unknown parent_code \"nowhere\"" },
		{ "code,name,parent_code\nA,Alpha,\nB,Beta,A\nA,Again,\n",
		  "f.csv:4:1: duplicate code \"A\" (first on line 2)" },
		{ "code,name,parent_code\nA,Alpha,B\nB,Beta,A\n",
		  "f.csv:2:3: parent_code \"B\" makes a cycle: unit \"A\" would lie under itself" },
		{ "code,name,parent_code\nA,Alpha,A\n",
		  "f.csv:2:3: parent_code \"A\" makes a cycle: unit \"A\" would lie under itself" },
		/* P hangs under a cycle Q-R: the cycle is named, not P */
		{ "code,name,parent_code\nP,P,Q\nQ,Q,R\nR,R,Q\n",
		  "f.csv:3:3: parent_code \"R\" makes a cycle: unit \"Q\" would lie under itself" },
		/* with the database: kd > oo > vestre exists */
		{ "code,name,parent_code\nkd,Kommunedirektør,vestre\n",
		  "f.csv:2:3: parent_code \"vestre\" makes a cycle: unit \"kd\" would lie under itself" },
		/* CSV syntax errors carry the column; the quote opens at 8 */
		{ "code,name,parent_code\nA,Alpha,\nB,Beta,\"kd\n\nC,Gamma,\n",
		  "f.csv:3:8: unterminated quoted field" },
		{ "code,name,parent_code\nA,Al\"pha,\n",
		  "f.csv:2:5: quote inside an unquoted field" },
		{ "code,name,parent_code\nA,\"Al\"pha,\n",
		  "f.csv:2:7: unexpected character after a closing quote" },
		/* a line break is legal CSV but not in a unit's name */
		{ "code,name,parent_code\nA,\"two\nlines\",\n",
		  "f.csv:2:2: name must be UTF-8 text without control characters" },
		{ "code,name,parent_code\nA,Alpha,\nB,\x01,\n",
		  "f.csv:3:2: name must be UTF-8 text without control characters" },
		{ "code,name,parent_code\nA,\xff\xfe,\n",
		  "f.csv:2:2: name must be UTF-8 text without control characters" },
	};
	struct fix *f = *state;

	base_units(f);
	expect_rejected(f, 0, cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_units_long_field(void **state)
{
	struct fix *f = *state;
	struct import_result r;
	char *text = malloc(CSV_FIELD_MAX_DEFAULT + 64);
	size_t n;

	assert_non_null(text);
	n = (size_t)snprintf(text, 64, "code,name,parent_code\nA,");
	memset(text + n, 'x', CSV_FIELD_MAX_DEFAULT + 1);
	memcpy(text + n + CSV_FIELD_MAX_DEFAULT + 1, ",\n", 3);
	assert_int_equal(run(f, 0, "f.csv", text, &r), -1);
	assert_string_equal(r.error, "f.csv:2:1027: field too long");
	free(text);
}

/* --- people ------------------------------------------------------------------ */

static int
has_role(struct fix *f, int64_t pid, enum role role, int64_t unit)
{
	struct roleset rs;
	size_t i;

	assert_int_equal(org_roles_of(&f->ctx, pid, &rs), 0);
	for (i = 0; i < rs.n; i++)
		if (rs.v[i].role == role && rs.v[i].unit_id == unit)
			return 1;
	return 0;
}

static void
test_people_good_and_reimport(void **state)
{
	struct fix *f = *state;
	struct import_result r;
	struct person p;
	int64_t vestre, oo;

	base_units(f);
	vestre = unit_id(f, "vestre");
	oo = unit_id(f, "oo");
	assert_int_equal(run(f, 1, "people.csv",
	    "login,name,email,unit_code,roles,party\n"
	    "bjorn.saether,Bjørn Sæther,bjorn@kommune.example,vestre,leader;employee,\n"
	    "arne.brattli,Arne Brattli,,,mayor; formannskap ;elected;,Ap\n"
	    "emma,\"Johansen, Emma\",emma@kommune.example,vestre,employee,\n", &r),
	    0);
	assert_int_equal(r.created, 3);
	assert_int_equal(r.updated, 0);

	assert_int_equal(org_person_by_login(&f->ctx, "bjorn.saether", &p), 0);
	assert_string_equal(p.name, "Bjørn Sæther");
	assert_string_equal(p.email, "bjorn@kommune.example");
	assert_int_equal(p.unit_id, vestre);
	assert_null(p.party);
	/* scoped roles land on the person's unit, the rest tenant-wide */
	assert_true(has_role(f, p.id, ROLE_LEADER, vestre));
	assert_true(has_role(f, p.id, ROLE_EMPLOYEE, vestre));

	assert_int_equal(org_person_by_login(&f->ctx, "arne.brattli", &p), 0);
	assert_string_equal(p.party, "Ap");
	assert_null(p.email);
	assert_int_equal(p.unit_id, 0);
	assert_true(has_role(f, p.id, ROLE_MAYOR, 0));
	assert_true(has_role(f, p.id, ROLE_FORMANNSKAP, 0));
	assert_true(has_role(f, p.id, ROLE_ELECTED, 0));

	/* re-import: Emma moves to oo and becomes safety rep; Bjørn's line
	 * is the same; Arne changes party. Roles are added, never removed. */
	assert_int_equal(run(f, 1, "people.csv",
	    "login,name,email,unit_code,roles,party\n"
	    "bjorn.saether,Bjørn Sæther,bjorn@kommune.example,vestre,leader;employee,\n"
	    "arne.brattli,Arne Brattli,,,mayor,Sp\n"
	    "emma,Emma Johansen,emma@kommune.example,oo,safety_rep,\n", &r),
	    0);
	assert_int_equal(r.created, 0);
	assert_int_equal(r.updated, 2);
	assert_int_equal(org_person_by_login(&f->ctx, "emma", &p), 0);
	assert_string_equal(p.name, "Emma Johansen");
	assert_int_equal(p.unit_id, oo);
	assert_true(has_role(f, p.id, ROLE_SAFETY_REP, oo));
	assert_true(has_role(f, p.id, ROLE_EMPLOYEE, vestre));
	assert_int_equal(org_person_by_login(&f->ctx, "arne.brattli", &p), 0);
	assert_string_equal(p.party, "Sp");
	assert_true(has_role(f, p.id, ROLE_FORMANNSKAP, 0));
}

static void
test_people_bad_rows(void **state)
{
	static const struct bad_case cases[] = {
		{ "login,name,email,unit_code,roles\n",
		  "f.csv:1:6: the first line must be exactly \"login,name,email,unit_code,roles,party\"" },
		{ "login,name,email,unit_code,roles,party\nok,Ok,,,,\n,Nobody,,,,\n",
		  "f.csv:3:1: login is required" },
		{ "login,name,email,unit_code,roles,party\nola nordmann,Ola,,,,\n",
		  "f.csv:2:1: invalid login \"ola nordmann\": use 1-64 letters a-z or A-Z (not æ, ø, å), digits, '.', '_' or '-'" },
		{ "login,name,email,unit_code,roles,party\nola,,,,,\n",
		  "f.csv:2:2: name is required" },
		{ "login,name,email,unit_code,roles,party\nola,Ola,ola.example,,,\n",
		  "f.csv:2:3: invalid e-mail address \"ola.example\"" },
		{ "login,name,email,unit_code,roles,party\nola,Ola,ola@,,,\n",
		  "f.csv:2:3: invalid e-mail address \"ola@\"" },
		{ "login,name,email,unit_code,roles,party\nola,Ola,,nowhere,,\n",
		  "f.csv:2:4: unknown unit_code \"nowhere\"" },
		{ "login,name,email,unit_code,roles,party\nola,Ola,,vestre,employee;boss,\n",
		  "f.csv:2:5: unknown role \"boss\"" },
		{ "login,name,email,unit_code,roles,party\nola,Ola,,,leader,\n",
		  "f.csv:2:4: role \"leader\" applies to a unit: unit_code is required" },
		{ "login,name,email,unit_code,roles,party\nola,Ola,,vestre,,\nkari,Kari,,,,\nola,Ola N,,,,\n",
		  "f.csv:4:1: duplicate login \"ola\" (first on line 2)" },
		{ "login,name,email,unit_code,roles,party\nola,Ola,,vestre,,Ap,extra\n",
		  "f.csv:2:7: expected 6 columns, found 7" },
	};
	struct fix *f = *state;

	base_units(f);
	expect_rejected(f, 1, cases, sizeof(cases) / sizeof(cases[0]));
}

/* What Norwegian Excel saves as "CSV (semikolonseparert)": semicolons, a
 * BOM, CRLF, and a roles field quoted because it holds the ';' itself. */
static void
test_semicolon_files(void **state)
{
	struct fix *f = *state;
	struct import_result r;
	struct person p;

	assert_int_equal(run(f, 0, "enheter.csv",
	    "\xef\xbb\xbf" "code;name;parent_code\r\n"
	    "kd;Kommunedirektør;\r\n"
	    "oo;Oppvekst, skole og barnehage;kd\r\n"
	    "vestre;Vestre skole;oo\r\n", &r), 0);
	assert_int_equal(r.created, 3);
	assert_int_equal(parent_of(f, "vestre"), unit_id(f, "oo"));
	assert_int_equal(run(f, 1, "personer.csv",
	    "\xef\xbb\xbf" "login;name;email;unit_code;roles;party\r\n"
	    "bjorn.saether;Bjørn Sæther;bjorn@kommune.example;vestre;\"leader;employee\";\r\n"
	    "emma;Emma Johansen, lærer;;vestre;employee;\r\n", &r), 0);
	assert_int_equal(r.created, 2);
	assert_int_equal(org_person_by_login(&f->ctx, "bjorn.saether", &p), 0);
	assert_string_equal(p.name, "Bjørn Sæther");
	assert_true(has_role(f, p.id, ROLE_LEADER, unit_id(f, "vestre")));
	assert_true(has_role(f, p.id, ROLE_EMPLOYEE, unit_id(f, "vestre")));
	assert_int_equal(org_person_by_login(&f->ctx, "emma", &p), 0);
	assert_string_equal(p.name, "Emma Johansen, lærer");
}

/* Logins that differ only in case are one person to a sign-in by SSO,
 * which compares without case: the import refuses to make the second. */
static void
test_people_login_case(void **state)
{
	static const struct bad_case cases[] = {
		{ "login,name,email,unit_code,roles,party\nkari.as,Kari Ås,,,,\nKari.As,Kari Åsen,,,,\n",
		  "f.csv:3:1: login \"Kari.As\" differs from \"kari.as\" on line 2 only in upper and lower case" },
		{ "login,name,email,unit_code,roles,party\nOLA,Ola,,,,\n",
		  "f.csv:2:1: login \"OLA\" differs from the existing login \"ola\" only in upper and lower case" },
	};
	struct fix *f = *state;
	struct import_result r;

	base_units(f);
	assert_int_equal(run(f, 1, "people.csv",
	    "login,name,email,unit_code,roles,party\nola,Ola,,,,\n", &r), 0);
	expect_rejected(f, 1, cases, sizeof(cases) / sizeof(cases[0]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_units_good_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units_reimport_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units_reverse_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units_bad_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units_long_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people_good_and_reimport, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people_bad_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_semicolon_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people_login_case, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
