/* doc_int.h: what the files of src/document/ share and nobody else uses. */
#ifndef ORDEN_DOC_INT_H
#define ORDEN_DOC_INT_H

#include <stdint.h>

struct ctx;
struct document;

/* The default main processes of a municipality if it has none yet (seeds
 * 003: sektorovergripende, tjenestespesifikke, støtteprosesser), in the
 * caller's transaction. 0 or a DB_* error. */
int	doc_processes_ensure(struct ctx *);
/* The process named name under parent_id (0: a top group), made when
 * there is none, in the caller's transaction: its id, or a DB_* error. */
int64_t	doc_process_put(struct ctx *, int64_t parent_id, const char *name);
/* 1 when process id exists in the tenant, 0 when not, or an error. */
int	doc_process_exists(struct ctx *, int64_t id);
/* The number of the version of d a confirmation must be of (or later)
 * for the person to count as having read it; 0: nothing to confirm. */
int	doc_confirm_version(const struct document *);
/* Record person_id's confirmation of d's current version (via_by: the
 * leader of a go-through, 0 themselves), once. 0 or a DB_* error. */
int	doc_read_record(struct ctx *, const struct document *, int64_t person_id,
	    int64_t via_by);

/* 1 when person_id has confirmed the version that counts for d (or a
 * later one), 0 when not, or an error. */
int	document_confirmed_by(struct ctx *, const struct document *,
	    int64_t person_id);

/* The columns every document read selects, and reading one row of them
 * (query.c); statements alias documents as d. */
#define DOC_COLS \
    "d.id, d.code, d.title, d.doc_type, d.process_id, d.owner_id," \
    " d.status, d.public, d.approval_body, d.approval_case, d.approved_on," \
    " d.next_revision, d.revised_on, d.current_version, d.confirm_from," \
    " d.created_at, d.updated_at," \
    " (SELECT MIN(du.unit_id) FROM document_units du" \
    "  WHERE du.tenant_id = d.tenant_id AND du.document_id = d.id)," \
    " (SELECT MAX(v.number) FROM document_versions v" \
    "  WHERE v.tenant_id = d.tenant_id AND v.document_id = d.id)," \
    " (SELECT p.name FROM doc_processes p" \
    "  WHERE p.tenant_id = d.tenant_id AND p.id = d.process_id)"
/* Bring d's entry in the full-text index up to date with its code, title
 * and current version (SQLite; PostgreSQL's triggers do it), in the
 * caller's transaction. 0 or a DB_* error. */
int	doc_search_index(struct ctx *, int64_t id);

struct dbstmt;
/* Run sql (tenant $1, then the ints from $2 on) and collect its
 * documents into *out (arena), with their owners' names. */
int	doc_rows(struct ctx *, const char *sql, const int64_t *ints, int nints,
	    struct document **out, size_t *n);

/* The webhook event of a version that became current (webhook.c), in the
 * gate's transaction. 0 or a DB_* error. */
int	document_webhook(struct ctx *, const struct document *, int number);
/* coverage.c: everyone active the current document doc_id asks to
 * confirm and who has not confirmed its version to confirm is told, in
 * the caller's transaction (doc_to_read; the e-mail in the next daily
 * digest: a document for the whole municipality tells every employee).
 * The number told, or a DB_* error. */
int	doc_tell_readers(struct ctx *, int64_t doc_id);

#endif
