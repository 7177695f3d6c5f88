/* query.c: reading the register: one document, the list with its search
 * and filters, the versions. Access is authz's (authz_doc_can,
 * authz_doc_scope); the list's SQL follows the same rules so that a page
 * never counts what it would not show. */
#include "document/document.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "document/doc_int.h"
#include "org/ancestry.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"

static const char *const status_names[DOC_STATUS_MAX] = {
	[DOC_DRAFT] = "draft", [DOC_PENDING] = "pending",
	[DOC_CURRENT] = "current", [DOC_RETIRED] = "retired",
};

const char *const doc_types[] = {
	"routine", "procedure", "guideline", "regulation", "plan", "form",
	"template", NULL
};

const char *
doc_status_name(enum doc_status s)
{
	return (int)s >= 0 && s < DOC_STATUS_MAX ? status_names[s] : NULL;
}

int
doc_status_parse(const char *s, enum doc_status *out)
{
	int i;

	for (i = 0; s != NULL && i < DOC_STATUS_MAX; i++)
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum doc_status)i;
			return 0;
		}
	return -1;
}

int
doc_type_valid(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && doc_types[i] != NULL; i++)
		if (strcmp(s, doc_types[i]) == 0)
			return 1;
	return 0;
}

static const char SQL_GET[] =
    "SELECT " DOC_COLS " FROM documents d WHERE d.tenant_id = $1 AND d.id = $2";
static const char SQL_GET_CODE[] =
    "SELECT " DOC_COLS " FROM documents d WHERE d.tenant_id = $1 AND d.code = $2";

static const char *
dup(struct ctx *ctx, struct dbstmt *st, int col)
{
	return arena_strdup(ctx->arena, db_col_text(st, col));
}

/* One row of DOC_COLS into *d; the owner's name from org/. */
static void
row(struct ctx *ctx, struct dbstmt *st, struct document *d)
{
	enum doc_status s;

	memset(d, 0, sizeof(*d));
	d->id = db_col_int(st, 0);
	d->code = dup(ctx, st, 1);
	d->title = dup(ctx, st, 2);
	d->type = dup(ctx, st, 3);
	d->process_id = db_col_int(st, 4);
	d->owner_id = db_col_int(st, 5);
	d->status = doc_status_parse(db_col_text(st, 6), &s) == 0 ? s : DOC_DRAFT;
	d->public_ = db_col_int(st, 7) != 0;
	d->approval_body = dup(ctx, st, 8);
	d->approval_case = dup(ctx, st, 9);
	d->approved_on = db_col_int(st, 10);
	d->next_revision = db_col_int(st, 11);
	d->revised_on = db_col_int(st, 12);
	d->current_version = (int)db_col_int(st, 13);
	d->confirm_from = (int)db_col_int(st, 14);
	d->created_at = db_col_int(st, 15);
	d->updated_at = db_col_int(st, 16);
	d->unit_id = db_col_int(st, 17);
	d->latest_version = (int)db_col_int(st, 18);
	d->process_name = dup(ctx, st, 19);
	d->pending = d->latest_version > d->current_version;
}

static void
owner_name(struct ctx *ctx, struct document *d)
{
	struct person p;

	d->owner_name = org_person_get(ctx, d->owner_id, &p) == 0 ? p.name : "";
}

/* Every unit d is for, into d->units. */
static int
units_of(struct ctx *ctx, struct document *d)
{
	static const char SQL[] =
	    "SELECT unit_id FROM document_units WHERE tenant_id = $1"
	    " AND document_id = $2 ORDER BY unit_id LIMIT 50";
	struct dbstmt	*st;
	int64_t		*v;
	int		 rc;

	d->units = NULL;
	d->nunits = 0;
	if ((v = arena_alloc(ctx->arena, DOC_UNITS_MAX * sizeof(*v))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, d->id);
	while ((rc = db_step(st)) == DB_ROW && d->nunits < DOC_UNITS_MAX)
		v[d->nunits++] = db_col_int(st, 0);
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	d->units = v;
	return 0;
}

int
document_applies_to(struct ctx *ctx, const struct document *d, int64_t unit_id)
{
	size_t i;

	if (d->unit_id == 0 && d->nunits == 0)
		return 1;
	if (unit_id <= 0)
		return 0;
	if (d->nunits == 0)
		return org_unit_within(ctx, unit_id, d->unit_id) == 1;
	for (i = 0; i < d->nunits; i++)
		if (org_unit_within(ctx, unit_id, d->units[i]) == 1)
			return 1;
	return 0;
}

int
document_followed(struct ctx *ctx, const struct document *d)
{
	size_t i;

	if (d->nunits == 0)
		return authz_can(ctx, AZ_DOC_COVERAGE, d->unit_id);
	for (i = 0; i < d->nunits; i++)
		if (authz_can(ctx, AZ_DOC_COVERAGE, d->units[i]))
			return 1;
	return 0;
}

static int
load(struct ctx *ctx, const char *sql, int64_t id, const char *code,
    struct document *out)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	if (code != NULL)
		db_bind_text(st, 2, code);
	else
		db_bind_int(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		row(ctx, st, out);
		rc = 0;
	} else if (rc == DB_DONE)
		rc = DOC_ERR_NOTFOUND;
	db_reset(st);
	if (rc == 0) {
		owner_name(ctx, out);
		rc = units_of(ctx, out);
	}
	return rc;
}

