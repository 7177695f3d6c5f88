/* test_chart.c: the dashboard's SVG charts. What a reader would notice:
 * a label that someone typed cannot become markup, bar lengths are in
 * proportion to the numbers, the table beside the picture has the same
 * numbers, and nothing breaks (or divides by zero) with no data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "html/chart.h"
#include "util/buf.h"

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_labels_escaped(void **state)
{
	struct chart_item	 it[] = {
		{ "<script>alert(1)</script>", NULL, 3, NULL, NULL },
		{ "Bygg & \"utstyr\"", NULL, 1, "/dashboard?unit_id=2&x=\"y\"",
		    "/deviations?category_id=2&x=\"z\"" },
		{ "ok", NULL, 1, "javascript:alert(1)", "javascript:alert(2)" },
	};
	struct buf		 b;
	const char		*s;

	(void)state;
	buf_init(&b, 0);
	html_chart(&b, CHART_BARS, "c1", "Per <kategori>", "Kategori",
	    "Antall", "Ingen", it, 3);
	s = buf_cstr(&b);
	assert_null(strstr(s, "<script>"));
	assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(s, "Bygg &amp; &quot;utstyr&quot;"));
	assert_non_null(strstr(s, "<title id=\"c1-t\">Per &lt;kategori&gt;</title>"));
	assert_non_null(strstr(s, "<caption>Per &lt;kategori&gt;</caption>"));
	/* A drill-down link is escaped; a script URL never becomes one. */
	assert_non_null(strstr(s, "href=\"/dashboard?unit_id=2&amp;x=&quot;y&quot;\""));
	/* So is the link of a figure to the list it counts. */
	assert_non_null(strstr(s, "href=\"/deviations?category_id=2&amp;x=&quot;z&quot;\">1</a>"));
	assert_null(strstr(s, "javascript:"));
	/* No style attributes: the CSP forbids inline style. */
	assert_null(strstr(s, "style="));
	buf_free(&b);
}

static void
test_bars_in_proportion(void **state)
{
	struct chart_item	 it[] = {
		{ "HMS", NULL, 10, NULL, NULL },
		{ "Fall", NULL, 5, NULL, NULL },
		{ "Legemiddel", NULL, 0, NULL, NULL },
		{ "Bygg", NULL, 1, NULL, NULL },
	};
	struct buf		 b;
	char			 want[64];
	const char		*s;

	(void)state;
	buf_init(&b, 0);
	html_chart(&b, CHART_BARS, "c2", "Per kategori", "Kategori", "Antall",
	    "Ingen", it, 4);
	s = buf_cstr(&b);
	snprintf(want, sizeof(want), "width=\"%d\"", CHART_BAR_MAX);
	assert_non_null(strstr(s, want));		/* the largest: full */
	snprintf(want, sizeof(want), "width=\"%d\"", CHART_BAR_MAX / 2);
	assert_non_null(strstr(s, want));		/* half of it: half */
	snprintf(want, sizeof(want), "width=\"%d\"", CHART_BAR_MAX / 10);
	assert_non_null(strstr(s, want));		/* a tenth */
	assert_non_null(strstr(s, "width=\"0\""));	/* zero: no bar */
	assert_int_equal(count(s, "<rect"), 4);
	/* The table has every number, in order. */
	assert_non_null(strstr(s, "<th scope=\"row\">HMS</th><td class=\"num\">10</td>"));
	assert_non_null(strstr(s, "<th scope=\"row\">Legemiddel</th><td class=\"num\">0</td>"));
	assert_true(strstr(s, ">HMS</th>") < strstr(s, ">Fall</th>"));
	buf_free(&b);

	/* The scale itself: proportional, capped, never negative, and a
	 * positive value is never drawn as nothing. */
	assert_int_equal(html_chart_scale(10, 10, 480), 480);
	assert_int_equal(html_chart_scale(3, 12, 480), 120);
	assert_int_equal(html_chart_scale(1, 100000, 480), 1);
	assert_int_equal(html_chart_scale(20, 10, 480), 480);
	assert_int_equal(html_chart_scale(-4, 10, 480), 0);
	assert_int_equal(html_chart_scale(4, 0, 480), 0);
}

