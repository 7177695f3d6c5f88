/* http.h: the HTTP layer (libmicrohttpd underneath). It parses and bounds
 * input, routes, resolves the tenant, authenticates, checks CSRF and
 * declared fields, then hands a handler a valid, typed request.
 *
 * Handlers never see raw MHD objects. All request memory is in
 * req->ctx->arena and is freed when the response has been queued. */
#ifndef ORDEN_HTTP_H
#define ORDEN_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

struct ctx;
struct db;
struct http_trusted;
struct session;

/* --- limits (applied before allocation) ----------------------------------- */
#define HTTP_MAX_BODY		(1024 * 1024)	/* logged in */
#define HTTP_MAX_BODY_ANON	(64 * 1024)	/* before login */
#define HTTP_MAX_HEADER		8192
#define HTTP_MAX_FIELDS		200
#define HTTP_MAX_URL		4096
/* Routes flagged ROUTE_UPLOAD (evidence for a whistleblowing case): room
 * for 10 MiB of files (the model's limit) and the form around them, also
 * when the files travel base64-encoded in JSON (4/3 of 10 MiB). */
#define HTTP_MAX_UPLOAD		(14 * 1024 * 1024)
#define HTTP_MAX_FILES		5	/* file parts in one multipart body */
#define HTTP_MAX_FILENAME	200	/* bytes of a cleaned file name */

enum http_method {
	HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE,
	HTTP_METHOD_MAX
};

struct kv {
	const char	*key;
	const char	*value;
};

/* --- declared fields (kcgi's model): validated before the handler runs ----- */
enum field_type {
	F_TEXT,		/* UTF-8, length in bytes within [min, max], no control chars but \n \r \t */
	F_LINE,		/* like F_TEXT, no newlines */
	F_INT,		/* decimal integer within [min, max] */
	F_BOOL,		/* form: "1"/"on"/"true" or absent; JSON: true/false */
	F_CODE,		/* [A-Za-z0-9_.-], length within [min, max] */
	F_EMAIL,	/* a plausible address, <= max */
	/* Ids (whole numbers >= 1), at most max of them: a form sends the
	 * key once per id (checkboxes) or ids separated by commas; JSON an
	 * array of whole numbers. v->s: the ids joined by ','. */
	F_IDS,
};

struct field {
	const char	*name;
	enum field_type	 type;
	int		 required;
	int64_t		 min, max;
};

struct field_value {
	int		 present;
	const char	*s;	/* text types (arena); also set for F_INT */
	int64_t		 i;	/* F_INT, F_BOOL */
};

/* What the user is told about a refused field, one sentence per field
 * name, kept beside a module's field declaration so that both faces say
 * the same (fields.c). */
struct field_why {
	const char	*field;
	const char	*why;	/* a msgid (N_): the face translates it */
};
/* The sentence for field in t (n entries), or N_("Check this field.")
 * when t has none (or field is NULL). */
const char	*field_why_of(const struct field_why *t, size_t n,
		    const char *field);

/* --- routes --------------------------------------------------------------- */
#define ROUTE_PUBLIC	0x01	/* no login needed */
#define ROUTE_API	0x02	/* JSON errors; bearer token or session */
#define ROUTE_NOCSRF	0x04	/* a state-changing form route exempt from CSRF
				   (only the login form, which has no session) */
#define ROUTE_NOTENANT	0x08	/* served without resolving a tenant (healthz, metrics, static) */
#define ROUTE_REPORTER	0x10	/* a whistleblower's route: the client address is never
				   logged, and the body may be as large as after login
				   (a long report must not be lost to the anonymous limit) */
#define ROUTE_UPLOAD	0x20	/* accepts multipart/form-data with files, and a
				   body up to HTTP_MAX_UPLOAD; elsewhere multipart is 415 */
#define ROUTE_CACHE	0x40	/* a GET whose 200 answer depends only on the data,
				   the asker and the request, and that writes nothing:
				   kept whole and served again while the tenant's data
				   generation is unchanged (http/cache.h). Never on
				   whistleblowing, admin or account routes */

struct http_req;
struct http_resp;
typedef void (*http_handler)(struct http_req *, struct http_resp *);
/* Who may use a route at all, asked before the body is validated: 0, or
 * nonzero with resp set to the 401/403/404 to answer (src/api/gates.c). */
typedef int (*http_gate)(struct http_req *, struct http_resp *);

struct route {
	enum http_method	 method;
	const char		*pattern;	/* "/api/v1/people/{id}/roles" */
	http_handler		 handler;
	unsigned		 flags;
	const struct field	*fields;	/* NULL-name-terminated; may be NULL */
	const char		*name;		/* stable label for metrics and tests */
};

/* The application's route table (src/routes.c), ended by a zero entry. */
extern const struct route app_routes[];

/* A route's access requirement beyond its flags: the gate the server asks
 * before it reads the body (src/routes.c, app_gates, ended by a zero
 * entry; a route without one is open to whoever its flags let in). */
