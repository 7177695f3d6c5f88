/* Handling a deviation from report to close over the API, as the leader
 * does it, and what the reporter is told along the way: the summary and
 * the reasons for a transfer or a return, never the internal notes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct srv S;
static char tok_emma[128], tok_lars[128], tok_bjorn[128], tok_lise[128];

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	tokens_for(&S, "emma.johansen", tok_emma, "lars.eriksen", tok_lars,
	    "bjorn.saether", tok_bjorn, "lise.aasen", tok_lise, NULL);
	srv_start(&S, NULL);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

static json_int_t
report(const char *title)
{
	char body[512];

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"description\":\"Beskrivelse.\","
	    "\"category\":\"tjenesteproduksjon\",\"severity\":2}", title);
	return dev_report_as(&S, NULL, tok_emma, body, NULL);
}

/* An action that must succeed; returns the deviation after it. */
static json_t *
act_ok(const char *token, json_int_t id, const char *body)
{
	json_t	*j;
	long	 st = dev_act_as(&S, NULL, token, id, body, &j);

	if (st != 200)
		fail_msg("%s: %ld %s", body, st, json_dumps(j, 0));
	return j;
}

static void
expect_error(const char *token, json_int_t id, const char *body, long status,
    const char *code, const char *field)
{
	json_t	*j;
	long	 st = dev_act_as(&S, NULL, token, id, body, &j);

	if (st != status || strcmp(json_err_code(j), code) != 0 ||
	    (field && (json_err_field(j) == NULL || strcmp(json_err_field(j), field) != 0)))
		fail_msg("%s: want %ld %s %s, got %ld %s", body, status, code,
		    field ? field : "", st, json_dumps(j, 0));
	json_decref(j);
}

static void
test_full_flow(void **st)
{
	json_t		*j, *m;
	json_int_t	 id, mid;
	char		 body[256], *dump;

	(void)st;
	id = report("Feil medisin gitt");

	/* The reporter may not handle: 403 (she sees it); a colleague who
	 * does not see it gets 404. */
	expect_error(tok_emma, id, "{\"action\":\"acknowledge\"}", 403, "forbidden", NULL);
	expect_error(tok_lars, id, "{\"action\":\"acknowledge\"}", 404, "not_found", NULL);
	expect_error(tok_bjorn, id, "{\"action\":\"fix\"}", 400, "invalid_field", "action");

	j = act_ok(tok_bjorn, id, "{\"action\":\"acknowledge\"}");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "acknowledged");
	assert_true(dev_has_event(j, "acknowledged", NULL));
	json_decref(j);
	expect_error(tok_bjorn, id, "{\"action\":\"acknowledge\"}", 409, "conflict", NULL);

	j = act_ok(tok_bjorn, id, "{\"action\":\"classify\",\"category\":\"legemiddel\",\"severity\":3}");
	assert_string_equal(json_string_value(json_object_get(j, "category")), "legemiddel");
	assert_int_equal(json_integer_value(json_object_get(j, "severity")), 3);
	json_decref(j);
	expect_error(tok_bjorn, id, "{\"action\":\"classify\",\"category\":\"ukjent\"}", 400, "invalid_field", "category");

	j = act_ok(tok_bjorn, id, "{\"action\":\"analyse\",\"cause\":\"Forvekslet navn på tavla\","
	    "\"consequence\":\"Ingen skade\"}");
	assert_string_equal(json_string_value(json_object_get(j, "cause")), "Forvekslet navn på tavla");
	json_decref(j);

	j = act_ok(tok_bjorn, id, "{\"action\":\"comment\",\"text\":\"Internt: snakket med vakta\"}");
	assert_true(dev_has_event(j, "comment", "Internt"));
	json_decref(j);

	expect_error(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"x\","
	    "\"responsible_login\":\"ingen.slik\"}", 400, "invalid_field", "responsible_login");
	expect_error(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"x\","
	    "\"due_at\":\"snart\"}", 400, "invalid_field", "due_at");
	expect_error(tok_bjorn, id, "{\"action\":\"add_measure\"}", 400, "invalid_field", "measure");
	/* A measure without a due date would never be announced by the tick:
	 * refused, and nothing added. */
	expect_error(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"Uten frist\","
	    "\"responsible_login\":\"lars.eriksen\"}", 400, "invalid_field", "due_at");
	j = act_ok(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"Navnelapp på medisinbegeret\","
	    "\"responsible_login\":\"lars.eriksen\",\"due_at\":\"2030-06-30\"}");
	assert_int_equal(json_array_size(json_object_get(j, "measures")), 1);
	m = json_array_get(json_object_get(j, "measures"), 0);
	assert_string_equal(json_string_value(json_object_get(m, "responsible_name")), "Lars Eriksen");
	assert_string_equal(json_string_value(json_object_get(m, "due_at")), "2030-06-30T23:59:59Z");
	assert_true(json_is_false(json_object_get(m, "done")));
	mid = json_integer_value(json_object_get(m, "id"));
	json_decref(j);

	snprintf(body, sizeof(body), "{\"action\":\"complete_measure\",\"measure_id\":%lld}", (long long)mid);
	j = act_ok(tok_bjorn, id, body);
	m = json_array_get(json_object_get(j, "measures"), 0);
	assert_true(json_is_true(json_object_get(m, "done")));
	assert_false(json_is_null(json_object_get(m, "done_at")));
	json_decref(j);

	expect_error(tok_bjorn, id, "{\"action\":\"close\"}", 400, "invalid_field", "summary");
	j = act_ok(tok_bjorn, id, "{\"action\":\"close\",\"summary\":\"Ny rutine: navnelapp på begeret.\"}");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "closed");
	assert_false(json_is_null(json_object_get(j, "closed_at")));
	json_decref(j);

	/* The reporter: closed, with the summary; no cause, no internal
	 * comment, no measures. */
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, id, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "closed");
	assert_string_equal(json_string_value(json_object_get(j, "summary")), "Ny rutine: navnelapp på begeret.");
	assert_null(json_object_get(j, "cause"));
	assert_null(json_object_get(j, "consequence"));
	assert_null(json_object_get(j, "measures"));
	assert_false(dev_has_event(j, "comment", NULL));
	assert_false(dev_has_event(j, NULL, "Internt"));
	dump = json_dumps(j, 0);
	assert_null(strstr(dump, "Forvekslet"));
	free(dump);
	assert_true(dev_has_event(j, "closed", NULL));
	json_decref(j);
	/* The leader still has all of it. */
	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 200);
	assert_true(dev_has_event(j, "comment", "Internt"));
	assert_string_equal(json_string_value(json_object_get(j, "cause")), "Forvekslet navn på tavla");
	json_decref(j);

	/* Closed: no new measures until reopened. */
	expect_error(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"Opplæring\"}", 409, "conflict", NULL);
	expect_error(tok_bjorn, id, "{\"action\":\"close\",\"summary\":\"igjen\"}", 409, "conflict", NULL);
	expect_error(tok_bjorn, id, "{\"action\":\"reopen\"}", 400, "invalid_field", "reason");
	j = act_ok(tok_bjorn, id, "{\"action\":\"reopen\",\"reason\":\"Skjedde igjen\"}");
	assert_string_not_equal(json_string_value(json_object_get(j, "status")), "closed");
	json_decref(j);
	j = act_ok(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"Opplæring av alle\","
	    "\"due_at\":\"2030-09-30\"}");
	assert_int_equal(json_array_size(json_object_get(j, "measures")), 2);
	json_decref(j);
}

