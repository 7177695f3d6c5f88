/* date.h: civil dates as people in the municipality read them. Times are
 * stored as UTC seconds; days, months, tertials and years (deviation
 * numbers, statistics buckets, what a page shows) are those of the
 * municipality's time zone, Europe/Oslo, taken from the system's zoneinfo
 * (Debian's tzdata), never from a hand-written daylight-saving rule.
 *
 * How: date_init() sets TZ to the zone and calls tzset() once, at start-up,
 * before any thread runs; afterwards only localtime_r() reads the zone,
 * which is thread-safe. A function called before date_init() initialises
 * the default zone itself (once). Tests may call date_init() with another
 * zone between cases, while no other thread runs. Nothing here depends on
 * the server's own TZ setting. */
#ifndef ORDEN_DATE_H
#define ORDEN_DATE_H

#include <stddef.h>
#include <stdint.h>

struct tm;

#define DATE_ZONE	"Europe/Oslo"	/* the municipality's zone */
#define DATE_RFC3339_MAX 21		/* "2026-11-23T14:08:19Z" + NUL */
#define DATE_KEY_MAX	 16		/* a bucket key + NUL */

/* Use zone (an IANA name such as "Europe/Oslo"; NULL for DATE_ZONE).
 * 0, or -1 when the system has no zoneinfo file for it (then nothing
 * changes). Not thread-safe: call before threads start. */
int	 date_init(const char *zone);

/* The local civil time at t (tm_gmtoff and tm_isdst set). 0 or -1. */
int	 date_local(int64_t t, struct tm *out);
/* The local calendar year at t (1970 when t cannot be converted). */
int	 date_year(int64_t t);
/* UTC seconds of local civil time y-mo-d h:mi:s. -1 when the date does
 * not exist (31 February, month 13, hour 24). A time skipped by a change
 * to summer time is read with the offset before the change (02:30 on the
 * last Sunday of March is 03:30 summer time); a time that happens twice
 * in autumn is the first of the two. */
int	 date_from_local(int y, int mo, int d, int h, int mi, int s,
	    int64_t *out);

/* UTC seconds of civil time y-mo-d h:mi:s in UTC itself (for formats
 * that say UTC, and for dates an interface has always read as UTC). -1
 * when the date does not exist. */
int	 date_from_utc(int y, int mo, int d, int h, int mi, int s,
	    int64_t *out);
/* Local civil time t plus months calendar months (months may be negative),
 * at the same time of day. A day past the new month's end runs on into the
 * next month, as timegm() counts: 31 January + 1 month = 3 March (2 March
 * in a leap year). */
int64_t	 date_add_months(int64_t t, int months);

/* Start of t's local day, month, tertial (T1 January-April, T2 May-August,
 * T3 September-December) and year, as UTC seconds. */
enum date_unit {
	DATE_DAY,
	DATE_MONTH,
	DATE_TERTIAL,
	DATE_YEAR,
	DATE_UNIT_MAX
};
int64_t	 date_start_of(int64_t t, enum date_unit);
/* Start of the local day, month, tertial or year after t's, as UTC
 * seconds (a day is 23 to 25 hours long). */
int64_t	 date_next(int64_t t, enum date_unit);
/* The bucket key of t's local day "2026-03-05", month "2026-03",
 * tertial "2026-T1" or year "2026" into out. 0 or -1. */
int	 date_key(int64_t t, enum date_unit, char out[DATE_KEY_MAX]);

/* RFC 3339 in UTC: "2026-11-23T14:08:19Z". */
void	 date_rfc3339(int64_t t, char out[DATE_RFC3339_MAX]);
/* Parse RFC 3339 "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)" ('t', 'z'
 * and a space for 'T' accepted; a fraction is dropped; second 60 is read
 * as 59). 0 with *out set, or -1 for anything else. */
int	 date_parse_rfc3339(const char *s, int64_t *out);
/* Parse exactly "YYYY-MM-DD", a date that exists (years 1-9999). 0, or
 * -1 for anything else. */
int	 date_parse_day(const char *s, int *y, int *mo, int *d);

#endif
