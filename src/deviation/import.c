/* import.c: bring the old system's deviation history (deviation_import in
 * deviation.h).
 *
 * One transaction, so a bad row can never leave half a file behind, and
 * the file is streamed, never held: memory stays the same for a thousand
 * rows or ten million. Two passes over the file: the first reads every
 * record (CSV syntax, column count) and raises each year's number counter
 * past the numbered rows, so a row without a number can never take one
 * that a later row keeps; the second checks each row against the database
 * and replays it through the model as it happened: deviation_report at
 * reported_at, an acknowledgement, a close at closed_at. Both run inside
 * the write transaction, so the database cannot change under the check.
 * The model has no way to keep a given number, so this file renumbers the
 * row afterwards and gives the counter back the number it took. What the
 * model allocates per row goes to a scratch arena, dropped every
 * IMP_BATCH rows. */
#include "deviation/deviation.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "ctx.h"
#include "deviation/dev_int.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "org/import.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/num.h"

#define IMP_NCOL	13	/* stored per row: the 11 required + concerns_leader + document */
#define IMP_NCOL_REQ	11
#define IMP_FIELD_MAX	(4 * 10000 + 16)	/* a description of 10,000 characters */
#define IMP_RECORD_MAX	(IMP_FIELD_MAX + 8192)
#define IMP_NUMBER_MAX	40
#define IMP_BATCH	1000	/* rows per scratch arena and progress report */
#define IMP_ARENA_MAX	(64u * 1024 * 1024)

static const char imp_header[] =
    "number,kind,reported_at,occurred_at,unit_code,category,title,"
    "description,status,closed_at,reporter_login";
/* The optional last columns, in this order, each may be left out:
 * concerns_leader, 1 when the row concerns the leader (it is routed as a
 * report would be, never to the leader it concerns); document, the
 * municipality's ID of the governing document it concerns (issue 14). */
static const char *const imp_opt_cols[] = {
	"", ",concerns_leader", ",document", ",concerns_leader,document"
};

enum { C_NUMBER, C_KIND, C_REPORTED, C_OCCURRED, C_UNIT, C_CATEGORY, C_TITLE,
	C_DESCRIPTION, C_STATUS, C_CLOSED, C_REPORTER };

static const char SQL_MAX_ID[] =
    "SELECT COALESCE(MAX(id), 0) FROM deviations WHERE tenant_id = $1";
static const char SQL_NUMBER_EXISTS[] =
    "SELECT id FROM deviations WHERE tenant_id = $1 AND number = $2";
static const char SQL_RENUMBER[] =
    "UPDATE deviations SET number = $2 WHERE tenant_id = $1 AND id = $3";
/* Give back the number deviation_report took for a row that keeps its own. */
static const char SQL_COUNTER_UNDO[] =
    "UPDATE deviation_counters SET last = last - 1"
    " WHERE tenant_id = $1 AND year = $2 AND last = $3";
/* Raise a year's counter to at least $3 (two statements: portable, no
 * upsert with max()/greatest()). */
static const char SQL_COUNTER_RAISE[] =
    "UPDATE deviation_counters SET last = $3"
    " WHERE tenant_id = $1 AND year = $2 AND last < $3";
static const char SQL_COUNTER_ADD[] =
    "INSERT INTO deviation_counters (tenant_id, year, last)"
    " SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM deviation_counters"
    " WHERE tenant_id = $1 AND year = $2)";

struct imp_row {
	long		 line;
	const char	*number;	/* NULL: take the next */
	int		 av_year;	/* number is AV- or FF-YYYY-N: its year and N */
	int64_t		 av_seq;
	enum dev_kind	 kind;
	enum dev_status	 status;
	int64_t		 reported_at, occurred_at, closed_at;
	int64_t		 unit_id, reporter_id;
	const char	*category;	/* NULL: none */
	const char	*title, *description;
	int		 concerns_leader;
	const char	*document;	/* NULL: none */
};

