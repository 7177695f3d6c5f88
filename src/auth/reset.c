/* reset.c: an administrator's password reset (web admin and `orden user
 * reset-password`), one path for both: a new one-time password, to be
 * replaced at the next login; the old password's whistleblowing key
 * dropped (it cannot be unwrapped any more); every session of the person
 * ended, so whoever had one with the old password is out; audited. */
#include "auth/auth.h"

#include <sodium.h>

#include "audit/audit.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "vault/vault.h"

int
auth_password_reset(struct ctx *ctx, int64_t person_id, char *pw, size_t pwsz)
{
	char	hash[AUTH_HASH_MAX];
	int	own = 0, rc = -1;

	if (pwsz < 20)
		return -1;
	auth_password_generate(pw, pwsz);
	if (auth_password_hash(pw, hash) != 0)
		goto out;
	if (db_tx_join(ctx->conn, &own) != 0)
		goto out;
	if (org_password_set(ctx, person_id, hash, 1) == 0 &&
	    vault_person_forget(ctx, person_id) == 0 &&
	    auth_sessions_end(ctx, person_id, 0) >= 0 &&
	    audit_append(ctx, "password_reset", "person", person_id, NULL) == 0)
		rc = 0;
	rc = db_tx_finish(ctx->conn, own, rc) >= 0 ? rc : -1;
out:
	sodium_memzero(hash, sizeof(hash));
	if (rc != 0)
		sodium_memzero(pw, pwsz);
	return rc;
}
