/* ancestry.c: unit_ancestors, the closure of the unit tree (ancestry.h,
 * migration 0015), kept in the transaction that changes units.parent_id.
 *
 * Why a closure table: every list and inbox statement asks for "the units
 * a leader leads, and everything under them". Walking parent_id for that
 * took a recursive query in each statement, which no index serves; the
 * closure answers it with one index range. Units are few (hundreds) and
 * shallow (a handful of levels), so the table stays small and a move
 * rewrites only the moved subtree's rows. */
#include "org/org.h"

#include <stdio.h>
#include <stdlib.h>

#include "ctx.h"
#include "org/org_int.h"
#include "org/tree.h"
#include "store/store.h"
#include "util/arena.h"

/* A new unit: itself at depth 0, and its parent's ancestors one further. */
static const char SQL_ANC_SELF[] =
    "INSERT INTO unit_ancestors (tenant_id, ancestor_id, unit_id, depth)"
    " VALUES ($1, $2, $2, 0)";
static const char SQL_ANC_BELOW[] =
    "INSERT INTO unit_ancestors (tenant_id, ancestor_id, unit_id, depth)"
    " SELECT a.tenant_id, a.ancestor_id, s.unit_id, a.depth + s.depth + 1"
    " FROM unit_ancestors a JOIN unit_ancestors s ON s.tenant_id = a.tenant_id"
    " WHERE a.tenant_id = $1 AND a.unit_id = $3 AND s.ancestor_id = $2";
/* A move: the subtree of $2 loses every ancestor outside it; then
 * SQL_ANC_BELOW links it under the new parent. */
static const char SQL_ANC_CUT[] =
    "DELETE FROM unit_ancestors WHERE tenant_id = $1"
    " AND unit_id IN (SELECT s.unit_id FROM unit_ancestors s"
    "  WHERE s.tenant_id = $1 AND s.ancestor_id = $2)"
    " AND ancestor_id NOT IN (SELECT s.unit_id FROM unit_ancestors s"
    "  WHERE s.tenant_id = $1 AND s.ancestor_id = $2)";
/* Whether $2 is $3 or under it: one probe of the primary key. */
static const char SQL_ANC_WITHIN[] =
    "SELECT 1 FROM unit_ancestors WHERE tenant_id = $1 AND ancestor_id = $3"
    " AND unit_id = $2";
static const char SQL_ANC_UNDER[] =
    "SELECT unit_id FROM unit_ancestors WHERE tenant_id = $1"
    " AND ancestor_id = $2 ORDER BY unit_id";
/* The kind of $2 or of its nearest ancestor that has one: the closure
 * answers in one statement what a walk up parent_id asked unit by unit
 * (three statements for a unit two levels below its kind). */
static const char SQL_ANC_KIND[] =
    "SELECT u.kind FROM unit_ancestors a JOIN units u"
    " ON u.tenant_id = a.tenant_id AND u.id = a.ancestor_id"
    " WHERE a.tenant_id = $1 AND a.unit_id = $2"
    " AND u.kind IS NOT NULL AND u.kind <> ''"
    " ORDER BY a.depth LIMIT 1";
/* 1 for a leaf (its own row only), 2 when units lie under it, 0 for no
 * such unit. */
static const char SQL_ANC_LEAF[] =
    "SELECT COUNT(*) FROM (SELECT 1 FROM unit_ancestors WHERE tenant_id = $1"
    " AND ancestor_id = $2 LIMIT 2) x";
static const char SQL_ANC_ALL[] =
    "SELECT ancestor_id, unit_id, depth FROM unit_ancestors"
    " WHERE tenant_id = $1 ORDER BY ancestor_id, unit_id";

