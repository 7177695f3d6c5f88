/* dev_int.h: helpers shared by the files of src/deviation/ (and by
 * authz/policy.c, which needs the routing facts to decide visibility).
 * Not a public face: other modules use deviation.h. */
#ifndef ORDEN_DEV_INT_H
#define ORDEN_DEV_INT_H

#include <stddef.h>
#include <stdint.h>

#include "deviation/deviation.h"
#include "store/store_tx.h"

struct ctx;
struct dbstmt;

/* Longest text fields, in bytes (limits apply before anything is stored). */
#define DEV_TITLE_MAX	200	/* in characters */
#define DEV_TEXT_MAX	10000	/* in characters */
#define DEV_PLACE_MAX	200
/* How far the unit walks climb; also stops a corrupt cycle. */
#define DEV_DEPTH_MAX	64
/* A reported occurred_at may be this far in the future (clock skew). */
#define DEV_CLOCK_SKEW	300

/* Make room for one more element of size sz in an arena vector:
 * *v (len used, *cap allocated). 0 or -1 when the arena is full. */
int	dev_vec_grow(struct ctx *, void **v, size_t len, size_t *cap, size_t sz);

/* The act of deviation_act on d (loaded in the caller's open
 * transaction): the state check, the change, its event and notifications,
 * the kept counts. No access check: deviation_do asks authz first. */
int	dev_act_in_tx(struct ctx *, const struct deviation *d,
	    const struct dev_action_input *, const char **err_field);

/* The year's next report number counted on in ctx's group-commit batch
 * (numbers.c), or 0: then read the counter row, and tell
 * dev_number_read what it gave. */
int64_t	dev_number_kept(struct ctx *, int64_t year);
void	dev_number_read(struct ctx *, int64_t year, int64_t last);

/* Characters in a UTF-8 string (continuation bytes not counted). */
size_t	dev_utf8_len(const char *);
/* s is NULL or only white space. */
int	dev_blank(const char *);

/* The parent of a unit: 0 for a root, -1 when not in the tenant. */
int64_t	dev_unit_parent(struct ctx *, int64_t unit_id);
/* The same, -1 also for a closed unit (org/close.c): what a new report
 * or a transfer may name. */
int64_t	dev_unit_parent_open(struct ctx *, int64_t unit_id);
/* The root of the tree unit_id is in (unit_id itself for a root); -1. */
int64_t	dev_unit_root(struct ctx *, int64_t unit_id);
/* 1 if an active person holds the leader role exactly at unit_id. */
int	dev_unit_has_leader(struct ctx *, int64_t unit_id);
/* The nearest unit at or above `from` (above only when strictly) that has
 * a leader: its id, 0 when none, negative on error. */
int64_t	dev_nearest_led(struct ctx *, int64_t from, int strictly_above);
/* Active people holding `role` exactly at unit_id (0: tenant-wide). *ids in
 * the arena. */
int	dev_role_holders(struct ctx *, const char *role, int64_t unit_id,
	    int64_t **ids, size_t *n);
/* Remove from ids[0..*n) every leader of unit_id (0: nothing removed);
 * *n becomes the count left. 0 or a DB_* error. */
int	dev_drop_leaders(struct ctx *, int64_t unit_id, int64_t *ids, size_t *n);
/* Who handles a deviation in handler_unit: the leaders of the nearest led
 * unit at or above it, else the tenant's chief executives. except is left
 * out (0: nobody). */
int	dev_handlers(struct ctx *, int64_t handler_unit, int64_t except,
	    int64_t **ids, size_t *n);
/* Who handles a deviation routed to a role (handler_role, see
 * dev_settings.top_route): the active holders of that role anywhere,
 * without the chief executives, the leaders of handler_unit and except. */
int	dev_top_handlers(struct ctx *, const char *role, int64_t handler_unit,
	    int64_t except, int64_t **ids, size_t *n);
/* dev_top_handlers when handler_role is set, else dev_handlers. */
int	dev_handlers_for(struct ctx *, int64_t handler_unit,
	    const char *handler_role, int64_t except, int64_t **ids, size_t *n);
/* Whom escalation reaches: the leaders of the nearest led unit strictly
 * above handler_unit, else the chief executives. */
int	dev_escalation_targets(struct ctx *, int64_t handler_unit,
	    int64_t **ids, size_t *n);

