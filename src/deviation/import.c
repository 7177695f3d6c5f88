/* import.c: bring the old system's deviation history (deviation_import in
 * deviation.h).
 *
 * One transaction, so a bad row can never leave half a file behind, and
 * the file is streamed, never held. Two passes over the file. The first
 * checks every field of every row (unit, category, reporter, document
 * from lookups read once per distinct value and kept in C; kind, status,
 * dates, lengths; a number against the database, unless the municipality
 * has no deviation yet, and the file) and writes
 * nothing, so a bad row anywhere is reported with its line and column
 * before any row is replayed; at its end each year's number counter is
 * raised past the numbered rows, so a row without a number can never take
 * one that a later row keeps. The second replays each row through the
 * model as it happened: deviation_report at reported_at (keeping the
 * row's number), an acknowledgement, a close at closed_at (its legal clocks
 * met then, imp_legal_met). Both run inside
 * the write transaction, so the database cannot change under the check.
 * What the import can do once is done once: the kept counts are summed in
 * memory and written at the end (dev_counts_defer_begin), and a row closed
 * in the old system makes no notifications to drop again (ctx->quiet).
 * On PostgreSQL the connection is a bulk one (db_conn_bulk: writes sent
 * ahead), and the tables the replay fills are analyzed as they grow
 * (db_bulk_analyze), or the plans made when they were empty stay.
 * Memory: the lookups (the size of the org) and 16 bytes per numbered row
 * for the check of numbers given twice; what the model allocates per row
 * goes to a scratch arena, dropped every IMP_BATCH rows. */
#include "deviation/deviation.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/dev_int.h"
#include "document/document.h"
#include "i18n/i18n.h"
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
#define IMP_ANALYZE	1000	/* rows replayed before the first db_bulk_analyze */
#define IMP_ANALYZE_X	4	/* and the factor to each next one */
#define IMP_ARENA_MAX	(64u * 1024 * 1024)
#define IMP_LOOKUP_MAX	(64u * 1024 * 1024)	/* the codes and logins looked up */
#define IMP_YEAR_MIN	1900	/* imp_time's years */
#define IMP_YEARS	1100

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

static const char SQL_NUMBER_EXISTS[] =
    "SELECT id FROM deviations WHERE tenant_id = $1 AND number = $2";
/* Whether the municipality has any deviation: a new one (the usual
 * import) has no number a row could meet, and is spared a lookup per
 * numbered row (a round trip each on PostgreSQL). */
static const char SQL_ANY_DEVIATION[] =
    "SELECT 1 FROM deviations WHERE tenant_id = $1 LIMIT 1";
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

/* A code (unit, category, login, document ID) and what the model's lookup
 * found for it: the id, 0 for none, -1 for a category not in use. Each
 * distinct code is looked up once for the whole file. */
struct imp_ent {
	const char	*key;		/* in imp.lookups; NULL: a free slot */
	int64_t		 val;
};
struct imp_map {
	struct imp_ent	*v;		/* owned */
	size_t		 cap, n;	/* cap a power of two */
};
enum { M_UNIT, M_CATEGORY, M_PERSON, M_DOCUMENT, M_MAX };

/* The hashes of the numbers the file gives (0 free): a number met twice
 * is told from a collision by reading the file again (imp_line_of). */
struct imp_set {
	uint64_t	*v;		/* owned */
	size_t		 cap, n;
};

struct imp {
	struct ctx	*ctx;
	int64_t		*line, *col;	/* where the error is; col 0: no column */
	char		*msg;
	size_t		 msgsz;
	const char	*path;
	int64_t		 now;		/* when the import runs (the replay moves ctx->now) */
	int		 none_before;	/* the municipality had no deviation */
	size_t		 ncol;		/* IMP_NCOL_REQ and the optional columns given */
	int		 c_concerns;	/* concerns_leader's column; -1: none */
	int		 c_document;	/* document's column; -1: none */
	struct arena	*lookups;	/* the keys of maps; owned */
	struct imp_map	 maps[M_MAX];
	struct imp_set	 numbers;
	int64_t		 year_max[IMP_YEARS];	/* the highest AV-/FF- number of a year */
};

