/* dev_input.h: the fields of a handling action, declared once for both
 * faces. The web form (POST /deviations/{id}/action) and the JSON API
 * (POST /api/v1/deviations/{id}/actions) route with dev_action_fields, so
 * the same value meets the same type and bounds in both; http/ checks
 * them before the handler runs (fields.c). dev_action_read turns the
 * checked values into the typed struct dev_action_input that
 * deviation_do takes; each value is reached by its enum below, never by
 * its name as a string.
 *
 * A name one face spells differently is an alias in this table, next to
 * the field it stands for (due_date: the web form's date input for
 * due_at), not a second table. */
#ifndef ORDEN_DEV_INPUT_H
#define ORDEN_DEV_INPUT_H

#include <stdint.h>

#include "deviation/deviation.h"
#include "http/http.h"

/* Positions in dev_action_fields (and so in http_req.vals). */
enum dev_action_field {
	DAF_ACTION,		/* dev_action_name(); required */
	DAF_REASON,		/* transfer, return, reopen; classify, resubmit (optional) */
	DAF_UNIT_ID,		/* transfer */
	DAF_CATEGORY,		/* classify, resubmit: a category code */
	DAF_KIND,		/* classify: deviation | improvement */
	DAF_SEVERITY,		/* classify: 1..4; 0 unchanged */
	DAF_CAUSE,		/* analyse */
	DAF_CONSEQUENCE,	/* analyse */
	DAF_MEASURE,		/* add_measure */
	DAF_RESPONSIBLE_LOGIN,	/* add_measure, assign_measure (the web form also takes a name: its
				   face looks it up when the module finds no such login) */
	DAF_DUE_AT,		/* add_measure: the face's date format */
	DAF_DUE_DATE,		/* alias of due_at: the web form's <input type=date> */
	DAF_MEASURE_ID,		/* complete_measure, assign_measure */
	DAF_SUMMARY,		/* close */
	DAF_TEXT,		/* comment; complete_measure (a note) */
	DAF_TITLE,		/* resubmit */
	DAF_DESCRIPTION,	/* resubmit */
	DAF_NEXT,		/* web only: where to go after (a local path); not input */
	DAF_AUTHORITY,		/* legal_done: the authority of a legal clock */
	DAF_MAX
};
extern const struct field dev_action_fields[DAF_MAX + 1];

/* How a face reads a date: 0 and *out (the end of a bare day), or -1;
 * why is the msgid said when it cannot. */
struct dev_date_format {
	int		(*parse)(const char *, int64_t *);
	const char	*why;
};

/* Fill *out from vals (one per dev_action_fields entry, checked by
 * http/; NULL reads as all absent). Never fails: an unknown action leaves
 * out->action DA_MAX, and a value that does not convert (kind, the date)
 * is left in out->bad_field / bad_why for deviation_do to answer after
 * its access check. Strings point into vals. */
void	dev_action_read(const struct field_value *vals,
	    const struct dev_date_format *due, struct dev_action_input *out);

/* --- the query of a list, its CSV export and its statistics ----------
 *
 * GET /api/v1/deviations, /api/v1/deviations.csv, /api/v1/stats/deviations,
 * /deviations and /dashboard read their query string with
 * dev_filter_fields: one name, type and bound per parameter (the names
 * are promises to integrations, docs/openapi.yaml). A face says in its
 * struct dev_filter_face which of them it reads and how it reads a
 * period; a spelling only one face uses would be an alias here, next to
 * the field it stands for. */

/* Positions in dev_filter_fields. */
enum dev_filter_field {
	DFF_UNIT_ID,		/* the unit and its subtree; 0 the whole municipality */
	DFF_STATUS,		/* a status name or a group (open|in_progress|closed|not_closed) */
	DFF_CATEGORY,		/* a category code */
	DFF_KIND,		/* deviation | improvement */
	DFF_FROM,		/* the period's first day (or time) */
	DFF_TO,			/* the period's last day (or time) */
	DFF_DATE,		/* reported | occurred: which date the period is of */
	DFF_OVERDUE,		/* 1: only overdue */
	DFF_MINE,		/* 1: only those the user reported */
	DFF_INBOX,		/* 1: the leader's inbox */
	DFF_LIMIT,		/* rows per page, 1..1000 */
	DFF_OFFSET,		/* refused: pages follow a cursor */
	DFF_AFTER,		/* the page cursor (a list's next) */
	DFF_BY,			/* statistics: the grouping */
	DFF_HANDLER_UNIT_ID,	/* lists: handled in this unit (not its subtree) */
	DFF_OWN_UNIT,		/* lists, 1: unit_id's own reports, not its subtree's */
	DFF_MAX
};
extern const struct field dev_filter_fields[DFF_MAX + 1];

#define DFF_BIT(f)	(1u << (f))

/* How one face reads the query. */
struct dev_filter_face {
	unsigned	 reads;		/* DFF_BITs read; any other parameter is ignored */
	unsigned	 refuses;	/* DFF_BITs refused when given (refuse_why) */
	const char	*refuse_why;	/* msgid */
	/* from/to: 1 whole local (Europe/Oslo) days YYYY-MM-DD; 0 a UTC day
	 * YYYY-MM-DD or an RFC 3339 time (what the list API always took). */
	int		 local_days;
	const char	*bound_why;	/* msgid when from/to does not read */
	int64_t		 limit;		/* rows when no limit is given */
};
extern const struct dev_filter_face dev_filter_api;	/* list and CSV */
extern const struct dev_filter_face dev_filter_stats;	/* statistics API */
extern const struct dev_filter_face dev_filter_web;	/* /deviations */
extern const struct dev_filter_face dev_filter_dashboard; /* /dashboard */