static void
test_columns_in_proportion(void **state)
{
	struct chart_item	 it[] = {
		{ "januar", "jan", 8, NULL, NULL },
		{ "februar", "feb", 2, NULL, NULL },
	};
	struct buf		 b;
	char			 want[64];
	const char		*s;

	(void)state;
	buf_init(&b, 0);
	html_chart(&b, CHART_COLUMNS, "c3", "Per måned", "Måned", "Antall",
	    "Ingen", it, 2);
	s = buf_cstr(&b);
	snprintf(want, sizeof(want), "height=\"%d\"", CHART_COL_MAX);
	assert_non_null(strstr(s, want));
	snprintf(want, sizeof(want), "height=\"%d\"", CHART_COL_MAX / 4);
	assert_non_null(strstr(s, want));
	/* Short labels under the columns, full ones in the table. */
	assert_non_null(strstr(s, ">jan</text>"));
	assert_non_null(strstr(s, "<th scope=\"row\">januar</th>"));
	buf_free(&b);
}

static void
test_empty_and_zero(void **state)
{
	struct chart_item	 zero[] = {
		{ "HMS", NULL, 0, NULL, NULL },
		{ "Fall", NULL, 0, NULL, NULL },
	};
	struct buf		 b;
	const char		*s;

	(void)state;
	/* No rows at all: the sentence, no picture, no empty table. */
	buf_init(&b, 0);
	html_chart(&b, CHART_BARS, "c4", "Per kategori", "Kategori", "Antall",
	    "Ingen meldinger i perioden.", NULL, 0);
	s = buf_cstr(&b);
	assert_false(buf_failed(&b));
	assert_non_null(strstr(s, "Ingen meldinger i perioden."));
	assert_null(strstr(s, "<svg"));
	assert_null(strstr(s, "<table"));
	buf_free(&b);

	/* Only zeros: the sentence instead of an empty picture, and the
	 * table still says 0 for each. */
	buf_init(&b, 0);
	html_chart(&b, CHART_COLUMNS, "c5", "Per måned", "Måned", "Antall",
	    "Ingen meldinger i perioden.", zero, 2);
	s = buf_cstr(&b);
	assert_null(strstr(s, "<svg"));
	assert_int_equal(count(s, "<td class=\"num\">0</td>"), 2);
	buf_free(&b);
}

static void
test_long_label_cut_on_character(void **state)
{
	char			 label[200];
	struct chart_item	 it[1];
	struct buf		 b;
	const char		*s, *t, *end;
	size_t			 i;

	(void)state;
	/* 60 "æ" (two bytes each): cut after 48 characters, never inside
	 * one, with an ellipsis; the table keeps the whole label. */
	for (i = 0; i < 60; i++)
		memcpy(label + 2 * i, "\xc3\xa6", 2);
	label[120] = '\0';
	it[0].label = label;
	it[0].short_label = NULL;
	it[0].value = 1;
	it[0].href = NULL;
	it[0].value_href = NULL;
	buf_init(&b, 0);
	html_chart(&b, CHART_BARS, "c6", "x", "y", "z", "", it, 1);
	s = buf_cstr(&b);
	t = strstr(s, "fill=\"#1b1b1b\">");
	assert_non_null(t);
	t += strlen("fill=\"#1b1b1b\">");
	end = strstr(t, "</text>");
	assert_non_null(end);
	assert_int_equal((int)(end - t), 48 * 2 + 3);
	assert_memory_equal(end - 3, "\xe2\x80\xa6", 3);
	assert_non_null(strstr(s, label));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels_escaped),
		cmocka_unit_test(test_bars_in_proportion),
		cmocka_unit_test(test_columns_in_proportion),
		cmocka_unit_test(test_empty_and_zero),
		cmocka_unit_test(test_long_label_cut_on_character),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
