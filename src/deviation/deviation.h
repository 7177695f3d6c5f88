/* deviation.h: avvik (deviations) and forbedringsforslag (improvement
 * proposals): reporting, routing, handling, deadlines, legal clocks,
 * notifications, statistics. The module's whole public face.
 *
 * Every function takes the context and filters by ctx->tenant_id itself.
 * Strings in returned structs live in ctx->arena. Functions that change
 * data run inside the caller's transaction when one is open (db_in_tx,
 * store/store_tx.h: the caller commits), else open and commit their own;
 * on any error they roll back (their own transaction) and change nothing.
 * Everything happens at ctx->now and as ctx->user (NULL: the system), so
 * the demo and imports can replay history by setting ctx->now.
 * Handling actions have one gate, deviation_do (below): it asks authz/
 * itself, so the faces (web/, api/) only translate. Reads go through
 * deviation/view.h (deviation_read, deviation_may, the list and statistics
 * scopes), which asks authz; the functions here that take a scope or
 * "do not check access" are for those and for the system. */
#ifndef ORDEN_DEVIATION_H
#define ORDEN_DEVIATION_H

#include <stddef.h>
#include <stdint.h>

#include "measure/measure.h"

struct ctx;
struct dbstmt;
struct unit;
struct dev_filter_known;

enum dev_kind { DEV_DEVIATION, DEV_IMPROVEMENT, DEV_KIND_MAX };
enum dev_status { DEV_NEW, DEV_ACKNOWLEDGED, DEV_RETURNED, DEV_CLOSED, DEV_STATUS_MAX };

/* "deviation"/"improvement"; "new"/"acknowledged"/"returned"/"closed".
 * parse: 0 and *out, or -1. */
const char	*dev_kind_name(enum dev_kind);
int		 dev_kind_parse(const char *, enum dev_kind *);
const char	*dev_status_name(enum dev_status);
int		 dev_status_parse(const char *, enum dev_status *);
/* The three groups reports use: "open" (new), "in_progress"
 * (acknowledged, returned) and "closed". */
const char	*dev_status_group(enum dev_status);

/* Error codes of this module (negative; DB_* from store.h may also come back). */
#define DEV_ERR_INVALID		-10	/* bad input; *err_field names the field */
#define DEV_ERR_STATE		-11	/* the action is not allowed in this state (HTTP 409) */
#define DEV_ERR_NOTFOUND	-12

struct category {
	int64_t		 id;
	const char	*code;		/* bruker, bygg, hms, vold, tjenesteproduksjon, personvern, legemiddel, fall, ... */
	const char	*name;
	const char	*description;
	int		 ack_hours;	/* acknowledge within */
	int		 close_days;	/* close within */
	const char	*legal;		/* NULL, "gdpr33", "aml52", "helsetilsyn" */
	/* The kinds of unit the legal clock applies in: org_unit_kinds codes,
	 * comma separated in that list's order; NULL: every kind (legal.c). */
	const char	*legal_kinds;
	int		 active;
	int		 sort;
	/* Safety representatives (verneombud) read its reports in their
	 * area: working environment, as hms and vold by default. */
	int		 safety_rep;
};

/* Default categories of a new tenant (from the seeds); called by
 * `orden init` and `orden demo`, and by db migration for existing tenants
 * that have none. Idempotent. Inside the caller's transaction if one is open. */
int	dev_categories_seed(struct ctx *);
int	dev_category_list(struct ctx *, int include_inactive, struct category **out, size_t *n);
/* dev_category_list in two halves, so that its read may go with others
 * (db_run_together): the statement prepared and bound, not stepped
 * (DB_OK or a DB_* error), then its rows, the statement reset whatever
 * the outcome. */
int	dev_category_list_begin(struct ctx *, int include_inactive,
	    struct dbstmt **st);
int	dev_category_list_end(struct ctx *, struct dbstmt *st,
	    struct category **out, size_t *n);
