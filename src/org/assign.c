/* assign.c: role assignments. A role is held for the whole tenant
 * (unit_id 0) or for a unit and everything under it. */
#include "org/org.h"

#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "org/org_int.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"

/* Active holders of a role for exactly that unit; two statements, not a
 * catch-all "$3 < 0 OR r.unit_id = $3": with that, neither backend can
 * seek role_assignments_role, and every report (its handler's leaders,
 * found by walking up the tree one unit at a time) read every role
 * assignment of the municipality several times — 45 % of the group-commit
 * writer's samples at 64 connections, 200,000 deviations. */
static const char SQL_ROLE_HOLDERS[] =
    "SELECT DISTINCT p.id, p.party FROM role_assignments r"
    " JOIN people p ON p.id = r.person_id AND p.tenant_id = r.tenant_id"
    " WHERE r.tenant_id = $1 AND r.role = $2 AND r.unit_id = $3"
    " AND p.active = 1 ORDER BY p.id";
/* The same for any unit. */
static const char SQL_ROLE_HOLDERS_ANY[] =
    "SELECT DISTINCT p.id, p.party FROM role_assignments r"
    " JOIN people p ON p.id = r.person_id AND p.tenant_id = r.tenant_id"
    " WHERE r.tenant_id = $1 AND r.role = $2"
    " AND p.active = 1 ORDER BY p.id";
static const char SQL_IS_ADMIN[] =
    "SELECT 1 FROM role_assignments WHERE tenant_id = $1 AND person_id = $2"
    " AND role = 'admin'";
static const char SQL_HOLDINGS[] =
    "SELECT p.name, r.role, EXISTS (SELECT 1 FROM role_assignments a"
    " WHERE a.tenant_id = p.tenant_id AND a.person_id = p.id"
    " AND a.role = 'admin') FROM role_assignments r JOIN people p"
    " ON p.id = r.person_id AND p.tenant_id = r.tenant_id"
    " WHERE r.tenant_id = $1 AND p.active = 1 AND r.role <> 'leader'"
    " ORDER BY r.role, p.name, p.id";
static const char SQL_ROLES_OF[] =
    "SELECT id, person_id, role, unit_id FROM role_assignments"
    " WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_ROLE_FIND[] =
    "SELECT id FROM role_assignments WHERE tenant_id = $1"
    " AND person_id = $2 AND role = $3 AND unit_id = $4";
static const char SQL_ROLE_INSERT[] =
    "INSERT INTO role_assignments (tenant_id, person_id, role, unit_id,"
    " created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char SQL_ROLE_GET[] =
    "SELECT role, unit_id FROM role_assignments"
    " WHERE tenant_id = $1 AND id = $2 AND person_id = $3";
static const char SQL_ROLE_DELETE[] =
    "DELETE FROM role_assignments WHERE tenant_id = $1 AND id = $2"
    " AND person_id = $3";
static const char SQL_PERSON_EXISTS[] =
    "SELECT login FROM people WHERE tenant_id = $1 AND id = $2";

static int
cmp_assignment(const void *a, const void *b)
{
	const struct role_assignment *x = a, *y = b;

	if (x->role != y->role)
		return x->role < y->role ? -1 : 1;
	return (x->unit_id > y->unit_id) - (x->unit_id < y->unit_id);
}

int
org_roles_of(struct ctx *ctx, int64_t person_id, struct roleset *out)
{
	struct dbstmt		*st;
	struct role_assignment	*v = NULL;
	size_t			 len = 0, cap = 0;
	enum role		 r;
	int			 rc;

	out->v = NULL;
	out->n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ROLES_OF,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (role_parse(db_col_text(st, 2), &r) == -1) {
			/* A role this build does not know (a newer binary
			 * wrote it): ignore it rather than guess. */
			log_event("role_unknown", "role", db_col_text(st, 2), NULL);
			continue;
		}
		if (arena_grow(ctx->arena, (void **)&v, len, &cap,
		    sizeof(*v)) != 0) {
			rc = DB_ERR;
			goto out;
		}
		v[len].id = db_col_int(st, 0);
		v[len].person_id = db_col_int(st, 1);
		v[len].role = r;
		v[len].unit_id = db_col_int(st, 3);
		len++;
	}
	if (rc != DB_DONE)
		goto out;
	rc = DB_OK;
	if (len > 1)
		qsort(v, len, sizeof(*v), cmp_assignment);
	out->v = v;
	out->n = len;
out:
	db_reset(st);
	return rc;
}

/* The person's login (arena) if the person is in ctx's tenant, else NULL. */
static const char *
person_login(struct ctx *ctx, int64_t person_id)
{
	struct dbstmt	*st;
	const char	*login = NULL;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_PERSON_EXISTS, &st)
	    != DB_OK)
		return NULL;
	db_bind_int(st, 2, person_id);
	if (db_step(st) == DB_ROW)
		login = arena_strdup(ctx->arena, db_col_text(st, 0));
	db_reset(st);
	return login;
}

static int
role_audit(struct ctx *ctx, const char *action, int64_t person_id,
    const char *login, enum role role, int64_t unit_id)
{
	struct buf	 d;
	const char	*code;
	int		 rc;

	buf_init(&d, 512);
	buf_printf(&d, "login=%s role=%s", login, role_name(role));
	if (unit_id != 0) {
		code = org_unit_code(ctx, unit_id);
		if (code != NULL)
			buf_printf(&d, " unit=%s", code);
		else
			buf_printf(&d, " unit=%lld", (long long)unit_id);
	}
	rc = audit_append(ctx, action, "person", person_id, buf_cstr(&d));
	buf_free(&d);
	return rc;
}

