/* test_date.c: civil dates in Europe/Oslo from the system's zoneinfo:
 * year and month of a report just after midnight on 1 January, the
 * daylight-saving changes, tertials, RFC 3339, and another zone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "util/date.h"

/* 2026-01-01T00:30 in Oslo is 2025-12-31T23:30Z. */
#define NEWYEAR_0030	1767223800LL

static int
setup_oslo(void **state)
{
	(void)state;
	return date_init(NULL);
}

static void
test_new_year_just_after_midnight(void **state)
{
	char	key[DATE_KEY_MAX];
	int64_t	t;

	(void)state;
	assert_int_equal(date_from_local(2026, 1, 1, 0, 30, 0, &t), 0);
	assert_int_equal(t, NEWYEAR_0030);
	assert_int_equal(date_year(t), 2026);
	assert_int_equal(date_key(t, DATE_MONTH, key), 0);
	assert_string_equal(key, "2026-01");
	assert_int_equal(date_key(t, DATE_DAY, key), 0);
	assert_string_equal(key, "2026-01-01");
	assert_int_equal(date_key(t, DATE_TERTIAL, key), 0);
	assert_string_equal(key, "2026-T1");
	assert_int_equal(date_key(t, DATE_YEAR, key), 0);
	assert_string_equal(key, "2026");
	/* The year starts at midnight local time, 23:00 UTC the day before. */
	assert_int_equal(date_start_of(t, DATE_YEAR), NEWYEAR_0030 - 1800);
	assert_int_equal(date_start_of(t, DATE_DAY), NEWYEAR_0030 - 1800);
}

static void
test_summer_time_changes(void **state)
{
	struct tm	tm;
	int64_t		t;

	(void)state;
	/* 29 March 2026: 01:00Z is 02:00 CET -> 03:00 CEST. */
	assert_int_equal(date_local(1774746000LL - 1, &tm), 0);
	assert_int_equal(tm.tm_hour, 1);
	assert_int_equal(tm.tm_gmtoff, 3600);
	assert_int_equal(date_local(1774746000LL, &tm), 0);
	assert_int_equal(tm.tm_hour, 3);
	assert_int_equal(tm.tm_gmtoff, 7200);
	/* 03:30 summer time, and the skipped 02:30 read with winter time. */
	assert_int_equal(date_from_local(2026, 3, 29, 3, 30, 0, &t), 0);
	assert_int_equal(t, 1774746000LL + 1800);
	assert_int_equal(date_from_local(2026, 3, 29, 2, 30, 0, &t), 0);
	assert_int_equal(t, 1774746000LL + 1800);
	/* 25 October 2026: 01:00Z is 03:00 CEST -> 02:00 CET; 02:30 happens
	 * twice and means the first. */
	assert_int_equal(date_from_local(2026, 10, 25, 2, 30, 0, &t), 0);
	assert_int_equal(t, 1792890000LL - 1800);
	assert_int_equal(date_local(1792890000LL, &tm), 0);
	assert_int_equal(tm.tm_hour, 2);
	assert_int_equal(tm.tm_gmtoff, 3600);
	/* A day with a change still starts at local midnight. */
	assert_int_equal(date_start_of(1774746000LL + 7200, DATE_DAY),
	    1774738800LL);
	assert_int_equal(date_start_of(1792890000LL + 7200, DATE_DAY),
	    1792879200LL);
}