/* The units in tree order (org_unit_list) and every category, inactive
 * ones too (dev_category_list), read together with the page's other
 * reads in with[] (prepared and bound, not stepped; nwith may be 0): one
 * round trip on PostgreSQL, not two or more (bench/why.md, w21-pgread).
 * What a list's or a dashboard's filter is checked against. *units and
 * *cats in the arena; 0 or a DB_* error. The caller steps with[] after
 * and resets each, whatever the outcome. */
int	dev_units_categories(struct ctx *, struct dbstmt *const *with,
	    size_t nwith, struct unit **units, size_t *nunits,
	    struct category **cats, size_t *ncats);
int	dev_category_get(struct ctx *, int64_t id, struct category *out);
int	dev_category_by_code(struct ctx *, const char *code, struct category *out);
/* Create (id 0) or update (by id) a category; audited. Returns id > 0,
 * DB_CONSTRAINT on a duplicate code, DEV_ERR_INVALID on bad values. */
int64_t	dev_category_save(struct ctx *, const struct category *);
/* 1 if s is NULL or a valid categories.legal_kinds: org_unit_kinds codes,
 * comma separated, each once, in that list's order (callers build it in
 * that order); else 0. */
int	dev_legal_kinds_valid(const char *s);

struct dev_settings {
	int	improvement_ack_hours;
	int	improvement_close_days;
	int	remind_hours;		/* remind this long before a deadline */
	/* Who handles a deviation about the chief executive, who has no
	 * leader above: "mayor", "quality" or "hr_head" (a role name). */
	const char *top_route;
};
/* 1 if s is a valid top_route. */
int	dev_top_route_valid(const char *s);
int	dev_settings_get(struct ctx *, struct dev_settings *out);
int	dev_settings_set(struct ctx *, const struct dev_settings *);	/* audited */

struct legal_deadline {
	const char	*authority;	/* datatilsynet | arbeidstilsynet | politiet | helsetilsyn */
	int64_t		 due_at;
	int64_t		 done_at;	/* 0 when not yet done */
};

struct deviation {
	int64_t		 id;
	const char	*number;	/* AV-2026-000123 */
	enum dev_kind	 kind;
	const char	*title;
	const char	*description;
	int64_t		 category_id;	/* 0: none */
	const char	*category_code;	/* NULL when none */
	const char	*category_name;
	int		 category_safety;	/* struct category's safety_rep */
	int64_t		 unit_id;
	const char	*unit_name;
	int64_t		 handler_unit_id;
	/* NULL, or the role (dev_settings.top_route) a deviation about the
	 * chief executive went to: then its holders handle it, and neither
	 * the chief executive nor the leaders of handler_unit_id do. */
	const char	*handler_role;
	const char	*place;
	int64_t		 occurred_at;	/* 0: unknown */
	int64_t		 reported_at;
	int64_t		 reporter_id;	/* 0: none (imported) */
	const char	*reporter_name;
	int		 severity;	/* 1..4, 0: not given */
	const char	*immediate_action;
	int		 concerns_leader;
	int		 personal_data;
	enum dev_status	 status;
	int64_t		 ack_due_at, due_at;
	int64_t		 acknowledged_at, closed_at;
	const char	*cause, *consequence, *summary, *return_reason;
	int		 overdue;	/* computed against ctx->now */
	/* The governing document it concerns (document_by_code gave the
	 * id); 0: none. */
	int64_t		 document_id;
	struct legal_deadline	*legal;	/* filled by deviation_get */
	size_t		 nlegal;
};

/* What a reporter submits. */
struct dev_report {
	enum dev_kind	 kind;
	const char	*title;		/* required, 1..200 */
	const char	*description;	/* required, 1..10000 */
	const char	*category;	/* code; required for deviations, optional for improvements */
	int64_t		 unit_id;	/* required (UI defaults to the reporter's unit) */
	int64_t		 occurred_at;	/* 0: unknown; not in the future */
	const char	*place;
	int		 severity;	/* 0 or 1..4 */
	const char	*immediate_action;
	int		 concerns_leader;
	int		 personal_data;
	/* For imports only; 0 = ctx->now / ctx->user. */
	int64_t		 reported_at;
	int64_t		 reporter_id;
	/* The municipality's ID of the governing document it concerns
	 * (issue 14: "routine 2128 was not followed"); NULL or "": none. One
	 * the reporter may not read, or no such, is DEV_ERR_INVALID
	 * "document". */
	const char	*document;
	/* For imports only: the number the row keeps from the old system
	 * (the importer has checked it is free; a taken one fails the insert
	 * as a constraint); NULL: the next of the year. */
	const char	*number;
};