static void
test_transfer_moves_it(void **st)
{
	json_t		*j;
	json_int_t	 id, sentrum = 0;
	struct client	 c;
	size_t		 i;
	char		 body[256];

	(void)st;
	api_client(&c, &S, NULL, tok_bjorn);
	assert_int_equal(api_call(&c, "GET", "/api/v1/units", NULL, &j), 200);
	for (i = 0; i < json_array_size(j); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(j, i), "code")), "sentrum-skole") == 0)
			sentrum = json_integer_value(json_object_get(json_array_get(j, i), "id"));
	json_decref(j);
	client_free(&c);
	assert_true(sentrum > 0);

	id = report("Knust vindu i gymsalen");
	assert_true(dev_listed_as(&S, NULL, tok_bjorn, "&inbox=1", id));
	assert_false(dev_listed_as(&S, NULL, tok_lise, "&inbox=1", id));

	snprintf(body, sizeof(body), "{\"action\":\"transfer\",\"unit_id\":%lld}", (long long)sentrum);
	expect_error(tok_bjorn, id, body, 400, "invalid_field", "reason");
	expect_error(tok_bjorn, id, "{\"action\":\"transfer\",\"unit_id\":99999999,\"reason\":\"x\"}",
	    400, "invalid_field", "unit_id");
	snprintf(body, sizeof(body), "{\"action\":\"transfer\",\"unit_id\":%lld,"
	    "\"reason\":\"Gymsalen tilhører Sentrum skole\"}", (long long)sentrum);
	j = act_ok(tok_bjorn, id, body);
	assert_int_equal(json_integer_value(json_object_get(j, "unit_id")), sentrum);
	json_decref(j);

	/* The new unit's leader has it; the old one no longer does. */
	assert_true(dev_listed_as(&S, NULL, tok_lise, "&inbox=1", id));
	assert_int_equal(dev_get_as(&S, NULL, tok_lise, id, &j), 200);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_bjorn, "&inbox=1", id));
	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 404);
	json_decref(j);
	/* The reporter sees where it went and why. */
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, id, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "unit_id")), sentrum);
	assert_true(dev_has_event(j, "transferred", "Gymsalen tilhører Sentrum skole"));
	json_decref(j);
}

static void
test_return_and_resubmit(void **st)
{
	json_t		*j;
	json_int_t	 id;

	(void)st;
	id = report("Noe skjedde");
	j = act_ok(tok_bjorn, id, "{\"action\":\"return\",\"reason\":\"Skriv hvor og når det skjedde\"}");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "returned");
	json_decref(j);

	assert_int_equal(dev_get_as(&S, NULL, tok_emma, id, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "returned");
	assert_string_equal(json_string_value(json_object_get(j, "return_reason")), "Skriv hvor og når det skjedde");
	assert_true(dev_has_event(j, "returned", "Skriv hvor og når det skjedde"));
	json_decref(j);

	/* Only the reporter resubmits. */
	expect_error(tok_bjorn, id, "{\"action\":\"resubmit\"}", 403, "forbidden", NULL);
	j = act_ok(tok_emma, id, "{\"action\":\"resubmit\",\"description\":\"I gymsalen, mandag kl. 10.\"}");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "new");
	assert_string_equal(json_string_value(json_object_get(j, "description")), "I gymsalen, mandag kl. 10.");
	json_decref(j);
	/* Back with the leader. */
	assert_true(dev_listed_as(&S, NULL, tok_bjorn, "&inbox=1", id));
	expect_error(tok_emma, id, "{\"action\":\"resubmit\"}", 409, "conflict", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_flow),
		cmocka_unit_test(test_transfer_moves_it),
		cmocka_unit_test(test_return_and_resubmit),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
