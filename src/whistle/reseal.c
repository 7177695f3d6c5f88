/* reseal.c: operator recovery (`orden whistle reseal`). With the tenant's
 * offline recovery secret, open each case key and seal it to every current
 * handler who has a keypair but no copy (after a password reset made them
 * a new keypair), finish any recusal waiting to be routed on, and route on
 * an open case that has no active handler left (wb_unhandled). */
#include "whistle/wb_int.h"
#include "whistle/sealed.h"

#include <sodium.h>
#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_CASES[] =
    "SELECT id, recovery_sealed FROM whistle_cases WHERE tenant_id = $1 ORDER BY id";

/* One case, its key at hand: a waiting recusal routed on, then (lost:
 * no active handler) routed on anyway, then the key sealed to handlers
 * without a copy. How many were given, or negative. */
static int
reseal_one(struct ctx *ctx, int64_t id, const unsigned char key[VAULT_KEY],
    int lost)
{
	int rc, made;

	if ((made = wb_reroute(ctx, id, key)) < 0)
		return made;
	if (lost && made == 0 && (made = wb_route_on(ctx, id, key)) < 0)
		return made;
	if ((rc = wb_seal_missing(ctx, id, key)) < 0)
		return rc;
	return made + rc;
}

int
whistle_reseal(struct ctx *ctx, const unsigned char recovery_sk[VAULT_SK])
{
	struct wb_sealed rows;
	unsigned char	 pk[VAULT_PK], key[VAULT_KEY];
	int64_t		*orphan;
	const char	**numbers;
	size_t		 i, j, norphan;
	int		 rc, own, made = 0, lost;

	if (vault_recovery_public(ctx, pk) != 0)
		return WB_ERR_NORECOVERY;
	if ((rc = wb_sealed_read(ctx, SQL_CASES, &rows)) != 0 ||
	    (rc = wb_unhandled(ctx, &orphan, &numbers, &norphan)) != 0)
		return rc;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	for (i = 0; i < rows.n; i++) {
		/* A wrong recovery secret opens nothing: refuse at once. */
		if (vault_unseal(pk, recovery_sk, rows.sealed[i], key) != 0) {
			rc = -1;
			break;
		}
		for (j = 0, lost = 0; j < norphan; j++)
			if (orphan[j] == rows.ids[i])
				lost = 1;
		if ((rc = reseal_one(ctx, rows.ids[i], key, lost)) < 0) {
			sodium_memzero(key, sizeof(key));
			break;
		}
		made += rc;
		sodium_memzero(key, sizeof(key));
		rc = 0;
	}
	rc = db_tx_finish(ctx->conn, own, rc < 0 ? rc : 0);
	return rc < 0 ? rc : made;
}
