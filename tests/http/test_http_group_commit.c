/* Group commit of "Meld avvik": many reporters submit at once; submits
 * that arrive together share one transaction (store/group.h), each in its
 * own savepoint. What a reporter notices must not change: every 201 (or
 * 303 from the web form) is a report that is there, with its own number;
 * a submit that fails is undone alone (nothing of it is left: no row, no
 * number used, no count moved) and the others of its batch are kept.
 *
 * The failure in the middle of a batch comes from a test-build switch,
 * ORDEN_TEST_REPORT_FAIL: a report with that title fails after everything
 * of it was written (deviation, event, counts, notifications), which is
 * the case a savepoint must undo. Whether two submits landed in the same
 * batch is up to the machine; the assertions hold for any grouping, so
 * nothing here depends on timing. Both entry points: JSON API, web form.
 *
 * A submit waiting for its batch must not hold one of the server's worker
 * threads (4 here): then a batch could hold no more than 4 and the rest
 * wait in line. ORDEN_TEST_GROUP_HOLD=N makes the first batch wait until
 * N submits are in it or queued behind it (store/group.c), and /metrics
 * says how many batches they took. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define API_THREADS	8
#define API_EACH	6
#define WEB_THREADS	4
#define WEB_EACH	4
#define FAIL_TITLE	"Gruppe-feiler-i-midten"
#define BREAK_TITLE	"Gruppe-mister-transaksjonen"
#define BREAK_N		5	/* submits in the batch that loses its transaction */
#define HOLD_API	5	/* submits held together: through the API, */
#define HOLD_WEB	4	/* and through the web form */
#define HOLD_N		"9"
#define METRICS_TOKEN	"metrics-token-0123456789abcdef"

static struct srv	 S;
static char		 tok_rep[4][128], tok_quality[128], tok_admin[128];
static json_int_t	 vestre, sentrum;

static const char *const reporters[4] = {
	"emma.johansen", "lars.eriksen", "nora.pedersen", "jonas.hagen",
};

/* One submitter: what it sent, what came back. */
struct sub {
	pthread_t	 thread;
	int		 idx;
	int		 fail_at;	/* which of its submits uses FAIL_TITLE, or -1 */
	long		 status[API_EACH];
	json_int_t	 id[API_EACH];
	char		 number[API_EACH][32];
	char		 title[API_EACH][64];
};

/* The server of the web form's test fails the report titled FAIL_TITLE. */
static const char *const fail_env[] = {
	"ORDEN_TEST_REPORT_FAIL=" FAIL_TITLE, NULL,
};

static int
setup(void **st)
{
	struct client	c;
	int		i;

	(void)st;
	srv_prepare(&S, 1);
	for (i = 0; i < 4; i++)
		token_for(&S, NULL, reporters[i], tok_rep[i], sizeof(tok_rep[i]));
	token_for(&S, NULL, "ingrid.haugen", tok_quality, sizeof(tok_quality));
	token_for(&S, NULL, "admin", tok_admin, sizeof(tok_admin));
	srv_start(&S, fail_env);
	api_client(&c, &S, NULL, tok_quality);
	vestre = unit_id_of(&c, "vestre-skole");
	sentrum = unit_id_of(&c, "sentrum-skole");
	client_free(&c);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	if (S.pid > 0)
		srv_stop(&S, 0);
	return 0;
}

static int64_t
count_title_like(const char *pattern)
{
	return srv_db_int(&S, "SELECT COUNT(*) FROM deviations WHERE title LIKE $1",
	    pattern);
}

/* The reports titled like pattern, written last in their municipality's
 * year, have consecutive numbers (a failed report gives its number back),
 * and the year's counter is the last of them: a batch counts its numbers
 * on in memory and writes the counter once (deviation/numbers.c). */
static void
numbers_agree(const char *pattern)
{
	assert_int_equal(srv_db_int(&S,
	    "SELECT MAX(CAST(substr(number, 9) AS INTEGER))"
	    " - MIN(CAST(substr(number, 9) AS INTEGER)) + 1 - COUNT(*)"
	    " FROM deviations WHERE title LIKE $1", pattern), 0);
	assert_int_equal(srv_db_int(&S,
	    "SELECT (SELECT c.last FROM deviation_counters c"
	    " JOIN deviations d ON d.tenant_id = c.tenant_id"
	    " AND substr(d.number, 4, 4) = CAST(c.year AS TEXT)"
	    " WHERE d.title LIKE $1 LIMIT 1)"
	    " - MAX(CAST(substr(number, 9) AS INTEGER))"
	    " FROM deviations WHERE title LIKE $1", pattern), 0);
}

