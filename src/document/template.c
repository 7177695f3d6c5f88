/* template.c: installation-wide templates (issue 14 item 7; seeds/002:
 * the structure shared by the cooperation, the content owned by each
 * municipality). The operator publishes them from the command line (`orden
 * template publish`, authz_cli_operator); a municipality's quality adviser
 * lists them and adopts one as the municipality's own copy: a processes
 * template is merged into its tree by name, a document template becomes a
 * draft (utkast) owned by the adopter through document_do. The copy is
 * the municipality's from then on: nothing points back to the template,
 * so publishing it again changes no copy. */
#include "document/document.h"

#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "document/doc_int.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/buf.h"

#define TPL_COLS \
    "SELECT id, kind, name, code, title, doc_type, content, published_at" \
    " FROM doc_templates"

static void
row(struct ctx *ctx, struct dbstmt *st, struct doc_template *t)
{
	const char *s;

	t->id = db_col_int(st, 0);
	t->kind = arena_strdup(ctx->arena, db_col_text(st, 1));
	t->name = arena_strdup(ctx->arena, db_col_text(st, 2));
	t->code = (s = db_col_text(st, 3)) != NULL ? arena_strdup(ctx->arena, s) : NULL;
	t->title = (s = db_col_text(st, 4)) != NULL ? arena_strdup(ctx->arena, s) : NULL;
	t->type = (s = db_col_text(st, 5)) != NULL ? arena_strdup(ctx->arena, s) : NULL;
	t->content = arena_strdup(ctx->arena, db_col_text(st, 6));
	t->published_at = db_col_int(st, 7);
}

int
document_templates(struct ctx *ctx, struct doc_template **out, size_t *n)
{
	struct dbstmt	*st;
	size_t		 cap = 16;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((*out = arena_alloc(ctx->arena, cap * sizeof(**out))) == NULL)
		return DB_ERR;
	/* Every municipality's: the installation's list. */
	if ((rc = db_prepare_global(ctx->conn, TPL_COLS " ORDER BY kind DESC, name",
	    &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			struct doc_template *nv = arena_alloc(ctx->arena,
			    2 * cap * sizeof(*nv));

			if (nv == NULL) {
				rc = DB_ERR;
				break;
			}
			memcpy(nv, *out, cap * sizeof(*nv));
			*out = nv;
			cap *= 2;
		}
		row(ctx, st, &(*out)[(*n)++]);
	}
	db_reset(st);
	return rc < 0 ? rc : 0;
}

static int
template_get(struct ctx *ctx, int64_t id, struct doc_template *t)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_global(ctx->conn, TPL_COLS " WHERE id = $1", &st)) != DB_OK)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		row(ctx, st, t);
	db_reset(st);
	return rc == DB_ROW ? 0 : rc < 0 ? rc : DOC_ERR_NOTFOUND;
}

int
document_template_publish(struct ctx *ctx, const struct doc_template *t)
{
	static const char SQL_DEL[] = "DELETE FROM doc_templates WHERE name = $1";
	static const char SQL_ADD[] =
	    "INSERT INTO doc_templates (kind, name, code, title, doc_type,"
	    " content, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
	struct dbstmt	*st;
	int		 rc, own;

	if (!authz_cli_operator(ctx))
		return DOC_ERR_FORBIDDEN;
	if (t->name == NULL || t->name[0] == '\0' || t->content == NULL ||
	    t->content[0] == '\0' || (strcmp(t->kind, "document") == 0 &&
	    (t->title == NULL || t->type == NULL || !doc_type_valid(t->type))))
		return DOC_ERR_INVALID;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	/* Publishing a name again replaces the template; copies already
	 * adopted are the municipalities' and stay as they are. */
	if ((rc = db_prepare_global(ctx->conn, SQL_DEL, &st)) == DB_OK) {
		db_bind_text(st, 1, t->name);
		rc = db_step(st);
		db_reset(st);
		rc = rc == DB_DONE ? 0 : rc;
	}
	if (rc == 0 && (rc = db_prepare_global(ctx->conn, SQL_ADD, &st)) == DB_OK) {
		db_bind_text(st, 1, t->kind);
		db_bind_text(st, 2, t->name);
		db_bind_text(st, 3, t->code);
		db_bind_text(st, 4, t->title);
		db_bind_text(st, 5, t->type);
		db_bind_text(st, 6, t->content);
		db_bind_int(st, 7, ctx->now);
		rc = db_step(st);
		db_reset(st);
		rc = rc == DB_DONE ? 0 : rc;
	}
	return db_tx_finish(ctx->conn, own, rc);
}

