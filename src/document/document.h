/* document.h: governing documents (styrende dokumenter, issue 14): the
 * main process tree, the register with its versions, yearly revision and
 * read-confirmation. The module's whole public face.
 *
 * Every function takes the context and filters by ctx->tenant_id itself;
 * strings in returned structs live in ctx->arena. Changes go through one
 * gate, document_do (below), which asks authz/ (authz_doc_can) itself and
 * writes the change and its audit row in one transaction; the faces (web/,
 * api/) only translate. Everything happens at ctx->now as ctx->user. */
#ifndef ORDEN_DOCUMENT_H
#define ORDEN_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct buf;

/* Lifecycle: utkast -> til godkjenning -> gjeldende -> utgått. A document
 * that is current stays current while a new version is drafted and
 * approved; its pending version is said by doc.pending. */
enum doc_status { DOC_DRAFT, DOC_PENDING, DOC_CURRENT, DOC_RETIRED, DOC_STATUS_MAX };
/* "draft", "pending", "current", "retired"; parse: 0 and *out, or -1. */
const char	*doc_status_name(enum doc_status);
int		 doc_status_parse(const char *, enum doc_status *);

/* Document types: routine, procedure, guideline, regulation, plan, form,
 * template (rutine, prosedyre, retningslinje, reglement, plan, skjema,
 * mal); NULL-terminated. */
extern const char *const doc_types[];
int		 doc_type_valid(const char *);

/* Module error codes (negative; DB_* from store.h may also come back). */
#define DOC_ERR_INVALID		-10
#define DOC_ERR_STATE		-11
#define DOC_ERR_NOTFOUND	-12

/* Limits the module keeps whatever the face. */
#define DOC_CODE_MAX		40
#define DOC_TITLE_MAX		200
#define DOC_BODY_MAX		200000
#define DOC_FILE_MAX		(10 * 1024 * 1024)
#define DOC_FILE_NAME_MAX	200
#define DOC_REVISION_MONTHS	12
#define DOC_UNITS_MAX		50
/* Proposals and deviations one version may say it answers. */
#define DOC_ANSWERS_MAX		100
/* The owner is reminded this long before the next revision date. */
#define DOC_REMIND_AHEAD	(30 * 86400)

struct doc_process {
	int64_t		 id, parent_id;	/* parent 0: a top group */
	const char	*name;
	int		 depth;		/* in list order, 0 for a top group */
};

struct document {
	int64_t		 id, process_id, owner_id, unit_id;	/* unit 0: every unit */
	const char	*code, *title, *type;
	const char	*owner_name, *process_name;
	const char	*approval_body, *approval_case;
	int64_t		 approved_on, next_revision, revised_on;	/* 0: none */
	int64_t		 created_at, updated_at;
	enum doc_status	 status;
	int		 public_;
	int		 current_version;	/* number; 0 none */
	int		 latest_version;	/* highest number */
	int		 pending;		/* a draft or pending version above current */
	int		 confirm_from;		/* 0: nothing to confirm */
	/* Every unit it is for, by id (document_load and document_get;
	 * lists leave it empty and unit_id, the lowest, says). Empty with
	 * unit_id 0: every unit. */
	const int64_t	*units;
	size_t		 nunits;
};
/* 1 when d applies to someone whose home unit is unit_id (every unit, or
 * unit_id within one of d's units), else 0. */
int	document_applies_to(struct ctx *, const struct document *, int64_t unit_id);
/* 1 when one of d's units (all of them, for a document for every unit:
 * 0) is one ctx->user may follow (AZ_DOC_COVERAGE). */
int	document_followed(struct ctx *, const struct document *);

struct doc_version {
	int64_t		 id, created_by, created_at, approved_at, file_size;
	int		 number, significant;
	const char	*state;		/* draft | pending | current | old */
	const char	*body, *change_note;
	const char	*file_name, *file_type, *file_sha256;	/* NULL: no file */
};

/* --- the gate ------------------------------------------------------------- */
enum doc_action {
	DOC_A_CREATE,		/* a new document with its first version (draft) */
	DOC_A_EDIT,		/* register fields: title, type, process, owner, units, public */
	DOC_A_VERSION,		/* a new draft version (text and/or file) */
	DOC_A_SUBMIT,		/* the newest draft goes to approval */
	DOC_A_APPROVE,		/* the pending version becomes current */
	DOC_A_REVIEW,		/* yearly revision: reviewed, no change */
	DOC_A_RETIRE,		/* utgått */
	DOC_A_CONFIRM,		/* "Jeg har lest og forstått", by the person */
	DOC_A_GOTHROUGH,	/* a leader's go-through with staff */
	DOC_A_MAX
};
const char	*doc_action_name(enum doc_action);
int		 doc_action_parse(const char *, enum doc_action *);

