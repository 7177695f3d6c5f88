/* test_multipart.c: the multipart/form-data parser on what browsers send
 * (CRLF, a file with binary data, an empty file input) and on what
 * attackers send (no final boundary, oversized part headers, too many
 * files, paths in file names, a boundary lookalike in the data). Each body
 * is copied into a buffer of exactly its length, so ASan catches any read
 * past the end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/http.h"
#include "util/arena.h"
#include "util/buf.h"

#define CT "multipart/form-data; boundary=----b0undary"
#define B "------b0undary"

struct parsed {
	struct kv	*form;
	size_t		 nform;
	struct http_file *files;
	size_t		 nfiles;
};

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

/* Parse body (len bytes) from an exact-size heap copy. */
static int
parse_n(struct arena *a, const char *ct, const char *body, size_t len, struct parsed *p)
{
	char	*copy = malloc(len ? len : 1);
	int	 rc;

	assert_non_null(copy);
	memcpy(copy, body, len);
	rc = http_parse_multipart(a, ct, copy, len, &p->form, &p->nform,
	    &p->files, &p->nfiles);
	/* File data points into the body: keep it while the test looks. */
	if (rc == 0 && p->nfiles > 0) {
		char *keep = arena_alloc(a, len ? len : 1);
		size_t i;

		assert_non_null(keep);
		memcpy(keep, copy, len);
		for (i = 0; i < p->nfiles; i++)
			p->files[i].data = (const unsigned char *)keep +
			    (p->files[i].data - (const unsigned char *)copy);
	}
	free(copy);
	return rc;
}

static int
parse(struct arena *a, const char *body, struct parsed *p)
{
	return parse_n(a, CT, body, strlen(body), p);
}

static void
test_good_body(void **state)
{
	struct parsed p;

	assert_int_equal(parse(*state,
	    B "\r\nContent-Disposition: form-data; name=\"what\"\r\n\r\nLine one\r\nline two\r\n"
	    B "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"notat.txt\"\r\n"
	    "Content-Type: text/plain\r\n\r\nhello\r\n"
	    B "\r\ncontent-disposition: form-data; name=\"empty\"\r\n\r\n\r\n"
	    B "--\r\n", &p), 0);
	assert_int_equal(p.nform, 2);
	assert_string_equal(p.form[0].key, "what");
	/* CRLF inside a value is the value's own. */
	assert_string_equal(p.form[0].value, "Line one\r\nline two");
	assert_string_equal(p.form[1].key, "empty");
	assert_string_equal(p.form[1].value, "");
	assert_int_equal(p.nfiles, 1);
	assert_string_equal(p.files[0].field, "evidence");
	assert_string_equal(p.files[0].filename, "notat.txt");
	assert_string_equal(p.files[0].content_type, "text/plain");
	assert_int_equal(p.files[0].len, 5);
	assert_memory_equal(p.files[0].data, "hello", 5);
}

static void
test_boundary_forms(void **state)
{
	struct parsed p;
	const char *body = "--a b\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b--";

	/* Quoted boundary (with a space, allowed inside quotes); token name. */
	assert_int_equal(parse_n(*state, "multipart/form-data; charset=utf-8; boundary=\"a b\"",
	    body, strlen(body), &p), 0);
	assert_int_equal(p.nform, 1);
	assert_string_equal(p.form[0].value, "1");
	/* No boundary, an empty one, one of 71 characters: refused. */
	assert_int_equal(parse_n(*state, "multipart/form-data", body, strlen(body), &p), -1);
	assert_int_equal(parse_n(*state, "multipart/form-data; boundary=", body,
	    strlen(body), &p), -1);
	assert_int_equal(parse_n(*state, "multipart/form-data; boundary="
	    "12345678901234567890123456789012345678901234567890123456789012345678901",
	    body, strlen(body), &p), -1);
	assert_int_equal(parse_n(*state, "multipart/form-data; boundary=\"unterminated",
	    body, strlen(body), &p), -1);
	/* A preamble before the first boundary is allowed (RFC 2046). */
	assert_int_equal(parse(*state, "preamble\r\n" B "\r\nContent-Disposition: form-data; "
	    "name=\"a\"\r\n\r\nv\r\n" B "--", &p), 0);
	assert_string_equal(p.form[0].value, "v");
}

static void
test_crlf_required(void **state)
{
	struct parsed p;

	/* Bare LF line ends are not what a browser sends: malformed. */
	assert_int_equal(parse(*state, B "\nContent-Disposition: form-data; name=\"a\"\n\nv\n"
	    B "--\n", &p), -1);
	/* Headers without the blank line. */
	assert_int_equal(parse(*state, B "\r\nContent-Disposition: form-data; name=\"a\"\r\nv\r\n"
	    B "--", &p), -1);
	/* Garbage right after a boundary. */
	assert_int_equal(parse(*state, B "xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n"
	    B "--", &p), -1);
}

