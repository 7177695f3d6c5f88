/* wheel_input.h: the fields of the wheel's changes, declared once for
 * both faces. The web forms (POST /wheel/tasks, /wheel/tasks/{id}/action)
 * and the JSON API (POST /api/v1/wheel/tasks, .../{id}/actions) route
 * with wheel_fields, so a value meets the same type and bounds in both;
 * wheel_read turns them into struct wheel_input for wheel_do. */
#ifndef ORDEN_WHEEL_INPUT_H
#define ORDEN_WHEEL_INPUT_H

#include "http/http.h"
#include "wheel/wheel.h"

/* Positions in wheel_fields (and so in http_req.vals). */
enum wheel_field {
	WIF_ACTION,		/* done | skip | stop (the create routes imply create) */
	WIF_TITLE,		/* create */
	WIF_DESCRIPTION,	/* create, optional */
	WIF_FREQ,		/* create: wheel_freq_name() */
	WIF_MONTH,		/* create: see enum wheel_freq */
	WIF_DAY,
	WIF_WEEK,
	WIF_WEEKDAY,
	WIF_UNIT_ID,		/* create: 0 or absent for the municipality */
	WIF_ROLE,		/* create: a role name, or ... */
	WIF_PERSON,		/* ... a person's login */
	WIF_LEAD_DAYS,		/* create: 0..365, default 14 */
	WIF_STARTS_ON,		/* create: YYYY-MM-DD, default today */
	WIF_DUE_ON,		/* done, skip: YYYY-MM-DD of the occurrence */
	WIF_NOTE,		/* done (optional), skip (the reason) */
	WIF_NEXT,		/* web only: where to go after; not input */
	WIF_MAX
};
extern const struct field wheel_fields[WIF_MAX + 1];

/* The calendar feed's one field (POST /wheel/feed, /api/v1/wheel/feed):
 * action "new" or "off" (wheel_feed_action_parse). */
enum wheel_feed_field { WFF_ACTION, WFF_MAX };
extern const struct field wheel_feed_fields[WFF_MAX + 1];

/* The year's wheel's query (GET /wheel, GET /api/v1/wheel): the year
 * (default this year in Oslo), one unit's tasks (0 or absent: all), and
 * mine=1 for only the caller's (the API). Read with http_qint. */
enum wheel_query_field { WQF_YEAR, WQF_UNIT_ID, WQF_MINE, WQF_MAX };
extern const struct field wheel_query_fields[WQF_MAX + 1];
/* One task's page (GET /wheel/tasks/{id}, /api/v1/wheel/tasks/{id}): the
 * year of its occurrences, at WQF_YEAR, and saved=1 (the page's banner
 * after an edit). */
enum wheel_task_query_field { WTQ_YEAR = WQF_YEAR, WTQ_SAVED, WTQ_MAX };
extern const struct field wheel_task_query_fields[WTQ_MAX + 1];
/* My tasks (GET /wheel/mine): saved=1, the banner after settling one. */
enum wheel_mine_query_field { WMQ_SAVED, WMQ_MAX };
extern const struct field wheel_mine_query_fields[WMQ_MAX + 1];
/* An occurrence's file (GET /wheel/tasks/{id}/file,
 * /api/v1/wheel/tasks/{id}/file): due_on, the occurrence's day
 * (YYYY-MM-DD), required; the face reads it with wheel_day_parse. */
enum wheel_file_query_field { WFILEQ_DUE_ON, WFILEQ_MAX };
extern const struct field wheel_file_query_fields[WFILEQ_MAX + 1];
/* The sentence for a due_on that is no day (a msgid, N_). */
extern const char wheel_due_on_why[];

/* Fill *in from vals (checked by http/; NULL reads as all absent). Never
 * fails: a value that does not convert is left in in->bad_field for
 * wheel_do to answer after its access check. Strings point into vals. */
void	wheel_read(const struct field_value *vals, struct wheel_input *in);

#endif
