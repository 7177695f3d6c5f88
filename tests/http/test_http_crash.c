/* Crash safety: what the server acknowledged survives SIGKILL.
 *
 * Several clients at once (a thread each, with its own connection) report
 * deviations with API tokens and whistleblowing cases through the public
 * API, and write down every 201 with what it returned and what was sent.
 * At a random moment the server is killed with SIGKILL, then started again
 * on the same database; every acknowledged deviation must be there with
 * its number, title and description, and every acknowledged case must
 * still open with its receipt code and show the reporter the text sent.
 * Many rounds of that; then the database file passes SQLite's integrity
 * check and `orden audit verify`.
 *
 * The kill moments come from a seed printed in the TAP output; set
 * ORDEN_CRASH_SEED to replay a run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define ROUNDS		20
#define WORKERS		4
#define MAX_ACKS	8192
#define WINDOW_MIN_MS	50	/* the kill comes this long after the start ... */
#define WINDOW_MAX_MS	400	/* ... and no later than this */

enum ack_kind { ACK_DEVIATION, ACK_WHISTLE };

/* One 201: what was sent and what came back. */
struct ack {
	enum ack_kind	kind;
	int		round;
	int		worker;
	json_int_t	id;
	char		number[32];	/* deviation: AV-YYYY-NNNNNN */
	char		receipt[64];	/* whistleblowing: the receipt code */
	char		title[96];	/* deviation title */
	char		text[192];	/* deviation description, case "what" */
};

struct worker {
	pthread_t	 thread;
	int		 idx;
	struct client	 api;		/* bearer token of a reporter */
	struct client	 anon;		/* nobody: the public whistleblowing API */
	unsigned	 seq;
	long		 unexpected;	/* answers neither 201 nor a dead server */
	char		 last_bad[256];
};

static struct srv	 S;
static char		 tok_rep[WORKERS][128], tok_quality[128], tok_handler[128];
static json_int_t	 vestre;
static struct ack	 acks[MAX_ACKS];
static size_t		 nacks;
/* Acknowledged so far, by kind (under ack_mu): a round is not cut before
 * each kind has had one, so that a slow machine still proves something. */
static size_t		 ndev_acked, ncase_acked;
static int		 overflow;
static pthread_mutex_t	 ack_mu = PTHREAD_MUTEX_INITIALIZER;
static atomic_int	 stop_flag, round_no;

static const char *const reporters[WORKERS] = {
	"emma.johansen", "lars.eriksen", "nora.pedersen", "jonas.hagen",
};

