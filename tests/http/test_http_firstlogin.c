/* A new municipality's first login: the one-time password from `orden init`
 * must be replaced before anything else, and sessions end by themselves. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static void
test_one_time_password_must_be_changed(void **st)
{
	struct srv	s;
	struct client	c;
	struct resp	r;
	struct buf	out, f;
	char		pw[64], h[512];

	(void)st;
	srv_prepare(&s, 0);
	buf_init(&out, 65536);
	assert_int_equal(orden_run(&out, "init", "--db", s.db, "--tenant", "Testvik kommune", NULL), 0);
	one_time_password(&out, pw, sizeof(pw));
	buf_free(&out);
	srv_start(&s, NULL);

	client_init(&c, &s);
	assert_int_equal(client_login(&c, "admin", pw), 303);
	/* Every page leads to the password change first. */
	client_req(&c, "GET", "/admin/units", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "Location", h, sizeof(h)), 0);
	assert_non_null(strstr(h, "/account/password"));
	resp_free(&r);

	client_req(&c, "GET", "/account/password", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	/* Too short a new password is refused with a message. */
	buf_init(&f, 4096);
	buf_printf(&f, "current=%s&new=kort&repeat=kort", pw);
	client_post_form(&c, "/account/password", buf_cstr(&f), &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	buf_reset(&f);
	buf_printf(&f, "current=%s&new=Et+nytt+og+langt+passord&repeat=Et+nytt+og+langt+passord", pw);
	client_req(&c, "GET", "/account/password", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&c, "/account/password", buf_cstr(&f), &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	buf_free(&f);

	client_req(&c, "GET", "/admin/units", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_free(&c);

	/* The one-time password no longer works; the new one does. */
	client_init(&c, &s);
	assert_int_equal(client_login(&c, "admin", pw), 401);
	assert_int_equal(client_login(&c, "admin", "Et nytt og langt passord"), 303);
	client_free(&c);
	srv_stop(&s, 0);
}

static void
test_session_ends_when_idle(void **st)
{
	struct srv		 s;
	struct client		 c;
	struct resp		 r;
	const char *const	 later[] = { "ORDEN_CLOCK_OFFSET=7200", NULL };

	(void)st;
	srv_prepare(&s, 1);
	srv_start(&s, NULL);
	client_init(&c, &s);
	assert_int_equal(client_login(&c, "admin", DEMO_PASSWORD), 303);
	client_req(&c, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	srv_stop(&s, 1);

	/* Two hours later (past the idle limit) the same cookie is worthless. */
	srv_start(&s, later);
	client_req(&c, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&c);
	srv_stop(&s, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_time_password_must_be_changed),
		cmocka_unit_test(test_session_ends_when_idle),
	};
	return cmocka_run_group_tests_name("http_firstlogin", tests, NULL, NULL);
}
