/* The yearly wheel (årshjul) through both faces, on the demo municipality:
 * its seeded wheel; a task made by the quality adviser and by a leader for
 * his own unit (and refused for a unit above him and to an employee);
 * rules that never fire and other bad input answered 400 naming the field
 * with nothing stored; an occurrence done once (409 the second time),
 * skipped only with a reason, and refused to one it is not assigned to;
 * the same through the web forms; and reminders sent by `orden tick` at
 * the lead time and when overdue, each once, as the clock moves. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#define DAY	86400

static struct srv	S;
static char		tok_q[TOKEN_MAX], tok_bjorn[TOKEN_MAX], tok_emma[TOKEN_MAX],
			tok_knut[TOKEN_MAX];
static json_int_t	vestre, sentrum;

static int
setup(void **st)
{
	struct client c;

	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	tokens_for(&S, "ingrid.haugen", tok_q, "bjorn.saether", tok_bjorn,
	    "emma.johansen", tok_emma, "knut.holm", tok_knut, NULL);
	api_client(&c, &S, NULL, tok_q);
	vestre = unit_id_of(&c, "vestre-skole");
	sentrum = unit_id_of(&c, "oo");
	client_free(&c);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

/* One JSON request as the bearer of tok (harness: api_as). */
static long
call(const char *tok, const char *method, const char *path, const char *body,
    json_t **out)
{
	return api_as(&S, NULL, tok, method, path, body, out);
}

/* Items of GET path (an /api/v1/wheel query) for task id (0: all). */
static size_t
count_items(const char *tok, const char *path, json_int_t id, const char *outcome)
{
	json_t	*j, *items, *it;
	size_t	 i, n = 0;

	assert_int_equal(call(tok, "GET", path, NULL, &j), 200);
	items = json_object_get(j, "items");
	assert_true(json_is_array(items));
	for (i = 0; i < json_array_size(items); i++) {
		it = json_array_get(items, i);
		if (id != 0 && json_integer_value(json_object_get(it, "task_id")) != id)
			continue;
		if (outcome != NULL && strcmp(json_string_value(json_object_get(it,
		    "outcome")), outcome) != 0)
			continue;
		n++;
	}
	json_decref(j);
	return n;
}

static json_int_t
create_ok(const char *tok, const char *body)
{
	json_t		*j;
	json_int_t	 id;
	long		 st = call(tok, "POST", "/api/v1/wheel/tasks", body, &j);

	if (st != 201)
		fail_msg("create %s: %ld %s", body, st, json_dumps(j, 0));
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* A POST that must fail with status, naming field when not NULL. */
static void
refused(const char *tok, const char *path, const char *body, long status,
    const char *field)
{
	json_t	*j;
	long	 st = call(tok, "POST", path, body, &j);

	if (st != status)
		fail_msg("%s %s: %ld, want %ld", path, body, st, status);
	if (field != NULL) {
		const char *f = json_err_field(j);

		if (f == NULL || strcmp(f, field) != 0)
			fail_msg("%s: field %s, want %s", body, f ? f : "(none)", field);
	}
	json_decref(j);
}

static void
test_demo_wheel(void **st)
{
	json_t *j, *items;
	size_t i;
	int evaluation = 0;

	(void)st;
	/* Every logged-in person reads the wheel; 12 December is there. */
	assert_int_equal(call(tok_emma, "GET", "/api/v1/wheel?year=2031", NULL, &j), 200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);

		if (strstr(json_string_value(json_object_get(it, "title")),
		    "Årlig evaluering") != NULL &&
		    strcmp(json_string_value(json_object_get(it, "due_on")), "2031-12-12") == 0)
			evaluation++;
	}
	json_decref(j);
	assert_int_equal(evaluation, 1);
	assert_int_equal(call(NULL, "GET", "/api/v1/wheel", NULL, &j), 401);
	json_decref(j);
	/* The query is declared (wheel_query_fields): each bad parameter is
	 * a 400 that names it. */
	assert_int_equal(call(tok_q, "GET", "/api/v1/wheel?year=abc", NULL, &j), 400);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")), "year");
	json_decref(j);
	assert_int_equal(call(tok_q, "GET", "/api/v1/wheel?year=1800", NULL, &j), 400);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")), "year");
	json_decref(j);
	assert_int_equal(call(tok_q, "GET", "/api/v1/wheel?mine=kanskje", NULL, &j), 400);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")), "mine");
	json_decref(j);
	assert_int_equal(call(tok_q, "GET", "/api/v1/wheel?unit_id=x", NULL, &j), 400);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")), "unit_id");
	json_decref(j);
}

