/* test_fields.c: declared-field validation. What a handler may rely on:
 * required fields are there, text is valid UTF-8 within bounds, numbers
 * are numbers in range, and a wrong JSON type names the field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/http.h"
#include "util/arena.h"

static const struct field fields[] = {
	{ "name", F_LINE, 1, 1, 10 },
	{ "note", F_TEXT, 0, 0, 20 },
	{ "count", F_INT, 0, 1, 100 },
	{ "active", F_BOOL, 0, 0, 0 },
	{ "code", F_CODE, 0, 2, 8 },
	{ "email", F_EMAIL, 0, 0, 40 },
	{ NULL, 0, 0, 0, 0 }
};

enum { NAME, NOTE, COUNT, ACTIVE, CODE, EMAIL };

struct t {
	struct arena		*a;
	struct field_value	*v;
	const char		*bad, *msg;
};

static int
setup(void **state)
{
	static struct t t;

	memset(&t, 0, sizeof(t));
	if ((t.a = arena_new(1024 * 1024)) == NULL)
		return -1;
	*state = &t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	arena_free(t->a);
	return 0;
}

/* Validate a form given as key, value, ..., NULL. */
static int
form(struct t *t, ...)
{
	struct kv	 kv[16];
	size_t		 n = 0;
	va_list		 ap;
	const char	*k;

	va_start(ap, t);
	while ((k = va_arg(ap, const char *)) != NULL && n < 16) {
		kv[n].key = k;
		kv[n].value = va_arg(ap, const char *);
		n++;
	}
	va_end(ap);
	t->bad = t->msg = NULL;
	return http_fields_validate(t->a, fields, kv, n, NULL, 0, &t->v,
	    &t->bad, &t->msg);
}

static int
json(struct t *t, const char *s)
{
	t->bad = t->msg = NULL;
	return http_fields_validate(t->a, fields, NULL, 0, s, 1, &t->v,
	    &t->bad, &t->msg);
}

static void
test_valid_form(void **state)
{
	struct t *t = *state;

	assert_int_equal(form(t, "name", "Kari", "note", "two\nlines",
	    "count", "42", "active", "on", "code", "AB-1.x", "email",
	    "kari@vestby.kommune.no", NULL), 0);
	assert_true(t->v[NAME].present);
	assert_string_equal(t->v[NAME].s, "Kari");
	assert_string_equal(t->v[NOTE].s, "two\nlines");
	assert_int_equal(t->v[COUNT].i, 42);
	assert_string_equal(t->v[COUNT].s, "42");
	assert_int_equal(t->v[ACTIVE].i, 1);
	assert_string_equal(t->v[CODE].s, "AB-1.x");
	assert_string_equal(t->v[EMAIL].s, "kari@vestby.kommune.no");
}

static void
test_required_and_absent(void **state)
{
	struct t *t = *state;

	assert_int_equal(form(t, NULL), -1);
	assert_string_equal(t->bad, "name");
	assert_non_null(strstr(t->msg, "name"));
	/* An empty input is the same as a missing one. */
	assert_int_equal(form(t, "name", "", NULL), -1);
	assert_string_equal(t->bad, "name");
	/* Optional empty fields are simply absent; an unchecked box is 0. */
	assert_int_equal(form(t, "name", "x", "note", "", "count", "", NULL), 0);
	assert_false(t->v[NOTE].present);
	assert_null(t->v[NOTE].s);
	assert_false(t->v[COUNT].present);
	assert_false(t->v[ACTIVE].present);
	assert_int_equal(t->v[ACTIVE].i, 0);
	/* Unknown fields are ignored. */
	assert_int_equal(form(t, "name", "x", "evil", "\x01", NULL), 0);
}

