/* The organisation's changes are gates (issue 12, item 1): org/ asks
 * authz and checks the input for the admin pages and the API alike, so
 * both refuse the same things the same way. Both backends. */
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

/* 65 characters: one more than a login or a unit code may have. */
#define LONG_CODE "abcdefghij" "abcdefghij" "abcdefghij" "abcdefghij" \
	"abcdefghij" "abcdefghij" "abcde"

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

/* The id of the signed-in user of c. */
static json_int_t
me_id(struct client *c)
{
	json_t		*me = api_get_ok(c, "/api/v1/me");
	json_int_t	 id = json_integer_value(json_object_get(me, "id"));

	json_decref(me);
	return id;
}

/* Whether person id is active, as the API says. */
static int
active(struct client *c, json_int_t id)
{
	char	 path[64];
	json_t	*p;
	int	 a;

	snprintf(path, sizeof(path), "/api/v1/people/%lld", (long long)id);
	p = api_get_ok(c, path);
	a = json_is_true(json_object_get(p, "active"));
	json_decref(p);
	return a;
}

/* An administrator cannot make themselves inactive (authz decides, the
 * page says it by the check box), and the change is not kept. */
static void
test_cannot_make_yourself_inactive(void **st)
{
	struct client	c;
	struct resp	r;
	json_int_t	id;
	char		path[64];

	(void)st;
	session_client(&c, &S, "admin");
	id = me_id(&c);
	assert_true(active(&c, id));
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)id);
	client_req(&c, "GET", path, NULL, NULL, &r);	/* a CSRF token */
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_post_form(&c, path, "name=Changed+Name", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-active-error"));
	resp_free(&r);
	assert_true(active(&c, id));
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM people "
	    "WHERE name = $1", "Changed Name"), 0);
	client_free(&c);
}

/* Someone who may see the admin pages but not change the organisation
 * gets 403 for a change, with a valid form or a broken one: the form
 * check tells them nothing. */
static void
test_viewer_may_not_change(void **st)
{
	struct client	c;
	struct resp	r;
	json_int_t	unit, person;
	char		path[64];

	(void)st;
	session_client(&c, &S, "ingrid.haugen");	/* quality */
	unit = unit_id_of(&c, "vestre-skole");
	person = me_id(&c);
	client_req(&c, "GET", "/admin/units", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "action=\"/admin/units\""));
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/units/%lld", (long long)unit);
	client_post_form(&c, path, "name=Renamed", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_post_form(&c, path, "name=", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_post_form(&c, "/admin/units", "code=x&name=", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)person);
	client_post_form(&c, path, "name=", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM units "
	    "WHERE name = $1", "Renamed"), 0);
	client_free(&c);
}

/* One declared table: a login or a code one character too long is
 * refused by the admin page and by the API alike, naming the field,
 * and nothing is stored (the page used to take 100 and 40). */
static void
test_same_limits_web_and_api(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;

	(void)st;
	session_client(&c, &S, "admin");
	client_req(&c, "GET", "/admin/people", NULL, NULL, &r);	/* CSRF */
	resp_free(&r);
	client_post_form(&c, "/admin/people", "login=" LONG_CODE
	    "&name=Lang+Login", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-login-error"));
	resp_free(&r);
	j = api_json(&c, "POST", "/api/v1/people", "{\"login\":\"" LONG_CODE
	    "\",\"name\":\"Lang Login\"}", 400);
	assert_string_equal(json_err_field(j), "login");
	json_decref(j);
	client_post_form(&c, "/admin/units", "code=" LONG_CODE
	    "&name=Lang+kode", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-code-error"));
	resp_free(&r);
	j = api_json(&c, "POST", "/api/v1/units", "{\"code\":\"" LONG_CODE
	    "\",\"name\":\"Lang kode\"}", 400);
	assert_string_equal(json_err_field(j), "code");
	json_decref(j);
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM people "
	    "WHERE name = $1", "Lang Login"), 0);
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM units "
	    "WHERE name = $1", "Lang kode"), 0);
	client_free(&c);
}

/* A unit cannot be moved under itself, through the page; the refusal is
 * the module's and names the field. */
static void
test_unit_not_under_itself(void **st)
{
	struct client	c;
	struct resp	r;
	json_int_t	oo, vestre;
	char		path[64], form[96];

	(void)st;
	session_client(&c, &S, "admin");
	oo = unit_id_of(&c, "oo");
	vestre = unit_id_of(&c, "vestre-skole");
	snprintf(path, sizeof(path), "/admin/units/%lld", (long long)oo);
	client_req(&c, "GET", path, NULL, NULL, &r);	/* CSRF */
	resp_free(&r);
	snprintf(form, sizeof(form), "name=Oppvekst&parent=%lld", (long long)vestre);
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-parent-error"));
	resp_free(&r);
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cannot_make_yourself_inactive),
		cmocka_unit_test(test_viewer_may_not_change),
		cmocka_unit_test(test_same_limits_web_and_api),
		cmocka_unit_test(test_unit_not_under_itself),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
