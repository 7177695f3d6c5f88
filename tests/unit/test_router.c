/* test_router.c: which handler a method and path reach, and when the
 * answer is 404 (no such page) versus 405 (page exists, wrong method). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/http.h"
#include "http/internal.h"

static void h(struct http_req *q, struct http_resp *r) { (void)q; (void)r; }

static const struct route table[] = {
	{ HTTP_GET,  "/", h, 0, NULL, "home" },
	{ HTTP_GET,  "/login", h, ROUTE_PUBLIC, NULL, "login_form" },
	{ HTTP_POST, "/login", h, ROUTE_PUBLIC, NULL, "login" },
	{ HTTP_GET,  "/admin/units", h, 0, NULL, "units" },
	{ HTTP_GET,  "/admin/units/{id}", h, 0, NULL, "unit" },
	{ HTTP_POST, "/admin/people/{id}/roles/{rid}/delete", h, 0, NULL, "revoke" },
	{ HTTP_DELETE, "/api/v1/people/{id}/roles", h, ROUTE_API, NULL, "api_revoke" },
	{ 0, NULL, NULL, 0, NULL, NULL }
};

static const struct route *
match(enum http_method m, const char *path, const char *params[HTTP_MAX_PARAMS],
    int *mismatch)
{
	static char scratch[HTTP_MAX_URL + 1];

	return http_route_match(table, m, path, scratch, sizeof(scratch), params,
	    mismatch);
}

static void
test_literals(void **state)
{
	const char	*p[HTTP_MAX_PARAMS];
	int		 mm;

	(void)state;
	assert_string_equal(match(HTTP_GET, "/", p, &mm)->name, "home");
	assert_string_equal(match(HTTP_GET, "/login", p, &mm)->name, "login_form");
	assert_string_equal(match(HTTP_POST, "/login", p, &mm)->name, "login");
	assert_string_equal(match(HTTP_GET, "/admin/units", p, &mm)->name, "units");
	assert_null(p[0]);
	/* Case matters: one spelling per page. */
	assert_null(match(HTTP_GET, "/Login", p, &mm));
	assert_int_equal(mm, 0);
}

static void
test_params(void **state)
{
	const char	*p[HTTP_MAX_PARAMS];
	int		 mm;

	(void)state;
	assert_string_equal(match(HTTP_GET, "/admin/units/42", p, &mm)->name, "unit");
	assert_string_equal(p[0], "42");
	assert_null(p[1]);
	assert_string_equal(match(HTTP_POST, "/admin/people/7/roles/19/delete",
	    p, &mm)->name, "revoke");
	assert_string_equal(p[0], "7");
	assert_string_equal(p[1], "19");
	/* A parameter is one whole segment, never empty, never two. */
	assert_null(match(HTTP_GET, "/admin/units/", p, &mm));
	assert_null(match(HTTP_GET, "/admin/units/4/2", p, &mm));
	assert_null(match(HTTP_POST, "/admin/people//roles/19/delete", p, &mm));
	/* Params carry raw text; the handler's http_param_id judges it. */
	assert_non_null(match(HTTP_GET, "/admin/units/abc", p, &mm));
	assert_string_equal(p[0], "abc");
}

static void
test_404_vs_405(void **state)
{
	const char	*p[HTTP_MAX_PARAMS];
	char		 allow[64];
	int		 mm;

	(void)state;
	assert_null(match(HTTP_GET, "/nowhere", p, &mm));
	assert_int_equal(mm, 0);
	assert_int_equal(http_route_allow(table, "/nowhere", allow, sizeof(allow)), -1);

	assert_null(match(HTTP_DELETE, "/login", p, &mm));
	assert_int_equal(mm, 1);
	assert_int_equal(http_route_allow(table, "/login", allow, sizeof(allow)), 0);
	assert_string_equal(allow, "GET, HEAD, POST");

	assert_null(match(HTTP_GET, "/api/v1/people/3/roles", p, &mm));
	assert_int_equal(mm, 1);
	http_route_allow(table, "/api/v1/people/3/roles", allow, sizeof(allow));
	assert_string_equal(allow, "DELETE");
}

static void
test_head_is_get(void **state)
{
	const char	*p[HTTP_MAX_PARAMS];
	int		 mm;

	(void)state;
	assert_string_equal(match(HTTP_HEAD, "/admin/units/5", p, &mm)->name, "unit");
	assert_string_equal(p[0], "5");
	/* but never turns into a POST */
	assert_null(match(HTTP_HEAD, "/admin/people/7/roles/19/delete", p, &mm));
	assert_int_equal(mm, 1);
}

static void
test_trailing_slash(void **state)
{
	const char	*p[HTTP_MAX_PARAMS];
	int		 mm;

	(void)state;
	/* Exact match only: "/admin/units/" is not the units page. */
	assert_null(match(HTTP_GET, "/admin/units/", p, &mm));
	assert_int_equal(mm, 0);
	assert_null(match(HTTP_GET, "/login/", p, &mm));
	assert_null(match(HTTP_GET, "//", p, &mm));
	assert_null(match(HTTP_GET, "/admin//units", p, &mm));
}

static void
test_odd_paths(void **state)
{
	const char	*p[HTTP_MAX_PARAMS];
	char		 big[HTTP_MAX_URL + 100], small[8];
	int		 mm;

	(void)state;
	assert_null(match(HTTP_GET, "", p, &mm));
	assert_null(match(HTTP_GET, "login", p, &mm));
	assert_null(match(HTTP_GET, "/admin/units/../units", p, &mm));
	/* The server strips the query before routing; a decoded '?' left in
	 * a path is data, not a separator. */
	assert_non_null(match(HTTP_GET, "/admin/units/1?x=2", p, &mm));
	assert_string_equal(p[0], "1?x=2");
	assert_null(http_route_match(table, HTTP_GET, NULL, small, sizeof(small),
	    p, &mm));

	/* Longer than HTTP_MAX_URL: no match, no overflow. */
	memset(big, 'a', sizeof(big) - 1);
	big[0] = '/';
	big[sizeof(big) - 1] = '\0';
	assert_null(match(HTTP_GET, big, p, &mm));

	/* A scratch buffer smaller than the path is refused, not overrun. */
	assert_null(http_route_match(table, HTTP_GET, "/admin/units/123456",
	    small, sizeof(small), p, &mm));
	/* A long parameter fits when scratch does. */
	memset(big, '9', 1000);
	memcpy(big, "/admin/units/", 13);
	big[1000] = '\0';
	assert_non_null(match(HTTP_GET, big, p, &mm));
	assert_int_equal(strlen(p[0]), 1000 - 13);
}

static void
test_methods(void **state)
{
	enum http_method m;

	(void)state;
	assert_int_equal(http_method_parse("PATCH", &m), 0);
	assert_int_equal(m, HTTP_PATCH);
	assert_int_equal(http_method_parse("get", &m), -1);
	assert_int_equal(http_method_parse("OPTIONS", &m), -1);
	assert_string_equal(http_method_name(HTTP_DELETE), "DELETE");
	assert_null(http_method_name(HTTP_METHOD_MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literals),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_404_vs_405),
		cmocka_unit_test(test_head_is_get),
		cmocka_unit_test(test_trailing_slash),
		cmocka_unit_test(test_odd_paths),
		cmocka_unit_test(test_methods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
