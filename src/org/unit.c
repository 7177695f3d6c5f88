/* unit.c: the unit tree of a tenant. Every query binds ctx->tenant_id as
 * $1; a parent is checked to be in the same tenant in C (the schema's
 * foreign key alone would accept another tenant's unit). */
#include "org/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "org/org_int.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/buf.h"


static const char SQL_UNIT_LIST[] =
    "SELECT id, code, name, parent_id, kind, closed_at, closed_into FROM units"
    " WHERE tenant_id = $1 ORDER BY name, id";
static const char SQL_UNIT_GET[] =
    "SELECT id, code, name, parent_id, kind, closed_at, closed_into FROM units"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_UNIT_BY_CODE[] =
    "SELECT id, code, name, parent_id, kind, closed_at, closed_into FROM units"
    " WHERE tenant_id = $1 AND code = $2";
static const char SQL_UNIT_SET_KIND[] =
    "UPDATE units SET kind = $3 WHERE tenant_id = $1 AND id = $2";

const char *const org_unit_kinds[] = { "school", "kindergarten",
    "health_care", "other", NULL };

int
org_unit_kind_valid(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && org_unit_kinds[i] != NULL; i++)
		if (strcmp(s, org_unit_kinds[i]) == 0)
			return 1;
	return 0;
}

int
org_unit_set_kind(struct ctx *ctx, int64_t id, const char *kind)
{
	struct dbstmt	*st;
	char		 detail[64];
	int		 rc, own;

	if (kind != NULL && *kind == '\0')
		kind = NULL;
	if (kind != NULL && !org_unit_kind_valid(kind))
		return -1;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_UNIT_SET_KIND,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, kind);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	if (db_changes(ctx->conn) != 1) {
		rc = -1;
		goto out;
	}
	snprintf(detail, sizeof(detail), "kind=%s", kind != NULL ? kind : "-");
	rc = audit_append(ctx, "unit_update", "unit", id, detail) < 0 ? DB_ERR : 0;
out:
	return db_tx_finish(ctx->conn, own, rc);
}
static const char SQL_UNIT_PARENT[] =
    "SELECT parent_id, closed_at FROM units WHERE tenant_id = $1 AND id = $2";
static const char SQL_UNIT_INSERT[] =
    "INSERT INTO units (tenant_id, code, name, parent_id, created_at)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char SQL_UNIT_UPDATE[] =
    "UPDATE units SET name = $3, parent_id = $4"
    " WHERE tenant_id = $1 AND id = $2";

static int
unit_fill(struct ctx *ctx, struct dbstmt *st, void *dst)
{
	struct unit *u = dst;

	u->id = db_col_int(st, 0);
	u->code = arena_strdup(ctx->arena, db_col_text(st, 1));
	u->name = arena_strdup(ctx->arena, db_col_text(st, 2));
	u->parent_id = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
	u->depth = 0;
	u->kind = arena_strdup(ctx->arena, db_col_text(st, 4));
	u->closed_at = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
	u->closed_into = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
	return (u->code == NULL || u->name == NULL) ? DB_ERR : DB_OK;
}

/* The tree order from rows sorted by name: an explicit-stack depth-first
 * walk, children visited in the rows' (name) order. */
struct node {
	size_t	first_child, next_sibling;	/* indexes; n = none */
};

struct id_idx {
	int64_t	id;
	size_t	idx;
};

