/* ui.c: helpers shared by the pages. */
#include "web/ui.h"

#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "i18n.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_MUST_CHANGE[] =
	"SELECT must_change_password FROM people"
	" WHERE tenant_id = $1 AND id = $2";

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

int
web_gate(struct http_req *req, struct http_resp *resp, enum az_action action)
{
	int must;

	if (!web_can(req, action)) {
		web_forbidden(req, resp);
		return -1;
	}
	if ((must = web_must_change_password(req->ctx, req->ctx->user->id)) != 0) {
		if (must < 0)
			web_failed(req, resp);
		else
			http_redirect(resp, "/account/password");
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

void
web_unit_select(struct buf *b, const char *id, const char *name,
    const char *label, const struct unit *units, size_t n, int64_t selected,
    const char *none_label, size_t skip_from, size_t skip_to,
    const char *error)
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
		html_fmt(b, "<option value=\"%D\"%R>", units[i].id,
		    units[i].id == selected ? " selected" : "");
		/* Options cannot hold markup: the tree shows as leading
		 * no-break spaces, two per level. */
		for (d = 0; d < units[i].depth && d < 16; d++)
			html_fmt(b, "\xc2\xa0\xc2\xa0");
		html_fmt(b, "%s</option>", units[i].name);
	}
	html_fmt(b, "</select></div>\n");
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

int
web_must_change_password(struct ctx *ctx, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MUST_CHANGE,
	    &st) != DB_OK)
		return -1;
	if (db_bind_int(st, 2, person_id) != DB_OK) {
		rc = -1;
		goto out;
	}
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = db_col_int(st, 0) != 0;
	else
		rc = rc == DB_DONE ? 0 : -1;
out:
	db_reset(st);
	return rc;
}

static const struct field_value *
val_of(const struct http_req *req, const char *name)
{
	if (req->vals == NULL || req->form_error != NULL)
		return NULL;
	return http_val(req, name);
}

const char *
web_val_s(const struct http_req *req, const char *name)
{
	const struct field_value *v = val_of(req, name);

	if (v == NULL || !v->present || v->s == NULL || v->s[0] == '\0')
		return NULL;
	return v->s;
}

int64_t
web_val_i(const struct http_req *req, const char *name, int64_t dflt)
{
	const struct field_value *v = val_of(req, name);

	return v != NULL && v->present ? v->i : dflt;
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
