/* ui.c: helpers shared by the pages. */
#include "web/ui.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"
#include "measure/measure.h"

const char *
web_local_next(const char *next)
{
	const unsigned char *p;

	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (p = (const unsigned char *)next; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}

void
web_forbidden(struct http_req *req, struct http_resp *resp)
{
	buf_reset(&resp->body);
	http_html_error(req, resp, 403,
	    _("You do not have access to this page."));
}

void
web_not_found(struct http_req *req, struct http_resp *resp)
{
	buf_reset(&resp->body);
	http_html_error(req, resp, 404, _("We could not find that page."));
}

void
web_failed(struct http_req *req, struct http_resp *resp)
{
	buf_reset(&resp->body);
	http_html_error(req, resp, 500,
	    _("Something went wrong on our side. Nothing was saved. Please try again."));
}

int
web_can(struct http_req *req, enum az_action action)
{
	if (req->ctx == NULL || req->ctx->user == NULL)
		return 0;
	return authz_can(req->ctx, action, 0);
}

/* A session with a one-time password never gets here: http/server.c sends
 * it to /account/password on every route (authz/pending.c decides). */
int
web_gate(struct http_req *req, struct http_resp *resp, enum az_action action)
{
	if (!web_can(req, action)) {
		web_forbidden(req, resp);
		return -1;
	}
	return 0;
}

void
web_notice(struct buf *b, const char *msg)
{
	html_fmt(b, "<p class=\"notice\" role=\"status\">%s</p>\n", msg);
}

void
web_error(struct buf *b, const char *msg)
{
	html_fmt(b, "<p class=\"error-box\" role=\"alert\">%s</p>\n", msg);
}

static void
unit_select(struct buf *b, const char *id, const char *name,
    const char *label, const struct unit *units, size_t n, int64_t selected,
    const char *none_label, size_t skip_from, size_t skip_to,
    const char *error, int open_only)
{
	size_t	i;
	int	d;

	html_fmt(b, "<div class=\"field%R\"><label for=\"%s\">%s</label>",
	    error != NULL ? " invalid" : "", id, label);
	if (error != NULL)
		html_fmt(b, "<p class=\"error\" id=\"%s-error\">%s</p>", id, error);
	html_fmt(b, "<select id=\"%s\" name=\"%s\"", id, name);
	if (error != NULL)
		html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"%s-error\"",
		    id);
	html_fmt(b, ">");
	if (none_label != NULL)
		html_fmt(b, "<option value=\"0\"%R>%s</option>",
		    selected == 0 ? " selected" : "", none_label);
	for (i = 0; i < n; i++) {
		if (i >= skip_from && i < skip_to)
			continue;
		if (open_only && units[i].closed_at != 0)
			continue;
		html_fmt(b, "<option value=\"%D\"%R>", units[i].id,
		    units[i].id == selected ? " selected" : "");
		/* Options cannot hold markup: the tree shows as leading
		 * no-break spaces, two per level. */
		for (d = 0; d < units[i].depth && d < 16; d++)
			html_fmt(b, "\xc2\xa0\xc2\xa0");
		if (units[i].closed_at != 0)
			html_fmt(b, "%s (%s)</option>", units[i].name,
			    _("closed down"));
		else
			html_fmt(b, "%s</option>", units[i].name);
	}
	html_fmt(b, "</select></div>\n");
}

void
web_unit_select(struct buf *b, const char *id, const char *name,
    const char *label, const struct unit *units, size_t n, int64_t selected,
    const char *none_label, size_t skip_from, size_t skip_to,
    const char *error)
{
	unit_select(b, id, name, label, units, n, selected, none_label,
	    skip_from, skip_to, error, 0);
}

void
web_unit_select_open(struct buf *b, const char *id, const char *name,
    const char *label, const struct unit *units, size_t n, int64_t selected,
    const char *none_label, size_t skip_from, size_t skip_to,
    const char *error)
{
	unit_select(b, id, name, label, units, n, selected, none_label,
	    skip_from, skip_to, error, 1);
}

