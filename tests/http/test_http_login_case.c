/* A login that differs from another person's only in upper and lower case
 * is refused when a person is made or renamed (the admin pages and the API
 * share org/'s create): a sign-in by SSO compares logins without case, so
 * "Emma.Johansen" beside "emma.johansen" would be two accounts it cannot
 * tell apart. A sign-in with the password takes the login in any case
 * ("Emma.Johansen" as a phone keyboard or caps lock types it), and a
 * forgotten-password request likewise. */
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
#include "http/http.h"

static struct srv S;
static char tok[128];

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	token_for(&S, NULL, "admin", tok, sizeof(tok));
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

static long
post(const char *path, const char *body, json_int_t *id)
{
	json_t	*j = NULL;
	long	 code = api_as(&S, NULL, tok, "POST", path, body, &j);

	if (id != NULL)
		*id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return code;
}

static void
test_login_twin_refused(void **st)
{
	json_int_t	id = 0;

	(void)st;
	assert_int_equal(post("/api/v1/people",
	    "{\"login\":\"Emma.Johansen\",\"name\":\"Emma J\"}", NULL), 409);
	assert_int_equal(post("/api/v1/people",
	    "{\"login\":\"EMMA.JOHANSEN\",\"name\":\"Emma J\"}", NULL), 409);
	/* A login of its own is made. */
	assert_int_equal(post("/api/v1/people",
	    "{\"login\":\"emma.j\",\"name\":\"Emma J\"}", &id), 201);
	assert_true(id > 0);
}

static void
test_signs_in_in_any_case(void **st)
{
	struct client	c;

	(void)st;
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "Admin", DEMO_PASSWORD), 303);
	client_free(&c);
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "ADMIN", "not-the-password"), 401);
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_twin_refused),
		cmocka_unit_test(test_signs_in_in_any_case),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
