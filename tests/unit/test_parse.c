/* test_parse.c: the urlencoded form parser and the cookie parser, on the
 * inputs browsers send and on the ones attackers send. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ctx.h"
#include "http/http.h"
#include "http/internal.h"
#include "util/arena.h"
#include "util/buf.h"

static int
setup(void **state)
{
	*state = arena_new(8 * 1024 * 1024);
	return *state ? 0 : -1;
}

static int
teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static int
parse(struct arena *a, const char *s, struct kv **v, size_t *n)
{
	return http_parse_urlencoded(a, s, strlen(s), v, n);
}

static void
test_form_basic(void **state)
{
	struct kv	*v;
	size_t		 n;

	assert_int_equal(parse(*state, "login=kari&password=a+b%26c%3D", &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].key, "login");
	assert_string_equal(v[0].value, "kari");
	assert_string_equal(v[1].key, "password");
	assert_string_equal(v[1].value, "a b&c=");
}

static void
test_form_utf8_and_escapes(void **state)
{
	struct kv	*v;
	size_t		 n;

	/* "Tønsberg" as a browser sends it; hex in either case. */
	assert_int_equal(parse(*state, "name=T%C3%B8nsberg&x=%2f%2F", &v, &n), 0);
	assert_string_equal(v[0].value, "T\xc3\xb8nsberg");
	assert_string_equal(v[1].value, "//");
	/* A literal '+' must be sent as %2B. */
	assert_int_equal(parse(*state, "a=1%2B1", &v, &n), 0);
	assert_string_equal(v[0].value, "1+1");
	/* %-encoded '&' and '=' do not split. */
	assert_int_equal(parse(*state, "k%3D=v%26w", &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].key, "k=");
	assert_string_equal(v[0].value, "v&w");
}

static void
test_form_bad_escapes(void **state)
{
	struct kv	*v;
	size_t		 n;

	assert_int_equal(parse(*state, "a=%", &v, &n), -1);
	assert_int_equal(parse(*state, "a=%4", &v, &n), -1);
	assert_int_equal(parse(*state, "a=%G1", &v, &n), -1);
	assert_int_equal(parse(*state, "a=%4g", &v, &n), -1);
	/* A NUL would cut the value short later, unseen. */
	assert_int_equal(parse(*state, "a=x%00y", &v, &n), -1);
	assert_int_equal(parse(*state, "a%00=1", &v, &n), -1);
	/* and a raw NUL inside the given length too */
	assert_int_equal(http_parse_urlencoded(*state, "a=x\0y", 5, &v, &n), -1);
}

/* A page's form with a NUL is read without that pair, naming its key. */
static void
test_form_salvage(void **state)
{
	struct kv	*v;
	size_t		 n;
	const char	*bad;

	assert_int_equal(http_parse_urlencoded_salvage(*state,
	    "csrf=t&a=x%00y&b=2", 18, &v, &n, &bad), 0);
	assert_string_equal(bad, "a");
	assert_int_equal(n, 2);
	assert_string_equal(v[0].key, "csrf");
	assert_string_equal(v[1].key, "b");
	assert_int_equal(http_parse_urlencoded_salvage(*state, "a%00=1&b=%zz",
	    12, &v, &n, &bad), 0);
	assert_string_equal(bad, "b");
	assert_int_equal(n, 0);
	assert_int_equal(http_parse_urlencoded_salvage(*state, "a=1", 3, &v,
	    &n, &bad), 0);
	assert_null(bad);
	assert_int_equal(n, 1);
	assert_int_equal(http_parse_urlencoded_salvage(*state, "=x", 2, &v,
	    &n, &bad), -1);
}

