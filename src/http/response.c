/* response.c: the helpers handlers use to read a request and shape a
 * response. Everything allocated here lives in the request's arena. */
#include "http/http.h"
#include "http/internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/num.h"

const struct kv http_security_headers[] = {
	{ "Content-Security-Policy", "default-src 'none'; style-src 'self'; "
	    "img-src 'self' data:; script-src 'self'; form-action 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "X-Frame-Options", "DENY" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=(), "
	    "payment=(), usb=(), interest-cohort=()" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ NULL, NULL }
};

static const char *
kv_get(const struct kv *v, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return v[i].value;
	return NULL;
}

const char *
http_form(const struct http_req *req, const char *key)
{
	return kv_get(req->form, req->nform, key);
}

int
http_param_id(const struct http_req *req, int i, int64_t *out)
{
	if (i < 0 || i >= HTTP_MAX_PARAMS || req->params[i] == NULL)
		return -1;
	return num_parse_i64(req->params[i], 1, INT64_MAX, out);
}

const struct field_value *
http_val(const struct http_req *req, const char *name)
{
	const struct field	*f;
	size_t			 i;

	if (req->route == NULL || req->route->fields == NULL ||
	    req->vals == NULL)
		return NULL;
	for (f = req->route->fields, i = 0; f->name != NULL; f++, i++)
		if (strcmp(f->name, name) == 0)
			return &req->vals[i];
	return NULL;
}

/* The checked value at position i of the route's fields, or NULL when
 * there is none (no fields, a failed check, i past the table's end). */
static const struct field_value *
val_at(const struct http_req *req, int i)
{
	int n;

	if (req->route == NULL || req->route->fields == NULL ||
	    req->vals == NULL || req->form_error != NULL || i < 0)
		return NULL;
	for (n = 0; n <= i; n++)
		if (req->route->fields[n].name == NULL)
			return NULL;
	return &req->vals[i];
}

const char *
http_text(const struct http_req *req, int i)
{
	const struct field_value *v = val_at(req, i);

	return v != NULL && v->present && v->s != NULL && v->s[0] != '\0' ?
	    v->s : NULL;
}

int64_t
http_int(const struct http_req *req, int i, int64_t dflt)
{
	const struct field_value *v = val_at(req, i);

	return v != NULL && v->present ? v->i : dflt;
}

/* The checked query parameter at position i of req->qdecl, or NULL. */
static const struct field_value *
qval_at(const struct http_req *req, int i)
{
	int n;

	if (req->qdecl == NULL || req->qvals == NULL || i < 0)
		return NULL;
	for (n = 0; n <= i; n++)
		if (req->qdecl[n].name == NULL)
			return NULL;
	return &req->qvals[i];
}

const char *
http_qtext(const struct http_req *req, int i)
{
	const struct field_value *v = qval_at(req, i);

	return v != NULL && v->present && v->s != NULL && v->s[0] != '\0' ?
	    v->s : NULL;
}

int64_t
http_qint(const struct http_req *req, int i, int64_t dflt)
{
	const struct field_value *v = qval_at(req, i);

	return v != NULL && v->present ? v->i : dflt;
}

void
http_header(struct http_resp *resp, const char *key, const char *value)
{
	struct arena	*a = http_resp_arena(resp);
	const char	*k, *v;
	size_t		 i;

	/* Header values often come from a handler's stack buffer: keep a
	 * copy that lives as long as the request. Values that could split
	 * the header (CR, LF) are dropped. */
	if (key == NULL || value == NULL || strpbrk(key, "\r\n:") != NULL ||
	    strpbrk(value, "\r\n") != NULL)
		return;
	if (a != NULL) {
		if ((k = arena_strdup(a, key)) == NULL ||
		    (v = arena_strdup(a, value)) == NULL)
			return;
		key = k;
		value = v;
	}

	/* Replace rather than repeat: one value per header name. */
	for (i = 0; i < resp->nheaders; i++)
		if (strcasecmp(resp->headers[i].key, key) == 0) {
			resp->headers[i].value = value;
			return;
		}
	if (resp->nheaders < sizeof(resp->headers) / sizeof(resp->headers[0])) {
		resp->headers[resp->nheaders].key = key;
		resp->headers[resp->nheaders].value = value;
		resp->nheaders++;
	}
}