/* Report: validates (unknown category, unit or document -> DEV_ERR_INVALID
 * with *err_field "category"/"unit_id"/"document"), numbers it, routes it (handler unit =
 * the unit; when it concerns the leader, the unit of the leader above),
 * sets deadlines from the category (or the improvement settings), starts
 * legal clocks, notifies the handling leaders, records the "created" event,
 * commits. *out filled from what was written (id, number, kind, status,
 * units, category, deadlines, legal), not read back: the names of unit and
 * reporter are NULL (deviation_get has them). */
int	deviation_report(struct ctx *, const struct dev_report *, struct deviation *out,
	    const char **err_field);
/* By id, with legal deadlines. DEV_ERR_NOTFOUND if not in this tenant.
 * Does not check access. */
int	deviation_get(struct ctx *, int64_t id, struct deviation *out);
/* The legal clocks not yet met (legal_deadlines without done_at) of the
 * deviations ctx->user may handle (authz_dev_can AZ_DEV_HANDLE), by due
 * time; the tenant's first 500 open clocks are looked at. In the arena.
 * For the yearly wheel (legal_open.c). 0 or an error. */
struct dev_legal_open {
	int64_t		 dev_id;
	const char	*number;	/* AV-2026-000123 */
	const char	*authority;	/* as struct legal_deadline */
	int64_t		 due_at;
};
int	deviation_legal_open(struct ctx *, struct dev_legal_open **out, size_t *n);
/* The id of the deviation numbered number ("AV-2026-000042", or short:
 * "2026-42", "AV-2026-42"); DEV_ERR_NOTFOUND if there is none in this
 * tenant. Does not check access (by_number.c). */
int	deviation_id_by_number(struct ctx *, const char *number, int64_t *id);
/* Audit a read when the deviation has personal data and the reader is not
 * the reporter. Call after access was granted. */
void	deviation_audit_read(struct ctx *, const struct deviation *);

/* --- photos (attach.c) ----------------------------------------------------
 * JPEG or PNG only (by their bytes), metadata stripped, names cleaned,
 * within util/upload.h's limits. Access is the caller's: deviation_may
 * (view.h, DEV_MAY_PERSONAL) on the deviation before listing or serving. */
#define DEV_ATTACH_PER_DEVIATION	20
struct upload_file;
struct dev_attachment {
	int64_t			 id, size, created_at;
	const char		*name, *content_type;	/* image/jpeg | image/png */
	const unsigned char	*data;			/* dev_attach_get only */
};
/* Check and clean files before a report: *out (arena) holds the stripped
 * images. DEV_ERR_INVALID for anything that is not a well-formed JPEG or
 * PNG, or past the limits. */
int	dev_attach_prepare(struct ctx *, const struct upload_file *in, size_t n,
	    struct upload_file **out);
/* Store prepared files on deviation dev_id (in the caller's transaction
 * when one is open). DEV_ERR_INVALID past DEV_ATTACH_PER_DEVIATION. */
int	dev_attach_store(struct ctx *, int64_t dev_id, const struct upload_file *,
	    size_t n);
/* deviation_report with photos, in one transaction. A bad photo:
 * DEV_ERR_INVALID with *err_field "attachments", nothing written. */
int	deviation_report_files(struct ctx *, const struct dev_report *,
	    const struct upload_file *, size_t n, struct deviation *out,
	    const char **err_field);
/* Without data, oldest first (at most 100). */
int	dev_attach_list(struct ctx *, int64_t dev_id, struct dev_attachment **out,
	    size_t *n);
