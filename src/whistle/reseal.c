/* reseal.c: operator recovery (`orden whistle reseal`). With the tenant's
 * offline recovery secret, open each case key and seal it to every current
 * handler who has a keypair but no copy (after a password reset made them
 * a new keypair), and finish any recusal waiting to be routed on. */
#include "whistle/wb_int.h"
#include "whistle/sealed.h"

#include <sodium.h>
#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_CASES[] =
    "SELECT id, recovery_sealed FROM whistle_cases WHERE tenant_id = $1 ORDER BY id";

int
whistle_reseal(struct ctx *ctx, const unsigned char recovery_sk[VAULT_SK])
{
	struct wb_sealed rows;
	unsigned char	 pk[VAULT_PK], key[VAULT_KEY];
	size_t		 i;
	int		 rc, own, made = 0;

	if (vault_recovery_public(ctx, pk) != 0)
		return WB_ERR_NORECOVERY;
	if ((rc = wb_sealed_read(ctx, SQL_CASES, &rows)) != 0)
		return rc;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	for (i = 0; i < rows.n; i++) {
		/* A wrong recovery secret opens nothing: refuse at once. */
		if (vault_unseal(pk, recovery_sk, rows.sealed[i], key) != 0) {
			rc = -1;
			break;
		}
		if ((rc = wb_reroute(ctx, rows.ids[i], key)) < 0 ||
		    (rc = wb_seal_missing(ctx, rows.ids[i], key)) < 0) {
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