struct imp {
	struct ctx	*ctx;
	int64_t		*line;
	char		*msg;
	size_t		 msgsz;
	const char	*path;
	int64_t		 max_id;	/* deviations before this import */
	int64_t		 now;		/* when the import runs (the replay moves ctx->now) */
	size_t		 ncol;		/* IMP_NCOL_REQ and the optional columns given */
	int		 c_concerns;	/* concerns_leader's column; -1: none */
	int		 c_document;	/* document's column; -1: none */
};

static int
imp_fail(struct imp *im, long line, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Set *line and msg ("reason") and return rc. */
static int
imp_fail(struct imp *im, long line, int rc, const char *fmt, ...)
{
	va_list ap;
	int n;

	*im->line = line;
	if (im->msgsz > 0) {
		va_start(ap, fmt);
		n = vsnprintf(im->msg, im->msgsz, fmt, ap);
		va_end(ap);
		if (n < 0)
			im->msg[0] = '\0';
	}
	return rc;
}

/* ASCII case-insensitive equality; values are compared as written, with
 * no trimming, so "ny " is refused rather than guessed at. */
static int
imp_eq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

static int
imp_kind(const char *s, enum dev_kind *out)
{
	if (imp_eq(s, "deviation") || imp_eq(s, "avvik"))
		*out = DEV_DEVIATION;
	else if (imp_eq(s, "improvement") || imp_eq(s, "forbedringsforslag"))
		*out = DEV_IMPROVEMENT;
	else
		return -1;
	return 0;
}

/* The three states a history can be in; "returned" is a conversation with
 * a reporter and has no meaning in an old system's export. */
static int
imp_status(const char *s, enum dev_status *out)
{
	if (imp_eq(s, "new") || imp_eq(s, "ny"))
		*out = DEV_NEW;
	else if (imp_eq(s, "acknowledged") || imp_eq(s, "under behandling"))
		*out = DEV_ACKNOWLEDGED;
	else if (imp_eq(s, "closed") || imp_eq(s, "lukket"))
		*out = DEV_CLOSED;
	else
		return -1;
	return 0;
}

/* n decimal digits at s into *v. 0 or -1. */
static int
imp_digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* "YYYY-MM-DD" (12:00 UTC that day, so the date is the same in every
 * European time zone and in statistics by UTC month) or RFC 3339
 * "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)". 0 and *out, or -1. */
static int
imp_time(const char *s, int64_t *out)
{
	int	y, mo, d;

	/* Years 1900-2999, whichever form. */
	if (strlen(s) < 10 || imp_digits(s, 4, &y) < 0 || y < 1900 || y > 2999)
		return -1;
	if (s[10] != '\0')
		return date_parse_rfc3339(s, out);
	if (date_parse_day(s, &y, &mo, &d) != 0)
		return -1;
	return date_from_utc(y, mo, d, 12, 0, 0, out);
}

/* A given number: [A-Za-z0-9_./-]{1,40}. AV-YYYY-N (or an improvement
 * proposal's FF-YYYY-N: they share the counter) also sets year and seq
 * (0 otherwise), so the counters can be kept above it. */
static int
imp_number(const char *s, int *year, int64_t *seq)
{
	size_t i, n = strlen(s);

	*year = 0;
	*seq = 0;
	if (n < 1 || n > IMP_NUMBER_MAX)
		return -1;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!(isalnum((unsigned char)c) || c == '_' || c == '.' ||
		    c == '/' || c == '-'))
			return -1;
	}
	if (n > 8 && (strncmp(s, "AV-", 3) == 0 || strncmp(s, "FF-", 3) == 0) &&
	    s[7] == '-' &&
	    imp_digits(s + 3, 4, year) == 0 &&
	    num_parse_i64(s + 8, 1, 999999999, seq) == 0 && s[8] != '-')
		return 0;
	*year = 0;
	*seq = 0;
	return 0;
}

/* A reader on fp positioned after the header, which must be exactly
 * imp_header. 0, or negative with the message set (c is set up either
 * way: csv_free it). */