void
http_stream(struct http_resp *resp, const struct http_stream *s)
{
	resp->status = 200;
	resp->stream = *s;
	buf_reset(&resp->body);
}

void
http_redirect(struct http_resp *resp, const char *path)
{
	/* Only local targets: an open redirect would let a link to Orden
	 * send someone anywhere. Anything else goes home. */
	if (path == NULL || path[0] != '/' || path[1] == '/' || path[1] == '\\' ||
	    strpbrk(path, "\r\n") != NULL)
		path = "/";
	resp->status = 303;
	http_header(resp, "Location", path);
	buf_reset(&resp->body);
}

void
http_json(struct http_resp *resp, int status, struct json_t *j)
{
	char *s;

	buf_reset(&resp->body);
	resp->status = status;
	resp->content_type = "application/json";
	if (j == NULL || (s = json_dumps(j, JSON_COMPACT)) == NULL) {
		resp->status = 500;
		buf_puts(&resp->body, "{\"error\":{\"code\":\"internal\","
		    "\"message\":\"internal error\"}}");
	} else {
		buf_puts(&resp->body, s);
		free(s);
	}
	buf_putc(&resp->body, '\n');
	json_decref(j);
}

void
http_json_error(struct http_resp *resp, int status, const char *code,
    const char *message, const char *field)
{
	json_t *err, *root;

	err = json_pack("{s:s, s:s}", "code", code ? code : "error",
	    "message", message ? message : "");
	if (err != NULL && field != NULL)
		json_object_set_new(err, "field", json_string(field));
	root = err ? json_pack("{s:o}", "error", err) : NULL;
	http_json(resp, status, root);
	if (root == NULL)
		resp->status = status;
}

void
http_html_error(struct http_req *req, struct http_resp *resp, int status,
    const char *message)
{
	const char *title;

	switch (status) {
	case 400: title = _("Bad request"); break;
	case 401: title = _("Not logged in"); break;
	case 403: title = _("Not allowed"); break;
	case 404: title = _("Not found"); break;
	case 405: title = _("Method not allowed"); break;
	case 413: title = _("Too large"); break;
	case 429: title = _("Too many attempts"); break;
	default:
		title = status >= 500 ? _("Something went wrong") :
		    _("Request not accepted");
		break;
	}
	buf_reset(&resp->body);
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	html_page_begin(&resp->body, req, title, NULL);
	html_fmt(&resp->body, "<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/\">%s</a></p>\n",
	    title, message ? message : "", _("Go to the start page"));
	html_page_end(&resp->body, req);
	if (buf_failed(&resp->body)) {
		buf_reset(&resp->body);
		buf_puts(&resp->body, title);
	}
}

void
http_error(struct http_req *req, struct http_resp *resp, int status,
    const char *code, const char *message)
{
	if (req->route != NULL && (req->route->flags & ROUTE_API))
		http_json_error(resp, status, code, message, NULL);
	else
		http_html_error(req, resp, status, message);
}

void
http_cookie(struct http_req *req, struct http_resp *resp, const char *name,
    const char *value, int64_t max_age)
{
	struct arena	*a = req->ctx ? req->ctx->arena : NULL;
	const char	*c;
	char		 age[32];
	int		 n;

	if (a == NULL ||
	    resp->ncookies >= sizeof(resp->set_cookie) / sizeof(resp->set_cookie[0]))
		return;
	age[0] = '\0';
	/* A value that could end the cookie or start another attribute is
	 * refused rather than escaped: our values are tokens and codes. */
	if (value != NULL && value[strcspn(value, " ;,\"\\\t\r\n")] != '\0')
		return;
	if (value == NULL) {
		value = "";
		max_age = 0;
	}
	if (max_age >= 0) {
		n = snprintf(age, sizeof(age), "; Max-Age=%lld",
		    (long long)max_age);
		if (n < 0 || (size_t)n >= sizeof(age))
			return;
	}
	c = arena_printf(a, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
	    name, value, age, req->secure ? "; Secure" : "");
	if (c != NULL)
		resp->set_cookie[resp->ncookies++] = c;
}
