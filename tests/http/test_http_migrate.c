/* orden migrate, as an operator moves a municipality: the demo (a year of
 * deviations) plus a whistleblowing case with an attachment, made through
 * the server on a SQLite file, is moved into the database the suite runs
 * on (SQLite, or PostgreSQL in the suite's second pass) and served from
 * there. The same deviations, numbers and statistics come back; the API
 * token made before the move still works; the case's handler signs in
 * with her password and opens the content and the attachment (the keys
 * still open under the moved municipality); the audit chain verifies; a
 * second move into the same target is refused and changes nothing; and a
 * target that already serves another municipality keeps both.
 *
 * The source holds a first municipality before the demo, so the demo is
 * tenant 2 there and tenant 1 in the first target: its tenant id really is
 * rewritten. It also keeps the demo's ids clear of those of a target's own
 * first municipality made the same way, which one SQLite database needs
 * (all its municipalities share one range of ids; PostgreSQL keys every
 * row by tenant and id). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define DEMO_HOST	"localhost"
#define MARK		"Tyttebaer-Bevis-7713"
#define ATT_NAME	"Tyttebaer-notat-2290.txt"

static const char att_file[] = "Notat: " MARK "\nmed \xc3\xa6\xc3\xb8\xc3\xa5 og flere linjer\n";

static struct srv SRC;		/* the source: always a SQLite file */
static struct srv T;		/* the target, on the suite's backend */
static struct srv U;		/* a target with another municipality */

/* What the source showed before the move. */
static struct {
	char		 token[128];	/* ingrid.haugen (quality), made on the source */
	struct buf	 csv;		/* GET /api/v1/deviations.csv */
	char		*list;		/* ids, numbers and states of the JSON list */
	char		*stats[3];	/* by category, status, month */
	json_int_t	 case_id, att_id;
	char		*content;	/* the case's opened content, as JSON */
	struct buf	 migrate_out;
	int		 migrate_rc;
	/* PostgreSQL: the same move first without the target's key file. */
	struct buf	 nokey_out;
	int		 nokey_rc, nokey_tenants;
} before;

static const char *const stats_query[3] = {
	"?by=category", "?by=status", "?by=month",
};

/* A client for host signed in as login with the demo password. */
static void
signed_in(struct client *c, struct srv *s, const char *host, const char *login)
{
	long st;

	client_init(c, s);
	c->host = host;
	if ((st = client_login(c, login, DEMO_PASSWORD)) != 303)
		fail_msg("login as %s: %ld", login, st);
	c->csrf_header = 1;
}

static char *
get_json(struct client *c, const char *path)
{
	json_t	*j = api_get_ok(c, path);
	char	*s;

	s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	assert_non_null(s);
	json_decref(j);
	return s;
}

/* The list's identity: id, number and status of every item of the first
 * page (the CSV holds the rest). */
static char *
list_of(struct client *c)
{
	json_t		*j, *it, *out;
	size_t		 i;
	char		*s;

	assert_int_equal(api_call(c, "GET", "/api/v1/deviations?limit=1000", NULL, &j), 200);
	out = json_array();
	json_array_foreach(json_object_get(j, "items"), i, it)
		json_array_append_new(out, json_pack("[O, O, O]",
		    json_object_get(it, "id"), json_object_get(it, "number"),
		    json_object_get(it, "status")));
	json_array_append(out, json_object_get(j, "total"));
	assert_true(json_array_size(out) > 100);
	s = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	json_decref(j);
	return s;
}

static void
get_csv(struct client *c, struct buf *out)
{
	struct resp r;

	client_req(c, "GET", "/api/v1/deviations.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	buf_init(out, 8u << 20);
	buf_append(out, r.body.data, r.body.len);
	resp_free(&r);
	assert_true(out->len > 10000);
}

/* The opened content of the case as its handler sees it. */
static char *
case_content(struct client *c, json_int_t id, json_int_t *att)
{
	json_t	*j, *a;
	char	*s;

	assert_int_equal(wb_case_get(c, id, &j), 200);
	assert_true(json_is_object(json_object_get(j, "content")));
	s = json_dumps(json_object_get(j, "content"), JSON_SORT_KEYS | JSON_COMPACT);
	a = json_object_get(j, "attachments");
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0),
	    "name")), ATT_NAME);
	if (att != NULL)
		*att = json_integer_value(json_object_get(json_array_get(a, 0), "id"));
	json_decref(j);
	return s;
}

