/* Confidential by construction, checked from the outside: after reports,
 * messages, steps and a conclusion with distinctive text, neither the
 * database file, its write-ahead log, nor the server's log holds any of
 * the text, the accused's or the reporter's name, or the receipt code.
 * Admin and quality see no case; statistics are counts for those who may
 * see them, with small cells as "<3". */
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
static struct client bjorn, emma, admin, quality, safety, hrhead;
static json_int_t case_anon, case_named, case_account;
static char code[64], code_secret[64], number[32];
static int students_before;	/* the demo's own student reports this year */

/* Everything that must never be found in clear. */
static const char *const secrets[] = {
	"Blåbærsyltetøy-7731",		/* what */
	"Tyttebærsaft-4412",		/* why_censurable */
	"Kjellerbod-Ø-1919",		/* where */
	"Vitne Gudbrand Kvitvik",	/* involved */
	"Aksel Anklagesen",		/* accused_name */
	"Rebekka Rapportørsen",		/* reporter_name */
	"rebekka3390@example.org",	/* reporter_contact */
	"Multebærmelding-6620",		/* the reporter's message */
	"Krekling-svar-7781",		/* the handler's message */
	"Rognebær-steg-9902",		/* a step of the investigation */
	"Hjortebær-tilsvar-3315",	/* the accused's statement */
	"Moltekonklusjon-5108",		/* conclusion */
	"Bringebærrapport-2207",	/* report */
};

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	session_client(&bjorn, &S, "bjorn.saether");
	session_client(&emma, &S, "emma.johansen");
	session_client(&admin, &S, "admin");
	session_client(&quality, &S, "ingrid.haugen");
	session_client(&safety, &S, "tone.myhre");
	session_client(&hrhead, &S, "bente.ronning");
	{
		json_t *j;

		assert_int_equal(api_call(&safety, "GET", "/api/v1/whistle/stats", NULL, &j), 200);
		students_before = json_object_get(json_object_get(json_object_get(j,
		    "counts"), "reporter_category"), "student") != NULL;
		json_decref(j);
	}
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	client_free(&bjorn);
	client_free(&emma);
	client_free(&admin);
	client_free(&quality);
	client_free(&safety);
	client_free(&hrhead);
	srv_stop(&S, 0);
	return 0;
}

/* The three reports and their handling that every test reads: made by
 * the first test that needs them, whichever runs first (each test runs
 * alone too), while the server still holds the handler's key. */