const char *
web_unit_name(const struct unit *units, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (units[i].id == id)
			return units[i].name;
	return NULL;
}

const char *
web_unit_label(struct arena *a, const struct unit *units, size_t n,
    int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (units[i].id == id)
			return org_unit_label(a, &units[i]);
	return NULL;
}

int
web_must_change_password(struct ctx *ctx, int64_t person_id)
{
	return org_password_must_change(ctx, person_id);
}

const char *
web_field_error(const struct http_req *req, const char *name)
{
	const char	*m;
	char		*c;

	if (req->form_error == NULL || req->form_error_field == NULL ||
	    strcmp(req->form_error_field, name) != 0)
		return NULL;
	/* http/ words it "field: reason"; next to the labelled control the
	 * reason alone reads better than the internal field name. */
	m = req->form_error;
	if (strncmp(m, name, strlen(name)) == 0 && m[strlen(name)] == ':' &&
	    m[strlen(name) + 1] == ' ')
		m += strlen(name) + 2;
	/* The reason starts in lower case ("is too short"); standing alone
	 * it reads as a sentence. Only ASCII is raised: enough for our
	 * catalogues, and never splits a UTF-8 sequence. */
	if (m[0] >= 'a' && m[0] <= 'z' && req->ctx != NULL &&
	    (c = arena_strdup(req->ctx->arena, m)) != NULL) {
		c[0] = (char)(c[0] - 'a' + 'A');
		m = c;
	}
	return m;
}

void
web_wipe_field(struct http_req *req, const char *name)
{
	const struct field_value	*v;
	size_t				 i;

	/* Arena memory, allocated writable by http/: the const is only the
	 * handler's read-only view of it. */
	for (i = 0; i < req->nform; i++)
		if (req->form[i].key != NULL && req->form[i].value != NULL &&
		    strcmp(req->form[i].key, name) == 0)
			sodium_memzero((char *)(uintptr_t)req->form[i].value,
			    strlen(req->form[i].value));
	if (req->vals != NULL && (v = http_val(req, name)) != NULL &&
	    v->s != NULL)
		sodium_memzero((char *)(uintptr_t)v->s, strlen(v->s));
}

const char *
web_cookie(struct http_req *req, const char *name)
{
	return http_req_cookie(req, name);
}

