/* answers.c: which deviations and improvement proposals a version of a
 * governing document says it answers (issue 14 item 6). The gate writes
 * document_answers (set_answers in gate.c); these are its two reads, one
 * for the version page and one for the deviation's page. */
#include "document/document.h"

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

/* The first column of sql's rows (tenant $1, then a, b), at most
 * DOC_ANSWERS_MAX of them, into *out (arena). */
static int
ids(struct ctx *ctx, const char *sql, int64_t a, int64_t b, int64_t **out,
    size_t *n)
{
	struct dbstmt	*st;
	int64_t		*v;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((v = arena_alloc(ctx->arena, DOC_ANSWERS_MAX * sizeof(*v))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, a);
	db_bind_int(st, 3, b);
	while ((rc = db_step(st)) == DB_ROW && *n < DOC_ANSWERS_MAX)
		v[(*n)++] = db_col_int(st, 0);
	db_reset(st);
	if (rc < 0)
		return rc;
	*out = v;
	return 0;
}

int
document_answers(struct ctx *ctx, const struct document *d, int number,
    int64_t **out, size_t *n)
{
	static const char SQL[] =
	    "SELECT deviation_id FROM document_answers WHERE tenant_id = $1"
	    " AND document_id = $2 AND number = $3 ORDER BY deviation_id";

	return ids(ctx, SQL, d->id, number, out, n);
}

int
document_answered_in(struct ctx *ctx, int64_t doc_id, int64_t deviation_id,
    int **numbers, size_t *n)
{
	/* Only what was approved: a draft may still change its mind. */
	static const char SQL[] =
	    "SELECT a.number FROM document_answers a"
	    " JOIN document_versions v ON v.tenant_id = a.tenant_id"
	    "  AND v.document_id = a.document_id AND v.number = a.number"
	    " WHERE a.tenant_id = $1 AND a.document_id = $2"
	    " AND a.deviation_id = $3 AND v.state IN ('current', 'old')"
	    " ORDER BY a.number";
	int64_t	*v;
	size_t	 i;
	int	 rc;

	*numbers = NULL;
	if ((rc = ids(ctx, SQL, doc_id, deviation_id, &v, n)) != 0)
		return rc;
	if ((*numbers = arena_alloc(ctx->arena, (*n + 1) * sizeof(**numbers))) == NULL)
		return DB_ERR;
	for (i = 0; i < *n; i++)
		(*numbers)[i] = (int)v[i];
	return 0;
}
