/* Faults found by trying Orden as its users would, on the demo
 * municipality (one server for the suite):
 *
 * - a deviation about a leader, routed to the leader above, was listed
 *   (title and all) to the leader it concerns when that leader also leads
 *   the unit above (an acting head of both), though its page said 404,
 *   and `orden tick` reminded him of it;
 * - the audit log showed the codes of the yearly wheel's, the risk
 *   assessments' and the audit follow-up's actions ("wheel_task_create")
 *   instead of words;
 * - a document's version table showed a version's state as a code
 *   ("draft");
 * - a yearly wheel task given to a login nobody has said "choose a person
 *   from the list", where the form has no list, only a login to type;
 * - a whistleblowing notice that could not be mailed was listed to the
 *   administrator with its recipient and time: that a case exists, and who
 *   handles it (so, roughly, whom it concerns);
 * - every governing document of the demo was for every unit, so a teacher
 *   was asked to read and confirm 43 routines, the nursing homes' procedure
 *   for coercion and the water works' among them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static struct srv S;

static int
setup(void **state)
{
	(void)state;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	srv_stop(&S, 0);
	return 0;
}

/* GET path as c: 200, and whether the body holds needle. */
static int
page_has(struct client *c, const char *path, const char *needle)
{
	struct resp	r;
	int		has;

	client_req(c, "GET", path, NULL, NULL, &r);
	if (r.status != 200)
		fail_msg("GET %s: %ld", path, r.status);
	has = resp_has(&r, needle);
	resp_free(&r);
	return has;
}

/* Bjørn Sæther leads Vestre skole; made acting head of its sector too, he
 * must still not learn of Emma's report about him, which goes to the
 * sector's leaders: not in the inbox, the list, the API, the CSV. Trine
 * Larsen, the sector head, has it. */
static void
test_concerned_leader_with_the_unit_above_does_not_see_it(void **state)
{
	struct client	 admin, emma, bjorn, trine;
	json_t		*j;
	json_int_t	 oo, vestre, bjorn_id, id;
	char		 path[128], body[512];
	const char	*env[] = { "ORDEN_CLOCK_OFFSET=169200", NULL };	/* 47 h */
	struct buf	 out;
	size_t		 i;

	(void)state;
	session_client(&admin, &S, "admin");
	oo = unit_id_of(&admin, "oo");
	vestre = unit_id_of(&admin, "vestre-skole");
	j = api_json(&admin, "GET", "/api/v1/people", NULL, 200);
	bjorn_id = 0;
	for (i = 0; i < json_array_size(j); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(j, i),
		    "login")), "bjorn.saether") == 0)
			bjorn_id = json_integer_value(json_object_get(
			    json_array_get(j, i), "id"));
	json_decref(j);
	assert_true(bjorn_id > 0);
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)bjorn_id);
	snprintf(body, sizeof(body), "{\"role\":\"leader\",\"unit_id\":%lld}",
	    (long long)oo);
	json_decref(api_json(&admin, "POST", path, body, 201));

	session_client(&emma, &S, "emma.johansen");
	snprintf(body, sizeof(body), "{\"title\":\"Rektor kjefter QZX7\","
	    "\"description\":\"På personalmøtet.\",\"category\":\"hms\","
	    "\"unit_id\":%lld,\"concerns_leader\":true}", (long long)vestre);
	j = api_json(&emma, "POST", "/api/v1/deviations", body, 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	session_client(&bjorn, &S, "bjorn.saether");
	snprintf(path, sizeof(path), "/api/v1/deviations/%lld", (long long)id);
	assert_int_equal(api_call(&bjorn, "GET", path, NULL, NULL), 404);
	assert_false(page_has(&bjorn, "/deviations/inbox", "QZX7"));
	assert_false(page_has(&bjorn, "/deviations", "QZX7"));
	assert_false(page_has(&bjorn, "/deviations?q=QZX7", "QZX7"));
	assert_false(page_has(&bjorn, "/api/v1/deviations?limit=1000", "QZX7"));
	assert_false(page_has(&bjorn, "/api/v1/deviations.csv", "QZX7"));
	/* His other reports are still his to handle. */
	assert_true(page_has(&bjorn, "/deviations/inbox", "AV-"));

	session_client(&trine, &S, "trine.larsen");
	assert_true(page_has(&trine, "/deviations/inbox", "QZX7"));
	assert_int_equal(api_call(&trine, "GET", path, NULL, NULL), 200);

	/* Nor is he reminded of it: `orden tick` an hour before the
	 * deadline to acknowledge it (2 days) reminds its handlers. */
	buf_init(&out, 1u << 20);
	if (orden_run_env(&out, env, "tick", "--db", S.db, NULL) != 0)
		fail_msg("orden tick: %s", buf_cstr(&out));
	buf_free(&out);
	assert_false(page_has(&bjorn, "/notifications", "QZX7"));
	assert_false(page_has(&bjorn, "/api/v1/notifications", "QZX7"));
	assert_true(page_has(&trine, "/notifications", "QZX7"));

	client_free(&trine);
	client_free(&bjorn);
	client_free(&emma);
	client_free(&admin);
}