/* One, with its bytes; DEV_ERR_NOTFOUND when not on this deviation. */
int	dev_attach_get(struct ctx *, int64_t dev_id, int64_t aid,
	    struct dev_attachment *out);

/* Who may see what in lists: deviation_list_scope (view.h) asks authz. */
enum dev_scope_kind { DEV_SCOPE_NONE, DEV_SCOPE_ALL, DEV_SCOPE_MINE_AND_LED,
	DEV_SCOPE_HANDLED	/* statistics: handled where ctx->user may count
				   (authz_dev_stats_handlers) */
};

struct dev_filter {
	enum dev_scope_kind scope;
	int64_t		 unit_id;	/* 0: any; else the unit and its subtree */
	const char	*status;	/* NULL, a status name, or a group: open|in_progress|closed|not_closed */
	const char	*category;	/* code or NULL */
	int		 kind;		/* -1 any, else enum dev_kind */
	int64_t		 from, to;	/* reported_at (or occurred_at) within [from, to]; 0 = open */
	int		 by_occurred;	/* filter on occurred_at instead of reported_at */
	int		 overdue;	/* 1: only overdue */
	int		 mine;		/* 1: only those ctx->user reported */
	int		 inbox;		/* 1: only not closed, handled in units ctx->user leads; overdue first */
	int64_t		 limit;		/* 0 = 50; at most 1000 */
	const char	*after;		/* NULL: the first page; else a page's next cursor */
	/* Lists only: those tied to this governing document (document_id;
	 * 0: any). The statistics do not read it. */
	int64_t		 document_id;
	/* Lists only (the dashboard's links to what a figure counts): those
	 * handled in this unit, not its subtree (0: any); and own_unit: of
	 * unit_id itself, not the units under it. The statistics refuse
	 * them (dev_filter_stats). */
	int64_t		 handler_unit_id;
	int		 own_unit;
	/* Statistics only: NULL, or the reads shared by every statistics
	 * pass of this request (deviation_stats_base). */
	struct dev_stats_base *base;
	/* Lists only: NULL, or the page is shown as a table (web_dev_table:
	 * number, title, kind, status, unit, category, overdue) and these
	 * are every unit and category of the tenant, read in this request
	 * (dev_units_categories). The rows then carry what the table shows:
	 * the names from here, no long text (description "") and no
	 * reporter's name; a page of PostgreSQL's read three lookups a row
	 * and 32 columns for it (bench/why.md, w21-pgread). Borrowed. */
	const struct dev_filter_known *table;
};

/* A list counts its matches up to DEV_COUNT_CAP; a total above it means
 * "more than DEV_COUNT_CAP" (counting further would read every row). */
#define DEV_COUNT_CAP		10000
/* Room for a cursor: a letter, two integers, a separator, NUL. */
#define DEV_CURSOR_MAX		48

/* One page of the rows the filter (and its scope) allows, in a stable
 * order an index gives: newest first by (reported_at, id), or for the
 * inbox by (deadline shown, id), which puts the overdue first. The next
 * page starts after the last row (keyset, not OFFSET), so a walk through
 * the pages sees every row once even while new ones arrive. next gets the
 * cursor of the following page ("" when this is the last; may be NULL);
 * total (may be NULL: not counted) gets the number of matches, capped as
 * DEV_COUNT_CAP says. DEV_ERR_INVALID when f->after is not a cursor of
 * this list's order. */
int	deviation_list_page(struct ctx *, const struct dev_filter *,
	    struct deviation **out, size_t *n, int64_t *total,
	    char next[DEV_CURSOR_MAX]);
/* The same without the cursor of the next page. */
int	deviation_list(struct ctx *, const struct dev_filter *, struct deviation **out,
	    size_t *n, int64_t *total);
/* The deadline a list shows for d and the inbox sorts by: the acknowledge
 * deadline while new (when it is the earlier), else the close deadline;
 * 0 when closed or without one. A deviation is overdue exactly when this
 * has passed. */
int64_t	deviation_deadline(const struct deviation *d);