int
document_load(struct ctx *ctx, int64_t id, struct document *out)
{
	return load(ctx, SQL_GET, id, NULL, out);
}

int
document_load_code(struct ctx *ctx, const char *code, struct document *out)
{
	return load(ctx, SQL_GET_CODE, 0, code, out);
}

int
document_get(struct ctx *ctx, int64_t id, struct document *out)
{
	int rc = document_load(ctx, id, out);

	if (rc == 0 && !authz_doc_can(ctx, AZ_DOC_READ, out))
		rc = DOC_ERR_NOTFOUND;
	return rc;
}

int
document_by_code(struct ctx *ctx, const char *code, struct document *out)
{
	int rc = document_load_code(ctx, code, out);

	if (rc == 0 && !authz_doc_can(ctx, AZ_DOC_READ, out))
		rc = DOC_ERR_NOTFOUND;
	return rc;
}

/* $2 scope (authz_doc_scope), $3 the person, $4 their unit (0: none), $5
 * the search pattern ('' none), $6 process, $7 status ('' any but
 * retired), $8 type, $9 due only, $10 the due horizon, $11 the full-text
 * query (fts_query). The ID and title are also matched as substrings, as
 * people type part of an ID; the text only through the full-text index
 * (migration 0033: FTS5 on SQLite, the 'norwegian' configuration on
 * PostgreSQL), which the triggers there keep in step with the current
 * version. */
#define SQL_LIST(fts) \
    "SELECT " DOC_COLS " FROM documents d WHERE d.tenant_id = $1" \
    " AND (CAST($2 AS BIGINT) = 2" \
    "  OR (CAST($2 AS BIGINT) = 1 AND d.status IN ('current', 'retired'))" \
    "  OR d.owner_id = CAST($3 AS BIGINT)" \
    "  OR (d.status = 'current' AND (d.all_units = 1 OR EXISTS (" \
    "   SELECT 1 FROM document_units du WHERE du.tenant_id = $1" \
    "   AND du.document_id = d.id AND du.unit_id IN (" \
    ORG_SQL_ABOVE " = CAST($4 AS BIGINT))))))" \
    " AND (CAST($5 AS TEXT) = '' OR lower(d.code) LIKE $5" \
    "  OR lower(d.title) LIKE $5 OR " fts ")" \
    " AND (CAST($6 AS BIGINT) = 0 OR d.process_id = $6 OR d.process_id IN (" \
    "  SELECT p.id FROM doc_processes p WHERE p.tenant_id = $1 AND p.parent_id = $6))" \
    " AND ((CAST($7 AS TEXT) = '' AND d.status <> 'retired') OR d.status = $7)" \
    " AND (CAST($8 AS TEXT) = '' OR d.doc_type = $8)" \
    " AND (CAST($9 AS BIGINT) = 0 OR (d.status = 'current'" \
    "  AND d.next_revision <= CAST($10 AS BIGINT)))" \
    " ORDER BY d.code LIMIT 500"
static const char SQL_LIST_SQLITE[] = SQL_LIST(
    "d.id IN (SELECT documents_fts.rowid FROM documents_fts"
    "  WHERE documents_fts MATCH CAST($11 AS TEXT)"
    "  AND documents_fts.tenant_id = $1)");
static const char SQL_LIST_PG[] = SQL_LIST(
    "EXISTS (SELECT 1 FROM document_search s WHERE s.tenant_id = $1"
    "  AND s.document_id = d.id"
    "  AND s.tsv @@ to_tsquery('norwegian', CAST($11 AS TEXT)))");

/* "%word%" in lower case (ASCII folded here; the database folds the
 * rest on PostgreSQL), with LIKE's own characters taken literally by
 * dropping them. */