static int
cmp_id(const void *a, const void *b)
{
	const struct id_idx *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static size_t
index_of(const struct id_idx *map, size_t n, int64_t id)
{
	struct id_idx		 key = { id, 0 };
	const struct id_idx	*f;

	f = bsearch(&key, map, n, sizeof(*map), cmp_id);
	return f != NULL ? f->idx : n;
}

static int
tree_order(struct ctx *ctx, struct unit *in, size_t n, struct unit *out)
{
	struct id_idx	*map;
	struct node	*nodes;
	size_t		*stack, *last, i, j, sp = 0, k = 0, p;
	char		*seen;
	int		 depth;

	if (n == 0)
		return 0;
	map = arena_alloc(ctx->arena, n * sizeof(*map));
	nodes = arena_alloc(ctx->arena, n * sizeof(*nodes));
	last = arena_alloc(ctx->arena, n * sizeof(*last));
	stack = arena_alloc(ctx->arena, n * sizeof(*stack));
	seen = arena_alloc(ctx->arena, n);
	if (map == NULL || nodes == NULL || last == NULL || stack == NULL ||
	    seen == NULL)
		return DB_ERR;
	for (i = 0; i < n; i++) {
		map[i].id = in[i].id;
		map[i].idx = i;
		nodes[i].first_child = nodes[i].next_sibling = last[i] = n;
	}
	qsort(map, n, sizeof(*map), cmp_id);
	/* Link children in row order; a unit whose parent is missing is a root. */
	for (i = 0; i < n; i++) {
		p = in[i].parent_id != 0 ? index_of(map, n, in[i].parent_id) : n;
		if (p == n || p == i)
			continue;
		if (last[p] == n)
			nodes[p].first_child = i;
		else
			nodes[last[p]].next_sibling = i;
		last[p] = i;
	}
	/* Walk from every root in name order; then anything unreached (only a
	 * corrupt cycle) as roots, so no unit disappears from the list. */
	for (j = 0; j < 2; j++)
		for (i = 0; i < n; i++) {
			if (seen[i])
				continue;
			p = in[i].parent_id != 0 ?
			    index_of(map, n, in[i].parent_id) : n;
			if (j == 0 && p != n && p != i)
				continue;
			stack[sp++] = i;
			while (sp > 0) {
				size_t cur = stack[--sp], ch, m = 0;

				if (seen[cur])
					continue;
				seen[cur] = 1;
				p = in[cur].parent_id != 0 ?
				    index_of(map, n, in[cur].parent_id) : n;
				depth = (p != n && p != cur && seen[p] &&
				    j == 0) ? in[p].depth + 1 : 0;
				in[cur].depth = depth;
				out[k++] = in[cur];
				/* Push children reversed so the first pops first. */
				for (ch = nodes[cur].first_child; ch != n;
				    ch = nodes[ch].next_sibling)
					m++;
				if (sp + m > n)
					return DB_ERR;	/* cannot happen: each pushed once */
				sp += m;
				m = 0;
				for (ch = nodes[cur].first_child; ch != n;
				    ch = nodes[ch].next_sibling)
					stack[sp - 1 - m++] = ch;
			}
		}
	return k == n ? 0 : DB_ERR;
}

int
org_unit_list(struct ctx *ctx, struct unit **out, size_t *n)
{
	struct dbstmt	*st;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = org_unit_list_begin(ctx, &st)) != DB_OK)
		return rc;
	return org_unit_list_end(ctx, st, out, n);
}

int
org_unit_list_begin(struct ctx *ctx, struct dbstmt **st)
{
	return db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_UNIT_LIST, st);
}

int
org_unit_list_end(struct ctx *ctx, struct dbstmt *st, struct unit **out,
    size_t *n)
{
	struct unit	*v, *sorted;
	void		*raw = NULL;
	size_t		 len = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = org_rows_read(ctx, st, sizeof(*v), unit_fill, &raw, &len))
	    != DB_OK)
		return rc;
	v = raw;
	if (len > 0) {
		if ((sorted = arena_alloc(ctx->arena, len * sizeof(*v))) == NULL ||
		    tree_order(ctx, v, len, sorted) != 0)
			return DB_ERR;
		*out = sorted;
		*n = len;
	}
	return DB_OK;
}

int
org_unit_get(struct ctx *ctx, int64_t id, struct unit *out)
{
	return org_row_by(ctx, SQL_UNIT_GET, id, NULL, unit_fill, out);
}

int
org_unit_by_code(struct ctx *ctx, const char *code, struct unit *out)
{
	if (code == NULL)
		return -1;
	return org_row_by(ctx, SQL_UNIT_BY_CODE, 0, code, unit_fill, out);
}

/* The parent of unit id, and into *closed whether it is closed. The
 * batch keeps only open units' parents (org_memo_parent), so a kept
 * answer is an open unit's. */
static int64_t
unit_parent(struct ctx *ctx, int64_t id, int *closed)
{
	struct dbstmt	*st;
	int64_t		 p = -1;

	*closed = 0;
	if (id <= 0)
		return -1;
	if (org_memo_parent(ctx, id, &p))
		return p;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_UNIT_PARENT, &st)
	    != DB_OK)
		return -1;
	db_bind_int(st, 2, id);
	if (db_step(st) == DB_ROW) {
		p = db_col_is_null(st, 0) ? 0 : db_col_int(st, 0);
		*closed = !db_col_is_null(st, 1);
	}
	db_reset(st);
	if (p >= 0 && !*closed)
		org_memo_parent_keep(ctx, id, p);
	return p;
}

