/* The JSON API as an integration uses it: bearer tokens, the org, errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "harness.h"

static struct srv S;
static struct fixture_tenant T;

static json_t *
parse(const struct resp *r)
{
	json_error_t	 e;
	json_t		*j = json_loads(buf_cstr(&r->body), 0, &e);

	if (j == NULL)
		fail_msg("not JSON (%ld): %s", r->status, buf_cstr(&r->body));
	return j;
}

/* The error object every API error has: {"error":{"code","message"}}. */
static void
assert_error(const struct resp *r, long status, const char *code)
{
	json_t *j;

	assert_int_equal(r->status, status);
	j = parse(r);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")), code);
	assert_non_null(json_string_value(json_object_get(json_object_get(j, "error"), "message")));
	json_decref(j);
}

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 0);
	fixture_tenant(&S, "a.test", &T);
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

static void
client_as(struct client *c, const char *token)
{
	client_init(c, &S);
	c->host = T.host;
	c->bearer = token;
}

static void
test_no_token_is_401_json(void **st)
{
	struct client	c;
	struct resp	r;
	char		h[256];

	(void)st;
	client_as(&c, NULL);
	client_req(&c, "GET", "/api/v1/me", NULL, NULL, &r);
	assert_error(&r, 401, "unauthorized");
	assert_int_equal(resp_header(&r, "Content-Type", h, sizeof(h)), 0);
	assert_non_null(strstr(h, "application/json"));
	resp_free(&r);
	c.bearer = "orden_notavalidtokenatallxxxxxxxxxxxxxxxxxxxx";
	client_req(&c, "GET", "/api/v1/me", NULL, NULL, &r);
	assert_error(&r, 401, "unauthorized");
	resp_free(&r);
	client_free(&c);
}

static void
test_me(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *roles;
	size_t		 i;
	int		 admin = 0;

	(void)st;
	client_as(&c, T.admin_token);
	client_req(&c, "GET", "/api/v1/me", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	j = parse(&r);
	assert_string_equal(json_string_value(json_object_get(j, "login")), "admin");
	roles = json_object_get(j, "roles");
	for (i = 0; i < json_array_size(roles); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(roles, i), "role")), "admin") == 0)
			admin = 1;
	assert_true(admin);
	json_decref(j);
	resp_free(&r);
	client_free(&c);
}

static void
test_units_list_and_create(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *u;
	size_t		 i;
	json_int_t	 a_id = 0, new_id;
	char		 body[256], path[64];

	(void)st;
	client_as(&c, T.admin_token);
	client_req(&c, "GET", "/api/v1/units", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	j = parse(&r);
	assert_true(json_is_array(j));
	for (i = 0; i < json_array_size(j); i++) {
		u = json_array_get(j, i);
		if (strcmp(json_string_value(json_object_get(u, "code")), "A") == 0)
			a_id = json_integer_value(json_object_get(u, "id"));
	}
	assert_true(a_id > 0);
	json_decref(j);
	resp_free(&r);

	snprintf(body, sizeof(body), "{\"code\":\"C\",\"name\":\"Avdeling Ø\",\"parent_id\":%lld}", (long long)a_id);
	client_req(&c, "POST", "/api/v1/units", body, "application/json", &r);
	assert_int_equal(r.status, 201);
	j = parse(&r);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Avdeling Ø");
	assert_int_equal(json_integer_value(json_object_get(j, "parent_id")), a_id);
	new_id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	resp_free(&r);

	snprintf(path, sizeof(path), "/api/v1/units/%lld", (long long)new_id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "\"C\""));
	resp_free(&r);

	/* Same code again: a conflict, and still only one unit C. */
	client_req(&c, "POST", "/api/v1/units", "{\"code\":\"C\",\"name\":\"Again\"}", "application/json", &r);
	assert_error(&r, 409, "conflict");
	resp_free(&r);
	client_free(&c);
}

