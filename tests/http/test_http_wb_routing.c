/* Whistleblowing routing over HTTP, with the demo municipality: who gets
 * a report in their case list, and that everyone else (the accused, the
 * other leaders, excluded party members, admin, quality) gets 404 on it,
 * the same as for a case that does not exist (seeds/004, procedures 1-4). */
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

/* One signed-in client per person, made on first use (harness.h). */
static struct client *
as(const char *login)
{
	return session_as(&S, login);
}

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

/* Every login in yes handles case id (lists it, opens its metadata);
 * every login in no neither lists it nor gets anything but 404. */
static void
check(json_int_t id, const char *const *yes, const char *const *no)
{
	json_t	*j;
	long	 st;

	for (; yes != NULL && *yes != NULL; yes++) {
		if (!wb_cases_has(as(*yes), id))
			fail_msg("%s should handle case %lld", *yes, (long long)id);
		assert_int_equal(wb_case_get(as(*yes), id, &j), 200);
		assert_int_equal(json_integer_value(json_object_get(j, "id")), id);
		json_decref(j);
	}
	for (; no != NULL && *no != NULL; no++) {
		if (wb_cases_has(as(*no), id))
			fail_msg("%s must not see case %lld", *no, (long long)id);
		st = wb_case_get(as(*no), id, &j);
		if (st != 404)
			fail_msg("%s got %ld on case %lld", *no, st, (long long)id);
		assert_string_equal(json_err_code(j), "not_found");
		json_decref(j);
		st = wb_act(as(*no), id, "{\"action\":\"declare_impartial\"}", &j);
		if (st != 404)
			fail_msg("%s could act (%ld) on case %lld", *no, st, (long long)id);
		json_decref(j);
	}
}

static json_int_t
report_as(const char *login, const char *body, int procedure)
{
	json_t		*j;
	json_int_t	 id = wb_report_ok(as(login), body, &j);

	assert_int_equal(json_integer_value(json_object_get(j, "procedure")), procedure);
	assert_string_equal(json_string_value(json_object_get(j, "state")), "received");
	assert_non_null(json_string_value(json_object_get(j, "number")));
	assert_int_equal(strncmp(json_string_value(json_object_get(j, "number")), "VA-", 3), 0);
	/* A signed-in reporter who is not anonymous follows it from the
	 * account: no receipt code. Nothing of the content comes back. */
	assert_null(json_object_get(j, "receipt_code"));
	assert_null(json_object_get(j, "what"));
	json_decref(j);
	return id;
}

#define BODY(extra) "{\"what\":\"Hendelse.\",\"why_censurable\":\"Brudd på rutiner.\"," extra "}"

/* Procedure 1: a colleague -> the reporter's nearest leader only. */
static void
test_colleague_to_nearest_leader(void **st)
{
	static const char *const yes[] = { "bjorn.saether", NULL };
	static const char *const no[] = { "lars.eriksen", "trine.larsen", "lise.aasen",
	    "kari.nilsen", "admin", "ingrid.haugen", "emma.johansen", NULL };
	json_int_t id;

	(void)st;
	id = report_as("emma.johansen", BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"accused_login\":\"lars.eriksen\""), 1);
	check(id, yes, no);
}

/* The accused is the nearest leader -> the leader above; the accused
 * never sees it, whether named by login or by the flag alone. */
static void
test_nearest_leader_goes_above(void **st)
{
	static const char *const yes[] = { "trine.larsen", NULL };
	static const char *const no[] = { "bjorn.saether", "lise.aasen", "lars.eriksen", NULL };
	json_int_t id;

	(void)st;
	id = report_as("emma.johansen", BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"accused_login\":\"bjorn.saether\","
	    "\"about_nearest_leader\":true"), 1);
	check(id, yes, no);
	id = report_as("lars.eriksen", BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"accused_name\":\"Min leder\","
	    "\"about_nearest_leader\":true"), 1);
	check(id, yes, no);
}

