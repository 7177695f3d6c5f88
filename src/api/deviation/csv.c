/* api/deviation/csv.c: GET /api/v1/deviations.csv, the list with the same filters as
 * a spreadsheet. Two dialects (parameter sep):
 *  - semicolon, the default and the dashboard's download: for Excel as
 *    Norwegian offices use it. Norwegian Excel splits a CSV on the list
 *    separator of its locale, which is ';' (',' is the decimal comma), so a
 *    comma file opens in one column. Headers, kinds and statuses in the
 *    user's language, a category by its name, times as Oslo wall-clock
 *    "YYYY-MM-DD HH:MM" (which Excel reads as a date and time).
 *  - comma, for machines: the columns as documented since the first
 *    version (codes, RFC 3339 UTC), so existing scripts keep working.
 * Both: a UTF-8 byte-order mark (else Excel reads æøå as Latin-1), CRLF
 * line ends, RFC 4180 quoting, and cells that Excel would run as a formula
 * (starting with = + - @, tab or CR) defused with a leading apostrophe
 * (OWASP "CSV injection"): a deviation's title is typed by anyone. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "deviation/dev_input.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/date.h"
#include "web/labels.h"

/*
 * The export is streamed (http_stream): rows are read a page of CSV_PAGE
 * at a time, by the list's keyset (deviation_list_page), written out, and
 * forgotten, so memory stays at one page whatever the date range, and
 * every row of the selection is sent. Each page borrows a database
 * connection and a small arena only while it is read: a slow download
 * holds neither a pool connection nor a read snapshot between pages (and
 * PostgreSQL's client library would fetch one query's whole result into
 * memory). Rows reported while the export runs are newer than its first
 * page and are not in it; every older row is in it exactly once.
 */
#define CSV_PAGE	250
#define CSV_PAGE_ARENA	(4u * 1024 * 1024)	/* 250 rows of at most ~15 KiB text */
#define CSV_BUF_MAX	(16u * 1024 * 1024)

/* The dialect of one export. */
struct csv_dialect {
	char	 sep;		/* ';' or ',' */
	int	 people;	/* 1: labels, names and Oslo times (the ';' one) */
	/* The words of kinds and statuses in the page's language, looked up
	 * once a page (csv_page) rather than twice a row. */
	const char	*kind[DEV_KIND_MAX];
	const char	*status[DEV_STATUS_MAX];
};