static void
test_tertials_and_months(void **state)
{
	char	key[DATE_KEY_MAX];
	int64_t	t, start;

	(void)state;
	/* 1 May 00:10 local is in T2 though it is still 30 April in UTC. */
	assert_int_equal(date_from_local(2026, 5, 1, 0, 10, 0, &t), 0);
	assert_int_equal(date_key(t, DATE_TERTIAL, key), 0);
	assert_string_equal(key, "2026-T2");
	assert_int_equal(date_key(t, DATE_MONTH, key), 0);
	assert_string_equal(key, "2026-05");
	assert_int_equal(date_from_local(2026, 5, 1, 0, 0, 0, &start), 0);
	assert_int_equal(date_start_of(t, DATE_TERTIAL), start);
	assert_int_equal(date_start_of(t, DATE_MONTH), start);
	assert_int_equal(date_from_local(2026, 12, 31, 23, 59, 59, &t), 0);
	assert_int_equal(date_key(t, DATE_TERTIAL, key), 0);
	assert_string_equal(key, "2026-T3");
	assert_int_equal(date_from_local(2026, 9, 1, 0, 0, 0, &start), 0);
	assert_int_equal(date_start_of(t, DATE_TERTIAL), start);
	/* Days that do not exist. */
	assert_int_equal(date_from_local(2026, 2, 29, 0, 0, 0, &t), -1);
	assert_int_equal(date_from_local(2028, 2, 29, 0, 0, 0, &t), 0);
	assert_int_equal(date_from_local(2026, 4, 31, 0, 0, 0, &t), -1);
	assert_int_equal(date_from_local(2026, 13, 1, 0, 0, 0, &t), -1);
	assert_int_equal(date_from_local(2026, 1, 1, 24, 0, 0, &t), -1);
}

static void
test_rfc3339(void **state)
{
	char	s[DATE_RFC3339_MAX];
	int64_t	t;

	(void)state;
	date_rfc3339(NEWYEAR_0030, s);
	assert_string_equal(s, "2025-12-31T23:30:00Z");
	assert_int_equal(date_parse_rfc3339("2025-12-31T23:30:00Z", &t), 0);
	assert_int_equal(t, NEWYEAR_0030);
	assert_int_equal(date_parse_rfc3339("2026-01-01T00:30:00+01:00", &t), 0);
	assert_int_equal(t, NEWYEAR_0030);
	assert_int_equal(date_parse_rfc3339("2025-12-31t18:30:00.123-05:00", &t),
	    0);
	assert_int_equal(t, NEWYEAR_0030);
	assert_int_equal(date_parse_rfc3339("2025-12-31T23:30:00", &t), -1);
	assert_int_equal(date_parse_rfc3339("2025-02-30T23:30:00Z", &t), -1);
	assert_int_equal(date_parse_rfc3339("2025-12-31T23:30:00Zx", &t), -1);
	assert_int_equal(date_parse_rfc3339("2025-12-31T23:30:00+1:00", &t), -1);
	assert_int_equal(date_parse_rfc3339("", &t), -1);
}

/* Months added on the local calendar: a report at 00:30 on 1 February
 * (still 31 January in UTC) is due on 1 May, not on 2 May as counting in
 * UTC made it; a day past the month's end runs on, as timegm counts. */
static void
test_add_months(void **state)
{
	int64_t	t, want;

	(void)state;
	assert_int_equal(date_from_local(2026, 2, 1, 0, 30, 0, &t), 0);
	assert_int_equal(date_from_local(2026, 5, 1, 0, 30, 0, &want), 0);
	assert_int_equal(date_add_months(t, 3), want);
	assert_int_equal(date_from_local(2026, 1, 31, 12, 0, 0, &t), 0);
	assert_int_equal(date_from_local(2026, 3, 3, 12, 0, 0, &want), 0);
	assert_int_equal(date_add_months(t, 1), want);
	assert_int_equal(date_from_local(2028, 1, 31, 12, 0, 0, &t), 0);
	assert_int_equal(date_from_local(2028, 3, 2, 12, 0, 0, &want), 0);
	assert_int_equal(date_add_months(t, 1), want);
	/* Across summer time the wall clock stays: 31 days less an hour. */
	assert_int_equal(date_from_local(2026, 3, 1, 12, 0, 0, &t), 0);
	assert_int_equal(date_add_months(t, 1), t + 31 * 86400 - 3600);
	/* Back over a year's end. */
	assert_int_equal(date_from_local(2026, 3, 15, 10, 0, 0, &t), 0);
	assert_int_equal(date_from_local(2025, 12, 15, 10, 0, 0, &want), 0);
	assert_int_equal(date_add_months(t, -3), want);
	assert_int_equal(date_from_local(2024, 3, 15, 10, 0, 0, &want), 0);
	assert_int_equal(date_add_months(t, -24), want);
}