/* The audit log names what was done in words, for the newer modules too. */
static void
test_audit_log_names_wheel_risk_and_followup_actions(void **state)
{
	struct client	 q, admin;
	json_int_t	 kd;
	char		 body[512];

	(void)state;
	session_client(&q, &S, "ingrid.haugen");
	kd = unit_id_of(&q, "kd");
	snprintf(body, sizeof(body), "{\"title\":\"Gjennomgang QZX8\","
	    "\"freq\":\"yearly_date\",\"month\":3,\"day\":1,\"unit_id\":%lld,"
	    "\"role\":\"leader\"}", (long long)kd);
	json_decref(api_json(&q, "POST", "/api/v1/wheel/tasks", body, 201));
	snprintf(body, sizeof(body), "{\"title\":\"ROS QZX8\",\"unit_id\":%lld,"
	    "\"scope\":\"unit\",\"assessed_on\":\"2026-11-02\"}", (long long)kd);
	json_decref(api_json(&q, "POST", "/api/v1/risk-assessments", body, 201));
	json_decref(api_json(&q, "POST", "/api/v1/followup",
	    "{\"title\":\"Revisjon QZX8\",\"auditor\":\"Revisjon Midt\","
	    "\"report_on\":\"2026-11-02\"}", 201));

	session_client(&admin, &S, "admin");
	assert_true(page_has(&admin, "/admin/audit", "Oppgave i årshjulet opprettet"));
	assert_true(page_has(&admin, "/admin/audit", "Risikovurdering opprettet"));
	assert_true(page_has(&admin, "/admin/audit", "Revisjonsrapport registrert"));
	assert_false(page_has(&admin, "/admin/audit", "wheel_task_create"));
	assert_false(page_has(&admin, "/admin/audit", "risk_assessment_created"));
	assert_false(page_has(&admin, "/admin/audit", "followup_create"));
	assert_false(page_has(&admin, "/admin/audit", ">wheel_task<"));
	assert_false(page_has(&admin, "/admin/audit", ">risk_assessment<"));
	assert_false(page_has(&admin, "/admin/audit", ">followup_report<"));
	client_free(&admin);
	client_free(&q);
}

