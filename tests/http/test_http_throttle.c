/* Password guessing is slowed by growing delays per (account, address)
 * and, gently, per account; nobody can lock anyone out, and a typo storm
 * from one address (all the users behind a proxy) locks out no one else.
 * Behind a trusted proxy the client's address comes from X-Forwarded-For,
 * and only then. Time moves with the clock offset, never by waiting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static const char *const proxied[] = { "ORDEN_TRUSTED_PROXY=127.0.0.1", NULL };

/* One login attempt; the answer in r (caller frees). */
static void
login_resp(struct client *c, const char *login, const char *pw, struct resp *r)
{
	struct buf f;

	client_req(c, "GET", "/login", NULL, NULL, r);
	resp_free(r);
	buf_init(&f, 4096);
	login_form(c, &f, login, pw);
	client_req(c, "POST", "/login", buf_cstr(&f),
	    "application/x-www-form-urlencoded", r);
	buf_free(&f);
}

/* The Retry-After of r in seconds (asserts there is one). */
static long
retry_after(const struct resp *r)
{
	char h[64];

	assert_int_equal(resp_header(r, "Retry-After", h, sizeof(h)), 0);
	return strtol(h, NULL, 10);
}

/* 429 with Retry-After in (0, max] and a message saying when. */
static long
assert_delayed(struct client *c, const char *login, const char *pw, long max)
{
	struct resp	r;
	long		s;

	login_resp(c, login, pw, &r);
	assert_int_equal(r.status, 429);
	s = retry_after(&r);
	assert_true(s > 0 && s <= max);
	/* "Prøv igjen om 15 sekunder." */
	assert_true(resp_has(&r, "Prøv igjen om"));
	resp_free(&r);
	return s;
}

static void
test_delays_grow_and_pass(void **st)
{
	struct srv		 s;
	struct client		 c;
	const char *const	 at16[] = { "ORDEN_CLOCK_OFFSET=16", NULL };
	const char *const	 at48[] = { "ORDEN_CLOCK_OFFSET=48", NULL };
	int			 i;
	long			 first, second;

	(void)st;
	srv_prepare(&s, 1);
	srv_start(&s, NULL);
	client_init(&c, &s);
	for (i = 0; i < 3; i++)
		assert_int_equal(client_login(&c, "admin", "not-the-password"), 401);
	/* Now even the right password waits, and is told for how long. */
	first = assert_delayed(&c, "admin", DEMO_PASSWORD, 15);
	/* An unknown login gets the very same treatment. */
	for (i = 0; i < 3; i++)
		assert_int_equal(client_login(&c, "nobody", "not-the-password"), 401);
	(void)assert_delayed(&c, "nobody", "not-the-password", 15);
	client_free(&c);
	srv_stop(&s, 1);

	/* Sixteen seconds later: one more try; wrong again, and the next
	 * delay is longer. */
	srv_start(&s, at16);
	client_init(&c, &s);
	assert_int_equal(client_login(&c, "admin", "still-not-it"), 401);
	second = assert_delayed(&c, "admin", DEMO_PASSWORD, 30);
	assert_true(second > first);
	client_free(&c);
	srv_stop(&s, 1);

	/* When it has passed, the right password gets in. */
	srv_start(&s, at48);
	client_init(&c, &s);
	assert_int_equal(client_login(&c, "admin", DEMO_PASSWORD), 303);
	client_free(&c);
	srv_stop(&s, 0);
}

/* A sign-in takes the login in any case ("Admin" on a phone), so guesses
 * in other cases are guesses at the same account: one key, one delay. */
static void
test_case_variants_share_a_delay(void **st)
{
	struct srv	 s;
	struct client	 c;

	(void)st;
	srv_prepare(&s, 1);
	srv_start(&s, NULL);
	client_init(&c, &s);
	assert_int_equal(client_login(&c, "Admin", "not-the-password"), 401);
	assert_int_equal(client_login(&c, "ADMIN", "not-the-password"), 401);
	assert_int_equal(client_login(&c, "aDmin", "not-the-password"), 401);
	(void)assert_delayed(&c, "admin", DEMO_PASSWORD, 15);
	(void)assert_delayed(&c, "AdMiN", DEMO_PASSWORD, 15);
	client_free(&c);
	srv_stop(&s, 0);
}