static void
make_cases(void)
{
	struct client	 pub;
	char		 body[2048], path[96];
	json_t		*j;
	json_int_t	 unit;
	size_t		 i, k;
	char		*d;

	if (case_anon != 0)
		return;
	unit = unit_id_of(&bjorn, "vestre-skole");
	client_init(&pub, &S);
	/* Anonymous, no account. */
	snprintf(body, sizeof(body), "{\"concerns\":\"employee\",\"reporter_category\":\"student\","
	    "\"anonymous\":true,\"unit_id\":%lld,\"accused_name\":\"Aksel Anklagesen\","
	    "\"what\":\"Blåbærsyltetøy-7731\",\"why_censurable\":\"Tyttebærsaft-4412\","
	    "\"where\":\"Kjellerbod-Ø-1919\",\"involved\":\"Vitne Gudbrand Kvitvik\"}",
	    (long long)unit);
	case_anon = wb_report_ok(&pub, body, &j);
	d = json_dumps(j, 0);
	for (i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		assert_null(strstr(d, secrets[i]));	/* never echoed */
	free(d);
	snprintf(code, sizeof(code), "%s", json_string_value(json_object_get(j, "receipt_code")));
	snprintf(number, sizeof(number), "%s", json_string_value(json_object_get(j, "number")));
	json_decref(j);
	for (i = 10, k = 0; code[i] && k + 1 < sizeof(code_secret); i++)
		if (code[i] != '-')
			code_secret[k++] = code[i];
	code_secret[k] = '\0';
	assert_true(strlen(code_secret) >= 16);

	/* Named, no account. */
	snprintf(body, sizeof(body), "{\"concerns\":\"employee\",\"reporter_category\":\"hired\","
	    "\"unit_id\":%lld,\"accused_name\":\"Aksel Anklagesen\","
	    "\"reporter_name\":\"Rebekka Rapportørsen\",\"reporter_contact\":\"rebekka3390@example.org\","
	    "\"what\":\"Blåbærsyltetøy-7731\",\"why_censurable\":\"Tyttebærsaft-4412\"}",
	    (long long)unit);
	case_named = wb_report_ok(&pub, body, NULL);

	/* With an account. */
	case_account = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_name\":\"Aksel Anklagesen\",\"what\":\"Blåbærsyltetøy-7731\","
	    "\"why_censurable\":\"Tyttebærsaft-4412\"}", NULL);

	/* Messages both ways, steps, the accused heard, a conclusion. */
	assert_int_equal(api_call(&pub, "POST", "/api/v1/whistle/receipt",
	    (snprintf(body, sizeof(body), "{\"receipt_code\":\"%s\"}", code), body), &j), 200);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/whistle/reports/%lld/messages", (long long)case_anon);
	assert_int_equal(api_call(&pub, "POST", path, "{\"text\":\"Multebærmelding-6620\"}", &j), 201);
	json_decref(j);
	json_decref(wb_act_ok(&bjorn, case_anon, "{\"action\":\"declare_impartial\"}"));
	json_decref(wb_act_ok(&bjorn, case_anon, "{\"action\":\"acknowledge\"}"));
	json_decref(wb_act_ok(&bjorn, case_anon, "{\"action\":\"message\",\"text\":\"Krekling-svar-7781\"}"));
	json_decref(wb_act_ok(&bjorn, case_anon, "{\"action\":\"investigate\"}"));
	json_decref(wb_act_ok(&bjorn, case_anon, "{\"action\":\"log_step\",\"kind\":\"investigation\","
	    "\"text\":\"Rognebær-steg-9902\"}"));
	json_decref(wb_act_ok(&bjorn, case_anon, "{\"action\":\"accused_heard\",\"text\":\"Hjortebær-tilsvar-3315\"}"));
	json_decref(wb_act_ok(&bjorn, case_anon, "{\"action\":\"conclude\",\"report\":\"Bringebærrapport-2207\","
	    "\"conclusion\":\"Moltekonklusjon-5108\",\"outcome\":\"partly\"}"));
	/* The handler does read it all back, so it is really there. */
	assert_int_equal(wb_case_get(&bjorn, case_anon, &j), 200);
	d = json_dumps(j, 0);
	assert_non_null(strstr(d, "Blåbærsyltetøy-7731"));
	assert_non_null(strstr(d, "Moltekonklusjon-5108"));
	assert_non_null(strstr(d, "Multebærmelding-6620"));
	free(d);
	json_decref(j);
	client_free(&pub);
}

static void
test_reports_and_handling(void **st)
{
	(void)st;
	make_cases();
	assert_true(case_anon > 0 && case_named > 0 && case_account > 0);
	assert_true(case_anon != case_named && case_named != case_account);
}

static void
files_clean(const char *when)
{
	const char	*all[sizeof(secrets) / sizeof(secrets[0]) + 2];
	size_t		 i, n = 0;
	int		 f;

	for (i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		all[n++] = secrets[i];
	all[n++] = code;
	all[n++] = code_secret;
	for (i = 0; i < n; i++)
		if (file_has(S.log, all[i]) == 1)
			fail_msg("%s: the server log holds \"%s\"", when,
			    i < n - 2 ? all[i] : "the receipt code");
	if ((f = srv_store_find(&S, all, n)) >= 0)
		fail_msg("%s: the database holds \"%s\"", when,
		    (size_t)f < n - 2 ? all[f] : "the receipt code");
}

/* No request line of a whistleblower's route carries the client address:
 * the log must not tell who reported, nor from where. */
static void
log_has_no_reporter_address(void)
{
	FILE	*f = fopen(S.log, "r");
	char	 line[4096];
	int	 n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strstr(line, "api_wb_report") == NULL &&
		    strstr(line, "api_wb_receipt") == NULL &&
		    strstr(line, "api_wb_message") == NULL &&
		    strstr(line, "api_wb_mine") == NULL)
			continue;
		n++;
		if (strstr(line, "127.0.0.1") != NULL)
			fail_msg("the server log has a reporter's address: %s", line);
	}
	fclose(f);
	assert_true(n > 0);
}

/* Read the files while the server runs (the WAL not checkpointed). */
static void
test_files_hold_no_text(void **st)
{
	(void)st;
	make_cases();
	/* The search does find what is stored in clear: the case number
	 * (metadata) in the database or its log, the route in the server log. */
	assert_true(srv_store_has(&S, number));
	assert_int_equal(file_has(S.log, "api_wb_report"), 1);
	files_clean("running");
	log_has_no_reporter_address();
}