/* Timeline: append an event at ctx->now as ctx->user. */
int	dev_event_add(struct ctx *, int64_t dev_id, const char *type, int public,
	    const char *text, const char *detail);
/* The webhook event of timeline event type (webhook.c): delivery rows in
 * the caller's transaction, or nothing for a type no receiver hears. */
int	dev_webhook(struct ctx *, int64_t dev_id, const char *type,
	    const char *detail);
/* One notification (in-app list and e-mail outbox); kind as in the schema.
 * dev_kind: what dev_id is, so that its e-mail names it (an improvement
 * proposal is not "Et avvik"). */
int	dev_notify(struct ctx *, int64_t person_id, int64_t dev_id,
	    enum dev_kind dev_kind, const char *kind, const char *text);
/* The same to each of ids; returns how many were made, or negative. */
int	dev_notify_many(struct ctx *, const int64_t *ids, size_t n, int64_t dev_id,
	    enum dev_kind dev_kind, const char *kind, const char *text);

/* Start the legal clocks that apply to a deviation with these facts, in
 * unit_id's kind of unit (never removes one). due times count from
 * reported_at. */
int	dev_legal_start(struct ctx *, int64_t dev_id, enum dev_kind,
	    int64_t category_id, int64_t unit_id, int severity,
	    int personal_data, int64_t reported_at);
/* The same with the category the caller has read (c: borrowed; NULL or
 * id 0: none), so a report does not read it again: the number of clocks
 * that apply (each written unless it had started), or a DB_* error. */
int	dev_legal_start_cat(struct ctx *, int64_t dev_id, enum dev_kind,
	    const struct category *c, int64_t unit_id, int severity,
	    int personal_data, int64_t reported_at);
/* Mark the clock of authority on dev_id met now (ctx->now), if it was
 * not; the caller checked that it exists. 0 or a DB_* error. */
int	dev_legal_done(struct ctx *, int64_t dev_id, const char *authority);
/* The legal deadlines of one deviation, in the arena. */
int	dev_legal_list(struct ctx *, int64_t dev_id, struct legal_deadline **out,
	    size_t *n);

/* Overdue against now (the rule lists and stats also use in SQL). */
int	dev_is_overdue(const struct deviation *, int64_t now);
/* The text of the statement deviation_list_page runs for f's page (count
 * 0, a page to read on screen) or its capped count (count 1), into buf
 * (len bytes, caller's): 0, or DEV_ERR_INVALID, DB_ERR. For the tests
 * that check a statement's plan. */
int	dev_list_sql(struct ctx *, const struct dev_filter *, int count,
	    char *buf, size_t len);

/* A deadline that passed this long before the tick that escalates it, or
 * a row reported this long before the import that brings it in, is
 * history (an imported archive, a server that was down for weeks): its
 * notices are all in the app at once, but their e-mails go in the
 * recipients' next daily digest (ctx->mail_digest) instead of one e-mail
 * each: w12-probe's ten-year import and its first tick queued 65,198
 * immediate e-mails, 13,879 to one leader (bench/why.md). */
#define DEV_HISTORY_SECONDS	(7 * 24 * 3600)

/* What a report's checks read (report.c validate): its category, and
 * the document it names. A submit that goes to group commit is checked
 * by dev_report_check on the request's own connection before it is
 * queued, outside any transaction, so that the batch's one writer (where
 * every read is a round trip the municipality's other submits wait for,
 * on PostgreSQL) does not make these reads again; a refused report never
 * waits for a batch. What was read may change before the batch runs: the
 * foreign keys still refuse a category, unit or document deleted in
 * between, and one deactivated then is as if the report came a moment
 * earlier. Strings in the arena. */
struct dev_report_pre {
	struct category	 cat;
	int		 has_cat;
	int64_t		 doc_id;
};

/* deviation_report's checks alone, on ctx->conn, in or outside a
 * transaction: 0, DEV_ERR_INVALID with *err_field, or a db_rc. */
int	dev_report_check(struct ctx *, const struct dev_report *,
	    struct dev_report_pre *, const char **err_field);

/* deviation_report of a report dev_report_check passed (pre), without
 * checking it again; the same contract otherwise. */
int	dev_report_checked(struct ctx *, const struct dev_report *,
	    const struct dev_report_pre *, struct deviation *out,
	    const char **err_field);

#endif