struct dev_event {
	int64_t		 id, at, actor_id;
	const char	*actor_name;	/* NULL: the system */
	const char	*type;		/* created, acknowledged, classified, transferred, returned,
					   resubmitted, analysed, measure_added, measure_completed,
					   measure_assigned, closed, reopened, comment,
					   reminder, escalated */
	int		 public;	/* shown to the reporter */
	const char	*text;		/* reason, summary, comment */
	const char	*detail;
};
/* The timeline, oldest first; public_only for the reporter's view. */
int	deviation_events(struct ctx *, int64_t id, int public_only, struct dev_event **out, size_t *n);

/* Its measures (tiltak), kept by src/measure/ with subject MS_DEVIATION. */
int	deviation_measures(struct ctx *, int64_t id, struct measure **out, size_t *n);
/* One measure of deviation id. DEV_ERR_NOTFOUND when it is not one of its. */
int	deviation_measure_get(struct ctx *, int64_t id, int64_t measure_id,
	    struct measure *out);
/* 1 if person_id is responsible for a measure of deviation id, 0 if not,
 * negative on error. (Read by authz for the measure owner's access.) */
int	deviation_measure_owner(struct ctx *, int64_t id, int64_t person_id);
/* "Mine tiltak" names a deviation by its number and title and leaves it
 * off once closed (measure_subject_fn, measure.h). */
int	deviation_measure_subject(struct ctx *, int64_t id, struct my_measure *m);
/* The unit that handles deviation id (measure_unit_fn). */
int	deviation_measure_unit(struct ctx *, int64_t id, int64_t *unit_id);

/* Handling actions. Each checks the state (DEV_ERR_STATE when not allowed)
 * and its input (DEV_ERR_INVALID + *err_field), records an event, notifies,
 * commits. People act through the gate, deviation_do; deviation_act is
 * the same without the access check, for the system's own replays (import,
 * demo), which act as nobody or as the recorded person. */
enum dev_action {
	DA_ACKNOWLEDGE,		/* new -> acknowledged */
	DA_TRANSFER,		/* new|acknowledged -> new, in unit_id; reason (public) */
	DA_RETURN,		/* new|acknowledged -> returned to the reporter; reason (public) */
	DA_RESUBMIT,		/* returned -> new, by the reporter, with corrected fields */
	DA_CLASSIFY,		/* not closed: category and/or kind and/or severity; reason optional */
	DA_ANALYSE,		/* not closed: cause, consequence */
	DA_ADD_MEASURE,		/* not closed: measure, responsible_login, due_at */
	DA_COMPLETE_MEASURE,	/* not closed: measure_id, text (a note, optional);
				   the handlers are told */
	DA_CLOSE,		/* new|acknowledged -> closed; summary (public) */
	DA_REOPEN,		/* closed -> acknowledged; reason */
	DA_COMMENT,		/* any state; internal note */
	DA_LEGAL_DONE,		/* any state: authority, a legal clock of the
				   deviation not yet met, is marked notified
				   now (internal event) */
	DA_ASSIGN_MEASURE,	/* not closed: measure_id (not done),
				   responsible_login (active); the new owner
				   is told (an owner who left, a wrong one) */
	DA_MAX
};
const char	*dev_action_name(enum dev_action);	/* "acknowledge", ... */
int		 dev_action_parse(const char *, enum dev_action *);

struct dev_action_input {
	enum dev_action	 action;
	const char	*reason;
	int64_t		 unit_id;		/* transfer */
	const char	*category;		/* classify, resubmit */
	int		 kind;			/* classify: -1 unchanged */
	int		 severity;		/* classify: 0 unchanged */
	const char	*cause, *consequence;	/* analyse */
	const char	*measure;		/* add_measure */
	const char	*responsible_login;	/* add_measure */
	int64_t		 due_at;		/* add_measure */
	int64_t		 measure_id;		/* complete_measure, assign_measure */
	const char	*summary;		/* close */
	const char	*text;			/* comment */
	const char	*title, *description;	/* resubmit (NULL: unchanged) */
	const char	*authority;		/* legal_done: "datatilsynet", ... */
	/* A value dev_action_read could not convert (NULL: none). The gate
	 * answers it after the access check, so that someone who may not
	 * act learns nothing from a bad body. why: an English msgid. */
	const char	*bad_field, *bad_why;
};
int	deviation_act(struct ctx *, int64_t id, const struct dev_action_input *,
	    const char **err_field);