static void
test_admin_and_quality_see_nothing(void **st)
{
	json_int_t	 ids[3];
	struct client	*who[2] = { &admin, &quality };
	json_t		*j;
	size_t		 i, k;

	(void)st;
	make_cases();
	ids[0] = case_anon;
	ids[1] = case_named;
	ids[2] = case_account;
	for (k = 0; k < 2; k++) {
		for (i = 0; i < 3; i++) {
			assert_false(wb_cases_has(who[k], ids[i]));
			assert_int_equal(wb_case_get(who[k], ids[i], &j), 404);
			json_decref(j);
		}
		/* The quality adviser gets the suppressed counts (issue 10,
		 * Rana's point g), never a case; the admin nothing. */
		assert_int_equal(api_call(who[k], "GET", "/api/v1/whistle/stats", NULL, &j),
		    k == 0 ? 403 : 200);
		json_decref(j);
	}
	/* Emma reported case_account: she sees her own report, not as handler. */
	assert_int_equal(wb_case_get(&emma, case_account, &j), 404);
	json_decref(j);
}

/* Every count is an integer of at least 3, "<3" or "hidden". */
static void
counts_safe(json_t *o)
{
	const char	*k;
	json_t		*v;

	if (json_is_string(o)) {
		/* "<3", or "hidden" where a small cell could be worked out. */
		if (strcmp(json_string_value(o), "hidden") != 0)
			assert_string_equal(json_string_value(o), "<3");
		return;
	}
	if (json_is_integer(o)) {
		assert_true(json_integer_value(o) >= 3);
		return;
	}
	assert_true(json_is_object(o));
	json_object_foreach(o, k, v)
		counts_safe(v);
}

/* Counts for the chief safety representative and HR: small cells hidden,
 * no text and no case numbers. */
static void
test_stats(void **st)
{
	json_t	*j, *counts;
	char	*d;
	size_t	 i;

	(void)st;
	make_cases();
	assert_int_equal(api_call(&safety, "GET", "/api/v1/whistle/stats", NULL, &j), 200);
	counts = json_object_get(j, "counts");
	assert_non_null(json_object_get(counts, "procedure"));
	assert_non_null(json_object_get(counts, "reporter_category"));
	assert_non_null(json_object_get(counts, "state"));
	assert_non_null(json_object_get(counts, "outcome"));
	/* Three reports this year, all procedure 1; the one from a student
	 * is a cell of one. */
	counts_safe(counts);
	counts_safe(json_object_get(j, "total"));
	assert_true(json_integer_value(json_object_get(j, "total")) >= 3);
	assert_true(json_integer_value(json_object_get(json_object_get(counts,
	    "procedure"), "1")) >= 3);
	if (!students_before)
		assert_string_equal(json_string_value(json_object_get(json_object_get(counts,
		    "reporter_category"), "student")), "<3");
	d = json_dumps(j, 0);
	assert_null(strstr(d, "VA-"));
	for (i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		assert_null(strstr(d, secrets[i]));
	free(d);
	json_decref(j);
	assert_int_equal(api_call(&hrhead, "GET", "/api/v1/whistle/stats?year=all", NULL, &j), 200);
	json_decref(j);
	assert_int_equal(api_call(&safety, "GET", "/api/v1/whistle/stats?year=abc", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "year");
	json_decref(j);
	assert_int_equal(api_call(&safety, "GET", "/api/v1/whistle/stats?year=1999", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "year");
	json_decref(j);
	/* Declared as a code (wb_stats_query_fields): a value that is not
	 * even one is refused by the same 400. */
	assert_int_equal(api_call(&safety, "GET", "/api/v1/whistle/stats?year=20%2026", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "year");
	json_decref(j);
	assert_int_equal(api_call(&safety, "GET", "/api/v1/whistle/stats?year=2026", NULL, &j), 200);
	json_decref(j);
	assert_int_equal(api_call(&emma, "GET", "/api/v1/whistle/stats", NULL, &j), 403);
	json_decref(j);
}

/* After a clean stop (SQLite checkpoints the WAL into the file). */
static void
test_files_after_stop(void **st)
{
	(void)st;
	make_cases();
	srv_stop(&S, 1);
	files_clean("stopped");
	srv_start(&S, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reports_and_handling),
		cmocka_unit_test(test_files_hold_no_text),
		cmocka_unit_test(test_admin_and_quality_see_nothing),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_files_after_stop),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