static void
test_missing_final_boundary(void **state)
{
	struct parsed p;

	assert_int_equal(parse(*state, B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv", &p), -1);
	assert_int_equal(parse(*state, B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n"
	    "------b0und", &p), -1);
	assert_int_equal(parse(*state, B "\r\nContent-Disposition: form-data; name=\"a\"", &p), -1);
	assert_int_equal(parse(*state, B, &p), -1);
	assert_int_equal(parse(*state, "", &p), -1);
	/* No disposition, no name, another disposition type. */
	assert_int_equal(parse(*state, B "\r\nContent-Type: text/plain\r\n\r\nv\r\n" B "--", &p), -1);
	assert_int_equal(parse(*state, B "\r\nContent-Disposition: form-data\r\n\r\nv\r\n" B "--", &p), -1);
	assert_int_equal(parse(*state, B "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n"
	    B "--", &p), -1);
}

static void
test_boundary_inside_data(void **state)
{
	struct parsed p;

	/* The boundary string without CRLF before it, or with a longer
	 * tail, does not end the part... */
	assert_int_equal(parse(*state, B "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\n"
	    "x" B "y\r\n--b0undary\r\n" B "\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n2\r\n" B "--", &p), 0);
	assert_int_equal(p.nfiles, 1);
	assert_int_equal(p.files[0].len, strlen("x" B "y\r\n--b0undary"));
	assert_memory_equal(p.files[0].data, "x" B "y\r\n--b0undary", p.files[0].len);
	assert_int_equal(p.nform, 1);
	assert_string_equal(p.form[0].value, "2");
}

static void
test_huge_part_headers(void **state)
{
	struct parsed	 p;
	struct buf	 b;

	buf_init(&b, 1u << 20);
	buf_puts(&b, B "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
	while (b.len < HTTP_MAX_HEADER + 100)
		buf_putc(&b, 'x');
	buf_puts(&b, "\r\n\r\nv\r\n" B "--");
	assert_false(buf_failed(&b));
	assert_int_equal(parse_n(*state, CT, b.data, b.len, &p), -1);
	buf_free(&b);
	/* A name with an escaped quote and a semicolon inside quotes. */
	assert_int_equal(parse(*state, B "\r\nContent-Disposition: form-data; name=\"a\\\"b;c\"; "
	    "filename=\"x\\\"y.txt\"\r\n\r\nv\r\n" B "--", &p), 0);
	assert_string_equal(p.files[0].field, "a\"b;c");
	assert_string_equal(p.files[0].filename, "x\"y.txt");
	/* filename= does not count as name=. */
	assert_int_equal(parse(*state, B "\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nv\r\n"
	    B "--", &p), -1);
}

static void
test_too_many_files(void **state)
{
	struct parsed	 p;
	struct buf	 b;
	int		 i;

	buf_init(&b, 1u << 20);
	for (i = 0; i < HTTP_MAX_FILES; i++)
		buf_printf(&b, B "\r\nContent-Disposition: form-data; name=\"e\"; "
		    "filename=\"f%d\"\r\n\r\ndata\r\n", i);
	buf_puts(&b, B "--");
	assert_int_equal(parse_n(*state, CT, b.data, b.len, &p), 0);
	assert_int_equal(p.nfiles, HTTP_MAX_FILES);
	buf_reset(&b);
	for (i = 0; i < HTTP_MAX_FILES + 1; i++)
		buf_printf(&b, B "\r\nContent-Disposition: form-data; name=\"e\"; "
		    "filename=\"f%d\"\r\n\r\ndata\r\n", i);
	buf_puts(&b, B "--");
	assert_int_equal(parse_n(*state, CT, b.data, b.len, &p), -1);
	/* Too many text fields. */
	buf_reset(&b);
	for (i = 0; i < HTTP_MAX_FIELDS + 1; i++)
		buf_printf(&b, B "\r\nContent-Disposition: form-data; name=\"k%d\"\r\n\r\nv\r\n", i);
	buf_puts(&b, B "--");
	assert_int_equal(parse_n(*state, CT, b.data, b.len, &p), -1);
	buf_free(&b);
	/* An empty file input is no file. */
	assert_int_equal(parse(*state, B "\r\nContent-Disposition: form-data; name=\"e\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n\r\n" B "--", &p), 0);
	assert_int_equal(p.nfiles, 0);
}

static const char *
one_name(struct arena *a, const char *quoted)
{
	struct parsed	 p;
	struct buf	 b;
	int		 rc;

	buf_init(&b, 1u << 16);
	buf_printf(&b, B "\r\nContent-Disposition: form-data; name=\"e\"; filename=\"%s\"\r\n\r\nz\r\n" B "--",
	    quoted);
	rc = parse_n(a, CT, b.data, b.len, &p);
	buf_free(&b);
	assert_int_equal(rc, 0);
	assert_int_equal(p.nfiles, 1);
	return p.files[0].filename;
}

static void
test_filenames_cleaned(void **state)
{
	char	long_name[601];
	const char *n;

	assert_string_equal(one_name(*state, "../../etc/passwd"), "passwd");
	assert_string_equal(one_name(*state, "C:\\\\Users\\\\kari\\\\rapport.docx"), "rapport.docx");
	assert_string_equal(one_name(*state, ".."), "file");
	assert_string_equal(one_name(*state, "a/"), "file");
	assert_string_equal(one_name(*state, "bad\x01\x1b[31mname\x7f.txt"), "bad[31mname.txt");
	assert_string_equal(one_name(*state, "bl\xc3\xa5" "b\xc3\xa6r.pdf"), "bl\xc3\xa5" "b\xc3\xa6r.pdf");
	assert_string_equal(one_name(*state, "x\xff\xc3y.pdf"), "xy.pdf");	/* invalid UTF-8 dropped */
	/* 300 two-byte characters: cut at 200 bytes, on a character. */
	memset(long_name, 0, sizeof(long_name));
	for (int i = 0; i < 300; i++)
		memcpy(long_name + 2 * i, "\xc3\xb8", 2);
	n = one_name(*state, long_name);
	assert_int_equal(strlen(n), HTTP_MAX_FILENAME);
	assert_memory_equal(n + HTTP_MAX_FILENAME - 2, "\xc3\xb8", 2);
}

static void
test_binary_with_nul(void **state)
{
	struct parsed	 p;
	static const char body[] = B "\r\nContent-Disposition: form-data; name=\"e\"; filename=\"b.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n\x00\x01\r\n\x00\xff--\r\n" B "--\r\n";
	static const char text_nul[] = B "\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\na\x00" "b\r\n" B "--";

	assert_int_equal(parse_n(*state, CT, body, sizeof(body) - 1, &p), 0);
	assert_int_equal(p.nfiles, 1);
	assert_int_equal(p.files[0].len, 8);
	assert_memory_equal(p.files[0].data, "\x00\x01\r\n\x00\xff--", 8);
	/* A NUL in a text field would cut it short later: refused. */
	assert_int_equal(parse_n(*state, CT, text_nul, sizeof(text_nul) - 1, &p), -1);
}

/* A page's form with a NUL in a text part is read without that part,
 * naming it, so the page can say which field was wrong. */
static void
test_salvage_text_with_nul(void **state)
{
	struct parsed	 p;
	const char	*bad;
	static const char body[] = B "\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\na\x00" "b\r\n"
	    B "\r\nContent-Disposition: form-data; name=\"u\"\r\n\r\nok\r\n" B "--";

	assert_int_equal(http_parse_multipart_salvage(*state, CT, body,
	    sizeof(body) - 1, &p.form, &p.nform, &p.files, &p.nfiles, &bad), 0);
	assert_string_equal(bad, "t");
	assert_int_equal(p.nform, 1);
	assert_string_equal(p.form[0].key, "u");
	assert_string_equal(p.form[0].value, "ok");
}

/* Every prefix of a good body: never a crash, never past the end. */
static void
test_truncations(void **state)
{
	struct parsed	 p;
	const char	*body = B "\r\nContent-Disposition: form-data; name=\"a\"; filename=\"q\\\"x\"\r\n"
	    "Content-Type: text/plain\r\n\r\nabc\r\n" B "--";
	size_t		 i, len = strlen(body);

	for (i = 0; i < len; i++)
		assert_int_equal(parse_n(*state, CT, body, i, &p), -1);
	assert_int_equal(parse_n(*state, CT, body, len, &p), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_body),
		cmocka_unit_test(test_boundary_forms),
		cmocka_unit_test(test_crlf_required),
		cmocka_unit_test(test_missing_final_boundary),
		cmocka_unit_test(test_boundary_inside_data),
		cmocka_unit_test(test_huge_part_headers),
		cmocka_unit_test(test_too_many_files),
		cmocka_unit_test(test_filenames_cleaned),
		cmocka_unit_test(test_binary_with_nul),
		cmocka_unit_test(test_salvage_text_with_nul),
		cmocka_unit_test(test_truncations),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