static int
imp_open(struct imp *im, FILE *fp, struct csv *c)
{
	struct buf	h;
	size_t		i, hl = strlen(imp_header);
	int		rc, ret = 0;

	if (csv_init(c, fp, IMP_FIELD_MAX, IMP_RECORD_MAX) < 0)
		return imp_fail(im, 0, -2, "%s", _("out of memory"));
	buf_init(&h, sizeof(imp_header) * 2);
	rc = csv_read(c);
	if (rc < 0) {
		ret = imp_fail(im, c->err_line, -1, _("column %ld: %s"),
		    c->err_col, _(c->err));
		goto out;
	}
	if (rc == 0) {
		ret = imp_fail(im, 1, -1,
		    _("the file is empty; the first line must be \"%s\""),
		    imp_header);
		goto out;
	}
	for (i = 0; i < c->nfield; i++) {
		if (i > 0)
			buf_putc(&h, ',');
		buf_puts(&h, c->field[i]);
	}
	im->ncol = IMP_NCOL_REQ;
	im->c_concerns = im->c_document = -1;
	for (i = 0; i < sizeof(imp_opt_cols) / sizeof(imp_opt_cols[0]); i++)
		if (!buf_failed(&h) && strncmp(buf_cstr(&h), imp_header, hl) == 0 &&
		    strcmp(buf_cstr(&h) + hl, imp_opt_cols[i]) == 0)
			break;
	if (i == sizeof(imp_opt_cols) / sizeof(imp_opt_cols[0]))
		ret = imp_fail(im, 1, -1,
		    _("the first line must be exactly \"%s\""), imp_header);
	else {
		if (i & 1)
			im->c_concerns = (int)im->ncol++;
		if (i & 2)
			im->c_document = (int)im->ncol++;
	}
out:
	buf_free(&h);
	return ret;
}

/* The next data row: 1 (c->field holds IMP_NCOL fields), 0 at the end, or
 * negative with the message set. Blank lines are skipped. */
static int
imp_next(struct imp *im, struct csv *c)
{
	int rc;

	while ((rc = csv_read(c)) == 1) {
		if (c->nfield == 1 && c->field[0][0] == '\0')
			continue;	/* blank line */
		if (c->nfield != im->ncol)
			return imp_fail(im, c->rec_line, -1,
			    _("expected %d columns, found %zu"), (int)im->ncol,
			    c->nfield);
		return 1;
	}
	if (rc < 0)
		return imp_fail(im, c->err_line, -1, _("column %ld: %s"),
		    c->err_col, _(c->err));
	return 0;
}

