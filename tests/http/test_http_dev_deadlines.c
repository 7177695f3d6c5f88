/* Deadlines with a moved clock: `orden tick` run at moments before and
 * after a deviation's deadlines reminds the handling leader before, and
 * escalates to the leader above after, each once; the notifications show
 * up in GET /api/v1/notifications and can be marked read. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define HOUR	3600

static struct srv S;
static struct fixture_tenant T;
static char tok_boss[128];
static json_int_t dev_id;

static int
setup(void **st)
{
	struct client	 c;
	json_t		*j;
	json_int_t	 root, a, boss;
	char		 body[256], path[64];

	(void)st;
	srv_prepare(&S, 0);
	fixture_tenant(&S, "frist.test", &T);
	srv_start(&S, NULL);

	/* A leader over ROOT, above leader1 (who leads A and B). */
	api_client(&c, &S, T.host, T.admin_token);
	root = unit_id_of(&c, "ROOT");
	a = unit_id_of(&c, "A");
	snprintf(body, sizeof(body), "{\"login\":\"boss\",\"name\":\"Sjef Sjefesen\",\"unit_id\":%lld}",
	    (long long)root);
	assert_int_equal(api_call(&c, "POST", "/api/v1/people", body, &j), 201);
	boss = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)boss);
	snprintf(body, sizeof(body), "{\"role\":\"leader\",\"unit_id\":%lld}", (long long)root);
	assert_int_equal(api_call(&c, "POST", path, body, &j), 201);
	json_decref(j);
	/* A category with deadlines the test can count on: acknowledge within
	 * 48 h, close within 5 days (reminders 24 h before, the default). */
	assert_int_equal(api_call(&c, "POST", "/api/v1/categories", "{\"code\":\"frist\","
	    "\"name\":\"Fristtest\",\"ack_hours\":48,\"close_days\":5}", &j), 201);
	json_decref(j);
	client_free(&c);
	token_for(&S, T.host, "boss", tok_boss, sizeof(tok_boss));

	api_client(&c, &S, T.host, T.employee_token);
	snprintf(body, sizeof(body), "{\"title\":\"Frist\",\"description\":\"Må følges opp.\","
	    "\"category\":\"frist\",\"unit_id\":%lld}", (long long)a);
	assert_int_equal(api_call(&c, "POST", "/api/v1/deviations", body, &j), 201);
	dev_id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
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

/* `orden tick` as if it were `hours` after now. */
static void
tick_at(int hours)
{
	srv_tick(&S, T.host, (int64_t)hours * HOUR);
}

/* How many of token's notifications about the test deviation have kind. */
static int
count(const char *token, const char *kind)
{
	struct client	 c;
	json_t		*j, *items, *n;
	size_t		 i;
	int		 k = 0;

	api_client(&c, &S, T.host, token);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications", NULL, &j), 200);
	items = json_object_get(j, "items");
	assert_true(json_is_array(items));
	for (i = 0; i < json_array_size(items); i++) {
		n = json_array_get(items, i);
		if (json_integer_value(json_object_get(n, "deviation_id")) == dev_id &&
		    strcmp(json_string_value(json_object_get(n, "kind")), kind) == 0)
			k++;
	}
	json_decref(j);
	client_free(&c);
	return k;
}

static void
test_reminders_and_escalation(void **st)
{
	(void)st;
	/* The handling leader was told at once; the leader above was not. */
	assert_int_equal(count(T.leader_token, "new"), 1);
	assert_int_equal(count(tok_boss, "new"), 0);

	tick_at(1);
	assert_int_equal(count(T.leader_token, "reminder"), 0);
	assert_int_equal(count(tok_boss, "escalation"), 0);

	/* 24 h before the acknowledge deadline (48 h): a reminder, once. */
	tick_at(25);
	assert_int_equal(count(T.leader_token, "reminder"), 1);
	assert_int_equal(count(tok_boss, "escalation"), 0);
	tick_at(26);
	assert_int_equal(count(T.leader_token, "reminder"), 1);

	/* Past it: escalated to the leader above, once. */
	tick_at(49);
	assert_int_equal(count(tok_boss, "escalation"), 1);
	tick_at(50);
	assert_int_equal(count(tok_boss, "escalation"), 1);
	assert_int_equal(count(T.leader_token, "reminder"), 1);

	/* The close deadline (5 days): reminder a day before, then escalation. */
	tick_at(4 * 24 + 1);
	assert_int_equal(count(T.leader_token, "reminder"), 2);
	assert_int_equal(count(tok_boss, "escalation"), 1);
	tick_at(5 * 24 + 1);
	assert_int_equal(count(tok_boss, "escalation"), 2);
	tick_at(5 * 24 + 2);
	tick_at(6 * 24);
	assert_int_equal(count(tok_boss, "escalation"), 2);
	assert_int_equal(count(T.leader_token, "reminder"), 2);
}

