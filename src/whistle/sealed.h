/* sealed.h: the case keys sealed to one holder (the reporter's account,
 * the tenant's recovery key), read in one pass before any is opened, so
 * that no statement stays open while cases are read or written. */
#ifndef ORDEN_WB_SEALED_H
#define ORDEN_WB_SEALED_H

#include <stddef.h>
#include <stdint.h>

#include "vault/vault.h"

struct ctx;

struct wb_sealed {
	int64_t		 *ids;			/* case ids */
	unsigned char	(*sealed)[VAULT_SEALED];	/* their sealed keys */
	size_t		  n;
};

/* Every row (case id, sealed key) that sql returns (its only parameter
 * the tenant), in ctx's arena (owned by it); rows whose blob is not a
 * sealed key are skipped. 0 or negative. */
int	wb_sealed_read(struct ctx *, const char *sql, struct wb_sealed *out);

#endif