/* Check one row's fields; fill r. 0, or negative with the message set. */
static int
imp_check(struct imp *im, const char *const *f, long line, struct imp_row *r)
{
	struct ctx *ctx = im->ctx;
	struct arena *a = ctx->arena;
	struct unit u;
	struct person p;
	struct category cat;
	int rc;

	memset(r, 0, sizeof(*r));
	r->line = line;
	if (f[C_NUMBER][0] != '\0') {
		if (imp_number(f[C_NUMBER], &r->av_year, &r->av_seq) < 0)
			return imp_fail(im, line, -1,
			    _("number \"%s\": use 1-%d letters, digits, '-', '_', '.' or '/'"),
			    csv_show(a, f[C_NUMBER]), IMP_NUMBER_MAX);
		r->number = f[C_NUMBER];
	}
	if (imp_kind(f[C_KIND], &r->kind) < 0)
		return imp_fail(im, line, -1,
		    _("kind \"%s\": use deviation or improvement (avvik or forbedringsforslag)"),
		    csv_show(a, f[C_KIND]));
	if (f[C_REPORTED][0] == '\0')
		return imp_fail(im, line, -1, "%s", _("reported_at is empty"));
	if (imp_time(f[C_REPORTED], &r->reported_at) < 0)
		return imp_fail(im, line, -1,
		    _("reported_at \"%s\" is not a date (YYYY-MM-DD or RFC 3339)"),
		    csv_show(a, f[C_REPORTED]));
	if (r->reported_at > ctx->now)
		return imp_fail(im, line, -1,
		    _("reported_at \"%s\" is in the future"),
		    csv_show(a, f[C_REPORTED]));
	if (f[C_OCCURRED][0] != '\0') {
		if (imp_time(f[C_OCCURRED],
		    &r->occurred_at) < 0)
			return imp_fail(im, line, -1,
			    _("occurred_at \"%s\" is not a date (YYYY-MM-DD or RFC 3339)"),
			    csv_show(a, f[C_OCCURRED]));
		if (r->occurred_at > r->reported_at)
			return imp_fail(im, line, -1, "%s",
			    _("occurred_at is after reported_at"));
	}
	if (f[C_UNIT][0] == '\0')
		return imp_fail(im, line, -1, "%s", _("unit_code is empty"));
	if (!import_is_code(f[C_UNIT]) || org_unit_by_code(ctx, f[C_UNIT], &u) != 0)
		return imp_fail(im, line, -1, _("unknown unit \"%s\""),
		    csv_show(a, f[C_UNIT]));
	r->unit_id = u.id;
	if (f[C_CATEGORY][0] != '\0') {
		if ((rc = dev_category_by_code(ctx, f[C_CATEGORY], &cat)) != 0)
			return imp_fail(im, line, -1, _("unknown category \"%s\""),
			    csv_show(a, f[C_CATEGORY]));
		r->category = f[C_CATEGORY];
	} else if (r->kind == DEV_DEVIATION)
		return imp_fail(im, line, -1, "%s",
		    _("category is empty; a deviation needs one (only improvements may leave it empty)"));
	if (f[C_TITLE][0] == '\0')
		return imp_fail(im, line, -1, "%s", _("title is empty"));
	r->title = f[C_TITLE];
	if (f[C_DESCRIPTION][0] == '\0')
		return imp_fail(im, line, -1, "%s", _("description is empty"));
	r->description = f[C_DESCRIPTION];
	if (imp_status(f[C_STATUS], &r->status) < 0)
		return imp_fail(im, line, -1,
		    _("status \"%s\": use new, acknowledged or closed (ny, under behandling, lukket)"),
		    csv_show(a, f[C_STATUS]));
	if (f[C_CLOSED][0] != '\0') {
		if (imp_time(f[C_CLOSED], &r->closed_at) < 0)
			return imp_fail(im, line, -1,
			    _("closed_at \"%s\" is not a date (YYYY-MM-DD or RFC 3339)"),
			    csv_show(a, f[C_CLOSED]));
		if (r->status != DEV_CLOSED)
			return imp_fail(im, line, -1, "%s",
			    _("closed_at is given but the status is not closed"));
		if (r->closed_at < r->reported_at)
			return imp_fail(im, line, -1, "%s",
			    _("closed_at is before reported_at"));
		if (r->closed_at > ctx->now)
			return imp_fail(im, line, -1,
			    _("closed_at \"%s\" is in the future"),
			    csv_show(a, f[C_CLOSED]));
	} else if (r->status == DEV_CLOSED)
		return imp_fail(im, line, -1, "%s",
		    _("the status is closed but closed_at is empty"));
	if (f[C_REPORTER][0] != '\0') {
		if (!import_is_code(f[C_REPORTER]) ||
		    org_person_by_login(ctx, f[C_REPORTER], &p) != 0)
			return imp_fail(im, line, -1,
			    _("unknown reporter_login \"%s\""),
			    csv_show(a, f[C_REPORTER]));
		r->reporter_id = p.id;
	}
	if (im->c_concerns < 0)
		;	/* the file has no concerns_leader column */
	else if (strcmp(f[im->c_concerns], "1") == 0)
		r->concerns_leader = 1;
	else if (f[im->c_concerns][0] != '\0' && strcmp(f[im->c_concerns], "0") != 0)
		return imp_fail(im, line, -1,
		    _("concerns_leader \"%s\": use 1 or 0"),
		    csv_show(a, f[im->c_concerns]));
	if (im->c_document >= 0 && f[im->c_document][0] != '\0')
		r->document = f[im->c_document];
	return 0;
}

