/* The deviation gate (issue 12 items 1-2): a handling action's fields are
 * declared once and the module answers, so the same bad input gets the
 * same field error from the JSON API and the web form, and nothing
 * changes. Before, the two faces had their own tables and checks (the web
 * refused a 41-character category as too long, the API looked it up). */
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
static char tok_emma[128], tok_bjorn[128];

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	tokens_for(&S, "emma.johansen", tok_emma, "bjorn.saether", tok_bjorn,
	    NULL);
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
report(void)
{
	return dev_report_as(&S, NULL, tok_emma, "{\"title\":\"Lekker tak\","
	    "\"description\":\"I gangen.\",\"category\":\"bygg\"}", NULL);
}

/* The API's answer to body on deviation id: must be 400 naming field;
 * its reason (the message after "field: ") into why. */
static void
api_refuses(json_int_t id, const char *body, const char *field, char *why,
    size_t whysz)
{
	json_t		*j;
	const char	*msg;
	char		 path[80];

	snprintf(path, sizeof(path), "/api/v1/deviations/%lld/actions", (long long)id);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "POST", path, body, &j), 400);
	assert_string_equal(json_err_field(j), field);
	msg = json_string_value(json_object_get(json_object_get(j, "error"),
	    "message"));
	assert_non_null(msg);
	assert_int_equal(strncmp(msg, field, strlen(field)), 0);
	assert_int_equal(strncmp(msg + strlen(field), ": ", 2), 0);
	snprintf(why, whysz, "%s", msg + strlen(field) + 2);
	json_decref(j);
}

/* The web form's answer to form on deviation id: must be 400 with the
 * page saying why. */
static void
web_refuses(json_int_t id, const char *form, const char *why)
{
	struct client	c;
	struct resp	r;
	char		path[80];

	session_client(&c, &S, "bjorn.saether");
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld/action", (long long)id);
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 400);
	if (!resp_has(&r, why))
		fail_msg("the form does not say \"%s\"", why);
	resp_free(&r);
	client_free(&c);
}

/* Still as reported: the refused actions changed nothing. */
static void
unchanged(json_int_t id)
{
	json_t	*j;
	char	 path[64];

	snprintf(path, sizeof(path), "/api/v1/deviations/%lld", (long long)id);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "GET", path, NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "new");
	assert_string_equal(json_string_value(json_object_get(j, "category")),
	    "bygg");
	assert_int_equal(json_array_size(json_object_get(j, "measures")), 0);
	json_decref(j);
}

static void
test_same_field_error_from_api_and_web(void **st)
{
	json_int_t	id = report();
	char		why[512];
	char		cat[51];

	(void)st;
	/* A category code of 50 letters: within the one bound (64), and
	 * no such category, through both faces. */
	memset(cat, 'a', 50);
	cat[50] = '\0';
	{
		char body[256], form[256];

		snprintf(body, sizeof(body), "{\"action\":\"classify\","
		    "\"category\":\"%s\"}", cat);
		api_refuses(id, body, "category", why, sizeof(why));
		snprintf(form, sizeof(form), "action=classify&category=%s", cat);
		web_refuses(id, form, why);
	}
	/* A measure that is not this report's. */
	api_refuses(id, "{\"action\":\"complete_measure\",\"measure_id\":999999}",
	    "measure_id", why, sizeof(why));
	web_refuses(id, "action=complete_measure&measure_id=999999", why);
	/* Closing without saying what was learned. */
	api_refuses(id, "{\"action\":\"close\"}", "summary", why, sizeof(why));
	web_refuses(id, "action=close", why);
	unchanged(id);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_field_error_from_api_and_web),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
