/* A whistleblowing case from report to close over the API, as the handler
 * does it, and what the reporter is told along the way: that it was
 * received, acknowledged, in progress and closed, and the messages; never
 * the steps, the accused's statement, the report, the conclusion or the
 * outcome. The content stays locked until the handler has declared that
 * they are impartial, and to a bearer token always. */
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
static struct client emma, bjorn, lars, trine;

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	session_client(&emma, &S, "emma.johansen");
	session_client(&bjorn, &S, "bjorn.saether");
	session_client(&lars, &S, "lars.eriksen");
	session_client(&trine, &S, "trine.larsen");
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	client_free(&emma);
	client_free(&bjorn);
	client_free(&lars);
	client_free(&trine);
	srv_stop(&S, 0);
	return 0;
}

static const char *
sget(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	if (s == NULL)
		fail_msg("no string %s in %s", key, json_dumps(o, 0));
	return s;
}

/* Emma's view of case id (GET mine), borrowed from *all (caller decrefs). */
static json_t *
mine_of(struct client *c, json_int_t id, json_t **all)
{
	json_t	*e;
	size_t	 i;

	assert_int_equal(api_call(c, "GET", "/api/v1/whistle/reports/mine", NULL, all), 200);
	assert_true(json_is_array(*all));
	for (i = 0; i < json_array_size(*all); i++) {
		e = json_array_get(*all, i);
		if (json_integer_value(json_object_get(e, "id")) == id)
			return e;
	}
	fail_msg("case %lld not in mine", (long long)id);
	return NULL;
}

/* Whether any message (from_reporter as given; -1 any) contains needle. */
static int
has_message(json_t *view, int from_reporter, const char *needle)
{
	json_t	*m = json_object_get(view, "messages"), *e;
	size_t	 i;

	for (i = 0; i < json_array_size(m); i++) {
		e = json_array_get(m, i);
		if (from_reporter >= 0 &&
		    json_boolean_value(json_object_get(e, "from_reporter")) != from_reporter)
			continue;
		if (needle == NULL || strstr(sget(e, "text"), needle) != NULL)
			return 1;
	}
	return 0;
}

static int
has_event_text(json_t *c, const char *needle)
{
	json_t		*ev = json_object_get(c, "events");
	const char	*t;
	size_t		 i;

	assert_true(json_is_array(ev));
	for (i = 0; i < json_array_size(ev); i++) {
		t = json_string_value(json_object_get(json_array_get(ev, i), "text"));
		if (t != NULL && strstr(t, needle) != NULL)
			return 1;
	}
	return 0;
}

static void
expect(struct client *c, json_int_t id, const char *body, long status, const char *code)
{
	json_t	*j;
	long	 st = wb_act(c, id, body, &j);

	if (st != status || (code && (json_err_code(j) == NULL ||
	    strcmp(json_err_code(j), code) != 0)))
		fail_msg("%s: want %ld %s, got %ld %s", body, status, code ? code : "",
		    st, json_dumps(j, 0));
	json_decref(j);
}