/* --- the gate (gate.c) ----------------------------------------------------
 * What a face gets back from deviation_do. The answer is decided once,
 * here, in this order: not there or not visible to ctx->user (NOT_FOUND:
 * the same answer, so nobody learns what exists), visible but not theirs
 * to do (FORBIDDEN), input the parser could not read or an unknown action
 * (INVALID), not allowed in the present state (CONFLICT), input the action
 * refuses (INVALID), a store failure (FAILED). */
enum dev_outcome {
	DEV_OK,
	DEV_NOT_FOUND,
	DEV_FORBIDDEN,
	DEV_INVALID,	/* field names the field, why says why (an English msgid) */
	DEV_CONFLICT,
	DEV_FAILED
};
struct dev_result {
	enum dev_outcome	 outcome;
	const char		*field;		/* DEV_INVALID: the field's declared name */
	const char		*why;		/* DEV_INVALID: msgid; the face translates */
	/* The deviation as it stands after the call (after the act on
	 * DEV_OK; fresh on DEV_CONFLICT, since someone else may have
	 * changed it); valid unless NOT_FOUND or FAILED. Its strings, like
	 * field, live in ctx->arena or are static. */
	struct deviation	 dev;
	/* DEV_OK: 1 when ctx->user may still see it (a transfer can take it
	 * out of their reach). */
	int			 visible;
};
/* The one way a person handles a deviation (web form and JSON API
 * alike): loads deviation id, asks authz_dev_act whether ctx->user may
 * do in->action to it, checks the state and the input, changes the row
 * with its event, notifications and kept counts in one transaction
 * (deviation_act), and says how it went in *out. Returns 0 when *out
 * says (whatever the outcome), negative only when out is NULL. in comes
 * from dev_action_read (dev_input.h) or is filled by hand (tests). */
int	deviation_do(struct ctx *, int64_t id, const struct dev_action_input *in,
	    struct dev_result *out);

/* Deadlines: send reminders before and escalate to the leader above after
 * the acknowledge and close deadlines, for every open deviation of the
 * tenant, each once, at ctx->now. Returns how many notifications were made,
 * or negative. The server runs it every minute for every tenant; `orden
 * tick` runs it once. */
int	deviation_tick(struct ctx *);

/* How many deviations and proposals the tenant has, or -1. */
int64_t	deviation_count(struct ctx *);

/* The unit whose leader a deviation that concerns the leader is kept from:
 * the nearest led unit at or above unit_id; 0 when none. (authz/ asks.) */
int64_t	deviation_concerned_unit(struct ctx *, int64_t unit_id);

/* Unit `from` is being closed into `to` (org_unit_close, in its
 * transaction; access is that gate's): every open deviation and proposal
 * whose unit or handler unit is `from` moves to `to` as a transfer moves
 * one (a public "transferred" event with text, which may be NULL; the
 * handlers and the reporter told; the kept counts moved), keeping its
 * state. Closed ones stay. *moved: how many. 0 or a DB_* error. */
int	deviation_unit_closed(struct ctx *, int64_t from, int64_t to,
	    const char *text, int64_t *moved);

/* Notifications (struct notification, notification_list, ...) are the
 * notify module's: notify/notify.h. */

/* Statistics over a subtree and period, with the same scope rules as lists
 * (reporting_unit 0 = whole tenant). by: "category", "status", "month",
 * "unit" (the unit's direct children, each with its subtree rolled up,
 * plus the unit itself), "kind", "unit_own" (every unit of the subtree with
 * its own reports only, none too), "handler_open" and "handler_overdue"
 * (not closed, and overdue now, by the unit that handles them). Rows of
 * the dashboard only; the API offers the first six. */
