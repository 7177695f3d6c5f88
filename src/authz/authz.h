/* authz.h: the one access policy. Every "may this user do X to Y" in Orden
 * is answered here and nowhere else; handlers ask, they never decide.
 * Later modules (deviation/, whistle/, ...) add their actions to the enum
 * and their rules to policy.c. */
#ifndef ORDEN_AUTHZ_H
#define ORDEN_AUTHZ_H

#include <stdint.h>

struct ctx;

enum az_action {
	AZ_HOME_VIEW,		/* any logged-in person */
	AZ_ORG_VIEW,		/* see the unit tree and the people list */
	AZ_ORG_MANAGE,		/* create/update units and people */
	AZ_ROLES_MANAGE,	/* grant/revoke roles */
	AZ_PERSON_VIEW,		/* see one person's details (object: person's unit) */
	AZ_AUDIT_VIEW,		/* read the audit log */
	AZ_ADMIN_VIEW,		/* the admin pages at all */
	AZ_MAX
};

/* Name for logs and the access matrix ("org_manage"). */
const char	*authz_action_name(enum az_action);

/* 1 if ctx->user may do `action` on an object in unit `unit_id` (0 = the
 * tenant as a whole, or no unit), 0 otherwise. Anonymous (ctx->user NULL)
 * is always 0 here; public routes do not ask. */
int	authz_can(struct ctx *, enum az_action, int64_t unit_id);

#endif
