/* The web UI as a person uses it: log in, the start page, log out, the
 * admin pages, language, and the protections around them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

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

static void
test_login_page_is_norwegian_and_safe(void **st)
{
	struct client	c;
	struct resp	r;
	char		h[1024];

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/login", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "lang=\"nb\""));
	assert_true(resp_has(&r, "Logg inn"));
	assert_true(resp_has(&r, "Passord"));
	assert_int_equal(resp_header(&r, "Content-Security-Policy", h, sizeof(h)), 0);
	assert_non_null(strstr(h, "frame-ancestors 'none'"));
	assert_null(strstr(h, "unsafe-inline"));
	assert_int_equal(resp_header(&r, "X-Content-Type-Options", h, sizeof(h)), 0);
	assert_string_equal(h, "nosniff");
	assert_int_equal(resp_header(&r, "Referrer-Policy", h, sizeof(h)), 0);
	assert_string_equal(h, "no-referrer");
	resp_free(&r);
	client_free(&c);
}

static void
test_security_headers_on_every_kind_of_answer(void **st)
{
	const char	*paths[] = { "/healthz", "/static/style.css", "/no-such-page", "/admin/units", NULL };
	struct client	 c;
	struct resp	 r;
	char		 h[1024];
	int		 i;

	(void)st;
	client_init(&c, &S);
	for (i = 0; paths[i]; i++) {
		client_req(&c, "GET", paths[i], NULL, NULL, &r);
		if (resp_header(&r, "Content-Security-Policy", h, sizeof(h)) != 0)
			fail_msg("no CSP on %s (%ld)", paths[i], r.status);
		assert_int_equal(resp_header(&r, "X-Content-Type-Options", h, sizeof(h)), 0);
		resp_free(&r);
	}
	client_free(&c);
}

/* Every page names its icon, and the icon is there: a browser that finds
 * none asks for /favicon.ico and logs a 404 on the first page it opens. */
static void
test_pages_name_an_icon_that_exists(void **st)
{
	struct client	c;
	struct resp	r;
	char		h[256];

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/login", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "<link rel=\"icon\" href=\"/static/favicon.svg\""));
	resp_free(&r);
	client_req(&c, "GET", "/static/favicon.svg", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_header(&r, "Content-Type", h, sizeof(h)), 0);
	assert_string_equal(h, "image/svg+xml");
	assert_true(resp_has(&r, "<svg"));
	resp_free(&r);
	client_free(&c);
}

static void
test_wrong_password_and_unknown_user_look_the_same(void **st)
{
	struct client	c;
	struct resp	r;

	(void)st;
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "admin", "wrong-password-1"), 401);
	assert_int_equal(client_login(&c, "nobody-here", "wrong-password-1"), 401);
	client_req(&c, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 303);	/* still not logged in */
	resp_free(&r);
	client_free(&c);
}

/* Sent to the login page from a page with a query (a list's filters, a
 * dashboard's period), one comes back to that page with its query after
 * signing in, not to the page without it. */
static void
test_login_comes_back_with_the_query(void **st)
{
	static const char want[] = "/deviations?status=closed&from=2024-01-01";
	struct client	c;
	struct resp	r;
	struct buf	f;
	char		h[1024], next[512];

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", want, NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "Location", h, sizeof(h)), 0);
	assert_int_equal(strncmp(h, "/login?next=", 12), 0);
	resp_free(&r);
	client_req(&c, "GET", h, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	/* As the page has it: HTML-escaped. */
	assert_int_equal(resp_hidden(&r, "next", next, sizeof(next)), 0);
	assert_string_equal(next, "/deviations?status=closed&amp;from=2024-01-01");
	resp_free(&r);
	buf_init(&f, 4096);
	login_form(&c, &f, "emma.johansen", DEMO_PASSWORD);
	buf_puts(&f, "&next=%2Fdeviations%3Fstatus%3Dclosed%26from%3D2024-01-01");
	client_req(&c, "POST", "/login", buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "Location", h, sizeof(h)), 0);
	assert_string_equal(h, want);
	resp_free(&r);
	buf_free(&f);
	client_free(&c);
}