struct route_gate {
	const char	*route;		/* struct route's name */
	http_gate	 gate;
};
extern const struct route_gate app_gates[];

/* The query parameters a route's handler reads, declared like its fields
 * (in the module, NULL-name-terminated) and checked by the server before
 * the handler runs: a 400 naming the parameter otherwise. The handler
 * reads them by position (the module's enum) with http_qtext/http_qint.
 * src/routes.c, app_queries, ended by a zero entry. */
struct route_query {
	const char		*route;		/* struct route's name */
	const struct field	*query;
};
extern const struct route_query app_queries[];
const struct field	*http_route_query(const struct route_query *,
			    const char *route);

#define HTTP_MAX_PARAMS 4

struct http_req {
	enum http_method	 method;
	const char		*path;		/* decoded, without the query */
	const char		*host;		/* without port; may be NULL */
	const struct route	*route;
	const char		*params[HTTP_MAX_PARAMS];	/* {id} etc. in order */
	struct kv		*query;
	size_t			 nquery;
	struct kv		*form;		/* urlencoded or multipart text fields */
	size_t			 nform;
	const char		*body;		/* raw body (JSON), NUL-terminated */
	size_t			 body_len;
	const char		*content_type;
	const char		*accept_language;
	const char		*lang_cookie;
	const char		*authorization;	/* the Authorization header, or NULL */
	struct field_value	*vals;		/* one per route->fields entry */
	const struct field	*qdecl;		/* the route's declared query, or NULL */
	struct field_value	*qvals;		/* one per qdecl entry */
	/* HTML routes: the first invalid field's message (gettext'd, names the
	 * field) and name; NULL when all fields are valid. API routes never
	 * reach the handler with invalid fields: the server answers 400. */
	const char		*form_error;
	const char		*form_error_field;
	struct session		*session;	/* NULL when not logged in by cookie */
	const char		*csrf;		/* the session's CSRF token to put in forms */
	int			 secure;	/* served over TLS */
	struct ctx		*ctx;
	/* ROUTE_UPLOAD routes: the file parts of a multipart body. data
	 * points into the request body (valid until the response is queued);
	 * the strings are in the arena. filename is cleaned (no path, no
	 * control characters, <= HTTP_MAX_FILENAME bytes of UTF-8). */
	struct http_file {
		const char		*field, *filename, *content_type;
		const unsigned char	*data;
		size_t			 len;
	}			*files;
	size_t			 nfiles;
};

/* A body made while it is sent, for answers of any size (an export): the
 * server calls read for the next bytes until it returns 0 (the end) or -1
 * (an error: the connection is closed, so the client sees a cut-off body,
 * never a short one that looks whole), then done(cls) exactly once, also
 * when the client goes away first. Both run on the thread that serves the
 * connection, after the handler has returned: cls must not point into the
 * request (its arena and database connection are gone by then). */
struct http_stream {
	long	(*read)(void *cls, char *buf, size_t max);
	void	(*done)(void *cls);
	void	*cls;
};

struct http_resp {
	int		 status;
	const char	*content_type;	/* default "text/html; charset=utf-8" */
	struct buf	 body;
	struct kv	 headers[8];
	size_t		 nheaders;
	const char	*set_cookie[4];	/* full Set-Cookie values (arena) */
	size_t		 ncookies;
	struct http_stream stream;	/* read != NULL: the body instead of body */
};
/* Answer 200 with a streamed body (the response owns s from here). */
void	http_stream(struct http_resp *, const struct http_stream *s);

/* --- helpers for handlers ------------------------------------------------- */
const char	*http_form(const struct http_req *, const char *key);
/* Path parameter i as an id > 0. 0 and *out, or -1. */
int		 http_param_id(const struct http_req *, int i, int64_t *out);
/* Value of declared field `name` (NULL if the route has no such field). */
const struct field_value *http_val(const struct http_req *, const char *name);
/* Text of the route's declared field at position i (its module's enum),
 * when the fields passed their check: NULL when they did not, or the
 * value is absent or empty. Points into the request's arena. */
const char	*http_text(const struct http_req *, int i);
/* The same field's number (F_INT, F_BOOL), or dflt on the same terms. */
int64_t		 http_int(const struct http_req *, int i, int64_t dflt);
/* The same for the route's declared query parameter at position i: its
 * text (NULL when absent or empty) and its number (dflt when absent). The
 * server checked them before the handler ran. */
const char	*http_qtext(const struct http_req *, int i);
int64_t		 http_qint(const struct http_req *, int i, int64_t dflt);
/* Value of the request cookie `name` (arena), or NULL. */
const char	*http_req_cookie(const struct http_req *, const char *name);

/* Add a response header. Key and value are copied (callers may pass stack
 * buffers); a value with CR or LF is dropped. */