struct dev_stat_row {
	const char	*key;		/* code, status group, "2026-03", unit id as text, kind */
	const char	*label;		/* human name (translated for status and kind) */
	int64_t		 count;
};
struct dev_stats {
	int64_t			 total, open, in_progress, closed, overdue;
	/* Whole days from report to close, of those closed in the period
	 * (not those reported in it), each read as its bucket's first day
	 * (counts.h, dev_close_bucket); < 0 when nothing closed. p90: the
	 * 90th percentile (nearest rank). closed_in_period: how many. */
	double			 median_days_to_close;
	struct dev_stat_row	*rows;
	size_t			 nrows;
	int64_t			 p90_days_to_close;
	int64_t			 closed_in_period;
};
int	deviation_stats(struct ctx *, const struct dev_filter *, const char *by,
	    struct dev_stats *out);
/* The same for several groupings at once (one pass over the counts, as the
 * dashboard needs): outs[i] for bys[i]. unit_top (0: the filter's unit) is
 * the unit by=unit rolls up under. */
int	deviation_stats_groups(struct ctx *, const struct dev_filter *,
	    int64_t unit_top, const char *const *bys, size_t nby,
	    struct dev_stats *outs);
/* The same counts without overdue and days to close (the figures that
 * only compare counts do not show them, and skipping them spares the
 * live query over open deviations and the histogram): the dashboard's
 * same months a year before, the tertial report's columns. Totals other than total, open, in_progress and closed are 0. */
int	deviation_stats_counts(struct ctx *, const struct dev_filter *,
	    int64_t unit_top, const char *const *bys, size_t nby,
	    struct dev_stats *outs);
/* What f selects reported month by month (by=month): only total and the
 * rows are set, every other figure is 0. Read from the counts by unit
 * and month (no category, kind or status) when f names none of those,
 * so that a subtree's five years (the dashboard's seasonal table) are a
 * row per unit, handler unit and month. 0 or a DB_* error. */
int	deviation_stats_months(struct ctx *, const struct dev_filter *,
	    struct dev_stats *out);
/* What every statistics pass of one request reads alike: the unit list
 * (org_unit_list, tree order), its tree, the categories (inactive ones
 * too; the tree rolls up any subtree in C, org_tree_rollup). A page of
 * several passes (the dashboard: its period, the year before, the
 * seasons, the report's groups) builds one with deviation_stats_base and
 * hands it to each pass in dev_filter.base, so that these are read once
 * a request instead of once a pass. It lives in the request's arena and
 * is never kept beyond the request, so it cannot outlive a change; a
 * request that changes units or categories must not build one before
 * the change. 0 and *out, or a DB_* error. */
struct org_tree;
struct dev_kept;
struct dev_stats_base {
	struct unit		*units;		/* in arena; tree borrows it */
	size_t			 nunits;
	struct org_tree		*tree;
	struct category		*cats;
	size_t			 ncats;
	/* What the passes will ask of the kept counts (deviation_stats_span):
	 * [span_from, span_to] of every table, [mspan_from, mspan_to] of those
	 * by month; from > to: none declared. */
	int64_t			 span_from, span_to, mspan_from, mspan_to;
	struct dev_kept		*kept;		/* stats.c's: the tables read so far */
	int			 kept_tried;	/* stats.c's: read together once */
};
int	deviation_stats_base(struct ctx *, struct dev_stats_base **out);
/* The same, the units and categories read together with the page's
 * reads in with[] (dev_units_categories says how). */
int	deviation_stats_base_with(struct ctx *, struct dbstmt *const *with,
	    size_t nwith, struct dev_stats_base **out);
/* The passes of b will count deviations reported in [from, to]: the kept
 * counts they read (the whole tenant's by month and by year, the units'
 * by month) are then read once a request over the union of what was
 * declared, each table in one statement, and each pass takes its months
 * or years from those rows, instead of a statement per pass and per piece
 * of its period (on PostgreSQL a round trip and ~0.03 ms each). A pass
 * that asks outside the union reads as before. by_month: only the tables
 * by month are widened (a pass that counts months alone, as the seasons
 * do: not the units' cells by year, which it does not read). Declare
 * before the first pass. */
