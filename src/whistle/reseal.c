/* reseal.c: operator recovery (`orden whistle reseal`). With the tenant's
 * offline recovery secret, open each case key and seal it to every current
 * handler who has a keypair but no copy (after a password reset made them
 * a new keypair), and finish any recusal waiting to be routed on. */
#include "whistle/wb_int.h"

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
	struct dbstmt	*st;
	unsigned char	 pk[VAULT_PK], key[VAULT_KEY];
	unsigned char	 (*sealed)[VAULT_SEALED] = NULL, (*ns)[VAULT_SEALED];
	int64_t		*ids = NULL, *nids;
	size_t		 len = 0, cap = 0, i, blen;
	const void	*blob;
	int		 rc, own, made = 0;

	if (vault_recovery_public(ctx, pk) != 0)
		return WB_ERR_NORECOVERY;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_CASES, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		blob = db_col_blob(st, 1, &blen);
		if (blob == NULL || blen != VAULT_SEALED)
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			nids = arena_alloc(ctx->arena, cap * sizeof(*nids));
			ns = arena_alloc(ctx->arena, cap * sizeof(*ns));
			if (nids == NULL || ns == NULL) {
				rc = DB_ERR;
				break;
			}
			if (len > 0) {
				memcpy(nids, ids, len * sizeof(*ids));
				memcpy(ns, sealed, len * sizeof(*ns));
			}
			ids = nids;
			sealed = ns;
		}
		ids[len] = db_col_int(st, 0);
		memcpy(sealed[len], blob, VAULT_SEALED);
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	for (i = 0; i < len; i++) {
		/* A wrong recovery secret opens nothing: refuse at once. */
		if (vault_unseal(pk, recovery_sk, sealed[i], key) != 0) {
			rc = -1;
			break;
		}
		if ((rc = wb_reroute(ctx, ids[i], key)) < 0 ||
		    (rc = wb_seal_missing(ctx, ids[i], key)) < 0) {
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
