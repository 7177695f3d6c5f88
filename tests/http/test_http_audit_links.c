/* The audit log's page links a person or unit to its page only for a
 * reader who may open that page. The auditor (kontrollutvalgets revisor)
 * reads the log but not the administrators' directory: the names stay,
 * a link that would answer 403 does not. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "http/http.h"

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

/* GET path as c; the status (body in out, caller frees). */
static long
get(struct client *c, const char *path, struct resp *out)
{
	client_req(c, "GET", path, NULL, NULL, out);
	return out->status;
}

static void
test_auditor_gets_no_dead_links(void **st)
{
	struct resp	r;

	(void)st;
	/* The demo's log names people ("Rolle tildelt", Person N). */
	assert_int_equal(get(session_as(&S, "eva.strom"), "/admin/audit",
	    &r), 200);
	assert_true(resp_has(&r, "Rolle tildelt"));
	assert_false(resp_has(&r, "href=\"/admin/people/"));
	assert_false(resp_has(&r, "href=\"/admin/units/"));
	resp_free(&r);
	/* What such a link would have opened. */
	assert_int_equal(get(session_as(&S, "eva.strom"),
	    "/admin/people/2", &r), 403);
	resp_free(&r);

	/* The quality adviser opens the directory: the links are there. */
	assert_int_equal(get(session_as(&S, "ingrid.haugen"),
	    "/admin/audit", &r), 200);
	assert_true(resp_has(&r, "href=\"/admin/people/"));
	resp_free(&r);
}

/* The detail is shown in words a leader or auditor reads, not as the
 * code wrote it (login=ole.vik role=hr); the stored row keeps that. */
static void
test_detail_in_words(void **st)
{
	struct resp	 r;
	char		 tok[TOKEN_MAX], path[96];
	json_t		*j = NULL;

	(void)st;
	tokens_for(&S, "admin", tok, NULL);
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)
	    srv_db_int(&S, "SELECT id FROM people WHERE login = $1", "ole.vik"));
	assert_int_equal(api_as(&S, NULL, tok, "POST", path,
	    "{\"role\":\"hr\"}", &j), 201);
	json_decref(j);
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM audit_log WHERE"
	    " action = 'role_grant' AND detail = $1", "login=ole.vik role=hr"), 1);
	assert_int_equal(get(session_as(&S, "eva.strom"), "/admin/audit", &r),
	    200);
	assert_true(resp_has(&r, "Brukernavn: ole.vik; Rolle: HR<"));
	assert_false(resp_has(&r, "login="));
	assert_false(resp_has(&r, "role="));
	resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_auditor_gets_no_dead_links),
		cmocka_unit_test(test_detail_in_words),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