/* The versions of a document say "Utkast", not "draft". */
static void
test_document_versions_show_their_state_in_words(void **state)
{
	struct client	 q;
	json_t		*j;
	json_int_t	 process, id;
	char		 body[512], path[64];

	(void)state;
	session_client(&q, &S, "ingrid.haugen");
	j = api_json(&q, "GET", "/api/v1/document-processes", NULL, 200);
	process = json_integer_value(json_object_get(json_array_get(j, 0), "id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"code\":\"QZX9\",\"title\":\"Rutine QZX9\","
	    "\"type\":\"routine\",\"process_id\":%lld,\"body\":\"Tekst\"}",
	    (long long)process);
	j = api_json(&q, "POST", "/api/v1/documents", body, 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/documents/%lld", (long long)id);
	assert_false(page_has(&q, path, "<td>draft</td>"));
	assert_true(page_has(&q, path, "<td>Utkast</td>"));
	client_free(&q);
}

/* A login nobody has: the field is named and the message fits the form
 * (a login typed, no list), on the page and in the API; nothing stored. */
static void
test_wheel_unknown_person_is_named(void **state)
{
	struct client	 q;
	struct resp	 r;
	json_t		*j;
	char		 form[512];

	(void)state;
	session_client(&q, &S, "ingrid.haugen");
	j = api_json(&q, "POST", "/api/v1/wheel/tasks", "{\"title\":\"QZX10\","
	    "\"freq\":\"monthly\",\"day\":1,\"person\":\"ingen.slik\"}", 400);
	assert_string_equal(json_err_field(j), "person");
	assert_non_null(strstr(json_string_value(json_object_get(
	    json_object_get(j, "error"), "message")), "Ingen aktiv person har det brukernavnet"));
	json_decref(j);

	client_req(&q, "GET", "/wheel/tasks/new", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	snprintf(form, sizeof(form), "title=QZX10&freq=monthly&day=1&person=ingen.slik");
	client_post_form(&q, "/wheel/tasks", form, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "id=\"f-person-error\">Ingen aktiv person har det brukernavnet"));
	assert_false(resp_has(&r, "Velg en person fra listen"));
	resp_free(&r);
	assert_false(page_has(&q, "/wheel", "QZX10"));
	client_free(&q);
}

/* A NUL typed into a page's form (a browser sends it as %00) is a 400
 * naming the field, on the form it came from; nothing is stored. A form
 * from another site with one in it is still the CSRF 403. */
static void
test_nul_in_a_form_is_a_400_naming_the_field(void **state)
{
	struct client	 q;
	struct resp	 r;

	(void)state;
	session_client(&q, &S, "ingrid.haugen");
	client_req(&q, "GET", "/followup", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&q, "/followup", "title=Revisjon+QZX11&auditor=Rev%00isor"
	    "&report_on=2026-11-02", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Revisor: Inneholder kontrolltegn"));
	assert_true(resp_has(&r, "name=\"title\""));
	resp_free(&r);
	client_req(&q, "POST", "/followup", "csrf=forged&title=Revisjon+QZX11"
	    "&auditor=Rev%00isor&report_on=2026-11-02",
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	/* A route that declares no fields says so too. */
	client_req(&q, "GET", "/followup", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&q, "/logout", "x=%00", &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	assert_false(page_has(&q, "/followup", "QZX11"));
	client_free(&q);
}

/* The line above the wheel's, a document's and the follow-up's forms
 * names a field by the label the form shows, not "starts_on" or
 * "report_on". */
static void
test_form_errors_name_the_label(void **state)
{
	struct client	 q;
	struct resp	 r;
	json_t		*j;
	json_int_t	 process;
	char		 form[256];

	(void)state;
	session_client(&q, &S, "ingrid.haugen");
	client_req(&q, "GET", "/wheel/tasks/new", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&q, "/wheel/tasks", "title=QZX12&freq=monthly&day=1"
	    "&starts_on=2026-13-45", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "role=\"alert\""));
	assert_true(resp_has(&r, "Fra (tom: i dag): "));
	assert_false(resp_has(&r, "starts_on:"));
	resp_free(&r);

	client_req(&q, "GET", "/followup", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&q, "/followup", "title=QZX12&auditor=Revisor"
	    "&report_on=2026-13-45", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Rapportdato: "));
	assert_false(resp_has(&r, "report_on:"));
	resp_free(&r);

	j = api_json(&q, "GET", "/api/v1/document-processes", NULL, 200);
	process = json_integer_value(json_object_get(json_array_get(j, 0), "id"));
	json_decref(j);
	client_req(&q, "GET", "/documents/new", NULL, NULL, &r);
	resp_free(&r);
	snprintf(form, sizeof(form), "code=QZX12&title=Rutine+QZX12&type=routine"
	    "&process_id=%lld&owner=ingen.slik", (long long)process);
	client_post_form(&q, "/documents", form, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Eier (brukernavn; tomt: deg): "));
	assert_false(resp_has(&r, "owner:"));
	resp_free(&r);
	assert_false(page_has(&q, "/wheel", "QZX12"));
	assert_false(page_has(&q, "/followup", "QZX12"));
	client_free(&q);
}

/* A right-to-left override (U+202E) or isolate (U+2066) in a title would
 * turn it around wherever it is shown: refused, on the page and in the
 * API, naming the field; nothing is stored. */
static void
test_bidi_overrides_are_refused(void **state)
{
	struct client	 emma, q;
	struct resp	 r;
	json_t		*j;
	json_int_t	 vestre;
	char		 body[512];

	(void)state;
	session_client(&emma, &S, "emma.johansen");
	vestre = unit_id_of(&emma, "vestre-skole");
	snprintf(body, sizeof(body), "{\"title\":\"QZX14 \xe2\x80\xaegpj.exe\","
	    "\"description\":\"Tekst.\",\"category\":\"hms\",\"unit_id\":%lld}",
	    (long long)vestre);
	j = api_json(&emma, "POST", "/api/v1/deviations", body, 400);
	assert_string_equal(json_err_field(j), "title");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"title\":\"QZX14\",\"description\":"
	    "\"Tekst \xe2\x81\xa6 snudd.\",\"category\":\"hms\",\"unit_id\":%lld}",
	    (long long)vestre);
	j = api_json(&emma, "POST", "/api/v1/deviations", body, 400);
	assert_string_equal(json_err_field(j), "description");
	json_decref(j);
	assert_false(page_has(&emma, "/api/v1/deviations?limit=1000", "QZX14"));

	session_client(&q, &S, "ingrid.haugen");
	client_req(&q, "GET", "/wheel/tasks/new", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&q, "/wheel/tasks", "title=QZX14+%E2%80%AEfdp&freq=monthly"
	    "&day=1", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "id=\"f-title-error\""));
	resp_free(&r);
	assert_false(page_has(&q, "/wheel", "QZX14"));
	/* A right-to-left mark (U+200F) is text, and kept. */
	snprintf(body, sizeof(body), "{\"title\":\"QZX14 \xe2\x80\x8f\xd8\xb3\","
	    "\"freq\":\"monthly\",\"day\":1,\"role\":\"leader\",\"unit_id\":%lld}",
	    (long long)unit_id_of(&q, "kd"));
	json_decref(api_json(&q, "POST", "/api/v1/wheel/tasks", body, 201));
	client_free(&q);
	client_free(&emma);
}

/* A JSON body with a key twice says which one, not that the body is not
 * an object; nothing is stored. Unknown keys are still let through. */
static void
test_duplicate_json_key_is_named(void **state)
{
	struct client	 emma;
	json_t		*j;
	json_int_t	 vestre;
	const char	*m;
	char		 body[512];

	(void)state;
	session_client(&emma, &S, "emma.johansen");
	vestre = unit_id_of(&emma, "vestre-skole");
	snprintf(body, sizeof(body), "{\"title\":\"QZX15 a\",\"description\":"
	    "\"Tekst.\",\"category\":\"hms\",\"unit_id\":%lld,\"title\":\"QZX15 b\"}",
	    (long long)vestre);
	j = api_json(&emma, "POST", "/api/v1/deviations", body, 400);
	m = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
	assert_non_null(m);
	assert_non_null(strstr(m, "feltet title står to ganger"));
	assert_null(strstr(m, "JSON"));
	json_decref(j);
	assert_false(page_has(&emma, "/api/v1/deviations?limit=1000", "QZX15"));
	snprintf(body, sizeof(body), "{\"title\":\"QZX15 c\",\"description\":"
	    "\"Tekst.\",\"category\":\"hms\",\"unit_id\":%lld,\"x_system\":\"v2\"}",
	    (long long)vestre);
	json_decref(api_json(&emma, "POST", "/api/v1/deviations", body, 201));
	client_free(&emma);
}

/* A path under /api/ that no route has is a JSON 404, as a path that
 * has routes but not the method is a JSON 405: an integration's typo is
 * answered in its language, signed in or not. */
static void
test_unknown_api_path_is_json(void **state)
{
	struct client	 emma, anon;
	struct resp	 r;
	json_t		*j;

	(void)state;
	session_client(&emma, &S, "emma.johansen");
	j = api_json(&emma, "GET", "/api/v1/deviation", NULL, 404);
	assert_string_equal(json_err_code(j), "not_found");
	json_decref(j);
	j = api_json(&emma, "POST", "/api/v1/risk-assessments/1/risks", "{}", 404);
	assert_string_equal(json_err_code(j), "not_found");
	json_decref(j);
	client_init(&anon, &S);
	j = api_json(&anon, "GET", "/api/v2/deviations", NULL, 404);
	assert_string_equal(json_err_code(j), "not_found");
	json_decref(j);
	/* A page's path stays a page. */
	client_req(&emma, "GET", "/apiary", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_true(resp_has(&r, "<html"));
	resp_free(&r);
	client_free(&anon);
	client_free(&emma);
}

/* The relay refuses everything (nothing listens on port 1), one try each.
 * Emma reports Bjørn Sæther, her leader: the case goes to Trine Larsen and
 * the mail telling her fails. The admin's list of failed mails (page and
 * API) shows the failed deviation mails with their recipients, not that
 * one (only in the count). Runs last: it restarts the server with the relay. */
static void
test_failed_whistle_mail_is_not_listed_to_the_admin(void **state)
{
	static const char *const env[] = { "ORDEN_SMTP_URL=smtp://127.0.0.1:1",
	    "ORDEN_SMTP_FROM=orden@test.kommune.example", "ORDEN_SMTP_TLS=none",
	    "ORDEN_PUBLIC_URL=https://orden.test.example", "ORDEN_MAIL_POLL=1",
	    "ORDEN_MAIL_RETRY=1", "ORDEN_MAIL_TRIES=1", NULL };
	struct client	 emma, admin;
	json_t		*j, *f;
	size_t		 i;
	int		 round;

	(void)state;
	srv_stop(&S, 1);
	srv_start(&S, (const char *const *)env);
	session_client(&emma, &S, "emma.johansen");
	json_decref(api_json(&emma, "POST", "/api/v1/whistle/reports",
	    "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_login\":\"bjorn.saether\",\"about_nearest_leader\":true,"
	    "\"what\":\"Rektor trakasserer.\",\"why_censurable\":\"Det er ulovlig.\"}",
	    201));
	client_free(&emma);
	/* Until the sender has given up on it (a bound, not a timing). */
	for (round = 0; round < 1200 && srv_db_int(&S, "SELECT COUNT(*) FROM"
	    " mail_outbox WHERE failed_at IS NOT NULL AND kind = $1", "whistle")
	    == 0; round++)
		usleep(50000);
	assert_true(srv_db_int(&S, "SELECT COUNT(*) FROM mail_outbox WHERE"
	    " failed_at IS NOT NULL AND kind = $1", "whistle") > 0);
	for (round = 0; round < 1200 && srv_db_int(&S, "SELECT COUNT(*) FROM"
	    " mail_outbox WHERE failed_at IS NOT NULL AND kind = $1", "new")
	    == 0; round++)
		usleep(50000);

	session_client(&admin, &S, "admin");
	j = api_json(&admin, "GET", "/api/v1/mail/outbox", NULL, 200);
	assert_true(json_array_size(json_object_get(j, "failures")) > 0);
	json_array_foreach(json_object_get(j, "failures"), i, f) {
		assert_string_not_equal(json_string_value(json_object_get(f,
		    "kind")), "whistle");
	}
	json_decref(j);
	assert_true(page_has(&admin, "/admin/mail", "</td><td>Ny melding</td>"));
	assert_false(page_has(&admin, "/admin/mail", "</td><td>Varsling</td>"));
	client_free(&admin);
}

/* "Til lesing" on the demo: a teacher at Vestre skole is asked to confirm
 * the routines for everyone and those of her sector, not the health
 * sector's; a nurse at Sentrum sykehjem the other way round. */
static void
test_demo_documents_are_for_their_sector(void **state)
{
	struct client	emma, hege;

	(void)state;
	session_client(&emma, &S, "emma.johansen");
	assert_true(page_has(&emma, "/documents/to-read", "Rutine for varsling av kritikkverdige forhold"));
	assert_true(page_has(&emma, "/documents/to-read", "Rutine for skolemilj"));
	assert_false(page_has(&emma, "/documents/to-read", "bruk av tvang"));
	assert_false(page_has(&emma, "/documents/to-read", "drikkevann"));
	client_free(&emma);

	session_client(&hege, &S, "hege.lund");
	assert_true(page_has(&hege, "/documents/to-read", "Rutine for varsling av kritikkverdige forhold"));
	assert_true(page_has(&hege, "/documents/to-read", "bruk av tvang"));
	assert_false(page_has(&hege, "/documents/to-read", "Rutine for skolemilj"));
	client_free(&hege);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concerned_leader_with_the_unit_above_does_not_see_it),
		cmocka_unit_test(test_audit_log_names_wheel_risk_and_followup_actions),
		cmocka_unit_test(test_document_versions_show_their_state_in_words),
		cmocka_unit_test(test_wheel_unknown_person_is_named),
		cmocka_unit_test(test_nul_in_a_form_is_a_400_naming_the_field),
		cmocka_unit_test(test_form_errors_name_the_label),
		cmocka_unit_test(test_bidi_overrides_are_refused),
		cmocka_unit_test(test_duplicate_json_key_is_named),
		cmocka_unit_test(test_unknown_api_path_is_json),
		cmocka_unit_test(test_failed_whistle_mail_is_not_listed_to_the_admin),
		cmocka_unit_test(test_demo_documents_are_for_their_sector),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
