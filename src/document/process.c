/* process.c: the main-process tree (hovedprosesser) every document sits
 * under. The quality adviser keeps it; a municipality gets the three top
 * groups of seeds/003 the first time the tree is read. */
#include "document/document.h"

#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "document/doc_int.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"

static const char SQL_COUNT[] =
    "SELECT COUNT(*) FROM doc_processes WHERE tenant_id = $1";
static const char SQL_ADD[] =
    "INSERT INTO doc_processes (tenant_id, parent_id, name, sort, created_at)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char SQL_LIST[] =
    "SELECT id, COALESCE(parent_id, 0), name FROM doc_processes"
    " WHERE tenant_id = $1 ORDER BY sort, name, id";
static const char SQL_EXISTS[] =
    "SELECT COUNT(*) FROM doc_processes WHERE tenant_id = $1 AND id = $2";

/* The top groups, named as the seeds name them (Norwegian words a
 * municipality keeps whatever the UI language). */
static const char *const top_groups[] = {
	"Sektorovergripende prosesser",
	"Tjenestespesifikke prosesser",
	"Støtteprosesser",
};

static int64_t
insert(struct ctx *ctx, int64_t parent, const char *name, int sort)
{
	struct dbstmt	*st;
	int64_t		 id = DB_ERR;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ADD, &st)) != DB_OK)
		return rc;
	if (parent > 0)
		db_bind_int(st, 2, parent);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, name);
	db_bind_int(st, 4, sort);
	db_bind_int(st, 5, ctx->now);
	rc = db_step(st);
	if (rc == DB_ROW)
		id = db_col_int(st, 0);
	else if (rc < 0)
		id = rc;
	db_reset(st);
	return id;
}

static int64_t
count(struct ctx *ctx, const char *sql, int64_t id)
{
	struct dbstmt	*st;
	int64_t		 n = DB_ERR;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	if (id > 0)
		db_bind_int(st, 2, id);
	if ((rc = db_step(st)) == DB_ROW)
		n = db_col_int(st, 0);
	else if (rc < 0)
		n = rc;
	db_reset(st);
	return n;
}

int
doc_process_exists(struct ctx *ctx, int64_t id)
{
	int64_t n = count(ctx, SQL_EXISTS, id);

	return n < 0 ? (int)n : n > 0;
}

int
doc_processes_ensure(struct ctx *ctx)
{
	int64_t	n, id;
	size_t	i;

	if ((n = count(ctx, SQL_COUNT, 0)) != 0)
		return n < 0 ? (int)n : 0;
	for (i = 0; i < sizeof(top_groups) / sizeof(top_groups[0]); i++)
		if ((id = insert(ctx, 0, top_groups[i], (int)i + 1)) < 0)
			return (int)id;
	return 0;
}

int
doc_process_list(struct ctx *ctx, struct doc_process **out, size_t *n)
{
	struct dbstmt		*st;
	struct doc_process	*all, *v;
	unsigned char		*done;
	size_t			 na = 0, cap = 64, k;
	int			 rc, own;

	*out = NULL;
	*n = 0;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	rc = doc_processes_ensure(ctx);
	if ((rc = db_tx_finish(ctx->conn, own, rc)) < 0)
		return rc;
	if ((all = arena_alloc(ctx->arena, cap * sizeof(*all))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LIST, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (na == cap) {
			struct doc_process *nv = arena_alloc(ctx->arena,
			    2 * cap * sizeof(*nv));

			if (nv == NULL) {
				rc = DB_ERR;
				break;
			}
			memcpy(nv, all, cap * sizeof(*all));
			all = nv;
			cap *= 2;
		}
		all[na].id = db_col_int(st, 0);
		all[na].parent_id = db_col_int(st, 1);
		all[na].name = arena_strdup(ctx->arena, db_col_text(st, 2));
		all[na].depth = 0;
		na++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	/* Tree order: each process followed by its children, depth first;
	 * a parent that is not there (none) leaves the child at the top. */
	v = arena_alloc(ctx->arena, (na ? na : 1) * sizeof(*v));
	done = arena_alloc(ctx->arena, na ? na : 1);
	if (v == NULL || done == NULL)
		return DB_ERR;
	{
		size_t	stack[64], sp = 0, i, j;
		int	depth[64];

		for (i = 0; i < na; i++) {
			int top = all[i].parent_id == 0;

			for (j = 0; !top && j < na; j++)
				if (all[j].id == all[i].parent_id)
					break;
			if (!top && j < na)
				continue;
			if (done[i])
				continue;
			stack[0] = i;
			depth[0] = 0;
			sp = 1;
			while (sp > 0) {
				sp--;
				k = stack[sp];
				if (done[k])
					continue;
				done[k] = 1;
				v[*n] = all[k];
				v[*n].depth = depth[sp];
				(*n)++;
				/* children in reverse so the first pops first */
				for (j = na; j-- > 0;)
					if (!done[j] && all[j].parent_id == all[k].id &&
					    sp < 63) {
						stack[sp] = j;
						depth[sp] = v[*n - 1].depth + 1;
						sp++;
					}
			}
		}
	}
	*out = v;
	return 0;
}

int64_t
doc_process_put(struct ctx *ctx, int64_t parent_id, const char *name)
{
	static const char SQL_FIND[] =
	    "SELECT id FROM doc_processes WHERE tenant_id = $1"
	    " AND COALESCE(parent_id, 0) = $2 AND name = $3";
	struct dbstmt	*st;
	int64_t		 id = 0;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_FIND, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, parent_id);
	db_bind_text(st, 3, name);
	if ((rc = db_step(st)) == DB_ROW)
		id = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		return rc;
	return id > 0 ? id : insert(ctx, parent_id, name, 100);
}

int64_t
doc_process_add(struct ctx *ctx, int64_t parent_id, const char *name)
{
	int64_t	id = 0;
	int	rc, own;
	size_t	len;

	if (!authz_can(ctx, AZ_DOC_PROCESSES, 0))
		return DOC_ERR_FORBIDDEN;
	len = name != NULL ? strlen(name) : 0;
	if (len == 0 || len > DOC_TITLE_MAX)
		return DOC_ERR_INVALID;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	rc = 0;
	if (parent_id > 0 && (rc = doc_process_exists(ctx, parent_id)) <= 0)
		rc = rc == 0 ? DOC_ERR_INVALID : rc;
	else {
		rc = 0;
		id = insert(ctx, parent_id, name, 100);
		if (id < 0)
			rc = (int)id;
		else if (audit_append(ctx, "doc_process_add", "doc_process", id,
		    name) < 0)
			rc = DB_ERR;
	}
	rc = db_tx_finish(ctx->conn, own, rc);
	return rc < 0 ? rc : id;
}
