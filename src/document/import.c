/* import.c: `orden import documents` (document_import in document.h): a
 * municipality moving its register of governing documents in from a
 * spreadsheet.
 *
 * Every row goes through document_do as the operator at the command line
 * (authz_cli_operator), so an imported document meets the same rules as
 * one made in the page: its ID unique, its owner, process and units known,
 * its file sniffed and limited like an upload. The whole file runs in one
 * transaction opened here; the gate joins it, and the first bad row rolls
 * everything back: all or nothing. */
#include "document/document.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/csv.h"
#include "util/date.h"

/* The columns, in this order (enum imp_col). */
static const char *const cols[] = {
	"id", "title", "type", "process", "owner", "approval_body",
	"approval_case", "approved_on", "next_revision", "units", "file"
};
enum imp_col { IC_ID, IC_TITLE, IC_TYPE, IC_PROCESS, IC_OWNER, IC_BODY,
	IC_CASE, IC_APPROVED, IC_NEXT, IC_UNITS, IC_FILE, IC_MAX };

/* The Norwegian names of the types, as a register writes them. */
static const char *const types_nb[][2] = {
	{ "rutine", "routine" }, { "prosedyre", "procedure" },
	{ "retningslinje", "guideline" }, { "reglement", "regulation" },
	{ "skjema", "form" }, { "mal", "template" },
};

struct imp {
	struct ctx	*ctx;
	const char	*path;
	char		*msg;
	size_t		 msglen;
	char		 dir[4096];	/* the CSV's folder, with its '/' */
	struct doc_process *procs;
	size_t		 nprocs;
};