static void
test_full_flow(void **st)
{
	json_t		*j, *v, *all;
	json_int_t	 id;
	char		*dump;
	char		 tok[128];
	struct client	 api;

	(void)st;
	id = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_login\":\"lars.eriksen\",\"what\":\"Flyt-hva-5150\","
	    "\"why_censurable\":\"Flyt-hvorfor\",\"when\":\"mars 2026\","
	    "\"where\":\"Lærerværelset\",\"involved\":\"To kolleger\"}", NULL);

	/* Before the declaration: metadata and handlers, no content. */
	assert_int_equal(wb_case_get(&bjorn, id, &j), 200);
	assert_string_equal(sget(j, "state"), "received");
	assert_true(json_is_null(json_object_get(j, "content")));
	assert_true(json_is_null(json_object_get(j, "events")));
	assert_string_equal(sget(json_object_get(j, "locked"), "code"), "impartiality");
	assert_false(json_is_true(json_object_get(j, "my_impartiality")));
	assert_true(json_array_size(json_object_get(j, "handlers")) >= 1);
	assert_false(json_is_null(json_object_get(j, "due_at")));
	dump = json_dumps(j, 0);
	assert_null(strstr(dump, "Flyt-hva-5150"));
	free(dump);
	json_decref(j);
	expect(&bjorn, id, "{\"action\":\"acknowledge\"}", 403, "locked");

	/* A bearer token sees metadata but never content. */
	token_for(&S, NULL, "bjorn.saether", tok, sizeof(tok));
	api_client(&api, &S, NULL, tok);
	assert_int_equal(wb_case_get(&api, id, &j), 200);
	assert_true(json_is_null(json_object_get(j, "content")));
	assert_string_equal(sget(json_object_get(j, "locked"), "code"), "session");
	/* It says where a person signed in by a provider opens the key. */
	assert_non_null(strstr(sget(json_object_get(j, "locked"), "message"),
	    "/account/vault"));
	json_decref(j);
	assert_true(wb_cases_has(&api, id));

	/* Impartial: the content opens. */
	j = wb_act_ok(&bjorn, id, "{\"action\":\"declare_impartial\"}");
	assert_true(json_is_true(json_object_get(j, "my_impartiality")));
	assert_true(json_is_null(json_object_get(j, "locked")));
	assert_string_equal(sget(json_object_get(j, "content"), "what"), "Flyt-hva-5150");
	assert_string_equal(sget(json_object_get(j, "content"), "where"), "Lærerværelset");
	json_decref(j);
	expect(&api, id, "{\"action\":\"acknowledge\"}", 403, "locked");
	assert_int_equal(wb_case_get(&api, id, &j), 200);
	assert_true(json_is_null(json_object_get(j, "content")));
	json_decref(j);
	client_free(&api);

	/* Acknowledged: the reporter is told. */
	j = wb_act_ok(&bjorn, id, "{\"action\":\"acknowledge\"}");
	assert_string_equal(sget(j, "state"), "acknowledged");
	json_decref(j);
	v = mine_of(&emma, id, &all);
	assert_string_equal(sget(v, "state"), "acknowledged");
	assert_true(has_message(v, 0, NULL));
	assert_string_equal(sget(json_object_get(v, "content"), "what"), "Flyt-hva-5150");
	json_decref(all);

	expect(&bjorn, id, "{\"action\":\"acknowledge\"}", 409, "conflict");
	j = wb_act_ok(&bjorn, id, "{\"action\":\"investigate\"}");
	assert_string_equal(sget(j, "state"), "investigating");
	json_decref(j);
	v = mine_of(&emma, id, &all);
	assert_string_equal(sget(v, "state"), "in_progress");
	json_decref(all);

	j = wb_act_ok(&bjorn, id, "{\"action\":\"log_step\",\"kind\":\"investigation\","
	    "\"text\":\"Steg-samtale-8811\"}");
	assert_true(has_event_text(j, "Steg-samtale-8811"));
	json_decref(j);
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"log_step\",\"kind\":\"care\","
	    "\"text\":\"Omsorg-oppfolging-8812\"}"));
	expect(&bjorn, id, "{\"action\":\"log_step\",\"kind\":\"gossip\",\"text\":\"x\"}", 400, "invalid_field");
	expect(&bjorn, id, "{\"action\":\"log_step\",\"kind\":\"care\"}", 400, "invalid_field");
	expect(&bjorn, id, "{\"action\":\"log_step\",\"kind\":\"care\",\"text\":\"x\","
	    "\"step_at\":\"2999-01-01T00:00:00Z\"}", 400, "invalid_field");

	/* No conclusion before the accused was heard. */
	expect(&bjorn, id, "{\"action\":\"conclude\",\"report\":\"Rapport-8813\","
	    "\"conclusion\":\"Konklusjon-8814\",\"outcome\":\"substantiated\"}", 409, "conflict");
	j = wb_act_ok(&bjorn, id, "{\"action\":\"accused_heard\",\"text\":\"Tilsvar-8815\"}");
	assert_true(json_is_true(json_object_get(j, "accused_heard")));
	json_decref(j);
	expect(&bjorn, id, "{\"action\":\"conclude\",\"report\":\"Rapport-8813\","
	    "\"conclusion\":\"Konklusjon-8814\",\"outcome\":\"maybe\"}", 400, "invalid_field");
	j = wb_act_ok(&bjorn, id, "{\"action\":\"conclude\",\"report\":\"Rapport-8813\","
	    "\"conclusion\":\"Konklusjon-8814\",\"outcome\":\"substantiated\"}");
	assert_string_equal(sget(j, "state"), "concluded");
	assert_string_equal(sget(j, "outcome"), "substantiated");
	json_decref(j);

	/* Closing needs the archive reference first. */
	expect(&bjorn, id, "{\"action\":\"close\"}", 409, "conflict");
	j = wb_act_ok(&bjorn, id, "{\"action\":\"archive\",\"archive_ref\":\"2026/0042\"}");
	assert_string_equal(sget(j, "archive_ref"), "2026/0042");
	assert_non_null(strstr(sget(j, "exemption_basis"), "13"));
	json_decref(j);
	j = wb_act_ok(&bjorn, id, "{\"action\":\"close\"}");
	assert_string_equal(sget(j, "state"), "closed");
	json_decref(j);

	/* The reporter: closed, and nothing of how it ended. */
	v = mine_of(&emma, id, &all);
	assert_string_equal(sget(v, "state"), "closed");
	assert_true(has_message(v, 0, NULL));
	dump = json_dumps(all, 0);
	assert_null(strstr(dump, "Steg-samtale-8811"));
	assert_null(strstr(dump, "Omsorg-oppfolging-8812"));
	assert_null(strstr(dump, "Rapport-8813"));
	assert_null(strstr(dump, "Konklusjon-8814"));
	assert_null(strstr(dump, "Tilsvar-8815"));
	assert_null(strstr(dump, "substantiated"));
	assert_null(strstr(dump, "outcome"));
	assert_null(strstr(dump, "2026/0042"));
	free(dump);
	json_decref(all);

	/* The accused never: not before, not after. */
	assert_int_equal(wb_case_get(&lars, id, &j), 404);
	json_decref(j);
	assert_false(wb_cases_has(&lars, id));
	/* The handler still reads the whole log, and every step is dated. */
	assert_int_equal(wb_case_get(&bjorn, id, &j), 200);
	assert_true(has_event_text(j, "Tilsvar-8815"));
	assert_true(has_event_text(j, "Omsorg-oppfolging-8812"));
	json_decref(j);
}

