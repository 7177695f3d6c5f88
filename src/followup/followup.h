/* followup.h: the follow-up of audit recommendations (oppfølging av
 * forvaltningsrevisjon; not the audit LOG of src/audit/). An audit report
 * (title, auditor, date, the control committee's case) has
 * recommendations lettered a, b, c ...; each carries the chief
 * executive's answer, measures (the one measure model, src/measure/,
 * subject MS_AUDIT_RECOMMENDATION), a status with its wording and who set
 * it when, and the control committee's view. The report has a deadline
 * for the written status; a missed one stays visible with its
 * explanation. The register prints as the written answer (the letter).
 *
 * Every function takes the context and filters by ctx->tenant_id itself;
 * strings live in ctx->arena. Changes have one gate, followup_do, which
 * asks authz/ (AZ_FOLLOWUP_MANAGE, AZ_FOLLOWUP_COMMENT) and writes the
 * change and its audit row in one transaction. */
#ifndef ORDEN_FOLLOWUP_H
#define ORDEN_FOLLOWUP_H

#include <stddef.h>
#include <stdint.h>

#include "http/http.h"

struct ctx;
struct measure;

#define FOLLOWUP_ERR_INVALID	-10
#define FOLLOWUP_ERR_STATE	-11
#define FOLLOWUP_ERR_NOTFOUND	-12

enum followup_status {
	FS_NOT_STARTED,		/* "ikke startet" */
	FS_IN_PROGRESS,		/* "under arbeid" */
	FS_IMPLEMENTED,		/* "iverksatt" */
	FS_ASSESSED,		/* "vurdert" */
	FS_CLOSED,		/* "lukket" */
	FS_MAX
};
/* "not_started", ...; parse: 0 and *out, or -1. */
const char	*followup_status_name(enum followup_status);
int		 followup_status_parse(const char *, enum followup_status *);

struct followup_report {
	int64_t		 id;
	const char	*title, *auditor, *case_no;	/* case_no may be NULL */
	int64_t		 report_on;		/* day number (wheel/rule.h) */
	int64_t		 status_due_on;		/* -1: no deadline */
	int64_t		 status_sent_on;	/* -1: not sent */
	const char	*late_reason;		/* NULL: none given */
	int		 late;	/* sent after the deadline, or not sent and past it */
	int		 nrecs, nclosed;	/* filled by followup_list */
};

struct followup_rec {
	int64_t		 id;
	const char	*letter, *text, *answer;	/* answer may be NULL */
	int		 status;			/* enum followup_status */
	const char	*status_note, *status_by;	/* NULL when none */
	int64_t		 status_at, status_by_id;
	const char	*committee_view, *committee_by;
	int64_t		 committee_at, committee_by_id;
	struct measure	*measures;
	size_t		 nmeasures;
};

int	followup_list(struct ctx *, struct followup_report **out, size_t *n);
int	followup_get(struct ctx *, int64_t id, struct followup_report *out);
/* The recommendations of a report by letter, with their measures. */
int	followup_recs(struct ctx *, int64_t report_id, struct followup_rec **out,
	    size_t *n);

/* --- the gate ----------------------------------------------------------- */
enum followup_action {
	FA_CREATE,		/* a new report (report id 0) */
	FA_ADD_REC,		/* letter, text */
	FA_ANSWER,		/* rec_id, answer */
	FA_STATUS,		/* rec_id, status, status_note */
	FA_COMMENT,		/* rec_id, comment: the committee's view */
	FA_SENT,		/* status_sent_on: the written status went */
	FA_EXPLAIN,		/* late_reason: why the deadline was missed */
	FA_ADD_MEASURE,		/* rec_id, measure, responsible, due_on */
	FA_COMPLETE_MEASURE,	/* rec_id, measure_id, note */
	FA_MAX
};
const char	*followup_action_name(enum followup_action);
int		 followup_action_parse(const char *, enum followup_action *);

/* Positions in followup_fields (http_req.vals), for both faces. */
enum followup_field {
	FF_ACTION, FF_TITLE, FF_AUDITOR, FF_REPORT_ON, FF_CASE_NO,
	FF_STATUS_DUE_ON, FF_STATUS_SENT_ON, FF_LATE_REASON, FF_REC_ID,
	FF_LETTER, FF_TEXT, FF_ANSWER, FF_STATUS, FF_STATUS_NOTE, FF_COMMENT,
	FF_MEASURE, FF_RESPONSIBLE, FF_DUE_ON, FF_MEASURE_ID, FF_NOTE, FF_NEXT,
	FF_MAX
};
extern const struct field followup_fields[FF_MAX + 1];
/* A follow-up's page's query (GET /followup/{id}; app_queries,
 * src/routes.c): saved=1, the banner after an action. */