/* Keep the year's counter at or above seq. 0 or negative. */
static int
imp_counter_raise(struct ctx *ctx, int year, int64_t seq)
{
	static const char *const sql[] = { SQL_COUNTER_RAISE, SQL_COUNTER_ADD };
	struct dbstmt *st;
	size_t i;
	int rc;

	for (i = 0; i < 2; i++) {
		if (db_prepare_tenant(ctx->conn, ctx->tenant_id, sql[i], &st) !=
		    DB_OK)
			return DB_ERR;
		db_bind_int(st, 2, year);
		db_bind_int(st, 3, seq);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return rc < 0 ? rc : DB_ERR;
	}
	return 0;
}

/* Run fixed tenant SQL with two integer or text parameters after $1. */
static int
imp_exec(struct ctx *ctx, const char *sql, const char *t2, int64_t i2,
    int64_t i3, int nparams)
{
	struct dbstmt *st;
	int rc;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st) != DB_OK)
		return DB_ERR;
	if (t2 != NULL)
		db_bind_text(st, 2, t2);
	else if (nparams >= 2)
		db_bind_int(st, 2, i2);
	if (nparams >= 3)
		db_bind_int(st, 3, i3);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

/* Keep the row's own number: rename the deviation and give the counter
 * back the number deviation_report took, when it was the last one. */
static int
imp_keep_number(struct ctx *ctx, const struct imp_row *r,
    const struct deviation *d)
{
	struct dbstmt *st;
	int year = 0, rc;
	int64_t seq = 0;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RENUMBER, &st) !=
	    DB_OK)
		return DB_ERR;
	db_bind_text(st, 2, r->number);
	db_bind_int(st, 3, d->id);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if (d->number == NULL || imp_number(d->number, &year, &seq) < 0 ||
	    year == 0)
		return 0;	/* not a counter number: nothing to give back */
	return imp_exec(ctx, SQL_COUNTER_UNDO, NULL, year, seq, 3);
}

/* Replay one checked row. 0, or negative with the message set. */
static int
imp_apply(struct imp *im, const struct imp_row *r, const char *summary)
{
	struct ctx *ctx = im->ctx;
	struct dev_report rep;
	struct dev_action_input in;
	struct deviation d;
	const char *field = NULL;
	int rc;

	memset(&rep, 0, sizeof(rep));
	rep.kind = r->kind;
	rep.title = r->title;
	rep.description = r->description;
	rep.category = r->category;
	rep.unit_id = r->unit_id;
	rep.occurred_at = r->occurred_at;
	rep.reported_at = r->reported_at;
	rep.reporter_id = r->reporter_id;
	rep.concerns_leader = r->concerns_leader;
	rep.document = r->document;
	memset(&d, 0, sizeof(d));
	ctx->now = r->reported_at;
	/* The e-mails of an old row's notices wait for the next digest
	 * after the import (dev_int.h, DEV_HISTORY_SECONDS); imp_replay
	 * resets it with ctx->now. */
	ctx->mail_digest = im->now - r->reported_at > DEV_HISTORY_SECONDS ?
	    im->now : 0;
	if ((rc = deviation_report(ctx, &rep, &d, &field)) < 0) {
		if (rc == DEV_ERR_INVALID && field != NULL &&
		    strcmp(field, "title") == 0)
			return imp_fail(im, r->line, -1, "%s",
			    _("title is longer than 200 characters"));
		if (rc == DEV_ERR_INVALID && field != NULL &&
		    strcmp(field, "description") == 0)
			return imp_fail(im, r->line, -1, "%s",
			    _("description is longer than 10000 characters"));
		if (rc == DEV_ERR_INVALID && field != NULL &&
		    strcmp(field, "document") == 0)
			return imp_fail(im, r->line, -1,
			    _("unknown document \"%s\""),
			    csv_show(ctx->arena, r->document));
		if (rc == DEV_ERR_INVALID)
			return imp_fail(im, r->line, -1, _("%s is not valid"),
			    field != NULL ? field : "?");
		return imp_fail(im, r->line, -2, "%s",
		    _("the database refused the row"));
	}
	if (r->number != NULL && imp_keep_number(ctx, r, &d) < 0)
		return imp_fail(im, r->line, -2, "%s",
		    _("could not keep the row's number"));
	if (r->status == DEV_NEW)
		return 0;
	memset(&in, 0, sizeof(in));
	in.kind = -1;
	if (r->status == DEV_ACKNOWLEDGED) {
		in.action = DA_ACKNOWLEDGE;
	} else {
		in.action = DA_CLOSE;
		in.summary = summary;
		ctx->now = r->closed_at;
	}
	field = NULL;
	if ((rc = deviation_act(ctx, d.id, &in, &field)) < 0)
		return imp_fail(im, r->line, rc == DEV_ERR_INVALID ||
		    rc == DEV_ERR_STATE ? -1 : -2,
		    _("could not set the status (%s)"),
		    field != NULL ? field : dev_action_name(in.action));
	/* History closed long ago needs no one's attention now: the
	 * notifications deviation_report and the close made are dropped. */
	if (r->status == DEV_CLOSED && notify_forget(ctx, d.id) != 0)
		return imp_fail(im, r->line, -2, "%s",
		    _("the database refused the row"));
	return 0;
}