/* `orden check counts` on the server's database: the kept counts equal
 * a recount. */
static void
counts_agree(void)
{
	struct buf out;

	buf_init(&out, 1u << 16);
	if (orden_run(&out, "check", "counts", "--db", S.db, NULL) != 0)
		fail_msg("check counts: %s", buf_cstr(&out));
	buf_free(&out);
}

/* The environment entry that gives the server METRICS_TOKEN for
 * /metrics (the file written once; static storage). */
static const char *
metrics_env(void)
{
	static char	 tokenfile[300], envtok[340];

	if (envtok[0] == '\0') {
		write_file(&S, "metrics-token", METRICS_TOKEN "\n", tokenfile,
		    sizeof(tokenfile));
		snprintf(envtok, sizeof(envtok),
		    "ORDEN_METRICS_TOKEN_FILE=%s", tokenfile);
	}
	return envtok;
}

/* --- JSON API ----------------------------------------------------------------- */

static void *
api_submitter(void *arg)
{
	struct sub	*s = arg;
	struct client	 c;
	json_t		*j;
	char		 body[512];
	int		 k;

	api_client(&c, &S, NULL, tok_rep[s->idx % 4]);
	for (k = 0; k < API_EACH; k++) {
		if (k == s->fail_at)
			snprintf(s->title[k], sizeof(s->title[k]), "%s", FAIL_TITLE);
		else
			snprintf(s->title[k], sizeof(s->title[k]),
			    "Gruppe-api-t%d-n%d", s->idx, k);
		snprintf(body, sizeof(body), "{\"kind\":\"deviation\","
		    "\"category\":\"bygg\",\"title\":\"%s\","
		    "\"description\":\"Glatt gulv, innsendt samtidig.\","
		    "\"unit_id\":%lld,\"severity\":2}", s->title[k],
		    (long long)vestre);
		j = NULL;
		s->status[k] = api_call(&c, "POST", "/api/v1/deviations", body, &j);
		if (s->status[k] == 201) {
			s->id[k] = json_integer_value(json_object_get(j, "id"));
			snprintf(s->number[k], sizeof(s->number[k]), "%s",
			    json_string_value(json_object_get(j, "number")) ?
			    json_string_value(json_object_get(j, "number")) : "");
		}
		json_decref(j);
	}
	client_free(&c);
	return NULL;
}

/* N reporters at once through the API, one submit failing in the middle:
 * every other one answered 201 and is there, with its own number; the
 * failed one left nothing; the kept counts equal a recount. */
static void
test_api_concurrent_submits(void **st)
{
	struct sub	 s[API_THREADS];
	struct client	 q;
	json_t		*j;
	char		 path[64];
	int		 i, k, i2, k2, ok = 0, failed = 0;

	(void)st;
	memset(s, 0, sizeof(s));
	for (i = 0; i < API_THREADS; i++) {
		s[i].idx = i;
		s[i].fail_at = i == API_THREADS / 2 ? API_EACH / 2 : -1;
		assert_int_equal(pthread_create(&s[i].thread, NULL,
		    api_submitter, &s[i]), 0);
	}
	for (i = 0; i < API_THREADS; i++)
		pthread_join(s[i].thread, NULL);

	api_client(&q, &S, NULL, tok_quality);
	for (i = 0; i < API_THREADS; i++)
		for (k = 0; k < API_EACH; k++) {
			if (k == s[i].fail_at) {
				assert_int_equal(s[i].status[k], 500);
				failed++;
				continue;
			}
			assert_int_equal(s[i].status[k], 201);
			assert_true(s[i].id[k] > 0);
			assert_true(s[i].number[k][0] != '\0');
			ok++;
			/* Acknowledged means there, as sent. */
			snprintf(path, sizeof(path), "/api/v1/deviations/%lld",
			    (long long)s[i].id[k]);
			j = api_get_ok(&q, path);
			assert_string_equal(json_string_value(json_object_get(j,
			    "title")), s[i].title[k]);
			assert_string_equal(json_string_value(json_object_get(j,
			    "number")), s[i].number[k]);
			json_decref(j);
			/* Each its own number. */
			for (i2 = 0; i2 < API_THREADS; i2++)
				for (k2 = 0; k2 < API_EACH; k2++)
					if ((i2 != i || k2 != k) &&
					    s[i2].status[k2] == 201)
						assert_string_not_equal(
						    s[i2].number[k2], s[i].number[k]);
		}
	client_free(&q);
	assert_int_equal(failed, 1);
	assert_int_equal(count_title_like("Gruppe-api-%"), ok);
	assert_int_equal(count_title_like(FAIL_TITLE), 0);
	/* The failed one's number went back: the numbers have no gap. */
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(DISTINCT number) FROM"
	    " deviations WHERE title LIKE $1", "Gruppe-api-%"), ok);

	counts_agree();
}