static int
setup(void **st)
{
	struct client	c;
	int		i;

	(void)st;
	srv_prepare(&S, 1);
	for (i = 0; i < WORKERS; i++)
		token_for(&S, NULL, reporters[i], tok_rep[i], sizeof(tok_rep[i]));
	token_for(&S, NULL, "ingrid.haugen", tok_quality, sizeof(tok_quality));
	/* The leader of Vestre skole handles a colleague's case there. */
	token_for(&S, NULL, "bjorn.saether", tok_handler, sizeof(tok_handler));
	srv_start(&S, NULL);
	api_client(&c, &S, NULL, tok_quality);
	vestre = unit_id_of(&c, "vestre-skole");
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

/* SIGKILL and reap. The server must have been alive until then: had it
 * died on its own (a sanitizer abort, say), that is the failure. */
static void
srv_crash(struct srv *s)
{
	int st = 0;

	assert_true(s->pid > 0);
	assert_int_equal(kill(s->pid, SIGKILL), 0);
	assert_int_equal(waitpid(s->pid, &st, 0), s->pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL) {
		char cmd[400];

		snprintf(cmd, sizeof(cmd), "tail -30 %s >&2", s->log);
		if (system(cmd) < 0) {}
		fail_msg("the server was not alive at the kill (status %d)", st);
	}
	s->pid = 0;
}

/* --- the clients ------------------------------------------------------------- */

static void
record(const struct ack *a)
{
	pthread_mutex_lock(&ack_mu);
	if (a->kind == ACK_DEVIATION)
		ndev_acked++;
	else
		ncase_acked++;
	if (nacks < MAX_ACKS)
		acks[nacks++] = *a;
	else
		overflow = 1;
	pthread_mutex_unlock(&ack_mu);
}

/* One report; 0 when it was acknowledged and recorded or the server was
 * gone, -1 for any other answer (noted in w). */
static int
submit(struct worker *w)
{
	struct ack	 a;
	struct resp	 r;
	json_t		*j = NULL, *v;
	json_error_t	 e;
	char		 body[1024];
	int		 rc = -1, whistle = w->seq % 2 == 1;

	memset(&a, 0, sizeof(a));
	a.round = atomic_load(&round_no);
	a.worker = w->idx;
	a.kind = whistle ? ACK_WHISTLE : ACK_DEVIATION;
	if (whistle) {
		snprintf(a.text, sizeof(a.text), "Krasj-varsel r%d w%d n%u: "
		    "kollega truer elever på skolegården – «alvorlig»",
		    a.round, w->idx, w->seq);
		snprintf(body, sizeof(body), "{\"concerns\":\"employee\","
		    "\"reporter_category\":\"hired\",\"anonymous\":true,"
		    "\"unit_id\":%lld,\"accused_name\":\"En kollega\","
		    "\"what\":\"%s\",\"why_censurable\":\"Farlig for barna.\"}",
		    (long long)vestre, a.text);
		client_req(&w->anon, "POST", "/api/v1/whistle/reports", body,
		    "application/json", &r);
	} else {
		snprintf(a.title, sizeof(a.title), "Krasjtest r%d w%d n%u æøå",
		    a.round, w->idx, w->seq);
		snprintf(a.text, sizeof(a.text), "Beskrivelse av avvik %u fra "
		    "arbeider %d i runde %d: glatt gulv ved inngangen.",
		    w->seq, w->idx, a.round);
		snprintf(body, sizeof(body), "{\"kind\":\"deviation\","
		    "\"category\":\"bygg\",\"title\":\"%s\",\"description\":\"%s\","
		    "\"severity\":2}", a.title, a.text);
		client_req(&w->api, "POST", "/api/v1/deviations", body,
		    "application/json", &r);
	}
	w->seq++;
	if (r.status == -1) {
		/* The server is gone (or going): nothing was promised. */
		rc = 0;
		goto out;
	}
	if (r.status != 201 ||
	    (j = json_loads(buf_cstr(&r.body), 0, &e)) == NULL ||
	    (a.id = json_integer_value(json_object_get(j, "id"))) <= 0) {
		snprintf(w->last_bad, sizeof(w->last_bad), "%s: %ld %.200s",
		    whistle ? "whistle" : "deviation", r.status, buf_cstr(&r.body));
		goto out;
	}
	if (whistle) {
		v = json_object_get(j, "receipt_code");
		if (!json_is_string(v) || json_string_length(v) >= sizeof(a.receipt))
			goto out;
		snprintf(a.receipt, sizeof(a.receipt), "%s", json_string_value(v));
	} else {
		v = json_object_get(j, "number");
		if (!json_is_string(v) || json_string_length(v) >= sizeof(a.number))
			goto out;
		snprintf(a.number, sizeof(a.number), "%s", json_string_value(v));
	}
	record(&a);
	rc = 0;
out:
	if (rc != 0)
		w->unexpected++;
	json_decref(j);
	resp_free(&r);
	return rc;
}

static void *
worker_run(void *arg)
{
	struct worker	*w = arg;
	struct timespec	 pause = { 0, 5 * 1000 * 1000 };

	while (!atomic_load(&stop_flag)) {
		if (submit(w) == 0)
			continue;
		nanosleep(&pause, NULL);
	}
	return NULL;
}

/* --- checks ------------------------------------------------------------------- */

static void
check_deviation(const struct ack *a)
{
	struct client	 c;
	json_t		*j;
	char		 path[64];
	long		 st;

	api_client(&c, &S, NULL, tok_quality);
	snprintf(path, sizeof(path), "/api/v1/deviations/%lld", (long long)a->id);
	st = api_call(&c, "GET", path, NULL, &j);
	if (st != 200)
		fail_msg("round %d: acknowledged deviation %lld (%s) is gone: %ld",
		    a->round, (long long)a->id, a->number, st);
	assert_string_equal(json_string_value(json_object_get(j, "number")), a->number);
	assert_string_equal(json_string_value(json_object_get(j, "title")), a->title);
	assert_string_equal(json_string_value(json_object_get(j, "description")), a->text);
	json_decref(j);
	client_free(&c);
}

static void
check_whistle(const struct ack *a)
{
	struct client	 c;
	json_t		*j, *v;
	char		 body[128];
	long		 st;

	client_init(&c, &S);
	snprintf(body, sizeof(body), "{\"receipt_code\":\"%s\"}", a->receipt);
	st = api_call(&c, "POST", "/api/v1/whistle/receipt", body, &j);
	json_decref(j);
	if (st != 200)
		fail_msg("round %d: acknowledged case %lld no longer opens with its "
		    "receipt code: %ld", a->round, (long long)a->id, st);
	assert_int_equal(api_call(&c, "GET", "/api/v1/whistle/reports/mine", NULL, &j), 200);
	assert_int_equal(json_array_size(j), 1);
	v = json_array_get(j, 0);
	assert_int_equal(json_integer_value(json_object_get(v, "id")), a->id);
	assert_string_equal(json_string_value(json_object_get(json_object_get(v,
	    "content"), "what")), a->text);
	json_decref(j);
	client_free(&c);
}

/* Every deviation and case acknowledged so far, from every round, is
 * still there: each reporter's own list ("mine") holds their deviations
 * unchanged, and the handler's list holds every case. A few requests per
 * round; the full check of each one is check_acks. */
static void
check_all_present(void)
{
	struct client	 c;
	json_t		*j, *items, *it;
	char		 path[96];
	size_t		 i, k;
	int		 wk, found;

	for (wk = 0; wk < WORKERS; wk++) {
		api_client(&c, &S, NULL, tok_rep[wk]);
		snprintf(path, sizeof(path), "/api/v1/deviations?mine=1&limit=1000");
		assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
		assert_true(json_integer_value(json_object_get(j, "total")) < 1000);
		items = json_object_get(j, "items");
		for (i = 0; i < nacks; i++) {
			if (acks[i].kind != ACK_DEVIATION || acks[i].worker != wk)
				continue;
			for (k = 0, found = 0; k < json_array_size(items) && !found; k++) {
				it = json_array_get(items, k);
				if (json_integer_value(json_object_get(it, "id")) != acks[i].id)
					continue;
				found = 1;
				assert_string_equal(json_string_value(json_object_get(it,
				    "number")), acks[i].number);
				assert_string_equal(json_string_value(json_object_get(it,
				    "title")), acks[i].title);
				assert_string_equal(json_string_value(json_object_get(it,
				    "description")), acks[i].text);
			}
			if (!found)
				fail_msg("deviation %s (round %d) is missing from its "
				    "reporter's list", acks[i].number, acks[i].round);
		}
		json_decref(j);
		client_free(&c);
	}
	api_client(&c, &S, NULL, tok_handler);
	/* Page by page (the list has no cap; it used to stop at 1,000). */
	j = wb_cases_all(&c, 100);
	for (i = 0; i < nacks; i++) {
		if (acks[i].kind != ACK_WHISTLE)
			continue;
		for (k = 0, found = 0; k < json_array_size(j) && !found; k++)
			found = json_integer_value(json_object_get(json_array_get(j, k),
			    "id")) == acks[i].id;
		if (!found)
			fail_msg("case %lld (round %d) is missing from the handler's "
			    "list", (long long)acks[i].id, acks[i].round);
	}
	json_decref(j);
	client_free(&c);
}

static void
check_acks(size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (acks[i].kind == ACK_DEVIATION)
			check_deviation(&acks[i]);
		else
			check_whistle(&acks[i]);
	}
}