/* Messages both ways with an account: the handler writes, the reporter
 * reads and answers, the handler reads the answer. */
static void
test_messages_with_account(void **st)
{
	json_t		*j, *v, *all;
	json_int_t	 id;
	char		 path[96];

	(void)st;
	id = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_login\":\"lars.eriksen\",\"what\":\"Meldinger\",\"why_censurable\":\"x\"}", NULL);
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"declare_impartial\"}"));
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"message\",\"text\":\"Spørsmål-7001\"}"));
	v = mine_of(&emma, id, &all);
	assert_true(has_message(v, 0, "Spørsmål-7001"));
	json_decref(all);
	snprintf(path, sizeof(path), "/api/v1/whistle/reports/%lld/messages", (long long)id);
	assert_int_equal(api_call(&emma, "POST", path, "{\"text\":\"Svar-7002\"}", &j), 201);
	assert_true(has_message(j, 1, "Svar-7002"));
	json_decref(j);
	assert_int_equal(wb_case_get(&bjorn, id, &j), 200);
	assert_true(has_event_text(j, "Svar-7002"));
	json_decref(j);
	/* Only the reporter may write there: the accused and the handler get 404. */
	assert_int_equal(api_call(&lars, "POST", path, "{\"text\":\"Inn-7003\"}", &j), 404);
	json_decref(j);
	assert_int_equal(api_call(&bjorn, "POST", path, "{\"text\":\"Inn-7004\"}", &j), 404);
	json_decref(j);
	/* Without the CSRF header a cookie session cannot post. */
	emma.csrf_header = 0;
	assert_int_equal(api_call(&emma, "POST", path, "{\"text\":\"Inn-7005\"}", &j), 403);
	assert_string_equal(json_err_code(j), "csrf");
	json_decref(j);
	emma.csrf_header = 1;
	/* A bearer token carries no key: the reporter's view stays locked. */
	{
		struct client	api;
		char		tok[128];

		token_for(&S, NULL, "emma.johansen", tok, sizeof(tok));
		api_client(&api, &S, NULL, tok);
		assert_int_equal(api_call(&api, "GET", "/api/v1/whistle/reports/mine", NULL, &j), 403);
		assert_string_equal(json_err_code(j), "locked");
		json_decref(j);
		assert_int_equal(api_call(&api, "POST", path, "{\"text\":\"Token-7006\"}", &j), 403);
		assert_string_equal(json_err_code(j), "locked");
		json_decref(j);
		client_free(&api);
	}
	/* Others do not see it among their own reports. */
	assert_int_equal(api_call(&lars, "GET", "/api/v1/whistle/reports/mine", NULL, &all), 200);
	assert_int_equal(json_array_size(all), 0);
	json_decref(all);
}

