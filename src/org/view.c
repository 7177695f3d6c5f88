/* view.c: reading the organisation through authz/ (org.h). The faces
 * get the rows a user may see and the rights that decide which forms
 * they are shown; the rules themselves stay in authz/policy.c. */
#include "org/org.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"

void
org_rights_of(struct ctx *ctx, struct org_rights *out)
{
	out->directory = authz_can(ctx, AZ_ADMIN_VIEW, 0);
	out->manage = authz_can(ctx, AZ_ORG_MANAGE, 0);
	out->roles = authz_can(ctx, AZ_ROLES_MANAGE, 0);
}

int
org_units_view(struct ctx *ctx, struct unit **out, size_t *n)
{
	if (!authz_can(ctx, AZ_ORG_VIEW, 0))
		return ORG_ERR_FORBIDDEN;
	return org_unit_list(ctx, out, n);
}

int
org_unit_view(struct ctx *ctx, int64_t id, struct unit *out)
{
	if (!authz_can(ctx, AZ_ORG_VIEW, 0))
		return ORG_ERR_FORBIDDEN;
	return org_unit_get(ctx, id, out);
}

int
org_people_view(struct ctx *ctx, struct person **out, size_t *n)
{
	struct person	*v;
	size_t		 i, k = 0;
	int		 rc;

	if ((rc = org_person_list(ctx, &v, n)) != 0)
		return rc;
	for (i = 0; i < *n; i++)
		if (authz_can(ctx, AZ_PERSON_VIEW, v[i].unit_id))
			v[k++] = v[i];
	*out = v;
	*n = k;
	return 0;
}

int
org_person_view(struct ctx *ctx, int64_t id, struct person *out)
{
	int rc;

	if ((rc = org_person_get(ctx, id, out)) != 0)
		return rc;
	/* Someone the user may not see is as missing as one who is not
	 * there, inside the tenant as across tenants. */
	if (!authz_can(ctx, AZ_PERSON_VIEW, out->unit_id) &&
	    (ctx->user == NULL || ctx->user->id != out->id))
		return -1;
	return 0;
}

int
org_directory(struct ctx *ctx, struct unit **units, size_t *nu,
    struct person **people, size_t *np)
{
	int rc;

	if (!authz_can(ctx, AZ_ADMIN_VIEW, 0))
		return ORG_ERR_FORBIDDEN;
	if ((rc = org_unit_list(ctx, units, nu)) != 0)
		return rc;
	return people != NULL ? org_person_list(ctx, people, np) : 0;
}

int
org_directory_person(struct ctx *ctx, int64_t id, struct person *out,
    struct roleset *roles)
{
	int rc;

	if (!authz_can(ctx, AZ_ADMIN_VIEW, 0))
		return ORG_ERR_FORBIDDEN;
	if ((rc = org_person_get(ctx, id, out)) != 0)
		return rc;
	if (!authz_can(ctx, AZ_PERSON_VIEW, out->unit_id))
		return ORG_ERR_FORBIDDEN;
	return roles != NULL ? org_roles_of(ctx, id, roles) : 0;
}