/* No number was handed out twice: a lost commit would free its number. */
static void
check_numbers_unique(void)
{
	size_t i, k;

	for (i = 0; i < nacks; i++)
		for (k = i + 1; k < nacks; k++)
			if (acks[i].kind == ACK_DEVIATION &&
			    acks[k].kind == ACK_DEVIATION &&
			    (strcmp(acks[i].number, acks[k].number) == 0 ||
			    acks[i].id == acks[k].id))
				fail_msg("%s (id %lld) acknowledged twice, rounds %d and %d",
				    acks[i].number, (long long)acks[i].id,
				    acks[i].round, acks[k].round);
}

static void
integrity_ok(const char *path)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	const char	*res;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail_msg("open %s: %s", path, sqlite3_errmsg(db));
	sqlite3_busy_timeout(db, 10000);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	res = (const char *)sqlite3_column_text(st, 0);
	if (res == NULL || strcmp(res, "ok") != 0)
		fail_msg("integrity_check: %s", res ? res : "(null)");
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* --- the test ----------------------------------------------------------------- */

/* After the random window, wait (at most a minute) until this round has
 * acknowledged at least one deviation and one case: under a loaded machine
 * a window of a few hundred milliseconds may see none, and a run that
 * acknowledged nothing would prove nothing. The kill still comes at a
 * moment the workers do not know, in the middle of their traffic. */
