/* wheel.h: the yearly wheel (årshjul): recurring internal-control work
 * (the yearly evaluation with all leaders, training, revision of
 * routines, reports to AMU and the control committee, management
 * review), each task a rule (rule.h) assigned to a person or to the
 * holders of a role in a unit, with a lead time for its reminder.
 *
 * Every function takes the context and filters by ctx->tenant_id itself;
 * strings in returned structs live in ctx->arena. The wheel is the
 * municipality's plan, not a secret inside it: every logged-in person may
 * read it (AZ_WHEEL_VIEW). Changes have one gate, wheel_do, which asks
 * authz/ (authz_wheel_can) and writes the change with its audit row in
 * one transaction; web/wheel/ and api/wheel/ only translate. */
#ifndef ORDEN_WHEEL_H
#define ORDEN_WHEEL_H

#include <stddef.h>
#include <stdint.h>

#include "wheel/rule.h"

struct ctx;

#define WHEEL_ERR_INVALID	-10
#define WHEEL_ERR_STATE		-11
#define WHEEL_ERR_NOTFOUND	-12

#define WHEEL_TITLE_MAX		200	/* characters */
#define WHEEL_LEAD_MAX		365	/* days */

struct wheel_task {
	int64_t			 id;
	const char		*title, *description;	/* description may be NULL */
	struct wheel_rule	 rule;
	int64_t			 unit_id;	/* 0: the municipality as a whole */
	int			 role;		/* enum role, or -1: assigned to person_id */
	int64_t			 person_id;	/* 0 when assigned to a role */
	int			 lead_days;	/* remind this many days before */
	int64_t			 starts_on;	/* day number: nothing due before */
	int			 active;
	const char		*unit_name, *person_name;	/* NULL when none */
};

enum wheel_outcome_kind { WO_OPEN, WO_DONE, WO_SKIPPED };

/* One occurrence: a task due on a day, and what became of it. */
struct wheel_item {
	const struct wheel_task	*task;		/* into the list it came with */
	int64_t			 due_on;	/* day number */
	int			 outcome;	/* enum wheel_outcome_kind */
	int			 overdue;	/* open and the day has ended */
	int64_t			 done_at, done_by_id;
	const char		*done_by, *note;	/* name; NULL when open */
	const char		*file_name, *file_type;	/* the file with "done"; NULL: none */
	int64_t			 file_size;
};

int	wheel_task_get(struct ctx *, int64_t id, struct wheel_task *out);
/* Every active task of the tenant, by title. */
int	wheel_task_list(struct ctx *, struct wheel_task **out, size_t *n);

/* Which occurrences a list holds. */
enum wheel_scope {
	WS_ALL,		/* every task */
	WS_MINE,	/* assigned to ctx->user, by person or by a role held for
			   the task's unit (or tenant-wide) */
	WS_UNIT,	/* tasks of unit_id and the units under it */
};
/* The occurrences due on days [from, to] (day numbers) of the tasks in
 * scope, by day then title, with their outcomes; *tasks (may be NULL)
 * gets the tasks they point into. At most 5000. 0 or an error. */
int	wheel_items(struct ctx *, enum wheel_scope, int64_t unit_id,
	    int64_t from, int64_t to, struct wheel_item **out, size_t *n);
/* "My tasks": ctx->user's open occurrences that are overdue or fall due
 * within their lead time, and those done in the last 30 days. */
int	wheel_mine(struct ctx *, struct wheel_item **out, size_t *n);
/* Whether ctx->user is one the task is assigned to. */
int	wheel_assigned(struct ctx *, const struct wheel_task *);

/* --- what ctx->user may (rights.c) ------------------------------------- */
/* The faces ask these for what they show (links, forms, early refusals)
 * and name no az_action; the rules stay in authz/, and wheel_do and
 * wheel_file_get ask again inside. */
