/* Notifications by e-mail (issue 17), against a real SMTP server: Debian's
 * aiosmtpd, started by this test on loopback (tests/http/smtp_sink.py),
 * which writes every message it takes to a directory the test reads.
 *   - a new deviation mails its handler: the right recipient, a subject in
 *     the recipient's language, a link to the deviation, and nothing of
 *     its title, description or reporter; the language the person chose
 *     is used for the next one;
 *   - an improvement proposal's mails name it as one, not "Et avvik";
 *   - a whistleblowing case mails "a case needs you" and nothing else;
 *   - "off" writes no mail, "digest" one mail the next morning;
 *   - the relay down at start: reported on the admin API, Orden serves on,
 *     and the mail is delivered once the relay is back (retries);
 *   - after the last try a mail is failed, shown to the admin, and sent
 *     again when the admin asks;
 *   - the server killed in the middle of a send: the mail is delivered
 *     after the restart, with the Message-ID it had. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "sink.h"

#define FROM		"orden@test.kommune.example"
#define PUBLIC		"https://orden.test.example"
#define LEADER_MAIL	"bjorn.saether@demokommune.example"
#define WAIT_ROUNDS	1200	/* 50 ms each: a minute at most */
/* bjorn's outbox rows (a test's SQL goes on with " AND ..."). */
#define BJORN_ROWS	"SELECT COUNT(*) FROM mail_outbox o JOIN people p" \
	" ON p.id = o.person_id AND p.tenant_id = o.tenant_id" \
	" WHERE p.login = 'bjorn.saether'"

static struct srv	S;
static char		tok_emma[TOKEN_MAX], tok_bjorn[TOKEN_MAX], tok_admin[TOKEN_MAX];
static json_int_t	vestre;

/* Start the SMTP server (port 0: a free one) writing into k->dir. */
static void
sink_start(struct sink *k, int port, int stall)
{
	const char *extra[] = { stall ? "--stall" : NULL, NULL };

	sink_start_script(k, S.dir, "mail", "tests/http/smtp_sink.py", port,
	    extra);
}


/* The environment of a server that mails to port. */
static void
start(int port, const char *extra1, const char *extra2)
{
	static char url[64];
	const char *env[12];
	size_t n = 0;

	snprintf(url, sizeof(url), "ORDEN_SMTP_URL=smtp://127.0.0.1:%d", port);
	env[n++] = url;
	env[n++] = "ORDEN_SMTP_FROM=" FROM;
	env[n++] = "ORDEN_SMTP_TLS=none";
	env[n++] = "ORDEN_PUBLIC_URL=" PUBLIC;
	env[n++] = "ORDEN_MAIL_POLL=1";
	env[n++] = "ORDEN_MAIL_RETRY=1";
	if (extra1 != NULL)
		env[n++] = extra1;
	if (extra2 != NULL)
		env[n++] = extra2;
	env[n] = NULL;
	srv_start(&S, env);
}

static void
prepare(void)
{
	srv_prepare(&S, 1);
	tokens_for(&S, "emma.johansen", tok_emma, "bjorn.saether", tok_bjorn,
	    "admin", tok_admin, NULL);
	vestre = srv_db_int(&S, "SELECT id FROM units WHERE name = $1",
	    "Vestre skole");
	assert_true(vestre > 0);
}

/* The first message to rcpt in a, or NULL (borrowed). */
static json_t *
mail_to(json_t *a, const char *rcpt, const char *subject_part)
{
	size_t	 i;
	json_t	*m;

	json_array_foreach(a, i, m) {
		json_t *r = json_object_get(m, "rcpt");
		const char *s = json_string_value(json_object_get(m, "subject"));

		if (json_array_size(r) == 1 &&
		    strcmp(json_string_value(json_array_get(r, 0)), rcpt) == 0 &&
		    (subject_part == NULL || (s != NULL && strstr(s, subject_part))))
			return m;
	}
	return NULL;
}

/* Wait for a message to rcpt whose subject holds subject_part; *all gets
 * every message (caller decrefs), the return value is borrowed from it. */
