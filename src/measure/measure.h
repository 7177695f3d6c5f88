/* measure.h: the one measure model (tiltak). A measure belongs to a
 * subject — a deviation, a risk, an audit recommendation — named by kind
 * and id; it has a text, an owner (a person), a due date, a status, and
 * when done, a note and who marked it and when. This folder owns the
 * table `measures`; the subject modules keep their own rules (who may add,
 * what a subject's state allows), audit rows and notices, and call these
 * functions inside their own transaction. */
#ifndef ORDEN_MEASURE_H
#define ORDEN_MEASURE_H

#include <stddef.h>
#include <stdint.h>

struct ctx;

#define MEASURE_ERR_NOTFOUND	-12	/* not a measure of that subject */
#define MEASURE_ERR_STATE	-11	/* already done */
#define MEASURE_ERR_DUE		-13	/* no due date */
#define MEASURE_ERR_PAST	-14	/* a due date before today */

/* What a measure belongs to. Stored by name (measure_subject_name); add
 * new kinds at the end, before MS_MAX. */
enum measure_subject {
	MS_DEVIATION,
	MS_RISK,
	MS_AUDIT_RECOMMENDATION,
	MS_MAX
};
const char	*measure_subject_name(enum measure_subject);
/* MS_MAX when s names no kind. */
enum measure_subject measure_subject_parse(const char *s);

enum measure_status {
	MEASURE_OPEN,
	MEASURE_STARTED,
	MEASURE_DONE,
	MEASURE_STATUS_MAX
};
const char	*measure_status_name(enum measure_status);

struct measure {
	int64_t			 id;
	enum measure_subject	 subject;
	int64_t			 subject_id;
	const char		*text;
	int64_t			 responsible_id;	/* 0: nobody named */
	const char		*responsible_name;	/* NULL when none */
	int			 responsible_active;	/* 0: deactivated, or none */
	int64_t			 due_at, done_at;	/* 0: none / not done */
	enum measure_status	 status;
	const char		*done_note;	/* NULL: none */
	int64_t			 done_by;	/* 0: not done or unknown */
};

/* The measures of one subject, oldest first; strings in ctx->arena. */
int	measure_list(struct ctx *, enum measure_subject, int64_t subject_id,
	    struct measure **out, size_t *n);
/* One measure of the subject; MEASURE_ERR_NOTFOUND when it is not one of
 * its. */
int	measure_get(struct ctx *, enum measure_subject, int64_t subject_id,
	    int64_t measure_id, struct measure *out);
/* 1 if person_id owns a measure of the subject, 0 if not, negative on
 * error. (Read by authz: a measure owner may see its subject.) */
int	measure_owner(struct ctx *, enum measure_subject, int64_t subject_id,
	    int64_t person_id);
/* Add one (status open) as ctx->user; responsible_id 0 for nobody named.
 * due_at is required: a measure without one would never be announced by
 * the tick and so be forgotten (MEASURE_ERR_DUE when 0; the rule for the
 * web forms, the API and the CLI alike, each of which names its own date
 * field); nor may it be before today (MEASURE_ERR_PAST: a measure
 * overdue from the day it is made was a typing error, "01.01.2020", and
 * no reminder would ever come). *id_out (may be NULL) gets the new id. The caller checked the
 * text and owns the transaction, the audit row and the notices. */
int	measure_add(struct ctx *, enum measure_subject, int64_t subject_id,
	    const char *text, int64_t responsible_id, int64_t due_at,
	    int64_t *id_out);
/* The webhook events of a measure, in the caller's transaction: added and
 * completed (measure_add and measure_complete call it), due (the tick).
 * 0 or a DB_* error. (webhook.c) */
enum measure_event { ME_ADDED, ME_COMPLETED, ME_DUE };
int	measure_webhook(struct ctx *, enum measure_subject, int64_t subject_id,
	    int64_t measure_id, enum measure_event);
/* The clock (orden tick): each measure not done whose due date has come is
 * announced once (measure.due, measures.due_noticed_at), and its owner is
 * reminded once a few days before (measures.remind_noticed_at). How many
 * owners were reminded, or a DB_* error. (tick.c) */
int	measure_tick(struct ctx *);
/* Mark done at ctx->now by ctx->user with note (NULL: none).
 * MEASURE_ERR_NOTFOUND when not the subject's, MEASURE_ERR_STATE when
 * already done. */
int	measure_complete(struct ctx *, enum measure_subject, int64_t subject_id,
	    int64_t measure_id, const char *note);
/* Give a measure not done to another owner (responsible_id > 0), who is
 * reminded of its due date afresh. MEASURE_ERR_NOTFOUND when not the
 * subject's, MEASURE_ERR_STATE when done. The caller checked the person
 * and owns the transaction, the audit row and the notices. */
int	measure_set_owner(struct ctx *, enum measure_subject,
	    int64_t subject_id, int64_t measure_id, int64_t responsible_id);
/* Open <-> started (not done; MEASURE_ERR_STATE when done). */
int	measure_set_started(struct ctx *, enum measure_subject,
	    int64_t subject_id, int64_t measure_id, int started);

/* "Mine tiltak": the measures person_id owns that are not done, whatever
 * their subject, on subjects that are still open, soonest due first (at
 * most MEASURE_MINE_MAX). Each subject module says what its subject is
 * called and whether it is open (measure_subjects below). */
#define MEASURE_MINE_MAX	100
struct my_measure {
	struct measure	 m;
	const char	*number;	/* the subject's short label ("" none) */
	const char	*title;		/* the subject's title */
	const char	*href;		/* its page */
};
int	measure_mine(struct ctx *, int64_t person_id, struct my_measure **out,
	    size_t *n);

/* How "Mine tiltak" names a subject: fills number, title and href (arena)
 * and says whether the subject is still open (1) or closed (0: its
 * measures are left off). Negative on error; MEASURE_ERR_NOTFOUND when the
 * subject is gone or hidden (left off). One function per kind, in
 * subjects.c. */
typedef int (*measure_subject_fn)(struct ctx *, int64_t subject_id,
    struct my_measure *m);
extern const measure_subject_fn measure_subjects[MS_MAX];

/* The unit whose leaders answer for a subject's measures when an owner
 * has left (the reminder goes to them): *unit_id, or 0 when none. 0, or
 * negative on error (MEASURE_ERR_NOTFOUND: the subject is gone). One per
 * kind in subjects.c; NULL when a kind has none. */
typedef int (*measure_unit_fn)(struct ctx *, int64_t subject_id,
    int64_t *unit_id);
extern const measure_unit_fn measure_units[MS_MAX];

#endif