/* Directly to HR or finance with a reason; without the reason nothing is stored. */
static void
test_direct_to_hr_and_finance(void **st)
{
	static const char *const hr_yes[] = { "bente.ronning", NULL };
	static const char *const hr_no[] = { "bjorn.saether", "kjell.fossum", "lars.eriksen", NULL };
	static const char *const fin_yes[] = { "kjell.fossum", NULL };
	static const char *const fin_no[] = { "bjorn.saether", "bente.ronning", NULL };
	json_int_t	 id;
	json_t		*j;
	size_t		 before;

	(void)st;
	id = report_as("emma.johansen", BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"accused_login\":\"lars.eriksen\","
	    "\"direct_to\":\"hr\",\"direct_reason\":\"Arbeidsmiljø.\""), 1);
	check(id, hr_yes, hr_no);
	id = report_as("emma.johansen", BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"accused_login\":\"lars.eriksen\","
	    "\"direct_to\":\"finance\",\"direct_reason\":\"Innkjøp.\""), 1);
	check(id, fin_yes, fin_no);

	assert_int_equal(api_call(as("bente.ronning"), "GET", "/api/v1/whistle/cases", NULL, &j), 200);
	before = json_array_size(json_object_get(j, "items"));
	json_decref(j);
	assert_int_equal(api_call(as("emma.johansen"), "POST", "/api/v1/whistle/reports",
	    BODY("\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_login\":\"lars.eriksen\",\"direct_to\":\"hr\""), &j), 400);
	assert_string_equal(json_err_field(j), "direct_reason");
	json_decref(j);
	assert_int_equal(api_call(as("bente.ronning"), "GET", "/api/v1/whistle/cases", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), before);
	json_decref(j);
}

/* Procedure 2: the chief executive -> the mayor and the opposition leader. */
static void
test_chief_executive_to_mayor_and_opposition(void **st)
{
	static const char *const yes[] = { "arne.brattli", "hilde.sandvik", NULL };
	static const char *const no[] = { "kari.nilsen", "bjorn.saether", "per.moe",
	    "bente.ronning", "admin", NULL };
	static const char *const pyes[] = { "arne.brattli", "hilde.sandvik", "per.moe",
	    "marit.lie", "jon.berg", NULL };
	static const char *const pno[] = { "kari.nilsen", "randi.foss", NULL };
	static const char *const ayes[] = { "arne.brattli", "hilde.sandvik", "bente.ronning", NULL };
	static const char *const ano[] = { "kari.nilsen", NULL };
	json_int_t	 id;
	json_t		*j;

	(void)st;
	id = report_as("emma.johansen", BODY("\"concerns\":\"chief_executive\","
	    "\"reporter_category\":\"employee\",\"accused_login\":\"kari.nilsen\""), 2);
	check(id, yes, no);
	/* Personal conduct: to formannskap, never the accused. */
	json_decref(wb_act_ok(as("arne.brattli"), id, "{\"action\":\"declare_impartial\"}"));
	assert_int_equal(wb_act(as("arne.brattli"), id, "{\"action\":\"decide\","
	    "\"decision\":\"sack_her\"}", &j), 400);
	assert_string_equal(json_err_field(j), "decision");
	json_decref(j);
	j = wb_act_ok(as("arne.brattli"), id, "{\"action\":\"decide\","
	    "\"decision\":\"personal_conduct\",\"council_required\":true}");
	assert_true(json_is_true(json_object_get(j, "council_required")));
	json_decref(j);
	check(id, pyes, pno);
	/* An administrative matter: the administration (HR head) handles it. */
	id = report_as("lars.eriksen", BODY("\"concerns\":\"chief_executive\","
	    "\"reporter_category\":\"employee\",\"accused_login\":\"kari.nilsen\""), 2);
	json_decref(wb_act_ok(as("hilde.sandvik"), id, "{\"action\":\"declare_impartial\"}"));
	json_decref(wb_act_ok(as("hilde.sandvik"), id, "{\"action\":\"decide\","
	    "\"decision\":\"administrative\"}"));
	check(id, ayes, ano);
}

/* Procedure 3: an elected official, from an employee -> nearest leader and
 * chief executive; forwarded to formannskap without the accused's party. */
static void
test_elected_from_employee_then_formannskap(void **st)
{
	static const char *const yes[] = { "bjorn.saether", "kari.nilsen", NULL };
	static const char *const no[] = { "per.moe", "arne.brattli", "hilde.sandvik",
	    "trine.larsen", NULL };
	static const char *const fyes[] = { "bjorn.saether", "kari.nilsen", "hilde.sandvik",
	    "marit.lie", "jon.berg", "ola.grande", "anne.kvam", NULL };
	/* per.moe is the accused; arne.brattli sits in formannskap for the
	 * same party (Ap) and must step aside. */
	static const char *const fno[] = { "per.moe", "arne.brattli", "randi.foss", NULL };
	json_int_t	 id;
	json_t		*j;

	(void)st;
	id = report_as("emma.johansen", BODY("\"concerns\":\"elected\","
	    "\"reporter_category\":\"employee\",\"accused_login\":\"per.moe\""), 3);
	check(id, yes, no);
	json_decref(wb_act_ok(as("bjorn.saether"), id, "{\"action\":\"declare_impartial\"}"));
	j = wb_act_ok(as("bjorn.saether"), id, "{\"action\":\"forward\"}");
	json_decref(j);
	check(id, fyes, fno);
}

