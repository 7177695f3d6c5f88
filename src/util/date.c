/* date.c: civil dates in the municipality's zone (date.h). The zone's rules
 * come from the C library reading the system's zoneinfo; this file only
 * converts between its struct tm and UTC seconds, with Howard Hinnant's
 * days_from_civil so that no conversion depends on timegm or mktime. */
#include "util/date.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_int	zone_set;
static pthread_once_t	zone_once = PTHREAD_ONCE_INIT;

/* An IANA zone name: letters, digits, '_', '+', '-' and '/' between them;
 * nothing that could climb out of the zoneinfo directory. */
static int
zone_name_ok(const char *z)
{
	const char *p;

	if (z[0] == '\0' || z[0] == '/' || strstr(z, "..") != NULL ||
	    strlen(z) > 64)
		return 0;
	for (p = z; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '+' ||
		    *p == '-' || *p == '/'))
			return 0;
	return 1;
}

int
date_init(const char *zone)
{
	const char	*dir = getenv("TZDIR");
	char		 path[512], tz[80];
	int		 n;

	if (zone == NULL)
		zone = DATE_ZONE;
	if (!zone_name_ok(zone))
		return -1;
	/* The C library falls back to UTC without a word when the file is
	 * missing; a municipality's dates must not move silently. */
	n = snprintf(path, sizeof(path), "%s/%s",
	    dir != NULL && *dir != '\0' ? dir : "/usr/share/zoneinfo", zone);
	if (n < 0 || (size_t)n >= sizeof(path) || access(path, R_OK) != 0)
		return -1;
	snprintf(tz, sizeof(tz), ":%s", zone);
	if (setenv("TZ", tz, 1) != 0)
		return -1;
	tzset();
	atomic_store(&zone_set, 1);
	return 0;
}

static void
default_zone(void)
{
	if (!atomic_load(&zone_set))
		(void)date_init(NULL);
}

int
date_local(int64_t t, struct tm *out)
{
	time_t tt = (time_t)t;

	pthread_once(&zone_once, default_zone);
	return localtime_r(&tt, out) != NULL ? 0 : -1;
}

