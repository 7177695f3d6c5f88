/* org_int.h: helpers shared by the files of src/org/ (not a public face). */
#ifndef ORDEN_ORG_INT_H
#define ORDEN_ORG_INT_H

#include <stddef.h>
#include <stdint.h>

#include "org/org.h"

struct ctx;
struct dbstmt;

/* Say how a gate went in *out (gate.c; change.c uses it too). */
void	org_said(struct org_result *out, enum org_outcome o, const char *field,
	    const char *why);

/* 1 if unit id exists in ctx's tenant, 0 if not, negative on error. */
int	org_unit_exists(struct ctx *, int64_t id);
/* The unit's code (arena) or NULL; for audit details. */
const char *org_unit_code(struct ctx *, int64_t id);
/* unit_ancestors (ancestry.c), in the caller's transaction: a new unit
 * id under parent_id (0: a root); a unit id whose parent became
 * parent_id, its whole subtree re-linked. DB_OK or a DB_* error. */
int	org_ancestry_add(struct ctx *, int64_t id, int64_t parent_id);
int	org_ancestry_move(struct ctx *, int64_t id, int64_t parent_id);

/* Fill the element at dst (a struct person, a struct unit) from the
 * statement's current row, strings in the arena. DB_OK or a DB_ code. */
typedef int (*org_fill_fn)(struct ctx *, struct dbstmt *, void *dst);
/* Every row of the tenant's statement sql (no parameter but the tenant)
 * into an arena vector of elements of sz bytes (rows.c): *out NULL and *n
 * 0 when none. DB_OK or a DB_ code. */
int	org_rows(struct ctx *, const char *sql, size_t sz, org_fill_fn,
	    void **out, size_t *n);
/* The same with $2 = id (id > 0; 0: sql has no $2). */
int	org_rows_of(struct ctx *, const char *sql, int64_t id, size_t sz,
	    org_fill_fn, void **out, size_t *n);
/* The rows of st, prepared and bound (and maybe run by db_run_together),
 * as org_rows; st is reset whatever the outcome. */
int	org_rows_read(struct ctx *, struct dbstmt *st, size_t sz, org_fill_fn,
	    void **out, size_t *n);
/* The row of sql with $2 = text, or = id when text is NULL, into out.
 * DB_OK, -1 when there is none, or a DB_ code. */
int	org_row_by(struct ctx *, const char *sql, int64_t id, const char *text,
	    org_fill_fn, void *out);

/* The org reads of a group-commit batch, answered once per batch
 * (memo.c says why that is safe). Each lookup returns 1 with the kept
 * answer (ids and strings copied into ctx's arena), or 0: not kept, or
 * ctx's connection runs no batch; then the caller reads and keeps what it
 * read. Only successful reads are kept. */
enum org_memo_q {
	ORG_MEMO_PARENT,	/* org_unit_parent */
	ORG_MEMO_HOLDERS,	/* org_role_holders of one role and unit */
	ORG_MEMO_KIND,		/* org_unit_kind_of */
	ORG_MEMO_PERSON,	/* org_person_get */
};
int	org_memo_parent(struct ctx *, int64_t id, int64_t *parent);
void	org_memo_parent_keep(struct ctx *, int64_t id, int64_t parent);
int	org_memo_holders(struct ctx *, enum role, int64_t unit_id,
	    int64_t **ids, size_t *n);
void	org_memo_holders_keep(struct ctx *, enum role, int64_t unit_id,
	    const int64_t *ids, size_t n);
int	org_memo_kind(struct ctx *, int64_t id, char *kind, size_t kindsz);
void	org_memo_kind_keep(struct ctx *, int64_t id, const char *kind);
int	org_memo_person(struct ctx *, int64_t id, struct person *out);
void	org_memo_person_keep(struct ctx *, const struct person *);

#endif