int64_t
org_unit_parent(struct ctx *ctx, int64_t id)
{
	int closed;

	return unit_parent(ctx, id, &closed);
}

int64_t
org_unit_parent_open(struct ctx *ctx, int64_t id)
{
	int64_t	p;
	int	closed;

	p = unit_parent(ctx, id, &closed);
	return closed ? -1 : p;
}

int
org_unit_is_closed(struct ctx *ctx, int64_t id)
{
	int64_t	p;
	int	closed;

	p = unit_parent(ctx, id, &closed);
	return p >= 0 && closed;
}

int
org_unit_exists(struct ctx *ctx, int64_t id)
{
	if (id <= 0)
		return 0;
	return org_unit_parent(ctx, id) >= 0;
}

const char *
org_unit_code(struct ctx *ctx, int64_t id)
{
	struct unit u;

	if (id <= 0 || org_unit_get(ctx, id, &u) != 0)
		return NULL;
	return u.code;
}

int64_t
org_unit_create(struct ctx *ctx, const char *code, const char *name,
    int64_t parent_id)
{
	struct dbstmt	*st;
	struct buf	 d;
	int64_t		 id;
	int		 rc, own;

	if (code == NULL || *code == '\0' || name == NULL || *name == '\0' ||
	    parent_id < 0)
		return DB_ERR;
	if (parent_id != 0 && (rc = org_unit_exists(ctx, parent_id)) != 1)
		return rc < 0 ? rc : DB_CONSTRAINT;
	/* The unit and its rows in unit_ancestors stand or fall together. */
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_UNIT_INSERT,
	    &st)) != DB_OK) {
		id = rc;
		goto out;
	}
	db_bind_text(st, 2, code);
	db_bind_text(st, 3, name);
	if (parent_id != 0)
		db_bind_int(st, 4, parent_id);
	else
		db_bind_null(st, 4);
	db_bind_int(st, 5, ctx->now);
	rc = db_step(st);
	id = rc == DB_ROW ? db_col_int(st, 0) : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	if (id < 0)
		goto out;
	if ((rc = org_ancestry_add(ctx, id, parent_id)) != DB_OK) {
		id = rc;
		goto out;
	}

	buf_init(&d, 512);
	buf_printf(&d, "code=%s", code);
	if (parent_id != 0)
		buf_printf(&d, " parent=%lld", (long long)parent_id);
	rc = audit_append(ctx, "unit_create", "unit", id, buf_cstr(&d));
	buf_free(&d);
	if (rc < 0)
		id = rc;
out:
	rc = db_tx_finish(ctx->conn, own, id < 0 ? (int)id : 0);
	return rc < 0 ? rc : id;
}

int
org_unit_update(struct ctx *ctx, int64_t id, const char *name,
    int64_t parent_id)
{
	struct dbstmt	*st;
	struct unit	 u;
	struct buf	 d;
	int		 rc, own;

	if (name == NULL || *name == '\0' || parent_id < 0)
		return DB_ERR;
	if ((rc = org_unit_get(ctx, id, &u)) != 0)
		return rc < 0 ? rc : -1;
	if (parent_id != 0) {
		if ((rc = org_unit_exists(ctx, parent_id)) != 1)
			return rc < 0 ? rc : DB_CONSTRAINT;
		/* The new parent may not be the unit itself or below it. */
		if (org_unit_within(ctx, parent_id, id))
			return -2;
	}
	/* The new parent and the subtree's rows in unit_ancestors stand or
	 * fall together. */
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_UNIT_UPDATE,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, name);
	if (parent_id != 0)
		db_bind_int(st, 4, parent_id);
	else
		db_bind_null(st, 4);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	if (u.parent_id != parent_id &&
	    (rc = org_ancestry_move(ctx, id, parent_id)) != DB_OK)
		goto out;

	buf_init(&d, 512);
	buf_printf(&d, "code=%s", u.code);
	if (strcmp(u.name, name) != 0)
		buf_puts(&d, " renamed");
	if (u.parent_id != parent_id)
		buf_printf(&d, " parent=%lld->%lld", (long long)u.parent_id,
		    (long long)parent_id);
	rc = audit_append(ctx, "unit_update", "unit", id, buf_cstr(&d));
	buf_free(&d);
	rc = rc < 0 ? rc : 0;
out:
	return db_tx_finish(ctx->conn, own, rc);
}