static json_t *
wait_mail_to(const struct sink *k, const char *rcpt, const char *subject_part,
    json_t **all)
{
	json_t	*m;
	int	 i;

	for (i = 0; i < WAIT_ROUNDS; i++) {
		*all = sink_records(k);
		if ((m = mail_to(*all, rcpt, subject_part)) != NULL)
			return m;
		json_decref(*all);
		sink_nap();
	}
	fail_msg("no e-mail to %s; see %s and %s", rcpt, k->dir, S.log);
	return NULL;
}

/* How many messages in a went to rcpt with subject. */
static size_t
count_to(json_t *a, const char *rcpt, const char *subject)
{
	size_t	 i, n = 0;
	json_t	*m;

	json_array_foreach(a, i, m)
		if (strcmp(json_string_value(json_array_get(json_object_get(m,
		    "rcpt"), 0)), rcpt) == 0 && strcmp(json_string_value(
		    json_object_get(m, "subject")), subject) == 0)
			n++;
	return n;
}

/* Neither the decoded body nor the raw message holds needle. */
static void
assert_absent(json_t *m, const char *needle)
{
	if (strstr(sink_field(m, "body"), needle) != NULL ||
	    strstr(sink_field(m, "raw"), needle) != NULL ||
	    strstr(sink_field(m, "subject"), needle) != NULL)
		fail_msg("an e-mail holds \"%s\": %s", needle, sink_field(m, "body"));
}

static void
test_new_deviation_mail(void **state)
{
	struct sink	k = { 0 };
	struct client	c;
	json_t		*a, *m, *j;
	json_int_t	id, id2;
	char		link[128];
	size_t		i;

	(void)state;
	prepare();
	sink_start(&k, 0, 0);
	start(k.port, NULL, NULL);

	id = dev_report_in(&S, NULL, tok_emma, vestre,
	    "Knust vindu HEMMELIG-TITTEL", "Glasskaar HEMMELIG-TEKST i gangen");
	/* The demo's other reminders (the yearly wheel, documents to read)
	 * may reach the leader first: wait for this one. */
	m = wait_mail_to(&k, LEADER_MAIL, "Et avvik venter", &a);
	assert_string_equal(sink_field(m, "from"), FROM);
	/* Bokmål: the person chose nothing, and has no language of their own. */
	assert_string_equal(sink_field(m, "language"), "nb");
	assert_string_equal(sink_field(m, "subject"), "Et avvik venter på deg");
	snprintf(link, sizeof(link), PUBLIC "/deviations/%lld", (long long)id);
	assert_non_null(strstr(sink_field(m, "body"), link));
	assert_non_null(strstr(sink_field(m, "message_id"), "@test.kommune.example>"));
	/* Nothing of the deviation and nobody's name, in any message. */
	json_array_foreach(a, i, m) {
		assert_absent(m, "HEMMELIG");
		assert_absent(m, "Knust vindu");
		assert_absent(m, "Emma");
		assert_absent(m, "emma.johansen");
		assert_absent(m, "AV-");
	}
	json_decref(a);

	/* bjorn wants English. */
	api_client(&c, &S, NULL, tok_bjorn);
	j = api_json(&c, "PATCH", "/api/v1/me/mail",
	    "{\"mode\":\"now\",\"lang\":\"en\"}", 200);
	assert_string_equal(json_string_value(json_object_get(j, "lang")), "en");
	json_decref(j);
	/* A mode that is none is refused, naming the field; nothing changes. */
	assert_int_equal(api_call(&c, "PATCH", "/api/v1/me/mail",
	    "{\"mode\":\"weekly\"}", &j), 400);
	assert_string_equal(json_err_field(j), "mode");
	json_decref(j);
	assert_int_equal(api_call(&c, "PATCH", "/api/v1/me/mail",
	    "{\"mode\":\"now\",\"lang\":\"de\"}", &j), 400);
	assert_string_equal(json_err_field(j), "lang");
	json_decref(j);
	j = api_get_ok(&c, "/api/v1/me/mail");
	assert_string_equal(json_string_value(json_object_get(j, "lang")), "en");
	assert_true(json_is_true(json_object_get(j, "has_address")));
	json_decref(j);
	client_free(&c);

	id2 = dev_report_in(&S, NULL, tok_emma, vestre,
	    "Andre HEMMELIG", "Mer HEMMELIG");
	snprintf(link, sizeof(link), PUBLIC "/deviations/%lld", (long long)id2);
	m = wait_mail_to(&k, LEADER_MAIL, "A deviation waits", &a);
	assert_string_equal(sink_field(m, "language"), "en");
	assert_non_null(strstr(sink_field(m, "body"), link));
	assert_absent(m, "HEMMELIG");
	json_decref(a);

	srv_stop(&S, 1);
	sink_stop(&k);
	srv_stop(&S, 0);
}