/* Procedure 4: an elected official, from an elected official -> the group
 * leader of the accused's party; the party group when the accused is the
 * group leader. */
static void
test_elected_from_elected(void **st)
{
	static const char *const yes[] = { "marit.lie", NULL };
	static const char *const no[] = { "jon.berg", "per.moe", "arne.brattli", NULL };
	static const char *const gyes[] = { "jon.berg", NULL };
	static const char *const gno[] = { "marit.lie", "per.moe", NULL };
	json_int_t id;

	(void)st;
	id = report_as("randi.foss", BODY("\"concerns\":\"elected\","
	    "\"reporter_category\":\"elected\",\"accused_login\":\"jon.berg\""), 4);
	check(id, yes, no);
	id = report_as("randi.foss", BODY("\"concerns\":\"elected\","
	    "\"reporter_category\":\"elected\",\"accused_login\":\"marit.lie\""), 4);
	check(id, gyes, gno);
}

/* Bad input is refused naming the field, and nothing is stored. */
static void
test_bad_input(void **st)
{
	static const struct { const char *body, *field; } bad[] = {
		{ BODY("\"concerns\":\"boss\",\"reporter_category\":\"employee\""), "concerns" },
		{ BODY("\"concerns\":\"employee\",\"reporter_category\":\"neighbour\""), "reporter_category" },
		/* An unknown accused_login is no error (that would tell who
		 * has a login): test_http_wb_faults.c. */
		{ "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
		    "\"why_censurable\":\"x\"}", "what" },
		{ "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
		    "\"what\":\"x\"}", "why_censurable" },
		{ BODY("\"concerns\":\"employee\",\"reporter_category\":\"employee\","
		    "\"direct_to\":\"boss\",\"direct_reason\":\"x\""), "direct_to" },
		{ BODY("\"concerns\":\"employee\",\"reporter_category\":\"employee\","
		    "\"anonymous\":true,\"reporter_name\":\"Emma\""), "reporter_name" },
		{ BODY("\"concerns\":\"employee\",\"reporter_category\":\"employee\","
		    "\"unit_id\":999999"), "unit_id" },
	};
	json_t	*j;
	size_t	 i, before;

	(void)st;
	assert_int_equal(api_call(as("bjorn.saether"), "GET", "/api/v1/whistle/cases", NULL, &j), 200);
	before = json_array_size(json_object_get(j, "items"));
	json_decref(j);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long code = api_call(as("emma.johansen"), "POST", "/api/v1/whistle/reports",
		    bad[i].body, &j);

		if (code != 400 || json_err_field(j) == NULL ||
		    strcmp(json_err_field(j), bad[i].field) != 0)
			fail_msg("%s: %ld %s", bad[i].body, code, json_dumps(j, 0));
		json_decref(j);
	}
	assert_int_equal(api_call(as("bjorn.saether"), "GET", "/api/v1/whistle/cases", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), before);
	json_decref(j);
	/* Registering an oral report is for handlers only. */
	assert_int_equal(api_call(as("emma.johansen"), "POST", "/api/v1/whistle/reports",
	    BODY("\"concerns\":\"employee\",\"reporter_category\":\"employee\",\"oral\":true"),
	    &j), 403);
	json_decref(j);
}

/* An oral report registered by a handler gets a receipt code to hand to
 * the reporter, and is routed like any other. */
static void
test_oral_report(void **st)
{
	json_t		*j;
	json_int_t	 id, unit;

	(void)st;
	unit = unit_id_of(as("bente.ronning"), "vestre-skole");
	{
		char body[512];

		snprintf(body, sizeof(body), BODY("\"concerns\":\"employee\","
		    "\"reporter_category\":\"hired\",\"accused_name\":\"En vikar\","
		    "\"oral\":true,\"unit_id\":%lld"), (long long)unit);
		id = wb_report_ok(as("bente.ronning"), body, &j);
	}
	assert_non_null(json_string_value(json_object_get(j, "receipt_code")));
	json_decref(j);
	assert_true(wb_cases_has(as("bjorn.saether"), id));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_colleague_to_nearest_leader),
		cmocka_unit_test(test_nearest_leader_goes_above),
		cmocka_unit_test(test_direct_to_hr_and_finance),
		cmocka_unit_test(test_chief_executive_to_mayor_and_opposition),
		cmocka_unit_test(test_elected_from_employee_then_formannskap),
		cmocka_unit_test(test_elected_from_elected),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_oral_report),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
