/* test_dev_stats.c: statistics count exactly the rows inserted, by
 * category, status group, month, unit (rolled up) and kind, under the
 * list's scope and filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "authz/authz.h"
#include "dev_fixture.h"

#define T0	1767225600	/* 2026-01-01T00:00:00Z */
#define DAY	86400

/* The rows: month offset (days from T0), unit, category (NULL: an
 * improvement), what becomes of it. */
enum fate { F_NEW, F_ACK, F_RETURNED, F_CLOSED };
struct row {
	int		 day;
	int		 unit;
	const char	*category;
	enum fate	 fate;
	int		 close_after;	/* days, when closed */
};
static const struct row rows[] = {
	{ 0,  U_VS, "bygg",  F_CLOSED, 2 },
	{ 1,  U_VS, "bygg",  F_NEW, 0 },
	{ 2,  U_VS, "hms",   F_ACK, 0 },
	{ 3,  U_OO, "vold",  F_CLOSED, 4 },
	{ 35, U_SH, "fall",  F_CLOSED, 10 },
	{ 36, U_AV, "fall",  F_RETURNED, 0 },
	{ 40, U_HO, NULL,    F_NEW, 0 },
	{ 40, U_K,  "bygg",  F_ACK, 0 },
	{ 70, U_VS, NULL,    F_CLOSED, 6 },
};
#define NROWS	(sizeof(rows) / sizeof(rows[0]))

static int
setup(void **state)
{
	struct devfx		*x;
	struct deviation	 d;
	struct dev_action_input	 in;
	const char		*field;
	size_t			 i;

	if ((x = calloc(1, sizeof(*x))) == NULL || devfx_open(x) != 0)
		return -1;
	for (i = 0; i < NROWS; i++) {
		x->c.now = T0 + (int64_t)rows[i].day * DAY;
		if (devfx_report(x, P_EMP, rows[i].unit, rows[i].category, 2, 0,
		    &d) != 0)
			return -1;
		memset(&in, 0, sizeof(in));
		in.kind = -1;
		switch (rows[i].fate) {
		case F_NEW:
			continue;
		case F_ACK:
			in.action = DA_ACKNOWLEDGE;
			break;
		case F_RETURNED:
			in.action = DA_RETURN;
			in.reason = "r";
			break;
		case F_CLOSED:
			in.action = DA_CLOSE;
			in.summary = "s";
			x->c.now += (int64_t)rows[i].close_after * DAY;
			break;
		}
		devfx_as(x, P_CE);
		if (deviation_act(&x->c, d.id, &in, &field) != 0)
			return -1;
	}
	x->c.now = T0 + 100 * DAY;
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct devfx *x = *state;

	devfx_close(x);
	free(x);
	return 0;
}

static void
filter_all(struct dev_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = -1;
	f->scope = DEV_SCOPE_ALL;
}

static int64_t
row_count(const struct dev_stats *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->nrows; i++)
		if (strcmp(s->rows[i].key, key) == 0)
			return s->rows[i].count;
	return -1;
}

static int64_t
row_sum(const struct dev_stats *s)
{
	size_t	i;
	int64_t	sum = 0;

	for (i = 0; i < s->nrows; i++)
		sum += s->rows[i].count;
	return sum;
}

static void
test_totals_and_median(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	struct dev_stats	 s;
	size_t			 i;
	int			 open = 0, prog = 0, closed = 0;

	for (i = 0; i < NROWS; i++) {
		open += rows[i].fate == F_NEW;
		prog += rows[i].fate == F_ACK || rows[i].fate == F_RETURNED;
		closed += rows[i].fate == F_CLOSED;
	}
	filter_all(&f);
	devfx_as(x, P_QUALITY);
	assert_int_equal(deviation_stats(&x->c, &f, NULL, &s), 0);
	assert_int_equal(s.total, NROWS);
	assert_int_equal(s.open, open);
	assert_int_equal(s.in_progress, prog);
	assert_int_equal(s.closed, closed);
	/* At T0 + 100 days every open one is past its deadline. */
	assert_int_equal(s.overdue, open + prog);
	/* Closed after 2, 4, 10, 6 days: median 5. */
	assert_true(s.median_days_to_close > 4.99 && s.median_days_to_close < 5.01);
	assert_int_equal(deviation_stats(&x->c, &f, "nonsense", &s), DEV_ERR_INVALID);
}

