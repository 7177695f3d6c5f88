/* The cache of whole answers (src/http/cache.c, issue 13): a cached route
 * answers again from what it stored, but never to another asker (another
 * person, another session of the same person), never after a change that
 * could alter it (a report, a transfer, a close, a role change, an import
 * by the `orden` command in another process), never past its maximum age,
 * and never from a body that was cut off. Whistleblowing routes are never
 * cached. Every check runs on both backends. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "http/http.h"

#define METRICS_TOKEN	"cache-metrics-token-0123456789abcdef"
#define LIST		"/api/v1/deviations?limit=1000"

static struct srv S;
static char tok_admin[128], tok_bjorn[128], tok_lise[128], tok_emma[128],
    tok_kari[128];
static char clockfile[300], tokenfile[300];
static char env_clock[340], env_token[340];
static json_int_t vestre, sentrum;

static void
start(const char *extra)
{
	const char *env[] = { env_clock, env_token, extra, NULL };

	srv_start(&S, env);
}

static void
set_clock(int64_t add)
{
	char text[32];

	snprintf(text, sizeof(text), "%lld\n", (long long)add);
	write_file(&S, "cache-clock", text, clockfile, sizeof(clockfile));
}

static int
setup(void **st)
{
	struct client c;

	(void)st;
	srv_prepare(&S, 1);
	tokens_for(&S, "admin", tok_admin, "bjorn.saether", tok_bjorn,
	    "lise.aasen", tok_lise, "emma.johansen", tok_emma, "kari.nilsen",
	    tok_kari, NULL);
	set_clock(0);
	write_file(&S, "metrics-token", METRICS_TOKEN "\n", tokenfile,
	    sizeof(tokenfile));
	snprintf(env_clock, sizeof(env_clock), "ORDEN_TEST_CACHE_CLOCK_FILE=%s",
	    clockfile);
	snprintf(env_token, sizeof(env_token), "ORDEN_METRICS_TOKEN_FILE=%s",
	    tokenfile);
	/* The demo's overdue reports are escalated now, not by the server's
	 * first tick while the tests run (real changes: no answer could
	 * stay cached across them). */
	srv_tick(&S, NULL, 0);
	start(NULL);
	api_client(&c, &S, NULL, tok_admin);
	vestre = unit_id_of(&c, "vestre-skole");
	sentrum = unit_id_of(&c, "sentrum-skole");
	client_free(&c);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	session_as_free();
	srv_stop(&S, 0);
	return 0;
}

#define HITS	srv_metric(&S, METRICS_TOKEN, \
	"orden_http_cache_requests_total{outcome=\"hit\"}")
#define MISSES	srv_metric(&S, METRICS_TOKEN, \
	"orden_http_cache_requests_total{outcome=\"miss\"}")

/* GET path as the bearer of token, with one more header line or NULL. */
static void
get_as(const char *token, const char *path, const char *header,
    struct resp *r)
{
	struct client c;

	api_client(&c, &S, NULL, token);
	c.extra_header = header;
	client_req(&c, "GET", path, NULL, NULL, r);
	client_free(&c);
}

/* GET path as token: must answer 200; whether the body holds needle. */
static int
sees(const char *token, const char *path, const char *needle)
{
	struct resp	r;
	int		has;

	get_as(token, path, NULL, &r);
	if (r.status != 200)
		fail_msg("GET %s: %ld %s", path, r.status, buf_cstr(&r.body));
	has = resp_has(&r, needle);
	resp_free(&r);
	return has;
}

/* sees(), for a change another process committed: a PostgreSQL server
 * sees it when the change's notice reaches it (README, "Cached answers
 * need no round trip"), not necessarily by the very next request; on
 * SQLite the first answer has it. Asks for at most 5 s. */
static int
sees_soon(const char *token, const char *path, const char *needle)
{
	int i;

	for (i = 0; i < 100; i++) {
		if (sees(token, path, needle))
			return 1;
		usleep(50 * 1000);
	}
	return 0;
}

/* GET path as token three times: the second and third are served from
 * the cache (a hit counted each, the same ETag and body); the third is
 * the response the second kept with its entry, and carries every header
 * the first did (the security headers, no-store). */