/* --- more waiting submits than worker threads --------------------------------- */

struct held {
	pthread_t	 thread;
	int		 idx, web;
	const char	*title;		/* NULL: Holdt-{api,web}-idx */
	json_int_t	 unit;		/* 0: Vestre skole */
	long		 status;
};

static void *
held_submitter(void *arg)
{
	struct held	*h = arg;
	struct client	 c;
	struct resp	 r;
	json_t		*j = NULL;
	char		 body[512];

	char		 title[64];
	json_int_t	 unit = h->unit != 0 ? h->unit : vestre;

	if (h->title != NULL)
		snprintf(title, sizeof(title), "%s", h->title);
	else
		snprintf(title, sizeof(title), "Holdt-%s-%d",
		    h->web ? "web" : "api", h->idx);
	if (h->web) {
		session_client(&c, &S, reporters[h->idx % 4]);
		snprintf(body, sizeof(body), "kind=deviation&title=%s"
		    "&description=Glatt+gulv.&unit_id=%lld&category=bygg",
		    title, (long long)unit);
		client_post_form(&c, "/deviations", body, &r);
		h->status = r.status;
		resp_free(&r);
	} else {
		api_client(&c, &S, NULL, tok_rep[h->idx % 4]);
		snprintf(body, sizeof(body), "{\"kind\":\"deviation\","
		    "\"category\":\"bygg\",\"title\":\"%s\","
		    "\"description\":\"Glatt gulv.\",\"unit_id\":%lld}",
		    title, (long long)unit);
		h->status = api_call(&c, "POST", "/api/v1/deviations", body, &j);
		json_decref(j);
	}
	client_free(&c);
	return NULL;
}

/* The n submitters of h at once; back when all were answered. */
static void
held_run(struct held *h, int n)
{
	int i;

	for (i = 0; i < n; i++)
		assert_int_equal(pthread_create(&h[i].thread, NULL,
		    held_submitter, &h[i]), 0);
	for (i = 0; i < n; i++)
		pthread_join(h[i].thread, NULL);
}

/* Nine reporters submit at once (API and web form) to a server with four
 * worker threads, while the first batch waits until all nine are in or
 * behind it: every one is answered and stored, in at most two batches.
 * Were a waiting submit holding its thread, no more than four could wait
 * at once and nine would take at least three batches. */
static void
test_more_waiting_than_threads(void **st)
{
	const char	*env[] = { "ORDEN_TEST_REPORT_FAIL=" FAIL_TITLE,
	    "ORDEN_TEST_GROUP_HOLD=" HOLD_N, metrics_env(), NULL };
	struct held	 h[HOLD_API + HOLD_WEB];
	struct client	 m;
	struct resp	 r;
	int		 i;

	(void)st;
	srv_stop(&S, 1);
	srv_start(&S, env);
	memset(h, 0, sizeof(h));
	for (i = 0; i < HOLD_API + HOLD_WEB; i++) {
		h[i].idx = i;
		h[i].web = i >= HOLD_API;
	}
	held_run(h, HOLD_API + HOLD_WEB);
	for (i = 0; i < HOLD_API + HOLD_WEB; i++)
		assert_int_equal(h[i].status, h[i].web ? 303 : 201);
	assert_int_equal(count_title_like("Holdt-api-%"), HOLD_API);
	assert_int_equal(count_title_like("Holdt-web-%"), HOLD_WEB);

	client_init(&m, &S);
	m.bearer = METRICS_TOKEN;
	client_req(&m, "GET", "/metrics", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_metric(&r, "orden_group_commit_requests_total"),
	    HOLD_API + HOLD_WEB);
	assert_in_range(resp_metric(&r, "orden_group_commit_batches_total"), 1, 2);
	resp_free(&r);
	client_free(&m);
}