static const char *
pattern(struct ctx *ctx, const char *q)
{
	struct buf	 b;
	const char	*s;

	if (q == NULL || *q == '\0')
		return "";
	buf_init(&b, 1024);
	buf_append(&b, "%", 1);
	for (s = q; *s != '\0'; s++) {
		char c = *s;

		if (c == '%' || c == '_' || c == '\\')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		buf_append(&b, &c, 1);
	}
	buf_append(&b, "%", 1);
	s = buf_failed(&b) ? "" : arena_strdup(ctx->arena, buf_cstr(&b));
	buf_free(&b);
	return s != NULL ? s : "";
}

/* The words of q as a full-text query that matches documents holding
 * every word: on SQLite each also as the start of a longer one ("rutine"
 * finds "rutiner"), on PostgreSQL in any inflection the 'norwegian'
 * configuration knows ("rutiner" finds "rutinen"; a prefix there would
 * match stems, and "varsler" find every "varsling"). Only letters and digits (and every non-ASCII byte, so that
 * æ, ø and å stay in their words) are kept; the rest separates words, so
 * nothing a user types is read as the query language's own syntax
 * (quotes, AND, *, parentheses) and a query never fails. FTS5:
 * "w1"* "w2"*; PostgreSQL's to_tsquery: w1 & w2. No words: a query
 * that is valid and matches nothing (FTS5 fails on an empty one). */
static const char *
fts_query(struct ctx *ctx, const char *q, int pg)
{
	struct buf	 b;
	const char	*s, *out;
	int		 inword = 0, n = 0;

	if (q == NULL)
		q = "";
	buf_init(&b, 1024);
	for (s = q; ; s++) {
		unsigned char	c = (unsigned char)*s;
		int		word = (c >= '0' && c <= '9') ||
				    (c >= 'a' && c <= 'z') ||
				    (c >= 'A' && c <= 'Z') || c >= 0x80;

		if (word && !inword && n == 32)
			break;		/* enough words to find anything */
		if (word && !inword) {
			if (n++ > 0)
				buf_printf(&b, pg ? " & " : " ");
			if (!pg)
				buf_append(&b, "\"", 1);
		} else if (!word && inword && !pg)
			buf_printf(&b, "\"*");
		if (word)
			buf_append(&b, s, 1);
		inword = word;
		if (c == '\0')
			break;
	}
	if (inword && !pg)
		buf_printf(&b, "\"*");
	if (n == 0)
		out = pg ? "" : "\"\"";
	else
		out = buf_failed(&b) ? NULL : arena_strdup(ctx->arena,
		    buf_cstr(&b));
	buf_free(&b);
	return out != NULL ? out : (pg ? "" : "\"\"");
}

/* The documents a prepared and bound statement of DOC_COLS returns, with
 * their owners' names, into the arena; st is reset. 0 or a DB_ code. */
static int
collect(struct ctx *ctx, struct dbstmt *st, struct document **out, size_t *n)
{
	struct document	*v;
	size_t		 cap = 64, len = 0, i;
	int		 rc;

	if ((v = arena_alloc(ctx->arena, cap * sizeof(*v))) == NULL) {
		db_reset(st);
		return DB_ERR;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v))
		    != 0) {
			rc = DB_ERR;
			break;
		}
		row(ctx, st, &v[len++]);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	/* After the statement is done: the owner's name is another one. */
	for (i = 0; i < len; i++)
		owner_name(ctx, &v[i]);
	*out = v;
	*n = len;
	return 0;
}

int
doc_rows(struct ctx *ctx, const char *sql, const int64_t *ints, int nints,
    struct document **out, size_t *n)
{
	struct dbstmt	*st;
	int		 rc, k;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	for (k = 0; k < nints; k++)
		db_bind_int(st, 2 + k, ints[k]);
	return collect(ctx, st, out, n);
}

int
document_list(struct ctx *ctx, const struct doc_filter *f,
    struct document **out, size_t *n)
{
	struct dbstmt	*st;
	int		 rc, pg;