struct doc_input {
	enum doc_action	 action;
	const char	*code, *title, *type, *owner_login;
	int64_t		 process_id, unit_id;
	/* Several units: their codes, separated by commas or spaces; given,
	 * it replaces unit_id (and sets has_unit). */
	const char	*units;
	int		 has_unit, public_, has_public, significant;
	const char	*body, *change_note;
	const char	*approval_body, *approval_case;
	int64_t		 approved_on, next_revision, held_on;	/* 0: not given */
	const char	*attendees;	/* go-through: logins, comma or space separated */
	/* The attached file as sent (name may carry a path: refused). */
	const char		*file_name;
	const unsigned char	*file_data;
	size_t			 file_len;
	/* version: the deviations and improvement proposals about this
	 * document (deviations.document_id) the new version answers, ids
	 * separated by ','; each must be open and one ctx->user may see. */
	const char	*answers;
	/* The first value that did not convert (a date), for the gate to
	 * answer after its access check. */
	const char	*bad_field, *bad_why;
};

enum doc_outcome { DOC_OK, DOC_NOT_FOUND, DOC_FORBIDDEN, DOC_CONFLICT,
	DOC_INVALID, DOC_FAILED };
struct doc_result {
	enum doc_outcome outcome;
	const char	*field, *why;	/* DOC_INVALID: msgids */
	int64_t		 id;		/* the document (DOC_A_CREATE: the new one) */
};
/* The one door for every change. id: the document (0 for DOC_A_CREATE).
 * Always 0; the answer is in *out. */
int	document_do(struct ctx *, int64_t id, const struct doc_input *,
	    struct doc_result *out);

/* --- reads ---------------------------------------------------------------- */
/* Rebuild tenant_id's full-text index of the register from its rows, in
 * c's transaction: for rows written around document_do, as `orden
 * migrate` copies them (on PostgreSQL the database's triggers keep it;
 * then a no-op). 0 or a DB_* error. */
struct dbconn;
int	document_search_rebuild(struct dbconn *, int64_t tenant_id);

/* The document, if ctx->user may read it (authz_doc_can): 0 and *out,
 * DOC_ERR_NOTFOUND (also when hidden), or a DB_* error. What a page may
 * offer on it: document_may (below). */
int	document_get(struct ctx *, int64_t id, struct document *out);
/* The same by the municipality's own ID. */
int	document_by_code(struct ctx *, const char *code, struct document *out);
/* Without the access check (for the gate, tick, the command line). */
int	document_load(struct ctx *, int64_t id, struct document *out);
int	document_load_code(struct ctx *, const char *code, struct document *out);
/* The document by code as anyone may read it without logging in (the
 * permanent link /d/{ID}): 0 and *out when it is current and public,
 * else DOC_ERR_NOTFOUND (the same answer, so nobody learns what
 * exists), or a DB_* error. */
int	document_public(struct ctx *, const char *code, struct document *out);

/* What ctx->user may do with a document they read (document_get), for
 * which forms and links a page offers; document_do asks again. */
enum doc_may {
	DOC_MAY_EDIT,		/* new version, register details, revision,
				   retire: its owner, AZ_DOC_MANAGE */
	DOC_MAY_APPROVE,	/* record an approval: AZ_DOC_APPROVE */
	DOC_MAY_COVERAGE	/* follow who has read it (document_coverage) */
};
/* 1 if allowed, else 0. (rights.c) */
int	document_may(struct ctx *, const struct document *, enum doc_may);

/* What ctx->user may do with the register at all (no one document). */
enum doc_right {
	DOC_RIGHT_CREATE,	/* add a document: AZ_DOC_CREATE */
	DOC_RIGHT_PROCESSES	/* keep the main-process tree, adopt shared
				   templates: AZ_DOC_PROCESSES */
};
/* 1 if allowed, else 0; anonymous has none. (rights.c) */
int	document_right(struct ctx *, enum doc_right);

struct doc_filter {
	const char	*q;		/* words in code, title or current text */
	int64_t		 process_id;	/* 0: any (a process includes its sub-processes) */
	int		 status;	/* -1: any but retired */
	const char	*type;		/* NULL: any */
	int		 due;		/* 1: revision due within DOC_REMIND_AHEAD or overdue */
};
#define DOC_LIST_MAX	500
/* Documents ctx->user may see, by code, at most DOC_LIST_MAX. */
int	document_list(struct ctx *, const struct doc_filter *,
	    struct document **out, size_t *n);

/* The municipality's current public documents (the whistleblowing
 * routine, say), by code, at most 20; no user needed: the public
 * whistleblowing pages link them. */