/* An improvement proposal is named as one in its e-mails: the leader is
 * told "Et forbedringsforslag venter på deg", the reporter that it was
 * received; neither says "avvik", and neither holds its title, text or
 * the reporter's name (as a deviation's). Before, every mail about a
 * proposal read "Et avvik …": compose.c knew only the notification's
 * kind. */
static void
test_improvement_mail(void **state)
{
	struct sink	k = { 0 };
	json_t		*a, *m, *j;
	json_int_t	id;
	char		body[512], link[128];
	size_t		i;

	(void)state;
	prepare();
	sink_start(&k, 0, 0);
	start(k.port, NULL, NULL);

	snprintf(body, sizeof(body), "{\"kind\":\"improvement\",\"title\":"
	    "\"Flere benker HEMMELIG\",\"description\":\"Vi trenger HEMMELIG "
	    "flere benker.\",\"unit_id\":%lld}", (long long)vestre);
	id = dev_report_as(&S, NULL, tok_emma, body, NULL);
	m = wait_mail_to(&k, LEADER_MAIL, "forbedringsforslag", &a);
	assert_string_equal(sink_field(m, "subject"),
	    "Et forbedringsforslag venter på deg");
	assert_non_null(strstr(sink_field(m, "body"),
	    "Et nytt forbedringsforslag venter på deg i Orden."));
	snprintf(link, sizeof(link), PUBLIC "/deviations/%lld", (long long)id);
	assert_non_null(strstr(sink_field(m, "body"), link));
	json_decref(a);
	snprintf(link, sizeof(link), "%lld", (long long)id);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM mail_outbox"
	    " WHERE deviation_id = CAST($1 AS BIGINT)"
	    " AND report_kind = 'improvement'", link), 1);

	/* Received: the reporter hears of it, as of a proposal. */
	assert_int_equal(dev_act_as(&S, NULL, tok_bjorn, id,
	    "{\"action\":\"acknowledge\"}", &j), 200);
	json_decref(j);
	m = wait_mail_to(&k, "emma.johansen@demokommune.example",
	    "forbedringsforslag", &a);
	assert_string_equal(sink_field(m, "subject"),
	    "Et forbedringsforslag er mottatt");
	json_array_foreach(a, i, m) {
		if (strstr(sink_field(m, "subject"), "forbedringsforslag") == NULL)
			continue;
		assert_absent(m, "avvik");
		assert_absent(m, "Avvik");
		assert_absent(m, "HEMMELIG");
		assert_absent(m, "Flere benker");
		assert_absent(m, "Emma");
		assert_absent(m, "FF-");
	}
	json_decref(a);

	srv_stop(&S, 1);
	sink_stop(&k);
	srv_stop(&S, 0);
}