enum wheel_right {
	WHEEL_RIGHT_VIEW,	/* read the wheel: every logged-in person */
	WHEEL_RIGHT_FEED,	/* have a calendar feed */
	WHEEL_RIGHT_MANAGE_SOME	/* create tasks: manages the tasks of some
				   unit (wheel_do asks about the one given) */
};
/* What ctx->user may do with the wheel at all (no one task): 1 or 0. */
int	wheel_right(struct ctx *, enum wheel_right);
enum wheel_may {
	WHEEL_MAY_DO,		/* settle its occurrences: whom it is assigned
				   to, and those who may manage it */
	WHEEL_MAY_MANAGE	/* change or end it: a manager of its unit */
};
/* What ctx->user may do with task t, which they see: 1 or 0. */
int	wheel_may(struct ctx *, const struct wheel_task *t, enum wheel_may);
/* wheel_task_get as ctx->user may read it: 0 and *out; WHEEL_ERR_NOTFOUND
 * when there is none in this tenant or they may not see it (the same
 * answer); another negative on a store error. */
int	wheel_task_read(struct ctx *, int64_t id, struct wheel_task *out);

/* What other modules put on the wheel (others.c), read through their own
 * functions and not copied: a current document's revision date, a risk
 * assessment's yearly review, an audit report's deadline for the written
 * status, a deviation's legal clock, a whistleblowing case's feedback
 * deadline (its handlers only; never in the feed). Settled on their own
 * pages (href). */
enum wheel_other_kind { WX_DOC_REVISION, WX_RISK_REVIEW, WX_FOLLOWUP_DEADLINE,
	WX_DEV_LEGAL, WX_WB_FEEDBACK, WX_MAX };
struct wheel_other {
	enum wheel_other_kind	 kind;
	const char		*title, *href;
	int64_t			 due_on;	/* day number */
	int			 overdue;
};
/* Those due on days [from, to] that ctx->user may see, by day; mine: only
 * those ctx->user is reminded of (the document's owner, a leader of the
 * assessment's unit, the quality adviser and chief executive for audit
 * reports). Legal clocks and feedback deadlines are their handlers' in
 * both. 0 or an error. */
int	wheel_others(struct ctx *, int mine, int64_t from, int64_t to,
	    struct wheel_other **out, size_t *n);

/* --- the gate ----------------------------------------------------------- */
enum wheel_action {
	WHA_CREATE,	/* a new task (task id 0) */
	WHA_DONE,	/* an occurrence done, with an optional note */
	WHA_SKIP,	/* an occurrence skipped, with the reason */
	WHA_STOP,	/* the task ends: no more occurrences */
	WHA_EDIT,	/* change title, description, rule, assignee, lead time;
			   what is not given stays (the assignee with its unit) */
	WHA_MAX
};
/* "create", "done", "skip", "stop", "edit"; parse 0 and *out or -1. */
const char	*wheel_action_name(enum wheel_action);
int		 wheel_action_parse(const char *, enum wheel_action *);

/* Typed input, read from wheel_fields (wheel_input.h). */
struct wheel_input {
	enum wheel_action	 action;
	const char		*title, *description;
	struct wheel_rule	 rule;
	int64_t			 unit_id;
	int			 role;		/* -1: none given */
	const char		*person_login;
	int			 lead_days;	/* -1: default (14) */
	int64_t			 starts_on;	/* -1: today */
	int64_t			 due_on;	/* done, skip: the occurrence; -1 none */
	const char		*note;
	/* done: a file that goes with it (PDF, DOCX, ODT, XLSX, PNG, JPEG),
	 * set by the face from its upload; file_len 0 and file_name NULL:
	 * none. Borrowed from the request. */
	const char		*file_name;
	const unsigned char	*file_data;
	size_t			 file_len;
	const char		*bad_field, *bad_why;	/* from the reader */
};

enum wheel_result_code { WR_OK, WR_NOT_FOUND, WR_FORBIDDEN, WR_INVALID,
	WR_CONFLICT, WR_FAILED };
struct wheel_result {
	enum wheel_result_code	 outcome;
	const char		*field, *why;	/* WR_INVALID: name, msgid */
	struct wheel_task	 task;		/* WR_OK, WR_CONFLICT: as it stands */
};
/* The one way a task or an occurrence changes: checks access
 * (authz_wheel_can), the input, and writes the change and its audit row
 * in one transaction. task_id 0 with WHA_CREATE. Returns 0 when *out says
 * how it went, negative only when out is NULL. */