static void
test_by_category_status_kind(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	struct dev_stats	 s;

	filter_all(&f);
	devfx_as(x, P_QUALITY);
	assert_int_equal(deviation_stats(&x->c, &f, "category", &s), 0);
	assert_int_equal(row_count(&s, "bygg"), 3);
	assert_int_equal(row_count(&s, "hms"), 1);
	assert_int_equal(row_count(&s, "vold"), 1);
	assert_int_equal(row_count(&s, "fall"), 2);
	assert_int_equal(row_count(&s, "improvement"), 2);
	assert_int_equal(row_count(&s, "personvern"), -1);
	assert_int_equal(row_sum(&s), NROWS);
	assert_string_equal(s.rows[0].key, "bygg");	/* largest first */
	assert_string_equal(s.rows[0].label, "Bygg og utstyr");

	assert_int_equal(deviation_stats(&x->c, &f, "status", &s), 0);
	assert_int_equal(s.nrows, 3);
	assert_string_equal(s.rows[0].key, "open");
	assert_int_equal(s.rows[0].count, 2);
	assert_string_equal(s.rows[1].key, "in_progress");
	assert_int_equal(s.rows[1].count, 3);
	assert_string_equal(s.rows[2].key, "closed");
	assert_int_equal(s.rows[2].count, 4);

	assert_int_equal(deviation_stats(&x->c, &f, "kind", &s), 0);
	assert_int_equal(row_count(&s, "deviation"), 7);
	assert_int_equal(row_count(&s, "improvement"), 2);
}

static void
test_by_month_and_period(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	struct dev_stats	 s;

	filter_all(&f);
	devfx_as(x, P_QUALITY);
	assert_int_equal(deviation_stats(&x->c, &f, "month", &s), 0);
	assert_int_equal(s.nrows, 3);
	assert_string_equal(s.rows[0].key, "2026-01");
	assert_int_equal(s.rows[0].count, 4);
	assert_string_equal(s.rows[1].key, "2026-02");
	assert_int_equal(s.rows[1].count, 4);
	assert_string_equal(s.rows[2].key, "2026-03");
	assert_int_equal(s.rows[2].count, 1);
	/* February only (reported in the period). */
	f.from = T0 + 31 * DAY;
	f.to = T0 + 59 * DAY - 1;
	assert_int_equal(deviation_stats(&x->c, &f, "month", &s), 0);
	assert_int_equal(s.total, 4);
	assert_int_equal(s.nrows, 1);
}

/* A report at 00:30 on 1 January in Oslo (23:30 UTC on 31 December) is of
 * the new year: its number and its month are the municipality's. */
static void
test_new_year_is_local(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	struct dev_stats	 s;
	struct deviation	 d;

	x->c.now = T0 - 1800;
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &d), 0);
	assert_string_equal(d.number, "AV-2026-000010");
	filter_all(&f);
	f.from = T0 - 3600;
	f.to = T0 - 1;
	devfx_as(x, P_QUALITY);
	assert_int_equal(deviation_stats(&x->c, &f, "month", &s), 0);
	assert_int_equal(s.total, 1);
	assert_int_equal(s.nrows, 1);
	assert_string_equal(s.rows[0].key, "2026-01");
}

static void
test_by_unit_rolls_up(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	struct dev_stats	 s;
	char			 k[32];

	filter_all(&f);
	devfx_as(x, P_QUALITY);
	/* The whole tenant: its one root holds everything. */
	assert_int_equal(deviation_stats(&x->c, &f, "unit", &s), 0);
	assert_int_equal(s.nrows, 1);
	assert_int_equal(s.rows[0].count, NROWS);
	assert_string_equal(s.rows[0].label, "Kommune");
	/* Under the root: the sectors with their subtrees, and the root's own. */
	f.unit_id = x->unit[U_K];
	assert_int_equal(deviation_stats(&x->c, &f, "unit", &s), 0);
	snprintf(k, sizeof(k), "%lld", (long long)x->unit[U_OO]);
	assert_int_equal(row_count(&s, k), 5);
	snprintf(k, sizeof(k), "%lld", (long long)x->unit[U_HO]);
	assert_int_equal(row_count(&s, k), 3);
	snprintf(k, sizeof(k), "%lld", (long long)x->unit[U_K]);
	assert_int_equal(row_count(&s, k), 1);
	assert_int_equal(row_sum(&s), NROWS);
	/* A sector: its school and itself; the subtree filter holds. */
	f.unit_id = x->unit[U_OO];
	assert_int_equal(deviation_stats(&x->c, &f, "unit", &s), 0);
	assert_int_equal(s.total, 5);
	snprintf(k, sizeof(k), "%lld", (long long)x->unit[U_VS]);
	assert_int_equal(row_count(&s, k), 4);
	snprintf(k, sizeof(k), "%lld", (long long)x->unit[U_OO]);
	assert_int_equal(row_count(&s, k), 1);
}

static void
test_scope_applies(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	struct dev_stats	 s;

	/* Helse's leader counts what they may see: Helse's three. */
	devfx_as(x, P_HOL);
	filter_all(&f);
	f.scope = authz_dev_scope(&x->c);
	assert_int_equal(deviation_stats(&x->c, &f, "category", &s), 0);
	assert_int_equal(s.total, 3);
	assert_int_equal(row_count(&s, "fall"), 2);
	assert_int_equal(row_count(&s, "improvement"), 1);
	/* Nobody logged in: nothing. */
	devfx_as(x, -1);
	f.scope = authz_dev_scope(&x->c);
	assert_int_equal(deviation_stats(&x->c, &f, "category", &s), 0);
	assert_int_equal(s.total, 0);
	assert_int_equal(s.nrows, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_totals_and_median, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_category_status_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_month_and_period, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_year_is_local, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_unit_rolls_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope_applies, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
