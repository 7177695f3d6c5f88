/* revision.c: revision status by unit, next to the status by process
 * (reads.c): for each unit ctx->user may follow (AZ_DOC_COVERAGE: the
 * quality adviser every unit, a leader their subtree) the current
 * documents designated to that unit, with how many are due, overdue and
 * revised this year; documents for every unit make a row of their own. */
#include "document/document.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

/* unit_id 0: the documents that apply to every unit. */
static const char SQL[] =
    "SELECT 0, COUNT(*),"
    " SUM(CASE WHEN d.next_revision <= $2 THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN d.next_revision > $2 AND d.next_revision <= $3"
    "  THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN d.revised_on >= $4 THEN 1 ELSE 0 END)"
    " FROM documents d WHERE d.tenant_id = $1 AND d.status = 'current'"
    " AND d.all_units = 1"
    " UNION ALL "
    "SELECT du.unit_id, COUNT(*),"
    " SUM(CASE WHEN d.next_revision <= $2 THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN d.next_revision > $2 AND d.next_revision <= $3"
    "  THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN d.revised_on >= $4 THEN 1 ELSE 0 END)"
    " FROM documents d JOIN document_units du ON du.tenant_id = d.tenant_id"
    " AND du.document_id = d.id"
    " WHERE d.tenant_id = $1 AND d.status = 'current' AND d.all_units = 0"
    " GROUP BY du.unit_id";

int
document_revision_by_unit(struct ctx *ctx, struct doc_revision_unit **out,
    size_t *n)
{
	struct doc_revision_unit *v;
	struct unit		*units;
	struct dbstmt		*st;
	size_t			 nu, i, k;
	int			 rc, any = 0;

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
		any = 1;
		k = ++*n;
		v[k].unit_id = units[i].id;
		v[k].unit = units[i].name;
		v[k].depth = units[i].depth;
	}
	if (!any) {
		*n = 0;
		return 0;
	}
	(*n)++;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, ctx->now);
	db_bind_int(st, 3, ctx->now + DOC_REMIND_AHEAD);
	db_bind_int(st, 4, date_start_of(ctx->now, DATE_YEAR));
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t uid = db_col_int(st, 0);

		for (k = 0; k < *n; k++)
			if (v[k].unit_id == uid) {
				v[k].current = (int)db_col_int(st, 1);
				v[k].overdue = (int)db_col_int(st, 2);
				v[k].due = (int)db_col_int(st, 3);
				v[k].revised_this_year = (int)db_col_int(st, 4);
				break;
			}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	return 0;
}
