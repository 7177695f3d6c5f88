/* test_csv.c: the CSV reader on what operators' spreadsheets really produce
 * (quotes, embedded commas and line breaks, CRLF, a BOM) and on broken or
 * hostile input (unterminated quotes, stray quotes, over-long fields). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util/csv.h"

struct fixture {
	FILE		*fp;
	struct csv	 csv;
};

static struct fixture *
open_text(const char *text, size_t field_max, size_t record_max)
{
	static struct fixture f;

	/* fmemopen with size 0 is undefined; tests never pass "" here. */
	f.fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	assert_non_null(f.fp);
	assert_int_equal(csv_init(&f.csv, f.fp, field_max, record_max), 0);
	return &f;
}

static void
close_text(struct fixture *f)
{
	csv_free(&f->csv);
	fclose(f->fp);
}

static void
expect_record(struct csv *c, long line, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_int_equal(csv_read(c), 1);
	assert_int_equal(c->rec_line, line);
	assert_int_equal(c->nfield, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(c->field[i], va_arg(ap, const char *));
	va_end(ap);
}

static void
test_plain(void **state)
{
	struct fixture *f = open_text("code,name,parent_code\nA,Alpha,\nB,Beta,A\n",
	    0, 0);

	(void)state;
	expect_record(&f->csv, 1, 3, "code", "name", "parent_code");
	expect_record(&f->csv, 2, 3, "A", "Alpha", "");
	expect_record(&f->csv, 3, 3, "B", "Beta", "A");
	assert_int_equal(csv_read(&f->csv), 0);
	close_text(f);
}

static void
test_no_final_newline(void **state)
{
	struct fixture *f = open_text("a,b\nc,d", 0, 0);

	(void)state;
	expect_record(&f->csv, 1, 2, "a", "b");
	expect_record(&f->csv, 2, 2, "c", "d");
	assert_int_equal(csv_read(&f->csv), 0);
	close_text(f);
}

static void
test_quotes_commas_newlines(void **state)
{
	struct fixture *f = open_text(
	    "x,\"HR, l\xc3\xb8nn og regnskap\",\"say \"\"hi\"\"\"\n"
	    "\"two\nlines\",\"\",z\n"
	    "last,row,here\n", 0, 0);

	(void)state;
	expect_record(&f->csv, 1, 3, "x", "HR, l\xc3\xb8nn og regnskap",
	    "say \"hi\"");
	expect_record(&f->csv, 2, 3, "two\nlines", "", "z");
	/* the embedded line break counts as a physical line */
	expect_record(&f->csv, 4, 3, "last", "row", "here");
	assert_int_equal(csv_read(&f->csv), 0);
	close_text(f);
}

static void
test_crlf_and_bom(void **state)
{
	struct fixture *f = open_text("\xef\xbb\xbf" "code,name\r\nA,\"q\r\nr\"\r\n",
	    0, 0);

	(void)state;
	/* the BOM is not part of the first header name */
	expect_record(&f->csv, 1, 2, "code", "name");
	expect_record(&f->csv, 2, 2, "A", "q\r\nr");
	assert_int_equal(csv_read(&f->csv), 0);
	close_text(f);
}

static void
test_not_a_bom(void **state)
{
	/* U+FF0C (fullwidth comma) starts with 0xEF too: it must survive */
	struct fixture *f = open_text("\xef\xbc\x8cx,y\n", 0, 0);

	(void)state;
	expect_record(&f->csv, 1, 2, "\xef\xbc\x8cx", "y");
	close_text(f);
}

static void
test_empty_line(void **state)
{
	struct fixture *f = open_text("a\n\nb\n", 0, 0);

	(void)state;
	expect_record(&f->csv, 1, 1, "a");
	expect_record(&f->csv, 2, 1, "");
	expect_record(&f->csv, 3, 1, "b");
	close_text(f);
}

static void
test_unterminated_quote(void **state)
{
	/* the error points at the opening quote, not at the end of the file */
	struct fixture *f = open_text("a,b\nok,\"never closed\nmore\n", 0, 0);

	(void)state;
	expect_record(&f->csv, 1, 2, "a", "b");
	assert_int_equal(csv_read(&f->csv), -1);
	assert_int_equal(f->csv.err_line, 2);
	assert_int_equal(f->csv.err_col, 4);
	assert_string_equal(f->csv.err, "unterminated quoted field");
	close_text(f);
}

static void
test_stray_quote(void **state)
{
	struct fixture *f = open_text("a,b\n\xc3\xb8x,ab\"c\n", 0, 0);

	(void)state;
	expect_record(&f->csv, 1, 2, "a", "b");
	assert_int_equal(csv_read(&f->csv), -1);
	assert_int_equal(f->csv.err_line, 2);
	/* columns are characters: "øx," is three, the quote is the 6th */
	assert_int_equal(f->csv.err_col, 6);
	assert_string_equal(f->csv.err, "quote inside an unquoted field");
	close_text(f);
}

static void
test_text_after_closing_quote(void **state)
{
	struct fixture *f = open_text("\"ab\"c,d\n", 0, 0);

	(void)state;
	assert_int_equal(csv_read(&f->csv), -1);
	assert_int_equal(f->csv.err_line, 1);
	assert_int_equal(f->csv.err_col, 5);
	assert_string_equal(f->csv.err,
	    "unexpected character after a closing quote");
	close_text(f);
}

static void
test_field_too_long(void **state)
{
	struct fixture *f = open_text("ok,1234567890\n", 8, 0);

	(void)state;
	assert_int_equal(csv_read(&f->csv), -1);
	assert_int_equal(f->csv.err_line, 1);
	assert_int_equal(f->csv.err_col, 12);	/* the 9th byte of the field */
	assert_string_equal(f->csv.err, "field too long");
	close_text(f);
}

static void
test_line_too_long(void **state)
{
	struct fixture *f = open_text("a,b\n1234,5678,9\n", 0, 8);

	(void)state;
	expect_record(&f->csv, 1, 2, "a", "b");
	assert_int_equal(csv_read(&f->csv), -1);
	assert_int_equal(f->csv.err_line, 2);
	assert_string_equal(f->csv.err, "line too long");
	close_text(f);
}

static void
test_too_many_fields(void **state)
{
	char text[CSV_FIELDS_MAX * 2 + 8];
	size_t i;
	struct fixture *f;

	(void)state;
	for (i = 0; i < CSV_FIELDS_MAX + 1; i++) {
		text[2 * i] = 'x';
		text[2 * i + 1] = ',';
	}
	text[2 * i - 1] = '\n';
	text[2 * i] = '\0';
	f = open_text(text, 0, 0);
	assert_int_equal(csv_read(&f->csv), -1);
	assert_string_equal(f->csv.err, "too many fields");
	close_text(f);
}

static void
test_bare_cr(void **state)
{
	struct fixture *f = open_text("a\rb\n", 0, 0);

	(void)state;
	assert_int_equal(csv_read(&f->csv), -1);
	assert_int_equal(f->csv.err_line, 1);
	assert_string_equal(f->csv.err, "carriage return without line feed");
	close_text(f);
}

static void
test_nul_byte(void **state)
{
	static const char text[] = "a,b\0c\n";
	struct fixture f;

	(void)state;
	f.fp = fmemopen((void *)(uintptr_t)text, sizeof(text) - 1, "r");
	assert_non_null(f.fp);
	assert_int_equal(csv_init(&f.csv, f.fp, 0, 0), 0);
	assert_int_equal(csv_read(&f.csv), -1);
	assert_int_equal(f.csv.err_col, 4);
	assert_string_equal(f.csv.err, "NUL byte in input");
	close_text(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_quotes_commas_newlines),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_not_a_bom),
		cmocka_unit_test(test_empty_line),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_stray_quote),
		cmocka_unit_test(test_text_after_closing_quote),
		cmocka_unit_test(test_field_too_long),
		cmocka_unit_test(test_line_too_long),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_bare_cr),
		cmocka_unit_test(test_nul_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