/* --- a request that loses the whole transaction ------------------------------- */

/* Five reporters submit at once and share one batch (the hold); one
 * report takes the whole transaction down with it, as SQLite does on a
 * full disk or an I/O error. That reporter alone gets an error; the other
 * four (API and web form) are answered as stored, and are: their work,
 * lost with the transaction, was done again. */
static void
test_batch_loses_its_transaction(void **st)
{
	static const char *const env[] = {
		"ORDEN_TEST_REPORT_BREAK=" BREAK_TITLE,
		"ORDEN_TEST_GROUP_HOLD=5", NULL,
	};
	struct held	 h[BREAK_N];
	int		 i;

	(void)st;
	srv_stop(&S, 1);
	srv_start(&S, env);
	memset(h, 0, sizeof(h));
	for (i = 0; i < BREAK_N; i++) {
		h[i].idx = 100 + i;
		h[i].web = i % 2 == 1;
		h[i].title = i == 2 ? BREAK_TITLE : NULL;
	}
	held_run(h, BREAK_N);
	for (i = 0; i < BREAK_N; i++)
		assert_int_equal(h[i].status,
		    i == 2 ? 500 : h[i].web ? 303 : 201);
	assert_int_equal(count_title_like("Holdt-api-10_"), 2);
	assert_int_equal(count_title_like("Holdt-web-10_"), 2);
	assert_int_equal(count_title_like(BREAK_TITLE), 0);

	srv_stop(&S, 1);
	counts_agree();
	srv_start(&S, fail_env);
}

/* --- kept counts of a batch with failed reports in it ------------------------- */

#define MIXED_N		7	/* submits held in one batch, */
#define MIXED_FAILED	3	/* of which these fail (every other one) */

/* The unit's total in the statistics, read from the kept counts. */
static json_int_t
vestre_total(void)
{
	struct client	 q;
	json_t		*j;
	json_int_t	 n;
	char		 path[96];

	api_client(&q, &S, NULL, tok_quality);
	snprintf(path, sizeof(path), "/api/v1/stats/deviations?unit_id=%lld",
	    (long long)vestre);
	j = api_get_ok(&q, path);
	n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	client_free(&q);
	return n;
}

/* Seven reports held in one batch, every other one failing after it
 * moved its counts (ORDEN_TEST_REPORT_FAIL), so that failed ones sit
 * between kept ones. The batch writes the kept counts' cells once for
 * all its reports, before its COMMIT: what a failed report added must go
 * with its savepoint. The unit's statistics grow by the four kept reports
 * alone, and the kept counts equal a recount. */
static void
test_failed_reports_leave_counts_alone(void **st)
{
	const char	*env[] = { "ORDEN_TEST_REPORT_FAIL=" FAIL_TITLE,
	    "ORDEN_TEST_GROUP_HOLD=7", metrics_env(), NULL };
	struct held	 h[MIXED_N];
	struct client	 m;
	struct resp	 r;
	json_int_t	 before;
	int		 i;

	(void)st;
	srv_stop(&S, 1);
	srv_start(&S, env);
	before = vestre_total();
	memset(h, 0, sizeof(h));
	for (i = 0; i < MIXED_N; i++) {
		h[i].idx = 300 + i;
		h[i].web = i % 3 == 2;
		h[i].title = i % 2 == 1 ? FAIL_TITLE : NULL;
	}
	held_run(h, MIXED_N);
	for (i = 0; i < MIXED_N; i++)
		assert_int_equal(h[i].status,
		    i % 2 == 1 ? 500 : h[i].web ? 303 : 201);
	assert_int_equal(count_title_like("Holdt-___-30_"),
	    MIXED_N - MIXED_FAILED);
	assert_int_equal(count_title_like(FAIL_TITLE), 0);
	numbers_agree("Holdt-___-30_");

	client_init(&m, &S);
	m.bearer = METRICS_TOKEN;
	client_req(&m, "GET", "/metrics", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_metric(&r, "orden_group_commit_requests_total"),
	    MIXED_N);
	resp_free(&r);
	client_free(&m);

	assert_int_equal(vestre_total(), before + MIXED_N - MIXED_FAILED);
	srv_stop(&S, 1);
	counts_agree();
	srv_start(&S, fail_env);
}

