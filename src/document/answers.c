/* answers.c: the deviations and improvement proposals about a governing
 * document (deviations.document_id) and which of them a version says it
 * answers (issue 14 item 6). The gate writes document_answers
 * (set_answers in gate.c); these are its reads, for the version page and
 * for the deviation's page. What a viewer is shown of the deviations is
 * decided here, through authz/, as gate.c decides what a writer may tick,
 * so that no face writes that rule. */
#include "document/document.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
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
    struct deviation **out, size_t *n)
{
	static const char SQL[] =
	    "SELECT deviation_id FROM document_answers WHERE tenant_id = $1"
	    " AND document_id = $2 AND number = $3 ORDER BY deviation_id";
	struct deviation *v;
	int64_t		*id;
	size_t		 nid, i;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = ids(ctx, SQL, d->id, number, &id, &nid)) != 0)
		return rc;
	if ((v = arena_alloc(ctx->arena, (nid ? nid : 1) * sizeof(*v))) == NULL)
		return DB_ERR;
	/* One that is gone or not the viewer's to see in full is left out,
	 * as their own deviation page would not show it either. */
	for (i = 0; i < nid; i++)
		if (deviation_get(ctx, id[i], &v[*n]) == 0 &&
		    authz_dev_can(ctx, AZ_DEV_VIEW, &v[*n]))
			(*n)++;
	*out = v;
	return 0;
}

int
document_tied(struct ctx *ctx, const struct document *d, int open_only,
    struct deviation **out, size_t *n)
{
	struct dev_filter	 f;
	struct deviation	*v = NULL;
	size_t			 nv = 0, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.limit = DOC_TIED_MAX;
	f.document_id = d->id;
	/* The viewer's own deviation list's rows, then only those they see
	 * in full (a safety representative's list holds more). */
	if ((f.scope = (enum dev_scope_kind)authz_dev_scope(ctx)) == DEV_SCOPE_NONE)
		return 0;
	if ((rc = deviation_list(ctx, &f, &v, &nv, NULL)) != 0)
		return rc;
	for (i = 0; i < nv; i++)
		if ((!open_only || v[i].status != DEV_CLOSED) &&
		    authz_dev_can(ctx, AZ_DEV_VIEW, &v[i]))
			v[(*n)++] = v[i];
	*out = v;
	return 0;
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
