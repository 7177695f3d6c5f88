/* A whistleblowing case is never left without a handler (issue 13, w19):
 * making the last active handler of an open case inactive is refused on
 * the admin page, says what to do instead, names no case, and changes
 * nothing; the case stays with its handler. The demo's walk: Kjell
 * (finance) leaves, a report sent directly to finance reaches Bente (HR),
 * and then Bente may not leave until the case has another receiver. */
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

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
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

/* Whether login is active, from the store. */
static int
is_active(const char *login)
{
	return srv_db_int(&S, "SELECT active FROM people WHERE login = $1",
	    login) != 0;
}

static void
test_last_handler_stays(void **st)
{
	struct client	 anon;
	struct resp	 r;
	json_t		*j;
	json_int_t	 id;
	int64_t		 audits;
	char		 number[64];

	(void)st;
	/* Kjell handles no open case alone: he may leave. */
	person_deactivate(&S, "kjell.fossum", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_false(is_active("kjell.fossum"));

	client_init(&anon, &S);
	id = wb_report_ok(&anon, "{\"concerns\":\"employee\","
	    "\"reporter_category\":\"hired\",\"anonymous\":true,"
	    "\"accused_name\":\"En innkjøper\",\"direct_to\":\"finance\","
	    "\"direct_reason\":\"Innkjøp.\",\"what\":\"Hendelse-7731.\","
	    "\"why_censurable\":\"Brudd på rutiner.\"}", &j);
	snprintf(number, sizeof(number), "%s",
	    json_string_value(json_object_get(j, "number")));
	json_decref(j);
	client_free(&anon);
	assert_true(wb_cases_has(session_as(&S, "bente.ronning"), id));

	/* Bente is its only active handler: refused by the check box, with
	 * what to do, nothing of the case, and nothing changed. */
	audits = srv_db_int(&S, "SELECT count(*) FROM audit_log WHERE action = $1",
	    "person_update");
	person_deactivate(&S, "bente.ronning", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-active-error"));
	assert_true(resp_has(&r, "eneste behandler av åpne varslingssaker"));
	assert_true(resp_has(&r, "Trekk inn HR som medbehandler"));
	assert_false(resp_has(&r, number));
	assert_false(resp_has(&r, "Hendelse-7731"));
	assert_false(resp_has(&r, "En innkjøper"));
	resp_free(&r);
	assert_true(is_active("bente.ronning"));
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM audit_log WHERE action = $1",
	    "person_update"), audits);
	assert_true(wb_cases_has(session_as(&S, "bente.ronning"), id));
	assert_int_equal(wb_case_get(session_as(&S, "bente.ronning"), id, &j), 200);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_last_handler_stays),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