/* --- who is told, in batches of reports from several units ------------------ */

#define ROUTE_N		6	/* submits held in one batch */

/* Notifications of the report titled title: to login, or (login NULL)
 * to anyone. */
static int64_t
told(const char *title, const char *login)
{
	char sql[400];

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM notifications n"
	    " JOIN deviations d ON d.id = n.deviation_id"
	    " JOIN people p ON p.id = n.person_id"
	    " WHERE d.title = $1%s%s%s", login != NULL ? " AND p.login = '" : "",
	    login != NULL ? login : "", login != NULL ? "'" : "");
	return srv_db_int(&S, sql, title);
}

/* ROUTE_N reports held in one batch, every other one from Vestre skole
 * and from Sentrum skole; each tells its own unit's leaders and nobody
 * else, whatever the batch's other reports asked before it (the batch
 * answers the org tree's questions once for all its reports, org/memo.c).
 * Then Lars Eriksen is made a leader of Vestre skole between two batches:
 * the next batch's reports from there tell him too. */
static void
test_batch_tells_each_units_leaders(void **st)
{
	char		 env_hold[40], path[96], body[96], titles[ROUTE_N][32];
	const char	*env[] = { env_hold, NULL };
	struct held	 h[ROUTE_N];
	struct client	 a;
	json_t		*j;
	int64_t		 lars;
	int		 i, round;

	(void)st;
	snprintf(env_hold, sizeof(env_hold), "ORDEN_TEST_GROUP_HOLD=%d", ROUTE_N);
	lars = srv_db_int(&S, "SELECT id FROM people WHERE login = $1",
	    "lars.eriksen");
	for (round = 0; round < 2; round++) {
		srv_stop(&S, 1);
		srv_start(&S, env);
		memset(h, 0, sizeof(h));
		for (i = 0; i < ROUTE_N; i++) {
			snprintf(titles[i], sizeof(titles[i]), "Ruting-%d-%d",
			    round, i);
			h[i].idx = 400 + i;
			h[i].web = i % 3 == 1;
			h[i].title = titles[i];
			h[i].unit = i % 2 == 0 ? vestre : sentrum;
		}
		held_run(h, ROUTE_N);
		for (i = 0; i < ROUTE_N; i++) {
			assert_int_equal(h[i].status, h[i].web ? 303 : 201);
			if (i % 2 == 0) {
				assert_int_equal(told(titles[i], "bjorn.saether"), 1);
				assert_int_equal(told(titles[i], "lars.eriksen"),
				    round);
				assert_int_equal(told(titles[i], NULL), 1 + round);
			} else {
				assert_int_equal(told(titles[i], "lise.aasen"), 1);
				assert_int_equal(told(titles[i], NULL), 1);
			}
		}
		if (round > 0)
			break;
		api_client(&a, &S, NULL, tok_admin);
		snprintf(path, sizeof(path), "/api/v1/people/%lld/roles",
		    (long long)lars);
		snprintf(body, sizeof(body),
		    "{\"role\":\"leader\",\"unit_id\":%lld}", (long long)vestre);
		j = api_json(&a, "POST", path, body, 201);
		json_decref(j);
		client_free(&a);
	}
	/* Lars is an employee again, for the tests after this one. */
	api_client(&a, &S, NULL, tok_admin);
	j = api_json(&a, "DELETE", path, body, 200);
	json_decref(j);
	client_free(&a);
	srv_stop(&S, 1);
	counts_agree();
	srv_start(&S, fail_env);
}

/* --- a refused report ---------------------------------------------------------- */

/* A report from the web form that the model's checks refuse (a category
 * or a unit that is not there: the form leaves those to the model) is
 * answered 400 with the form again, without waiting for a batch: the
 * checks run on the request's own connection before the submit is
 * queued, so that the one writer of a batch only writes. /metrics counts
 * the requests batches held: none for the two refused reports, one for
 * the report that is kept. */