static void
download_ok(struct client *c, json_int_t id, json_int_t att)
{
	struct resp	r;
	char		path[128];

	snprintf(path, sizeof(path), "/api/v1/whistle/cases/%lld/attachments/%lld",
	    (long long)id, (long long)att);
	client_req(c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body.len, strlen(att_file));
	assert_memory_equal(r.body.data, att_file, strlen(att_file));
	resp_free(&r);
}

/* Build the source: a first municipality, the demo, and a case with an
 * attachment reported and opened through the server. */
static void
make_source(void)
{
	struct client	 emma, bjorn, q;
	struct buf	 b;
	char		 b64[512], tok[128];
	int		 i;

	memset(&SRC, 0, sizeof(SRC));
	snprintf(SRC.dir, sizeof(SRC.dir), "/tmp/orden-test-XXXXXX");
	assert_non_null(mkdtemp(SRC.dir));
	snprintf(SRC.db, sizeof(SRC.db), "%s/source.db", SRC.dir);
	snprintf(SRC.log, sizeof(SRC.log), "%s/server.log", SRC.dir);
	assert_int_equal(orden_run(NULL, "init", "--db", SRC.db, "--tenant",
	    "Første kommune", "--host", "first.test", NULL), 0);
	/* Like the target with another municipality below, whose admin has
	 * a token: the demo's token must not take its id on SQLite. */
	token_for(&SRC, "first.test", "admin", tok, sizeof(tok));
	assert_int_equal(orden_run(NULL, "demo", "--db", SRC.db, NULL), 0);
	token_for(&SRC, DEMO_HOST, "ingrid.haugen", before.token, sizeof(before.token));

	srv_start(&SRC, NULL);
	signed_in(&emma, &SRC, DEMO_HOST, "emma.johansen");
	signed_in(&bjorn, &SRC, DEMO_HOST, "bjorn.saether");
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)att_file,
	    strlen(att_file), sodium_base64_VARIANT_ORIGINAL);
	buf_init(&b, 1u << 16);
	buf_printf(&b, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_name\":\"En kollega\",\"what\":\"Noe i kantina " MARK ".\","
	    "\"why_censurable\":\"Farlig.\",\"attachments\":[{\"name\":\"" ATT_NAME "\","
	    "\"content_type\":\"text/plain\",\"data\":\"%s\"}]}", b64);
	before.case_id = wb_report_ok(&emma, buf_cstr(&b), NULL);
	buf_free(&b);
	json_decref(wb_act_ok(&bjorn, before.case_id, "{\"action\":\"declare_impartial\"}"));
	before.content = case_content(&bjorn, before.case_id, &before.att_id);
	assert_non_null(strstr(before.content, MARK));
	download_ok(&bjorn, before.case_id, before.att_id);

	api_client(&q, &SRC, DEMO_HOST, before.token);
	get_csv(&q, &before.csv);
	before.list = list_of(&q);
	for (i = 0; i < 3; i++) {
		char path[128];

		snprintf(path, sizeof(path), "/api/v1/stats/deviations%s", stats_query[i]);
		before.stats[i] = get_json(&q, path);
	}
	client_free(&q);
	client_free(&emma);
	client_free(&bjorn);
	srv_stop(&SRC, 1);
}

static char	srckey[400];	/* the SQLite source's audit key file */