int	document_public_list(struct ctx *, struct document **out, size_t *n);

/* Versions, newest first; a draft only to those who may edit. */
int	document_versions(struct ctx *, const struct document *,
	    struct doc_version **out, size_t *n);
/* One version (number) with its file bytes (*data in the arena). */
int	document_version(struct ctx *, const struct document *, int number,
	    struct doc_version *out, const unsigned char **data);

/* The deviations and proposals version number of d says it answers that
 * ctx->user sees in full (AZ_DEV_VIEW), by id ascending (*out in the
 * arena). 0 or a DB_* error. */
struct deviation;
int	document_answers(struct ctx *, const struct document *, int number,
	    struct deviation **out, size_t *n);
/* The deviations and proposals about d (deviations.document_id) that
 * ctx->user's own deviation list holds and that they see in full, newest
 * first, at most DOC_TIED_MAX; open_only: those not closed (what a new
 * version may answer). 0 or a DB_* error. */
#define DOC_TIED_MAX	100
int	document_tied(struct ctx *, const struct document *, int open_only,
	    struct deviation **out, size_t *n);
/* The approved versions (numbers, ascending) of the document doc_id that
 * say they answer deviation_id, for the deviation's page ("Besvart i
 * versjon N av 2128"). 0 or a DB_* error. */
int	document_answered_in(struct ctx *, int64_t doc_id, int64_t deviation_id,
	    int **numbers, size_t *n);

/* Main processes in tree order; made (the three top groups) on first use. */
int	doc_process_list(struct ctx *, struct doc_process **out, size_t *n);
/* Add a process under parent (0: a top group): AZ_DOC_PROCESSES. Returns
 * id > 0, DOC_ERR_INVALID, or -403 when not allowed. */
#define DOC_ERR_FORBIDDEN	-13
int64_t	doc_process_add(struct ctx *, int64_t parent_id, const char *name);

/* What ctx->user must still read and confirm, by code. */
int	document_to_read(struct ctx *, struct document **out, size_t *n);
/* 1 when ctx->user has confirmed the version that counts for d. */
int	document_confirmed(struct ctx *, const struct document *);

/* Read-confirmation coverage of d as ctx->user may follow it: every
 * active person it applies to, whether they confirmed (and how: 1
 * themselves, 2 a go-through); its owner and those who follow every unit
 * (AZ_DOC_COVERAGE) get everyone, a leader the people of the units they
 * follow. 0 and *out, DOC_ERR_FORBIDDEN when d is not theirs to follow
 * (document_may DOC_MAY_COVERAGE), or a DB_* error. */
struct doc_reader {
	int64_t		 person_id, unit_id, at;
	const char	*name;
	int		 how;	/* 0 not yet, 1 read, 2 go-through */
};
int	document_coverage(struct ctx *, const struct document *,
	    struct doc_reader **out, size_t *n);

/* Revision status of the current documents, a row per main process
 * (document_revision_status) or per unit (document_revision_by_unit):
 * how many are current, due within DOC_REMIND_AHEAD, overdue and revised
 * this year. */
struct doc_revision_row {
	int64_t		 id;	/* the process or unit; 0: every unit */
	const char	*name;	/* NULL on the every-unit row */
	int		 depth;	/* a unit's in the tree; a process's 0 */
	int		 current, due, overdue, revised_this_year;
};
/* By main process, every one in tree order. (revision.c) */
int	document_revision_status(struct ctx *, struct doc_revision_row **out,
	    size_t *n);

/* Read-confirmation coverage through the unit tree (coverage.c): person
 * x document pairs, asked and confirmed, over the current documents that
 * ask for confirmation. For unit_id the units one level down (each its
 * subtree's sum) and the people whose home it is (the leaves); for
 * unit_id 0 the highest units ctx->user may follow. 0 and *out,
 * DOC_ERR_FORBIDDEN (not ctx->user's to follow: AZ_DOC_COVERAGE),
 * DOC_ERR_NOTFOUND (no such unit), or a DB_* error. */
struct doc_cov_row {
	int64_t		 unit_id, person_id;	/* one of them is 0 */
	const char	*name;
	int		 asked, confirmed;
};
struct doc_cov {
	int64_t		 unit_id, parent_id;	/* parent 0: a root */
	const char	*unit;			/* NULL for the top */
	int		 asked, confirmed;	/* the whole subtree */
	struct doc_cov_row *rows;		/* units first, then people */
	size_t		 n;
};
int	document_unit_coverage(struct ctx *, int64_t unit_id, struct doc_cov *out);
/* 1 when ctx->user may follow some unit's coverage (AZ_DOC_COVERAGE
 * anywhere), 0 when not, or a DB_* error. */