static void
test_refused_report_waits_for_no_batch(void **st)
{
	const char	*env[] = { metrics_env(), NULL };
	struct client	 c, m;
	struct resp	 r;
	char		 form[512];

	(void)st;
	srv_stop(&S, 1);
	srv_start(&S, env);
	session_client(&c, &S, reporters[0]);
	snprintf(form, sizeof(form), "kind=deviation&title=Avvist-kategori"
	    "&description=Glatt+gulv.&unit_id=%lld&category=finnes-ikke",
	    (long long)vestre);
	client_post_form(&c, "/deviations", form, &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	snprintf(form, sizeof(form), "kind=deviation&title=Avvist-enhet"
	    "&description=Glatt+gulv.&unit_id=%lld&category=bygg",
	    (long long)vestre + 100000);
	client_post_form(&c, "/deviations", form, &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	assert_int_equal(count_title_like("Avvist-%"), 0);

	client_init(&m, &S);
	m.bearer = METRICS_TOKEN;
	client_req(&m, "GET", "/metrics", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_metric(&r, "orden_group_commit_requests_total"),
	    0);
	resp_free(&r);

	snprintf(form, sizeof(form), "kind=deviation&title=Godtatt-etter-avvist"
	    "&description=Glatt+gulv.&unit_id=%lld&category=bygg",
	    (long long)vestre);
	client_post_form(&c, "/deviations", form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_req(&m, "GET", "/metrics", NULL, NULL, &r);
	assert_int_equal(resp_metric(&r, "orden_group_commit_requests_total"),
	    1);
	resp_free(&r);
	client_free(&m);
	client_free(&c);
	srv_stop(&S, 1);
	srv_start(&S, fail_env);
}

/* --- web form ----------------------------------------------------------------- */

static void *
web_submitter(void *arg)
{
	struct sub	*s = arg;
	struct client	 c;
	struct resp	 r;
	char		 form[512];
	int		 k;

	session_client(&c, &S, reporters[s->idx % 4]);
	for (k = 0; k < WEB_EACH; k++) {
		if (k == s->fail_at)
			snprintf(s->title[k], sizeof(s->title[k]), "%s", FAIL_TITLE);
		else
			snprintf(s->title[k], sizeof(s->title[k]),
			    "Gruppe-web-t%d-n%d", s->idx, k);
		snprintf(form, sizeof(form), "kind=deviation&title=%s"
		    "&description=Glatt+gulv.&unit_id=%lld&category=bygg",
		    s->title[k], (long long)vestre);
		client_post_form(&c, "/deviations", form, &r);
		s->status[k] = r.status;
		resp_free(&r);
	}
	client_free(&c);
	return NULL;
}

static void
test_web_concurrent_submits(void **st)
{
	struct sub	 s[WEB_THREADS];
	struct buf	 out;
	int		 i, k, ok = 0;

	(void)st;
	memset(s, 0, sizeof(s));
	for (i = 0; i < WEB_THREADS; i++) {
		s[i].idx = i;
		s[i].fail_at = i == 1 ? 1 : -1;
		assert_int_equal(pthread_create(&s[i].thread, NULL,
		    web_submitter, &s[i]), 0);
	}
	for (i = 0; i < WEB_THREADS; i++)
		pthread_join(s[i].thread, NULL);
	for (i = 0; i < WEB_THREADS; i++)
		for (k = 0; k < WEB_EACH; k++) {
			if (k == s[i].fail_at) {
				assert_int_equal(s[i].status[k], 500);
				continue;
			}
			assert_int_equal(s[i].status[k], 303);
			ok++;
		}
	assert_int_equal(count_title_like("Gruppe-web-%"), ok);
	assert_int_equal(count_title_like(FAIL_TITLE), 0);

	/* The server stops cleanly; the audit chain and the counts hold. */
	srv_stop(&S, 1);
	buf_init(&out, 1u << 16);
	if (orden_run(&out, "audit", "verify", "--db", S.db, NULL) != 0)
		fail_msg("audit verify: %s", buf_cstr(&out));
	buf_free(&out);
	counts_agree();
	srv_stop(&S, 0);	/* removes the directory */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_concurrent_submits),
		cmocka_unit_test(test_more_waiting_than_threads),
		cmocka_unit_test(test_batch_loses_its_transaction),
		cmocka_unit_test(test_failed_reports_leave_counts_alone),
		cmocka_unit_test(test_refused_report_waits_for_no_batch),
		cmocka_unit_test(test_batch_tells_each_units_leaders),
		cmocka_unit_test(test_web_concurrent_submits),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
