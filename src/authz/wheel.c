/* authz/wheel.c: access to one task of the yearly wheel. Reading is the
 * policy table's (everyone); managing asks it on the task's unit; doing an
 * occurrence belongs to whom the task is assigned to (data: a person, or
 * the holders of a role for the task's unit, wheel_assigned) and to those
 * who may manage the task. */
#include "authz/authz.h"

#include "ctx.h"
#include "wheel/wheel.h"

int
authz_wheel_can(struct ctx *ctx, enum az_action action,
    const struct wheel_task *t)
{
	if (ctx == NULL || ctx->user == NULL || !ctx->user->active || t == NULL)
		return 0;
	switch (action) {
	case AZ_WHEEL_VIEW:
		return authz_can(ctx, AZ_WHEEL_VIEW, 0);
	case AZ_WHEEL_MANAGE:
		return authz_can(ctx, AZ_WHEEL_MANAGE, t->unit_id);
	case AZ_WHEEL_DO:
		return wheel_assigned(ctx, t) ||
		    authz_can(ctx, AZ_WHEEL_MANAGE, t->unit_id);
	default:
		return 0;
	}
}

int
authz_wheel_manages_some(struct ctx *ctx)
{
	size_t i;

	if (authz_can(ctx, AZ_WHEEL_MANAGE, 0))
		return 1;
	for (i = 0; ctx != NULL && i < ctx->roles.n; i++)
		if (ctx->roles.v[i].unit_id != 0 &&
		    authz_can(ctx, AZ_WHEEL_MANAGE, ctx->roles.v[i].unit_id))
			return 1;
	return 0;
}
