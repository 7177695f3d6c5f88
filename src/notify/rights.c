/* rights.c: what the mail faces may offer a person, asked of notify/ so
 * that no face writes an access decision (scripts/check-banned.sh). The
 * rules are authz/'s; mail_mode_set, mail_overview and mail_retry_failed
 * ask again inside. */
#include "notify/mail.h"

#include "authz/authz.h"
#include "ctx.h"

int
mail_right(struct ctx *ctx, enum mail_right what)
{
	if (ctx == NULL || ctx->user == NULL)
		return 0;
	switch (what) {
	case MAIL_RIGHT_PREFS:
		return authz_can(ctx, AZ_MAIL_PREFS, 0);
	case MAIL_RIGHT_ADMIN:
		return authz_can(ctx, AZ_MAIL_ADMIN, 0);
	}
	return 0;
}
