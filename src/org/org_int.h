/* org_int.h: helpers shared by the files of src/org/ (not a public face). */
#ifndef ORDEN_ORG_INT_H
#define ORDEN_ORG_INT_H

#include <stdint.h>

struct ctx;

/* 1 if unit id exists in ctx's tenant, 0 if not, negative on error. */
int	org_unit_exists(struct ctx *, int64_t id);
/* The unit's code (arena) or NULL; for audit details. */
const char *org_unit_code(struct ctx *, int64_t id);

#endif