static int
fail(struct imp *im, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "FILE:LINE:COLUMN: reason" into im->msg; returns -1. */
static int
fail(struct imp *im, long line, int col, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (col > 0)
		n = snprintf(im->msg, im->msglen, "%s:%ld:%d: ", im->path, line, col);
	else
		n = snprintf(im->msg, im->msglen, "%s:%ld: ", im->path, line);
	if (n < 0 || (size_t)n >= im->msglen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(im->msg + n, im->msglen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int
header_ok(struct imp *im, const struct csv *c)
{
	size_t i;

	if (c->nfield != IC_MAX)
		return fail(im, c->rec_line, 0,
		    _("the header must be: %s"),
		    "id,title,type,process,owner,approval_body,approval_case,"
		    "approved_on,next_revision,units,file");
	for (i = 0; i < IC_MAX; i++)
		if (strcasecmp(c->field[i], cols[i]) != 0)
			return fail(im, c->rec_line, (int)i + 1,
			    _("column %zu must be \"%s\""), i + 1, cols[i]);
	return 0;
}

static const char *
type_of(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(types_nb) / sizeof(types_nb[0]); i++)
		if (strcasecmp(s, types_nb[i][0]) == 0)
			return types_nb[i][1];
	return s;
}

/* The main process named s (a top group or a sub-process), unique. */
static int
process_of(struct imp *im, long line, const char *s, int64_t *id)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < im->nprocs; i++)
		if (strcasecmp(im->procs[i].name, s) == 0) {
			*id = im->procs[i].id;
			n++;
		}
	if (n == 0)
		return fail(im, line, IC_PROCESS + 1,
		    _("no main process is named \"%s\""),
		    csv_show(im->ctx->arena, s));
	if (n > 1)
		return fail(im, line, IC_PROCESS + 1,
		    _("several main processes are named \"%s\""),
		    csv_show(im->ctx->arena, s));
	return 0;
}

static int
day_of(struct imp *im, long line, enum imp_col col, const char *s,
    int64_t *out)
{
	int y, mo, d;

	*out = 0;
	if (*s == '\0')
		return 0;
	if (date_parse_day(s, &y, &mo, &d) != 0 ||
	    date_from_local(y, mo, d, 0, 0, 0, out) != 0)
		return fail(im, line, (int)col + 1, "%s", _("Write the date as YYYY-MM-DD."));
	return 0;
}

/* The file a row names, relative to the CSV's folder and never outside
 * it, read whole (at most one byte past DOC_FILE_MAX, for the gate to
 * refuse). *data is malloc'd (the caller frees it). */
static int
file_of(struct imp *im, long line, const char *rel, struct doc_input *in,
    unsigned char **data)
{
	char		 path[8192];
	const char	*p, *base;
	FILE		*fp;
	size_t		 n;

	*data = NULL;
	if (rel[0] == '/' || strstr(rel, "..") != NULL || strchr(rel, '\\') != NULL)
		return fail(im, line, IC_FILE + 1, "%s",
		    _("the file must be named relative to the CSV file's folder, without \"..\""));
	if ((size_t)snprintf(path, sizeof(path), "%s%s", im->dir, rel) >= sizeof(path))
		return fail(im, line, IC_FILE + 1, "%s", _("the file name is too long"));
	if ((fp = fopen(path, "rb")) == NULL)
		return fail(im, line, IC_FILE + 1, _("cannot open %s"),
		    csv_show(im->ctx->arena, rel));
	if ((*data = malloc(DOC_FILE_MAX + 1)) == NULL) {
		fclose(fp);
		return fail(im, line, IC_FILE + 1, "%s", _("out of memory"));
	}
	n = fread(*data, 1, DOC_FILE_MAX + 1, fp);
	if (ferror(fp)) {
		fclose(fp);
		return fail(im, line, IC_FILE + 1, _("cannot read %s"),
		    csv_show(im->ctx->arena, rel));
	}
	fclose(fp);
	base = rel;
	for (p = rel; *p != '\0'; p++)
		if (*p == '/')
			base = p + 1;
	in->file_name = arena_strdup(im->ctx->arena, base);
	in->file_data = *data;
	in->file_len = n;
	return 0;
}

/* The column a refusal of the gate is about. */
static int
col_of(const char *field)
{
	static const struct { const char *field; enum imp_col col; } map[] = {
		{ "code", IC_ID }, { "title", IC_TITLE }, { "type", IC_TYPE },
		{ "process_id", IC_PROCESS }, { "owner", IC_OWNER },
		{ "approval_body", IC_BODY }, { "approval_case", IC_CASE },
		{ "approved_on", IC_APPROVED }, { "next_revision", IC_NEXT },
		{ "units", IC_UNITS }, { "unit_id", IC_UNITS }, { "file", IC_FILE },
		{ "body", IC_FILE },
	};
	size_t i;

	for (i = 0; field != NULL && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(field, map[i].field) == 0)
			return (int)map[i].col + 1;
	return 0;
}

static int
refused(struct imp *im, long line, const struct doc_result *r)
{
	switch (r->outcome) {
	case DOC_OK:
		return 0;
	case DOC_INVALID:
		return fail(im, line, col_of(r->field), "%s",
		    r->why != NULL ? _(r->why) : _("invalid value"));
	case DOC_FORBIDDEN:
	case DOC_NOT_FOUND:
		return fail(im, line, 0, "%s", _("not allowed"));
	case DOC_CONFLICT:
		return fail(im, line, 0, "%s", _("the document cannot take this step now"));
	case DOC_FAILED:
		break;
	}
	return fail(im, line, 0, "%s", _("the database refused the row"));
}

/* One row: the document with its first version, then (approved) its
 * approval, which makes it current. */
static int
row(struct imp *im, const struct csv *c)
{
	const char *const	*f = c->field;
	long			 line = c->rec_line;
	struct doc_input	 in;
	struct doc_result	 r;
	unsigned char		*data = NULL;
	int64_t			 approved, next;
	int			 rc;

	if (c->nfield != IC_MAX)
		return fail(im, line, 0, _("expected %d columns, found %zu"),
		    IC_MAX, c->nfield);
	memset(&in, 0, sizeof(in));
	in.action = DOC_A_CREATE;
	in.code = f[IC_ID];
	in.title = f[IC_TITLE];
	in.type = type_of(f[IC_TYPE]);
	in.owner_login = f[IC_OWNER];
	in.units = f[IC_UNITS][0] != '\0' ? f[IC_UNITS] : NULL;
	in.significant = 1;
	in.change_note = _("Imported from the previous register.");
	if (f[IC_ID][0] == '\0')
		return fail(im, line, IC_ID + 1, "%s", _("the document's ID is required"));
	if (f[IC_TITLE][0] == '\0')
		return fail(im, line, IC_TITLE + 1, "%s", _("the title is required"));
	if (f[IC_OWNER][0] == '\0')
		return fail(im, line, IC_OWNER + 1, "%s", _("the owner's login is required"));
	if (process_of(im, line, f[IC_PROCESS], &in.process_id) != 0 ||
	    day_of(im, line, IC_APPROVED, f[IC_APPROVED], &approved) != 0 ||
	    day_of(im, line, IC_NEXT, f[IC_NEXT], &next) != 0)
		return -1;
	if (approved == 0 && (f[IC_NEXT][0] != '\0' || f[IC_BODY][0] != '\0' ||
	    f[IC_CASE][0] != '\0'))
		return fail(im, line, IC_APPROVED + 1, "%s",
		    _("an approval needs its date (approved_on)"));
	if (f[IC_FILE][0] != '\0') {
		if (file_of(im, line, f[IC_FILE], &in, &data) != 0) {
			free(data);
			return -1;
		}
	} else
		in.body = _("Imported from the previous register; the text is not written in yet.");
	document_do(im->ctx, 0, &in, &r);
	free(data);
	if ((rc = refused(im, line, &r)) != 0 || approved == 0)
		return rc;
	memset(&in, 0, sizeof(in));
	in.action = DOC_A_SUBMIT;
	document_do(im->ctx, r.id, &in, &r);
	if ((rc = refused(im, line, &r)) != 0)
		return rc;
	in.action = DOC_A_APPROVE;
	in.approval_body = f[IC_BODY][0] != '\0' ? f[IC_BODY] : NULL;
	in.approval_case = f[IC_CASE][0] != '\0' ? f[IC_CASE] : NULL;
	in.approved_on = approved;
	in.next_revision = next;
	document_do(im->ctx, r.id, &in, &r);
	return refused(im, line, &r);
}

static int
import_rows(struct imp *im, FILE *fp, int *count)
{
	struct csv	c;
	int		rc, got;

	if (csv_init(&c, fp, 0, 0) != 0)
		return fail(im, 1, 0, "%s", _("out of memory"));
	c.sep = csv_sniff_sep(fp);
	if ((got = csv_read(&c)) <= 0) {
		rc = got < 0 ? fail(im, c.err_line, (int)c.err_col, "%s", _(c.err)) :
		    fail(im, 1, 0, "%s", _("the file is empty"));
		goto out;
	}
	if ((rc = header_ok(im, &c)) != 0 ||
	    (rc = doc_process_list(im->ctx, &im->procs, &im->nprocs)) != 0) {
		if (rc > 0 || im->msg[0] == '\0')
			rc = fail(im, 1, 0, "%s", _("the database refused the row"));
		goto out;
	}
	while ((got = csv_read(&c)) > 0) {
		/* A blank line (a spreadsheet's last one) is no row. */
		if (c.nfield == 1 && c.field[0][0] == '\0')
			continue;
		if ((rc = row(im, &c)) != 0)
			goto out;
		(*count)++;
	}
	rc = got < 0 ? fail(im, c.err_line, (int)c.err_col, "%s", _(c.err)) : 0;
out:
	csv_free(&c);
	return rc;
}

int
document_import(struct ctx *ctx, const char *path, int *count, char *msg,
    size_t msglen)
{
	struct imp	 im;
	const char	*slash;
	char		*detail;
	FILE		*fp;
	int		 rc, own, quiet;

	*count = 0;
	memset(&im, 0, sizeof(im));
	im.ctx = ctx;
	im.path = path;
	im.msg = msg;
	im.msglen = msglen;
	msg[0] = '\0';
	if ((slash = strrchr(path, '/')) != NULL &&
	    (size_t)(slash - path + 1) < sizeof(im.dir))
		memcpy(im.dir, path, (size_t)(slash - path + 1));
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(msg, msglen, _("cannot open %s"), path);
		return -1;
	}
	if (db_tx_join(ctx->conn, &own) != 0) {
		fclose(fp);
		snprintf(msg, msglen, "%s", _("the database refused the row"));
		return -1;
	}
	/* A register moving in is history: its documents are on each
	 * reader's "to read" list, not a notice apiece for every employee
	 * (hundreds of documents times thousands of people). */
	quiet = ctx->notify_quiet;
	ctx->notify_quiet = 1;
	rc = import_rows(&im, fp, count);
	ctx->notify_quiet = quiet;
	fclose(fp);
	if (rc == 0) {
		/* No person acts: the row says who did. */
		detail = arena_printf(ctx->arena,
		    "%s: %d (orden import documents, operator at the command line)",
		    (slash = strrchr(path, '/')) != NULL ? slash + 1 : path, *count);
		if (detail == NULL ||
		    audit_append(ctx, "doc_import", "document", 0, detail) < 0) {
			snprintf(msg, msglen, "%s", _("the database refused the row"));
			rc = -1;
		}
	}
	if (db_tx_finish(ctx->conn, own, rc) != 0 && rc == 0) {
		snprintf(msg, msglen, "%s", _("the database refused the row"));
		rc = -1;
	}
	if (rc != 0)
		*count = 0;
	return rc;
}
