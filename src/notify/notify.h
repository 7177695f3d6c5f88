/* notify.h: notifications, the in-app list. The notify module owns the
 * `notifications` table; deviation/ and whistle/ make notifications through
 * it, and web/ and api/ list and mark them. E-mail delivery lives here too
 * (mail.h: the mail_outbox and mail_prefs tables).
 * The text is short and carries no personal data beyond a deviation's
 * title or a case's number. */
#ifndef ORDEN_NOTIFY_H
#define ORDEN_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct dbstmt;

/* One notification to person_id at ctx->now, of kind (as in the schema:
 * new, reminder, escalation, transferred, returned, closed, measure, legal,
 * whistle), about deviation dev_id (0: none), and its e-mail in the
 * outbox when the person wants one (mail.h). 0 or a DB_* error. Part of
 * the caller's transaction when one is open. Nothing while ctx->notify_quiet
 * (an import's replay of a row closed long ago). */
int	notify_send(struct ctx *, int64_t person_id, int64_t dev_id,
	    const char *kind, const char *text);
/* What a notification about a report is about: its e-mail names it ("Et
 * forbedringsforslag venter på deg", not "Et avvik …"). */
enum notify_report { NOTIFY_DEVIATION, NOTIFY_IMPROVEMENT, NOTIFY_REPORT_MAX };
/* notify_send for deviation or improvement proposal dev_id, of kind
 * `report`. 0 or a DB_* error. */
int	notify_send_report(struct ctx *, int64_t person_id, int64_t dev_id,
	    enum notify_report report, const char *kind, const char *text);
/* One notice that stands for many (NOTIFY_OVERDUE_SUMMARY: the deadlines
 * of history one tick passed, deviation/tick.c), to person_id at ctx->now,
 * about no deviation. Its text is how many, in decimal; the lists below
 * give it as a sentence in the reader's language (the current locale). *id 0: the notice is made, with its e-mail as
 * notify_send's, and *id set to it; else notice *id (made by this call
 * earlier in the same run) gets text instead: its count grew, and no
 * second e-mail is queued. 0 or a DB_* error; part of the caller's
 * transaction, and *id means nothing once that rolls back. */
#define NOTIFY_OVERDUE_SUMMARY	"overdue_summary"
int	notify_summary(struct ctx *, int64_t person_id, const char *kind,
	    const char *text, int64_t *id);
/* Count every notification of the tenant as delivered, and those made
 * before read_before as read (demo history). 0 or an error. */
int	notify_settle(struct ctx *, int64_t read_before);

struct notification {
	int64_t		 id, deviation_id, created_at, read_at;
	const char	*kind, *text, *number;	/* number: the deviation's */
};
#define NOTIFY_ERR_INVALID	-10	/* a cursor that is not one */
#define NOTIFY_CURSOR_MAX	48	/* CURSOR_MAX of util/cursor.h */
#define NOTIFY_PAGE_DEFAULT	200
#define NOTIFY_PAGE_MAX		500
/* The person's newest NOTIFY_PAGE_DEFAULT (unread only when asked), in the
 * arena. 0 or an error. */
int	notification_list(struct ctx *, int64_t person_id, int unread_only,
	    struct notification **out, size_t *n);
/* Keyset pages, newest first: up to limit after the cursor `after` (NULL
 * or "": from the newest); next gets the following page's cursor or "".
 * 0, NOTIFY_ERR_INVALID for a cursor that is not one, or a store error. */
int	notification_list_page(struct ctx *, int64_t person_id, int unread_only,
	    const char *after, size_t limit, struct notification **out,
	    size_t *n, char next[NOTIFY_CURSOR_MAX]);
/* Mark one of the person's own read (id 0: all). 0 or an error. */
int	notification_mark_read(struct ctx *, int64_t person_id, int64_t id);
/* How many are unread, or an error (negative). */
int	notification_unread_count(struct ctx *, int64_t person_id);
/* The signed-in user's unread count read with other reads of a page
 * (db_run_together): its statement prepared and bound, not stepped (DB_OK
 * or a DB_* error); then read into ctx->unread (unread_known), the
 * statement reset whatever the outcome: the count, or negative. */
int	notification_unread_begin(struct ctx *, struct dbstmt **st);
int	notification_unread_end(struct ctx *, struct dbstmt *st);

#endif