int	wheel_do(struct ctx *, int64_t task_id, const struct wheel_input *,
	    struct wheel_result *out);

/* The file that came with a done occurrence (file.c). */
#define WHEEL_FILE_MAX		(10 * 1024 * 1024)	/* bytes */
struct wheel_file {
	const char		*name, *type, *mime, *sha256;	/* type: "pdf", "png", ... */
	const unsigned char	*data;
	size_t			 len;
};
/* The file of task_id's occurrence on day due_on, for ctx->user if they
 * may see the task (AZ_WHEEL_VIEW): 0 and *out (arena), WHEEL_ERR_NOTFOUND
 * (no such task or file, or not theirs to see), or a DB_* error. */
int	wheel_file_get(struct ctx *, int64_t task_id, int64_t due_on,
	    struct wheel_file *out);

/* --- the calendar feed (feed.c, ical.c) -------------------------------- */
/* A person's wheel as an iCalendar feed behind a secret link
 * (/cal/<token>.ics) that works without a session. The token is 256 random
 * bits shown once; only its digest is stored, so a lost link is replaced,
 * never shown again. */
#define WHEEL_FEED_TOKEN_SIZE	44	/* AUTH_TOKEN_LEN + 1 */
enum wheel_feed_action {
	WFA_NEW,	/* a new link; the old one stops working */
	WFA_OFF,	/* no link at all */
	WFA_MAX
};
/* "new", "off"; parse 0 and *out or -1. */
int	wheel_feed_action_parse(const char *, enum wheel_feed_action *);
/* The one way ctx->user's feed changes (AZ_WHEEL_FEED), with its audit
 * row in one transaction. WFA_NEW fills token (shown once). WR_OK,
 * WR_FORBIDDEN, WR_INVALID (no such action) or WR_FAILED. */
enum wheel_result_code	wheel_feed_do(struct ctx *, enum wheel_feed_action,
	    char token[WHEEL_FEED_TOKEN_SIZE]);
/* 1 and *since when ctx->user has a feed, 0 when not, negative on error. */
int	wheel_feed_exists(struct ctx *, int64_t *since);
/* The person whose feed token is in ctx->tenant_id: 0 and *person_id,
 * WHEEL_ERR_NOTFOUND for a malformed, revoked or unknown token (compared
 * in constant time), or a DB_* error. */
int	wheel_feed_resolve(struct ctx *, const char *token, int64_t *person_id);
/* The feed behind token, read as its person (their roles; nothing after
 * it reads as them; ctx has no user when it is called): 0 and *out, *len
 * as wheel_ical gives them; WHEEL_ERR_NOTFOUND for a token that opens no
 * feed (wheel_feed_resolve: the caller counts a wrong guess);
 * WHEEL_ERR_STATE when its person may no longer have one (gone, or no
 * longer active: wheel_right); another negative on an error. */
int	wheel_feed_read(struct ctx *, const char *token, const char *base,
	    const char **out, size_t *len);
/* ctx->user's feed as RFC 5545 text (CRLF, folded, escaped): their tasks'
 * occurrences from a year back to a year ahead and what other modules
 * remind them of, as all-day events. Titles only: no notes, no names.
 * base: "https://host" for links, or NULL. 0 and *out (arena) or error. */
int	wheel_ical(struct ctx *, const char *base, const char **out,
	    size_t *len);

/* Reminders (orden tick): each open occurrence whose lead time has come
 * gets one notification to each person it is assigned to; one that is
 * overdue gets one more. Returns how many were sent, or negative. */
int	wheel_tick(struct ctx *);

/* The demo municipality's wheel (seeds/003_…, 000_…). 0 or an error. */
int	wheel_demo(struct ctx *);

/* Unit `from` is being closed into `to` (org_unit_close, in its
 * transaction; access is that gate's): its tasks become `to`'s.
 * *moved: how many. 0 or a DB_* error. */
int	wheel_unit_closed(struct ctx *, int64_t from, int64_t to, int64_t *moved);

#endif