/* A handler who is not impartial leaves the case; it goes on to someone
 * else, never to the accused. */
static void
test_recuse(void **st)
{
	json_t		*j;
	json_int_t	 id;

	(void)st;
	id = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_login\":\"lars.eriksen\",\"what\":\"Inhabil\",\"why_censurable\":\"x\"}", NULL);
	expect(&bjorn, id, "{\"action\":\"recuse\"}", 400, "invalid_field");
	j = wb_act_ok(&bjorn, id, "{\"action\":\"recuse\",\"reason\":\"Nær venn av den det gjelder.\"}");
	assert_true(json_is_true(json_object_get(j, "recused")));
	json_decref(j);
	assert_int_equal(wb_case_get(&bjorn, id, &j), 404);
	json_decref(j);
	assert_false(wb_cases_has(&bjorn, id));
	assert_false(wb_cases_has(&lars, id));
}

/* Not a whistleblowing case: closed with a reason; the reporter sees it
 * closed. */
static void
test_not_whistleblowing(void **st)
{
	json_t		*j, *v, *all;
	json_int_t	 id;

	(void)st;
	id = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_login\":\"lars.eriksen\",\"what\":\"Lønn\",\"why_censurable\":\"x\"}", NULL);
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"declare_impartial\"}"));
	expect(&bjorn, id, "{\"action\":\"not_whistleblowing\"}", 400, "invalid_field");
	j = wb_act_ok(&bjorn, id, "{\"action\":\"not_whistleblowing\","
	    "\"reason\":\"En personalsak om egen lønn.\"}");
	assert_string_equal(sget(j, "state"), "not_whistleblowing");
	assert_true(json_is_null(json_object_get(j, "due_at")));
	json_decref(j);
	expect(&bjorn, id, "{\"action\":\"investigate\"}", 409, "conflict");
	v = mine_of(&emma, id, &all);
	assert_string_equal(sget(v, "state"), "closed");
	json_decref(all);
}