static void
test_create_and_access(void **st)
{
	char body[512];

	(void)st;
	create_ok(tok_q, "{\"title\":\"Internkontrollrapport\",\"freq\":\"quarterly\","
	    "\"month\":3,\"day\":31,\"role\":\"quality\",\"starts_on\":\"2030-01-01\"}");
	assert_int_equal(count_items(tok_q, "/api/v1/wheel?year=2030", 0, NULL) > 0, 1);
	/* A leader for his own unit: yes; for the sector above, or for the
	 * whole municipality: no. An employee: not at all. */
	snprintf(body, sizeof(body), "{\"title\":\"Vernerunde\",\"freq\":\"yearly_date\","
	    "\"month\":5,\"day\":2,\"role\":\"leader\",\"unit_id\":%lld,"
	    "\"starts_on\":\"2030-01-01\"}", (long long)vestre);
	create_ok(tok_bjorn, body);
	snprintf(body, sizeof(body), "{\"title\":\"Vernerunde\",\"freq\":\"yearly_date\","
	    "\"month\":5,\"day\":2,\"role\":\"leader\",\"unit_id\":%lld}", (long long)sentrum);
	refused(tok_bjorn, "/api/v1/wheel/tasks", body, 403, NULL);
	refused(tok_bjorn, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"weekly\","
	    "\"weekday\":1,\"role\":\"quality\"}", 403, NULL);
	refused(tok_emma, "/api/v1/wheel/tasks", "{}", 403, NULL);
	refused(tok_emma, "/api/v1/wheel/tasks", "garbage", 403, NULL);
}

static void
test_bad_input_stores_nothing(void **st)
{
	size_t before, after;

	(void)st;
	before = count_items(tok_q, "/api/v1/wheel?year=2032", 0, NULL);
	/* 30 February never comes. */
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"yearly_date\","
	    "\"month\":2,\"day\":30,\"role\":\"quality\"}", 400, "day");
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"tertial\","
	    "\"month\":5,\"day\":1,\"role\":\"quality\"}", 400, "month");
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"weekly\","
	    "\"weekday\":9,\"role\":\"quality\"}", 400, "weekday");
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"weekly\","
	    "\"weekday\":0,\"role\":\"quality\"}", 400, "weekday");
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"fortnightly\","
	    "\"role\":\"quality\"}", 400, "freq");
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"monthly\","
	    "\"day\":1}", 400, "role");
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"monthly\","
	    "\"day\":1,\"role\":\"quality\",\"person\":\"emma.johansen\"}", 400, "person");
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"monthly\","
	    "\"day\":1,\"person\":\"ingen.slik\"}", 400, "person");
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"monthly\","
	    "\"day\":1,\"role\":\"leader\"}", 400, "unit_id");
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"  \",\"freq\":\"monthly\","
	    "\"day\":1,\"role\":\"quality\"}", 400, "title");
	refused(tok_q, "/api/v1/wheel/tasks", "{\"title\":\"X\",\"freq\":\"monthly\","
	    "\"day\":1,\"role\":\"quality\",\"starts_on\":\"2030-02-30\"}", 400, "starts_on");
	after = count_items(tok_q, "/api/v1/wheel?year=2032", 0, NULL);
	assert_int_equal(before, after);
}

