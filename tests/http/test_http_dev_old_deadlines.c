/* Deadlines of history: after `orden import deviations` of old rows still
 * open, the first tick escalates every one of them (marked, with its
 * event, as any), but the leader above gets ONE notice that says how many
 * passed their deadline more than a week ago and links to the overdue
 * list, not one per row; a row whose deadline passed yesterday still
 * gets its own escalation. The same through `orden tick` and through the
 * server's own tick at start (and on PostgreSQL with ORDEN_PG=1).
 * And a legal clock that ran out in that history is told of once, by the
 * first tick, after which the ticks no longer read its row (the tick
 * logs the rows it read: deviation_tick rows=N). Before, every tick read
 * again each open row whose clock had run out and was never met, or whose
 * deadline had passed unreminded, every minute, however old (w18-write). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define NOLD	30	/* history rows, reported in March 2024 */

struct world {
	struct srv		s;
	struct fixture_tenant	t;
	char			tok_boss[128];
};

/* A municipality (ROOT > A > B, leader1 leads A, whom escalation from B
 * reaches; "boss" leads ROOT and is told nothing); NOLD open rows of B
 * from 2024 and one reported three days ago (ack deadline 48 h: passed
 * yesterday), all through the CLI. The server is not started. */
static void
world_make(struct world *w, const char *host)
{
	struct buf	 csv, out;
	char		 path[512], when[32];
	time_t		 t = time(NULL) - 3 * 86400;
	struct tm	 tm;
	int		 i;

	srv_prepare(&w->s, 0);
	fixture_tenant(&w->s, host, &w->t);
	write_file(&w->s, "boss.csv", "login,name,email,unit_code,roles,party\n"
	    "boss,Sjef Sjefesen,sjef@example.org,ROOT,leader;employee,\n",
	    path, sizeof(path));
	buf_init(&out, 1u << 16);
	if (orden_run(&out, "import", "people", "--db", w->s.db, "--tenant",
	    host, path, NULL) != 0)
		fail_msg("import people: %s", buf_cstr(&out));
	buf_init(&csv, 1u << 16);
	buf_puts(&csv, "number,kind,reported_at,occurred_at,unit_code,category,"
	    "title,description,status,closed_at,reporter_login\n");
	for (i = 0; i < NOLD; i++)
		buf_printf(&csv, ",deviation,2024-03-%02d,,B,bygg,Gammel %d,"
		    "Fra gamle system,new,,\n", 1 + i % 28, i);
	assert_non_null(gmtime_r(&t, &tm));
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_printf(&csv, ",deviation,%s,,B,bygg,Fersk,Fra i forgårs,new,,\n",
	    when);
	assert_false(csv.failed);
	write_file(&w->s, "historikk.csv", buf_cstr(&csv), path, sizeof(path));
	buf_free(&csv);
	buf_reset(&out);
	if (orden_run(&out, "import", "deviations", "--db", w->s.db, "--tenant",
	    host, path, NULL) != 0)
		fail_msg("import deviations: %s", buf_cstr(&out));
	buf_free(&out);
	token_for(&w->s, host, "boss", w->tok_boss, sizeof(w->tok_boss));
}

/* The notifications of token: of kind, and of them those about a
 * deviation (*about) and the text of the last without one (summary). */
static int
notes(struct world *w, const char *token, const char *kind, int *about,
    char *summary, size_t sumsz)
{
	struct client	 c;
	json_t		*j, *items, *n;
	size_t		 i;
	int		 k = 0;

	*about = 0;
	if (summary != NULL)
		summary[0] = '\0';
	api_client(&c, &w->s, w->t.host, token);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?limit=500",
	    NULL, &j), 200);
	items = json_object_get(j, "items");
	assert_true(json_is_array(items));
	for (i = 0; i < json_array_size(items); i++) {
		n = json_array_get(items, i);
		if (strcmp(json_string_value(json_object_get(n, "kind")), kind) != 0)
			continue;
		k++;
		if (json_integer_value(json_object_get(n, "deviation_id")) > 0)
			(*about)++;
		else if (summary != NULL)
			snprintf(summary, sumsz, "%s",
			    json_string_value(json_object_get(n, "text")));
	}
	json_decref(j);
	client_free(&c);
	return k;
}

