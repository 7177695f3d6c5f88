/* template.c: reading the simplified ROS templates, and copying a
 * template's standard risks into a new assessment (the gate's RK_CREATE
 * with a template_id): once copied they are the assessment's own, and a
 * later change to the template does not touch them. */
#include "risk/risk.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "risk/risk_int.h"
#include "store/store.h"
#include "util/arena.h"

#define TPL_COLS \
    "t.id, t.name, t.unit_kind, (SELECT COUNT(*) FROM risk_template_risks r" \
    " WHERE r.tenant_id = t.tenant_id AND r.template_id = t.id)"
static const char SQL_TPL_ALL[] =
    "SELECT " TPL_COLS " FROM risk_templates t WHERE t.tenant_id = $1"
    " ORDER BY t.name, t.id";
static const char SQL_TPL_ONE[] =
    "SELECT " TPL_COLS " FROM risk_templates t WHERE t.tenant_id = $1"
    " AND t.id = $2";
static const char SQL_TPL_RISKS[] =
    "SELECT id, description, cause, consequence, barriers, probability,"
    " impact FROM risk_template_risks WHERE tenant_id = $1"
    " AND template_id = $2 ORDER BY id";
/* The owner of a copied risk is the one who starts the assessment. */
static const char SQL_TPL_COPY[] =
    "INSERT INTO risks (tenant_id, assessment_id, description, cause,"
    " consequence, barriers, probability, impact, owner_id,"
    " review_deviations, created_at, created_by)"
    " SELECT tenant_id, $2, description, cause, consequence, barriers,"
    " probability, impact, $3, 0, $4, $3 FROM risk_template_risks"
    " WHERE tenant_id = $1 AND template_id = $5 ORDER BY id";

static int
tpl_fill(struct ctx *ctx, struct dbstmt *st, struct risk_template *t)
{
	memset(t, 0, sizeof(*t));
	t->id = db_col_int(st, 0);
	t->name = arena_strdup(ctx->arena, db_col_text(st, 1));
	t->unit_kind = risk_opt_text(ctx, st, 2);
	t->nrisks = (int)db_col_int(st, 3);
	return t->name == NULL ? DB_ERR : 0;
}

int
risk_templates_visible(struct ctx *ctx)
{
	return authz_can(ctx, AZ_RISK_CONFIGURE, 0) ||
	    authz_can_somewhere(ctx, AZ_RISK_MANAGE);
}

int
risk_template_list(struct ctx *ctx, struct risk_template **out, size_t *n)
{
	struct dbstmt		*st;
	struct risk_template	*v = NULL;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TPL_ALL,
	    &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v)) != 0 ||
		    tpl_fill(ctx, st, &v[len]) != 0) {
			rc = DB_ERR;
			break;
		}
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	*n = len;
	return 0;
}

int
risk_template_get(struct ctx *ctx, int64_t id, struct risk_template *t)
{
	struct dbstmt	*st;
	int		 rc;

	memset(t, 0, sizeof(*t));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TPL_ONE,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = tpl_fill(ctx, st, t);
	else
		rc = rc == DB_DONE ? RISK_ERR_NOTFOUND : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	return rc;
}

int
risk_template_risks(struct ctx *ctx, int64_t template_id,
    struct risk_template_risk **out, size_t *n)
{
	struct dbstmt			*st;
	struct risk_template_risk	*v = NULL, *r;
	size_t				 len = 0, cap = 0;
	int				 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TPL_RISKS,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, template_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		r = &v[len++];
		memset(r, 0, sizeof(*r));
		r->id = db_col_int(st, 0);
		r->description = arena_strdup(ctx->arena, db_col_text(st, 1));
		r->cause = risk_opt_text(ctx, st, 2);
		r->consequence = risk_opt_text(ctx, st, 3);
		r->barriers = risk_opt_text(ctx, st, 4);
		r->probability = (int)db_col_int(st, 5);
		r->impact = (int)db_col_int(st, 6);
		if (r->description == NULL) {
			rc = DB_ERR;
			break;
		}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	*n = len;
	return 0;
}

int
risk_template_copy(struct ctx *ctx, int64_t template_id,
    int64_t assessment_id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TPL_COPY,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, assessment_id);
	risk_bind_opt_int(st, 3, ctx->user != NULL ? ctx->user->id : 0);
	db_bind_int(st, 4, ctx->now);
	db_bind_int(st, 5, template_id);
	return risk_run(st, NULL);
}