static void
cell(struct buf *b, const struct csv_dialect *dl, const char *s, int first)
{
	const char	*p;
	size_t		 n;
	int		 quote;

	if (!first)
		buf_putc(b, dl->sep);
	if (s == NULL || *s == '\0')
		return;
	quote = strpbrk(s, dl->sep == ';' ? ";\"\r\n" : ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (strchr("=+-@\t\r", s[0]) != NULL)
		buf_putc(b, '\'');
	/* The runs between quotes at once, each quote doubled: a byte at a
	 * time was a tenth of the export's time. */
	for (p = s; *p != '\0'; p += n) {
		n = strcspn(p, "\"");
		buf_append(b, p, n);
		if (p[n] == '"') {
			buf_append(b, "\"\"", 2);
			n++;
		}
	}
	if (quote)
		buf_putc(b, '"');
}

/* n as exactly w digits at p (n >= 0); returns the end. */
static char *
digits(char *p, int n, int w)
{
	int i;

	for (i = w - 1; i >= 0; i--, n /= 10)
		p[i] = (char)('0' + n % 10);
	return p + w;
}

static void
time_cell(struct buf *b, const struct csv_dialect *dl, int64_t t)
{
	struct tm	 tm;
	char		 s[32], *p;

	if (t == 0) {
		cell(b, dl, NULL, 0);
		return;
	}
	if (!dl->people)
		clock_format(t, s, sizeof(s));
	else if (date_local(t, &tm) != 0 || tm.tm_year + 1900 < 0 ||
	    tm.tm_year + 1900 > 9999)
		s[0] = '\0';
	else {
		/* "%Y-%m-%d %H:%M" by hand: strftime was a tenth of an
		 * export's time (four cells a row). */
		p = digits(s, tm.tm_year + 1900, 4);
		*p++ = '-';
		p = digits(p, tm.tm_mon + 1, 2);
		*p++ = '-';
		p = digits(p, tm.tm_mday, 2);
		*p++ = ' ';
		p = digits(p, tm.tm_hour, 2);
		*p++ = ':';
		p = digits(p, tm.tm_min, 2);
		*p = '\0';
	}
	cell(b, dl, s, 0);
}

static void
row(struct buf *b, const struct csv_dialect *dl, const struct deviation *d)
{
	char sev[4] = "";

	if (d->severity >= 1 && d->severity <= 4) {
		sev[0] = (char)('0' + d->severity);
		sev[1] = '\0';
	}
	cell(b, dl, d->number, 1);
	if (dl->people) {
		/* The pages' words, in the language the stream set for
		 * this page (csv_page). */
		cell(b, dl, d->kind < DEV_KIND_MAX ? dl->kind[d->kind] :
		    web_dev_kind_label(d->kind), 0);
		cell(b, dl, d->status < DEV_STATUS_MAX ?
		    dl->status[d->status] : web_dev_status_label(d->status), 0);
		cell(b, dl, d->category_name, 0);
	} else {
		cell(b, dl, dev_kind_name(d->kind), 0);
		cell(b, dl, dev_status_name(d->status), 0);
		cell(b, dl, d->category_code, 0);
	}
	cell(b, dl, d->unit_name, 0);
	cell(b, dl, d->title, 0);
	time_cell(b, dl, d->reported_at);
	time_cell(b, dl, d->occurred_at);
	time_cell(b, dl, d->due_at);
	time_cell(b, dl, d->closed_at);
	cell(b, dl, sev, 0);
	buf_puts(b, "\r\n");
}

/* The header row of the dialect, in the thread's language for people. */
static void
header(struct buf *b, const struct csv_dialect *dl)
{
	if (!dl->people) {
		buf_puts(b, "number,kind,status,category,unit,title,"
		    "reported_at,occurred_at,due_at,closed_at,severity\r\n");
		return;
	}
	cell(b, dl, _("Number"), 1);
	cell(b, dl, _("Kind"), 0);
	cell(b, dl, _("Status"), 0);
	cell(b, dl, _("Category"), 0);
	cell(b, dl, _("Unit"), 0);
	cell(b, dl, _("Title"), 0);
	cell(b, dl, _("Reported"), 0);
	cell(b, dl, _("Occurred"), 0);
	cell(b, dl, _("Due"), 0);
	cell(b, dl, _("Closed"), 0);
	cell(b, dl, _("Severity"), 0);
	buf_puts(b, "\r\n");
}

/* What the stream needs after the request has ended: copies, no
 * pointer into the request. */
struct csv_stream {
	struct db		*db;
	int64_t			 tenant_id, tenant_uid, now;
	struct person		 user;		/* only the id is read */
	/* The person's roles: the list's scope terms (routed to a role,
	 * a safety representative's area, an auditor's closed ones) are
	 * read from them. Owned (malloc). */
	struct roleset		 roles;
	int			 anonymous;
	struct dev_filter	 f;
	struct csv_dialect	 dl;
	char			 lang[8];	/* the request's, for the labels */
	char			 status[32], category[80];
	char			 after[DEV_CURSOR_MAX];
	struct buf		 out;
	size_t			 sent;		/* of out */
	int			 last;		/* the last page is in out */
};

/* The next page appended to what is left of s->out, read on conn (the
 * request's, for the first page) or on one borrowed from the pool for just
 * this page (NULL). 0, or -1 (logged by the store). */
static int
csv_page(struct csv_stream *s, struct dbconn *conn)
{
	struct ctx		 ctx;
	struct deviation	*v;
	char			 next[DEV_CURSOR_MAX];
	size_t			 n, i;
	int			 rc, k;

	memset(&ctx, 0, sizeof(ctx));
	ctx.db = s->db;
	ctx.tenant_id = s->tenant_id;
	ctx.tenant_uid = s->tenant_uid;
	ctx.now = s->now;
	ctx.user = s->anonymous ? NULL : &s->user;
	ctx.roles = s->roles;
	/* Later pages run on whichever thread libmicrohttpd reads on. */
	ctx.lang = i18n_use(s->lang);
	for (k = 0; k < DEV_KIND_MAX; k++)
		s->dl.kind[k] = web_dev_kind_label((enum dev_kind)k);
	for (k = 0; k < DEV_STATUS_MAX; k++)
		s->dl.status[k] = web_dev_status_label((enum dev_status)k);
	if ((ctx.arena = arena_new(CSV_PAGE_ARENA)) == NULL)
		return -1;
	ctx.conn = conn != NULL ? conn : db_acquire(s->db);
	s->f.after = s->after[0] != '\0' ? s->after : NULL;
	rc = deviation_list_page(&ctx, &s->f, &v, &n, NULL, next);
	if (conn == NULL)
		db_release(s->db, ctx.conn);
	if (rc == 0) {
		if (s->sent == s->out.len) {
			/* Freed, not kept: a stream holds its text only while
			 * it is sent, so many downloads at once do not each
			 * keep a page's worth (the memory budget). */
			buf_free(&s->out);
			s->sent = 0;
		}
		for (i = 0; i < n; i++)
			row(&s->out, &s->dl, &v[i]);
		memcpy(s->after, next, sizeof(s->after));
		s->last = next[0] == '\0';
		if (buf_failed(&s->out))
			rc = -1;
	}
	arena_free(ctx.arena);
	return rc == 0 ? 0 : -1;
}

static long
csv_read(void *cls, char *dst, size_t max)
{
	struct csv_stream	*s = cls;
	size_t			 n;

	while (s->sent == s->out.len) {
		if (s->last)
			return 0;
		if (csv_page(s, NULL) != 0)
			return -1;
	}
	n = s->out.len - s->sent;
	if (n > max)
		n = max;
	memcpy(dst, s->out.data + s->sent, n);
	s->sent += n;
	return (long)n;
}

static void
csv_done(void *cls)
{
	struct csv_stream *s = cls;

	buf_free(&s->out);
	free(s->roles.v);
	free(s);
}

void
api_deviations_csv(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct csv_stream	*s;
	struct http_stream	 hs;
	struct dev_filter_input	 in;
	struct dev_filter	 f;
	struct csv_dialect	 dl = { .sep = ';', .people = 1 };
	int			 comma;

	if (api_dev_filter(req, resp, &dev_filter_api, &in) != 0)
		return;
	f = in.f;
	if (dev_csv_sep(http_qtext(req, DCQ_SEP), &comma) != 0) {
		http_json_error(resp, 400, "invalid_parameter",
		    _("sep: must be semicolon or comma"), "sep");
		return;
	}
	if (comma) {
		dl.sep = ',';
		dl.people = 0;
	}
	if ((f.scope = deviation_list_scope(ctx)) == DEV_SCOPE_NONE) {
		api_forbidden(resp);
		return;
	}
	if (api_dev_unit_may(req, resp, &f) != 0)
		return;
	/* The export is the whole selection from its start; limit and
	 * after of the list do not apply. */
	f.limit = CSV_PAGE;
	f.after = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		api_store_error(resp);
		return;
	}
	s->db = ctx->db;
	s->tenant_id = ctx->tenant_id;
	s->tenant_uid = ctx->tenant_uid;
	s->now = ctx->now;
	s->anonymous = ctx->user == NULL;
	if (ctx->user != NULL)
		s->user.id = ctx->user->id;
	if (ctx->roles.n > 0) {
		if ((s->roles.v = calloc(ctx->roles.n, sizeof(*s->roles.v))) == NULL) {
			csv_done(s);
			api_store_error(resp);
			return;
		}
		memcpy(s->roles.v, ctx->roles.v, ctx->roles.n * sizeof(*s->roles.v));
		s->roles.n = ctx->roles.n;
	}
	s->f = f;
	s->dl = dl;
	snprintf(s->lang, sizeof(s->lang), "%s", ctx->lang != NULL ? ctx->lang : "nb");
	/* The filter's strings live in the request: copied (both were
	 * checked against what exists, so they fit). */
	if (f.status != NULL) {
		snprintf(s->status, sizeof(s->status), "%s", f.status);
		s->f.status = s->status;
	}
	if (f.category != NULL) {
		snprintf(s->category, sizeof(s->category), "%s", f.category);
		s->f.category = s->category;
	}
	buf_init(&s->out, CSV_BUF_MAX);
	buf_puts(&s->out, "\xef\xbb\xbf");
	header(&s->out, &s->dl);
	/* The first page now: an error still gets a proper answer. */
	if (csv_page(s, ctx->conn) != 0) {
		csv_done(s);
		api_store_error(resp);
		return;
	}
	hs.read = csv_read;
	hs.done = csv_done;
	hs.cls = s;
	http_stream(resp, &hs);
	resp->content_type = "text/csv; charset=utf-8";
	http_header(resp, "Content-Disposition", "attachment; filename=\"avvik.csv\"");
}