/* Every row was escalated and has its event, as before: the summary
 * changes whom is told how, not what happened to the rows. */
static void
every_row_escalated(struct world *w)
{
	struct client	 c;
	json_t		*j, *items, *d;
	char		 path[64];
	size_t		 i;
	int		 seen = 0;

	api_client(&c, &w->s, w->t.host, w->t.leader_token);
	assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?limit=1000",
	    NULL, &j), 200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++) {
		snprintf(path, sizeof(path), "/api/v1/deviations/%lld",
		    (long long)json_integer_value(json_object_get(
		    json_array_get(items, i), "id")));
		assert_int_equal(api_call(&c, "GET", path, NULL, &d), 200);
		if (!dev_has_event(d, "escalated", NULL))
			fail_msg("%s has no escalated event", path);
		json_decref(d);
		seen++;
	}
	assert_int_equal(seen, NOLD + 1);
	json_decref(j);
	client_free(&c);
}

/* What the leader above sees after the first tick, whichever ran it,
 * and the leader above them (a row is escalated one level) nothing. */
static void
one_summary_and_the_fresh_one(struct world *w)
{
	char	text[256], want[64];
	int	about;

	/* One summary, about no deviation, that counts the old rows once
	 * each (their acknowledge and close deadlines both passed). */
	assert_int_equal(notes(w, w->t.leader_token, "overdue_summary", &about, text,
	    sizeof(text)), 1);
	assert_int_equal(about, 0);
	snprintf(want, sizeof(want), "%d avvik har passert fristen", NOLD);
	if (strstr(text, want) == NULL)
		fail_msg("summary \"%s\" does not say \"%s\"", text, want);
	/* The row whose deadline passed yesterday: its own escalation; the
	 * old ones: none each. */
	assert_int_equal(notes(w, w->t.leader_token, "escalation", &about, NULL, 0), 1);
	assert_int_equal(about, 1);
	assert_int_equal(notes(w, w->tok_boss, "overdue_summary", &about,
	    NULL, 0), 0);
	assert_int_equal(notes(w, w->tok_boss, "escalation", &about, NULL, 0),
	    0);
	every_row_escalated(w);
}

static void
test_cli_tick(void **st)
{
	struct world	w;
	int		about;

	(void)st;
	memset(&w, 0, sizeof(w));
	world_make(&w, "historikk.test");
	srv_tick(&w.s, w.t.host, 0);
	/* Started after the tick: its own tick at start finds nothing new. */
	srv_start(&w.s, NULL);
	one_summary_and_the_fresh_one(&w);
	/* Again at the same time: nothing new. */
	srv_tick(&w.s, w.t.host, 60);
	assert_int_equal(notes(&w, w.t.leader_token, "overdue_summary", &about, NULL, 0), 1);
	assert_int_equal(notes(&w, w.t.leader_token, "escalation", &about, NULL, 0), 1);
	srv_stop(&w.s, 0);
}

static void
test_server_tick(void **st)
{
	struct world	w;
	int		about, i;

	(void)st;
	memset(&w, 0, sizeof(w));
	world_make(&w, "historikk2.test");
	/* The server's ticker runs once at start, row by row in id order:
	 * the fresh row, imported last, is escalated last. */
	srv_start(&w.s, NULL);
	for (i = 0; i < 600 && notes(&w, w.t.leader_token, "escalation", &about, NULL, 0) == 0;
	    i++)
		usleep(50 * 1000);
	one_summary_and_the_fresh_one(&w);
	srv_stop(&w.s, 0);
}

/* `orden tick` at offset seconds; the rows it read, from its log line
 * (0 when it logged none: it read no row). */
