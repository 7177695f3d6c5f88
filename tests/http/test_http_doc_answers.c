/* A new version of a governing document says which improvement proposals
 * and deviations about it it answers (issue 14 item 6): the owner ticks
 * open ones tied to the document (deviations.document_id) when writing
 * the version, through the JSON API (POST /api/v1/documents/{id}/versions,
 * answers: [ids]) and the web form (checkboxes "answers"); the version
 * lists them, and once approved the deviation's page says "Besvart i
 * versjon N av ID". One the owner may not see (another unit's), one about
 * another document, or a value that is no list is refused naming the
 * field, with nothing stored. Both backends. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_helpers.h"

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
	srv_stop(&S, 0);
	return 0;
}

static int64_t
count(const char *sql, const char *arg)
{
	return srv_db_int(&S, sql, arg);
}

static const char Q_VERSIONS[] = "SELECT COUNT(*) FROM document_versions v"
    " JOIN documents d ON d.id = v.document_id WHERE d.code = $1";
static const char Q_ANSWERS[] = "SELECT COUNT(*) FROM document_answers a"
    " JOIN documents d ON d.id = a.document_id WHERE d.code = $1";

static void
test_answers(void **st)
{
	struct client	 q, bj, em;
	struct resp	 r;
	json_t		*j, *a;
	json_int_t	 doc, mine, mine2, other_unit, other_doc;
	char		 path[128], body[512], want[128];

	(void)st;
	/* 8001, owned by Bjørn (leader, Vestre skole), current. */
	session_client(&q, &S, "ingrid.haugen");
	doc = doc_create(&q, "8001", "Rutine for skolemiljø", "bjorn.saether",
	    "Versjon 1");
	doc_approve(&q, doc);

	mine = doc_report_about(&S, "emma.johansen", "vestre-skole",
	    "improvement", "Forslag om skolemiljø", "8001");
	mine2 = doc_report_about(&S, "emma.johansen", "vestre-skole",
	    "deviation", "Skolemiljørutinen ble ikke fulgt", "8001");
	/* Østbyen skole's: not Bjørn's to see. */
	other_unit = doc_report_about(&S, "knut.holm", "ostbyen-skole",
	    "improvement", "Forslag fra Østbyen", "8001");
	/* Vestre's, but about another document. */
	other_doc = doc_report_about(&S, "emma.johansen", "vestre-skole",
	    "improvement", "Forslag om avviksrutinen", "2128");

	/* The API: refused, naming the field, nothing stored. */
	session_client(&bj, &S, "bjorn.saether");
	snprintf(path, sizeof(path), "/api/v1/documents/%lld/versions", (long long)doc);
	snprintf(body, sizeof(body), "{\"body\":\"Versjon 2\",\"answers\":[%lld]}",
	    (long long)other_unit);
	j = api_json(&bj, "POST", path, body, 400);
	assert_string_equal(json_err_field(j), "answers");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"body\":\"Versjon 2\",\"answers\":[%lld,%lld]}",
	    (long long)mine, (long long)other_doc);
	j = api_json(&bj, "POST", path, body, 400);
	assert_string_equal(json_err_field(j), "answers");
	json_decref(j);
	j = api_json(&bj, "POST", path, "{\"body\":\"Versjon 2\",\"answers\":\"1\"}", 400);
	assert_string_equal(json_err_field(j), "answers");
	json_decref(j);
	j = api_json(&bj, "POST", path, "{\"body\":\"Versjon 2\",\"answers\":[99999999]}", 400);
	assert_string_equal(json_err_field(j), "answers");
	json_decref(j);
	assert_int_equal(count(Q_VERSIONS, "8001"), 1);
	assert_int_equal(count(Q_ANSWERS, "8001"), 0);

	/* Its own: taken, and listed with the version. */
	snprintf(body, sizeof(body), "{\"body\":\"Versjon 2\",\"change_note\":"
	    "\"Svar på forslag\",\"answers\":[%lld]}", (long long)mine);
	json_decref(api_json(&bj, "POST", path, body, 201));
	assert_int_equal(count(Q_ANSWERS, "8001"), 1);
	j = api_json(&bj, "GET", path, NULL, 200);
	a = json_object_get(json_array_get(j, 0), "answers");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 0),
	    "number")), 2);
	assert_int_equal(json_array_size(a), 1);
	assert_int_equal(json_integer_value(json_array_get(a, 0)), mine);
	json_decref(j);

	/* Not approved yet: the proposal's page does not say it is answered. */
	session_client(&em, &S, "emma.johansen");
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)mine);
	client_req(&em, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "Besvart i versjon"));
	resp_free(&r);
	doc_approve(&q, doc);
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)mine);
	client_req(&em, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Besvart i versjon 2 av 8001"));
	snprintf(want, sizeof(want), "href=\"/documents/%lld?v=2\"", (long long)doc);
	assert_true(resp_has(&r, want));
	resp_free(&r);

	/* The web form: the owner's open ones offered, not Østbyen's. */
	snprintf(path, sizeof(path), "/documents/%lld", (long long)doc);
	client_req(&bj, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(want, sizeof(want), "name=\"answers\" value=\"%lld\"", (long long)mine2);
	assert_true(resp_has(&r, want));
	snprintf(want, sizeof(want), "name=\"answers\" value=\"%lld\"", (long long)other_unit);
	assert_false(resp_has(&r, want));
	resp_free(&r);
	snprintf(path, sizeof(path), "/documents/%lld/action", (long long)doc);
	snprintf(body, sizeof(body), "action=version&body=Versjon+3&answers=%lld",
	    (long long)other_unit);
	client_post_form(&bj, path, body, &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	assert_int_equal(count(Q_VERSIONS, "8001"), 2);
	snprintf(body, sizeof(body), "action=version&body=Versjon+3"
	    "&answers=%lld&answers=%lld", (long long)mine, (long long)mine2);
	client_post_form(&bj, path, body, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_int_equal(count(Q_VERSIONS, "8001"), 3);
	assert_int_equal(count(Q_ANSWERS, "8001"), 3);
	/* The version's page lists what it answers. */
	snprintf(path, sizeof(path), "/documents/%lld?v=3", (long long)doc);
	client_req(&bj, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(want, sizeof(want), "href=\"/deviations/%lld\"", (long long)mine2);
	assert_true(resp_has(&r, want));
	assert_true(resp_has(&r, "Skolemiljørutinen ble ikke fulgt"));
	resp_free(&r);
	client_free(&em);
	client_free(&bj);
	client_free(&q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