/* The next day, month, tertial and year start at local midnight; the days
 * summer time starts and ends have 23 and 25 hours. */
static void
test_next(void **state)
{
	int64_t	t, want;

	(void)state;
	assert_int_equal(date_next(1774738800LL + 60, DATE_DAY),
	    1774738800LL + 23 * 3600);
	assert_int_equal(date_next(1792879200LL + 60, DATE_DAY),
	    1792879200LL + 25 * 3600);
	assert_int_equal(date_next(NEWYEAR_0030 - 3600, DATE_DAY),
	    NEWYEAR_0030 - 1800);
	assert_int_equal(date_from_local(2026, 12, 31, 23, 59, 59, &t), 0);
	assert_int_equal(date_from_local(2027, 1, 1, 0, 0, 0, &want), 0);
	assert_int_equal(date_next(t, DATE_MONTH), want);
	assert_int_equal(date_next(t, DATE_TERTIAL), want);
	assert_int_equal(date_next(t, DATE_YEAR), want);
	assert_int_equal(date_from_local(2026, 5, 1, 0, 10, 0, &t), 0);
	assert_int_equal(date_from_local(2026, 9, 1, 0, 0, 0, &want), 0);
	assert_int_equal(date_next(t, DATE_TERTIAL), want);
}

/* Plain days, and civil times that are in UTC by definition. */
static void
test_days_and_utc(void **state)
{
	int	y, m, d;
	int64_t	t;

	(void)state;
	assert_int_equal(date_parse_day("2026-03-05", &y, &m, &d), 0);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 3);
	assert_int_equal(d, 5);
	assert_int_equal(date_parse_day("2028-02-29", &y, &m, &d), 0);
	assert_int_equal(date_parse_day("2026-02-29", &y, &m, &d), -1);
	assert_int_equal(date_parse_day("2026-3-05", &y, &m, &d), -1);
	assert_int_equal(date_parse_day("2026-03-05T", &y, &m, &d), -1);
	assert_int_equal(date_parse_day("2026-13-01", &y, &m, &d), -1);
	assert_int_equal(date_parse_day(NULL, &y, &m, &d), -1);
	assert_int_equal(date_from_utc(2025, 12, 31, 23, 30, 0, &t), 0);
	assert_int_equal(t, NEWYEAR_0030);
	assert_int_equal(date_from_utc(2026, 4, 31, 0, 0, 0, &t), -1);
	assert_int_equal(date_from_utc(2026, 4, 30, 23, 60, 0, &t), -1);
}

/* Another zone through the same code: the zone comes from zoneinfo, not
 * from a rule written for Norway. */
static void
test_other_zone(void **state)
{
	char	key[DATE_KEY_MAX];
	int64_t	t;

	(void)state;
	assert_int_equal(date_init("America/New_York"), 0);
	/* 2025-12-31T23:30Z is still 2025 in New York. */
	assert_int_equal(date_year(NEWYEAR_0030), 2025);
	assert_int_equal(date_from_local(2026, 3, 8, 3, 0, 0, &t), 0);
	assert_int_equal(t, 1772953200LL);	/* 07:00Z, EDT */
	assert_int_equal(date_key(NEWYEAR_0030, DATE_MONTH, key), 0);
	assert_string_equal(key, "2025-12");
	assert_int_equal(date_init("No/Such_Zone"), -1);
	assert_int_equal(date_init("../../etc/passwd"), -1);
	assert_int_equal(date_year(NEWYEAR_0030), 2025);	/* unchanged */
	assert_int_equal(date_init(NULL), 0);
	assert_int_equal(date_year(NEWYEAR_0030), 2026);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_year_just_after_midnight),
		cmocka_unit_test(test_summer_time_changes),
		cmocka_unit_test(test_tertials_and_months),
		cmocka_unit_test(test_rfc3339),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_days_and_utc),
		cmocka_unit_test(test_other_zone),
	};

	return cmocka_run_group_tests(tests, setup_oslo, NULL);
}