static long
tick_rows(struct srv *s, const char *host, long offset)
{
	struct buf	 out;
	char		 env0[64];
	const char	*env[] = { env0, NULL }, *p;
	long		 rows = 0;

	snprintf(env0, sizeof(env0), "ORDEN_CLOCK_OFFSET=%ld", offset);
	buf_init(&out, 1u << 20);
	if (orden_run_env(&out, env, "tick", "--db", s->db, "--tenant", host,
	    NULL) != 0)
		fail_msg("orden tick: %s", buf_cstr(&out));
	if ((p = strstr(buf_cstr(&out), "event=\"deviation_tick\"")) != NULL) {
		if ((p = strstr(p, " rows=\"")) == NULL ||
		    sscanf(p, " rows=\"%ld\"", &rows) != 1)
			fail_msg("no row count in: %s", buf_cstr(&out));
	}
	buf_free(&out);
	return rows;
}

static void
test_old_clock_read_once(void **st)
{
	struct world	w;
	struct srv	*s = &w.s;
	struct buf	 csv, out;
	char		 path[512], when[32];
	time_t		 t = time(NULL) - 3600;
	struct tm	 tm;
	int		 about;

	(void)st;
	memset(&w, 0, sizeof(w));
	srv_prepare(s, 0);
	fixture_tenant(s, "lovfrist.test", &w.t);
	/* A breach of personal data from 2024, never acknowledged: its
	 * 72 h clock to Datatilsynet ran out long ago and was never met.
	 * And one reported an hour ago: 24 h to acknowledge, so its
	 * reminder comes halfway, 11 h from now. */
	assert_non_null(gmtime_r(&t, &tm));
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_init(&csv, 1u << 12);
	buf_printf(&csv, "number,kind,reported_at,occurred_at,unit_code,"
	    "category,title,description,status,closed_at,reporter_login\n"
	    ",deviation,2024-03-04,,B,personvern,Gammel lekkasje,"
	    "Fra gamle system,new,,\n"
	    ",deviation,%s,,B,personvern,Fersk lekkasje,I dag,new,,\n", when);
	assert_false(csv.failed);
	write_file(s, "lekkasjer.csv", buf_cstr(&csv), path, sizeof(path));
	buf_free(&csv);
	buf_init(&out, 1u << 16);
	if (orden_run(&out, "import", "deviations", "--db", s->db, "--tenant",
	    w.t.host, path, NULL) != 0)
		fail_msg("import deviations: %s", buf_cstr(&out));
	buf_free(&out);

	/* The first tick reads the old one: its escalations and the legal
	 * notice. A minute later nothing is left to tell of it, and the
	 * tick reads no row. */
	assert_int_equal(tick_rows(s, w.t.host, 0), 1);
	assert_int_equal(tick_rows(s, w.t.host, 60), 0);
	/* Nor does it read the fresh one before its reminder is due; then
	 * once. */
	assert_int_equal(tick_rows(s, w.t.host, 10 * 3600), 0);
	assert_int_equal(tick_rows(s, w.t.host, 11 * 3600 + 60), 1);
	assert_int_equal(tick_rows(s, w.t.host, 11 * 3600 + 120), 0);

	/* The leader was told of the old clock once, and reminded of the
	 * fresh one once. */
	srv_start(s, NULL);
	assert_int_equal(notes(&w, w.t.leader_token, "legal", &about, NULL, 0), 1);
	assert_int_equal(about, 1);
	assert_int_equal(notes(&w, w.t.leader_token, "reminder", &about, NULL,
	    0), 1);
	assert_int_equal(about, 1);
	srv_stop(s, 0);
}

/* The legal clock (datatilsynet) of the imported row titled title, as
 * the API's case shows it: its due_at and done_at, and the row's
 * closed_at, as RFC 3339 strings ("" for null). */
