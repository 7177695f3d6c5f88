/* revision.c: revision status, by main process and by unit: for each
 * process, and for each unit ctx->user may follow (AZ_DOC_COVERAGE: the
 * quality adviser every unit, a leader their subtree), the current
 * documents it holds or is designated, with how many are due, overdue
 * and revised this year; documents for every unit make a row of their
 * own. Both count with one statement shape (REV_COUNTS, rev_counts). */
#include "document/document.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

/* The counts after a row's key: current, overdue, due within
 * DOC_REMIND_AHEAD, revised this year ($2 now, $3 the horizon, $4 the
 * start of the year; rev_counts binds them). */
#define REV_COUNTS \
    " COUNT(*)," \
    " SUM(CASE WHEN d.next_revision <= $2 THEN 1 ELSE 0 END)," \
    " SUM(CASE WHEN d.next_revision > $2 AND d.next_revision <= $3" \
    "  THEN 1 ELSE 0 END)," \
    " SUM(CASE WHEN d.revised_on >= $4 THEN 1 ELSE 0 END)"

static const char SQL_BY_PROCESS[] =
    "SELECT d.process_id," REV_COUNTS
    " FROM documents d WHERE d.tenant_id = $1 AND d.status = 'current'"
    " GROUP BY d.process_id";

/* unit_id 0: the documents that apply to every unit. */
static const char SQL_BY_UNIT[] =
    "SELECT 0," REV_COUNTS
    " FROM documents d WHERE d.tenant_id = $1 AND d.status = 'current'"
    " AND d.all_units = 1"
    " UNION ALL "
    "SELECT du.unit_id," REV_COUNTS
    " FROM documents d JOIN document_units du ON du.tenant_id = d.tenant_id"
    " AND du.document_id = d.id"
    " WHERE d.tenant_id = $1 AND d.status = 'current' AND d.all_units = 0"
    " GROUP BY du.unit_id";

/* Run sql (a key, then REV_COUNTS) at ctx->now and put each row's counts
 * in the row of v (n of them) whose id is its key. 0 or a DB_* error. */
static int
rev_counts(struct ctx *ctx, const char *sql, struct doc_revision_row *v,
    size_t n)
{
	struct dbstmt	*st;
	size_t		 i;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, ctx->now);
	db_bind_int(st, 3, ctx->now + DOC_REMIND_AHEAD);
	db_bind_int(st, 4, date_start_of(ctx->now, DATE_YEAR));
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t key = db_col_int(st, 0);

		for (i = 0; i < n; i++)
			if (v[i].id == key) {
				v[i].current = (int)db_col_int(st, 1);
				v[i].overdue = (int)db_col_int(st, 2);
				v[i].due = (int)db_col_int(st, 3);
				v[i].revised_this_year = (int)db_col_int(st, 4);
				break;
			}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : DB_ERR;
}

int
document_revision_status(struct ctx *ctx, struct doc_revision_row **out,
    size_t *n)
{
	struct doc_process	*pv;
	struct doc_revision_row	*v;
	size_t			 np, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = doc_process_list(ctx, &pv, &np)) != 0)
		return rc;
	if ((v = arena_alloc(ctx->arena, (np ? np : 1) * sizeof(*v))) == NULL)
		return DB_ERR;
	memset(v, 0, (np ? np : 1) * sizeof(*v));
	for (i = 0; i < np; i++) {
		v[i].id = pv[i].id;
		v[i].name = pv[i].name;
	}
	if ((rc = rev_counts(ctx, SQL_BY_PROCESS, v, np)) != 0)
		return rc;
	*out = v;
	*n = np;
	return 0;
}

int
document_revision_by_unit(struct ctx *ctx, struct doc_revision_row **out,
    size_t *n)
{
	struct doc_revision_row	*v;
	struct unit		*units;
	size_t			 nu, i, k = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (ctx->user == NULL)
		return 0;
	if ((rc = org_unit_list(ctx, &units, &nu)) != 0)
		return rc < 0 ? rc : DB_ERR;
	if ((v = arena_alloc(ctx->arena, (nu + 1) * sizeof(*v))) == NULL)
		return DB_ERR;
	/* Row 0: every unit; then the units in tree order. */
	memset(v, 0, (nu + 1) * sizeof(*v));
	for (i = 0; i < nu; i++) {
		if (!authz_can(ctx, AZ_DOC_COVERAGE, units[i].id))
			continue;
		k++;
		v[k].id = units[i].id;
		v[k].name = units[i].name;
		v[k].depth = units[i].depth;
	}
	if (k == 0)
		return 0;
	if ((rc = rev_counts(ctx, SQL_BY_UNIT, v, k + 1)) != 0)
		return rc;
	*out = v;
	*n = k + 1;
	return 0;
}