int64_t
org_role_grant(struct ctx *ctx, int64_t person_id, enum role role,
    int64_t unit_id)
{
	struct dbstmt	*st;
	const char	*login;
	int64_t		 id = 0;
	int		 rc;

	if (role_name(role) == NULL || unit_id < 0)
		return DB_ERR;
	/* The decision is authz's; asked here so that no entry point that
	 * grants roles can forget it. */
	if (!authz_role_grant_ok(ctx, person_id, (int)role))
		return ORG_ERR_FORBIDDEN;
	/* Person and unit must both be this tenant's. */
	if ((login = person_login(ctx, person_id)) == NULL)
		return DB_CONSTRAINT;
	if (unit_id != 0 && (rc = org_unit_exists(ctx, unit_id)) != 1)
		return rc < 0 ? rc : DB_CONSTRAINT;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ROLE_FIND,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, role_name(role));
	db_bind_int(st, 4, unit_id);
	rc = db_step(st);
	if (rc == DB_ROW)
		id = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		return rc;
	if (id > 0)
		return id;	/* already held: nothing changed, nothing audited */

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ROLE_INSERT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, role_name(role));
	db_bind_int(st, 4, unit_id);
	db_bind_int(st, 5, ctx->now);
	rc = db_step(st);
	id = rc == DB_ROW ? db_col_int(st, 0) : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	if (id < 0)
		return id;
	if ((rc = role_audit(ctx, "role_grant", person_id, login, role,
	    unit_id)) < 0)
		return rc;
	return id;
}

int
org_role_revoke(struct ctx *ctx, int64_t person_id, int64_t assignment_id)
{
	struct dbstmt	*st;
	const char	*login;
	enum role	 role;
	int64_t		 unit_id = 0;
	int		 rc, found = 0;

	if ((login = person_login(ctx, person_id)) == NULL)
		return -1;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ROLE_GET,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, assignment_id);
	db_bind_int(st, 3, person_id);
	rc = db_step(st);
	if (rc == DB_ROW && role_parse(db_col_text(st, 0), &role) == 0) {
		unit_id = db_col_int(st, 1);
		found = 1;
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	if (!found)
		return -1;
	/* The decision is authz's; asked here, as for a grant, so that no
	 * entry point can forget it. */
	if (!authz_role_revoke_ok(ctx, person_id, (int)role))
		return ORG_ERR_FORBIDDEN;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ROLE_DELETE,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, assignment_id);
	db_bind_int(st, 3, person_id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	rc = role_audit(ctx, "role_revoke", person_id, login, role, unit_id);
	return rc < 0 ? rc : 0;
}

int
org_has_role(struct ctx *ctx, const struct roleset *rs, enum role role,
    int64_t unit_id)
{
	size_t i;

	if (rs == NULL)
		return 0;
	for (i = 0; i < rs->n; i++) {
		if (rs->v[i].role != role)
			continue;
		if (rs->v[i].unit_id == 0 || unit_id == 0)
			return 1;
		if (org_unit_within(ctx, unit_id, rs->v[i].unit_id))
			return 1;
	}
	return 0;
}

int
org_role_holders(struct ctx *ctx, enum role role, int64_t unit_id,
    int64_t **ids, const char ***party, size_t *n)
{
	struct dbstmt	 *st;
	int64_t		 *v = NULL, *nv;
	const char	**p = NULL, **np;
	size_t		  len = 0, cap = 0;
	int		  rc;

	*ids = NULL;
	if (party != NULL)
		*party = NULL;
	*n = 0;
	/* Who holds it does not change within a batch (memo.c); the party
	 * is not kept. */
	if (party == NULL && org_memo_holders(ctx, role, unit_id, ids, n))
		return 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    unit_id < 0 ? SQL_ROLE_HOLDERS_ANY : SQL_ROLE_HOLDERS, &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, role_name(role));
	if (unit_id >= 0)
		db_bind_int(st, 3, unit_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			nv = arena_alloc(ctx->arena, cap * sizeof(*nv));
			np = arena_alloc(ctx->arena, cap * sizeof(*np));
			if (nv == NULL || np == NULL) {
				rc = DB_ERR;
				goto out;
			}
			if (len > 0) {
				memcpy(nv, v, len * sizeof(*nv));
				memcpy(np, p, len * sizeof(*np));
			}
			v = nv;
			p = np;
		}
		v[len] = db_col_int(st, 0);
		p[len] = arena_strdup(ctx->arena, db_col_text(st, 1));
		len++;
	}
	if (rc != DB_DONE)
		goto out;
	rc = 0;
	*ids = v;
	if (party != NULL)
		*party = p;
	*n = len;
	if (party == NULL)
		org_memo_holders_keep(ctx, role, unit_id, v, len);
out:
	db_reset(st);
	return rc;
}

int
org_is_admin(struct ctx *ctx, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_IS_ADMIN,
	    &st)) != DB_OK)
		return rc;
	if ((rc = db_bind_int(st, 2, person_id)) == DB_OK)
		rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 1 : (rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR));
}

int
org_role_holdings(struct ctx *ctx, struct org_role_holding **out, size_t *n)
{
	struct org_role_holding	*v = NULL;
	struct dbstmt		*st;
	enum role		 role;
	size_t			 cap = 0, len = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HOLDINGS,
	    &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (role_parse(db_col_text(st, 1), &role) != 0)
			continue;	/* a role this build does not know */
		if (arena_grow(ctx->arena, (void **)&v, len, &cap,
		    sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		v[len].name = arena_strdup(ctx->arena, db_col_text(st, 0));
		v[len].role = role;
		v[len].admin = (int)db_col_int(st, 2);
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	*n = len;
	return 0;
}