static void
stored(const char *token, const char *path)
{
	struct resp	a, b, c;
	char		ea[64], eb[64], ec[64], v[512], w[512];
	long		hits;

	get_as(token, path, NULL, &a);
	assert_int_equal(a.status, 200);
	hits = HITS;
	get_as(token, path, NULL, &b);
	assert_int_equal(b.status, 200);
	assert_int_equal(HITS, hits + 1);
	get_as(token, path, NULL, &c);
	assert_int_equal(c.status, 200);
	assert_int_equal(HITS, hits + 2);
	assert_int_equal(resp_header(&a, "etag", ea, sizeof(ea)), 0);
	assert_int_equal(resp_header(&b, "etag", eb, sizeof(eb)), 0);
	assert_int_equal(resp_header(&c, "etag", ec, sizeof(ec)), 0);
	assert_string_equal(ea, eb);
	assert_string_equal(eb, ec);
	assert_int_equal(a.body.len, b.body.len);
	assert_memory_equal(a.body.data, b.body.data, a.body.len);
	assert_int_equal(a.body.len, c.body.len);
	assert_memory_equal(a.body.data, c.body.data, a.body.len);
	assert_int_equal(resp_header(&a, "content-security-policy", v,
	    sizeof(v)), 0);
	assert_int_equal(resp_header(&c, "content-security-policy", w,
	    sizeof(w)), 0);
	assert_string_equal(v, w);
	assert_int_equal(resp_header(&c, "cache-control", w, sizeof(w)), 0);
	assert_string_equal(w, "private, no-store");
	assert_int_equal(resp_header(&a, "content-type", v, sizeof(v)), 0);
	assert_int_equal(resp_header(&c, "content-type", w, sizeof(w)), 0);
	assert_string_equal(v, w);
	resp_free(&a);
	resp_free(&b);
	resp_free(&c);
}

/* Two people ask the same route with the same query: each gets their own
 * answer, the first time and from the cache; one's ETag gets the other a
 * full answer, never a 304; the owner's gets a 304 with no body. */
static void
test_each_asker_their_own(void **st)
{
	struct resp	 a, b, n;
	char		 etag[64], hdr[100], cc[64];
	json_int_t	 id;

	(void)st;
	id = dev_report_in(&S, NULL, tok_emma, vestre, "Bjørns egen sak",
	    "Bare Vestre skole ser denne");
	assert_true(id > 0);
	stored(tok_bjorn, LIST);
	stored(tok_lise, LIST);
	assert_true(sees(tok_bjorn, LIST, "Bjørns egen sak"));
	assert_false(sees(tok_lise, LIST, "Bjørns egen sak"));

	get_as(tok_bjorn, LIST, NULL, &a);
	assert_int_equal(resp_header(&a, "etag", etag, sizeof(etag)), 0);
	assert_int_equal(resp_header(&a, "cache-control", cc, sizeof(cc)), 0);
	assert_string_equal(cc, "private, no-store");
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s", etag);
	get_as(tok_lise, LIST, hdr, &b);
	assert_int_equal(b.status, 200);
	assert_false(resp_has(&b, "Bjørns egen sak"));
	get_as(tok_bjorn, LIST, hdr, &n);
	assert_int_equal(n.status, 304);
	assert_int_equal(n.body.len, 0);
	resp_free(&a);
	resp_free(&b);
	resp_free(&n);
}

/* Two sessions of one person: each page carries its own session's CSRF
 * token, so neither may get the other's page from the cache. */