static void
test_login_start_page_logout(void **st)
{
	struct client	c;
	struct resp	r;
	char		h[1024];

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "Location", h, sizeof(h)), 0);
	assert_non_null(strstr(h, "/login"));
	resp_free(&r);

	client_req(&c, "GET", "/login", NULL, NULL, &r);
	resp_free(&r);
	{
		struct buf f;
		buf_init(&f, 4096);
		/* An employee: no second factor (test_http_second_factor). */
		login_form(&c, &f, "emma.johansen", DEMO_PASSWORD);
		client_req(&c, "POST", "/login", buf_cstr(&f), "application/x-www-form-urlencoded", &r);
		buf_free(&f);
	}
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "Set-Cookie", h, sizeof(h)), 0);
	assert_non_null(strstr(h, "HttpOnly"));
	assert_non_null(strstr(h, "SameSite=Strict"));
	resp_free(&r);

	client_req(&c, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Logg ut"));
	assert_true(resp_has(&r, "<h1"));
	resp_free(&r);

	client_post_form(&c, "/logout", "", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_req(&c, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 303);	/* the old session is gone */
	resp_free(&r);
	client_free(&c);
}

static void
test_csrf_is_required_for_changes(void **st)
{
	struct client	c;
	struct resp	r;

	(void)st;
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "admin", DEMO_PASSWORD), 303);
	/* No token at all. */
	client_req(&c, "POST", "/admin/units", "code=CSRF1&name=Snik&parent_id=",
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	/* A wrong token. */
	client_req(&c, "POST", "/admin/units", "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&code=CSRF1&name=Snik",
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	/* Nothing was created. */
	client_req(&c, "GET", "/admin/units", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "CSRF1"));
	resp_free(&r);
	/* The right token works. */
	client_post_form(&c, "/admin/units", "code=CSRF1&name=Ny+enhet+%C3%85s", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_req(&c, "GET", "/admin/units", NULL, NULL, &r);
	assert_true(resp_has(&r, "CSRF1"));
	assert_true(resp_has(&r, "Ny enhet Ås"));
	resp_free(&r);
	client_free(&c);
}

static void
test_admin_escapes_what_people_type(void **st)
{
	struct client	c;
	struct resp	r;

	(void)st;
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "admin", DEMO_PASSWORD), 303);
	client_req(&c, "GET", "/admin/units", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&c, "/admin/units", "code=XSS1&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_req(&c, "GET", "/admin/units", NULL, NULL, &r);
	assert_false(resp_has(&r, "<script>alert(1)"));
	assert_true(resp_has(&r, "&lt;script&gt;alert(1)"));
	resp_free(&r);
	client_free(&c);
}

static void
test_admin_form_error_names_field(void **st)
{
	struct client	c;
	struct resp	r;

	(void)st;
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "admin", DEMO_PASSWORD), 303);
	client_req(&c, "GET", "/admin/units", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&c, "/admin/units", "code=&name=Uten+kode", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "aria-invalid") || resp_has(&r, "role=\"alert\""));
	resp_free(&r);
	client_free(&c);
}

static void
test_language_switch(void **st)
{
	struct client	c;
	struct resp	r;

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/lang?set=en&next=/login", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_req(&c, "GET", "/login", NULL, NULL, &r);
	assert_true(resp_has(&r, "lang=\"en\""));
	assert_true(resp_has(&r, "Log in"));
	resp_free(&r);
	/* An open redirect is not offered. */
	client_req(&c, "GET", "/lang?set=nb&next=//evil.example/", NULL, NULL, &r);
	{
		char h[512] = "";
		resp_header(&r, "Location", h, sizeof(h));
		assert_null(strstr(h, "evil"));
	}
	resp_free(&r);
	client_free(&c);
}

/* GET r.path as c: the status; r is freed. 400s must name want and must
 * neither redirect nor echo the value (nothing of "evil" in the page). */
