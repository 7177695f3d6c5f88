/* rule.c: the recurrence rules of the yearly wheel (rule.h). Civil-day
 * arithmetic after Howard Hinnant's days_from_civil; Easter by the
 * anonymous Gregorian algorithm (Meeus/Jones/Butcher), from which the
 * movable Norwegian holidays follow. */
#include "wheel/rule.h"

#include <string.h>
#include <time.h>

#include "i18n/i18n.h"
#include "util/date.h"

static const char *const freq_names[WF_MAX] = {
	[WF_YEARLY_DATE]	= "yearly_date",
	[WF_YEARLY_WEEK]	= "yearly_week",
	[WF_TERTIAL]		= "tertial",
	[WF_QUARTERLY]		= "quarterly",
	[WF_MONTHLY]		= "monthly",
	[WF_WEEKLY]		= "weekly",
	[WF_LAST_WORKDAY]	= "last_workday",
};

const char *
wheel_freq_name(enum wheel_freq f)
{
	return (int)f >= 0 && f < WF_MAX ? freq_names[f] : NULL;
}

int
wheel_freq_parse(const char *s, enum wheel_freq *out)
{
	int i;

	for (i = 0; s != NULL && i < WF_MAX; i++)
		if (strcmp(freq_names[i], s) == 0) {
			*out = (enum wheel_freq)i;
			return 0;
		}
	return -1;
}