static void
test_text_bounds(void **state)
{
	struct t *t = *state;

	assert_int_equal(form(t, "name", "0123456789", NULL), 0);
	assert_int_equal(form(t, "name", "0123456789X", NULL), -1);
	assert_string_equal(t->bad, "name");
	/* Bytes, not characters: 5 x "ø" is 10 bytes, 6 is 12. */
	assert_int_equal(form(t, "name", "\xc3\xb8\xc3\xb8\xc3\xb8\xc3\xb8\xc3\xb8", NULL), 0);
	assert_int_equal(form(t, "name", "\xc3\xb8\xc3\xb8\xc3\xb8\xc3\xb8\xc3\xb8\xc3\xb8", NULL), -1);
	/* A line has no newline; text has, but no other controls. */
	assert_int_equal(form(t, "name", "a\nb", NULL), -1);
	assert_string_equal(t->bad, "name");
	assert_int_equal(form(t, "name", "a", "note", "tab\tok\r\n", NULL), 0);
	assert_int_equal(form(t, "name", "a", "note", "bell\x07", NULL), -1);
	assert_string_equal(t->bad, "note");
	assert_int_equal(form(t, "name", "a", "note", "del\x7f", NULL), -1);
}

static void
test_bad_utf8(void **state)
{
	struct t	*t = *state;
	const char	*bad[] = {
		"\xff",			/* never valid */
		"\xc3",			/* truncated */
		"\xc0\xaf",		/* overlong '/' */
		"\xe0\x80\xaf",		/* overlong, 3 bytes */
		"\xed\xa0\x80",		/* surrogate U+D800 */
		"\xf4\x90\x80\x80",	/* past U+10FFFF */
		"a\x80",		/* lone continuation */
	};
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(form(t, "name", bad[i], NULL), -1);
		assert_string_equal(t->bad, "name");
	}
	/* 4-byte characters are fine. */
	assert_int_equal(form(t, "name", "\xf0\x9f\x98\x80", NULL), 0);
}

static void
test_int(void **state)
{
	struct t *t = *state;

	assert_int_equal(form(t, "name", "a", "count", "1", NULL), 0);
	assert_int_equal(form(t, "name", "a", "count", "100", NULL), 0);
	assert_int_equal(form(t, "name", "a", "count", "0", NULL), -1);
	assert_string_equal(t->bad, "count");
	assert_int_equal(form(t, "name", "a", "count", "101", NULL), -1);
	assert_int_equal(form(t, "name", "a", "count", "1e2", NULL), -1);
	assert_int_equal(form(t, "name", "a", "count", " 5", NULL), -1);
	assert_int_equal(form(t, "name", "a", "count", "99999999999999999999", NULL), -1);
	assert_int_equal(form(t, "name", "a", "count", "-5", NULL), -1);
}

static void
test_bool_code_email(void **state)
{
	struct t *t = *state;

	assert_int_equal(form(t, "name", "a", "active", "1", NULL), 0);
	assert_int_equal(t->v[ACTIVE].i, 1);
	assert_int_equal(form(t, "name", "a", "active", "false", NULL), 0);
	assert_int_equal(t->v[ACTIVE].i, 0);
	assert_int_equal(form(t, "name", "a", "active", "maybe", NULL), -1);
	assert_string_equal(t->bad, "active");

	assert_int_equal(form(t, "name", "a", "code", "a", NULL), -1);	/* < min */
	assert_int_equal(form(t, "name", "a", "code", "abcdefghi", NULL), -1);
	assert_int_equal(form(t, "name", "a", "code", "a b", NULL), -1);
	assert_int_equal(form(t, "name", "a", "code", "ab/c", NULL), -1);
	assert_string_equal(t->bad, "code");

	assert_int_equal(form(t, "name", "a", "email", "no-at.example", NULL), -1);
	assert_int_equal(form(t, "name", "a", "email", "a@b", NULL), -1);
	assert_int_equal(form(t, "name", "a", "email", "a@@b.no", NULL), -1);
	assert_int_equal(form(t, "name", "a", "email", "a b@c.no", NULL), -1);
	assert_int_equal(form(t, "name", "a", "email", "a@b.no\n", NULL), -1);
	assert_int_equal(form(t, "name", "a", "email",
	    "very.long.name.indeed@example.kommune.no", NULL), 0);
	assert_int_equal(form(t, "name", "a", "email",
	    "very.long.name.indeed1@example.kommune.no", NULL), -1);
	assert_string_equal(t->bad, "email");
}

