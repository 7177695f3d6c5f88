/* risk_int.h: what the files of src/risk/ share (not for other modules). */
#ifndef ORDEN_RISK_INT_H
#define ORDEN_RISK_INT_H

#include "risk/risk.h"

int	risk_scope_parse(const char *, enum risk_scope *out);
/* The ids in the first column of the tenant's statement sql with $2 =
 * arg, in the arena (*ids NULL when none), before anything else is
 * prepared: the callers then load each one. 0 or a DB_ code. */
int	risk_ids(struct ctx *, const char *sql, int64_t arg, int64_t **ids,
	    size_t *n);

#endif
