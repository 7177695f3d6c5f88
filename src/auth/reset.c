/* reset.c: an administrator's password reset (web admin and `orden user
 * reset-password`), one path for both: a new one-time password, to be
 * replaced at the next login; the old password's whistleblowing key
 * dropped (it cannot be unwrapped any more); every session of the person
 * ended, so whoever had one with the old password is out; audited.
 *
 * A reset by anyone but the person also puts the account on the
 * whistleblowing hold (org/hold.c): whoever knows the one-time password
 * could sign in as a handler and be given case keys. The chief safety
 * representatives are told at once, and lift the hold on the routing page
 * when the person has the account back. */
#include "auth/auth.h"

#include <sodium.h>

#include "audit/audit.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "vault/vault.h"

/* The hold and its notice to every chief safety representative. The text
 * names nobody: notifications may leave Orden by e-mail. */
static int
hold(struct ctx *ctx, int64_t person_id)
{
	int64_t		*ids;
	const char	**party;
	size_t		 n, i;
	int		 rc;

	if ((rc = org_wb_hold_set(ctx, person_id, ctx->user != NULL ?
	    ctx->user->id : 0)) != 0)
		return rc;
	if ((rc = org_role_holders(ctx, ROLE_CHIEF_SAFETY_REP, -1, &ids, &party,
	    &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = notify_send(ctx, ids[i], 0, "whistle",
		    _("Someone's password was reset by another person. They receive no whistleblowing cases until you confirm on the page Who receives whistleblowing cases."))) != 0)
			return rc;
	return 0;
}

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
	    (ctx->user != NULL && ctx->user->id == person_id ? 0 :
	    hold(ctx, person_id)) == 0 &&
	    audit_append(ctx, "password_reset", "person", person_id, NULL) == 0)
		rc = 0;
	rc = db_tx_finish(ctx->conn, own, rc) >= 0 ? rc : -1;
out:
	sodium_memzero(hash, sizeof(hash));
	if (rc != 0)
		sodium_memzero(pw, pwsz);
	return rc;
}