static void
test_bad_input_names_field_and_stores_nothing(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	size_t		 before, after;

	(void)st;
	client_as(&c, T.admin_token);
	client_req(&c, "GET", "/api/v1/units", NULL, NULL, &r);
	j = parse(&r);
	before = json_array_size(j);
	json_decref(j);
	resp_free(&r);

	client_req(&c, "POST", "/api/v1/units", "{\"code\":\"D\"}", "application/json", &r);
	assert_error(&r, 400, "invalid_field");
	j = parse(&r);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")), "name");
	json_decref(j);
	resp_free(&r);

	client_req(&c, "POST", "/api/v1/units", "{\"code\":\"bad code!\",\"name\":\"X\"}", "application/json", &r);
	assert_error(&r, 400, "invalid_field");
	resp_free(&r);

	client_req(&c, "POST", "/api/v1/units", "{\"code\":\"E\",\"name\":\"X\",\"parent_id\":999999}", "application/json", &r);
	assert_error(&r, 400, "invalid_field");
	resp_free(&r);

	client_req(&c, "POST", "/api/v1/units", "{\"code\": ", "application/json", &r);
	assert_error(&r, 400, "invalid_json");
	resp_free(&r);

	client_req(&c, "GET", "/api/v1/units", NULL, NULL, &r);
	j = parse(&r);
	after = json_array_size(j);
	json_decref(j);
	resp_free(&r);
	assert_int_equal(before, after);
	client_free(&c);
}

static void
test_employee_cannot_change_org(void **st)
{
	struct client	c;
	struct resp	r;

	(void)st;
	client_as(&c, T.employee_token);
	client_req(&c, "POST", "/api/v1/units", "{\"code\":\"F\",\"name\":\"F\"}", "application/json", &r);
	assert_error(&r, 403, "forbidden");
	resp_free(&r);
	client_req(&c, "POST", "/api/v1/people", "{\"login\":\"sneaky\",\"name\":\"S\"}", "application/json", &r);
	assert_error(&r, 403, "forbidden");
	resp_free(&r);
	client_req(&c, "GET", "/api/v1/units", NULL, NULL, &r);
	assert_int_equal(r.status, 200);	/* the tree is not secret inside the municipality */
	resp_free(&r);
	client_free(&c);
}

static void
test_people_and_roles(void **st)
{
	struct client	 c, e;
	struct resp	 r;
	json_t		*j, *roles;
	json_int_t	 pid;
	char		 path[96];
	size_t		 i;
	int		 found;

	(void)st;
	client_as(&c, T.admin_token);
	client_req(&c, "POST", "/api/v1/people",
	    "{\"login\":\"nina.nord\",\"name\":\"Nina Nordmann\",\"email\":\"nina@example.org\"}",
	    "application/json", &r);
	assert_int_equal(r.status, 201);
	j = parse(&r);
	pid = json_integer_value(json_object_get(j, "id"));
	assert_true(pid > 0);
	json_decref(j);
	resp_free(&r);

	client_req(&c, "POST", "/api/v1/people", "{\"login\":\"nina.nord\",\"name\":\"Twin\"}", "application/json", &r);
	assert_error(&r, 409, "conflict");
	resp_free(&r);

	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)pid);
	client_req(&c, "POST", path, "{\"role\":\"quality\"}", "application/json", &r);
	assert_int_equal(r.status, 201);
	j = parse(&r);
	roles = json_object_get(j, "roles");
	found = 0;
	for (i = 0; i < json_array_size(roles); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(roles, i), "role")), "quality") == 0)
			found = 1;
	assert_true(found);
	json_decref(j);
	resp_free(&r);

	client_req(&c, "POST", path, "{\"role\":\"emperor\"}", "application/json", &r);
	assert_error(&r, 400, "invalid_field");
	resp_free(&r);

	/* An employee may not hand out roles. */
	client_as(&e, T.employee_token);
	client_req(&e, "POST", path, "{\"role\":\"admin\"}", "application/json", &r);
	assert_error(&r, 403, "forbidden");
	resp_free(&r);
	client_free(&e);

	client_req(&c, "DELETE", path, "{\"role\":\"quality\"}", "application/json", &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "\"quality\""));
	resp_free(&r);
	client_req(&c, "DELETE", path, "{\"role\":\"quality\"}", "application/json", &r);
	assert_error(&r, 404, "not_found");
	resp_free(&r);
	client_free(&c);
}

static void
test_unknown_api_route_is_json_404(void **st)
{
	struct client	c;
	struct resp	r;

	(void)st;
	client_as(&c, T.admin_token);
	client_req(&c, "GET", "/api/v1/nothing-here", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_req(&c, "PUT", "/api/v1/units", "{}", "application/json", &r);
	assert_int_equal(r.status, 405);
	resp_free(&r);
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_token_is_401_json),
		cmocka_unit_test(test_me),
		cmocka_unit_test(test_units_list_and_create),
		cmocka_unit_test(test_bad_input_names_field_and_stores_nothing),
		cmocka_unit_test(test_employee_cannot_change_org),
		cmocka_unit_test(test_people_and_roles),
		cmocka_unit_test(test_unknown_api_route_is_json_404),
	};
	return cmocka_run_group_tests_name("http_api", tests, setup, teardown);
}