static void
test_done_skip_conflict(void **st)
{
	char		body[512], path[96];
	json_int_t	id;

	(void)st;
	snprintf(body, sizeof(body), "{\"title\":\"Gjennomgang av rutiner\",\"freq\":\"yearly_date\","
	    "\"month\":9,\"day\":1,\"role\":\"leader\",\"unit_id\":%lld,"
	    "\"starts_on\":\"2030-01-01\"}", (long long)vestre);
	id = create_ok(tok_q, body);
	snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld/actions", (long long)id);
	/* Not his task, nor his unit. */
	refused(tok_knut, path, "{\"action\":\"done\",\"due_on\":\"2030-09-01\"}", 403, NULL);
	refused(tok_emma, path, "{\"action\":\"done\",\"due_on\":\"2030-09-01\"}", 403, NULL);
	refused(tok_bjorn, path, "{\"action\":\"done\",\"due_on\":\"2030-09-02\"}", 400, "due_on");
	refused(tok_bjorn, path, "{\"action\":\"done\",\"due_on\":\"2029-09-01\"}", 400, "due_on");
	refused(tok_bjorn, path, "{\"action\":\"done\"}", 400, "due_on");
	refused(tok_bjorn, path, "{\"action\":\"fly\",\"due_on\":\"2030-09-01\"}", 400, "action");
	refused(tok_bjorn, path, "{\"action\":\"skip\",\"due_on\":\"2031-09-01\"}", 400, "note");
	assert_int_equal(count_items(tok_q, "/api/v1/wheel?year=2030", id, "open"), 1);
	json_decref(NULL);
	{
		json_t *j;

		assert_int_equal(call(tok_bjorn, "POST", path,
		    "{\"action\":\"done\",\"due_on\":\"2030-09-01\",\"note\":\"Gjennomgått på personalmøtet.\"}",
		    &j), 200);
		json_decref(j);
	}
	refused(tok_bjorn, path, "{\"action\":\"done\",\"due_on\":\"2030-09-01\"}", 409, NULL);
	{
		json_t *j;

		assert_int_equal(call(tok_bjorn, "POST", path,
		    "{\"action\":\"skip\",\"due_on\":\"2031-09-01\",\"note\":\"Skolen stengt for ombygging.\"}",
		    &j), 200);
		json_decref(j);
	}
	assert_int_equal(count_items(tok_emma, "/api/v1/wheel?year=2030", id, "done"), 1);
	assert_int_equal(count_items(tok_emma, "/api/v1/wheel?year=2031", id, "skipped"), 1);
	{
		json_t *j, *occ;

		snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld?year=2030", (long long)id);
		assert_int_equal(call(tok_emma, "GET", path, NULL, &j), 200);
		occ = json_array_get(json_object_get(j, "occurrences"), 0);
		assert_string_equal(json_string_value(json_object_get(occ, "done_by")),
		    "Bjørn Sæther");
		assert_string_equal(json_string_value(json_object_get(occ, "note")),
		    "Gjennomgått på personalmøtet.");
		assert_false(json_is_true(json_object_get(j, "may_do")));
		json_decref(j);
	}
	/* The quality adviser ends it: no more occurrences to settle. */
	snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld/actions", (long long)id);
	refused(tok_emma, path, "{\"action\":\"stop\"}", 403, NULL);
	refused(tok_knut, path, "{\"action\":\"stop\"}", 403, NULL);
	{
		json_t *j;

		assert_int_equal(call(tok_q, "POST", path, "{\"action\":\"stop\"}", &j), 200);
		assert_false(json_is_true(json_object_get(j, "active")));
		json_decref(j);
	}
	refused(tok_bjorn, path, "{\"action\":\"done\",\"due_on\":\"2032-09-01\"}", 409, NULL);
	refused(tok_q, "/api/v1/wheel/tasks/999999/actions", "{\"action\":\"done\"}", 404, NULL);
}