enum followup_query_field { FQF_SAVED, FQF_MAX };
extern const struct field followup_query_fields[FQF_MAX + 1];

struct followup_input {
	enum followup_action	 action;
	const char		*title, *auditor, *case_no, *late_reason;
	int64_t			 report_on, status_due_on, status_sent_on; /* -1 none */
	int64_t			 rec_id, measure_id;
	const char		*letter, *text, *answer, *status_note, *comment;
	int			 status;	/* -1 none */
	const char		*measure, *responsible, *note;
	int64_t			 due_on;	/* -1 none */
	const char		*bad_field, *bad_why;
};
/* Fill *in from checked vals (NULL: all absent); never fails (a value
 * that does not convert is left in bad_field for the gate). */
void	followup_read(const struct field_value *vals, struct followup_input *in);

enum followup_result_code { FR_OK, FR_NOT_FOUND, FR_FORBIDDEN, FR_INVALID,
	FR_CONFLICT, FR_FAILED };
struct followup_result {
	enum followup_result_code outcome;
	const char	*field, *why;	/* FR_INVALID: name, msgid */
	int64_t		 report_id;	/* FR_OK */
};
int	followup_do(struct ctx *, int64_t report_id, const struct followup_input *,
	    struct followup_result *out);

/* --- what ctx->user may (rights.c) ------------------------------------- */
/* The faces ask these for what they show and name no az_action; the rules
 * stay in authz/, and followup_do asks again inside. */
enum followup_right {
	FOLLOWUP_RIGHT_VIEW,	/* the register: every report */
	FOLLOWUP_RIGHT_MANAGE,	/* register reports, answer, set statuses,
				   add measures */
	FOLLOWUP_RIGHT_COMMENT	/* the control committee's view */
};
/* What ctx->user may do with the follow-up at all: 1 or 0. */
int	followup_right(struct ctx *, enum followup_right);
/* Whether ctx->user may read report report_id: FOLLOWUP_RIGHT_VIEW, or
 * being responsible for a measure of one of its recommendations. 1 or 0
 * (also 0 on an error); whether it exists is followup_get's answer. */
int	followup_may_read(struct ctx *, int64_t report_id);
/* Whether ctx->user may mark measure m done: those who manage, and the
 * measure's own responsible person. 1 or 0. */
int	followup_may_complete(struct ctx *, const struct measure *m);

/* Reminders (orden tick): 14 days before a report's deadline for the
 * written status, while it is not sent, one "followup" notification to
 * each holder of quality and chief_executive. How many, or negative. */
int	followup_tick(struct ctx *);
/* 1 when ctx->user is one followup_tick reminds (the quality adviser or
 * the chief executive), 0 when not, or an error. The yearly wheel's
 * "my tasks" shows them the deadlines. */
int	followup_reminded(struct ctx *);

/* "Mine tiltak": how a recommendation's measure names its subject
 * (measure/subjects.c). */
struct my_measure;
int	followup_measure_subject(struct ctx *, int64_t rec_id, struct my_measure *);
/* 1 if person_id is responsible for a measure of a recommendation of
 * report_id (read by authz/: such a person sees the report), 0 if not,
 * negative on error. */
int	followup_measure_owner(struct ctx *, int64_t report_id,
	    int64_t person_id);

/* The written answer (letter.c): its title ("Answer – follow-up of the
 * performance audit – <report>", in ctx->arena), and the whole letter as
 * an A4 PDF appended to out (no access check: the faces ask authz/).
 * FOLLOWUP_ERR_NOTFOUND, 0, or negative. */
struct buf;
struct arena;
int	followup_letter_title(struct ctx *, const struct followup_report *,
	    const char **out);
int	followup_letter_pdf(struct ctx *, int64_t id, struct buf *out);
/* A status in words (translated), and a day number as dd.mm.yyyy ("–"
 * for none, -1), for the letter and the pages. */
const char	*followup_status_label(int status);
const char	*followup_day(struct arena *, int64_t day);
/* What the letter says of a recommendation: its status always, and the
 * status as written beside it when there is one ("Closed – Iverksatt.
 * Avvik lukket."), so a note never stands in for the status. In the
 * arena (the status alone when the arena is full). */
const char	*followup_status_line(struct arena *, int status,
		    const char *note);

/* The demo: the Rana audit of seeds/000_… with its points a–j. */
int	followup_demo(struct ctx *);

#endif
