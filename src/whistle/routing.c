/* routing.c: the chief safety representative's view of whistleblowing
 * routing (AZ_WB_ROUTING): who holds a role that routes cases to them now,
 * and every grant and revocation of such a role from the audit log, with
 * who did it. An administrator cannot make himself a handler (authz), and
 * this is where giving the role to someone else is seen by someone who is
 * not an administrator. No case is named here. */
#include "whistle/wb_int.h"

#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"

/* The role named in an audit detail "login=... role=NAME[ unit=...]". */
static int
detail_role(const char *detail, enum role *out)
{
	const char	*p;
	char		 name[40];
	size_t		 n;

	if (detail == NULL || (p = strstr(detail, " role=")) == NULL)
		return -1;
	p += 6;
	n = strcspn(p, " ");
	if (n == 0 || n >= sizeof(name))
		return -1;
	memcpy(name, p, n);
	name[n] = '\0';
	return role_parse(name, out);
}

int
whistle_routing_view(struct ctx *ctx, struct wb_routing_holder **holders,
    size_t *nh, struct wb_routing_grant **grants, size_t *ng)
{
	struct org_role_holding		*hv;
	struct audit_role_change	*cv;
	enum role			 role;
	size_t				 i, nhv, ncv;
	int				 rc;

	*holders = NULL;
	*grants = NULL;
	*nh = *ng = 0;
	if (!authz_can(ctx, AZ_WB_ROUTING, 0))
		return WB_ERR_NOTFOUND;
	if ((rc = org_role_holdings(ctx, &hv, &nhv)) != 0)
		return rc < 0 ? rc : DB_ERR;
	if (nhv > 0 &&
	    (*holders = arena_alloc(ctx->arena, nhv * sizeof(**holders))) == NULL)
		return DB_ERR;
	for (i = 0; i < nhv; i++) {
		if (!authz_role_routes_whistle((int)hv[i].role))
			continue;
		(*holders)[*nh].name = hv[i].name;
		(*holders)[*nh].role = role_name(hv[i].role);
		(*holders)[*nh].admin = hv[i].admin;
		(*nh)++;
	}
	if (audit_role_changes(ctx, 2000, &cv, &ncv) != 0)
		return DB_ERR;
	if (ncv > 0 &&
	    (*grants = arena_alloc(ctx->arena, ncv * sizeof(**grants))) == NULL)
		return DB_ERR;
	for (i = 0; i < ncv; i++) {
		if (detail_role(cv[i].detail, &role) != 0 ||
		    !authz_role_routes_whistle((int)role))
			continue;
		(*grants)[*ng].at = cv[i].at;
		(*grants)[*ng].actor = cv[i].actor;
		(*grants)[*ng].granted = cv[i].granted;
		(*grants)[*ng].detail = cv[i].detail;
		(*ng)++;
	}
	return 0;
}

int
whistle_holds(struct ctx *ctx, struct org_wb_hold **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!authz_can(ctx, AZ_WB_ROUTING, 0))
		return WB_ERR_NOTFOUND;
	return org_wb_holds(ctx, out, n) == 0 ? 0 : DB_ERR;
}

int
whistle_hold_release(struct ctx *ctx, int64_t person_id)
{
	int64_t	by;
	int	own = 0, rc;

	if (!authz_can(ctx, AZ_WB_ROUTING, 0))
		return WB_ERR_NOTFOUND;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = org_wb_hold_by(ctx, person_id, &by)) == 0)
		rc = WB_ERR_STATE;
	else if (rc == 1)
		rc = authz_wb_hold_release_ok(ctx, person_id, by) ?
		    org_wb_hold_clear(ctx, person_id) : ORG_ERR_FORBIDDEN;
	if (rc == 1)
		rc = audit_append(ctx, "wb_hold_released", "person", person_id,
		    NULL) == 0 ? 0 : DB_ERR;
	else if (rc == 0)
		rc = WB_ERR_STATE;	/* lifted by someone else meanwhile */
	return db_tx_finish(ctx->conn, own, rc);
}

int
whistle_offices_shared(struct ctx *ctx, struct wb_office_shared **out,
    size_t *n)
{
	struct wb_office_shared	*v = NULL;
	struct person		 p;
	int64_t			*ids;
	size_t			 cap = 0, nh, k, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	/* The operator's CLI has nobody signed in; a person must be one who
	 * sees routing. */
	if (ctx->user != NULL && !authz_can(ctx, AZ_WB_ROUTING, 0))
		return WB_ERR_NOTFOUND;
	/* The offices procedure 2 gives one person (role_is_single): the
	 * mayor, the opposition leader and the chief executive. */
	for (k = 0; k < ROLE_MAX; k++) {
		if (!role_is_single((enum role)k))
			continue;
		if ((rc = wb_role_holders(ctx, (enum role)k, -1, &ids, NULL,
		    &nh)) != 0)
			return rc;
		if (nh < 2)
			continue;
		if (arena_grow(ctx->arena, (void **)&v, *n, &cap,
		    sizeof(*v)) != 0 || (v[*n].names = arena_alloc(ctx->arena,
		    nh * sizeof(*v[*n].names))) == NULL)
			return DB_ERR;
		v[*n].role = role_name((enum role)k);
		v[*n].n = nh;
		for (i = 0; i < nh; i++)
			v[*n].names[i] = org_person_get(ctx, ids[i], &p) == 0 ?
			    p.name : "?";
		(*n)++;
	}
	*out = v;
	return 0;
}