int
date_year(int64_t t)
{
	struct tm tm;

	return date_local(t, &tm) == 0 ? tm.tm_year + 1900 : 1970;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Years past 9999 too: the last second of 9999 in UTC, an open end of a
 * period, is already year 10000 in Oslo. (The parsers read four digits.) */
static int
civil_ok(int y, int mo, int d, int h, int mi, int s)
{
	return y >= 1 && y <= 99999 && mo >= 1 && mo <= 12 && d >= 1 &&
	    d <= month_days(y, mo) && h >= 0 && h <= 23 && mi >= 0 &&
	    mi <= 59 && s >= 0 && s <= 59;
}

/* Seconds east of UTC at t, or 0 when t cannot be converted. */
static int64_t
offset_at(int64_t t)
{
	struct tm tm;

	return date_local(t, &tm) == 0 ? (int64_t)tm.tm_gmtoff : 0;
}

/* UTC seconds of a local wall-clock time given as seconds since
 * 1970-01-01 00:00 on the local calendar. */
static int64_t
from_wall(int64_t wall)
{
	int64_t	before, after;

	/* The offsets half a day either side: a zone changes at most once
	 * in that span. The one that maps back to itself is the answer. */
	before = offset_at(wall - 43200);
	after = offset_at(wall + 43200);
	if (offset_at(wall - before) == before)
		return wall - before;
	if (offset_at(wall - after) == after)
		return wall - after;
	return wall - before;	/* in the gap of a spring change */
}

int
date_from_local(int y, int mo, int d, int h, int mi, int s, int64_t *out)
{
	if (!civil_ok(y, mo, d, h, mi, s))
		return -1;
	*out = from_wall(days_from_civil(y, mo, d) * 86400 + h * 3600 +
	    mi * 60 + s);
	return 0;
}

int
date_from_utc(int y, int mo, int d, int h, int mi, int s, int64_t *out)
{
	if (!civil_ok(y, mo, d, h, mi, s))
		return -1;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	return 0;
}

int64_t
date_add_months(int64_t t, int months)
{
	struct tm	tm;
	int64_t		m0, y;
	int		mo;

	if (date_local(t, &tm) != 0)
		return t + (int64_t)months * 30 * 86400;
	m0 = (int64_t)tm.tm_mon + months;
	y = tm.tm_year + 1900 + (m0 >= 0 ? m0 / 12 : -((11 - m0) / 12));
	mo = (int)(m0 - (y - tm.tm_year - 1900) * 12) + 1;
	/* From the first of the month, so that a day past its end runs on. */
	return from_wall((days_from_civil(y, mo, 1) + tm.tm_mday - 1) * 86400 +
	    tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec);
}

int64_t
date_start_of(int64_t t, enum date_unit u)
{
	struct tm	tm;
	int		mo, d = 1;
	int64_t		r;

	if (date_local(t, &tm) != 0)
		return t;
	mo = tm.tm_mon + 1;
	switch (u) {
	case DATE_DAY:
		d = tm.tm_mday;
		break;
	case DATE_MONTH:
		break;
	case DATE_TERTIAL:
		mo = (mo - 1) / 4 * 4 + 1;
		break;
	case DATE_YEAR:
	default:
		mo = 1;
		break;
	}
	if (date_from_local(tm.tm_year + 1900, mo, d, 0, 0, 0, &r) != 0)
		return t;
	return r;
}

int64_t
date_next(int64_t t, enum date_unit u)
{
	int64_t	start = date_start_of(t, u);

	switch (u) {
	case DATE_DAY:
		/* 26 hours on is within the next day, however long this is. */
		return date_start_of(start + 26 * 3600, DATE_DAY);
	case DATE_MONTH:
		return date_start_of(date_add_months(start, 1), DATE_MONTH);
	case DATE_TERTIAL:
		return date_start_of(date_add_months(start, 4), DATE_TERTIAL);
	case DATE_YEAR:
	default:
		return date_start_of(date_add_months(start, 12), DATE_YEAR);
	}
}

int
date_key(int64_t t, enum date_unit u, char out[DATE_KEY_MAX])
{
	struct tm	tm;
	int		n, y;

	out[0] = '\0';
	if (date_local(t, &tm) != 0)
		return -1;
	y = tm.tm_year + 1900;
	switch (u) {
	case DATE_DAY:
		n = snprintf(out, DATE_KEY_MAX, "%04d-%02d-%02d", y,
		    tm.tm_mon + 1, tm.tm_mday);
		break;
	case DATE_MONTH:
		n = snprintf(out, DATE_KEY_MAX, "%04d-%02d", y, tm.tm_mon + 1);
		break;
	case DATE_TERTIAL:
		n = snprintf(out, DATE_KEY_MAX, "%04d-T%d", y, tm.tm_mon / 4 + 1);
		break;
	case DATE_YEAR:
		n = snprintf(out, DATE_KEY_MAX, "%04d", y);
		break;
	default:
		return -1;
	}
	return n > 0 && n < DATE_KEY_MAX ? 0 : -1;
}

void
date_rfc3339(int64_t t, char out[DATE_RFC3339_MAX])
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, DATE_RFC3339_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';
}

/* Exactly n digits at *p into *v; advances *p. */
static int
digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

/* The separator sep at *p; advances *p. */
static int
sep(const char **p, char c)
{
	if (**p != c)
		return -1;
	(*p)++;
	return 0;
}

int
date_parse_rfc3339(const char *s, int64_t *out)
{
	const char	*p = s;
	int		 y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;

	if (s == NULL || digits(&p, 4, &y) || sep(&p, '-') ||
	    digits(&p, 2, &mo) || sep(&p, '-') || digits(&p, 2, &d))
		return -1;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (digits(&p, 2, &h) || sep(&p, ':') || digits(&p, 2, &mi) ||
	    sep(&p, ':') || digits(&p, 2, &sec))
		return -1;
	if (sec == 60)		/* a leap second is read as the one before */
		sec = 59;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		p++;
		if (digits(&p, 2, &oh) || sep(&p, ':') || digits(&p, 2, &om) ||
		    oh > 23 || om > 59)
			return -1;
	} else
		return -1;
	if (*p != '\0' || !civil_ok(y, mo, d, h, mi, sec))
		return -1;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	    (int64_t)sign * (oh * 3600 + om * 60);
	return 0;
}

int
date_parse_day(const char *s, int *y, int *mo, int *d)
{
	const char *p = s;

	if (s == NULL || digits(&p, 4, y) || sep(&p, '-') ||
	    digits(&p, 2, mo) || sep(&p, '-') || digits(&p, 2, d) ||
	    *p != '\0' || !civil_ok(*y, *mo, *d, 0, 0, 0))
		return -1;
	return 0;
}