static int
exec2(struct ctx *ctx, const char *sql, int64_t id, int64_t parent_id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	if (parent_id > 0)
		db_bind_int(st, 3, parent_id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? DB_OK : (rc < 0 ? rc : DB_ERR);
}

int
org_ancestry_add(struct ctx *ctx, int64_t id, int64_t parent_id)
{
	int rc;

	if ((rc = exec2(ctx, SQL_ANC_SELF, id, 0)) != DB_OK)
		return rc;
	if (parent_id > 0)
		rc = exec2(ctx, SQL_ANC_BELOW, id, parent_id);
	return rc;
}

int
org_ancestry_move(struct ctx *ctx, int64_t id, int64_t parent_id)
{
	int rc;

	if ((rc = exec2(ctx, SQL_ANC_CUT, id, 0)) != DB_OK)
		return rc;
	if (parent_id > 0)
		rc = exec2(ctx, SQL_ANC_BELOW, id, parent_id);
	return rc;
}

struct anc {
	int64_t	ancestor, unit, depth;
};

static int
cmp_anc(const void *a, const void *b)
{
	const struct anc *x = a, *y = b;

	if (x->ancestor != y->ancestor)
		return (x->ancestor > y->ancestor) - (x->ancestor < y->ancestor);
	return (x->unit > y->unit) - (x->unit < y->unit);
}

int
org_ancestry_check(struct ctx *ctx)
{
	struct unit	*u;
	struct org_tree	 t;
	struct anc	*want = NULL, got;
	struct dbstmt	*st = NULL;
	size_t		 n, i, nw = 0, k = 0;
	long		 p;
	int		 rc, diff = 0, d;

	if ((rc = org_unit_list(ctx, &u, &n)) != 0)
		return rc < 0 ? rc : DB_ERR;
	if (org_tree_build(ctx->arena, u, n, &t) != 0 ||
	    (want = malloc((n ? n : 1) * ORG_TREE_DEPTH_MAX * sizeof(*want)))
	    == NULL) {
		rc = DB_ERR;
		goto out;
	}
	/* The closure as parent_id says it: each unit and every unit above
	 * it, climbing at most ORG_TREE_DEPTH_MAX (a cycle stops there). */
	for (i = 0; i < n; i++)
		for (p = (long)i, d = 0; p >= 0 && d < ORG_TREE_DEPTH_MAX;
		    p = t.par[p], d++) {
			want[nw].ancestor = u[p].id;
			want[nw].unit = u[i].id;
			want[nw++].depth = d;
		}
	qsort(want, nw, sizeof(*want), cmp_anc);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ANC_ALL,
	    &st)) != DB_OK) {
		st = NULL;
		goto out;
	}
	/* Merge the two sorted lists: a row only on one side, or with
	 * another depth, is one difference. */
	while ((rc = db_step(st)) == DB_ROW) {
		got.ancestor = db_col_int(st, 0);
		got.unit = db_col_int(st, 1);
		got.depth = db_col_int(st, 2);
		while (k < nw && cmp_anc(&want[k], &got) < 0) {
			diff++;
			k++;
		}
		if (k < nw && cmp_anc(&want[k], &got) == 0) {
			diff += want[k].depth != got.depth;
			k++;
		} else
			diff++;
	}
	if (rc != DB_DONE) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	rc = diff + (int)(nw - k);
out:
	if (st != NULL)
		db_reset(st);
	free(want);
	return rc;
}

int
org_unit_within(struct ctx *ctx, int64_t inner, int64_t outer)
{
	struct dbstmt	*st;
	int		 rc;

	if (inner <= 0 || outer <= 0)
		return 0;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ANC_WITHIN, &st)
	    != DB_OK)
		return 0;
	db_bind_int(st, 2, inner);
	db_bind_int(st, 3, outer);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW;
}

int
org_units_under(struct ctx *ctx, int64_t outer, int64_t **ids, size_t *n)
{
	struct dbstmt	*st;
	int64_t		*v = NULL;
	size_t		 len = 0, cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if (outer <= 0)
		return 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ANC_UNDER,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, outer);
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v))
		    != 0) {
			rc = DB_ERR;
			break;
		}
		v[len++] = db_col_int(st, 0);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*ids = v;
	*n = len;
	return 0;
}

int
org_unit_kind_of(struct ctx *ctx, int64_t id, char *kind, size_t kindsz)
{
	struct dbstmt	*st;
	int		 rc;

	kind[0] = '\0';
	if (id <= 0 || org_memo_kind(ctx, id, kind, kindsz))
		return 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ANC_KIND,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	if ((rc = db_step(st)) == DB_ROW)
		snprintf(kind, kindsz, "%s", db_col_text(st, 0));
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	org_memo_kind_keep(ctx, id, kind);
	return 0;
}

int
org_unit_is_leaf(struct ctx *ctx, int64_t id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_ANC_LEAF, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	if ((rc = db_step(st)) == DB_ROW)
		rc = db_col_int(st, 0) == 1;
	else if (rc >= 0)
		rc = DB_ERR;
	db_reset(st);
	return rc;
}