int	document_follows_units(struct ctx *);

/* A leader's "Påminn": everyone active in unit_id's subtree who has not
 * confirmed all they are asked gets a notification (doc_read_reminder)
 * naming what is left, at most once per DOC_NUDGE_EVERY whoever asks;
 * audited (doc_remind). AZ_DOC_COVERAGE on the unit. Always 0; the answer
 * is in *out: DOC_OK with out->id the number reminded, DOC_FORBIDDEN,
 * DOC_NOT_FOUND, DOC_INVALID (field unit_id: none given). */
#define DOC_NUDGE_EVERY		(7 * 86400)
int	document_remind(struct ctx *, int64_t unit_id, struct doc_result *out);

/* Revision status by unit: for each unit ctx->user may follow
 * (AZ_DOC_COVERAGE) in tree order, the current documents designated to
 * it; the first row (id 0, name NULL) counts those for every unit.
 * Nothing (n 0) for someone who follows no unit. (revision.c) */
int	document_revision_by_unit(struct ctx *, struct doc_revision_row **out,
	    size_t *n);

/* --- text and files ------------------------------------------------------- */
/* Render the safe markup of a version (headings "# ", lists "- " and
 * "1. ", tables "| a | b |", links [text](https://...), paragraphs) as
 * HTML through the escaping writer: nothing in the text becomes markup
 * but these. */
void	doc_markup_render(struct buf *, const char *text);
/* The type of a file from its content: "pdf", "docx", "xlsx", "odt", or
 * NULL when it is none of them. */
const char	*doc_file_sniff(const unsigned char *data, size_t len);
/* The extension a type's file must have (".pdf", ...) and its MIME type. */
const char	*doc_file_ext(const char *type);
const char	*doc_file_mime(const char *type);

/* --- import (orden import documents) ---------------------------------------- */
/* Bring a register in from the CSV file at path (import.c): columns id,
 * title, type, process, owner, approval_body, approval_case, approved_on,
 * next_revision, units, file, separated by ',' or ';'. Each row becomes a
 * document through document_do as the operator at the command line
 * (authz_cli_operator): current with version 1 when approved_on is given,
 * else a draft. All or nothing in one transaction. 0 and *count, or -1
 * with msg (msglen bytes) saying "FILE:LINE:COLUMN: reason". */
int	document_import(struct ctx *, const char *path, int *count, char *msg,
	    size_t msglen);

/* --- installation-wide templates (template.c) ------------------------------ */
/* Published by the operator (kind "processes": content is the tree, one
 * "Group" or "Group > Sub" a line; "document": content is the text, with
 * a suggested code, title and type); strings in ctx->arena. */
struct doc_template {
	int64_t		 id, published_at;
	const char	*kind, *name, *code, *title, *type, *content;
};
/* Every template of the installation, processes first, by name. */
int	document_templates(struct ctx *, struct doc_template **out, size_t *n);
/* Publish t (a name published again replaces it): the operator at the
 * command line only (authz_cli_operator). 0, DOC_ERR_FORBIDDEN,
 * DOC_ERR_INVALID (no name or content; a document without title or a
 * known type) or a DB_* error. */
int	document_template_publish(struct ctx *, const struct doc_template *t);
/* ctx->tenant_id's main-process tree as a processes template's content
 * (*out in the arena). 0 or a DB_* error. */
int	document_template_tree(struct ctx *, const char **out);
/* Adopt template id as the municipality's own copy (AZ_DOC_PROCESSES:
 * the quality adviser, admins): processes merged into its tree by name;
 * a document made a draft owned by ctx->user with the given code (NULL:
 * the template's). Audited (doc_template_adopt). Always 0; the answer is
 * in *out (DOC_INVALID with the field, as document_do says, for a
 * document; out->id the new document). */
int	document_template_adopt(struct ctx *, int64_t id, const char *code,
	    struct doc_result *out);

/* --- the clock (orden tick) ------------------------------------------------- */
/* Remind owners of revisions coming due (DOC_REMIND_AHEAD) and overdue,
 * each once per revision date. Number of notifications, or negative. */
int	document_tick(struct ctx *);

/* The demo municipality's register (orden demo): 44 documents under the
 * three top groups, some overdue, one significant version half read.
 * 0 or -1. */
int	document_demo(struct ctx *);

/* Unit `from` is being closed into `to` (org_unit_close, in its
 * transaction; access is that gate's): documents that applied to `from`
 * apply to `to` instead. *moved: how many. 0 or a DB_* error. */
int	document_unit_closed(struct ctx *, int64_t from, int64_t to,
	    int64_t *moved);

#endif