/* The line of the first row of the file with number (for the message
 * about a number given twice; read again only then). 0 if not found. */
static long
imp_line_of(struct imp *im, const char *number)
{
	struct csv	 c;
	FILE		*fp;
	long		 line = 0;

	if ((fp = fopen(im->path, "r")) == NULL)
		return 0;
	if (imp_open(im, fp, &c) == 0)
		while (line == 0 && imp_next(im, &c) == 1)
			if (strcmp(c.field[C_NUMBER], number) == 0)
				line = c.rec_line;
	csv_free(&c);
	fclose(fp);
	return line;
}

/* A row's number against the database: free, or taken before this import
 * ("in the database"), or by an earlier row of the file (imported a moment
 * ago, so its id is above max_id). 0, or negative with the message set. */
static int
imp_check_number(struct imp *im, const struct imp_row *r)
{
	struct dbstmt	*st;
	int64_t		 id = 0;
	int		 rc;

	if (db_prepare_tenant(im->ctx->conn, im->ctx->tenant_id,
	    SQL_NUMBER_EXISTS, &st) != DB_OK)
		return imp_fail(im, r->line, -2, "%s",
		    _("could not read the existing deviations"));
	db_bind_text(st, 2, r->number);
	rc = db_step(st);
	if (rc == DB_ROW)
		id = db_col_int(st, 0);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return imp_fail(im, r->line, -2, "%s",
		    _("could not read the existing deviations"));
	if (rc == DB_DONE)
		return 0;
	if (id > im->max_id)
		return imp_fail(im, r->line, -1,
		    _("number %s is already on line %ld"), r->number,
		    imp_line_of(im, r->number));
	return imp_fail(im, r->line, -1, _("number %s is already in the database"),
	    r->number);
}

/* Pass 1: every record read; each year's counter raised past its numbered
 * rows. The number of rows, or negative with the message set. */
static int64_t
imp_scan(struct imp *im, FILE *fp)
{
	struct csv	c;
	int64_t		n = 0, seq;
	int		year, rc;

	if ((rc = imp_open(im, fp, &c)) < 0)
		goto out;
	while ((rc = imp_next(im, &c)) == 1) {
		n++;
		if (c.field[C_NUMBER][0] == '\0' ||
		    imp_number(c.field[C_NUMBER], &year, &seq) < 0 || year == 0)
			continue;	/* a bad number is reported in pass 2 */
		if (imp_counter_raise(im->ctx, year, seq) < 0) {
			rc = imp_fail(im, c.rec_line, -2, "%s",
			    _("could not update the number counter"));
			break;
		}
	}
out:
	csv_free(&c);
	return rc < 0 ? rc : n;
}

/* Pass 2: check and replay each row. The number imported, or negative
 * with the message set. */