static int
setup(void **st)
{
	char from[400];

	(void)st;
	make_source();
	srv_prepare(&T, 0);
	snprintf(from, sizeof(from), "sqlite:%s", SRC.db);
	buf_init(&before.migrate_out, 1u << 20);
	buf_init(&before.nokey_out, 1u << 16);
	/* The audit key moves too: from beside the SQLite source; to beside
	 * a SQLite target, or (PostgreSQL) the file every later command of
	 * the target is told of with ORDEN_AUDIT_KEY. */
	snprintf(srckey, sizeof(srckey), "%s.audit-key", SRC.db);
	if (srv_is_pg()) {
		char tkey[400];

		snprintf(tkey, sizeof(tkey), "%s/audit.key", T.dir);
		/* As the README's example runs it: no --to-audit-key and no
		 * ORDEN_AUDIT_KEY. */
		unsetenv("ORDEN_AUDIT_KEY");
		before.nokey_rc = orden_run(&before.nokey_out, "migrate", "--from",
		    from, "--to", T.db, "--tenant", DEMO_HOST, "--from-audit-key",
		    srckey, NULL);
		before.nokey_tenants = srv_db_int(&T, "SELECT COUNT(*) FROM tenants"
		    " WHERE host = $1", DEMO_HOST);
		before.migrate_rc = orden_run(&before.migrate_out, "migrate", "--from",
		    from, "--to", T.db, "--tenant", DEMO_HOST, "--from-audit-key",
		    srckey, "--to-audit-key", tkey, NULL);
		setenv("ORDEN_AUDIT_KEY", tkey, 1);
	} else
		before.migrate_rc = orden_run(&before.migrate_out, "migrate", "--from",
		    from, "--to", T.db, "--tenant", DEMO_HOST, "--from-audit-key",
		    srckey, NULL);
	if (before.migrate_rc != 0)
		fail_msg("migrate: %d\n%s", before.migrate_rc, buf_cstr(&before.migrate_out));
	srv_start(&T, NULL);
	return 0;
}

static int
teardown(void **st)
{
	int i;

	(void)st;
	srv_stop(&T, 0);
	srv_stop(&SRC, 0);
	if (U.dir[0] != '\0')		/* a failed test left it running */
		srv_stop(&U, 0);
	buf_free(&before.csv);
	buf_free(&before.migrate_out);
	buf_free(&before.nokey_out);
	free(before.list);
	free(before.content);
	for (i = 0; i < 3; i++)
		free(before.stats[i]);
	return 0;
}

static void
test_every_table_verified(void **st)
{
	const char *out = buf_cstr(&before.migrate_out);

	(void)st;
	assert_int_equal(before.migrate_rc, 0);
	assert_non_null(strstr(out, "deviations "));
	assert_non_null(strstr(out, "whistle_attachments "));
	assert_null(strstr(out, "DIFFERS"));
	assert_non_null(strstr(out, "intact"));
	/* The ephemeral tables are named as left out. */
	assert_non_null(strstr(out, "whistle_receipt_sessions"));
	/* Only the demo moved: the first municipality stayed behind. */
	assert_int_equal(srv_db_int(&T, "SELECT COUNT(*) FROM tenants", NULL), 1);
	assert_int_equal(srv_db_int(&T, "SELECT COUNT(*) FROM tenants WHERE host = $1",
	    DEMO_HOST), 1);
}

/* A keyed municipality moved to PostgreSQL without naming the target's
 * key file is refused before anything is copied, telling the operator
 * what to name: at 200,000 deviations it was refused only after copying
 * and checking every table (2.5 minutes). */
static void
test_missing_target_key_refused_before_the_copy(void **st)
{
	const char *out = buf_cstr(&before.nokey_out);

	(void)st;
	if (!srv_is_pg())
		skip();	/* a SQLite target has its key file beside it */
	assert_int_not_equal(before.nokey_rc, 0);
	assert_non_null(strstr(out, "--to-audit-key"));
	assert_null(strstr(out, "Moving"));
	assert_null(strstr(out, "deviations "));
	assert_int_equal(before.nokey_tenants, 0);
}

