/* groups.c: reading the kept reporting groups (written.h). Writes are the
 * gate's (gate.c). */
#include "report/written.h"

#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_GROUPS_AREA[] =
    "SELECT id, area_id, name, unit_kind, position FROM report_groups"
    " WHERE tenant_id = $1 AND area_id = $2 ORDER BY position, id";
static const char SQL_GROUPS_TOP[] =
    "SELECT id, area_id, name, unit_kind, position FROM report_groups"
    " WHERE tenant_id = $1 AND area_id IS NULL ORDER BY position, id";
static const char SQL_GROUP_ONE[] =
    "SELECT id, area_id, name, unit_kind, position FROM report_groups"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_GROUP_UNITS[] =
    "SELECT unit_id FROM report_group_units WHERE tenant_id = $1"
    " AND group_id = $2 ORDER BY unit_id";

static int
fill(struct ctx *ctx, struct dbstmt *st, struct rep_group *g)
{
	memset(g, 0, sizeof(*g));
	g->id = db_col_int(st, 0);
	g->area_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
	g->name = arena_strdup(ctx->arena, db_col_text(st, 2));
	g->unit_kind = db_col_is_null(st, 3) ? NULL :
	    arena_strdup(ctx->arena, db_col_text(st, 3));
	g->position = (int)db_col_int(st, 4);
	return g->name == NULL ? DB_ERR : 0;
}

/* The picked units of g, after its statement is done. */
static int
units_of(struct ctx *ctx, struct rep_group *g)
{
	struct dbstmt	*st;
	size_t		 cap = 8;
	int64_t		*v;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_GROUP_UNITS,
	    &st)) != DB_OK)
		return rc;
	if ((g->unit_ids = arena_alloc(ctx->arena, cap * sizeof(int64_t))) == NULL)
		return DB_ERR;
	db_bind_int(st, 2, g->id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (g->nunits == cap) {
			if ((v = arena_alloc(ctx->arena, 2 * cap * sizeof(int64_t)))
			    == NULL) {
				rc = DB_ERR;
				break;
			}
			memcpy(v, g->unit_ids, cap * sizeof(int64_t));
			g->unit_ids = v;
			cap *= 2;
		}
		g->unit_ids[g->nunits++] = db_col_int(st, 0);
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
report_groups_list(struct ctx *ctx, int64_t area_id, struct rep_group **out,
    size_t *n)
{
	struct dbstmt		*st;
	struct rep_group	*v, *nv, g;
	size_t			 cap = 8, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((v = arena_alloc(ctx->arena, cap * sizeof(*v))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, area_id != 0 ?
	    SQL_GROUPS_AREA : SQL_GROUPS_TOP, &st)) != DB_OK)
		return rc;
	if (area_id != 0)
		db_bind_int(st, 2, area_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if ((rc = fill(ctx, st, &g)) != 0)
			break;
		if (*n == cap) {
			if ((nv = arena_alloc(ctx->arena, 2 * cap * sizeof(*v))) == NULL) {
				rc = DB_ERR;
				break;
			}
			memcpy(nv, v, cap * sizeof(*v));
			v = nv;
			cap *= 2;
		}
		v[(*n)++] = g;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < *n; i++)
		if (v[i].unit_kind == NULL && (rc = units_of(ctx, &v[i])) != 0)
			return rc;
	*out = v;
	return 0;
}

int
report_group_get(struct ctx *ctx, int64_t id, struct rep_group *out)
{
	struct dbstmt	*st;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_GROUP_ONE,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = fill(ctx, st, out);
	else
		rc = rc == DB_DONE ? REP_ERR_NOTFOUND : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	if (rc == 0 && out->unit_kind == NULL)
		rc = units_of(ctx, out);
	return rc;
}
