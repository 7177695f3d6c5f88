/* rule.h: when a recurring task of the yearly wheel (årshjul) falls due.
 * Pure calendar arithmetic on civil days, no database: a rule gives the
 * days an occurrence is due, and an occurrence is overdue from the start
 * of the next day in Europe/Oslo (util/date.h), so a task due on the
 * Sunday daylight saving begins is still due until that local midnight.
 *
 * Days are numbered as days since 1970-01-01 in the proleptic Gregorian
 * calendar (a "day number"), which needs no time zone: a civil date is the
 * same date everywhere in the municipality. */
#ifndef ORDEN_WHEEL_RULE_H
#define ORDEN_WHEEL_RULE_H

#include <stddef.h>
#include <stdint.h>

/* How often; the names are the API's and the schema's (wheel_freq_name). */
enum wheel_freq {
	WF_YEARLY_DATE,		/* every year on month/day (29 February: the
				   28th in common years) */
	WF_YEARLY_WEEK,		/* every year in ISO week `week` on `weekday`
				   (week 53 in a year without one: week 52) */
	WF_TERTIAL,		/* every tertial, day `day` of its month `month`
				   (1..4); a day past the month's end is its last */
	WF_QUARTERLY,		/* every quarter, day `day` of its month `month` (1..3) */
	WF_MONTHLY,		/* every month on `day` (past the end: the last day) */
	WF_WEEKLY,		/* every week on `weekday` */
	WF_LAST_WORKDAY,	/* the last working day (Monday to Friday, not a
				   Norwegian public holiday) of every month, or
				   of month `month` only when it is 1..12 */
	WF_MAX
};

struct wheel_rule {
	enum wheel_freq	freq;
	int		month;		/* see enum wheel_freq; 0 unused */
	int		day;		/* 1..31 */
	int		week;		/* 1..53 */
	int		weekday;	/* 1 Monday .. 7 Sunday */
};

/* "yearly_date", ...; NULL out of range. */
const char	*wheel_freq_name(enum wheel_freq);
/* 0 and *out, or -1 for an unknown name. */
int		 wheel_freq_parse(const char *, enum wheel_freq *);

/* Whether r can fire: 0, or -1 with *field ("freq", "month", "day",
 * "week", "weekday") and *why (an N_() msgid) set. 30 February, month 13,
 * a tertial's month 5, weekday 0 for a weekly rule all answer -1. */
int	 wheel_rule_check(const struct wheel_rule *r, const char **field,
	    const char **why);

/* Day numbers. wheel_days_from_civil takes a valid date (y 1..9999). */
int64_t	 wheel_days_from_civil(int y, int m, int d);
void	 wheel_civil_from_days(int64_t days, int *y, int *m, int *d);
/* 1 Monday .. 7 Sunday. */
int	 wheel_weekday(int64_t days);
/* Days in month m of year y. */
int	 wheel_days_in_month(int y, int m);
/* 1 when the day is a Norwegian public holiday (helligdag or 1 and 17
 * May: New Year's Day, Maundy Thursday, Good Friday, Easter Sunday and
 * Monday, Labour Day, Constitution Day, Ascension Day, Whit Sunday and
 * Monday, Christmas Day, Boxing Day). */
int	 wheel_is_holiday(int64_t days);
/* 1 for Monday to Friday that is not a public holiday. */
int	 wheel_is_workday(int64_t days);

/* The days in [from, to] (inclusive) on which r falls due, ascending,
 * into out (at most max). Returns how many were found (may exceed max:
 * only max are written), or -1 when r does not pass wheel_rule_check. */
long	 wheel_rule_between(const struct wheel_rule *r, int64_t from,
	    int64_t to, int64_t *out, size_t max);
/* The first day >= from on which r falls due (within ten years), or -1. */
int64_t	 wheel_rule_next(const struct wheel_rule *r, int64_t from);

/* The local (Europe/Oslo) day number of instant t. */
int64_t	 wheel_day_of(int64_t t);
/* The instant day ends in Europe/Oslo: the start of the next local day,
 * as UTC seconds (23, 24 or 25 hours after the day began). */
int64_t	 wheel_day_end(int64_t day);
/* "YYYY-MM-DD" of a day number into out (11 bytes), and back: 0 and
 * *out, or -1 for anything that is not a date that exists. */
void	 wheel_day_iso(int64_t day, char out[11]);
int	 wheel_day_parse(const char *s, int64_t *out);

#endif