static void
test_same_deviations_numbers_and_stats(void **st)
{
	struct client	 q;
	struct buf	 csv;
	char		*s, path[128];
	int		 i;

	(void)st;
	/* The token made before the move works after it. */
	api_client(&q, &T, DEMO_HOST, before.token);
	get_csv(&q, &csv);
	assert_int_equal(csv.len, before.csv.len);
	assert_memory_equal(csv.data, before.csv.data, csv.len);
	buf_free(&csv);
	s = list_of(&q);
	assert_string_equal(s, before.list);
	free(s);
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "/api/v1/stats/deviations%s", stats_query[i]);
		s = get_json(&q, path);
		assert_string_equal(s, before.stats[i]);
		free(s);
	}
	/* The governing documents are found by a word of their text: the
	 * search index, which is not copied, is built in the target. */
	{
		json_t *j = api_get_ok(&q, "/api/v1/documents?q=overordnede");

		assert_true(json_array_size(j) >= 40);
		json_decref(j);
	}
	client_free(&q);
}

static void
test_case_opens_for_its_handler(void **st)
{
	struct client	 bjorn, emma;
	json_int_t	 att;
	char		*s;

	(void)st;
	/* Signing in unwraps her key under the password: the keys moved
	 * with the municipality and still open there. */
	signed_in(&bjorn, &T, DEMO_HOST, "bjorn.saether");
	s = case_content(&bjorn, before.case_id, &att);
	assert_string_equal(s, before.content);
	free(s);
	assert_int_equal(att, before.att_id);
	download_ok(&bjorn, before.case_id, att);
	/* And only for her: a colleague still gets nothing. */
	signed_in(&emma, &T, DEMO_HOST, "emma.johansen");
	assert_false(wb_cases_has(&emma, before.case_id));
	client_free(&bjorn);
	client_free(&emma);
}

static void
test_audit_chain_verifies(void **st)
{
	struct buf	out;

	(void)st;
	buf_init(&out, 1u << 16);
	if (orden_run(&out, "audit", "verify", "--db", T.db, NULL) != 0)
		fail_msg("audit verify: %s", buf_cstr(&out));
	assert_non_null(strstr(buf_cstr(&out), "intact"));
	buf_free(&out);
	/* The audit key moved with the municipality: its line of the
	 * source's key file is in the target's (SQLite: DB.audit-key). */
	if (!srv_is_pg()) {
		char	 src[400], dst[400], line[256], prefix[64];
		FILE	*f;
		int	 found = 0;

		snprintf(prefix, sizeof(prefix), "orden-audit-key-v1 %lld ",
		    (long long)srv_db_int(&T, "SELECT uid FROM tenants WHERE host = $1",
		    DEMO_HOST));
		snprintf(src, sizeof(src), "%s.audit-key", SRC.db);
		snprintf(dst, sizeof(dst), "%s.audit-key", T.db);
		assert_non_null(f = fopen(src, "r"));
		while (!found && fgets(line, sizeof(line), f) != NULL)
			found = strncmp(line, prefix, strlen(prefix)) == 0;
		fclose(f);
		assert_true(found);
		line[strcspn(line, "\n")] = '\0';
		assert_int_equal(file_has(dst, line), 1);
	}
}

/* What a second move could change. */
static int64_t
fingerprint(struct srv *s)
{
	return srv_db_int(s, "SELECT (SELECT COUNT(*) FROM tenants) * 1000000000"
	    " + (SELECT COUNT(*) FROM deviations) * 100000"
	    " + (SELECT COUNT(*) FROM people) * 1000"
	    " + (SELECT COALESCE(SUM(audit_seq), 0) FROM tenants)"
	    " + (SELECT COUNT(*) FROM audit_log)"
	    " + (SELECT COUNT(*) FROM whistle_attachments)", NULL);
}

static void
test_second_move_refused_nothing_changed(void **st)
{
	struct buf	 out;
	struct client	 q;
	struct buf	 csv;
	char		 from[400];
	int64_t		 fp;

	(void)st;
	fp = fingerprint(&T);
	snprintf(from, sizeof(from), "sqlite:%s", SRC.db);
	buf_init(&out, 1u << 20);
	assert_int_equal(orden_run(&out, "migrate", "--from", from, "--to", T.db,
	    "--tenant", DEMO_HOST, "--from-audit-key", srckey, NULL), 1);
	assert_non_null(strstr(buf_cstr(&out), "holds data"));
	buf_free(&out);
	assert_int_equal(fingerprint(&T), fp);

	api_client(&q, &T, DEMO_HOST, before.token);
	get_csv(&q, &csv);
	assert_int_equal(csv.len, before.csv.len);
	buf_free(&csv);
	client_free(&q);
}

