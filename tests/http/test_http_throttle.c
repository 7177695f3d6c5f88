/* Password guessing is slowed per account and per address, and the lock
 * lifts when the window has passed (the clock is moved, not waited for). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static void
test_account_lock_then_window_passes(void **st)
{
	struct srv		 s;
	struct client		 c;
	struct resp		 r;
	const char *const	 later[] = { "ORDEN_CLOCK_OFFSET=1000", NULL };
	char			 h[64];
	int			 i;

	(void)st;
	srv_prepare(&s, 1);
	srv_start(&s, NULL);
	client_init(&c, &s);
	for (i = 0; i < 5; i++)
		assert_int_equal(client_login(&c, "admin", "not-the-password"), 401);
	/* Now even the right password is refused for a while. */
	client_req(&c, "GET", "/login", NULL, NULL, &r);
	resp_free(&r);
	{
		struct buf f;
		buf_init(&f, 4096);
		login_form(&c, &f, "admin", DEMO_PASSWORD);
		client_req(&c, "POST", "/login", buf_cstr(&f), "application/x-www-form-urlencoded", &r);
		buf_free(&f);
	}
	assert_int_equal(r.status, 429);
	assert_int_equal(resp_header(&r, "Retry-After", h, sizeof(h)), 0);
	resp_free(&r);
	client_free(&c);
	srv_stop(&s, 1);

	/* Sixteen minutes later the account can log in again. */
	srv_start(&s, later);
	client_init(&c, &s);
	assert_int_equal(client_login(&c, "admin", DEMO_PASSWORD), 303);
	client_free(&c);
	srv_stop(&s, 0);
}

static void
test_address_lock_covers_all_accounts(void **st)
{
	struct srv	s;
	struct client	c;
	char		login[32];
	int		i;

	(void)st;
	srv_prepare(&s, 1);
	srv_start(&s, NULL);
	client_init(&c, &s);
	for (i = 0; i < 20; i++) {
		snprintf(login, sizeof(login), "guess%d", i);
		assert_int_equal(client_login(&c, login, "not-the-password"), 401);
	}
	assert_int_equal(client_login(&c, "admin", DEMO_PASSWORD), 429);
	client_free(&c);
	srv_stop(&s, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_lock_then_window_passes),
		cmocka_unit_test(test_address_lock_covers_all_accounts),
	};
	return cmocka_run_group_tests_name("http_throttle", tests, NULL, NULL);
}
