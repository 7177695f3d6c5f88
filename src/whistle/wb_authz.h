/* wb_authz.h: the facts authz/ needs from whistle/: is a person a
 * current (not recused) handler of a case, and would a case be left
 * without one if the person left. Only authz/policy.c and the
 * whistle/ files use it; everyone else asks authz_wb_can. */
#ifndef ORDEN_WB_AUTHZ_H
#define ORDEN_WB_AUTHZ_H

#include <stdint.h>

struct ctx;

/* 1 if person_id currently handles case_id in ctx's tenant, 0 if not,
 * negative on a database error (callers treat it as "no"). */
int	whistle_is_handler(struct ctx *, int64_t case_id, int64_t person_id);
/* How many open cases (not closed, not "not whistleblowing") person_id
 * handles with no other current handler who is an active person: 0 or
 * more, negative on a database error (sole.c). */
int	whistle_sole_handler_open(struct ctx *, int64_t person_id);

#endif