int64_t
wheel_days_from_civil(int y, int m, int d)
{
	int64_t		yy = y - (m <= 2);
	int64_t		era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t		yoe = yy - era * 400;
	int64_t		doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t		doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
wheel_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
wheel_weekday(int64_t days)
{
	int64_t w = (days + 3) % 7;	/* 1970-01-01 was a Thursday */

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
wheel_days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static int64_t
easter_sunday(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;

	return wheel_days_from_civil(y, month, day);
}

int
wheel_is_holiday(int64_t days)
{
	/* Offsets from Easter Sunday: Maundy Thursday, Good Friday, Easter
	 * Sunday and Monday, Ascension Day, Whit Sunday and Monday. */
	static const int movable[] = { -3, -2, 0, 1, 39, 49, 50 };
	int		 y, m, d;
	int64_t		 easter;
	size_t		 i;

	wheel_civil_from_days(days, &y, &m, &d);
	if ((m == 1 && d == 1) || (m == 5 && (d == 1 || d == 17)) ||
	    (m == 12 && (d == 25 || d == 26)))
		return 1;
	easter = easter_sunday(y);
	for (i = 0; i < sizeof(movable) / sizeof(movable[0]); i++)
		if (days == easter + movable[i])
			return 1;
	return 0;
}

int
wheel_is_workday(int64_t days)
{
	return wheel_weekday(days) <= 5 && !wheel_is_holiday(days);
}

int
wheel_rule_check(const struct wheel_rule *r, const char **field,
    const char **why)
{
	*field = NULL;
	*why = NULL;
	switch (r->freq) {
	case WF_YEARLY_DATE:
		if (r->month < 1 || r->month > 12) {
			*field = "month";
			*why = N_("Choose a month from 1 to 12.");
		} else if (r->day < 1 || r->day > wheel_days_in_month(2024,
		    r->month)) {
			/* 2024 is a leap year: 29 February exists in some years. */
			*field = "day";
			*why = N_("That day does not exist in the month.");
		}
		break;
	case WF_YEARLY_WEEK:
		if (r->week < 1 || r->week > 53) {
			*field = "week";
			*why = N_("Choose a week from 1 to 53.");
		}
		break;
	case WF_TERTIAL:
	case WF_QUARTERLY:
		if (r->month < 1 || r->month > (r->freq == WF_TERTIAL ? 4 : 3)) {
			*field = "month";
			*why = r->freq == WF_TERTIAL ?
			    N_("Choose the tertial's month, 1 to 4.") :
			    N_("Choose the quarter's month, 1 to 3.");
		} else if (r->day < 1 || r->day > 31) {
			*field = "day";
			*why = N_("Choose a day from 1 to 31.");
		}
		break;
	case WF_MONTHLY:
		if (r->day < 1 || r->day > 31) {
			*field = "day";
			*why = N_("Choose a day from 1 to 31.");
		}
		break;
	case WF_WEEKLY:
		break;
	case WF_LAST_WORKDAY:
		if (r->month < 0 || r->month > 12) {
			*field = "month";
			*why = N_("Choose a month from 1 to 12, or none for every month.");
		}
		break;
	default:
		*field = "freq";
		*why = N_("Choose how often the task recurs.");
		return -1;
	}
	if (*field == NULL && (r->freq == WF_YEARLY_WEEK || r->freq == WF_WEEKLY) &&
	    (r->weekday < 1 || r->weekday > 7)) {
		*field = "weekday";
		*why = N_("Choose a weekday from Monday to Sunday.");
	}
	return *field == NULL ? 0 : -1;
}

/* Day d of month m in year y, or the month's last day when d is past it. */
static int64_t
clipped(int y, int m, int d)
{
	int dim = wheel_days_in_month(y, m);

	return wheel_days_from_civil(y, m, d < dim ? d : dim);
}

static int64_t
iso_week_day(int iso_year, int week, int weekday)
{
	int64_t jan4 = wheel_days_from_civil(iso_year, 1, 4);
	int64_t mon1 = jan4 - (wheel_weekday(jan4) - 1);
	int64_t next1 = wheel_days_from_civil(iso_year + 1, 1, 4);

	next1 -= wheel_weekday(next1) - 1;
	/* Week 53 in a year of 52 weeks: the last week of that year. */
	if (mon1 + (int64_t)(week - 1) * 7 >= next1)
		week = 52;
	return mon1 + (int64_t)(week - 1) * 7 + (weekday - 1);
}

/* The days r falls due in calendar (or ISO) year y, ascending; at most 53. */
static size_t
in_year(const struct wheel_rule *r, int y, int64_t *v)
{
	size_t	n = 0;
	int	m, step;
	int64_t	t, end;

	switch (r->freq) {
	case WF_YEARLY_DATE:
		v[n++] = clipped(y, r->month, r->day);
		break;
	case WF_YEARLY_WEEK:
		v[n++] = iso_week_day(y, r->week, r->weekday);
		break;
	case WF_TERTIAL:
	case WF_QUARTERLY:
	case WF_MONTHLY:
		step = r->freq == WF_TERTIAL ? 4 : r->freq == WF_QUARTERLY ? 3 : 1;
		for (m = 1; m <= 12; m += step)
			v[n++] = clipped(y, m + (step > 1 ? r->month - 1 : 0), r->day);
		break;
	case WF_WEEKLY:
		t = wheel_days_from_civil(y, 1, 1);
		t += (r->weekday - wheel_weekday(t) + 7) % 7;
		end = wheel_days_from_civil(y, 12, 31);
		for (; t <= end; t += 7)
			v[n++] = t;
		break;
	case WF_LAST_WORKDAY:
		for (m = 1; m <= 12; m++) {
			if (r->month != 0 && m != r->month)
				continue;
			t = wheel_days_from_civil(y, m, wheel_days_in_month(y, m));
			while (!wheel_is_workday(t))
				t--;
			v[n++] = t;
		}
		break;
	default:
		break;
	}
	return n;
}

long
wheel_rule_between(const struct wheel_rule *r, int64_t from, int64_t to,
    int64_t *out, size_t max)
{
	const char	*f, *w;
	int64_t		 v[60];
	int		 y, y0, y1, m, d;
	size_t		 i, n;
	long		 found = 0;

	if (wheel_rule_check(r, &f, &w) != 0)
		return -1;
	wheel_civil_from_days(from, &y0, &m, &d);
	wheel_civil_from_days(to, &y1, &m, &d);
	/* ISO weeks: week 1 may begin in December, week 52 end in January. */
	for (y = y0 - 1; y <= y1 + 1; y++) {
		n = in_year(r, y, v);
		for (i = 0; i < n; i++) {
			if (v[i] < from || v[i] > to)
				continue;
			if ((size_t)found < max)
				out[found] = v[i];
			found++;
		}
	}
	return found;
}

int64_t
wheel_rule_next(const struct wheel_rule *r, int64_t from)
{
	int64_t	day;
	long	n;

	n = wheel_rule_between(r, from, from + 3660, &day, 1);
	return n > 0 ? day : -1;
}

int64_t
wheel_day_of(int64_t t)
{
	struct tm tm;

	if (date_local(t, &tm) != 0)
		return t / 86400;
	return wheel_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

int64_t
wheel_day_end(int64_t day)
{
	int	y, m, d;
	int64_t	t;

	wheel_civil_from_days(day + 1, &y, &m, &d);
	if (date_from_local(y, m, d, 0, 0, 0, &t) != 0)
		return (day + 1) * 86400;
	return t;
}

void
wheel_day_iso(int64_t day, char out[11])
{
	int y, m, d;

	wheel_civil_from_days(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	/* Widths bounded: y <= 9999, m <= 12, d <= 31. */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int
wheel_day_parse(const char *s, int64_t *out)
{
	int y, m, d;

	if (s == NULL || date_parse_day(s, &y, &m, &d) != 0)
		return -1;
	*out = wheel_days_from_civil(y, m, d);
	return 0;
}