static int
query_status(struct client *c, const char *path, const char *want)
{
	struct resp	r;
	char		h[512] = "";
	int		status;

	client_req(c, "GET", path, NULL, NULL, &r);
	status = r.status;
	if (status == 400) {
		if (!resp_has(&r, want))
			print_message("%s: no %s in the page\n", path, want);
		assert_true(resp_has(&r, want));
		assert_false(resp_has(&r, "evil"));
		assert_false(resp_has(&r, "<script>"));
		assert_int_not_equal(resp_header(&r, "Location", h, sizeof(h)), 0);
		assert_int_not_equal(resp_header(&r, "Set-Cookie", h, sizeof(h)), 0);
	}
	resp_free(&r);
	return status;
}

/* The account pages' query parameters are declared (auth_input.h): a bad
 * one is a 400 naming it, without a redirect, a cookie or its value. */
static void
test_account_pages_query_declared(void **st)
{
	struct client	c;

	(void)st;
	client_init(&c, &S);
	assert_int_equal(query_status(&c, "/lang?set=xx&next=/login", "set"), 400);
	assert_int_equal(query_status(&c, "/lang?set=%3Cscript%3E&next=/", "set"), 400);
	assert_int_equal(query_status(&c, "/lang?set=nn&next=/x%0A//evil.example/", "next"), 400);
	assert_int_equal(query_status(&c, "/lang?set=nn&next=/login", "set"), 303);
	assert_int_equal(query_status(&c, "/login?next=/a%0D%0ALocation:%20//evil.example", "next"), 400);
	assert_int_equal(query_status(&c, "/login?next=//evil.example/", "next"), 200);
	assert_int_equal(query_status(&c, "/login?next=/deviations", "next"), 200);
	/* A link not copied whole still gets the page that says so. */
	assert_int_equal(query_status(&c, "/password/reset?token="
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.", "/password/forgot"), 400);
	assert_int_equal(query_status(&c, "/password/reset?token=kort", "/password/forgot"), 400);
	assert_int_equal(query_status(&c, "/password/reset?token=a%0Ab", "token"), 400);
	assert_int_equal(client_login(&c, "emma.johansen", DEMO_PASSWORD), 303);
	assert_int_equal(query_status(&c, "/account/password?saved=kanskje", "saved"), 400);
	assert_int_equal(query_status(&c, "/account/password?saved=1", "saved"), 200);
	assert_int_equal(query_status(&c, "/account/vault?next=/%0A//evil.example", "next"), 400);
	client_free(&c);
}

static void
test_oversized_body_is_refused(void **st)
{
	struct client	 c;
	struct resp	 r;
	char		*big;
	size_t		 n = 2u << 20;

	(void)st;
	client_init(&c, &S);
	big = malloc(n + 1);
	memset(big, 'a', n);
	memcpy(big, "login=", 6);
	big[n] = '\0';
	client_req(&c, "POST", "/login", big, "application/x-www-form-urlencoded", &r);
	assert_true(r.status == 413 || r.status == -1);
	resp_free(&r);
	free(big);
	/* and the server still serves */
	client_req(&c, "GET", "/healthz", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_free(&c);
}

static void
test_health_and_metrics(void **st)
{
	struct client	c;
	struct resp	r;

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/healthz", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "ok"));
	resp_free(&r);
	/* No metrics token configured: nothing published (with a token:
	 * test_http_wb_leaks). */
	client_req(&c, "GET", "/metrics", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_false(resp_has(&r, "orden_http_requests_total"));
	resp_free(&r);
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_page_is_norwegian_and_safe),
		cmocka_unit_test(test_security_headers_on_every_kind_of_answer),
		cmocka_unit_test(test_pages_name_an_icon_that_exists),
		cmocka_unit_test(test_wrong_password_and_unknown_user_look_the_same),
		cmocka_unit_test(test_login_start_page_logout),
		cmocka_unit_test(test_login_comes_back_with_the_query),
		cmocka_unit_test(test_csrf_is_required_for_changes),
		cmocka_unit_test(test_admin_escapes_what_people_type),
		cmocka_unit_test(test_admin_form_error_names_field),
		cmocka_unit_test(test_language_switch),
		cmocka_unit_test(test_account_pages_query_declared),
		cmocka_unit_test(test_oversized_body_is_refused),
		cmocka_unit_test(test_health_and_metrics),
	};
	return cmocka_run_group_tests_name("http_web", tests, setup, teardown);
}
