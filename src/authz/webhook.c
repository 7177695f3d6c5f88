/* webhook.c: who may keep the webhooks (authz.h). */
#include "authz/authz.h"

#include <string.h>

#include "ctx.h"

int
authz_webhook_admin(struct ctx *ctx)
{
	if (ctx == NULL)
		return 0;
	if (ctx->user != NULL)
		return authz_can(ctx, AZ_WEBHOOK_ADMIN, 0);
	/* No person: the operator at the command line (cli_env_open), who
	 * holds the database itself. A request is never "cli": its
	 * remote_addr is an address. */
	return ctx->remote_addr != NULL && strcmp(ctx->remote_addr, "cli") == 0;
}
