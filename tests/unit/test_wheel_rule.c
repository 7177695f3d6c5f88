/* test_wheel_rule.c: the yearly wheel's recurrence rules against dates
 * worked out by hand from a calendar: leap years, month ends, tertials,
 * ISO weeks (week 53), the last working day around Easter, Norwegian
 * public holidays, and where a day ends in Oslo when daylight saving
 * begins or ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "util/date.h"
#include "wheel/rule.h"

static int
setup_oslo(void **state)
{
	(void)state;
	return date_init(NULL);
}

/* The due days of r in [from, to] as "YYYY-MM-DD,..." into out. */
static void
dues(const struct wheel_rule *r, const char *from, const char *to,
    char *out, size_t outsz)
{
	int64_t	f, t, v[64];
	char	iso[11];
	long	n, i;
	size_t	len = 0;
	int	w;

	assert_int_equal(wheel_day_parse(from, &f), 0);
	assert_int_equal(wheel_day_parse(to, &t), 0);
	n = wheel_rule_between(r, f, t, v, 64);
	assert_true(n >= 0 && n <= 64);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		wheel_day_iso(v[i], iso);
		w = snprintf(out + len, outsz - len, "%s%s", i > 0 ? "," : "", iso);
		assert_true(w > 0 && (size_t)w < outsz - len);
		len += (size_t)w;
	}
}

static void
test_yearly_date_leap_years(void **state)
{
	struct wheel_rule	r = { WF_YEARLY_DATE, 2, 29, 0, 0 };
	char			s[512];

	(void)state;
	dues(&r, "2024-01-01", "2028-12-31", s, sizeof(s));
	assert_string_equal(s, "2024-02-29,2025-02-28,2026-02-28,2027-02-28,2028-02-29");
	/* 2100 is no leap year (divisible by 100, not by 400); 2000 was. */
	dues(&r, "2100-01-01", "2100-12-31", s, sizeof(s));
	assert_string_equal(s, "2100-02-28");
	dues(&r, "2000-01-01", "2000-12-31", s, sizeof(s));
	assert_string_equal(s, "2000-02-29");
	/* 12 December: the yearly evaluation with all leaders. */
	r.month = 12;
	r.day = 12;
	dues(&r, "2026-12-12", "2027-12-11", s, sizeof(s));
	assert_string_equal(s, "2026-12-12");
}

static void
test_tertial_and_quarter_month_ends(void **state)
{
	struct wheel_rule	t = { WF_TERTIAL, 4, 31, 0, 0 };
	struct wheel_rule	q = { WF_QUARTERLY, 3, 31, 0, 0 };
	struct wheel_rule	m = { WF_MONTHLY, 0, 31, 0, 0 };
	char			s[512];

	(void)state;
	/* The last day of each tertial (T1 January-April ...). */
	dues(&t, "2026-01-01", "2026-12-31", s, sizeof(s));
	assert_string_equal(s, "2026-04-30,2026-08-31,2026-12-31");
	/* 15th of each tertial's second month: the tertial report's deadline. */
	t.month = 2;
	t.day = 15;
	dues(&t, "2026-01-01", "2026-12-31", s, sizeof(s));
	assert_string_equal(s, "2026-02-15,2026-06-15,2026-10-15");
	dues(&q, "2026-01-01", "2026-12-31", s, sizeof(s));
	assert_string_equal(s, "2026-03-31,2026-06-30,2026-09-30,2026-12-31");
	dues(&m, "2024-01-15", "2024-04-30", s, sizeof(s));
	assert_string_equal(s, "2024-01-31,2024-02-29,2024-03-31,2024-04-30");
	dues(&m, "2026-02-01", "2026-02-28", s, sizeof(s));
	assert_string_equal(s, "2026-02-28");
}

static void
test_iso_weeks(void **state)
{
	struct wheel_rule	r = { WF_YEARLY_WEEK, 0, 0, 50, 5 };
	char			s[512];

	(void)state;
	/* Friday of week 50. */
	dues(&r, "2026-01-01", "2027-12-31", s, sizeof(s));
	assert_string_equal(s, "2026-12-11,2027-12-17");
	/* Week 1 of 2026 begins on Monday 29 December 2025. */
	r.week = 1;
	r.weekday = 1;
	dues(&r, "2025-12-01", "2026-01-31", s, sizeof(s));
	assert_string_equal(s, "2025-12-29");
	/* 2026 has 53 weeks (it begins on a Thursday); 2027 has 52, and a
	 * week-53 task falls in its week 52 instead of vanishing. */
	r.week = 53;
	dues(&r, "2026-06-01", "2027-12-31", s, sizeof(s));
	assert_string_equal(s, "2026-12-28,2027-12-27");
}

