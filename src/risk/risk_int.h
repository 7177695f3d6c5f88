/* risk_int.h: what the files of src/risk/ share (not for other modules). */
#ifndef ORDEN_RISK_INT_H
#define ORDEN_RISK_INT_H

#include "risk/risk.h"

int	risk_scope_parse(const char *, enum risk_scope *out);
int	risk_vec_grow(struct ctx *, void **v, size_t len, size_t *cap,
	    size_t sz);

#endif