static int64_t
imp_replay(struct imp *im, FILE *fp, void (*progress)(void *, int64_t),
    void *arg)
{
	struct ctx	*ctx = im->ctx;
	struct arena	*keep = ctx->arena, *scratch = NULL;
	struct csv	 c;
	struct imp_row	 r;
	int64_t		 n = 0;
	int		 rc;

	if ((rc = imp_open(im, fp, &c)) < 0)
		goto out;
	while ((rc = imp_next(im, &c)) == 1) {
		if (n % IMP_BATCH == 0) {
			if (n > 0 && progress != NULL)
				progress(arg, n);
			arena_free(scratch);
			if ((scratch = arena_new(IMP_ARENA_MAX)) == NULL) {
				rc = imp_fail(im, c.rec_line, -2, "%s",
				    _("out of memory"));
				break;
			}
			ctx->arena = scratch;
		}
		ctx->now = im->now;
		ctx->mail_digest = 0;
		if ((rc = imp_check(im, c.field, c.rec_line, &r)) < 0 ||
		    (r.number != NULL && (rc = imp_check_number(im, &r)) < 0) ||
		    (rc = imp_apply(im, &r,
		    _("Closed in the previous system (imported)."))) < 0)
			break;
		n++;
	}
	if (rc == 0 && progress != NULL)
		progress(arg, n);
out:
	ctx->arena = keep;
	arena_free(scratch);
	csv_free(&c);
	return rc < 0 ? rc : n;
}

int
deviation_import(struct ctx *ctx, const char *path, int64_t *line, char *msg,
    size_t msgsz)
{
	return deviation_import_progress(ctx, path, line, msg, msgsz, NULL, NULL);
}

int
deviation_import_progress(struct ctx *ctx, const char *path, int64_t *line,
    char *msg, size_t msgsz, void (*progress)(void *, int64_t), void *arg)
{
	struct imp	 im;
	struct dbstmt	*st;
	char		 detail[64];
	int64_t		 now = ctx->now, n = 0, rows;
	FILE		*fp;
	int		 rc, own = 0;

	memset(&im, 0, sizeof(im));
	im.ctx = ctx;
	im.line = line;
	im.msg = msg;
	im.msgsz = msgsz;
	im.path = path;
	im.now = now;
	*line = 0;
	if (msgsz > 0)
		msg[0] = '\0';
	if ((fp = fopen(path, "r")) == NULL)
		return imp_fail(&im, 0, -1, "%s", _("cannot open the file"));
	if (!db_in_tx(ctx->conn)) {
		if (db_begin(ctx->conn) != DB_OK) {
			fclose(fp);
			return imp_fail(&im, 0, -2, "%s",
			    _("could not start a database transaction"));
		}
		own = 1;
	}
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MAX_ID, &st) !=
	    DB_OK || db_step(st) != DB_ROW) {
		rc = imp_fail(&im, 0, -2, "%s",
		    _("could not read the existing deviations"));
		goto out;
	}
	im.max_id = db_col_int(st, 0);
	db_reset(st);
	if ((rows = imp_scan(&im, fp)) < 0) {
		rc = (int)rows;
		goto out;
	}
	rewind(fp);
	if ((n = imp_replay(&im, fp, progress, arg)) < 0) {
		rc = (int)n;
		goto out;
	}
	ctx->now = now;
	snprintf(detail, sizeof(detail), "%lld", (long long)n);
	if (audit_append(ctx, "deviations_import", "deviation", 0, detail) < 0) {
		rc = imp_fail(&im, 0, -2, "%s", _("could not write the audit log"));
		goto out;
	}
	if (own) {
		own = 0;
		if (db_commit(ctx->conn) != DB_OK) {
			rc = imp_fail(&im, 0, -2, "%s", _("could not commit"));
			goto out;
		}
	}
	rc = n > INT32_MAX ? INT32_MAX : (int)n;
out:
	fclose(fp);
	ctx->now = now;
	ctx->mail_digest = 0;
	if (own)
		db_rollback(ctx->conn);
	return rc;
}