static void
test_web_forms(void **st)
{
	struct client	c;
	struct resp	r;
	char		form[512], loc[256];

	(void)st;
	session_client(&c, &S, "bjorn.saether");
	client_req(&c, "GET", "/wheel?year=2031", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "<svg"));
	assert_true(resp_has(&r, "Månedlig gjennomgang av åpne avvik"));
	resp_free(&r);
	/* The page reads the same declared query: a bad year is a 400 page
	 * that names it, not this year's wheel. */
	client_req(&c, "GET", "/wheel?year=20x1", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "year"));
	resp_free(&r);
	client_req(&c, "GET", "/wheel/tasks/new", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	/* 30 February through the form: 400, the field named by its label,
	 * nothing made. */
	snprintf(form, sizeof(form), "title=Feil&freq=yearly_date&month=2&day=30&"
	    "role=leader&unit_id=%lld", (long long)vestre);
	client_post_form(&c, "/wheel/tasks", form, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Dag i måneden: "));
	assert_false(resp_has(&r, "day: "));
	resp_free(&r);
	snprintf(form, sizeof(form), "title=Brannøvelse&freq=yearly_week&week=40&weekday=3&"
	    "role=leader&unit_id=%lld&starts_on=2030-01-01", (long long)vestre);
	client_req(&c, "GET", "/wheel/tasks/new", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&c, "/wheel/tasks", form, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "location", loc, sizeof(loc)), 0);
	resp_free(&r);
	/* Week 40 of 2030 begins on Monday 30 September: Wednesday 2 October. */
	{
		char path[300];

		snprintf(path, sizeof(path), "%.200s&year=2030", loc);
		client_req(&c, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_true(resp_has(&r, "02.10.2030"));
		assert_true(resp_has(&r, "role=\"status\""));
		resp_free(&r);
		/* Its saved banner is declared (wheel_task_query_fields). */
		snprintf(path, sizeof(path), "%.*s?saved=yes-please",
		    (int)strcspn(loc, "?"), loc);
		client_req(&c, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 400);
		assert_true(resp_has(&r, "saved:"));
		resp_free(&r);
		*strchr(loc, '?') = '\0';
		snprintf(path, sizeof(path), "%.200s/action", loc);
		client_post_form(&c, path, "action=skip&due_on=2030-10-02", &r);
		assert_int_equal(r.status, 400);
		assert_true(resp_has(&r, "Merknad (påkrevd når den hoppes over): "));
		assert_false(resp_has(&r, "note: "));
		resp_free(&r);
		client_post_form(&c, path, "action=done&due_on=2030-10-02&note=Gjort", &r);
		assert_int_equal(r.status, 303);
		resp_free(&r);
		client_post_form(&c, path, "action=done&due_on=2030-10-02", &r);
		assert_int_equal(r.status, 409);
		resp_free(&r);
	}
	client_free(&c);
	session_client(&c, &S, "emma.johansen");
	client_req(&c, "GET", "/wheel/tasks/new", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_post_form(&c, "/wheel/tasks", form, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_req(&c, "GET", "/wheel/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	/* My tasks' saved banner is declared (wheel_mine_query_fields). */
	client_req(&c, "GET", "/wheel/mine?saved=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "role=\"status\""));
	resp_free(&r);
	client_req(&c, "GET", "/wheel/mine?saved=%3Cb%3E", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "saved:"));
	assert_false(resp_has(&r, "<b>"));
	resp_free(&r);
	client_free(&c);
}

/* `orden tick` as if it were days after now. */
static void
tick_at(int days)
{
	srv_tick(&S, NULL, (int64_t)days * DAY);
}

static int
notes(const char *tok, const char *kind, const char *text)
{
	json_t	*j, *items, *n;
	size_t	 i;
	int	 k = 0;

	assert_int_equal(call(tok, "GET", "/api/v1/notifications", NULL, &j), 200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++) {
		n = json_array_get(items, i);
		if (strcmp(json_string_value(json_object_get(n, "kind")), kind) == 0 &&
		    strstr(json_string_value(json_object_get(n, "text")), text) != NULL)
			k++;
	}
	json_decref(j);
	return k;
}

static void
test_reminders_follow_the_clock(void **st)
{
	char	body[512];
	time_t	due = time(NULL) + 20 * DAY;
	struct tm tm;

	(void)st;
	/* Due in 20 days, reminded 14 days before: a person's own task. */
	gmtime_r(&due, &tm);
	snprintf(body, sizeof(body), "{\"title\":\"Påminnelsestest\",\"freq\":\"yearly_date\","
	    "\"month\":%d,\"day\":%d,\"person\":\"emma.johansen\",\"lead_days\":14}",
	    tm.tm_mon + 1, tm.tm_mday);
	create_ok(tok_q, body);
	tick_at(0);
	assert_int_equal(notes(tok_emma, "wheel", "Påminnelsestest"), 0);
	tick_at(8);
	assert_int_equal(notes(tok_emma, "wheel", "Påminnelsestest"), 1);
	tick_at(9);
	assert_int_equal(notes(tok_emma, "wheel", "Påminnelsestest"), 1);
	assert_int_equal(notes(tok_emma, "wheel_overdue", "Påminnelsestest"), 0);
	tick_at(23);
	assert_int_equal(notes(tok_emma, "wheel_overdue", "Påminnelsestest"), 1);
	tick_at(24);
	assert_int_equal(notes(tok_emma, "wheel_overdue", "Påminnelsestest"), 1);
	/* Nobody else hears of her task. */
	assert_int_equal(notes(tok_bjorn, "wheel", "Påminnelsestest"), 0);
}

/* A duty for a role nobody holds at the unit (Oppvekst og opplæring has
 * no safety representative): the quality adviser who plans the wheel is
 * reminded instead of no one at all. */
static void
test_reminder_without_holder(void **st)
{
	char	body[512];
	time_t	due = time(NULL) + 5 * DAY;
	struct tm tm;

	(void)st;
	gmtime_r(&due, &tm);
	snprintf(body, sizeof(body), "{\"title\":\"Vernerunde uten verneombud\","
	    "\"freq\":\"yearly_date\",\"month\":%d,\"day\":%d,\"role\":"
	    "\"safety_rep\",\"unit_id\":%lld,\"lead_days\":14}",
	    tm.tm_mon + 1, tm.tm_mday, (long long)sentrum);
	create_ok(tok_q, body);
	tick_at(0);
	assert_int_equal(notes(tok_q, "wheel", "Vernerunde uten verneombud"), 1);
	/* Vestre skole's safety representative is not Oppvekst og opplæring's. */
	assert_int_equal(notes(tok_emma, "wheel", "Vernerunde uten verneombud"), 0);
}

/* Editing a task (title, rule, assignee, reminder) through the API and the
 * form: by those who manage it only, not moved to a unit they may not
 * manage, bad input named with nothing changed, audited. */
static void
test_edit_task(void **st)
{
	struct client	 c;
	struct resp	 r;
	char		 body[512], path[96];
	json_int_t	 id;
	json_t		*j;

	(void)st;
	snprintf(body, sizeof(body), "{\"title\":\"Brannøvelse\",\"freq\":\"yearly_date\","
	    "\"month\":9,\"day\":15,\"role\":\"leader\",\"unit_id\":%lld,"
	    "\"starts_on\":\"2030-01-01\"}", (long long)vestre);
	id = create_ok(tok_bjorn, body);
	snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld/actions", (long long)id);
	refused(tok_knut, path, "{\"action\":\"edit\",\"title\":\"X\"}", 403, NULL);
	refused(tok_emma, path, "{\"action\":\"edit\",\"title\":\"X\"}", 403, NULL);
	refused(tok_bjorn, path, "{\"action\":\"edit\",\"title\":\"   \"}", 400, "title");
	refused(tok_bjorn, path, "{\"action\":\"edit\",\"person\":\"nobody.here\"}", 400, "person");
	refused(tok_bjorn, path, "{\"action\":\"edit\",\"freq\":\"yearly_date\",\"month\":2,"
	    "\"day\":30}", 400, "day");
	snprintf(body, sizeof(body), "{\"action\":\"edit\",\"role\":\"leader\",\"unit_id\":%lld}",
	    (long long)sentrum);
	refused(tok_bjorn, path, body, 403, NULL);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM wheel_tasks WHERE title = "
	    "'Brannøvelse' AND month = 9 AND role = 'leader'", NULL), 1);
	/* The rule and the assignee: a person, the same unit's leader. */
	assert_int_equal(call(tok_bjorn, "POST", path, "{\"action\":\"edit\",\"freq\":"
	    "\"yearly_date\",\"month\":10,\"day\":1,\"person\":\"emma.johansen\"}", &j), 200);
	json_decref(j);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM wheel_tasks WHERE title = "
	    "'Brannøvelse' AND month = 10 AND day = 1 AND role IS NULL AND person_id ="
	    " (SELECT id FROM people WHERE login = 'emma.johansen')", NULL), 1);
	/* The form: a new title, the rest as it is. */
	session_client(&c, &S, "bjorn.saether");
	snprintf(path, sizeof(path), "/wheel/tasks/%lld", (long long)id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "value=\"edit\""));
	resp_free(&r);
	snprintf(path, sizeof(path), "/wheel/tasks/%lld/action", (long long)id);
	client_post_form(&c, path, "action=edit&title=Brann&person=&lead_days=999", &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	client_post_form(&c, path, "action=edit&title=Brann%C3%B8velse+med+evakuering"
	    "&person=&lead_days=7", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&c);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM wheel_tasks WHERE title = "
	    "'Brannøvelse med evakuering' AND month = 10 AND lead_days = 7 AND person_id ="
	    " (SELECT id FROM people WHERE login = 'emma.johansen')", NULL), 1);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE action ="
	    " 'wheel_task_edit'", NULL), 2);
}