static void
test_whistle_mail(void **state)
{
	struct sink	k = { 0 };
	struct client	anon;
	json_t		*a, *m, *j;
	char		body[512], number[64];
	size_t		i, n = 0;

	(void)state;
	prepare();
	sink_start(&k, 0, 0);
	start(k.port, NULL, NULL);
	client_init(&anon, &S);
	snprintf(body, sizeof(body), "{\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"anonymous\":true,"
	    "\"unit_id\":%lld,\"accused_name\":\"Per Anklaget\","
	    "\"what\":\"VARSEL-INNHOLD om noe\",\"why_censurable\":\"Farlig.\"}",
	    (long long)vestre);
	wb_report_ok(&anon, body, &j);
	snprintf(number, sizeof(number), "%s",
	    json_string_value(json_object_get(j, "number")) != NULL ?
	    json_string_value(json_object_get(j, "number")) : "VA-");
	json_decref(j);
	client_free(&anon);
	/* Every handler the case went to gets one. */
	srv_db_wait(&S,
	    "SELECT COUNT(*) FROM mail_outbox WHERE kind = $1 AND sent_at IS NOT NULL",
	    "whistle", 1);
	a = sink_records(&k);
	json_array_foreach(a, i, m) {
		if (strcmp(sink_field(m, "subject"), "En varslingssak trenger deg") != 0)
			continue;
		n++;
		assert_non_null(strstr(sink_field(m, "body"), PUBLIC "/whistle/cases\n"));
		assert_absent(m, "VARSEL-INNHOLD");
		assert_absent(m, "Per Anklaget");
		assert_absent(m, "Anklaget");
		assert_absent(m, number);
		assert_absent(m, "VA-");
	}
	assert_true(n >= 1);
	json_decref(a);
	srv_stop(&S, 1);
	sink_stop(&k);
	srv_stop(&S, 0);
}

/* "off" writes no outbox row; "digest" waits for the morning and comes
 * as one mail that counts them. */
static void
test_off_and_digest(void **state)
{
	struct sink	k = { 0 };
	struct client	c;
	json_t		*a, *m, *j;
	char		id[32], offset[64], sql[512];
	json_int_t	d1, d2;

	(void)state;
	prepare();
	sink_start(&k, 0, 0);
	start(k.port, NULL, NULL);
	api_client(&c, &S, NULL, tok_bjorn);
	json_decref(api_json(&c, "PATCH", "/api/v1/me/mail", "{\"mode\":\"off\"}", 200));
	snprintf(id, sizeof(id), "%lld", (long long)dev_report_in(&S, NULL,
	    tok_emma, vestre, "Av", "av"));
	/* Others who handle it may get one; bjorn does not. */
	assert_int_equal(srv_db_int(&S, BJORN_ROWS
	    " AND o.deviation_id = CAST($1 AS INTEGER)", id), 0);

	j = api_json(&c, "PATCH", "/api/v1/me/mail", "{\"mode\":\"digest\"}", 200);
	assert_string_equal(json_string_value(json_object_get(j, "mode")), "digest");
	json_decref(j);
	client_free(&c);
	d1 = dev_report_in(&S, NULL, tok_emma, vestre, "Digest en", "d");
	d2 = dev_report_in(&S, NULL, tok_emma, vestre, "Digest to", "d");
	/* Both wait for the morning. */
	snprintf(sql, sizeof(sql), BJORN_ROWS " AND o.digest = 1 AND o.sent_at IS NULL"
	    " AND o.due_at > o.created_at AND o.deviation_id IN (%lld, %lld)",
	    (long long)d1, (long long)d2);
	assert_int_equal(srv_db_int(&S, sql, NULL), 2);
	srv_stop(&S, 1);
	/* The next morning (a day on: past 07:00 whatever the hour now). */
	snprintf(offset, sizeof(offset), "ORDEN_CLOCK_OFFSET=%d", 26 * 3600);
	start(k.port, offset, NULL);
	snprintf(sql, sizeof(sql), BJORN_ROWS " AND o.digest = 1"
	    " AND o.sent_at IS NOT NULL AND o.deviation_id IN (%lld, %lld)",
	    (long long)d1, (long long)d2);
	srv_db_wait(&S, sql, NULL, 2);
	m = wait_mail_to(&k, LEADER_MAIL, "Saker venter", &a);
	/* One mail for both. */
	assert_int_equal(count_to(a, LEADER_MAIL, "Saker venter på deg i Orden"), 1);
	/* It counts what waited: the two, and whatever else the clock
	 * gave bjorn in digest mode before the morning (the demo's wheel,
	 * revisions and reviews, when the first tick ran after the switch). */
	snprintf(sql, sizeof(sql), BJORN_ROWS " AND o.digest = 1"
	    " AND o.sent_at IS NOT NULL");
	snprintf(id, sizeof(id), "%lld ", (long long)srv_db_int(&S, sql, NULL));
	if (strstr(sink_field(m, "body"), id) == NULL)
		fail_msg("the digest does not count %s: %s", id, sink_field(m, "body"));
	assert_non_null(strstr(sink_field(m, "body"), PUBLIC "/notifications"));
	assert_absent(m, "Digest");
	json_decref(a);
	srv_stop(&S, 1);
	sink_stop(&k);
	srv_stop(&S, 0);
}