int
document_template_tree(struct ctx *ctx, const char **out)
{
	struct doc_process	*p;
	struct buf		 b;
	const char		*path[16];
	size_t			 n, i;
	int			 rc, d;

	*out = NULL;
	if ((rc = doc_process_list(ctx, &p, &n)) != 0)
		return rc;
	buf_init(&b, 1 << 20);
	for (i = 0; i < n; i++) {
		if (p[i].depth < 0 || p[i].depth >= 16)
			continue;
		path[p[i].depth] = p[i].name;
		for (d = 0; d <= p[i].depth; d++)
			buf_printf(&b, "%s%s", d > 0 ? " > " : "", path[d]);
		buf_printf(&b, "\n");
	}
	*out = arena_strndup(ctx->arena, b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return *out != NULL ? 0 : DB_ERR;
}

/* Merge the tree of a template (one "A > B > C" a line) into the
 * municipality's by name. */
static int
merge_tree(struct ctx *ctx, const char *s)
{
	int64_t	parent, id;
	char	name[256];

	while (*s != '\0') {
		size_t line = strcspn(s, "\n");
		const char *end = s + line, *p = s;

		parent = 0;
		while (p < end) {
			const char *sep = strstr(p, ">");
			size_t len;

			if (sep == NULL || sep > end)
				sep = end;
			while (p < sep && (*p == ' ' || *p == '\t'))
				p++;
			len = (size_t)(sep - p);
			while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
			    p[len - 1] == '\r'))
				len--;
			if (len > 0 && len < sizeof(name)) {
				memcpy(name, p, len);
				name[len] = '\0';
				if ((id = doc_process_put(ctx, parent, name)) < 0)
					return (int)id;
				parent = id;
			}
			p = sep < end ? sep + 1 : end;
		}
		s = *end == '\n' ? end + 1 : end;
	}
	return 0;
}

int
document_template_adopt(struct ctx *ctx, int64_t id, const char *code,
    struct doc_result *out)
{
	struct doc_template	 t;
	struct doc_process	*p;
	struct doc_input	 in;
	size_t			 n;
	int			 rc, own;

	memset(out, 0, sizeof(*out));
	out->outcome = DOC_FAILED;
	if (!authz_can(ctx, AZ_DOC_PROCESSES, 0)) {
		out->outcome = DOC_FORBIDDEN;
		return 0;
	}
	if ((rc = template_get(ctx, id, &t)) != 0) {
		out->outcome = rc == DOC_ERR_NOTFOUND ? DOC_NOT_FOUND : DOC_FAILED;
		return 0;
	}
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return 0;
	if (strcmp(t.kind, "processes") == 0) {
		if ((rc = doc_processes_ensure(ctx)) == 0 &&
		    (rc = merge_tree(ctx, t.content)) == 0 &&
		    audit_append(ctx, "doc_template_adopt", "doc_template", t.id,
		    t.name) < 0)
			rc = DB_ERR;
		if ((rc = db_tx_finish(ctx->conn, own, rc)) == 0)
			out->outcome = DOC_OK;
		return 0;
	}
	/* A document: a draft of the adopter's, under the first main
	 * process (they move it where it belongs, as with any draft). */
	memset(&in, 0, sizeof(in));
	in.action = DOC_A_CREATE;
	in.code = code != NULL && code[0] != '\0' ? code : t.code;
	in.title = t.title;
	in.type = t.type;
	in.body = t.content;
	in.change_note = _("Adopted from a shared template.");
	if ((rc = doc_process_list(ctx, &p, &n)) == 0 && n > 0)
		in.process_id = p[0].id;
	if (rc == 0) {
		document_do(ctx, 0, &in, out);
		if (out->outcome != DOC_OK)
			rc = -1;
		else if (audit_append(ctx, "doc_template_adopt", "document",
		    out->id, t.name) < 0)
			rc = DB_ERR;
	}
	if (db_tx_finish(ctx->conn, own, rc) != 0 && out->outcome == DOC_OK)
		out->outcome = DOC_FAILED;
	return 0;
}
