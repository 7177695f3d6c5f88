/* document.c: who may read and change one governing document (authz.h
 * says the rules). Kept beside policy.c, whose table holds the role rows
 * these decisions build on. */
#include "authz/authz.h"

#include <string.h>

#include "ctx.h"
#include "document/document.h"
#include "org/org.h"

/* Whether d applies to the person's home unit. */
static int
applies_to_user(struct ctx *ctx, const struct document *d)
{
	return document_applies_to(ctx, d, ctx->user->unit_id);
}

static int
can_read(struct ctx *ctx, const struct document *d)
{
	int own = d->owner_id == ctx->user->id;

	switch (d->status) {
	case DOC_DRAFT:
		return own || authz_can(ctx, AZ_DOC_DRAFTS, 0);
	case DOC_PENDING:
		return own || authz_can(ctx, AZ_DOC_DRAFTS, 0) ||
		    authz_can(ctx, AZ_DOC_APPROVE, 0);
	case DOC_RETIRED:
		return own || authz_can(ctx, AZ_DOC_MANAGE, 0);
	case DOC_CURRENT:
	case DOC_STATUS_MAX:
		break;
	}
	return own || authz_can(ctx, AZ_DOC_MANAGE, 0) ||
	    authz_can(ctx, AZ_DOC_DRAFTS, 0) || applies_to_user(ctx, d) ||
	    document_followed(ctx, d);
}

int
authz_cli_operator(struct ctx *ctx)
{
	return ctx != NULL && ctx->user == NULL && ctx->remote_addr != NULL &&
	    strcmp(ctx->remote_addr, "cli") == 0;
}

int
authz_doc_create(struct ctx *ctx)
{
	return authz_cli_operator(ctx) || authz_can(ctx, AZ_DOC_CREATE, 0);
}

int
authz_doc_can(struct ctx *ctx, enum az_action action, const struct document *d)
{
	/* The operator's import puts documents in the register as they were
	 * approved; reading by a person and following it are not theirs. */
	if (d != NULL && authz_cli_operator(ctx))
		return action == AZ_DOC_READ || action == AZ_DOC_EDIT ||
		    action == AZ_DOC_APPROVE;
	if (ctx == NULL || ctx->user == NULL || !ctx->user->active || d == NULL)
		return 0;
	switch (action) {
	case AZ_DOC_READ:
		return can_read(ctx, d);
	case AZ_DOC_EDIT:
		return can_read(ctx, d) && (d->owner_id == ctx->user->id ||
		    authz_can(ctx, AZ_DOC_MANAGE, 0));
	case AZ_DOC_APPROVE:
		return can_read(ctx, d) && authz_can(ctx, AZ_DOC_APPROVE, 0);
	case AZ_DOC_COVERAGE:
		/* The owner follows the whole document; leaders their units
		 * (document_coverage shows a leader only the people of the
		 * units where they hold AZ_DOC_COVERAGE). */
		return can_read(ctx, d) && (d->owner_id == ctx->user->id ||
		    authz_can(ctx, AZ_DOC_COVERAGE, 0) ||
		    document_followed(ctx, d) ||
		    org_has_role(ctx, &ctx->roles, ROLE_LEADER, 0));
	default:
		return 0;
	}
}

int
authz_doc_scope(struct ctx *ctx)
{
	if (authz_can(ctx, AZ_DOC_DRAFTS, 0))
		return 2;
	if (authz_can(ctx, AZ_DOC_MANAGE, 0))
		return 1;
	return 0;
}