struct dev_filter_input {
	struct dev_filter	 f;	/* scope left DEV_SCOPE_NONE: the face asks authz */
	const char		*by;	/* DFF_BY (default "category") */
	/* As given, by enum dev_filter_field, for a form to show them
	 * again: those read before the bad one (a value whose meaning is
	 * wrong is here; one whose type is wrong is absent). */
	const struct field_value *vals;
	const char		*bad_field;	/* NULL when all is read */
	const char		*bad_why;	/* translated reason alone */
	const char		*bad_msg;	/* translated "field: reason" */
};

/* An RFC 3339 time from 1900 on; a bound of a period: a UTC day
 * YYYY-MM-DD (its first second, or its last when end) or an RFC 3339
 * time. 0 or -1. The API's times and due dates read the same way. */
int	dev_time_parse(const char *s, int64_t *out);
int	dev_bound_parse(const char *s, int end, int64_t *out);

/* Read the query (n key/value pairs) as face reads it into *out: 0, or
 * DEV_ERR_INVALID with out->bad_* naming the first field that does not
 * read, or -1 (memory, the store). A unit or category is looked up in
 * ctx's tenant: one of another municipality is "no such unit". Strings
 * point into the request's arena. */
int	dev_filter_read(struct ctx *, const struct kv *query, size_t n,
	    const struct dev_filter_face *face, struct dev_filter_input *out);
/* The tenant's units and categories a page has read already in this
 * request (org_unit_list; dev_category_list with inactive ones): the
 * filter's unit and category are looked up there instead of asking the
 * database again (on PostgreSQL a round trip each). Borrowed. */
struct dev_filter_known {
	const struct unit	*units;
	size_t			 nunits;
	const struct category	*cats;
	size_t			 ncats;
};
/* dev_filter_read with known (NULL: as dev_filter_read). */
int	dev_filter_read_known(struct ctx *, const struct kv *query, size_t n,
	    const struct dev_filter_face *face,
	    const struct dev_filter_known *known, struct dev_filter_input *out);

/* --- a new report: POST /deviations (the form) and POST /api/v1/deviations
 *
 * One table for both faces; the time it happened is occurred_at (RFC 3339)
 * in the API and the form's local date and time (aliases). What a face
 * fills in when a field is absent (the API: a deviation, the reporter's
 * own unit; the form asks for both) is said where the face reads it. */
enum dev_report_field {
	DRF_KIND,		/* deviation | improvement */
	DRF_TITLE,
	DRF_DESCRIPTION,
	DRF_CATEGORY,		/* a category code */
	DRF_UNIT_ID,
	DRF_OCCURRED_AT,	/* the API's RFC 3339 time */
	DRF_DATE,		/* alias of occurred_at: the form's local day */
	DRF_TIME,		/* with date: the form's local hh:mm */
	DRF_PLACE,
	DRF_SEVERITY,		/* 1..4; 0 or absent: not said */
	DRF_IMMEDIATE_ACTION,
	DRF_CONCERNS_LEADER,
	DRF_PERSONAL_DATA,
	DRF_DOCUMENT,		/* the governing document's municipal ID; optional */
	DRF_MAX
};
extern const struct field dev_report_fields[DRF_MAX + 1];

/* Fill *out from vals (checked by http/): every field but kind and
 * occurred_at, which come as given (kind NULL, when absent) for the face
 * to read in its own way; *when is occurred_at or the form's date, *hhmm
 * the form's time (NULL when absent). Strings point into vals. */
void	dev_report_read(const struct field_value *vals, struct dev_report *out,
	    const char **kind, const char **when, const char **hhmm);

/* The deviation pages' own query parameters (not a list's filter, which
 * is dev_filter_fields above), read with http_qtext/http_qint.
 * GET /admin/categories and /admin/categories/{id}: the banner after a
 * change (saved=1). GET /deviations/mine: the page cursor and the banner
 * after sending a report in again. GET /deviations/inbox: the cursor and
 * the unit a report went to. GET /deviations/{id}: the action just done
 * (a dev_action_name) and the receipt after reporting. GET
 * /api/v1/deviations.csv: the separator (dev_csv_sep). */
enum dev_saved_query { DSQ_SAVED, DSQ_MAX };
extern const struct field dev_saved_query[DSQ_MAX + 1];
enum dev_mine_query { DMQ_AFTER, DMQ_RESUBMITTED, DMQ_MAX };
extern const struct field dev_mine_query[DMQ_MAX + 1];
enum dev_inbox_query { DIQ_AFTER, DIQ_TRANSFERRED, DIQ_MAX };
extern const struct field dev_inbox_query[DIQ_MAX + 1];
enum dev_view_query { DVQ_DONE, DVQ_RECEIPT, DVQ_MAX };
extern const struct field dev_view_query[DVQ_MAX + 1];
enum dev_csv_query { DCQ_SEP, DCQ_MAX };
extern const struct field dev_csv_query[DCQ_MAX + 1];
/* The CSV separator named by sep (NULL: ';'): 0 with *comma set, or -1
 * when it is neither semicolon nor comma. */
int	dev_csv_sep(const char *sep, int *comma);

#endif