/* GET path in a session as login: 200 and whether needle is on it. */
static int
page_has(const char *login, const char *path, const char *needle)
{
	struct client	c;
	struct resp	r;
	int		has;

	session_client(&c, &S, login);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	has = resp_has(&r, needle);
	resp_free(&r);
	client_free(&c);
	return has;
}

/* Other modules' dates on the wheel, read through their functions: the
 * owner's overdue document revision (the demo's 2003) and a leader's risk
 * review due in ten days are in their "my tasks", not in another's; the
 * year's wheel lists the review for those who may see it. */
static void
test_other_modules_dates(void **st)
{
	char		 body[512], path[64];
	time_t		 due = time(NULL) + 10 * 86400;
	struct tm	 tm;
	json_t		*j;

	(void)st;
	assert_true(page_has("ingrid.haugen", "/wheel/mine", "2003 Delegeringsreglement"));
	assert_false(page_has("bjorn.saether", "/wheel/mine", "2003 Delegeringsreglement"));
	gmtime_r(&due, &tm);
	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"title\":\"ROS skolegården\","
	    "\"scope\":\"unit\",\"assessed_on\":\"2026-01-10\",\"review_due\":"
	    "\"%04d-%02d-%02d\"}", (long long)vestre, tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	assert_int_equal(call(tok_bjorn, "POST", "/api/v1/risk-assessments", body, &j), 201);
	json_decref(j);
	assert_true(page_has("bjorn.saether", "/wheel/mine", "ROS skolegården"));
	assert_true(page_has("bjorn.saether", "/wheel/mine", "href=\"/risk-assessments/"));
	assert_false(page_has("knut.holm", "/wheel/mine", "ROS skolegården"));
	snprintf(path, sizeof(path), "/wheel?year=%d", tm.tm_year + 1900);
	assert_true(page_has("ingrid.haugen", path, "ROS skolegården"));
	/* Not a secret, but not for those who may not see risk assessments. */
	assert_false(page_has("lars.eriksen", path, "ROS skolegården"));
}