static void
test_each_session_its_own(void **st)
{
	struct client	c1, c2;
	struct resp	r;
	char		csrf1[128], csrf2[128], got[128];
	int		i;

	(void)st;
	session_client(&c1, &S, "bjorn.saether");
	session_client(&c2, &S, "bjorn.saether");
	snprintf(csrf1, sizeof(csrf1), "%s", c1.csrf);
	snprintf(csrf2, sizeof(csrf2), "%s", c2.csrf);
	assert_string_not_equal(csrf1, csrf2);
	for (i = 0; i < 2; i++) {
		client_req(&c1, "GET", "/deviations/inbox", NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_int_equal(resp_hidden(&r, "csrf", got, sizeof(got)), 0);
		assert_string_equal(got, csrf1);
		resp_free(&r);
		client_req(&c2, "GET", "/deviations/inbox", NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_int_equal(resp_hidden(&r, "csrf", got, sizeof(got)), 0);
		assert_string_equal(got, csrf2);
		resp_free(&r);
	}
	client_free(&c1);
	client_free(&c2);
}

/* Every change shows on the very next request, with the cache warm:
 * a report, a transfer, a close, a role change, and an import by the
 * `orden` command (another process, beside the server). */
/* One deviation of Vestre skole reported on day (YYYY-MM-DD) with title,
 * imported by the `orden` command: a write of another process. */
static void
import_one(const char *day, const char *title)
{
	struct buf	out;
	char		csv[512], path[300];

	snprintf(csv, sizeof(csv), "number,kind,reported_at,occurred_at,"
	    "unit_code,category,title,description,status,closed_at,"
	    "reporter_login\n"
	    ",deviation,%s,,vestre-skole,hms,%s,Fra gamle system,new,,admin\n",
	    day, title);
	write_file(&S, "import.csv", csv, path, sizeof(path));
	buf_init(&out, 4096);
	if (orden_run(&out, "import", "deviations", "--db", S.db, path,
	    NULL) != 0)
		fail_msg("import: %s", buf_cstr(&out));
	buf_free(&out);
}

static void
test_changes_show_at_once(void **st)
{
	json_t		*j = NULL;
	json_int_t	 id, lise_id;
	char		 body[256], path[400];

	(void)st;
	/* a report */
	stored(tok_bjorn, LIST);
	id = dev_report_in(&S, NULL, tok_emma, vestre, "Ny melding i dag",
	    "Skal vises straks");
	assert_true(sees(tok_bjorn, LIST, "Ny melding i dag"));

	/* a transfer: it leaves Bjørn's inbox and reaches Lise's */
	stored(tok_lise, "/api/v1/deviations?limit=1000&status=new");
	snprintf(body, sizeof(body), "{\"action\":\"transfer\",\"unit_id\":%lld,"
	    "\"reason\":\"Gjelder Sentrum\"}", (long long)sentrum);
	assert_int_equal(dev_act_as(&S, NULL, tok_bjorn, id, body, &j), 200);
	json_decref(j);
	assert_true(sees(tok_lise, "/api/v1/deviations?limit=1000&status=new",
	    "Ny melding i dag"));

	/* a close */
	stored(tok_lise, "/api/v1/deviations?limit=1000&status=closed");
	assert_false(sees(tok_lise, "/api/v1/deviations?limit=1000&status=closed",
	    "Ny melding i dag"));
	assert_int_equal(dev_act_as(&S, NULL, tok_lise, id,
	    "{\"action\":\"acknowledge\"}", &j), 200);
	json_decref(j);
	assert_int_equal(dev_act_as(&S, NULL, tok_lise, id,
	    "{\"action\":\"close\",\"summary\":\"Ordnet\"}", &j), 200);
	json_decref(j);
	assert_true(sees(tok_lise, "/api/v1/deviations?limit=1000&status=closed",
	    "Ny melding i dag"));

	/* a role change: Lise leads Vestre skole too, and sees its reports */
	stored(tok_lise, LIST);
	assert_false(sees(tok_lise, LIST, "Bjørns egen sak"));
	lise_id = srv_db_int(&S, "SELECT id FROM people WHERE login = $1",
	    "lise.aasen");
	assert_true(lise_id > 0);
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles",
	    (long long)lise_id);
	snprintf(body, sizeof(body), "{\"role\":\"leader\",\"unit_id\":%lld}",
	    (long long)vestre);
	assert_int_equal(api_as(&S, NULL, tok_admin, "POST", path, body, &j),
	    201);
	json_decref(j);
	assert_true(sees(tok_lise, LIST, "Bjørns egen sak"));

	/* an import by the command, in another process */
	stored(tok_bjorn, LIST);
	import_one("2026-11-02", "Importert fra arkivet");
	assert_true(sees_soon(tok_bjorn, LIST, "Importert fra arkivet"));
}

/* An answer is not served past its maximum age (5 s by default) even
 * when no data changed: time alone changes "overdue" and "today". */
static void
test_max_age(void **st)
{
	struct resp	a, b;
	char		ea[64], eb[64];
	long		misses;

	(void)st;
	stored(tok_bjorn, LIST);
	get_as(tok_bjorn, LIST, NULL, &a);
	assert_int_equal(resp_header(&a, "etag", ea, sizeof(ea)), 0);
	set_clock(6);
	misses = MISSES;
	get_as(tok_bjorn, LIST, NULL, &b);
	assert_int_equal(b.status, 200);
	assert_int_equal(MISSES, misses + 1);
	assert_int_equal(resp_header(&b, "etag", eb, sizeof(eb)), 0);
	assert_string_not_equal(ea, eb);
	set_clock(0);
	resp_free(&a);
	resp_free(&b);
}

/* A hard reload (Cache-Control: no-cache) is made afresh. */
static void
test_reload_recomputes(void **st)
{
	struct resp	r;
	long		hits;

	(void)st;
	stored(tok_bjorn, LIST);
	hits = HITS;
	get_as(tok_bjorn, LIST, "Cache-Control: no-cache", &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(HITS, hits);
	resp_free(&r);
}

/* The CSV export is stored whole when sent whole; a stream cut off (here
 * by a test build's switch that fails its second read, as an export whose
 * query fails midway) is never served again. */
static void
test_cut_csv_not_stored(void **st)
{
	struct resp	r;
	long		misses;
	const char	*csv = "/api/v1/deviations.csv?from=2000-01-01";

	(void)st;
	stored(tok_bjorn, csv);
	srv_stop(&S, 1);
	start("ORDEN_TEST_CACHE_CUT=1");
	get_as(tok_bjorn, csv, NULL, &r);	/* cut: curl sees an error */
	resp_free(&r);
	misses = MISSES;
	get_as(tok_bjorn, csv, NULL, &r);
	assert_int_equal(MISSES, misses + 1);
	resp_free(&r);
	srv_stop(&S, 1);
	start(NULL);
}

/* Reading changes nothing: a GET of every cached route leaves the data
 * generation as it was (else each would empty the cache, and a hit would
 * skip a write its handler makes). */
static void
test_gets_write_nothing(void **st)
{
	static const char *const paths[] = { LIST, "/api/v1/deviations.csv",
	    "/api/v1/stats/deviations?by=unit", "/api/v1/reports/tertial",
	    "/api/v1/reports/tertial.xlsx", "/api/v1/reports/tertial.pdf",
	    NULL };
	static const char *const chief[] = { "/api/v1/stats/deviations?by=unit",
	    "/api/v1/reports/tertial", "/api/v1/reports/tertial.xlsx",
	    "/api/v1/reports/tertial.pdf", NULL };
	static const char *const pages[] = { "/dashboard", "/deviations",
	    "/deviations/inbox", "/reports/tertial", NULL };
	struct client	*c;
	struct resp	 r;
	int64_t		 gen;
	size_t		 i;

	(void)st;
	c = session_as(&S, "bjorn.saether");
	gen = srv_db_int(&S, "SELECT SUM(gen) FROM cache_gen", NULL);
	for (i = 0; paths[i] != NULL; i++) {
		get_as(tok_bjorn, paths[i], NULL, &r);
		resp_free(&r);
	}
	for (i = 0; chief[i] != NULL; i++) {
		get_as(tok_kari, chief[i], NULL, &r);
		if (r.status != 200)
			fail_msg("GET %s: %ld", chief[i], r.status);
		resp_free(&r);
	}
	for (i = 0; pages[i] != NULL; i++) {
		client_req(c, "GET", pages[i], NULL, NULL, &r);
		if (r.status != 200)
			fail_msg("GET %s: %ld", pages[i], r.status);
		resp_free(&r);
	}
	assert_int_equal(srv_db_int(&S, "SELECT SUM(gen) FROM cache_gen",
	    NULL), gen);
}

/* No whistleblowing, admin or account route is cached: the flag is on
 * GET routes of the deviations and reports alone, and a whistleblowing
 * answer says no-store and carries no ETag. */
static void
test_never_whistle(void **st)
{
	const struct route	*rt;
	struct resp		 r;
	char			 cc[64], etag[64];

	(void)st;
	for (rt = app_routes; rt->pattern != NULL; rt++) {
		if (!(rt->flags & ROUTE_CACHE))
			continue;
		assert_int_equal(rt->method, HTTP_GET);
		assert_false(rt->flags & (ROUTE_REPORTER | ROUTE_PUBLIC));
		assert_null(strstr(rt->pattern, "whistle"));
		assert_null(strstr(rt->pattern, "/admin"));
		assert_null(strstr(rt->pattern, "/account"));
	}
	get_as(tok_admin, "/api/v1/whistle/stats", NULL, &r);
	assert_int_equal(resp_header(&r, "etag", etag, sizeof(etag)), -1);
	assert_int_equal(resp_header(&r, "cache-control", cc, sizeof(cc)), 0);
	assert_string_equal(cc, "no-store");
	resp_free(&r);
}

/* A kept answer tells the browser to keep no copy, like every other
 * signed-in page: on a shared computer, Back after logout must not show
 * the inbox, the dashboard or the list again. Asked twice each (made,
 * then answered from the cache), by session and by token. */
static void
test_kept_answers_no_store(void **st)
{
	static const char *const pages[] = { "/deviations/inbox",
	    "/dashboard", "/deviations" };
	static const char *const api[] = { LIST, "/api/v1/deviations.csv",
	    "/api/v1/stats/deviations?by=category" };
	struct client	 c;
	struct resp	 r;
	char		 cc[64];
	size_t		 i;
	int		 k;

	(void)st;
	session_client(&c, &S, "bjorn.saether");
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		for (k = 0; k < 2; k++) {
			client_req(&c, "GET", pages[i], NULL, NULL, &r);
			assert_int_equal(r.status, 200);
			assert_int_equal(resp_header(&r, "cache-control", cc,
			    sizeof(cc)), 0);
			assert_non_null(strstr(cc, "no-store"));
			resp_free(&r);
		}
	client_free(&c);
	for (i = 0; i < sizeof(api) / sizeof(api[0]); i++)
		for (k = 0; k < 2; k++) {
			get_as(tok_kari, api[i], NULL, &r);
			assert_int_equal(r.status, 200);
			assert_int_equal(resp_header(&r, "cache-control", cc,
			    sizeof(cc)), 0);
			assert_non_null(strstr(cc, "no-store"));
			resp_free(&r);
		}
}

#define GENS_KEPT	srv_metric(&S, METRICS_TOKEN, \
	"orden_db_generation_reads_total{outcome=\"kept\"}")
#define GENS_READ	srv_metric(&S, METRICS_TOKEN, \
	"orden_db_generation_reads_total{outcome=\"read\"}")

