/* reads.c: read-confirmation ("Jeg har lest og forstått"). A document
 * asks for it from the significant version that last became current
 * (documents.confirm_from); a confirmation of that version or a later one
 * counts, so a minor version does not ask again. A leader's go-through
 * with staff is recorded for those present (via_by: the leader) and
 * counts the same, listed as such. Who is asked is everyone active whose
 * home unit the document applies to, counted now. */
#include "document/document.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "document/doc_int.h"
#include "org/ancestry.h"
#include "org/org.h"
#include "org/tree.h"
#include "store/store.h"
#include "util/arena.h"

int
doc_confirm_version(const struct document *d)
{
	return d->status == DOC_CURRENT ? d->confirm_from : 0;
}

int
doc_read_record(struct ctx *ctx, const struct document *d, int64_t person_id,
    int64_t via_by)
{
	static const char SQL[] =
	    "INSERT INTO document_reads (tenant_id, document_id, person_id,"
	    " version, at, via_by) VALUES ($1, $2, $3, $4, $5, $6)";
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, d->id);
	db_bind_int(st, 3, person_id);
	db_bind_int(st, 4, d->current_version);
	db_bind_int(st, 5, ctx->now);
	if (via_by > 0)
		db_bind_int(st, 6, via_by);
	else
		db_bind_null(st, 6);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : rc;
}

int
document_confirmed_by(struct ctx *ctx, const struct document *d,
    int64_t person_id)
{
	static const char SQL[] =
	    "SELECT COUNT(*) FROM document_reads WHERE tenant_id = $1"
	    " AND document_id = $2 AND person_id = $3 AND version >= $4";
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, d->id);
	db_bind_int(st, 3, person_id);
	/* Nothing asked: the current version is the one a confirmation is of. */
	db_bind_int(st, 4, d->confirm_from > 0 ? d->confirm_from :
	    d->current_version);
	rc = db_step(st);
	rc = rc == DB_ROW ? db_col_int(st, 0) > 0 : rc < 0 ? rc : DB_ERR;
	db_reset(st);
	return rc;
}

int
document_confirmed(struct ctx *ctx, const struct document *d)
{
	if (ctx->user == NULL)
		return 0;
	return document_confirmed_by(ctx, d, ctx->user->id);
}

int
document_to_read(struct ctx *ctx, struct document **out, size_t *n)
{
	static const char SQL[] =
	    "SELECT " DOC_COLS " FROM documents d WHERE d.tenant_id = $1"
	    " AND d.status = 'current' AND d.confirm_from > 0"
	    " AND (d.all_units = 1 OR EXISTS (SELECT 1 FROM document_units du"
	    "  WHERE du.tenant_id = $1 AND du.document_id = d.id AND du.unit_id IN ("
	    ORG_SQL_ABOVE " = CAST($3 AS BIGINT))))"
	    " AND NOT EXISTS (SELECT 1 FROM document_reads r WHERE r.tenant_id = $1"
	    "  AND r.document_id = d.id AND r.person_id = $2"
	    "  AND r.version >= d.confirm_from)"
	    " ORDER BY d.code LIMIT 500";
	int64_t v[2];

	*out = NULL;
	*n = 0;
	if (ctx->user == NULL)
		return 0;
	v[0] = ctx->user->id;
	v[1] = ctx->user->unit_id;
	return doc_rows(ctx, SQL, v, 2, out, n);
}

/* document_applies_to over the tree in memory (no query per person). */
static int
applies(const struct org_tree *tree, const struct document *d, int64_t unit_id)
{
	long	ui;
	size_t	i;

	if (d->unit_id == 0 && d->nunits == 0)
		return 1;
	if ((ui = org_tree_find(tree, unit_id)) < 0)
		return 0;
	if (d->nunits == 0)
		return org_tree_within(tree, ui, d->unit_id);
	for (i = 0; i < d->nunits; i++)
		if (org_tree_within(tree, ui, d->units[i]))
			return 1;
	return 0;
}

int
document_coverage(struct ctx *ctx, const struct document *d,
    struct doc_reader **out, size_t *n)
{
	static const char SQL[] =
	    "SELECT person_id, at, via_by FROM document_reads WHERE tenant_id = $1"
	    " AND document_id = $2 AND version >= $3 ORDER BY at";
	struct person	*people;
	struct unit	*units;
	struct org_tree	 tree;
	struct doc_reader *v;
	struct dbstmt	*st;
	size_t		 np, nu, i, k;
	int		 rc, all;

	*out = NULL;
	*n = 0;
	if (!authz_doc_can(ctx, AZ_DOC_COVERAGE, d))
		return DOC_ERR_FORBIDDEN;
	/* The owner and quality see everyone; a leader the people of the
	 * units they lead. */
	all = d->owner_id == ctx->user->id || authz_can(ctx, AZ_DOC_COVERAGE, 0);
	if ((rc = org_person_list(ctx, &people, &np)) != 0 ||
	    (rc = org_unit_list(ctx, &units, &nu)) != 0)
		return rc < 0 ? rc : DB_ERR;
	if (org_tree_build(ctx->arena, units, nu, &tree) != 0 ||
	    (v = arena_alloc(ctx->arena, (np ? np : 1) * sizeof(*v))) == NULL)
		return DB_ERR;
	for (i = 0; i < np; i++) {
		if (!people[i].active)
			continue;
		if (!applies(&tree, d, people[i].unit_id) ||
		    (!all && !authz_can(ctx, AZ_DOC_COVERAGE, people[i].unit_id)))
			continue;
		v[*n].person_id = people[i].id;
		v[*n].unit_id = people[i].unit_id;
		v[*n].name = people[i].name;
		v[*n].how = 0;
		v[*n].at = 0;
		(*n)++;
	}
	if (d->status != DOC_CURRENT) {
		*out = v;
		return 0;
	}
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, d->id);
	db_bind_int(st, 3, d->confirm_from > 0 ? d->confirm_from :
	    d->current_version);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t pid = db_col_int(st, 0);

		for (k = 0; k < *n; k++)
			if (v[k].person_id == pid && v[k].how == 0) {
				v[k].how = db_col_is_null(st, 2) ? 1 : 2;
				v[k].at = db_col_int(st, 1);
				break;
			}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	return 0;
}