static void
wait_for_progress(size_t dev0, size_t case0)
{
	struct timespec	step = { 0, 10 * 1000 * 1000 };
	int		i, done;

	for (i = 0; i < 6000; i++) {
		pthread_mutex_lock(&ack_mu);
		done = ndev_acked > dev0 && ncase_acked > case0;
		pthread_mutex_unlock(&ack_mu);
		if (done)
			return;
		nanosleep(&step, NULL);
	}
}

static void
test_acknowledged_reports_survive_sigkill(void **st)
{
	struct worker	 w[WORKERS];
	struct buf	 out;
	struct timespec	 wait;
	const char	*env_seed = getenv("ORDEN_CRASH_SEED");
	unsigned	 seed, rng, ms;
	size_t		 ndev = 0, k;
	long		 unexpected = 0;
	int		 round, i;
	double		 t0;

	(void)st;
	seed = env_seed != NULL ? (unsigned)strtoul(env_seed, NULL, 10) :
	    (unsigned)time(NULL) ^ (unsigned)getpid();
	rng = seed;
	print_message("# seed %u (replay with ORDEN_CRASH_SEED=%u)\n", seed, seed);

	/* curl's global set-up is not thread-safe: every handle is made here. */
	memset(w, 0, sizeof(w));
	for (i = 0; i < WORKERS; i++) {
		w[i].idx = i;
		api_client(&w[i].api, &S, NULL, tok_rep[i]);
		client_init(&w[i].anon, &S);
		curl_easy_setopt(w[i].api.curl, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(w[i].anon.curl, CURLOPT_NOSIGNAL, 1L);
		w[i].seq = (unsigned)i;	/* half the workers begin with a case */
	}
	{
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		t0 = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	}

	for (round = 1; round <= ROUNDS; round++) {
		size_t before = nacks, dev0, case0;

		pthread_mutex_lock(&ack_mu);
		dev0 = ndev_acked;
		case0 = ncase_acked;
		pthread_mutex_unlock(&ack_mu);

		atomic_store(&round_no, round);
		atomic_store(&stop_flag, 0);
		for (i = 0; i < WORKERS; i++)
			assert_int_equal(pthread_create(&w[i].thread, NULL,
			    worker_run, &w[i]), 0);
		ms = WINDOW_MIN_MS + (unsigned)rand_r(&rng) %
		    (WINDOW_MAX_MS - WINDOW_MIN_MS + 1);
		wait.tv_sec = ms / 1000;
		wait.tv_nsec = (long)(ms % 1000) * 1000 * 1000;
		nanosleep(&wait, NULL);
		wait_for_progress(dev0, case0);
		srv_crash(&S);
		atomic_store(&stop_flag, 1);
		for (i = 0; i < WORKERS; i++)
			pthread_join(w[i].thread, NULL);

		srv_start(&S, NULL);
		assert_false(overflow);
		/* What this round acknowledged is there after the restart, in
		 * full; what every round before acknowledged is still listed.
		 * Everything is checked in full once more at the end. */
		check_acks(before, nacks);
		check_all_present();
		if (!srv_is_pg())
			integrity_ok(S.db);
		print_message("# round %d: killed after %u ms, %zu acknowledged\n",
		    round, ms, nacks - before);
	}
	for (i = 0; i < WORKERS; i++) {
		unexpected += w[i].unexpected;
		if (w[i].unexpected > 0)
			print_message("# worker %d: %ld unexpected answers, last: %s\n",
			    i, w[i].unexpected, w[i].last_bad);
		client_free(&w[i].api);
		client_free(&w[i].anon);
	}
	assert_int_equal(unexpected, 0);

	/* Everything once more, after the last restart. */
	check_acks(0, nacks);
	check_numbers_unique();
	for (k = 0; k < nacks; k++)
		ndev += acks[k].kind == ACK_DEVIATION;
	/* A run that acknowledged nothing would prove nothing. */
	assert_true(ndev >= ROUNDS);
	assert_true(nacks - ndev >= ROUNDS);
	{
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		print_message("# %zu deviations and %zu cases acknowledged over %d kills "
		    "in %.1f s\n", ndev, nacks - ndev, ROUNDS,
		    (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 - t0);
	}

	/* A clean stop, then the file and the audit chain. */
	srv_stop(&S, 1);
	if (!srv_is_pg())
		integrity_ok(S.db);
	buf_init(&out, 1u << 20);
	if (orden_run(&out, "audit", "verify", "--db", S.db, NULL) != 0)
		fail_msg("audit verify: %s", buf_cstr(&out));
	buf_free(&out);
	srv_stop(&S, 0);	/* removes the directory */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_acknowledged_reports_survive_sigkill),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