/* An imported history's notices go to the digest (they are about the
 * past), and however many there are, the morning brings one e-mail that
 * counts them all: it used to count at most 200 a mail, so a leader got
 * a digest for every 200 rows of the history. */
#define HISTORY_ROWS	250
static void
test_digest_counts_a_history(void **state)
{
	struct sink	 k = { 0 };
	json_t		*a, *m;
	long		 counted;

	(void)state;
	prepare();
	import_history(&S, "vestre-skole", "2025-02", "Gammel", HISTORY_ROWS);
	/* bjorn leads Vestre skole: a notice of each imported row waits for
	 * his next morning's digest. */
	assert_true(srv_db_int(&S, BJORN_ROWS " AND o.digest = 1"
	    " AND o.sent_at IS NULL", NULL) >= HISTORY_ROWS);
	sink_start(&k, 0, 0);
	/* The next morning (a day on: past 07:00 whatever the hour now). */
	start(k.port, "ORDEN_CLOCK_OFFSET=93600", NULL);
	m = wait_mail_to(&k, LEADER_MAIL, "Saker venter", &a);
	counted = strtol(sink_field(m, "body"), NULL, 10);
	if (counted < HISTORY_ROWS)
		fail_msg("the first digest counts %ld of %d imported rows: %s",
		    counted, HISTORY_ROWS, sink_field(m, "body"));
	assert_absent(m, "Gammel");
	json_decref(a);
	srv_stop(&S, 1);
	sink_stop(&k);
	srv_stop(&S, 0);
}

/* The admin's view of the relay: "ok", "failing". */
static const char *
relay_state(json_t **keep)
{
	struct client c;

	api_client(&c, &S, NULL, tok_admin);
	*keep = api_get_ok(&c, "/api/v1/mail/outbox");
	client_free(&c);
	return json_string_value(json_object_get(json_object_get(*keep,
	    "relay"), "state"));
}

static void
test_relay_down_then_up(void **state)
{
	struct sink	k = { 0 };
	struct client	c, adm;
	struct resp	r;
	json_t		*a, *j;
	int		port;

	(void)state;
	prepare();
	/* A port where nobody listens (yet). */
	sink_start(&k, 0, 0);
	port = k.port;
	sink_stop(&k);
	start(port, NULL, NULL);
	/* Reported at start; Orden serves on. */
	assert_string_equal(relay_state(&j), "failing");
	assert_true(json_is_string(json_object_get(json_object_get(j, "relay"),
	    "error")));
	json_decref(j);
	assert_int_equal(file_has(S.log, "mail_relay_refused"), 1);
	/* And on the admin page, with the relay's answer (issue 17 item 5). */
	session_client(&adm, &S, "admin");
	client_req(&adm, "GET", "/admin/mail", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "role=\"alert\""));
	assert_true(resp_has(&r, "st-overdue"));
	resp_free(&r);
	/* Not the admin's: the employee gets 403. */
	api_client(&c, &S, NULL, tok_emma);
	assert_int_equal(api_call(&c, "GET", "/api/v1/mail/outbox", NULL, &j), 403);
	json_decref(j);
	client_free(&c);

	dev_report_in(&S, NULL, tok_emma, vestre, "Mens reléet er nede", "d");
	srv_db_wait(&S,
	    "SELECT COUNT(*) FROM mail_outbox WHERE tries >= 1 AND sent_at IS NULL"
	    " AND last_error IS NOT NULL AND kind = $1", "new", 1);
	sink_start(&k, port, 0);
	wait_mail_to(&k, LEADER_MAIL, NULL, &a);
	json_decref(a);
	srv_db_wait(&S,
	    "SELECT COUNT(*) FROM mail_outbox WHERE tries >= 2 AND sent_at IS NOT NULL"
	    " AND kind = $1", "new", 1);
	assert_string_equal(relay_state(&j), "ok");
	json_decref(j);
	client_req(&adm, "GET", "/admin/mail", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "role=\"alert\""));
	assert_true(resp_has(&r, "st-closed"));
	resp_free(&r);
	/* The mail pages' banner flags are declared (mail_input.h). */
	client_req(&adm, "GET", "/admin/mail?retried=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "role=\"status\""));
	resp_free(&r);
	client_req(&adm, "GET", "/admin/mail?retried=igjen", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "retried:"));
	resp_free(&r);
	client_req(&adm, "GET", "/account/notifications?saved=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "role=\"status\""));
	resp_free(&r);
	client_req(&adm, "GET", "/account/notifications?saved=lagret", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "saved:"));
	resp_free(&r);
	/* The notification list's page reads the API's declared query
	 * (notify_query_fields): its read=1 banner, and bad values. */
	client_req(&adm, "GET", "/notifications?read=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "role=\"status\""));
	resp_free(&r);
	client_req(&adm, "GET", "/notifications?read=lest", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "read:"));
	resp_free(&r);
	client_req(&adm, "GET", "/notifications?after=a%0Ab", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "after:"));
	resp_free(&r);
	client_free(&adm);
	srv_stop(&S, 1);
	sink_stop(&k);
	srv_stop(&S, 0);
}