/* Old behaviour: 20 failures from one address blocked every user there. */
static void
test_typo_storm_locks_out_nobody_else(void **st)
{
	struct srv	s;
	struct client	c;
	char		login[32];
	int		i;

	(void)st;
	srv_prepare(&s, 1);
	srv_start(&s, NULL);
	client_init(&c, &s);
	for (i = 0; i < 25; i++) {
		snprintf(login, sizeof(login), "typo%d", i);
		assert_int_equal(client_login(&c, login, "not-the-password"), 401);
	}
	assert_int_equal(client_login(&c, "admin", DEMO_PASSWORD), 303);
	client_free(&c);
	srv_stop(&s, 0);
}

/* Behind the proxy: one guesser's failures do not keep the owner of the
 * account out from another address. */
static void
test_right_password_from_another_address(void **st)
{
	struct srv	s;
	struct client	guesser, owner;
	int		i;

	(void)st;
	srv_prepare(&s, 1);
	srv_start(&s, proxied);
	client_init(&guesser, &s);
	guesser.extra_header = "X-Forwarded-For: 198.51.100.7";
	for (i = 0; i < 3; i++)
		assert_int_equal(client_login(&guesser, "admin", "guess"), 401);
	for (i = 0; i < 5; i++)
		(void)assert_delayed(&guesser, "admin", "guess", 15);
	client_init(&owner, &s);
	owner.extra_header = "X-Forwarded-For: 203.0.113.20";
	assert_int_equal(client_login(&owner, "admin", DEMO_PASSWORD), 303);
	/* The guesser still waits: the owner's success cleared only the
	 * owner's address. */
	(void)assert_delayed(&guesser, "admin", DEMO_PASSWORD, 15);
	client_free(&owner);
	client_free(&guesser);
	srv_stop(&s, 0);
}

/* The address is the right-most hop the trusted proxy added; what the
 * client wrote to its left changes nothing. */
static void
test_forwarded_for_rightmost_untrusted_hop(void **st)
{
	struct srv	s;
	struct client	c;
	char		h[128];
	int		i;

	(void)st;
	srv_prepare(&s, 1);
	srv_start(&s, proxied);
	client_init(&c, &s);
	for (i = 0; i < 3; i++) {
		snprintf(h, sizeof(h), "X-Forwarded-For: 10.%d.0.1, 198.51.100.7", i);
		c.extra_header = h;
		assert_int_equal(client_login(&c, "admin", "guess"), 401);
	}
	c.extra_header = "X-Forwarded-For: 10.99.0.1, 198.51.100.7";
	(void)assert_delayed(&c, "admin", DEMO_PASSWORD, 15);
	client_free(&c);
	srv_stop(&s, 0);
}

/* Without --trusted-proxy the header is the client's word: ignored. */
static void
test_forwarded_for_ignored_without_trusted_proxy(void **st)
{
	struct srv	s;
	struct client	c;
	char		h[128];
	int		i;

	(void)st;
	srv_prepare(&s, 1);
	srv_start(&s, NULL);
	client_init(&c, &s);
	for (i = 0; i < 3; i++) {
		snprintf(h, sizeof(h), "X-Forwarded-For: 192.0.2.%d", i + 1);
		c.extra_header = h;
		assert_int_equal(client_login(&c, "admin", "guess"), 401);
	}
	c.extra_header = "X-Forwarded-For: 192.0.2.99";
	(void)assert_delayed(&c, "admin", DEMO_PASSWORD, 15);
	client_free(&c);
	srv_stop(&s, 0);
}

/* A bad --trusted-proxy is refused at start, naming the value. */
static void
test_trusted_proxy_option_checked(void **st)
{
	struct srv	s;
	struct buf	out;

	(void)st;
	srv_prepare(&s, 0);
	buf_init(&out, 1 << 16);
	assert_int_not_equal(orden_run(&out, "serve", "--db", s.db,
	    "--trusted-proxy", "10.0.0.0/33", NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), "10.0.0.0/33"));
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "serve", "--help", NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), "--trusted-proxy"));
	buf_free(&out);
	srv_stop(&s, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delays_grow_and_pass),
		cmocka_unit_test(test_case_variants_share_a_delay),
		cmocka_unit_test(test_typo_storm_locks_out_nobody_else),
		cmocka_unit_test(test_right_password_from_another_address),
		cmocka_unit_test(test_forwarded_for_rightmost_untrusted_hop),
		cmocka_unit_test(test_forwarded_for_ignored_without_trusted_proxy),
		cmocka_unit_test(test_trusted_proxy_option_checked),
	};
	return cmocka_run_group_tests_name("http_throttle", tests, NULL, NULL);
}