void	http_header(struct http_resp *, const char *key, const char *value);
/* 303 See Other to a local path (must start with "/" and not "//"). */
void	http_redirect(struct http_resp *, const char *path);
/* JSON body from a jansson value (steals the reference) with status. */
struct json_t;
void	http_json(struct http_resp *, int status, struct json_t *);
/* {"error":{"code":..., "message":...}} (+ "field" when field != NULL). */
void	http_json_error(struct http_resp *, int status, const char *code,
	    const char *message, const char *field);
/* A full HTML error page in the layout, in the request's language. */
void	http_html_error(struct http_req *, struct http_resp *, int status,
	    const char *message);
/* Error in the right form for the route (JSON for ROUTE_API, else HTML). */
void	http_error(struct http_req *, struct http_resp *, int status,
	    const char *code, const char *message);
/* Set (or with value NULL, clear) a cookie: HttpOnly, SameSite=Strict,
 * Path=/, Secure when req->secure. max_age < 0 = session cookie. */
void	http_cookie(struct http_req *, struct http_resp *, const char *name,
	    const char *value, int64_t max_age);

/* --- the server ----------------------------------------------------------- */
struct http_config {
	const char	*listen;	/* "127.0.0.1:8080"; port 0 = any free one */
	int		 threads;	/* worker threads = db pool size */
	const char	*static_dir;	/* directory served under /static/ */
	const char	*port_file;	/* if set, the bound port is written here */
	int		 secure;	/* TLS terminated in front: Secure cookies */
	/* Reverse proxies whose X-Forwarded-For is believed (http/proxy.h);
	 * NULL or empty: the peer's address is the client's. */
	const struct http_trusted *trusted;
	const char	*spool_dir;	/* temporary files of large uploads (NULL: /tmp) */
	size_t		 spool_max;	/* bytes of uploads on disk at once (0: 1 GiB) */
	unsigned	 per_address;	/* connections from one peer address (0: 64) */
	/* The cache of whole answers (http/cache.h): its byte budget and
	 * the maximum age of an answer in seconds; either 0: no cache. */
	size_t		 cache_bytes;
	int		 cache_max_age;
};

/* Serve until SIGTERM or SIGINT, then drain in-flight requests and return 0.
 * Negative when it could not start (message on stderr). */
int	http_serve(struct db *, const struct http_config *);

/* Router, exposed for tests and the access matrix: match method+path
 * against table; fills params (arena-less: pointers into the scratch
 * buffer given). Returns the route or NULL; *method_mismatch set when the
 * path matched some route but not with this method (405). */
const struct route *http_route_match(const struct route *table,
	    enum http_method, const char *path, char *scratch, size_t scratchsz,
	    const char *params[HTTP_MAX_PARAMS], int *method_mismatch);

/* Parsers, exposed for tests and fuzzing. All allocate in the arena and
 * return 0, or -1 on malformed or over-limit input. */
struct arena;
int	http_parse_urlencoded(struct arena *, const char *s, size_t len,
	    struct kv **out, size_t *n);
/* The same, but a pair that cannot be decoded (a bad escape, a NUL) is
 * left out instead of failing the whole: *bad is then the first such
 * pair's key ("" when the key itself cannot be decoded), else NULL. So a
 * page can still check the form's CSRF token and say which field was
 * wrong. Still -1 when over the limits or malformed otherwise. */
int	http_parse_urlencoded_salvage(struct arena *, const char *s,
	    size_t len, struct kv **out, size_t *n, const char **bad);
/* multipart/form-data (RFC 7578) in body (len bytes, never read past):
 * the boundary from content_type; text parts go to form/nform, file parts
 * (those with a filename) to files/nfiles, pointing into body. A part with
 * an empty filename and no data (a file input left empty) is skipped. -1
 * when malformed, more than HTTP_MAX_FILES files or HTTP_MAX_FIELDS fields,
 * or a text part with a NUL byte. */
int	http_parse_multipart(struct arena *, const char *content_type,
	    const char *body, size_t len, struct kv **form, size_t *nform,
	    struct http_file **files, size_t *nfiles);
/* The same, but a text part with a NUL byte is left out instead of
 * failing the whole: *bad is then its name, else NULL (as
 * http_parse_urlencoded_salvage). */
int	http_parse_multipart_salvage(struct arena *, const char *content_type,
	    const char *body, size_t len, struct kv **form, size_t *nform,
	    struct http_file **files, size_t *nfiles, const char **bad);
int	http_parse_cookie(struct arena *, const char *header, const char *name,
	    const char **value);
/* Validate form (or JSON object text when json != 0) against fields. Fills
 * vals (arena, one per field). 0 when valid; -1 with bad_field and msg set. */
int	http_fields_validate(struct arena *, const struct field *fields,
	    const struct kv *form, size_t nform, const char *json, int is_json,
	    struct field_value **vals, const char **bad_field, const char **msg);

/* Prometheus text of the metrics so far. Caller frees (buf_free). */
void	http_metrics_render(struct buf *);

#endif