static void
test_failed_after_last_try(void **state)
{
	struct sink	k = { 0 };
	struct client	c;
	json_t		*a, *j, *f;
	int		port;

	(void)state;
	prepare();
	sink_start(&k, 0, 0);
	port = k.port;
	sink_stop(&k);
	start(port, "ORDEN_MAIL_TRIES=2", NULL);
	dev_report_in(&S, NULL, tok_emma, vestre, "Feiler", "d");
	srv_db_wait(&S,
	    "SELECT COUNT(*) FROM mail_outbox WHERE failed_at IS NOT NULL"
	    " AND kind = $1", "new", 1);
	assert_int_equal(srv_db_int(&S, "SELECT MAX(tries) FROM mail_outbox"
	    " WHERE failed_at IS NOT NULL AND kind = $1", "new"), 2);
	/* The admin sees it, with whom it was for. */
	assert_string_equal(relay_state(&j), "failing");
	assert_true(json_integer_value(json_object_get(j, "failed")) >= 1);
	f = json_array_get(json_object_get(j, "failures"), 0);
	assert_non_null(f);
	assert_non_null(json_string_value(json_object_get(f, "login")));
	assert_true(json_integer_value(json_object_get(f, "tries")) == 2);
	json_decref(j);
	/* An employee may not retry. */
	api_client(&c, &S, NULL, tok_emma);
	assert_int_equal(api_call(&c, "POST", "/api/v1/mail/retry", NULL, &j), 403);
	json_decref(j);
	client_free(&c);
	/* The relay is back and the admin asks for another go. */
	sink_start(&k, port, 0);
	api_client(&c, &S, NULL, tok_admin);
	j = api_json(&c, "POST", "/api/v1/mail/retry", NULL, 200);
	assert_true(json_integer_value(json_object_get(j, "retried")) >= 1);
	json_decref(j);
	client_free(&c);
	wait_mail_to(&k, LEADER_MAIL, NULL, &a);
	json_decref(a);
	srv_stop(&S, 1);
	sink_stop(&k);
	srv_stop(&S, 0);
}