	*out = NULL;
	*n = 0;
	if (ctx->user == NULL)
		return 0;
	pg = strcmp(db_conn_backend(ctx->conn), "postgres") == 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    pg ? SQL_LIST_PG : SQL_LIST_SQLITE, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, authz_doc_scope(ctx));
	db_bind_int(st, 3, ctx->user->id);
	db_bind_int(st, 4, ctx->user->unit_id);
	db_bind_text(st, 5, pattern(ctx, f != NULL ? f->q : NULL));
	db_bind_int(st, 6, f != NULL ? f->process_id : 0);
	db_bind_text(st, 7, f != NULL && f->status >= 0 ?
	    doc_status_name((enum doc_status)f->status) : "");
	db_bind_text(st, 8, f != NULL && f->type != NULL ? f->type : "");
	db_bind_int(st, 9, f != NULL && f->due);
	db_bind_int(st, 10, ctx->now + DOC_REMIND_AHEAD);
	db_bind_text(st, 11, fts_query(ctx, f != NULL ? f->q : NULL, pg));
	return collect(ctx, st, out, n);
}

int
document_public_list(struct ctx *ctx, struct document **out, size_t *n)
{
	static const char SQL[] =
	    "SELECT " DOC_COLS " FROM documents d WHERE d.tenant_id = $1"
	    " AND d.status = 'current' AND d.public = 1 ORDER BY d.code LIMIT 20";

	return doc_rows(ctx, SQL, NULL, 0, out, n);
}

#define VER_COLS \
    "v.id, v.number, v.state, v.body, v.change_note, v.significant," \
    " v.file_name, v.file_type, v.file_size, v.file_sha256, v.created_by," \
    " v.created_at, v.approved_at"
static const char SQL_VERSIONS[] =
    "SELECT " VER_COLS " FROM document_versions v WHERE v.tenant_id = $1"
    " AND v.document_id = $2 ORDER BY v.number DESC";
static const char SQL_VERSION[] =
    "SELECT " VER_COLS ", v.file_data FROM document_versions v"
    " WHERE v.tenant_id = $1 AND v.document_id = $2 AND v.number = $3";

static void
ver_row(struct ctx *ctx, struct dbstmt *st, struct doc_version *v)
{
	memset(v, 0, sizeof(*v));
	v->id = db_col_int(st, 0);
	v->number = (int)db_col_int(st, 1);
	v->state = dup(ctx, st, 2);
	v->body = dup(ctx, st, 3);
	v->change_note = dup(ctx, st, 4);
	v->significant = db_col_int(st, 5) != 0;
	v->file_name = dup(ctx, st, 6);
	v->file_type = dup(ctx, st, 7);
	v->file_size = db_col_int(st, 8);
	v->file_sha256 = dup(ctx, st, 9);
	v->created_by = db_col_int(st, 10);
	v->created_at = db_col_int(st, 11);
	v->approved_at = db_col_int(st, 12);
}

/* A draft or pending version is shown to those who may edit or approve. */
static int
may_see_unapproved(struct ctx *ctx, const struct document *d)
{
	return authz_doc_can(ctx, AZ_DOC_EDIT, d) ||
	    authz_doc_can(ctx, AZ_DOC_APPROVE, d) ||
	    authz_can(ctx, AZ_DOC_DRAFTS, 0);
}

int
document_versions(struct ctx *ctx, const struct document *d,
    struct doc_version **out, size_t *n)
{
	struct dbstmt	*st;
	struct doc_version *v;
	size_t		 cap = (size_t)(d->latest_version > 0 ? d->latest_version : 1);
	int		 rc, all = may_see_unapproved(ctx, d);

	*out = NULL;
	*n = 0;
	if ((v = arena_alloc(ctx->arena, cap * sizeof(*v))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_VERSIONS, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, d->id);
	while ((rc = db_step(st)) == DB_ROW && *n < cap) {
		ver_row(ctx, st, &v[*n]);
		if (all || v[*n].approved_at > 0)
			(*n)++;
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	return 0;
}

int
document_version(struct ctx *ctx, const struct document *d, int number,
    struct doc_version *out, const unsigned char **data)
{
	struct dbstmt	*st;
	const void	*p;
	size_t		 len;
	int		 rc;

	if (data != NULL)
		*data = NULL;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_VERSION, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, d->id);
	db_bind_int(st, 3, number);
	rc = db_step(st);
	if (rc == DB_ROW) {
		ver_row(ctx, st, out);
		rc = 0;
		if (out->approved_at == 0 && !may_see_unapproved(ctx, d))
			rc = DOC_ERR_NOTFOUND;
		else if (data != NULL && (p = db_col_blob(st, 13, &len)) != NULL &&
		    len > 0) {
			unsigned char *c = arena_alloc(ctx->arena, len);

			if (c == NULL)
				rc = DB_ERR;
			else {
				memcpy(c, p, len);
				*data = c;
			}
		}
	} else if (rc == DB_DONE)
		rc = DOC_ERR_NOTFOUND;
	db_reset(st);
	return rc;
}