static void
clock_of(struct client *c, json_t *items, const char *title, char *due,
    char *done, char *closed, size_t sz)
{
	json_t		*d, *l, *it = NULL;
	char		 path[64];
	size_t		 i;
	const char	*v;

	for (i = 0; i < json_array_size(items) && it == NULL; i++)
		if (strcmp(json_string_value(json_object_get(
		    json_array_get(items, i), "title")), title) == 0)
			it = json_array_get(items, i);
	assert_non_null(it);
	snprintf(path, sizeof(path), "/api/v1/deviations/%lld",
	    (long long)json_integer_value(json_object_get(it, "id")));
	assert_int_equal(api_call(c, "GET", path, NULL, &d), 200);
	l = json_object_get(d, "legal_deadlines");
	assert_int_equal(json_array_size(l), 1);
	l = json_array_get(l, 0);
	assert_string_equal(json_string_value(json_object_get(l, "authority")),
	    "datatilsynet");
	v = json_string_value(json_object_get(l, "due_at"));
	snprintf(due, sz, "%s", v != NULL ? v : "");
	v = json_string_value(json_object_get(l, "done_at"));
	snprintf(done, sz, "%s", v != NULL ? v : "");
	v = json_string_value(json_object_get(d, "closed_at"));
	snprintf(closed, sz, "%s", v != NULL ? v : "");
	if (*closed != '\0' && !dev_has_event(d, "legal_done", NULL))
		fail_msg("%s has no legal_done event", path);
	json_decref(d);
}

/* A breach of personal data the old system closed had its 72 h clock to
 * Datatilsynet met by its close, as the handler's "notified" would have
 * met it: on time when closed within 72 h, late after; an open one's
 * clock is still to be met. Before, every imported clock read as never
 * met (w19-read: 8,196 of 8,291 after an import of 200,000 rows). */
static void
test_closed_clock_met(void **st)
{
	struct world	w;
	struct srv	*s = &w.s;
	struct client	 c;
	struct buf	 out;
	json_t		*j, *items;
	char		 path[512], due[64], done[64], closed[64];

	(void)st;
	memset(&w, 0, sizeof(w));
	srv_prepare(s, 0);
	fixture_tenant(s, "lovfrist.test", &w.t);
	write_file(s, "lukket.csv", "number,kind,reported_at,occurred_at,"
	    "unit_code,category,title,description,status,closed_at,"
	    "reporter_login\n"
	    ",deviation,2024-03-04T08:00:00Z,,B,personvern,I tide,Brev til feil"
	    " foresatt,closed,2024-03-05T08:00:00Z,\n"
	    ",deviation,2024-04-01T08:00:00Z,,B,personvern,For sent,Liste på"
	    " avveie,closed,2024-04-20T08:00:00Z,\n"
	    ",deviation,2024-05-02T08:00:00Z,,B,personvern,Åpen,Passord på"
	    " lapp,new,,\n", path, sizeof(path));
	buf_init(&out, 1u << 16);
	if (orden_run(&out, "import", "deviations", "--db", s->db, "--tenant",
	    w.t.host, path, NULL) != 0)
		fail_msg("import deviations: %s", buf_cstr(&out));
	buf_free(&out);
	srv_start(s, NULL);
	api_client(&c, s, w.t.host, w.t.leader_token);
	assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?limit=100",
	    NULL, &j), 200);
	items = json_object_get(j, "items");
	clock_of(&c, items, "I tide", due, done, closed, sizeof(due));
	assert_string_equal(due, "2024-03-07T08:00:00Z");
	assert_string_equal(done, closed);
	assert_string_equal(done, "2024-03-05T08:00:00Z");
	clock_of(&c, items, "For sent", due, done, closed, sizeof(due));
	assert_string_equal(due, "2024-04-04T08:00:00Z");
	assert_string_equal(done, "2024-04-20T08:00:00Z");	/* late */
	clock_of(&c, items, "Åpen", due, done, closed, sizeof(due));
	assert_string_equal(done, "");
	json_decref(j);
	client_free(&c);
	srv_stop(s, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_tick),
		cmocka_unit_test(test_server_tick),
		cmocka_unit_test(test_old_clock_read_once),
		cmocka_unit_test(test_closed_clock_met),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
