/* legal.c: the legal clocks. A clock starts when the facts call for it,
 * at report time or later on reclassification, and counts from the
 * original reported_at (so a late one may already be overdue). A started
 * clock is never removed: what applied once is still worth showing.
 *   gdpr33      -> datatilsynet within 72 h (GDPR art. 33), any severity
 *   aml52       -> arbeidstilsynet and politiet at once (AML § 5-2), severity 4
 *   helsetilsyn -> helsetilsyn at once, severity 4
 * A category may name the kinds of unit its clock applies to
 * (categories.legal_kinds, comma separated; the default categories: the
 * Helsetilsyn clock for health_care only). The unit's kind is its own or its
 * nearest ancestor's (org_unit_kind_of); a unit of no known kind gets the
 * clock, since a missed clock costs more than a needless one. */
#include "deviation/deviation.h"

#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "org/org.h"
#include "deviation/dev_int.h"
#include "store/store.h"
#include "util/arena.h"

#define GDPR33_SECONDS	(72 * 3600)

static const char SQL_LEGAL_INSERT[] =
    "INSERT INTO legal_deadlines (tenant_id, deviation_id, authority, due_at)"
    " VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (tenant_id, deviation_id, authority) DO NOTHING";
static const char SQL_LEGAL_DONE[] =
    "UPDATE legal_deadlines SET done_at = $4 WHERE tenant_id = $1"
    " AND deviation_id = $2 AND authority = $3 AND done_at IS NULL";
static const char SQL_LEGAL_LIST[] =
    "SELECT authority, due_at, done_at FROM legal_deadlines"
    " WHERE tenant_id = $1 AND deviation_id = $2 ORDER BY due_at, authority";

/* 1 when the category's clock applies in unit_id's kind of unit: the
 * category's legal_kinds name it, or it names none, or the unit (nor any
 * unit above it) has no kind. */
static int
applies_here(struct ctx *ctx, const struct category *c, int64_t unit_id)
{
	char		 kind[40];
	const char	*p, *kinds = c->legal_kinds;
	size_t		 n;
	int		 rc;

	if (kinds == NULL || kinds[0] == '\0')
		return 1;
	if ((rc = org_unit_kind_of(ctx, unit_id, kind, sizeof(kind))) != 0)
		return rc;
	if (kind[0] == '\0')
		return 1;
	n = strlen(kind);
	for (p = kinds; (p = strstr(p, kind)) != NULL; p += n)
		if ((p == kinds || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

static int
legal_insert(struct ctx *ctx, int64_t dev_id, const char *authority,
    int64_t due_at)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LEGAL_INSERT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, dev_id);
	db_bind_text(st, 3, authority);
	db_bind_int(st, 4, due_at);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
dev_legal_done(struct ctx *ctx, int64_t dev_id, const char *authority)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LEGAL_DONE,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, dev_id);
	db_bind_text(st, 3, authority);
	db_bind_int(st, 4, ctx->now);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
dev_legal_start_cat(struct ctx *ctx, int64_t dev_id, enum dev_kind kind,
    const struct category *c, int64_t unit_id, int severity,
    int personal_data, int64_t reported_at)
{
	const char	*legal;
	int		 rc, n = 0;

	if (kind != DEV_DEVIATION || c == NULL || c->id <= 0)
		return 0;
	if ((rc = applies_here(ctx, c, unit_id)) <= 0)
		return rc;
	rc = 0;
	legal = c->legal != NULL ? c->legal : "";
	if (strcmp(legal, "gdpr33") == 0 ||
	    (personal_data && strcmp(c->code, "personvern") == 0)) {
		rc = legal_insert(ctx, dev_id, "datatilsynet",
		    reported_at + GDPR33_SECONDS);
		n++;
	}
	if (rc == 0 && strcmp(legal, "aml52") == 0 && severity == 4) {
		rc = legal_insert(ctx, dev_id, "arbeidstilsynet", reported_at);
		if (rc == 0)
			rc = legal_insert(ctx, dev_id, "politiet", reported_at);
		n += 2;
	}
	if (rc == 0 && strcmp(legal, "helsetilsyn") == 0 && severity == 4) {
		rc = legal_insert(ctx, dev_id, "helsetilsyn", reported_at);
		n++;
	}
	return rc != 0 ? rc : n;
}

int
dev_legal_start(struct ctx *ctx, int64_t dev_id, enum dev_kind kind,
    int64_t category_id, int64_t unit_id, int severity, int personal_data,
    int64_t reported_at)
{
	struct category	c;
	int		rc;

	if (kind != DEV_DEVIATION || category_id <= 0)
		return 0;
	if ((rc = dev_category_get(ctx, category_id, &c)) != 0)
		return rc == DEV_ERR_NOTFOUND ? 0 : rc;
	rc = dev_legal_start_cat(ctx, dev_id, kind, &c, unit_id, severity,
	    personal_data, reported_at);
	return rc < 0 ? rc : 0;
}

int
dev_legal_list(struct ctx *ctx, int64_t dev_id, struct legal_deadline **out,
    size_t *n)
{
	struct dbstmt		*st;
	struct legal_deadline	*v = NULL, *l;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LEGAL_LIST,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, dev_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			goto out;
		}
		l = &v[len++];
		l->authority = arena_strdup(ctx->arena, db_col_text(st, 0));
		l->due_at = db_col_int(st, 1);
		l->done_at = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
		if (l->authority == NULL) {
			rc = DB_ERR;
			goto out;
		}
	}
	if (rc != DB_DONE)
		goto out;
	rc = 0;
	*out = v;
	*n = len;
out:
	db_reset(st);
	return rc;
}