static int
imp_fail(struct imp *im, long line, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int
imp_fail_col(struct imp *im, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Set *line and msg ("reason"), *col to 0, and return rc. */
static int
imp_fail(struct imp *im, long line, int rc, const char *fmt, ...)
{
	va_list ap;
	int n;

	*im->line = line;
	*im->col = 0;
	if (im->msgsz > 0) {
		va_start(ap, fmt);
		n = vsnprintf(im->msg, im->msgsz, fmt, ap);
		va_end(ap);
		if (n < 0)
			im->msg[0] = '\0';
	}
	return rc;
}

/* A bad field: *line, *col (col counts from 0, given from 1, as the CSV
 * reader's own errors) and msg "reason", and -1. */
static int
imp_fail_col(struct imp *im, long line, int col, const char *fmt, ...)
{
	char	reason[512];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (n < 0)
		reason[0] = '\0';
	(void)imp_fail(im, line, -1, "%s", reason);
	*im->col = col + 1;
	return -1;
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
	c->sep = csv_sniff_sep(fp);	/* a Norwegian spreadsheet's ';' */
	buf_init(&h, sizeof(imp_header) * 2);
	rc = csv_read(c);
	if (rc < 0) {
		ret = imp_fail_col(im, c->err_line, (int)c->err_col - 1, "%s",
		    _(c->err));
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
		ret = imp_fail_col(im, 1, (int)csv_header_col(c, imp_header) - 1,
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
		/* At the column the row lacks, or the first too many. */
		if (c->nfield != im->ncol)
			return imp_fail_col(im, c->rec_line, (int)(c->nfield <
			    im->ncol ? c->nfield : im->ncol),
			    _("expected %d columns, found %zu"), (int)im->ncol,
			    c->nfield);
		return 1;
	}
	if (rc < 0)
		return imp_fail_col(im, c->err_line, (int)c->err_col - 1, "%s",
		    _(c->err));
	return 0;
}

/* FNV-1a of s. */
static uint64_t
imp_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The model's answer for key in map m (imp_ent.val): asked once per
 * distinct key, then kept. 0 and *val, or a DB_* error. */
static int
imp_lookup(struct imp *im, int m, const char *key, int64_t *val)
{
	struct imp_map	*map = &im->maps[m];
	struct imp_ent	*e, *old;
	struct ctx	*ctx = im->ctx;
	struct unit	 u;
	struct person	 p;
	struct category	 cat;
	struct document	 doc;
	size_t		 i, oldcap;
	int		 rc;

	if ((map->n + 1) * 2 > map->cap) {
		old = map->v;
		oldcap = map->cap;
		map->cap = map->cap ? map->cap * 2 : 256;
		if ((map->v = calloc(map->cap, sizeof(*map->v))) == NULL) {
			map->v = old;
			map->cap = oldcap;
			return DB_ERR;
		}
		for (i = 0; i < oldcap; i++) {
			if (old[i].key == NULL)
				continue;
			e = &map->v[imp_hash(old[i].key) & (map->cap - 1)];
			while (e->key != NULL)
				e = e == &map->v[map->cap - 1] ? map->v : e + 1;
			*e = old[i];
		}
		free(old);
	}
	e = &map->v[imp_hash(key) & (map->cap - 1)];
	while (e->key != NULL && strcmp(e->key, key) != 0)
		e = e == &map->v[map->cap - 1] ? map->v : e + 1;
	if (e->key != NULL) {
		*val = e->val;
		return 0;
	}
	/* The same lookups as the model's, on the same tables. */
	*val = 0;
	switch (m) {
	/* As before: whatever keeps a unit or a login from being found
	 * makes it unknown. */
	case M_UNIT:
		if (org_unit_by_code(ctx, key, &u) == 0)
			*val = u.id;
		rc = 0;
		break;
	case M_PERSON:
		if (org_person_by_login(ctx, key, &p) == 0)
			*val = p.id;
		rc = 0;
		break;
	case M_CATEGORY:
		if ((rc = dev_category_by_code(ctx, key, &cat)) == 0)
			*val = cat.active ? cat.id : -1;
		else if (rc == DEV_ERR_NOTFOUND)
			rc = 0;
		break;
	default:
		if ((rc = document_load_code(ctx, key, &doc)) == 0)
			*val = doc.id;
		else if (rc == DOC_ERR_NOTFOUND)
			rc = 0;
		break;
	}
	if (rc != 0)
		return rc;
	if ((e->key = arena_strdup(im->lookups, key)) == NULL)
		return DB_ERR;
	e->val = *val;
	map->n++;
	return 0;
}

/* Check one row's fields from the lookups; fill r. 0, or negative with the
 * message set (the line and the column of the field). Writes nothing. */
static int
imp_check(struct imp *im, const char *const *f, long line, struct imp_row *r)
{
	struct ctx *ctx = im->ctx;
	struct arena *a = ctx->arena;
	int64_t v;

	memset(r, 0, sizeof(*r));
	r->line = line;
	if (f[C_NUMBER][0] != '\0') {
		if (imp_number(f[C_NUMBER], &r->av_year, &r->av_seq) < 0)
			return imp_fail_col(im, line, C_NUMBER,
			    _("number \"%s\": use 1-%d letters, digits, '-', '_', '.' or '/'"),
			    csv_show(a, f[C_NUMBER]), IMP_NUMBER_MAX);
		r->number = f[C_NUMBER];
	}
	if (imp_kind(f[C_KIND], &r->kind) < 0)
		return imp_fail_col(im, line, C_KIND,
		    _("kind \"%s\": use deviation or improvement (avvik or forbedringsforslag)"),
		    csv_show(a, f[C_KIND]));
	if (f[C_REPORTED][0] == '\0')
		return imp_fail_col(im, line, C_REPORTED, "%s",
		    _("reported_at is empty"));
	if (imp_time(f[C_REPORTED], &r->reported_at) < 0)
		return imp_fail_col(im, line, C_REPORTED,
		    _("reported_at \"%s\" is not a date (YYYY-MM-DD or RFC 3339)"),
		    csv_show(a, f[C_REPORTED]));
	if (r->reported_at > im->now)
		return imp_fail_col(im, line, C_REPORTED,
		    _("reported_at \"%s\" is in the future"),
		    csv_show(a, f[C_REPORTED]));
	if (f[C_OCCURRED][0] != '\0') {
		if (imp_time(f[C_OCCURRED], &r->occurred_at) < 0)
			return imp_fail_col(im, line, C_OCCURRED,
			    _("occurred_at \"%s\" is not a date (YYYY-MM-DD or RFC 3339)"),
			    csv_show(a, f[C_OCCURRED]));
		if (r->occurred_at > r->reported_at)
			return imp_fail_col(im, line, C_OCCURRED, "%s",
			    _("occurred_at is after reported_at"));
	}
	if (f[C_UNIT][0] == '\0')
		return imp_fail_col(im, line, C_UNIT, "%s", _("unit_code is empty"));
	if (!import_is_code(f[C_UNIT]) ||
	    imp_lookup(im, M_UNIT, f[C_UNIT], &r->unit_id) != 0 ||
	    r->unit_id <= 0)
		return imp_fail_col(im, line, C_UNIT, _("unknown unit \"%s\""),
		    csv_show(a, f[C_UNIT]));
	if (f[C_CATEGORY][0] != '\0') {
		if (imp_lookup(im, M_CATEGORY, f[C_CATEGORY], &v) != 0)
			return imp_fail(im, line, -2, "%s",
			    _("could not read the existing deviations"));
		if (v == 0)
			return imp_fail_col(im, line, C_CATEGORY,
			    _("unknown category \"%s\""),
			    csv_show(a, f[C_CATEGORY]));
		if (v < 0)	/* not in use: the model refuses it */
			return imp_fail_col(im, line, C_CATEGORY,
			    _("%s is not valid"), "category");
		r->category = f[C_CATEGORY];
	} else if (r->kind == DEV_DEVIATION)
		return imp_fail_col(im, line, C_CATEGORY, "%s",
		    _("category is empty; a deviation needs one (only improvements may leave it empty)"));
	if (dev_blank(f[C_TITLE]))
		return imp_fail_col(im, line, C_TITLE, "%s", _("title is empty"));
	if (dev_utf8_len(f[C_TITLE]) > DEV_TITLE_MAX)
		return imp_fail_col(im, line, C_TITLE, "%s",
		    _("title is longer than 200 characters"));
	r->title = f[C_TITLE];
	if (dev_blank(f[C_DESCRIPTION]))
		return imp_fail_col(im, line, C_DESCRIPTION, "%s",
		    _("description is empty"));
	if (dev_utf8_len(f[C_DESCRIPTION]) > DEV_TEXT_MAX)
		return imp_fail_col(im, line, C_DESCRIPTION, "%s",
		    _("description is longer than 10000 characters"));
	r->description = f[C_DESCRIPTION];
	if (imp_status(f[C_STATUS], &r->status) < 0)
		return imp_fail_col(im, line, C_STATUS,
		    _("status \"%s\": use new, acknowledged or closed (ny, under behandling, lukket)"),
		    csv_show(a, f[C_STATUS]));
	if (f[C_CLOSED][0] != '\0') {
		if (imp_time(f[C_CLOSED], &r->closed_at) < 0)
			return imp_fail_col(im, line, C_CLOSED,
			    _("closed_at \"%s\" is not a date (YYYY-MM-DD or RFC 3339)"),
			    csv_show(a, f[C_CLOSED]));
		if (r->status != DEV_CLOSED)
			return imp_fail_col(im, line, C_CLOSED, "%s",
			    _("closed_at is given but the status is not closed"));
		if (r->closed_at < r->reported_at)
			return imp_fail_col(im, line, C_CLOSED, "%s",
			    _("closed_at is before reported_at"));
		if (r->closed_at > im->now)
			return imp_fail_col(im, line, C_CLOSED,
			    _("closed_at \"%s\" is in the future"),
			    csv_show(a, f[C_CLOSED]));
	} else if (r->status == DEV_CLOSED)
		return imp_fail_col(im, line, C_CLOSED, "%s",
		    _("the status is closed but closed_at is empty"));
	if (f[C_REPORTER][0] != '\0') {
		if (!import_is_code(f[C_REPORTER]) ||
		    imp_lookup(im, M_PERSON, f[C_REPORTER], &r->reporter_id) != 0 ||
		    r->reporter_id <= 0)
			return imp_fail_col(im, line, C_REPORTER,
			    _("unknown reporter_login \"%s\""),
			    csv_show(a, f[C_REPORTER]));
	}
	if (im->c_concerns < 0)
		;	/* the file has no concerns_leader column */
	else if (strcmp(f[im->c_concerns], "1") == 0)
		r->concerns_leader = 1;
	else if (f[im->c_concerns][0] != '\0' && strcmp(f[im->c_concerns], "0") != 0)
		return imp_fail_col(im, line, im->c_concerns,
		    _("concerns_leader \"%s\": use 1 or 0"),
		    csv_show(a, f[im->c_concerns]));
	if (im->c_document >= 0 && f[im->c_document][0] != '\0') {
		if (imp_lookup(im, M_DOCUMENT, f[im->c_document], &v) != 0)
			return imp_fail(im, line, -2, "%s",
			    _("could not read the existing deviations"));
		if (v <= 0)
			return imp_fail_col(im, line, im->c_document,
			    _("unknown document \"%s\""),
			    csv_show(a, f[im->c_document]));
		r->document = f[im->c_document];
	}
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

/* The column (from 0) of imp_header named name, or -1 (no column: the
 * message names no column then). */
static int
imp_col_named(const char *name)
{
	const char	*h = imp_header;
	size_t		 n, len = name != NULL ? strlen(name) : 0;
	int		 i;

	for (i = 0; name != NULL && *h != '\0'; i++) {
		n = strcspn(h, ",");
		if (n == len && strncmp(h, name, n) == 0)
			return i;
		h += n + (h[n] == ',');
	}
	return -1;
}

/*
 * The legal clocks the report of a row closed in the old system started
 * (d->legal), met at its close as the workflow meets one: the handler's
 * legal_done at ctx->now (closed_at), with its event, before the close. The
 * old system's export says nothing of when an authority was told; a case
 * it closed was done with, so its clocks were met by then at the latest,
 * and a clock whose deadline had passed by the close reads as met late
 * (done_at after due_at), never on time. Left unmet, they read as open on
 * the case page and filled the yearly wheel's list of clocks not met
 * (legal_open.c, 500 rows) with history: 8,196 of 8,291 clocks after an
 * import of 200,000 rows. 0 or an error of deviation_act.
 */
static int
imp_legal_met(struct ctx *ctx, const struct deviation *d, const char **field)
{
	struct dev_action_input	in;
	size_t			i;
	int			rc;

	for (i = 0; i < d->nlegal; i++) {
		if (d->legal[i].done_at != 0)
			continue;
		memset(&in, 0, sizeof(in));
		in.kind = -1;
		in.action = DA_LEGAL_DONE;
		in.authority = d->legal[i].authority;
		if ((rc = deviation_act(ctx, d->id, &in, field)) != 0)
			return rc;
	}
	return 0;
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
	rep.number = r->number;
	memset(&d, 0, sizeof(d));
	ctx->now = r->reported_at;
	/* The e-mails of an old row's notices wait for the next digest
	 * after the import (dev_int.h, DEV_HISTORY_SECONDS); imp_replay
	 * resets it with ctx->now. */
	ctx->mail_digest = im->now - r->reported_at > DEV_HISTORY_SECONDS ?
	    im->now : 0;
	/* History closed long ago needs no one's attention now: a closed
	 * row makes no notices (what deviation_report and the close would
	 * make, the import used to drop again at once). */
	ctx->notify_quiet = r->status == DEV_CLOSED;
	/* Every field was checked in the first pass; what the model still
	 * refuses is the database's doing. */
	if ((rc = deviation_report(ctx, &rep, &d, &field)) == DEV_ERR_INVALID)
		return imp_fail_col(im, r->line, imp_col_named(field),
		    _("%s is not valid"), field != NULL ? field : "?");
	if (rc < 0)
		return imp_fail(im, r->line, -2, "%s",
		    _("the database refused the row"));
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
	rc = r->status == DEV_CLOSED ? imp_legal_met(ctx, &d, &field) : 0;
	if (rc == 0)
		rc = deviation_act(ctx, d.id, &in, &field);
	if (rc == DEV_ERR_INVALID || rc == DEV_ERR_STATE)
		return imp_fail_col(im, r->line, C_STATUS,
		    _("could not set the status (%s)"),
		    field != NULL ? field : dev_action_name(in.action));
	if (rc < 0)
		return imp_fail(im, r->line, -2,
		    _("could not set the status (%s)"),
		    field != NULL ? field : dev_action_name(in.action));
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

/* Add h to the set of numbers: 1 added, 0 there already, DB_ERR. */
static int
imp_set_add(struct imp_set *s, uint64_t h)
{
	uint64_t	*old;
	size_t		 oldcap, i, j;

	if (h == 0)
		h = 1;	/* 0 marks a free slot */
	if ((s->n + 1) * 2 > s->cap) {
		old = s->v;
		oldcap = s->cap;
		s->cap = s->cap ? s->cap * 2 : 1024;
		if ((s->v = calloc(s->cap, sizeof(*s->v))) == NULL) {
			s->v = old;
			s->cap = oldcap;
			return DB_ERR;
		}
		for (i = 0; i < oldcap; i++) {
			if (old[i] == 0)
				continue;
			for (j = old[i] & (s->cap - 1); s->v[j] != 0;
			    j = (j + 1) & (s->cap - 1))
				;
			s->v[j] = old[i];
		}
		free(old);
	}
	for (i = h & (s->cap - 1); s->v[i] != 0; i = (i + 1) & (s->cap - 1))
		if (s->v[i] == h)
			return 0;
	s->v[i] = h;
	s->n++;
	return 1;
}

/* A row's number against the database (nothing is imported yet, so any
 * row there is older) and the rows of the file before it. 0, or negative
 * with the message set. */
static int
imp_check_number(struct imp *im, const struct imp_row *r)
{
	struct dbstmt	*st;
	long		 first;
	int		 rc;

	if (im->none_before)
		rc = DB_DONE;
	else if (db_prepare_tenant(im->ctx->conn, im->ctx->tenant_id,
	    SQL_NUMBER_EXISTS, &st) != DB_OK)
		return imp_fail(im, r->line, -2, "%s",
		    _("could not read the existing deviations"));
	else {
		db_bind_text(st, 2, r->number);
		rc = db_step(st);
		db_reset(st);
	}
	if (rc != DB_ROW && rc != DB_DONE)
		return imp_fail(im, r->line, -2, "%s",
		    _("could not read the existing deviations"));
	if (rc == DB_ROW)
		return imp_fail_col(im, r->line, C_NUMBER,
		    _("number %s is already in the database"), r->number);
	if ((rc = imp_set_add(&im->numbers, imp_hash(r->number))) < 0)
		return imp_fail(im, r->line, -2, "%s", _("out of memory"));
	/* Seen: the same number on an earlier line, or only the same hash. */
	if (rc == 0 && (first = imp_line_of(im, r->number)) > 0 &&
	    first < r->line)
		return imp_fail_col(im, r->line, C_NUMBER,
		    _("number %s is already on line %ld"), r->number, first);
	return 0;
}

/* Pass 1: every row read and checked, nothing written; then each year's
 * counter raised past its numbered rows. The number of rows, or negative
 * with the message set. */
static int64_t
imp_scan(struct imp *im, FILE *fp, deviation_import_progress_fn progress,
    void *arg)
{
	struct ctx	*ctx = im->ctx;
	struct arena	*keep = ctx->arena, *scratch = NULL;
	struct csv	 c;
	struct imp_row	 r;
	struct dbstmt	*st;
	int64_t		 n = 0;
	int		 rc, y;

	if ((rc = imp_open(im, fp, &c)) < 0)
		goto out;
	/* Inside the write transaction: no deviation can come before the
	 * replay's own. */
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ANY_DEVIATION,
	    &st) != DB_OK) {
		rc = imp_fail(im, 0, -2, "%s",
		    _("could not read the existing deviations"));
		goto out;
	}
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE) {
		rc = imp_fail(im, 0, -2, "%s",
		    _("could not read the existing deviations"));
		goto out;
	}
	im->none_before = rc == DB_DONE;
	rc = 0;
	while ((rc = imp_next(im, &c)) == 1) {
		/* csv_show's copies of bad values, a row's worth at most. */
		if (n % IMP_BATCH == 0) {
			if (n > 0 && progress != NULL)
				progress(arg, DEV_IMPORT_CHECKED, n);
			arena_free(scratch);
			if ((scratch = arena_new(IMP_ARENA_MAX)) == NULL) {
				rc = imp_fail(im, c.rec_line, -2, "%s",
				    _("out of memory"));
				break;
			}
			ctx->arena = scratch;
		}
		if ((rc = imp_check(im, (const char *const *)c.field,
		    c.rec_line, &r)) < 0 ||
		    (r.number != NULL && (rc = imp_check_number(im, &r)) < 0))
			break;
		if (r.av_year >= IMP_YEAR_MIN &&
		    r.av_year < IMP_YEAR_MIN + IMP_YEARS &&
		    r.av_seq > im->year_max[r.av_year - IMP_YEAR_MIN])
			im->year_max[r.av_year - IMP_YEAR_MIN] = r.av_seq;
		n++;
	}
	if (rc == 0 && progress != NULL)
		progress(arg, DEV_IMPORT_CHECKED, n);
	for (y = 0; rc == 0 && y < IMP_YEARS; y++)
		if (im->year_max[y] > 0 && imp_counter_raise(ctx,
		    IMP_YEAR_MIN + y, im->year_max[y]) < 0)
			rc = imp_fail(im, 0, -2, "%s",
			    _("could not update the number counter"));
out:
	ctx->arena = keep;
	arena_free(scratch);
	csv_free(&c);
	return rc < 0 ? rc : n;
}

/* Pass 2: replay each row, checked in pass 1. The number imported, or
 * negative with the message set. */
static int64_t
imp_replay(struct imp *im, FILE *fp, deviation_import_progress_fn progress,
    void *arg)
{
	struct ctx	*ctx = im->ctx;
	struct arena	*keep = ctx->arena, *scratch = NULL;
	struct csv	 c;
	struct imp_row	 r;
	int64_t		 n = 0, analyze = IMP_ANALYZE;
	int		 rc;

	if ((rc = imp_open(im, fp, &c)) < 0)
		goto out;
	while ((rc = imp_next(im, &c)) == 1) {
		/* The tables have grown by IMP_ANALYZE_X since the plans
		 * were last made: made again (store.h, db_bulk_analyze). */
		if (n == analyze) {
			analyze *= IMP_ANALYZE_X;
			if (db_bulk_analyze(ctx->conn) != 0) {
				rc = imp_fail(im, c.rec_line, -2, "%s",
				    _("the database refused the row"));
				break;
			}
		}
		if (n % IMP_BATCH == 0) {
			if (n > 0 && progress != NULL)
				progress(arg, DEV_IMPORT_IMPORTED, n);
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
		ctx->notify_quiet = 0;
		if ((rc = imp_check(im, (const char *const *)c.field,
		    c.rec_line, &r)) < 0 ||
		    (rc = imp_apply(im, &r,
		    _("Closed in the previous system (imported)."))) < 0)
			break;
		n++;
	}
	if (rc == 0 && progress != NULL)
		progress(arg, DEV_IMPORT_IMPORTED, n);
out:
	ctx->notify_quiet = 0;
	ctx->arena = keep;
	arena_free(scratch);
	csv_free(&c);
	return rc < 0 ? rc : n;
}

int
deviation_import(struct ctx *ctx, const char *path, int64_t *line,
    int64_t *col, char *msg, size_t msgsz)
{
	return deviation_import_progress(ctx, path, line, col, msg, msgsz,
	    NULL, NULL);
}

int
deviation_import_progress(struct ctx *ctx, const char *path, int64_t *line,
    int64_t *col, char *msg, size_t msgsz,
    deviation_import_progress_fn progress, void *arg)
{
	struct imp	*im;
	char		 detail[64];
	int64_t		 now = ctx->now, n = 0, rows;
	FILE		*fp = NULL;
	int		 rc, own = 0, deferred = 0, bulk = 0, i;

	*line = *col = 0;
	if (msgsz > 0)
		msg[0] = '\0';
	/* On the heap: the year table is 9 KB. */
	if ((im = calloc(1, sizeof(*im))) == NULL) {
		if (msgsz > 0)
			snprintf(msg, msgsz, "%s", _("out of memory"));
		return -2;
	}
	im->ctx = ctx;
	im->line = line;
	im->col = col;
	im->msg = msg;
	im->msgsz = msgsz;
	im->path = path;
	im->now = now;
	if ((im->lookups = arena_new(IMP_LOOKUP_MAX)) == NULL) {
		rc = imp_fail(im, 0, -2, "%s", _("out of memory"));
		goto out;
	}
	if ((fp = fopen(path, "r")) == NULL) {
		rc = imp_fail(im, 0, -1, "%s", _("cannot open the file"));
		goto out;
	}
	if (!db_in_tx(ctx->conn)) {
		if (db_begin(ctx->conn) != DB_OK) {
			rc = imp_fail(im, 0, -2, "%s",
			    _("could not start a database transaction"));
			goto out;
		}
		own = 1;
	}
	if (db_conn_bulk(ctx->conn, 1) != 0) {
		rc = imp_fail(im, 0, -2, "%s", _("out of memory"));
		goto out;
	}
	bulk = 1;
	if ((rows = imp_scan(im, fp, progress, arg)) < 0) {
		rc = (int)rows;
		goto out;
	}
	rewind(fp);
	if (dev_counts_defer_begin() != 0) {
		rc = imp_fail(im, 0, -2, "%s", _("out of memory"));
		goto out;
	}
	deferred = 1;
	if ((n = imp_replay(im, fp, progress, arg)) < 0) {
		rc = (int)n;
		goto out;
	}
	deferred = 0;
	if (dev_counts_defer_end(ctx, 0) != 0) {
		rc = imp_fail(im, 0, -2, "%s",
		    _("the database refused the row"));
		goto out;
	}
	ctx->now = now;
	snprintf(detail, sizeof(detail), "%lld", (long long)n);
	if (audit_append(ctx, "deviations_import", "deviation", 0, detail) < 0) {
		rc = imp_fail(im, 0, -2, "%s", _("could not write the audit log"));
		goto out;
	}
	if (own) {
		own = 0;
		if (db_commit(ctx->conn) != DB_OK) {
			rc = imp_fail(im, 0, -2, "%s", _("could not commit"));
			goto out;
		}
	}
	rc = n > INT32_MAX ? INT32_MAX : (int)n;
out:
	if (deferred)
		(void)dev_counts_defer_end(ctx, -1);
	if (fp != NULL)
		fclose(fp);
	ctx->now = now;
	ctx->mail_digest = 0;
	ctx->notify_quiet = 0;
	if (own)
		db_rollback(ctx->conn);
	if (bulk)
		(void)db_conn_bulk(ctx->conn, 0);
	for (i = 0; i < M_MAX; i++)
		free(im->maps[i].v);
	free(im->numbers.v);
	arena_free(im->lookups);
	free(im);
	return rc;
}