void	deviation_stats_span(struct dev_stats_base *b, int64_t from, int64_t to,
	    int by_month);

/* One kept cell as deviation_stats_each hands it over: n deviations of
 * unit_id (rolled up into `under`, the child of unit_top or unit_top
 * itself it counts in; 0 none) of this category (0: none), kind and
 * status. days < 0: reported in the period, in local month (YYYYMM)
 * (deviation_stats_groups_each: or in a whole year of it, YYYY, from the
 * cells kept by year, possibly with a negative count); days >= 0: closed in the period, in local month, after days whole days
 * (as its bucket's first day, counts.h). */
struct dev_count_cell {
	int64_t		 under, unit_id, category_id;
	enum dev_kind	 kind;
	enum dev_status	 status;
	int		 month, days;
};
typedef void	(*dev_cell_fn)(void *arg, const struct dev_count_cell *,
		    int64_t n);
/* For readers that cross what the groupings above count apart (the
 * tertial report: unit x category x kind x status and days to close by
 * group in one pass, instead of a pass per category and per group): every
 * cell of what f selects (its scope, subtree, kind, status, category,
 * period), reported in the period and then closed in it, to fn with its
 * count (negative: taken back out for the deviations kept from ctx->user),
 * in the same read as deviation_stats_counts. 0 or a DB_* error. */
int	deviation_stats_each(struct ctx *, const struct dev_filter *,
	    int64_t unit_top, dev_cell_fn fn, void *arg);
/* deviation_stats_groups (counts_only 0) or deviation_stats_counts (1)
 * whose reported cells also go to fn as deviation_stats_each hands them
 * (days always < 0; not the closed ones): the dashboard tallies the
 * tertial report's groups in the reads it makes for its own figures
 * instead of reading the same cells again. 0 or as those. */
int	deviation_stats_groups_each(struct ctx *, const struct dev_filter *,
	    int64_t unit_top, const char *const *bys, size_t nby,
	    struct dev_stats *outs, int counts_only, dev_cell_fn fn, void *arg);
/* Days to close as a histogram by whole days (the bucket's first day):
 * add n of days to *hist (grown in the arena as needed; 0 or -1), and the
 * median and 90th percentile (nearest rank) of its n, both < 0 when n is
 * 0. */
struct arena;
int	dev_hist_add(struct arena *, int64_t **hist, size_t *cap, int days,
	    int64_t n);
void	dev_hist_figures(const int64_t *hist, size_t cap, int64_t n,
	    double *median, int64_t *p90);

/* Import the old system's history (CSV columns number,kind,reported_at,
 * occurred_at,unit_code,category,title,description,status,closed_at,
 * reporter_login). All or nothing; on error *line, *col (the field's
 * column from 1, or the character's for broken quoting; 0: none, as for a
 * file that cannot be read) and msg say where and why. Every row is
 * checked before any is imported. Returns the number imported, or
 * negative. */
int	deviation_import(struct ctx *, const char *path, int64_t *line,
	    int64_t *col, char *msg, size_t msgsz);
/* What an import reports progress of: rows checked (the first pass, which
 * writes nothing), then rows imported. */
enum dev_import_phase { DEV_IMPORT_CHECKED, DEV_IMPORT_IMPORTED };
typedef void	(*deviation_import_progress_fn)(void *arg,
		    enum dev_import_phase, int64_t rows);
/* The same, calling progress(arg, phase, rows) every thousand rows of each
 * pass and once at its end (progress may be NULL). The file is streamed:
 * memory does not grow with its size beyond 16 bytes per numbered row, and
 * there is no limit on the number of rows. */
int	deviation_import_progress(struct ctx *, const char *path, int64_t *line,
	    int64_t *col, char *msg, size_t msgsz,
	    deviation_import_progress_fn progress, void *arg);

#endif
