/* routing.c: the chief safety representative's view of whistleblowing
 * routing (AZ_WB_ROUTING): who holds a role that routes cases to them now,
 * and every grant and revocation of such a role from the audit log, with
 * who did it. An administrator cannot make himself a handler (authz), and
 * this is where giving the role to someone else is seen by someone who is
 * not an administrator. No case is named here. */
#include "whistle/wb_int.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_HOLDERS[] =
    "SELECT p.name, r.role, EXISTS (SELECT 1 FROM role_assignments a"
    " WHERE a.tenant_id = p.tenant_id AND a.person_id = p.id"
    " AND a.role = 'admin') FROM role_assignments r JOIN people p"
    " ON p.id = r.person_id AND p.tenant_id = r.tenant_id"
    " WHERE r.tenant_id = $1 AND p.active = 1 AND r.role <> 'leader'"
    " ORDER BY r.role, p.name, p.id";
static const char SQL_GRANTS[] =
    "SELECT a.at, p.name, a.action, a.detail FROM audit_log a"
    " LEFT JOIN people p ON p.id = a.actor_id AND p.tenant_id = a.tenant_id"
    " WHERE a.tenant_id = $1 AND a.action IN ('role_grant', 'role_revoke')"
    " ORDER BY a.seq DESC LIMIT 2000";

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
	struct dbstmt	*st;
	enum role	 role;
	size_t		 cap;
	int		 rc;

	*holders = NULL;
	*grants = NULL;
	*nh = *ng = 0;
	if (!authz_can(ctx, AZ_WB_ROUTING, 0))
		return WB_ERR_NOTFOUND;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HOLDERS,
	    &st)) != DB_OK)
		return rc;
	cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (role_parse(db_col_text(st, 1), &role) != 0 ||
		    !authz_role_routes_whistle((int)role))
			continue;
		if (*nh == cap) {
			struct wb_routing_holder *nv;

			cap = cap ? cap * 2 : 32;
			if ((nv = arena_alloc(ctx->arena, cap * sizeof(*nv))) == NULL) {
				rc = DB_ERR;
				break;
			}
			if (*nh > 0)
				memcpy(nv, *holders, *nh * sizeof(*nv));
			*holders = nv;
		}
		(*holders)[*nh].name = arena_strdup(ctx->arena, db_col_text(st, 0));
		(*holders)[*nh].role = role_name(role);
		(*holders)[*nh].admin = (int)db_col_int(st, 2);
		(*nh)++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_GRANTS,
	    &st)) != DB_OK)
		return rc;
	cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *detail = db_col_text(st, 3);

		if (detail_role(detail, &role) != 0 ||
		    !authz_role_routes_whistle((int)role))
			continue;
		if (*ng == cap) {
			struct wb_routing_grant *nv;

			cap = cap ? cap * 2 : 32;
			if ((nv = arena_alloc(ctx->arena, cap * sizeof(*nv))) == NULL) {
				rc = DB_ERR;
				break;
			}
			if (*ng > 0)
				memcpy(nv, *grants, *ng * sizeof(*nv));
			*grants = nv;
		}
		(*grants)[*ng].at = db_col_int(st, 0);
		(*grants)[*ng].actor = arena_strdup(ctx->arena, db_col_text(st, 1));
		(*grants)[*ng].granted = strcmp(db_col_text(st, 2), "role_grant") == 0;
		(*grants)[*ng].detail = arena_strdup(ctx->arena, detail);
		(*ng)++;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}