const char *
web_error_line(const struct http_req *req, const struct web_label *labels,
    const char *field, const char *msg)
{
	const struct web_label	*l;
	size_t			 n;

	if (field == NULL || msg == NULL)
		return msg;
	n = strlen(field);
	if (strncmp(msg, field, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		msg += n + 2;
	for (l = labels; l != NULL && l->field != NULL; l++)
		if (strcmp(l->field, field) == 0)
			break;
	/* As web_field_error: the reason reads as a sentence after the
	 * label (ASCII only, never splitting a UTF-8 sequence). */
	if (msg[0] >= 'a' && msg[0] <= 'z')
		msg = arena_printf(req->ctx->arena, "%c%s",
		    msg[0] - 'a' + 'A', msg + 1);
	if (l == NULL || l->field == NULL)
		return msg;
	return arena_printf(req->ctx->arena, "%s: %s", _(l->label), msg);
}

const char *
web_form_err_for(const struct http_req *req, const struct web_form_err *e,
    const char *field)
{
	if (e != NULL && e->field != NULL)
		return strcmp(e->field, field) == 0 ? e->msg : NULL;
	if (e != NULL && e->msg != NULL)
		return NULL;		/* a form-level message: no field's */
	return web_field_error(req, field);
}

/* --- Norwegian local time ------------------------------------------------- */

void
web_local_tm(int64_t t, struct tm *out)
{
	if (date_local(t, out) != 0)
		memset(out, 0, sizeof(*out));
}

static const char *
fmt_local(struct arena *a, int64_t t, const char *fmt)
{
	struct tm	tm;
	char		s[40];
	const char	*r;

	if (t == 0)
		return "";
	web_local_tm(t, &tm);
	if (strftime(s, sizeof(s), fmt, &tm) == 0)
		return "";
	r = arena_strdup(a, s);
	return r != NULL ? r : "";
}

const char *
web_datetime(struct arena *a, int64_t t)
{
	return fmt_local(a, t, "%d.%m.%Y %H:%M");
}

const char *
web_date(struct arena *a, int64_t t)
{
	return fmt_local(a, t, "%d.%m.%Y");
}

void
web_measure_late(struct buf *b, const struct ctx *ctx, const struct measure *m)
{
	if (m->status == MEASURE_DONE || m->due_at == 0 || m->due_at >= ctx->now)
		return;
	html_fmt(b, " <strong class=\"late\">%s</strong>", _("Overdue"));
}

const char *
web_iso_date(struct arena *a, int64_t t)
{
	return fmt_local(a, t, "%Y-%m-%d");
}

const char *
web_iso_time(struct arena *a, int64_t t)
{
	return fmt_local(a, t, "%H:%M");
}

/* Exactly `len` decimal digits at s, within [min, max]. */
static int
digits(const char *s, size_t len, int min, int max, int *out)
{
	int	v = 0;
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
web_parse_local(const char *date, const char *hhmm, int64_t *out)
{
	int		y, mo, d, h = 0, mi = 0, sec;

	if (date == NULL || strlen(date) != 10 || date[4] != '-' ||
	    date[7] != '-' || digits(date, 4, 1900, 9999, &y) != 0 ||
	    digits(date + 5, 2, 1, 12, &mo) != 0 ||
	    digits(date + 8, 2, 1, 31, &d) != 0)
		return -1;
	if (hhmm != NULL && hhmm[0] != '\0') {
		/* <input type="time"> may send seconds: "14:08:00". */
		if ((strlen(hhmm) != 5 && strlen(hhmm) != 8) || hhmm[2] != ':' ||
		    digits(hhmm, 2, 0, 23, &h) != 0 ||
		    digits(hhmm + 3, 2, 0, 59, &mi) != 0)
			return -1;
		if (strlen(hhmm) == 8 && (hhmm[5] != ':' ||
		    digits(hhmm + 6, 2, 0, 59, &sec) != 0))
			return -1;
	}
	/* date_from_local refuses 31 February. */
	return date_from_local(y, mo, d, h, mi, 0, out);
}

/* The local calendar day of t as a day number (days since 1970-01-01),
 * or t's UTC day when t cannot be converted. */
static int64_t
local_day(int64_t t)
{
	struct tm	tm;
	int64_t		midnight;

	if (date_local(t, &tm) != 0 || date_from_utc(tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, 0, 0, 0, &midnight) != 0)
		return t / 86400;
	return midnight / 86400;
}

const char *
web_deadline_text(struct arena *a, int64_t now, int64_t due)
{
	int64_t	diff = due - now, n;
	char	*s;

	/* A day or more away, the days are counted between the local dates,
	 * as the date printed beside the text reads them: 47 h from 12:00
	 * on the 7th is the 9th, "due in 2 days", not the whole days elapsed
	 * (1), which contradicts the date beside it. */
	if (diff >= 0) {
		if (diff < 86400) {
			n = (diff + 3599) / 3600;
			s = arena_printf(a, ngettext("due in %lld hour",
			    "due in %lld hours", (unsigned long)n), (long long)n);
		} else {
			n = local_day(due) - local_day(now);
			if (n < 1)
				n = 1;
			s = arena_printf(a, ngettext("due in %lld day",
			    "due in %lld days", (unsigned long)n), (long long)n);
		}
	} else {
		diff = -diff;
		if (diff < 86400) {
			n = diff / 3600 > 0 ? diff / 3600 : 1;
			s = arena_printf(a, ngettext("overdue by %lld hour",
			    "overdue by %lld hours", (unsigned long)n),
			    (long long)n);
		} else {
			n = local_day(now) - local_day(due);
			if (n < 1)
				n = 1;
			s = arena_printf(a, ngettext("overdue by %lld day",
			    "overdue by %lld days", (unsigned long)n),
			    (long long)n);
		}
	}
	return s != NULL ? s : "";
}