/* A cached answer is given without asking the database for the data's
 * generation while nothing was committed: on SQLite the mark of the WAL
 * index says so, on PostgreSQL the notices the server listens for (an
 * inter-municipal host's cache hit otherwise paid a round trip each). A
 * second bounds what is kept, so at most a read a second and the ones a
 * background write causes; without a mark every answer reads. */
static void
test_generation_kept_while_nothing_changes(void **st)
{
	struct resp	r;
	long		kept0, read0, kept1, read1;
	int		i;

	(void)st;
	stored(tok_bjorn, LIST);
	kept0 = GENS_KEPT;
	read0 = GENS_READ;
	assert_true(kept0 >= 0 && read0 >= 0);
	for (i = 0; i < 20; i++) {
		get_as(tok_bjorn, LIST, NULL, &r);
		assert_int_equal(r.status, 200);
		resp_free(&r);
	}
	kept1 = GENS_KEPT;
	read1 = GENS_READ;
	if (read1 - read0 > 10 || kept1 - kept0 < 10)
		fail_msg("20 cached answers: %ld generations kept, %ld read",
		    kept1 - kept0, read1 - read0);
}

/* Count the server's connections that listen for commits; with end,
 * end them (as a restart of PostgreSQL or an operator would). */
static long
listeners(int end)
{
	return srv_db_int(&S, end ?
	    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
	    " WHERE datname = current_database()"
	    " AND query = 'LISTEN orden_cache_gen'" :
	    "SELECT count(*) FROM pg_stat_activity"
	    " WHERE datname = current_database()"
	    " AND query = 'LISTEN orden_cache_gen'", NULL);
}

