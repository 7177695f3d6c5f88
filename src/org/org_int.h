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
/* The row of sql with $2 = text, or = id when text is NULL, into out.
 * DB_OK, -1 when there is none, or a DB_ code. */
int	org_row_by(struct ctx *, const char *sql, int64_t id, const char *text,
	    org_fill_fn, void *out);

#endif