static void
test_mark_read(void **st)
{
	struct client	 c;
	json_t		*j, *items;
	json_int_t	 first, boss_unread;
	char		 body[64];

	(void)st;
	api_client(&c, &S, T.host, tok_boss);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?unread=1", NULL, &j), 200);
	boss_unread = json_integer_value(json_object_get(j, "unread"));
	assert_true(boss_unread > 0);
	first = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	client_free(&c);

	/* Someone else's notification is not the leader's to mark. */
	api_client(&c, &S, T.host, T.leader_token);
	snprintf(body, sizeof(body), "{\"id\":%lld}", (long long)first);
	api_call(&c, "POST", "/api/v1/notifications/read", body, &j);
	json_decref(j);
	assert_int_equal(api_call(&c, "POST", "/api/v1/notifications/read", "{\"id\":\"x\"}", &j), 400);
	assert_string_equal(json_err_field(j), "id");
	json_decref(j);
	/* All of one's own at once. */
	assert_int_equal(api_call(&c, "POST", "/api/v1/notifications/read", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "unread")), 0);
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?unread=1", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications", NULL, &j), 200);
	assert_true(json_array_size(json_object_get(j, "items")) >= 3);
	json_decref(j);
	client_free(&c);

	api_client(&c, &S, T.host, tok_boss);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?unread=1", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "unread")), boss_unread);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"id\":%lld}", (long long)first);
	assert_int_equal(api_call(&c, "POST", "/api/v1/notifications/read", body, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "unread")), boss_unread - 1);
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?unread=1", NULL, &j), 200);
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), boss_unread - 1);
	json_decref(j);
	client_free(&c);
}

/* The notification list pages by keyset (it used to stop at 200): walked
 * one at a time it gives each of the boss's notifications exactly once,
 * in the order of the whole list; odd parameters are a 400 naming them. */
static void
test_notifications_paged(void **st)
{
	struct client	 c;
	json_t		*j, *whole;
	char		 path[256], cursor[64] = "";
	size_t		 k = 0;

	(void)st;
	api_client(&c, &S, T.host, tok_boss);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?limit=500", NULL, &whole), 200);
	assert_true(json_array_size(json_object_get(whole, "items")) >= 2);
	assert_true(json_is_null(json_object_get(whole, "next")));
	for (;;) {
		if (cursor[0] == '\0')
			snprintf(path, sizeof(path), "/api/v1/notifications?limit=1");
		else
			snprintf(path, sizeof(path), "/api/v1/notifications?limit=1&after=%s", cursor);
		assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
		assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
		assert_true(k < json_array_size(json_object_get(whole, "items")));
		assert_int_equal(json_integer_value(json_object_get(json_array_get(
		    json_object_get(j, "items"), 0), "id")),
		    json_integer_value(json_object_get(json_array_get(
		    json_object_get(whole, "items"), k), "id")));
		k++;
		if (json_is_null(json_object_get(j, "next"))) {
			json_decref(j);
			break;
		}
		snprintf(cursor, sizeof(cursor), "%s", json_string_value(json_object_get(j, "next")));
		json_decref(j);
	}
	assert_int_equal(k, json_array_size(json_object_get(whole, "items")));
	json_decref(whole);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?after=12", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "after");
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?limit=501", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "limit");
	json_decref(j);
	/* The list's query is declared once (notify_query_fields) for both
	 * faces: a bad value is a 400 naming it (the page: test_http_mail). */
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?limit=ti", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "limit");
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?unread=kanskje", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "unread");
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?unread=true&limit=1", NULL, &j), 200);
	assert_true(json_array_size(json_object_get(j, "items")) <= 1);
	json_decref(j);
	client_free(&c);
}

/* A category that gives 24 h to acknowledge (personvern, by default), with
 * the default reminder 24 h before: the leader is reminded halfway, not in
 * the first minute beside the notice that the report came. */
static void
test_short_deadline_reminds_halfway(void **st)
{
	struct client	 c;
	json_t		*j;
	json_int_t	 a, kept = dev_id;
	char		 body[256];

	(void)st;
	api_client(&c, &S, T.host, T.admin_token);
	a = unit_id_of(&c, "A");
	assert_int_equal(api_call(&c, "POST", "/api/v1/categories", "{\"code\":\"kort\","
	    "\"name\":\"Kort frist\",\"ack_hours\":24,\"close_days\":14}", &j), 201);
	json_decref(j);
	client_free(&c);
	api_client(&c, &S, T.host, T.employee_token);
	snprintf(body, sizeof(body), "{\"title\":\"Kort\",\"description\":\"Snart.\","
	    "\"category\":\"kort\",\"unit_id\":%lld}", (long long)a);
	assert_int_equal(api_call(&c, "POST", "/api/v1/deviations", body, &j), 201);
	dev_id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	client_free(&c);

	assert_int_equal(count(T.leader_token, "new"), 1);
	srv_tick(&S, T.host, 60);
	assert_int_equal(count(T.leader_token, "reminder"), 0);
	tick_at(11);
	assert_int_equal(count(T.leader_token, "reminder"), 0);
	tick_at(13);
	assert_int_equal(count(T.leader_token, "reminder"), 1);
	tick_at(25);
	assert_int_equal(count(tok_boss, "escalation"), 1);
	assert_int_equal(count(T.leader_token, "reminder"), 1);
	dev_id = kept;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reminders_and_escalation),
		cmocka_unit_test(test_mark_read),
		cmocka_unit_test(test_notifications_paged),
		cmocka_unit_test(test_short_deadline_reminds_halfway),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