/* PostgreSQL: when the connection the server listens on is lost, no
 * answer is given from what was kept while nobody listened: a change
 * another process commits then is still seen at once, and the server
 * listens again. */
static void
test_listener_lost_changes_still_seen(void **st)
{
	int i;

	(void)st;
	if (!srv_is_pg())
		skip();
	stored(tok_bjorn, LIST);
	assert_int_equal(listeners(0), 1);
	assert_int_equal(listeners(1), 1);
	/* Gone before the write, so that no notice of it can reach the
	 * server (pg_terminate_backend only signals). */
	for (i = 0; i < 200 && listeners(0) != 0; i++)
		usleep(50 * 1000);
	assert_int_equal(listeners(0), 0);
	import_one("2026-11-03", "Meldt mens ingen lyttet");
	assert_true(sees(tok_bjorn, LIST, "Meldt mens ingen lyttet"));
	/* It listens again (at once after a loss), and answers from the
	 * cache again. */
	stored(tok_bjorn, LIST);
	assert_int_equal(listeners(0), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_asker_their_own),
		cmocka_unit_test(test_each_session_its_own),
		cmocka_unit_test(test_changes_show_at_once),
		cmocka_unit_test(test_max_age),
		cmocka_unit_test(test_reload_recomputes),
		cmocka_unit_test(test_gets_write_nothing),
		cmocka_unit_test(test_never_whistle),
		cmocka_unit_test(test_cut_csv_not_stored),
		cmocka_unit_test(test_kept_answers_no_store),
		cmocka_unit_test(test_generation_kept_while_nothing_changes),
		cmocka_unit_test(test_listener_lost_changes_still_seen),
	};

	return cmocka_run_group_tests_name(srv_is_pg() ? "postgres" : "sqlite",
	    tests, setup, teardown);
}