/* The deadlines of audit reports, deviations' legal clocks and
 * whistleblowing cases' feedback, each on the wheel of those who must meet
 * them and of no one else: the audit report's written status in the
 * quality adviser's "my tasks" (not a leader's) and on the year's wheel
 * for those who may see the register (not an employee's); a personal-data
 * breach's clock to Datatilsynet for the leader who handles it, by number
 * and authority only, not for the reporter or another leader; the feedback
 * to a whistleblower for the case's handler only, and never for the one the
 * case is about, nor the reporter, another leader or the admin. */
static void
test_more_modules_dates(void **st)
{
	char		 body[512], path[64], href[64], href2[64], day[40];
	time_t		 due = time(NULL) + 10 * 86400;
	struct tm	 tm;
	struct client	 emma;
	json_int_t	 dev, wb, wb2;
	json_t		*j;

	(void)st;
	gmtime_r(&due, &tm);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	snprintf(body, sizeof(body), "{\"title\":\"Revisjon-Frist-4711\","
	    "\"auditor\":\"KomRev\",\"report_on\":\"2026-01-05\","
	    "\"status_due_on\":\"%s\"}", day);
	assert_int_equal(call(tok_q, "POST", "/api/v1/followup", body, &j), 201);
	json_decref(j);
	assert_true(page_has("ingrid.haugen", "/wheel/mine", "Revisjon-Frist-4711"));
	assert_true(page_has("ingrid.haugen", "/wheel/mine", "href=\"/followup/"));
	assert_false(page_has("bjorn.saether", "/wheel/mine", "Revisjon-Frist-4711"));
	snprintf(path, sizeof(path), "/wheel?year=%d", tm.tm_year + 1900);
	assert_true(page_has("ingrid.haugen", path, "Revisjon-Frist-4711"));
	assert_false(page_has("emma.johansen", path, "Revisjon-Frist-4711"));

	/* Emma of Vestre skole reports a breach: Bjørn, her leader, handles it. */
	dev = dev_report_as(&S, NULL, tok_emma, "{\"title\":\"Lekket-Liste-4712\","
	    "\"description\":\"Karakterer til feil mottaker.\",\"category\":"
	    "\"personvern\",\"personal_data\":true,\"severity\":3}", NULL);
	snprintf(href, sizeof(href), "href=\"/deviations/%lld#legal-datatilsynet\"",
	    (long long)dev);
	assert_true(page_has("bjorn.saether", "/wheel/mine", href));
	assert_true(page_has("bjorn.saether", "/wheel/mine", "Datatilsynet"));
	assert_false(page_has("bjorn.saether", "/wheel/mine", "Lekket-Liste-4712"));
	assert_false(page_has("emma.johansen", "/wheel/mine", href));
	assert_false(page_has("knut.holm", "/wheel/mine", href));
	assert_false(page_has("lars.eriksen", "/wheel/mine", href));

	/* Emma blows the whistle on Lars (Bjørn handles it), and on Bjørn
	 * himself (someone above him does). The feedback is due in three
	 * months: on the wheel of that year. */
	session_client(&emma, &S, "emma.johansen");
	wb = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":"
	    "\"employee\",\"accused_login\":\"lars.eriksen\",\"what\":"
	    "\"Varsel-Innhold-4713\",\"why_censurable\":\"x\"}", NULL);
	wb2 = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":"
	    "\"employee\",\"accused_login\":\"bjorn.saether\",\"what\":"
	    "\"Varsel-Innhold-4714\",\"why_censurable\":\"x\"}", NULL);
	client_free(&emma);
	due = time(NULL) + 92 * 86400;
	gmtime_r(&due, &tm);
	snprintf(path, sizeof(path), "/wheel?year=%d", tm.tm_year + 1900);
	snprintf(href, sizeof(href), "href=\"/whistle/cases/%lld\"", (long long)wb);
	snprintf(href2, sizeof(href2), "href=\"/whistle/cases/%lld\"", (long long)wb2);
	assert_true(page_has("bjorn.saether", path, href));
	assert_true(page_has("bjorn.saether", path, "Tilbakemelding til varsler, sak VA-"));
	assert_false(page_has("bjorn.saether", path, "Varsel-Innhold"));
	assert_false(page_has("bjorn.saether", path, href2));
	assert_false(page_has("lars.eriksen", path, href));
	assert_false(page_has("emma.johansen", path, href));
	assert_false(page_has("knut.holm", path, href));
	assert_false(page_has("admin", path, href));
	assert_false(page_has("ingrid.haugen", path, href));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_wheel),
		cmocka_unit_test(test_create_and_access),
		cmocka_unit_test(test_bad_input_stores_nothing),
		cmocka_unit_test(test_done_skip_conflict),
		cmocka_unit_test(test_web_forms),
		cmocka_unit_test(test_reminders_follow_the_clock),
		cmocka_unit_test(test_reminder_without_holder),
		cmocka_unit_test(test_other_modules_dates),
		cmocka_unit_test(test_more_modules_dates),
		cmocka_unit_test(test_edit_task),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