static void
test_form_empty_keys_and_pairs(void **state)
{
	struct kv	*v;
	size_t		 n;

	assert_int_equal(parse(*state, "", &v, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(parse(*state, "a=1&&b=2&", &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].key, "b");
	/* A key without '=' has the empty value. */
	assert_int_equal(parse(*state, "remember&x=", &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].key, "remember");
	assert_string_equal(v[0].value, "");
	assert_string_equal(v[1].value, "");
	/* An empty key is malformed. */
	assert_int_equal(parse(*state, "=x", &v, &n), -1);
	assert_int_equal(parse(*state, "a=1&=2", &v, &n), -1);
}

static void
test_form_duplicates(void **state)
{
	struct http_req	 req;
	struct kv	*v;
	size_t		 n;

	assert_int_equal(parse(*state, "role=a&role=b&x=1", &v, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].value, "a");
	assert_string_equal(v[1].value, "b");
	/* http_form answers with the first. */
	memset(&req, 0, sizeof(req));
	req.form = v;
	req.nform = n;
	assert_string_equal(http_form(&req, "role"), "a");
	assert_null(http_form(&req, "nope"));
}

static void
test_form_limits(void **state)
{
	struct buf	 b;
	struct kv	*v;
	size_t		 n;
	int		 i;

	buf_init(&b, 1024 * 1024);
	for (i = 0; i < HTTP_MAX_FIELDS; i++)
		buf_printf(&b, "%sf%d=%d", i ? "&" : "", i, i);
	assert_int_equal(http_parse_urlencoded(*state, b.data, b.len, &v, &n), 0);
	assert_int_equal(n, HTTP_MAX_FIELDS);
	buf_puts(&b, "&one=more");
	assert_int_equal(http_parse_urlencoded(*state, b.data, b.len, &v, &n), -1);
	/* Many empty pairs cost nothing but are bounded too. */
	buf_reset(&b);
	for (i = 0; i < HTTP_MAX_FIELDS * 5; i++)
		buf_putc(&b, '&');
	assert_int_equal(http_parse_urlencoded(*state, b.data, b.len, &v, &n), -1);
	buf_free(&b);

	/* Only len bytes are read: no terminator needed. */
	assert_int_equal(http_parse_urlencoded(*state, "a=1&b=2", 3, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].value, "1");
}

static void
test_form_arena_exhausted(void **state)
{
	struct arena	*tiny = arena_new(64);
	struct buf	 b;
	struct kv	*v;
	size_t		 n;
	int		 i;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; i < 100; i++)
		buf_puts(&b, "abcdefgh");
	assert_int_equal(http_parse_urlencoded(tiny, b.data, b.len, &v, &n), -1);
	buf_free(&b);
	arena_free(tiny);
}

static void
test_cookie(void **state)
{
	const char *v;

	assert_int_equal(http_parse_cookie(*state,
	    "orden_lang=en; orden_session=abc_DEF-123", "orden_session", &v), 0);
	assert_string_equal(v, "abc_DEF-123");
	assert_int_equal(http_parse_cookie(*state,
	    "orden_lang=en; orden_session=abc", "orden_lang", &v), 0);
	assert_string_equal(v, "en");
	/* Absent: 0 and NULL. A prefix of another name is not it. */
	assert_int_equal(http_parse_cookie(*state, "orden_session_x=1; xorden_session=2",
	    "orden_session", &v), 0);
	assert_null(v);
	assert_int_equal(http_parse_cookie(*state, NULL, "a", &v), 0);
	assert_null(v);
	/* Spaces, tabs, quotes, junk without '=', and the first one wins. */
	assert_int_equal(http_parse_cookie(*state,
	    "junk;  a = \"q v\" ;a=second", "a", &v), 0);
	assert_string_equal(v, "q v");
	assert_int_equal(http_parse_cookie(*state, "a=", "a", &v), 0);
	assert_string_equal(v, "");
	assert_int_equal(http_parse_cookie(*state, ";;;=;a=1;", "a", &v), 0);
	assert_string_equal(v, "1");
}

static void
test_cookie_too_long(void **state)
{
	char		 big[HTTP_MAX_HEADER + 10];
	const char	*v;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big, "a=1; ", 5);
	assert_int_equal(http_parse_cookie(*state, big, "a", &v), -1);
}

static void
test_urlencode(void **state)
{
	assert_string_equal(http_urlencode(*state, "/admin/people?q=a b&c"),
	    "/admin/people%3Fq%3Da%20b%26c");
	assert_string_equal(http_urlencode(*state, "\xc3\xb8"), "%C3%B8");
}

/* The response helpers that guard against header and redirect tricks. */
static void
test_redirect_and_cookie(void **state)
{
	struct http_resp	resp;
	struct http_req		req;
	struct ctx		ctx;

	memset(&resp, 0, sizeof(resp));
	memset(&req, 0, sizeof(req));
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = *state;
	req.ctx = &ctx;
	buf_init(&resp.body, 1024);

	http_redirect(&resp, "/admin/units?x=1");
	assert_int_equal(resp.status, 303);
	assert_string_equal(resp.headers[0].value, "/admin/units?x=1");
	/* Never off-site: "//evil", "/\evil", absolute URLs go home. */
	http_redirect(&resp, "//evil.example/");
	assert_string_equal(resp.headers[0].value, "/");
	http_redirect(&resp, "/\\evil.example/");
	assert_string_equal(resp.headers[0].value, "/");
	http_redirect(&resp, "https://evil.example/");
	assert_string_equal(resp.headers[0].value, "/");
	http_redirect(&resp, "/ok\r\nSet-Cookie: x=1");
	assert_string_equal(resp.headers[0].value, "/");
	assert_int_equal(resp.nheaders, 1);
	/* A header value that would split the response is dropped. */
	http_header(&resp, "X-Test", "a\r\nb");
	assert_int_equal(resp.nheaders, 1);

	http_cookie(&req, &resp, "orden_session", "abc", -1);
	assert_string_equal(resp.set_cookie[0],
	    "orden_session=abc; Path=/; HttpOnly; SameSite=Strict");
	req.secure = 1;
	http_cookie(&req, &resp, "orden_lang", "en", 3600);
	assert_string_equal(resp.set_cookie[1],
	    "orden_lang=en; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure");
	http_cookie(&req, &resp, "orden_session", NULL, -1);
	assert_string_equal(resp.set_cookie[2],
	    "orden_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure");
	/* A value that would smuggle attributes is refused. */
	http_cookie(&req, &resp, "x", "a; Domain=evil", -1);
	assert_int_equal(resp.ncookies, 3);
	buf_free(&resp.body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_form_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_utf8_and_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_bad_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_empty_keys_and_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_salvage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_arena_exhausted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookie, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookie_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redirect_and_cookie, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