static void
test_json_types(void **state)
{
	struct t *t = *state;

	assert_int_equal(json(t, "{\"name\":\"Ola\",\"count\":7,\"active\":true,"
	    "\"unknown\":[1,2]}"), 0);
	assert_string_equal(t->v[NAME].s, "Ola");
	assert_int_equal(t->v[COUNT].i, 7);
	assert_string_equal(t->v[COUNT].s, "7");
	assert_int_equal(t->v[ACTIVE].i, 1);
	assert_true(t->v[ACTIVE].present);

	/* Wrong types name the field. */
	assert_int_equal(json(t, "{\"name\":5}"), -1);
	assert_string_equal(t->bad, "name");
	assert_int_equal(json(t, "{\"name\":\"a\",\"count\":\"7\"}"), -1);
	assert_string_equal(t->bad, "count");
	assert_int_equal(json(t, "{\"name\":\"a\",\"count\":7.5}"), -1);
	assert_string_equal(t->bad, "count");
	assert_int_equal(json(t, "{\"name\":\"a\",\"active\":1}"), -1);
	assert_string_equal(t->bad, "active");
	assert_int_equal(json(t, "{\"name\":\"a\",\"note\":{}}"), -1);
	assert_string_equal(t->bad, "note");
	/* null is absent: fine when optional, missing when required. */
	assert_int_equal(json(t, "{\"name\":\"a\",\"note\":null}"), 0);
	assert_false(t->v[NOTE].present);
	assert_int_equal(json(t, "{\"name\":null}"), -1);
	assert_string_equal(t->bad, "name");
	/* Out of range. */
	assert_int_equal(json(t, "{\"name\":\"a\",\"count\":1000}"), -1);
	assert_string_equal(t->bad, "count");
	/* "\u0000" would cut text short: refused. */
	assert_int_equal(json(t, "{\"name\":\"a\\u0000b\"}"), -1);
}

static void
test_json_malformed(void **state)
{
	struct t *t = *state;

	/* Not one field's fault: no field named. */
	assert_int_equal(json(t, "{\"name\":"), -1);
	assert_null(t->bad);
	assert_non_null(t->msg);
	assert_int_equal(json(t, "[\"name\"]"), -1);
	assert_null(t->bad);
	assert_int_equal(json(t, ""), -1);
	assert_null(t->bad);
	assert_int_equal(json(t, NULL), -1);
	assert_null(t->bad);
	/* Duplicate keys are ambiguous: refused, saying which. */
	assert_int_equal(json(t, "{\"name\":\"a\",\"name\":\"b\"}"), -1);
	assert_null(t->bad);
	assert_string_equal(t->msg, "duplicate field name");
	assert_int_equal(json(t, "{\"x\":{\"k\":1,\"k\":2},\"name\":\"a\"}"), -1);
	assert_string_equal(t->msg, "duplicate field k");
}

/* Bidirectional overrides and isolates turn the text around unseen. */
static void
test_bidi_controls(void **state)
{
	struct t	*t = *state;
	const char	*bad[] = {
		"a\xe2\x80\xaa", "a\xe2\x80\xab", "a\xe2\x80\xac",
		"a\xe2\x80\xad", "a\xe2\x80\xae", "a\xe2\x81\xa6",
		"a\xe2\x81\xa7", "a\xe2\x81\xa8", "a\xe2\x81\xa9",
	};
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(form(t, "name", bad[i], NULL), -1);
		assert_string_equal(t->bad, "name");
		assert_int_equal(form(t, "name", "a", "note", bad[i], NULL), -1);
		assert_string_equal(t->bad, "note");
	}
	/* The marks right-to-left text needs, and their neighbours, are not. */
	assert_int_equal(form(t, "name", "\xe2\x80\x8f\xd8\xb3", NULL), 0);
	assert_int_equal(form(t, "name", "a\xe2\x80\xa9\xe2\x80\xaf", NULL), 0);
	assert_int_equal(form(t, "name", "a\xe2\x81\xa5\xe2\x81\xaa", NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required_and_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bool_code_email, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bidi_controls, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