static void
test_last_workday_and_holidays(void **state)
{
	struct wheel_rule	r = { WF_LAST_WORKDAY, 0, 0, 0, 0 };
	int64_t			d;
	char			s[512];

	(void)state;
	/* April 2026: Thursday the 30th. May 2026: 31 Sunday, 30 Saturday:
	 * Friday the 29th. */
	dues(&r, "2026-04-01", "2026-05-31", s, sizeof(s));
	assert_string_equal(s, "2026-04-30,2026-05-29");
	/* March 2024 ends with Easter: 31 Easter Sunday, 30 Saturday, 29 Good
	 * Friday, 28 Maundy Thursday: Wednesday the 27th. */
	r.month = 3;
	dues(&r, "2024-01-01", "2024-12-31", s, sizeof(s));
	assert_string_equal(s, "2024-03-27");
	/* Easter 2026 is 5 April: Ascension 14 May, Whit Monday 25 May. */
	assert_int_equal(wheel_day_parse("2026-05-14", &d), 0);
	assert_true(wheel_is_holiday(d));
	assert_int_equal(wheel_day_parse("2026-05-25", &d), 0);
	assert_false(wheel_is_workday(d));
	assert_true(wheel_is_workday(d + 1));
	assert_int_equal(wheel_day_parse("2026-05-17", &d), 0);
	assert_true(wheel_is_holiday(d));
	assert_int_equal(wheel_day_parse("2026-04-02", &d), 0);
	assert_true(wheel_is_holiday(d));	/* Maundy Thursday */
	assert_int_equal(wheel_day_parse("2026-12-24", &d), 0);
	assert_true(wheel_is_workday(d));	/* Christmas Eve is no public holiday */
}

static void
test_weekly_across_daylight_saving(void **state)
{
	struct wheel_rule	r = { WF_WEEKLY, 0, 0, 0, 1 };
	int64_t			d, want;
	char			s[512];

	(void)state;
	dues(&r, "2026-03-20", "2026-04-06", s, sizeof(s));
	assert_string_equal(s, "2026-03-23,2026-03-30,2026-04-06");
	/* Monday 23 March ends at midnight CET (23:00 UTC), Monday 30 March
	 * at midnight CEST (22:00 UTC): the same weekday, an hour apart. */
	assert_int_equal(wheel_day_parse("2026-03-23", &d), 0);
	assert_int_equal(date_from_utc(2026, 3, 23, 23, 0, 0, &want), 0);
	assert_int_equal(wheel_day_end(d), want);
	assert_int_equal(date_from_utc(2026, 3, 30, 22, 0, 0, &want), 0);
	assert_int_equal(wheel_day_end(d + 7), want);
	/* Sunday 29 March 2026 has 23 hours, Sunday 25 October 25. */
	assert_int_equal(wheel_day_end(d + 6) - wheel_day_end(d + 5), 23 * 3600);
	assert_int_equal(wheel_day_parse("2026-10-25", &d), 0);
	assert_int_equal(wheel_day_end(d) - wheel_day_end(d - 1), 25 * 3600);
	/* And back: 23:30 UTC on 30 March is already 31 March in Oslo. */
	assert_int_equal(date_from_utc(2026, 3, 30, 23, 30, 0, &want), 0);
	assert_int_equal(wheel_day_parse("2026-03-31", &d), 0);
	assert_int_equal(wheel_day_of(want), d);
}

static void
test_rules_that_never_fire(void **state)
{
	struct wheel_rule	r = { WF_YEARLY_DATE, 2, 30, 0, 0 };
	const char		*field, *why;
	int64_t			v[4];

	(void)state;
	assert_int_equal(wheel_rule_check(&r, &field, &why), -1);
	assert_string_equal(field, "day");
	assert_int_equal(wheel_rule_between(&r, 0, 40000, v, 4), -1);
	r.month = 13;
	r.day = 1;
	assert_int_equal(wheel_rule_check(&r, &field, &why), -1);
	assert_string_equal(field, "month");
	r = (struct wheel_rule){ WF_TERTIAL, 5, 1, 0, 0 };
	assert_int_equal(wheel_rule_check(&r, &field, &why), -1);
	assert_string_equal(field, "month");
	r = (struct wheel_rule){ WF_WEEKLY, 0, 0, 0, 0 };
	assert_int_equal(wheel_rule_check(&r, &field, &why), -1);
	assert_string_equal(field, "weekday");
	r = (struct wheel_rule){ WF_YEARLY_WEEK, 0, 0, 54, 1 };
	assert_int_equal(wheel_rule_check(&r, &field, &why), -1);
	assert_string_equal(field, "week");
	r = (struct wheel_rule){ WF_MAX, 0, 0, 0, 0 };
	assert_int_equal(wheel_rule_check(&r, &field, &why), -1);
	assert_string_equal(field, "freq");
	r = (struct wheel_rule){ WF_YEARLY_DATE, 4, 30, 0, 0 };
	assert_int_equal(wheel_rule_check(&r, &field, &why), 0);
	assert_int_equal(wheel_day_parse("2026-02-30", v), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yearly_date_leap_years),
		cmocka_unit_test(test_tertial_and_quarter_month_ends),
		cmocka_unit_test(test_iso_weeks),
		cmocka_unit_test(test_last_workday_and_holidays),
		cmocka_unit_test(test_weekly_across_daylight_saving),
		cmocka_unit_test(test_rules_that_never_fire),
	};

	return cmocka_run_group_tests(tests, setup_oslo, NULL);
}
