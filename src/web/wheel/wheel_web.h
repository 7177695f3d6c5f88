/* web/wheel/wheel_web.h: the yearly wheel's pages (src/routes.c) and the
 * pieces they share. Pages work without JavaScript; the year is shown as
 * an SVG circle by month with the same content as a list below it. */
#ifndef ORDEN_WEB_WHEEL_H
#define ORDEN_WEB_WHEEL_H

#include <stdint.h>

#include "http/http.h"
#include "util/buf.h"
#include "wheel/wheel.h"

struct arena;

void	web_wheel(struct http_req *, struct http_resp *);		/* GET /wheel?year=&unit_id= */
void	web_wheel_mine(struct http_req *, struct http_resp *);		/* GET /wheel/mine */
void	web_wheel_new(struct http_req *, struct http_resp *);		/* GET /wheel/tasks/new */
void	web_wheel_create(struct http_req *, struct http_resp *);	/* POST /wheel/tasks */
void	web_wheel_task(struct http_req *, struct http_resp *);		/* GET /wheel/tasks/{id}?year= */
void	web_wheel_action(struct http_req *, struct http_resp *);	/* POST /wheel/tasks/{id}/action */
void	web_wheel_feed(struct http_req *, struct http_resp *);		/* POST /wheel/feed */
void	web_wheel_ical(struct http_req *, struct http_resp *);		/* GET /cal/{token}.ics, public */
void	web_wheel_file(struct http_req *, struct http_resp *);		/* GET /wheel/tasks/{id}/file?due_on= */

/* The calendar-feed part of "My tasks": whether there is a link, and the
 * buttons to make a new one or turn it off; token: a link just made, shown
 * this once (NULL: none). */
void	web_wheel_feed_section(struct buf *, struct http_req *, const char *token);

/* --- shared (common.c) --- */
/* "12.12.2026" of a day number, in the arena. */
const char	*web_wheel_day(struct arena *, int64_t day);
/* How often, in words ("Every year on 12 December"), in the arena. */
const char	*web_wheel_rule_text(struct arena *, const struct wheel_rule *);
/* Whom the task is for ("Leader, Vestre skole" / a person's name). */
const char	*web_wheel_assignee(struct arena *, const struct wheel_task *);
/* The translated name of month 1..12. */
const char	*web_wheel_month(int month);
/* A status badge of an occurrence (open, overdue, done, skipped). */
void		 web_wheel_status(struct buf *, struct arena *,
		    const struct wheel_item *);
/* The "done" and "skip" forms of an open occurrence (ids unique by
 * task and day); next: where to return. */
void		 web_wheel_settle_forms(struct buf *, struct http_req *,
		    const struct wheel_item *, const char *next);
/* The message of a failed wheel_do, translated. */
const char	*web_wheel_result_msg(const struct wheel_result *);

/* What other modules put on the wheel (wheel_others): a table under a
 * heading, nothing when n is 0. */
void	web_wheel_others(struct buf *, struct arena *, const struct wheel_other *,
	    size_t n);

#endif