static void
test_killed_mid_send(void **state)
{
	struct sink	k = { 0 };
	char		mid[200];
	int		port;
	int64_t		oid;

	(void)state;
	prepare();
	sink_start(&k, 0, 1);	/* takes the connection, never answers DATA */
	port = k.port;
	start(port, NULL, NULL);
	dev_report_in(&S, NULL, tok_emma, vestre, "Midt i sendingen", "d");
	/* The server dies in the middle of the send. */
	sink_kill_mid_send(&k, &S);
	oid = srv_db_int(&S, "SELECT MIN(id) FROM mail_outbox WHERE kind = $1"
	    " AND sent_at IS NULL", "new");
	assert_true(oid > 0);
	/* Nothing was lost: after the restart it is delivered, with the
	 * Message-ID the row had, so a repeat would be recognisable. */
	sink_start(&k, port, 0);
	start(port, NULL, NULL);
	snprintf(mid, sizeof(mid), "SELECT COUNT(*) FROM mail_outbox WHERE id = %lld"
	    " AND sent_at IS NOT NULL", (long long)oid);
	srv_db_wait(&S, mid, NULL, 1);
	snprintf(mid, sizeof(mid), "SELECT COUNT(*) FROM mail_outbox WHERE id = %lld"
	    " AND '<' || message_id || '@test.kommune.example>' = $1", (long long)oid);
	assert_int_equal(sink_count_rows(&k, &S, "message_id", mid), 1);
	srv_stop(&S, 1);
	sink_stop(&k);
	srv_stop(&S, 0);
}

/* Forgotten password by e-mail: the same answer for anyone, a link that
 * works once, and the new password signs in. */
static void
test_forgot_password(void **state)
{
	struct sink	k = { 0 };
	struct client	c;
	struct resp	r;
	json_t		*a, *m;
	const char	*body, *p;
	char		token[64], form[256], path[128];
	int64_t		before;

	(void)state;
	prepare();
	sink_start(&k, 0, 0);
	start(k.port, NULL, NULL);
	client_init(&c, &S);
	client_req(&c, "GET", "/password/forgot", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	/* An empty name is refused, naming the field. */
	client_req(&c, "POST", "/password/forgot", "login=",
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-login"));
	resp_free(&r);
	/* Nobody has this name: the same answer, and nothing is sent. */
	before = srv_db_int(&S, "SELECT COUNT(*) FROM mail_outbox WHERE kind = $1",
	    "password_reset");
	client_req(&c, "POST", "/password/forgot", "login=ingen.her",
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "30 minutt"));
	resp_free(&r);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM mail_outbox WHERE kind = $1",
	    "password_reset"), before);
	client_req(&c, "POST", "/password/forgot", "login=bjorn.saether",
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "30 minutt"));
	resp_free(&r);

	m = wait_mail_to(&k, LEADER_MAIL, "Sett nytt passord", &a);
	body = sink_field(m, "body");
	assert_non_null(p = strstr(body, PUBLIC "/password/reset?token="));
	p += strlen(PUBLIC "/password/reset?token=");
	snprintf(token, sizeof(token), "%.43s", p);
	assert_int_equal(strlen(token), 43);
	json_decref(a);
	/* The outbox keeps no token once it is sent. */
	srv_db_wait(&S,
	    "SELECT COUNT(*) FROM mail_outbox WHERE kind = $1 AND sent_at IS NOT NULL"
	    " AND secret IS NULL", "password_reset", 1);
	assert_int_equal(srv_store_has(&S, token), 0);

	snprintf(path, sizeof(path), "/password/reset?token=%s", token);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	snprintf(form, sizeof(form), "token=%s&new=kort&repeat=kort", token);
	client_req(&c, "POST", "/password/reset", form,
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-new"));
	resp_free(&r);
	snprintf(form, sizeof(form), "token=%s&new=nytt-langt-passord-1"
	    "&repeat=nytt-langt-passord-1", token);
	client_req(&c, "POST", "/password/reset", form,
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	/* Once only. */
	client_req(&c, "POST", "/password/reset", form,
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	client_free(&c);
	/* The new password signs in; the old one does not. */
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "bjorn.saether", DEMO_PASSWORD), 401);
	client_free(&c);
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "bjorn.saether", "nytt-langt-passord-1"), 303);
	client_free(&c);
	srv_stop(&S, 1);
	sink_stop(&k);
	srv_stop(&S, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_deviation_mail),
		cmocka_unit_test(test_improvement_mail),
		cmocka_unit_test(test_whistle_mail),
		cmocka_unit_test(test_off_and_digest),
		cmocka_unit_test(test_digest_counts_a_history),
		cmocka_unit_test(test_relay_down_then_up),
		cmocka_unit_test(test_failed_after_last_try),
		cmocka_unit_test(test_killed_mid_send),
		cmocka_unit_test(test_forgot_password),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
