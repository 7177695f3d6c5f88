/* dev_csv.c: GET /api/v1/deviations.csv, the list with the same filters as
 * a spreadsheet. Written for Excel as Norwegian offices use it: a UTF-8
 * byte-order mark (else Excel reads æøå as Latin-1), CRLF line ends,
 * RFC 4180 quoting, and cells that Excel would run as a formula (starting
 * with = + - @, tab or CR) defused with a leading apostrophe (OWASP "CSV
 * injection"): a deviation's title is typed by anyone. */
#include <string.h>

#include "api/api.h"
#include "api/dev_api.h"
#include "api/json.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n.h"
#include "util/clock.h"

/* Enough for a municipality's years of deviations; the page size is the
 * list's maximum. */
#define CSV_MAX_ROWS	100000
#define CSV_PAGE	1000

static void
cell(struct buf *b, const char *s, int first)
{
	const char	*p;
	int		 quote;

	if (!first)
		buf_putc(b, ',');
	if (s == NULL || *s == '\0')
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (strchr("=+-@\t\r", s[0]) != NULL)
		buf_putc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

static void
time_cell(struct buf *b, int64_t t)
{
	char s[32];

	if (t == 0) {
		cell(b, NULL, 0);
		return;
	}
	clock_format(t, s, sizeof(s));
	cell(b, s, 0);
}

static void
row(struct buf *b, const struct deviation *d)
{
	char sev[4] = "";

	if (d->severity >= 1 && d->severity <= 4) {
		sev[0] = (char)('0' + d->severity);
		sev[1] = '\0';
	}
	cell(b, d->number, 1);
	cell(b, dev_kind_name(d->kind), 0);
	cell(b, dev_status_name(d->status), 0);
	cell(b, d->category_code, 0);
	cell(b, d->unit_name, 0);
	cell(b, d->title, 0);
	time_cell(b, d->reported_at);
	time_cell(b, d->occurred_at);
	time_cell(b, d->due_at);
	time_cell(b, d->closed_at);
	cell(b, sev, 0);
	buf_puts(b, "\r\n");
}

void
api_deviations_csv(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct dev_filter	 f;
	struct deviation	*v;
	const char		*bad, *msg;
	size_t			 n, i;
	int64_t			 total, done = 0;

	if (api_dev_filter_parse(req, &f, &bad, &msg) != 0) {
		http_json_error(resp, 400, "invalid_parameter", msg, bad);
		return;
	}
	if ((f.scope = authz_dev_scope(ctx)) == DEV_SCOPE_NONE) {
		api_forbidden(resp);
		return;
	}
	/* The export is the whole selection; limit and offset of the list
	 * do not apply. */
	f.offset = 0;
	f.limit = CSV_PAGE;
	buf_reset(&resp->body);
	buf_puts(&resp->body, "\xef\xbb\xbf" "number,kind,status,category,unit,"
	    "title,reported_at,occurred_at,due_at,closed_at,severity\r\n");
	for (;;) {
		if (deviation_list(ctx, &f, &v, &n, &total) != 0) {
			api_store_error(resp);
			return;
		}
		for (i = 0; i < n; i++)
			row(&resp->body, &v[i]);
		done += (int64_t)n;
		if (n == 0 || done >= total || done >= CSV_MAX_ROWS)
			break;
		f.offset += (int64_t)n;
	}
	if (buf_failed(&resp->body)) {
		http_json_error(resp, 413, "too_large", _("The export is too "
		    "large; narrow it with from, to or unit_id."), NULL);
		return;
	}
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	http_header(resp, "Content-Disposition", "attachment; filename=\"avvik.csv\"");
}