/* A URL with a password that cannot be used: exit 1, the URL named, the
 * password not. */
static void
test_bad_urls_hide_passwords(void **st)
{
	struct buf	out;
	char		from[400];

	(void)st;
	snprintf(from, sizeof(from), "sqlite:%s", SRC.db);
	buf_init(&out, 1u << 16);
	assert_int_equal(orden_run(&out, "migrate", "--from", from, "--to",
	    "mysql://orden:Hemmelig-Passord-1@db.example/orden", NULL), 1);
	assert_non_null(strstr(buf_cstr(&out), "mysql://orden:***@db.example/orden"));
	assert_null(strstr(buf_cstr(&out), "Hemmelig-Passord-1"));
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "migrate", "--from", from, "--to",
	    "postgres://orden:Hemmelig-Passord-2@127.0.0.1:1/orden", "--tenant",
	    DEMO_HOST, NULL), 1);
	assert_non_null(strstr(buf_cstr(&out), "postgres://orden:***@127.0.0.1:1/orden"));
	assert_null(strstr(buf_cstr(&out), "Hemmelig-Passord-2"));
	buf_free(&out);
}

static void
test_into_a_target_with_another_municipality(void **st)
{
	struct client	 q, a;
	struct buf	 out, csv;
	char		 from[400], tok[128];
	char		*people_before, *units_before, *s;

	(void)st;
	srv_prepare(&U, 0);
	buf_init(&out, 1u << 20);
	assert_int_equal(orden_run(&out, "init", "--db", U.db, "--tenant",
	    "Annen kommune", "--host", "other.test", NULL), 0);
	token_for(&U, "other.test", "admin", tok, sizeof(tok));
	srv_start(&U, NULL);
	api_client(&a, &U, "other.test", tok);
	people_before = get_json(&a, "/api/v1/people");
	units_before = get_json(&a, "/api/v1/units");
	client_free(&a);
	srv_stop(&U, 1);

	snprintf(from, sizeof(from), "sqlite:%s", SRC.db);
	buf_reset(&out);
	if (orden_run(&out, "migrate", "--from", from, "--to", U.db, "--tenant",
	    DEMO_HOST, "--from-audit-key", srckey, NULL) != 0)
		fail_msg("migrate: %s", buf_cstr(&out));
	buf_reset(&out);
	if (orden_run(&out, "audit", "verify", "--db", U.db, NULL) != 0)
		fail_msg("audit verify: %s", buf_cstr(&out));
	buf_free(&out);

	srv_start(&U, NULL);
	/* The other municipality is as it was, and sees nothing new. */
	api_client(&a, &U, "other.test", tok);
	s = get_json(&a, "/api/v1/people");
	assert_string_equal(s, people_before);
	free(s);
	s = get_json(&a, "/api/v1/units");
	assert_string_equal(s, units_before);
	free(s);
	client_free(&a);
	/* The demo is whole beside it. */
	api_client(&q, &U, DEMO_HOST, before.token);
	get_csv(&q, &csv);
	assert_int_equal(csv.len, before.csv.len);
	assert_memory_equal(csv.data, before.csv.data, csv.len);
	buf_free(&csv);
	client_free(&q);
	signed_in(&q, &U, DEMO_HOST, "bjorn.saether");
	s = case_content(&q, before.case_id, NULL);
	assert_string_equal(s, before.content);
	free(s);
	client_free(&q);
	srv_stop(&U, 0);
	memset(&U, 0, sizeof(U));
	free(people_before);
	free(units_before);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_table_verified),
		cmocka_unit_test(test_missing_target_key_refused_before_the_copy),
		cmocka_unit_test(test_same_deviations_numbers_and_stats),
		cmocka_unit_test(test_case_opens_for_its_handler),
		cmocka_unit_test(test_audit_chain_verifies),
		cmocka_unit_test(test_second_move_refused_nothing_changed),
		cmocka_unit_test(test_bad_urls_hide_passwords),
		cmocka_unit_test(test_into_a_target_with_another_municipality),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