/* Unknown actions and cases. */
static void
test_bad_actions(void **st)
{
	json_t		*j;
	json_int_t	 id;

	(void)st;
	id = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_login\":\"lars.eriksen\",\"what\":\"Feil\",\"why_censurable\":\"x\"}", NULL);
	expect(&bjorn, id, "{\"action\":\"delete\"}", 400, "invalid_field");
	expect(&bjorn, 99999999, "{\"action\":\"declare_impartial\"}", 404, "not_found");
	assert_int_equal(wb_case_get(&bjorn, 99999999, &j), 404);
	json_decref(j);
	/* A logged-in person with no cases has an empty list. */
	assert_int_equal(api_call(&lars, "GET", "/api/v1/whistle/cases", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	assert_true(json_is_null(json_object_get(j, "next")));
	json_decref(j);
	/* Not logged in: no case list. */
	{
		struct client anon;

		client_init(&anon, &S);
		assert_int_equal(api_call(&anon, "GET", "/api/v1/whistle/cases", NULL, &j), 401);
		json_decref(j);
		assert_int_equal(api_call(&anon, "GET", "/api/v1/whistle/reports/mine", NULL, &j), 401);
		json_decref(j);
		client_free(&anon);
	}
}

/* The handler's list pages by keyset: walked two at a time it gives every
 * case once, also when new reports arrive between pages (they are newer,
 * so they land before the cursor); the web page links to the next one;
 * a cursor or limit that is not ours is a 400 naming the parameter. */
static void
test_cases_paged(void **st)
{
	json_t		*j, *all;
	json_int_t	 ids[7];
	char		 path[256], cursor[128];
	size_t		 i, k, seen;
	struct resp	 r;

	(void)st;
	for (i = 0; i < 5; i++)
		ids[i] = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
		    "\"accused_login\":\"lars.eriksen\",\"what\":\"Side\",\"why_censurable\":\"x\"}", NULL);
	/* The first page, then two more reports, then the rest. */
	assert_int_equal(api_call(&bjorn, "GET", "/api/v1/whistle/cases?limit=2", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_true(json_is_string(json_object_get(j, "next")));
	snprintf(cursor, sizeof(cursor), "%s", json_string_value(json_object_get(j, "next")));
	all = json_array();
	json_array_extend(all, json_object_get(j, "items"));
	json_decref(j);
	for (i = 5; i < 7; i++)
		ids[i] = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
		    "\"accused_login\":\"lars.eriksen\",\"what\":\"Side\",\"why_censurable\":\"x\"}", NULL);
	for (;;) {
		snprintf(path, sizeof(path), "/api/v1/whistle/cases?limit=2&after=%s", cursor);
		assert_int_equal(api_call(&bjorn, "GET", path, NULL, &j), 200);
		assert_true(json_array_size(json_object_get(j, "items")) <= 2);
		json_array_extend(all, json_object_get(j, "items"));
		if (json_is_null(json_object_get(j, "next"))) {
			json_decref(j);
			break;
		}
		snprintf(cursor, sizeof(cursor), "%s", json_string_value(json_object_get(j, "next")));
		json_decref(j);
	}
	/* The first five once each; the two newer ones come from the top. */
	for (i = 0; i < 5; i++) {
		for (k = 0, seen = 0; k < json_array_size(all); k++)
			seen += json_integer_value(json_object_get(json_array_get(all, k), "id")) == ids[i];
		if (seen != 1)
			fail_msg("case %lld seen %zu times", (long long)ids[i], seen);
	}
	json_decref(all);
	all = wb_cases_all(&bjorn, 3);
	for (i = 0; i < 7; i++) {
		for (k = 0, seen = 0; k < json_array_size(all); k++)
			seen += json_integer_value(json_object_get(json_array_get(all, k), "id")) == ids[i];
		assert_int_equal(seen, 1);
	}
	json_decref(all);

	assert_int_equal(api_call(&bjorn, "GET", "/api/v1/whistle/cases?after=x1", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "after");
	json_decref(j);
	assert_int_equal(api_call(&bjorn, "GET", "/api/v1/whistle/cases?limit=0", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "limit");
	json_decref(j);
	/* The query is declared (wb_cases_query_fields): each bad parameter
	 * is a 400 naming it, on both faces. */
	assert_int_equal(api_call(&bjorn, "GET", "/api/v1/whistle/cases?limit=zwei", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "limit");
	json_decref(j);
	assert_int_equal(api_call(&bjorn, "GET", "/api/v1/whistle/cases?after="
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, &j), 400);
	assert_string_equal(json_err_field(j), "after");
	json_decref(j);
	assert_int_equal(api_call(&bjorn, "GET", "/api/v1/whistle/cases?limit=1", NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	client_req(&bjorn, "GET", "/whistle/cases?left=kanskje", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "left:"));
	resp_free(&r);
	client_req(&bjorn, "GET", "/whistle/cases?left=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "role=\"status\""));
	resp_free(&r);

	/* The web list links to the next page (100 a page: not here). */
	client_req(&bjorn, "GET", "/whistle/cases", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_req(&bjorn, "GET", "/whistle/cases?after=nonsense", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_flow),
		cmocka_unit_test(test_messages_with_account),
		cmocka_unit_test(test_recuse),
		cmocka_unit_test(test_not_whistleblowing),
		cmocka_unit_test(test_bad_actions),
		cmocka_unit_test(test_cases_paged),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
