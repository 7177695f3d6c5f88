/* test_proxy.c: trusted proxies and the client's address from
 * X-Forwarded-For (http/proxy.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "http/proxy.h"
#include "util/arena.h"

static void
test_trusted_add(void **st)
{
	struct http_trusted t;

	(void)st;
	memset(&t, 0, sizeof(t));
	assert_int_equal(http_trusted_add(&t, "127.0.0.1"), 0);
	assert_int_equal(http_trusted_add(&t, "10.0.0.0/8, 2001:db8::/32"), 0);
	assert_int_equal(t.n, 3);
	/* Bad parts add nothing at all. */
	assert_int_equal(http_trusted_add(&t, "192.0.2.0/24,10.0.0.0/33"), -1);
	assert_int_equal(http_trusted_add(&t, "proxy.example"), -1);
	assert_int_equal(http_trusted_add(&t, ""), -1);
	assert_int_equal(http_trusted_add(&t, "10.0.0.1/"), -1);
	assert_int_equal(t.n, 3);
	assert_true(http_trusted_has(&t, "127.0.0.1"));
	assert_true(http_trusted_has(&t, "::ffff:127.0.0.1"));
	assert_false(http_trusted_has(&t, "127.0.0.2"));
	assert_true(http_trusted_has(&t, "10.200.3.4"));
	assert_false(http_trusted_has(&t, "11.0.0.1"));
	assert_true(http_trusted_has(&t, "2001:db8:1::5"));
	assert_false(http_trusted_has(&t, "2001:db9::5"));
	assert_false(http_trusted_has(&t, "garbage"));
}

static void
test_client_addr(void **st)
{
	struct http_trusted	 t;
	struct arena		*a = arena_new(1 << 16);

	(void)st;
	memset(&t, 0, sizeof(t));
	assert_non_null(a);
	assert_int_equal(http_trusted_add(&t, "127.0.0.1,10.0.0.0/8"), 0);
	/* Not from a trusted proxy: the header is ignored. */
	assert_string_equal(http_client_addr(a, &t, "192.0.2.1", "198.51.100.7"),
	    "192.0.2.1");
	/* No proxies configured: ignored too. */
	assert_string_equal(http_client_addr(a, NULL, "127.0.0.1", "198.51.100.7"),
	    "127.0.0.1");
	/* From the proxy: the right-most hop. */
	assert_string_equal(http_client_addr(a, &t, "127.0.0.1", "198.51.100.7"),
	    "198.51.100.7");
	/* What the client wrote on the left is not believed. */
	assert_string_equal(http_client_addr(a, &t, "127.0.0.1",
	    "1.2.3.4, 198.51.100.7"), "198.51.100.7");
	/* Trusted hops are walked past. */
	assert_string_equal(http_client_addr(a, &t, "127.0.0.1",
	    "1.2.3.4, 198.51.100.7 ,10.1.1.1"), "198.51.100.7");
	/* All trusted: the left-most. */
	assert_string_equal(http_client_addr(a, &t, "127.0.0.1",
	    "10.3.3.3, 10.1.1.1"), "10.3.3.3");
	/* A malformed hop stops the walk at the hop to its right. */
	assert_string_equal(http_client_addr(a, &t, "127.0.0.1",
	    "198.51.100.7, nonsense, 10.1.1.1"), "10.1.1.1");
	assert_string_equal(http_client_addr(a, &t, "127.0.0.1", "nonsense"),
	    "127.0.0.1");
	assert_string_equal(http_client_addr(a, &t, "127.0.0.1", ""), "127.0.0.1");
	assert_string_equal(http_client_addr(a, &t, "127.0.0.1", ",,"), "127.0.0.1");
	assert_string_equal(http_client_addr(a, &t, "::ffff:127.0.0.1",
	    "2001:db8::7"), "2001:db8::7");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trusted_add),
		cmocka_unit_test(test_client_addr),
	};
	return cmocka_run_group_tests_name("proxy", tests, NULL, NULL);
}
