/* server.c: the HTTP server on libmicrohttpd.
 *
 * A request goes through two phases, both on the MHD worker thread that
 * owns the connection:
 *
 *  1. headers received (first callback): bound the URL and headers, serve
 *     static files, route, resolve the tenant, authenticate, refuse
 *     anonymous access, and fix the body limit (tighter before login), so
 *     that an oversized Content-Length is refused before any allocation;
 *  2. body received (last callback): parse the form or keep the JSON,
 *     check CSRF and the declared fields, run the handler, answer.
 *
 * A database connection is held only inside a phase, never while waiting
 * for a client, so slow clients cannot starve the pool (and the pool can
 * never deadlock on a worker that waits for itself).
 *
 * A handler whose write goes to group commit (a "Meld avvik") queues it
 * (ctx.h struct ctx_later) and returns; the connection is suspended, its
 * worker thread and database connection free for other requests, until
 * the batch committed; then the handler is called again and answers. */
#include "http/http.h"
#include "http/internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <sodium.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "auth/auth.h"
#include "http/cache.h"
#include "authz/authz.h"
#include "ctx.h"
#include "http/deadline.h"
#include "http/ident.h"
#include "http/proxy.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "store/group.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/memlimit.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/num.h"
#include "util/shutdown.h"
#include "util/testbuild.h"

#define REQ_ARENA_MAX		(16u * 1024 * 1024)
#define RESP_BODY_MAX		(16u * 1024 * 1024)
#define CONN_TIMEOUT		30u	/* seconds of client silence */
#define HEADER_SECONDS		10u	/* to send a whole request header */
/* MHD's per-connection pool, which it zeroes whole at every request of
 * a keep-alive connection (MHD_pool_reset): 64 KiB were 7 % of a cache
 * hit's CPU. 32 KiB still hold our largest request head (a 4 KiB line
 * and 8 KiB of headers get our own 414/431, test_http_limits) and the
 * answer's headers. */
#define CONN_MEMORY		(32u * 1024)
/* The buffer MHD allocates with each streamed response and fills from
 * its reader: per download in progress, so small (the memory budget). */
#define STREAM_BLOCK		(16u * 1024)
#define CONN_LIMIT		8192u
#define PER_ADDRESS		64u	/* default connections from one address */
#define FD_RESERVE		64u	/* descriptors kept for the database, logs */
#define DRAIN_SECONDS		10	/* wait for in-flight requests at stop */
#define LANG_COOKIE		"orden_lang"
/* An oversized chunked upload (no Content-Length to refuse up front) is
 * read and thrown away, without memory, so that its sender gets the 413 at
 * the end: MHD cannot answer in the middle of an upload. Past this many
 * discarded bytes the connection is dropped instead. */
#define DISCARD_MAX		(16u * 1024 * 1024)

struct server {
	struct db			*db;
	const struct http_config	*cfg;
	const struct route		*routes;
	atomic_int			 inflight;
	atomic_int			 suspended;	/* waiting for group commit */
};

struct reqstate {
	struct server		*srv;
	struct arena		*arena;
	struct ctx		 ctx;
	struct http_req		 req;
	struct http_resp	 resp;
	struct session		 session;
	struct person		 person;
	struct spool		 body;		/* memory or a temporary file */
	size_t			 limit;		/* body bytes allowed */
	size_t			 discarded;
	int			 too_big;
	int			 spool_failed;	/* SPOOL_BUSY or SPOOL_ERR, else 0 */
	int			 answered;
	int			 in_headers;	/* inside phase 1 */
	int			 has_body;	/* the client announced one */
	int			 deferred;	/* answer ready, sent at the end */
	int			 password_pending;	/* session with a one-time password */
	enum http_method	 method;	/* as sent (HEAD stays HEAD) */
	const char		*cookie_header;
	const char		*route_name;	/* for metrics and the log */
	const char		*allow;		/* Allow header of a 405 */
	struct timespec		 start;
	/* A write queued for group commit: the connection is suspended
	 * until its batch committed, then the handler is called again. */
	struct ctx_later	 later;
	struct MHD_Connection	*mhd;
	int			 suspended;	/* counted in srv->suspended */
	/* The cache of whole answers (cache.h): the key of a cacheable
	 * request (arena, NULL otherwise), the data generation and time read
	 * before the answer was made, and a stored body to send (a hit). */
	const char		*cache_key;
	size_t			 cache_keylen;
	int64_t			 cache_gen, cache_now;
	/* The generations read in phase 1 with the tenant (gens_read): the
	 * data's for the cache of answers, the identity's for ident.h. */
	int64_t			 ident_gen;
	int			 gens_read;
	int			 body_fd;	/* >= 0: the answer's body, sent from it */
	size_t			 body_fd_size;
	/* A hit sent as the entry's kept MHD response (a count held until it
	 * is queued), or a hit whose response, once made, is kept with its
	 * entry (the key in the arena, the entry's ETag). */
	struct http_cache_made	*made;
	const char		*keep_key;
	size_t			 keep_keylen;
	char			 keep_etag[HTTP_CACHE_ETAG_LEN];
};

/* The request being handled on this thread, for http_req_cookie. */
static _Thread_local const struct reqstate *current;

static double
elapsed(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

struct arena *
http_resp_arena(const struct http_resp *resp)
{
	if (current == NULL || &current->resp != resp)
		return NULL;
	return current->arena;
}

const char *
http_req_cookie(const struct http_req *req, const char *name)
{
	const char *v = NULL;

	if (current == NULL || &current->req != req || name == NULL)
		return NULL;
	if (http_parse_cookie(current->arena, current->cookie_header, name,
	    &v) != 0)
		return NULL;
	return v;
}

/* --- collecting the request ----------------------------------------------- */

struct kvlist {
	struct arena	*arena;
	struct kv	*v;
	size_t		 n, cap;
	size_t		 bytes;
	int		 over;
};

static enum MHD_Result
collect_kv(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct kvlist	*l = cls;
	struct kv	*nv;

	(void)kind;
	if (key == NULL)
		return MHD_YES;
	l->bytes += strlen(key) + (value ? strlen(value) : 0) + 4;
	if (l->n >= HTTP_MAX_FIELDS) {
		l->over = 1;
		return MHD_NO;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		if ((nv = arena_alloc(l->arena, l->cap * sizeof(*nv))) == NULL) {
			l->over = 1;
			return MHD_NO;
		}
		if (l->n)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
	}
	l->v[l->n].key = key;
	l->v[l->n].value = value ? value : "";
	l->n++;
	return MHD_YES;
}

/* How often the headers that decide where a request goes and where its
 * body ends appear. */
struct hdrcount {
	int	host, clen, te;
};

static enum MHD_Result
count_headers(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct hdrcount *n = cls;

	(void)kind;
	(void)value;
	if (key == NULL)
		return MHD_YES;
	if (strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0)
		n->host++;
	else if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0)
		n->clen++;
	else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0)
		n->te++;
	return MHD_YES;
}

/* Host header without port, lowercased, or NULL when absent or odd. */
static const char *
host_of(struct arena *a, const char *h)
{
	char	*out;
	size_t	 len, i;

	if (h == NULL || *h == '\0')
		return NULL;
	if (h[0] == '[') {
		const char *end = strchr(h, ']');

		if (end == NULL)
			return NULL;
		h++;
		len = (size_t)(end - h);
	} else {
		len = strcspn(h, ":");
	}
	if (len == 0 || len > 253 || (out = arena_strndup(a, h, len)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		char c = out[i];

		if (c >= 'A' && c <= 'Z')
			out[i] = (char)(c - 'A' + 'a');
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '-' || c == ':'))
			return NULL;
	}
	return out;
}

static const char *
remote_of(struct arena *a, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo	*ci;
	const struct sockaddr		*sa;
	char				 host[NI_MAXHOST];
	socklen_t			 len;

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return "";
	len = sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) :
	    sizeof(struct sockaddr_in);
	if (getnameinfo(sa, len, host, sizeof(host), NULL, 0, NI_NUMERICHOST) != 0)
		return "";
	return arena_strdup(a, host);
}

/* Every X-Forwarded-For line, joined by "," as one list (RFC 9110 5.3),
 * so a second line cannot hide behind the first. */
struct xff {
	struct arena	*arena;
	const char	*s;		/* NULL while there is none */
	int		 failed;
};

static enum MHD_Result
join_xff(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct xff *x = cls;

	(void)kind;
	if (key == NULL || value == NULL || strcasecmp(key, "X-Forwarded-For") != 0)
		return MHD_YES;
	x->s = x->s == NULL ? arena_strdup(x->arena, value) :
	    arena_printf(x->arena, "%s,%s", x->s, value);
	x->failed = x->s == NULL;
	return x->failed ? MHD_NO : MHD_YES;
}

static const char *
forwarded_for(struct arena *a, struct MHD_Connection *c)
{
	struct xff x = { a, NULL, 0 };

	MHD_get_connection_values(c, MHD_HEADER_KIND, join_xff, &x);
	return x.failed ? NULL : x.s;
}

/* "application/json; charset=utf-8" -> is it media type `want`? */
static int
media_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	if (ct == NULL)
		return 0;
	while (*ct == ' ')
		ct++;
	return strncasecmp(ct, want, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* --- answering ---------------------------------------------------------- */

static void
resp_json_or_html(struct reqstate *rs, int status, const char *code,
    const char *msg)
{
	if (rs->req.route != NULL && (rs->req.route->flags & ROUTE_API))
		http_json_error(&rs->resp, status, code, msg, NULL);
	else
		http_html_error(&rs->req, &rs->resp, status, msg);
}

/* A streamed body (http_stream) as MHD reads it: our read in MHD's terms,
 * and done once MHD lets go of the response. */
static ssize_t
stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct http_stream	*s = cls;
	long			 n;

	(void)pos;
	n = s->read(s->cls, buf, max);
	if (n < 0)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	if (n == 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	return (ssize_t)n;
}

static void
stream_free(void *cls)
{
	struct http_stream *s = cls;

	s->done(s->cls);
	free(s);
}

/* The MHD response for a streamed body; the stream is MHD's from here
 * (and given back with done when this fails). NULL on failure. */
static struct MHD_Response *
stream_response(struct http_resp *resp)
{
	struct http_stream	*s;
	struct MHD_Response	*r;

	if ((s = malloc(sizeof(*s))) == NULL) {
		resp->stream.done(resp->stream.cls);
		memset(&resp->stream, 0, sizeof(resp->stream));
		return NULL;
	}
	*s = resp->stream;
	memset(&resp->stream, 0, sizeof(resp->stream));
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, STREAM_BLOCK,
	    stream_read, s, stream_free);
	if (r == NULL)
		stream_free(s);
	return r;
}

/* A kept response's last count is gone (cache.c). */
static void
made_free(void *p)
{
	MHD_destroy_response(p);
}

/* Build the MHD response from rs->resp, with the security headers, and
 * queue it. Also counts it and writes the access log line. */
static enum MHD_Result
answer(struct reqstate *rs, struct MHD_Connection *c)
{
	struct MHD_Response	*r;
	struct http_resp	*resp = &rs->resp;
	const struct kv		*h;
	enum MHD_Result		 ret;
	size_t			 i;
	int			 status = resp->status ? resp->status : 200;
	int			 has_cache = 0, keep = 0;
	double			 secs;
	char			 st[8], ms[32], abuf[40];

	/* An answer found while reading the headers of a request without a
	 * body waits for MHD's last callback: queued earlier, MHD would close
	 * a keep-alive connection. With a body pending it goes at once, and
	 * the body is never read. */
	if (rs->in_headers && !rs->has_body) {
		rs->deferred = 1;
		return MHD_YES;
	}
	if (resp->stream.read != NULL && status != 200) {
		/* Something after http_stream decided otherwise. */
		resp->stream.done(resp->stream.cls);
		memset(&resp->stream, 0, sizeof(resp->stream));
	}
	if (rs->made != NULL) {
		/* A kept response: queued as it is (MHD counts its users). */
		ret = MHD_queue_response(c, (unsigned)status,
		    http_cache_made_ptr(rs->made));
		http_cache_made_put(rs->made);
		rs->made = NULL;
		goto sent;
	}
	if (buf_failed(&resp->body)) {
		/* The page outgrew its buffer: say so rather than send half. */
		buf_reset(&resp->body);
		status = 500;
		resp->content_type = "text/plain; charset=utf-8";
		buf_puts(&resp->body, "response too large\n");
	}
	if (rs->body_fd >= 0 && status == 200) {
		/* A stored answer: sendfile from its memory file, which the
		 * response closes. */
		r = MHD_create_response_from_fd(rs->body_fd_size, rs->body_fd);
		if (r == NULL)
			close(rs->body_fd);
		rs->body_fd = -1;
		keep = rs->keep_key != NULL && resp->ncookies == 0 &&
		    rs->allow == NULL;
	} else if (resp->stream.read != NULL)
		r = stream_response(resp);
	else
		r = MHD_create_response_from_buffer(resp->body.len,
		    resp->body.data ? resp->body.data : (char *)"",
		    MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	for (h = http_security_headers; h->key != NULL; h++)
		MHD_add_response_header(r, h->key, h->value);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
	    resp->content_type ? resp->content_type : "text/html; charset=utf-8");
	for (i = 0; i < resp->nheaders; i++) {
		if (strcasecmp(resp->headers[i].key, "Cache-Control") == 0)
			has_cache = 1;
		MHD_add_response_header(r, resp->headers[i].key,
		    resp->headers[i].value);
	}
	if (!has_cache)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	for (i = 0; i < resp->ncookies; i++)
		MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE,
		    resp->set_cookie[i]);
	if (rs->allow != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, rs->allow);
	if (status == 401 && rs->req.route != NULL &&
	    (rs->req.route->flags & ROUTE_API))
		MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		    "Bearer");
	ret = MHD_queue_response(c, (unsigned)status, r);
	/* Kept, the entry holds the count MHD gave at its making. */
	if (!keep || ret != MHD_YES || http_cache_made_keep(rs->keep_key,
	    rs->keep_keylen, rs->keep_etag, r, made_free) != 0)
		MHD_destroy_response(r);
sent:
	rs->answered = 1;

	secs = elapsed(&rs->start);
	http_metrics_observe(rs->route_name, status, secs);
	snprintf(st, sizeof(st), "%d", status);
	snprintf(ms, sizeof(ms), "%.1f", secs * 1000.0);
	/* Never the query string (it may carry a "next" or a search) nor
	 * cookies: the method, the route's name and the outcome. */
	/* A whistleblower's address is never written down: none for static
	 * files, 404s, public and reporter routes, nor anyone not signed in
	 * (util/log_addr.c); by default none at all (--log-addresses). */
	log_event("http_request", "method", http_method_name(rs->method) ?
	    http_method_name(rs->method) : "other", "route",
	    rs->route_name ? rs->route_name : "none", "status", st, "ms", ms,
	    "addr", log_addr(rs->ctx.remote_addr, rs->ctx.user != NULL &&
	    rs->req.route != NULL && !(rs->req.route->flags &
	    (ROUTE_REPORTER | ROUTE_PUBLIC)), abuf, sizeof(abuf)), NULL);
	return ret;
}

static enum MHD_Result
answer_error(struct reqstate *rs, struct MHD_Connection *c, int status,
    const char *code, const char *msg)
{
	resp_json_or_html(rs, status, code, msg);
	return answer(rs, c);
}

/* The upload space is spent (many large uploads at once): come back. */
static enum MHD_Result
answer_busy(struct reqstate *rs, struct MHD_Connection *c)
{
	resp_json_or_html(rs, 503, "busy", _("The server is receiving too "
	    "many uploads right now. Please try again in a minute."));
	http_header(&rs->resp, "Retry-After", "60");
	return answer(rs, c);
}

/* --- phase 1: headers ------------------------------------------------------- */

/* The tenant the host chose, and both generations of it (one statement
 * when the tenant of the host is kept, ident.h). 0, 1 when the host
 * names no tenant, -1 on error. Needs ctx->conn.
 *
 * A tenant found afresh is looked up again after its generation was read
 * and kept only when the two agree: a write between the first lookup and
 * the read could otherwise leave a tenant kept under a generation that
 * already includes its change. */
static int
resolve_tenant(struct reqstate *rs, struct tenant *t)
{
	struct ctx	*ctx = &rs->ctx;
	const char	*host = rs->req.host;
	struct tenant	 again;
	int64_t		 kept;

	if (http_ident_tenant_get(host, ctx->now, rs->arena, t,
	    &kept) == 0) {
		if (db_gens(ctx->conn, t->id, &rs->cache_gen,
		    &rs->ident_gen) != DB_OK)
			return -1;
		if (rs->ident_gen == kept) {
			rs->gens_read = 1;
			return 0;
		}
	}
	if (tenant_resolve(ctx->conn, rs->arena, host, t) != 0)
		return 1;
	if (db_gens(ctx->conn, t->id, &rs->cache_gen, &rs->ident_gen) != DB_OK)
		return -1;
	if (tenant_resolve(ctx->conn, rs->arena, host, &again) != 0)
		return 1;
	if (again.id != t->id) {
		*t = again;
		if (db_gens(ctx->conn, t->id, &rs->cache_gen,
		    &rs->ident_gen) != DB_OK)
			return -1;
	} else if (again.uid == t->uid && (t->name == NULL ?
	    again.name == NULL : again.name != NULL &&
	    strcmp(t->name, again.name) == 0)) {
		http_ident_tenant_put(host, t, rs->ident_gen, ctx->now);
	}
	rs->gens_read = 1;
	return 0;
}

/* What a signed-in request found, in effect for this request. */
static void
ident_apply(struct reqstate *rs, const struct http_ident *id)
{
	struct ctx	*ctx = &rs->ctx;
	struct http_req	*req = &rs->req;

	rs->person = id->person;
	ctx->roles = id->roles;
	ctx->user = &rs->person;
	ctx->via_token = id->via_token;
	if (!id->via_token) {
		rs->session = id->session;
		req->session = &rs->session;
		req->csrf = rs->session.csrf;
		rs->password_pending = id->password_pending;
	}
}

/* The identity of the secret as kept (ident.h), when it is of the
 * generation read in phase 1 and its session or token has not expired
 * since: 1 and in effect. 0: ask the database. -1: a session's last_seen
 * could not be written (a failed lookup, as before). */
static int
authenticate_kept(struct reqstate *rs, int via_token,
    const unsigned char digest[AUTH_HASH_BYTES])
{
	struct ctx		*ctx = &rs->ctx;
	struct http_ident	 id;
	int			 live;

	if (http_ident_get(ctx->tenant_id, via_token, digest, rs->ident_gen,
	    ctx->now, rs->arena, &id) != 0)
		return 0;
	if (via_token) {
		int64_t seen = id.token.last_used;

		live = auth_token_recheck(ctx, &id.token);
		if (live == 1 && id.token.last_used != seen)
			http_ident_put(ctx->tenant_id, digest, rs->ident_gen,
			    ctx->now, &id);
	} else {
		int64_t seen = id.session.last_seen;

		live = auth_session_recheck(ctx, &id.session,
		    !(rs->req.route->flags & ROUTE_REPORTER));
		if (live == 1 && id.session.last_seen != seen)
			http_ident_put(ctx->tenant_id, digest, rs->ident_gen,
			    ctx->now, &id);
	}
	if (live == 1)
		ident_apply(rs, &id);
	sodium_memzero(&id.session.csrf, sizeof(id.session.csrf));
	return live;
}

/* Who is asking, from the database: the session or token, the person,
 * their roles and whether their password must change. 0 and *id, 1 when
 * there is nobody (no valid session, token or active person), -1 on
 * error. */
static int
authenticate_db(struct reqstate *rs, const char *secret, int via_token,
    struct http_ident *id)
{
	struct ctx	*ctx = &rs->ctx;
	int64_t		 pid;

	memset(id, 0, sizeof(*id));
	id->via_token = via_token;
	if (via_token) {
		if (auth_token_resolve_seen(ctx, secret, &id->token) != 0)
			return 1;
		pid = id->token.person_id;
	} else {
		if (((rs->req.route->flags & ROUTE_REPORTER) ?
		    auth_session_peek(ctx, secret, &id->session) :
		    auth_session_lookup(ctx, secret, &id->session)) != 0)
			return 1;
		pid = id->session.person_id;
	}
	/* A deactivated person is logged out everywhere at once; their
	 * tokens stop working too. */
	if (org_person_get(ctx, pid, &id->person) != 0 || !id->person.active)
		return 1;
	if (org_roles_of(ctx, pid, &id->roles) != 0)
		return -1;
	/* A session opened with a one-time password (see the gate in
	 * phase_headers). Bearer tokens are not sessions and were never
	 * opened with a password. */
	if (!via_token &&
	    (id->password_pending = org_password_must_change(ctx, pid)) < 0)
		return -1;
	return 0;
}

/* Who is asking: session cookie, or for API routes a bearer token.
 * Fills ctx->user/roles and req->session. 0, or an HTTP status to answer
 * with (401 for a bad bearer token), or 500. Needs ctx->conn and the
 * generations resolve_tenant read.
 *
 * The host chose the tenant before this runs, and a token counts only in
 * its own tenant: a token of another municipality receives the very 401 an
 * unknown, revoked or malformed one does (same status, body and headers,
 * nothing logged), so the answer never tells whether it exists elsewhere.
 * What the database answered is kept (ident.h) under the identity
 * generation read before it was asked, and given again while that is
 * unchanged: kept entries are per tenant, so a secret of another tenant
 * is never found in this one's. */
static int
authenticate(struct reqstate *rs, struct MHD_Connection *c)
{
	struct ctx		*ctx = &rs->ctx;
	struct http_req		*req = &rs->req;
	struct http_ident	 id;
	unsigned char		 digest[AUTH_HASH_BYTES];
	const char		*authz, *tok = NULL;
	int			 via_token = 0, st, rc = 0;

	authz = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	if (authz != NULL && (req->route->flags & ROUTE_API)) {
		if (strncasecmp(authz, "Bearer ", 7) != 0)
			return 401;
		for (tok = authz + 7; *tok == ' '; tok++)
			continue;
		via_token = 1;
	} else if (http_parse_cookie(rs->arena, rs->cookie_header,
	    AUTH_COOKIE, &tok) != 0 || tok == NULL) {
		return 0;
	}
	auth_token_digest(tok, digest);
	if ((st = authenticate_kept(rs, via_token, digest)) != 0) {
		rc = st == 1 ? 0 : via_token ? 401 : 0;
		goto out;
	}
	if ((st = authenticate_db(rs, tok, via_token, &id)) != 0) {
		rc = st < 0 ? 500 : via_token ? 401 : 0;
		goto out;
	}
	ident_apply(rs, &id);
	http_ident_put(ctx->tenant_id, digest, rs->ident_gen, ctx->now, &id);
out:
	sodium_memzero(digest, sizeof(digest));
	return rc;
}

/* Where to go back to after signing in: the path with its query (a
 * dashboard's period, a list's filters), each pair encoded again; the
 * path alone when that would not fit the login form's "next" field
 * (auth_input.c, 1024). A GET's only: a form's POST cannot be replayed.
 * Borrowed from rs's arena. */
#define LOGIN_NEXT_MAX	1024

static const char *
login_next(struct reqstate *rs, const char *url)
{
	struct buf	 b;
	const char	*out = url, *k, *v;
	size_t		 i;

	if (rs->method != HTTP_GET || rs->req.nquery == 0)
		return url;
	buf_init(&b, LOGIN_NEXT_MAX);
	buf_puts(&b, url);
	for (i = 0; i < rs->req.nquery; i++) {
		k = http_urlencode(rs->arena, rs->req.query[i].key);
		v = http_urlencode(rs->arena, rs->req.query[i].value ?
		    rs->req.query[i].value : "");
		if (k == NULL || v == NULL)
			break;
		buf_printf(&b, "%c%s=%s", i == 0 ? '?' : '&', k, v);
	}
	if (i == rs->req.nquery && !buf_failed(&b))
		out = arena_strdup(rs->arena, buf_cstr(&b));
	buf_free(&b);
	return out != NULL ? out : url;
}

/* Returns MHD_YES with rs->answered set when it answered already. */
static enum MHD_Result
phase_headers(struct reqstate *rs, struct MHD_Connection *c, const char *url,
    const char *method)
{
	struct server		*srv = rs->srv;
	struct http_req		*req = &rs->req;
	struct ctx		*ctx = &rs->ctx;
	struct kvlist		 q = { 0 }, hd = { 0 };
	struct hdrcount		 dup = { 0 };
	const struct route	*route;
	struct tenant		 tenant;
	const char		*cl, *lang_cookie, *params[HTTP_MAX_PARAMS];
	char			*scratch, allow[64];
	int			 mismatch = 0, st, i;
	int64_t			 clen = -1;

	ctx->arena = rs->arena;
	ctx->db = srv->db;
	ctx->now = clock_now();
	ctx->remote_addr = remote_of(rs->arena, c);
	if (srv->cfg->trusted != NULL && srv->cfg->trusted->n > 0)
		ctx->remote_addr = http_client_addr(rs->arena, srv->cfg->trusted,
		    ctx->remote_addr, forwarded_for(rs->arena, c));
	ctx->lang = "nb";
	req->ctx = ctx;
	req->secure = srv->cfg->secure;
	req->path = url;

	/* Language first, so that even the earliest error page is in it. */
	rs->cookie_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_COOKIE);
	if (http_parse_cookie(rs->arena, rs->cookie_header, LANG_COOKIE,
	    &lang_cookie) != 0)
		lang_cookie = NULL;
	req->lang_cookie = lang_cookie;
	req->accept_language = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
	ctx->lang = i18n_use(i18n_pick(lang_cookie, req->accept_language));
	req->authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);

	/* Bounds. MHD itself answers past CONN_MEMORY; below it, these give
	 * the precise status. */
	hd.arena = q.arena = rs->arena;
	MHD_get_connection_values(c, MHD_HEADER_KIND, collect_kv, &hd);
	if (hd.over || hd.bytes > HTTP_MAX_HEADER)
		return answer_error(rs, c, 431, "headers_too_large",
		    _("The request headers are too large."));
	/* Two Host or Content-Length headers (or a length beside chunked
	 * encoding) are read one way here and maybe another by a proxy in
	 * front: the ground for request smuggling and for choosing another
	 * municipality than the proxy checked. MHD takes the first; refuse. */
	MHD_get_connection_values(c, MHD_HEADER_KIND, count_headers, &dup);
	if (dup.host > 1 || dup.clen > 1 || dup.te > 1 ||
	    (dup.clen > 0 && dup.te > 0))
		return answer_error(rs, c, 400, "duplicate_header",
		    _("The request has a repeated Host or Content-Length header."));
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_kv, &q);
	if (url == NULL || strlen(url) + q.bytes > HTTP_MAX_URL)
		return answer_error(rs, c, 414, "uri_too_long",
		    _("The address is too long."));
	if (q.over)
		return answer_error(rs, c, 400, "too_many_fields",
		    _("The request has too many fields."));
	req->query = q.v;
	req->nquery = q.n;

	if (http_method_parse(method, &rs->method) != 0)
		rs->method = HTTP_METHOD_MAX;

	/* Static files: before routing, without tenant or session. */
	if (strncmp(url, "/static/", 8) == 0) {
		rs->route_name = "static";
		if (rs->method != HTTP_GET && rs->method != HTTP_HEAD) {
			rs->allow = "GET, HEAD";
			return answer_error(rs, c, 405, "method_not_allowed",
			    _("This method is not allowed here."));
		}
		if (http_static_load(srv->cfg->static_dir, url + 8,
		    &rs->resp) != 0)
			return answer_error(rs, c, 404, "not_found",
			    _("The page was not found."));
		return answer(rs, c);
	}

	if ((scratch = arena_alloc(rs->arena, strlen(url) + 1)) == NULL)
		return answer_error(rs, c, 414, "uri_too_long",
		    _("The address is too long."));
	route = rs->method == HTTP_METHOD_MAX ? NULL :
	    http_route_match(srv->routes, rs->method, url, scratch,
	    strlen(url) + 1, params, &mismatch);
	if (route == NULL) {
		if (http_route_allow(srv->routes, url, allow, sizeof(allow)) == 0) {
			rs->allow = arena_strdup(rs->arena, allow);
			/* The route's flags decide JSON or HTML for the 405. */
			req->route = http_route_match(srv->routes, HTTP_GET, url,
			    scratch, strlen(url) + 1, params, &mismatch);
			if (req->route == NULL)
				for (i = 0; i < HTTP_METHOD_MAX && req->route == NULL; i++)
					req->route = http_route_match(srv->routes,
					    (enum http_method)i, url, scratch,
					    strlen(url) + 1, params, &mismatch);
			rs->route_name = "none";
			return answer_error(rs, c, 405, "method_not_allowed",
			    _("This method is not allowed here."));
		}
		/* No route to take its flags from: an API client that
		 * mistyped a path is answered in JSON all the same. */
		if (strncmp(url, "/api/", 5) == 0) {
			http_json_error(&rs->resp, 404, "not_found",
			    _("Not found"), NULL);
			return answer(rs, c);
		}
		return answer_error(rs, c, 404, "not_found",
		    _("The page was not found."));
	}
	req->route = route;
	rs->route_name = route->name;
	req->method = rs->method == HTTP_HEAD ? HTTP_GET : rs->method;
	for (i = 0; i < HTTP_MAX_PARAMS; i++)
		req->params[i] = params[i];
	req->host = host_of(rs->arena, MHD_lookup_connection_value(c,
	    MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST));
	req->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);

	/* The largest any request may send, before touching the database. */
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl != NULL && (num_parse_i64(cl, 0, INT64_MAX, &clen) != 0 ||
	    clen > ((route->flags & ROUTE_UPLOAD) ? HTTP_MAX_UPLOAD : HTTP_MAX_BODY)))
		return answer_error(rs, c, 413, "too_large",
		    _("The request is too large."));

	if (!(route->flags & ROUTE_NOTENANT)) {
		ctx->conn = db_acquire(srv->db);
		if ((st = resolve_tenant(rs, &tenant)) != 0) {
			db_release(srv->db, ctx->conn);
			ctx->conn = NULL;
			if (st < 0)
				return answer_error(rs, c, 500, "internal",
				    _("Something went wrong. Please try again."));
			/* Plain words for whoever opened a wrong address
			 * (often 127.0.0.1 after a second `orden demo
			 * --host`): what is wrong and how it is put right,
			 * never which municipalities exist. */
			return answer_error(rs, c, 404, "unknown_tenant",
			    _("No municipality is served at this address. Open "
			    "Orden at your municipality's own address. An "
			    "operator adds a municipality for this address with "
			    "orden tenant add --db PATH --name NAME --host HOST."));
		}
		ctx->tenant_id = tenant.id;
		ctx->tenant_uid = tenant.uid;
		ctx->tenant_name = tenant.name;
		st = authenticate(rs, c);
		db_release(srv->db, ctx->conn);
		ctx->conn = NULL;
		if (st == 401)
			return answer_error(rs, c, 401, "unauthorized",
			    _("The API token is not valid."));
		if (st != 0)
			return answer_error(rs, c, 500, "internal",
			    _("Something went wrong. Please try again."));
		/* A person's saved language applies when no cookie chose one. */
		if (lang_cookie == NULL && rs->person.lang != NULL &&
		    ctx->user != NULL)
			ctx->lang = i18n_use(rs->person.lang);
	}

	if (!(route->flags & ROUTE_PUBLIC) && ctx->user == NULL) {
		if (route->flags & ROUTE_API) {
			return answer_error(rs, c, 401, "unauthorized",
			    _("Log in or send a valid API token."));
		} else {
			const char *enc = http_urlencode(rs->arena,
			    login_next(rs, url));
			const char *to = enc ? arena_printf(rs->arena,
			    "/login?next=%s", enc) : NULL;

			http_redirect(&rs->resp, to ? to : "/login");
			return answer(rs, c);
		}
	}

	/* Until a one-time password is replaced, nothing but the change:
	 * every route, decided once, here (authz/pending.c). */
	if (rs->password_pending &&
	    !authz_route_open_while_password_pending(route->name)) {
		if (route->flags & ROUTE_API)
			return answer_error(rs, c, 403, "password_change_required",
			    _("Change your one-time password first (at /account/password)."));
		http_redirect(&rs->resp, "/account/password");
		return answer(rs, c);
	}

	rs->limit = ctx->user != NULL || (route->flags & ROUTE_REPORTER) ?
	    HTTP_MAX_BODY : HTTP_MAX_BODY_ANON;
	if (route->flags & ROUTE_UPLOAD)
		rs->limit = HTTP_MAX_UPLOAD;
	if (clen > (int64_t)rs->limit)
		return answer_error(rs, c, 413, "too_large",
		    _("The request is too large."));
	http_spool_free(&rs->body);
	http_spool_init(&rs->body, rs->limit);
	/* A large body announced is given its disk space now or not at
	 * all, before a byte of it is read. */
	if (clen > (int64_t)HTTP_SPOOL_MEM_EACH &&
	    http_spool_reserve(&rs->body, (size_t)clen + 1) != 0)
		return answer_busy(rs, c);
	return MHD_YES;
}

static enum MHD_Result	run_handler(struct reqstate *, struct MHD_Connection *);

/* --- phase 2: body ------------------------------------------------------------ */

static int
csrf_ok(struct reqstate *rs, struct MHD_Connection *c)
{
	struct http_req *req = &rs->req;

	if (rs->method == HTTP_GET || rs->method == HTTP_HEAD)
		return 1;
	if (req->route->flags & ROUTE_API) {
		/* Bearer tokens are not sent by browsers on their own, so a
		 * cross-site page cannot ride on them. */
		if (rs->ctx.via_token || req->session == NULL)
			return 1;
		return auth_csrf_check(req->session,
		    MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    "X-CSRF-Token"));
	}
	if (req->route->flags & ROUTE_NOCSRF)
		return 1;
	return req->session != NULL &&
	    auth_csrf_check(req->session, http_form(req, "csrf"));
}

static enum MHD_Result
phase_body(struct reqstate *rs, struct MHD_Connection *c)
{
	struct server		*srv = rs->srv;
	struct http_req		*req = &rs->req;
	struct ctx		*ctx = &rs->ctx;
	const struct route	*route = req->route;
	const char		*bad = NULL, *msg = NULL;
	int			 is_api = (route->flags & ROUTE_API) != 0;
	int			 is_form, is_json, is_multipart;
	int			 unreadable = 0;	/* a page's form, read in part or as empty */
	const char		*salvaged = NULL;	/* the key of a pair left out of it */
	size_t			 nf = 0;
	const struct field	*f;
	http_gate		 gate;

	if (rs->too_big)
		return answer_error(rs, c, 413, "too_large",
		    _("The request is too large."));
	if (rs->spool_failed == SPOOL_BUSY)
		return answer_busy(rs, c);
	if (rs->spool_failed != 0 || http_spool_finish(&rs->body, &req->body,
	    &req->body_len) != 0)
		return answer_error(rs, c, 500, "internal",
		    _("Something went wrong. Please try again."));
	ctx->lang = i18n_use(ctx->lang);
	/* Who is asking, before what they sent: someone who may not use
	 * the route gets its 401/403/404, never a 400 about the body. */
	if ((gate = http_route_gate(app_gates, route->name)) != NULL) {
		int shut;

		ctx->conn = db_acquire(srv->db);
		current = rs;
		shut = gate(req, &rs->resp);
		current = NULL;
		db_release(srv->db, ctx->conn);
		ctx->conn = NULL;
		if (shut)
			return answer(rs, c);
	}

	/* The declared query parameters: checked like a form's fields, after
	 * the gate (who may not use the route learns nothing of them). */
	req->qdecl = http_route_query(app_queries, route->name);
	if (req->qdecl != NULL && http_fields_validate(rs->arena, req->qdecl,
	    req->query, req->nquery, NULL, 0, &req->qvals, &bad, &msg) != 0) {
		if (is_api && bad != NULL) {
			http_json_error(&rs->resp, 400, "invalid_field", msg, bad);
			return answer(rs, c);
		}
		return answer_error(rs, c, 400, "invalid_field", msg);
	}

	is_form = media_is(req->content_type, "application/x-www-form-urlencoded");
	is_json = media_is(req->content_type, "application/json");
	is_multipart = media_is(req->content_type, "multipart/form-data");
	/* JSON text never holds a raw NUL (it must be escaped), and a parser
	 * reading up to one would ignore whatever follows it. */
	if (is_json && memchr(req->body, '\0', req->body_len) != NULL)
		return answer_error(rs, c, 400, "invalid_json",
		    _("the body is not a JSON object"));
	if (is_form && http_parse_urlencoded(rs->arena, req->body,
	    req->body_len, &req->form, &req->nform) != 0) {
		if (is_api)
			return answer_error(rs, c, 400, "invalid_form",
			    _("The form data could not be read."));
		/* A page's form that cannot be read (a NUL typed, a bad
		 * escape) is read without the pairs that cannot be: the
		 * CSRF check and the handler decide who is asking before
		 * anyone is told what was wrong with it, and then the
		 * answer is a 400 naming the field, never the handler run
		 * on what is left. */
		if (http_parse_urlencoded_salvage(rs->arena, req->body,
		    req->body_len, &req->form, &req->nform, &salvaged) != 0) {
			req->form = NULL;
			req->nform = 0;
			salvaged = NULL;
		}
		unreadable = 1;
	}
	/* Files only where a handler is written to take them (evidence);
	 * elsewhere a multipart body is refused before anything reads it. */
	if (is_multipart && !(route->flags & ROUTE_UPLOAD))
		return answer_error(rs, c, 415, "unsupported_media_type",
		    is_api ? _("Send the body as application/json.") :
		    _("Send the form as application/x-www-form-urlencoded."));
	if (is_multipart && !is_api) {
		/* A NUL typed into a text part: as for urlencoded above. */
		if (http_parse_multipart_salvage(rs->arena, req->content_type,
		    req->body, req->body_len, &req->form, &req->nform,
		    &req->files, &req->nfiles, &salvaged) != 0)
			return answer_error(rs, c, 400, "invalid_form",
			    _("The form data could not be read."));
		if (salvaged != NULL)
			unreadable = 1;
		is_form = 1;
	}

	if (!csrf_ok(rs, c)) {
		if (is_api)
			return answer_error(rs, c, 403, "csrf",
			    _("Missing or wrong X-CSRF-Token header."));
		return answer_error(rs, c, 403, "csrf", _("The form has "
		    "expired or was sent from another site. Go back, reload "
		    "the page and try again."));
	}

	/* Past the CSRF check, a form read in part is the sender's (their
	 * browser sent a NUL they typed or pasted): say so. */
	if (unreadable && route->fields == NULL)
		return answer_error(rs, c, 400, "invalid_form",
		    _("The form data could not be read."));
	if (route->fields != NULL) {
		/* An empty body without a type is an empty form (or object). */
		int empty = req->body_len == 0 && req->content_type == NULL;

		if (is_api && !(is_json || empty))
			return answer_error(rs, c, 415, "unsupported_media_type",
			    _("Send the body as application/json."));
		if (!is_api && !(is_form || empty))
			unreadable = 1;	/* as above: an empty form */
		if (http_fields_validate(rs->arena, route->fields, req->form,
		    req->nform, empty && is_api ? "{}" : req->body, is_api,
		    &req->vals, &bad, &msg) != 0 || unreadable) {
			if (is_api) {
				if (bad == NULL)
					http_json_error(&rs->resp, 400,
					    "invalid_json", msg, NULL);
				else
					http_json_error(&rs->resp, 400,
					    "invalid_field", msg, bad);
				return answer(rs, c);
			}
			req->form_error = unreadable ?
			    _("The form data could not be read.") : msg;
			req->form_error_field = unreadable ? NULL : bad;
			for (f = route->fields; unreadable && salvaged != NULL &&
			    f->name != NULL; f++)
				if (strcmp(f->name, salvaged) == 0) {
					req->form_error = arena_printf(rs->arena,
					    "%s: %s", f->name,
					    _("contains control characters"));
					req->form_error_field = f->name;
				}
			/* Handlers re-render with what was typed (http_form)
			 * and may look at any field: give them one that says
			 * "not present" rather than NULL. */
			for (f = route->fields; f->name != NULL; f++)
				nf++;
			req->vals = arena_alloc(rs->arena,
			    (nf ? nf : 1) * sizeof(*req->vals));
			if (req->vals == NULL)
				return answer_error(rs, c, 500, "internal",
				    _("Something went wrong. Please try again."));
		}
	}

	ctx->later = &rs->later;
	rs->mhd = c;
	return run_handler(rs, c);
}

/* --- waiting for group commit ------------------------------------------------ */

/* The batch holding this request's write is over (on the thread that ran
 * it): the handler's second call answers. The connection was suspended
 * before the write was queued, so this resume never comes first. */
static void
on_batch_done(void *cls, int rc)
{
	struct reqstate		*rs = cls;
	struct MHD_Connection	*c = rs->mhd;

	rs->later.rc = rc;
	rs->later.state = CTX_LATER_DONE;
	/* From here rs is the connection's again. */
	MHD_resume_connection(c);
}

/* The connection is out of MHD's suspended list (called again, or
 * closed): it no longer holds up the stop. */
static void
unsuspended(struct reqstate *rs)
{
	if (rs->suspended) {
		rs->suspended = 0;
		atomic_fetch_sub(&rs->srv->suspended, 1);
	}
}

/* Suspend the connection and queue the write the handler left in
 * rs->later: the worker thread is free for other requests meanwhile,
 * so a batch is not bounded by the thread pool. The request's state
 * (ctx, arena, parsed form and files) stays as it is until the second
 * call; on_completed frees it once, as for any request. */
static enum MHD_Result
wait_for_batch(struct reqstate *rs, struct MHD_Connection *c)
{
	struct server *srv = rs->srv;

	rs->suspended = 1;
	atomic_fetch_add(&srv->suspended, 1);
	MHD_suspend_connection(c);
	if (db_group_post(srv->db, rs->later.fn, rs->later.arg,
	    on_batch_done, rs) != 0) {
		/* Not queued, nothing written: answer now with an error. */
		rs->later.rc = DB_ERR;
		rs->later.state = CTX_LATER_DONE;
		MHD_resume_connection(c);
	}
	return MHD_YES;
}

/* --- the cache of whole answers (cache.h) -------------------------------- */

/* Append a length-prefixed part to the key: no two different requests
 * make the same key, whatever bytes their parts hold. */
static void
key_part(struct buf *k, char tag, const char *s, size_t n)
{
	buf_printf(k, "%c%zu:", tag, n);
	buf_append(k, s, n);
}

/* The key of a cacheable request: everything its answer depends on. The
 * handlers of cached routes read the tenant (from the host), the asker
 * and their roles, the route with its path and query, and the language;
 * nothing else of the request (no other header or cookie). The asker is
 * the session exactly for cookie requests (a page carries its session's
 * CSRF token), the bearer token for API requests. Roles are not in the
 * key: a change of roles bumps the data generation. HEAD and GET share
 * it (the same answer; MHD leaves out the body for HEAD). NULL when it
 * cannot be made. */
static const char *
cache_key_of(struct reqstate *rs, size_t *len)
{
	struct ctx		*ctx = &rs->ctx;
	struct http_req		*req = &rs->req;
	struct buf		 k;
	unsigned char		 th[crypto_generichash_BYTES];
	char			 num[64];
	const char		*out = NULL;
	size_t			 i;

	buf_init(&k, HTTP_MAX_URL + HTTP_MAX_HEADER);
	snprintf(num, sizeof(num), "%" PRId64 "/%" PRId64, ctx->tenant_id,
	    ctx->user->id);
	key_part(&k, 'T', num, strlen(num));
	if (ctx->via_token) {
		const char *tok = req->authorization ? req->authorization : "";

		crypto_generichash(th, sizeof(th), (const unsigned char *)tok,
		    strlen(tok), NULL, 0);
		key_part(&k, 'B', (const char *)th, sizeof(th));
	} else if (req->session != NULL) {
		snprintf(num, sizeof(num), "%" PRId64, req->session->id);
		key_part(&k, 'S', num, strlen(num));
		key_part(&k, 'C', req->csrf ? req->csrf : "",
		    req->csrf ? strlen(req->csrf) : 0);
	} else {
		goto out;
	}
	key_part(&k, 'R', req->route->name, strlen(req->route->name));
	key_part(&k, 'P', req->path, strlen(req->path));
	for (i = 0; i < req->nquery; i++) {
		key_part(&k, 'K', req->query[i].key, strlen(req->query[i].key));
		key_part(&k, 'V', req->query[i].value,
		    strlen(req->query[i].value));
	}
	key_part(&k, 'L', ctx->lang, strlen(ctx->lang));
	if (!buf_failed(&k) && (out = arena_alloc(rs->arena, k.len)) != NULL) {
		memcpy((char *)(uintptr_t)out, k.data, k.len);
		*len = k.len;
	}
out:
	buf_free(&k);
	return out;
}

/* The cache's clock. A test build may move it forward while the server
 * runs (ORDEN_TEST_CACHE_CLOCK_FILE: a file holding seconds to add), so
 * a test sees an answer outlive its maximum age without waiting; other
 * builds read no file (test_getenv is NULL there). */
static int64_t
cache_clock(void)
{
	const char	*path = test_getenv("ORDEN_TEST_CACHE_CLOCK_FILE");
	FILE		*f;
	long long	 add = 0;

	if (path != NULL && (f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%lld", &add) != 1)
			add = 0;
		fclose(f);
	}
	return clock_now() + (int64_t)add;
}

/* Does the request ask for a fresh answer (a hard reload)? */
static int
wants_fresh(struct MHD_Connection *c)
{
	const char *cc = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CACHE_CONTROL);
	const char *pragma = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_PRAGMA);

	return (cc != NULL && strcasestr(cc, "no-cache") != NULL) ||
	    (pragma != NULL && strcasestr(pragma, "no-cache") != NULL);
}

/* Is etag among If-None-Match's (a list, or "*")? Weak tags compare
 * equal to strong ones here (RFC 9110 13.1.2: the weak comparison). */
static int
etag_listed(const char *inm, const char *etag)
{
	size_t n = strlen(etag);

	if (inm == NULL)
		return 0;
	while (*inm != '\0') {
		while (*inm == ' ' || *inm == ',' || *inm == '\t')
			inm++;
		if (inm[0] == 'W' && inm[1] == '/')
			inm += 2;
		if (*inm == '*')
			return 1;
		if (strncmp(inm, etag, n) == 0 && (inm[n] == '\0' ||
		    inm[n] == ',' || inm[n] == ' ' || inm[n] == '\t'))
			return 1;
		while (*inm != '\0' && *inm != ',')
			inm++;
	}
	return 0;
}

/* What a kept answer tells the browser. Not no-cache: a browser may then
 * keep the page, and after logout its Back button showed the inbox, the
 * dashboard or the list again on a shared computer, where every other
 * signed-in page (no-store) went to the login page. The ETag stays for
 * clients that ask with If-None-Match themselves. */
#define KEPT_CACHE_CONTROL	"private, no-store"

/* A cacheable request (before its handler, with ctx->conn): reads the
 * data generation first (an answer made after it is as new as it or
 * newer), makes the key, and answers from a stored answer when there is
 * one: 1 then (rs->resp is the answer). 0: the handler runs. */
static int
cache_lookup(struct reqstate *rs, struct MHD_Connection *c)
{
	struct ctx		*ctx = &rs->ctx;
	struct http_resp	*resp = &rs->resp;
	struct http_cache_hit	 hit;
	const char		*inm;
	size_t			 i;

	if (!(rs->req.route->flags & ROUTE_CACHE) || ctx->user == NULL ||
	    (rs->method != HTTP_GET && rs->method != HTTP_HEAD) ||
	    !http_cache_enabled())
		return 0;
	rs->cache_now = cache_clock();
	/* The generation phase 1 read is as old as the answer needs (read
	 * before it is made); a second read would cost a statement. */
	if ((!rs->gens_read && db_cache_gen(ctx->conn, ctx->tenant_id,
	    &rs->cache_gen) != DB_OK) ||
	    (rs->cache_key = cache_key_of(rs, &rs->cache_keylen)) == NULL) {
		rs->cache_key = NULL;
		return 0;
	}
	if (wants_fresh(c)) {
		http_cache_count_bypass();
		return 0;
	}
	/* A 200 with nothing of this request's own (no cookie, no header
	 * set before) is the same bytes for every hit of the entry: its MHD
	 * response, headers and all, is made once and kept with it. */
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (http_cache_get(rs->cache_key, rs->cache_keylen, rs->cache_gen,
	    rs->cache_now, inm == NULL && resp->nheaders == 0 &&
	    resp->ncookies == 0, rs->arena, &hit) != 0)
		return 0;
	if (hit.made != NULL) {
		rs->made = hit.made;
		resp->status = 200;
		rs->cache_key = NULL;
		return 1;
	}
	if (inm == NULL && resp->nheaders == 0 && resp->ncookies == 0) {
		rs->keep_key = rs->cache_key;
		rs->keep_keylen = rs->cache_keylen;
		memcpy(rs->keep_etag, hit.etag, sizeof(rs->keep_etag));
	}
	resp->content_type = hit.content_type;
	for (i = 0; i < hit.nheaders; i++)
		http_header(resp, hit.headers[i].key, hit.headers[i].value);
	http_header(resp, "Cache-Control", KEPT_CACHE_CONTROL);
	http_header(resp, "ETag", hit.etag);
	if (etag_listed(inm, hit.etag)) {
		close(hit.fd);
		resp->status = 304;
	} else {
		resp->status = 200;
		rs->body_fd = hit.fd;
		rs->body_fd_size = hit.size;
	}
	rs->cache_key = NULL;	/* nothing to store */
	return 1;
}

/* A streamed answer being stored as it is sent. */
struct tee {
	struct http_stream	 inner;
	struct http_cache_fill	*fill;
	int			 cut;	/* a test build's switch: fail the second read */
	int			 reads;
};

static long
tee_read(void *cls, char *buf, size_t max)
{
	struct tee	*t = cls;
	long		 n;

	if (t->cut && t->reads++ == 1)
		return -1;
	n = t->inner.read(t->inner.cls, buf, max);
	if (n > 0) {
		(void)http_cache_fill_write(t->fill, buf, (size_t)n);
	} else if (n == 0 && t->fill != NULL) {
		/* The whole body: stored now, before MHD sends the last
		 * chunk, so the client's next request finds it. */
		http_cache_fill_end(t->fill, 1);
		t->fill = NULL;
	}
	return n;
}

/* A stream that did not reach its end (an error, or the client gone
 * first) is dropped: a cut-off body is never served again. */
static void
tee_done(void *cls)
{
	struct tee *t = cls;

	t->inner.done(t->inner.cls);
	http_cache_fill_end(t->fill, 0);
	free(t);
}

/* After the handler of a cacheable request: keep a 200 that sets no
 * cookie and chose no caching of its own, under the generation read
 * before it was made. */
static void
cache_keep(struct reqstate *rs)
{
	struct http_resp	*resp = &rs->resp;
	struct http_cache_fill	*fill;
	struct tee		*t;
	char			 etag[HTTP_CACHE_ETAG_LEN];
	size_t			 i;

	if (resp->status != 200 || resp->ncookies > 0 ||
	    buf_failed(&resp->body))
		return;
	for (i = 0; i < resp->nheaders; i++)
		if (strcasecmp(resp->headers[i].key, "Cache-Control") == 0 ||
		    strcasecmp(resp->headers[i].key, "ETag") == 0)
			return;
	if ((fill = http_cache_fill_begin(rs->cache_key, rs->cache_keylen,
	    rs->cache_gen, rs->cache_now, resp->content_type, resp->headers,
	    resp->nheaders, etag)) == NULL)
		return;
	if (resp->stream.read != NULL) {
		if ((t = calloc(1, sizeof(*t))) == NULL) {
			http_cache_fill_end(fill, 0);
			return;
		}
		t->inner = resp->stream;
		t->fill = fill;
		/* Tests: an export whose query fails midway, without one. */
		t->cut = test_getenv("ORDEN_TEST_CACHE_CUT") != NULL;
		resp->stream.read = tee_read;
		resp->stream.done = tee_done;
		resp->stream.cls = t;
	} else {
		(void)http_cache_fill_write(fill, resp->body.data ?
		    resp->body.data : "", resp->body.len);
		http_cache_fill_end(fill, 1);
	}
	http_header(resp, "Cache-Control", KEPT_CACHE_CONTROL);
	http_header(resp, "ETag", etag);
}

/* Run the route's handler with a database connection, then answer; or,
 * when it queued a write for group commit, wait for that without the
 * thread. Phase 2 and the second call after the wait both end here. */
static enum MHD_Result
run_handler(struct reqstate *rs, struct MHD_Connection *c)
{
	struct server	*srv = rs->srv;
	struct ctx	*ctx = &rs->ctx;

	ctx->conn = db_acquire(srv->db);
	current = rs;
	if (rs->later.state == CTX_LATER_NONE && cache_lookup(rs, c)) {
		/* Answered from the cache: the handler does not run. */
		current = NULL;
		db_release(srv->db, ctx->conn);
		ctx->conn = NULL;
		ctx->later = NULL;
		return answer(rs, c);
	}
	rs->req.route->handler(&rs->req, &rs->resp);
	current = NULL;
	if (db_in_tx(ctx->conn)) {
		/* A handler that returns inside a transaction has a bug;
		 * never let it leak into the next request. */
		log_event("http_open_transaction", "route",
		    rs->req.route->name, NULL);
		db_rollback(ctx->conn);
	}
	db_release(srv->db, ctx->conn);
	ctx->conn = NULL;
	if (rs->later.state == CTX_LATER_PENDING)
		return wait_for_batch(rs, c);
	/* A second call that did not take its result (a handler bug) must
	 * not queue anything more. */
	rs->later.state = CTX_LATER_NONE;
	ctx->later = NULL;
	if (rs->resp.status == 0)
		rs->resp.status = 200;
	if (rs->cache_key != NULL) {
		current = rs;
		cache_keep(rs);
		current = NULL;
	}
	return answer(rs, c);
}

/* --- MHD callbacks --------------------------------------------------------- */

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct server	*srv = cls;
	struct reqstate	*rs = *con_cls;
	const char	*cl;
	enum MHD_Result	 ret;

	(void)version;
	if (rs == NULL) {
		/* The headers are in: the header deadline is met. */
		http_deadline_busy(c, 1);
		if ((rs = calloc(1, sizeof(*rs))) == NULL)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &rs->start);
		rs->srv = srv;
		rs->body_fd = -1;
		if ((rs->arena = arena_new(REQ_ARENA_MAX)) == NULL) {
			free(rs);
			return MHD_NO;
		}
		buf_init(&rs->resp.body, RESP_BODY_MAX);
		http_spool_init(&rs->body, HTTP_MAX_BODY_ANON);
		atomic_fetch_add(&srv->inflight, 1);
		*con_cls = rs;
		rs->has_body = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL ||
		    ((cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH)) != NULL && strcmp(cl, "0") != 0);
		rs->in_headers = 1;
		ret = phase_headers(rs, c, url, method);
		rs->in_headers = 0;
		return ret;
	}
	if (rs->answered)
		return MHD_YES;
	if (rs->later.state == CTX_LATER_DONE) {
		/* Resumed after group commit: the handler's second call. */
		unsuspended(rs);
		rs->ctx.lang = i18n_use(rs->ctx.lang);
		return run_handler(rs, c);
	}
	if (rs->deferred) {
		*upload_size = 0;
		return answer(rs, c);
	}
	if (*upload_size != 0) {
		if (!rs->too_big && !rs->spool_failed) {
			int rc = http_spool_append(&rs->body, upload,
			    *upload_size);

			if (rc == SPOOL_TOO_BIG)
				rs->too_big = 1;
			else if (rc != 0)
				rs->spool_failed = rc;
		}
		if (rs->too_big || rs->spool_failed) {
			rs->discarded += *upload_size;
			if (rs->discarded > DISCARD_MAX)
				return MHD_NO;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return phase_body(rs, c);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct server	*srv = cls;
	struct reqstate	*rs = *con_cls;
	size_t		 held;

	(void)toe;
	/* The next request's headers are due from now. */
	http_deadline_busy(c, 0);
	if (rs == NULL)
		return;
	unsuspended(rs);
	if (rs->ctx.conn != NULL)
		db_release(srv->db, rs->ctx.conn);
	/* A stream never handed to MHD (the answer was not made). */
	if (rs->resp.stream.done != NULL)
		rs->resp.stream.done(rs->resp.stream.cls);
	if (rs->body_fd >= 0)
		close(rs->body_fd);
	http_cache_made_put(rs->made);
	http_spool_free(&rs->body);
	held = arena_size(rs->arena) + rs->resp.body.cap;
	buf_free(&rs->resp.body);
	arena_free(rs->arena);
	free(rs);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->inflight, 1);
	/* What a large answer freed goes back to the kernel now, not at the
	 * next peak (util/memlimit.h). */
	mem_trim_after(held);
}

static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char	msg[512];
	size_t	n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	log_event("mhd", "msg", msg, NULL);
}

/* --- start and stop ---------------------------------------------------------- */

/* "HOST:PORT", "[V6]:PORT" or ":PORT" into *out. 0 or -1. */
static int
parse_listen(const char *listen, struct sockaddr_storage *out,
    socklen_t *outlen)
{
	struct addrinfo	 hints, *res = NULL;
	char		 host[256];
	const char	*port, *h = listen, *colon;
	size_t		 hlen;
	int		 rc;

	if (listen == NULL)
		return -1;
	if (h[0] == '[') {
		if ((colon = strchr(h, ']')) == NULL || colon[1] != ':')
			return -1;
		h++;
		hlen = (size_t)(colon - h);
		port = colon + 2;
	} else {
		if ((colon = strrchr(h, ':')) == NULL)
			return -1;
		hlen = (size_t)(colon - h);
		port = colon + 1;
	}
	if (hlen >= sizeof(host) || *port == '\0')
		return -1;
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(hlen ? host : NULL, port, &hints, &res)) != 0 ||
	    res == NULL) {
		fprintf(stderr, "orden: listen address %s: %s\n", listen,
		    gai_strerror(rc));
		return -1;
	}
	memcpy(out, res->ai_addr, res->ai_addrlen);
	*outlen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static int
write_port_file(const char *path, unsigned port)
{
	char	 tmp[4096];
	FILE	*f;
	int	 n;

	n = snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return -1;
	if ((f = fopen(tmp, "w")) == NULL)
		return -1;
	fprintf(f, "%u\n", port);
	if (fclose(f) != 0)
		return -1;
	/* Renamed into place so a test polling for it never reads half. */
	return rename(tmp, path);
}

/* CONN_LIMIT, or fewer when the process may not open that many
 * descriptors: past the limit MHD stops accepting at all for a while,
 * within it a connection over the limit is refused at once. Raises the
 * soft descriptor limit to the hard one first: a default soft limit of
 * 1024 would let a few hundred slow clients (each one descriptor, and a
 * temporary file while uploading) keep everyone else out. */
static unsigned
conn_limit(void)
{
	struct rlimit	rl;
	rlim_t		want = 2 * (rlim_t)CONN_LIMIT + FD_RESERVE;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return CONN_LIMIT;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
		if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
			return CONN_LIMIT;
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
		return CONN_LIMIT;
	/* Each connection may hold a socket and an upload's temporary file. */
	return rl.rlim_cur > 2 * FD_RESERVE ?
	    (unsigned)((rl.rlim_cur - FD_RESERVE) / 2) : FD_RESERVE;
}

int
http_serve(struct db *db, const struct http_config *cfg)
{
	struct server			 srv;
	struct http_deadline		*deadline = NULL;
	struct sockaddr_storage		 ss;
	socklen_t			 sslen = 0;
	struct MHD_Daemon		*d;
	const union MHD_DaemonInfo	*info;
	sigset_t			 set, old;
	unsigned			 flags, port = 0, threads;
	char				 addr[300], hostbuf[NI_MAXHOST], pstr[16];
	int				 sig = 0, i, fd;

	memset(&srv, 0, sizeof(srv));
	srv.db = db;
	srv.cfg = cfg;
	srv.routes = app_routes;
	atomic_init(&srv.inflight, 0);
	atomic_init(&srv.suspended, 0);
	if (parse_listen(cfg->listen, &ss, &sslen) != 0) {
		fprintf(stderr, "orden: bad listen address '%s' (want HOST:PORT)\n",
		    cfg->listen ? cfg->listen : "");
		return -1;
	}

	/* Signals are taken by sigwait below; every thread MHD starts
	 * inherits the blocked mask, so none is interrupted by them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	signal(SIGPIPE, SIG_IGN);

	threads = cfg->threads > 0 ? (unsigned)cfg->threads : 1;
	/* poll(), not epoll (MHD_USE_AUTO's choice on Linux): with a
	 * thread pool, MHD_quiesce_daemon and a worker both take the
	 * listening socket out of the worker's epoll set, and in Debian's
	 * libmicrohttpd 0.9.75 the loser of that race aborts the process
	 * ("Failed to remove listen FD from epoll set") — at SIGTERM, now
	 * and then (CI, pg:test_http_wb_receipt's teardown). With poll() the
	 * quiesce reaches the workers through their ITC instead. */
	flags = MHD_USE_POLL | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
	    MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	http_spool_setup(cfg->spool_dir, cfg->spool_max);
	http_cache_setup(cfg->cache_bytes, cfg->cache_max_age);
	if (http_deadline_start(&deadline, HEADER_SECONDS) != 0) {
		fprintf(stderr, "orden: cannot start the header deadline thread\n");
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return -1;
	}
	d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, &srv,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, CONN_TIMEOUT,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
	    MHD_OPTION_CONNECTION_LIMIT, conn_limit(),
	    /* One client cannot take every connection; behind a reverse
	     * proxy every client has the proxy's address, so there the
	     * proxy must limit per client and this be raised (README). */
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	    cfg->per_address > 0 ? cfg->per_address : PER_ADDRESS,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
	    MHD_OPTION_NOTIFY_CONNECTION, http_deadline_notify, deadline,
	    MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "orden: cannot listen on %s: %s\n", cfg->listen,
		    strerror(errno));
		http_deadline_stop(deadline);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return -1;
	}
	if ((info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT)) != NULL)
		port = info->port;
	if (cfg->port_file != NULL && write_port_file(cfg->port_file, port) != 0)
		fprintf(stderr, "orden: cannot write port file %s\n",
		    cfg->port_file);
	if (getnameinfo((struct sockaddr *)&ss, sslen, hostbuf, sizeof(hostbuf),
	    NULL, 0, NI_NUMERICHOST) != 0)
		hostbuf[0] = '\0';
	snprintf(addr, sizeof(addr), ss.ss_family == AF_INET6 ? "[%s]:%u" :
	    "%s:%u", hostbuf, port);
	snprintf(pstr, sizeof(pstr), "%u", threads);
	log_event("listening", "addr", addr, "threads", pstr, NULL);

	while (sigwait(&set, &sig) != 0)
		continue;
	log_event("stopping", "signal", sig == SIGINT ? "SIGINT" : "SIGTERM",
	    NULL);
	/* The background jobs (the deadline tick) stop at their next unit of
	 * work instead of finishing a long backlog first. */
	shutdown_begin();
	/* Stop accepting, let what is in flight finish, then stop. The
	 * listening socket is closed only after MHD_stop_daemon, when no
	 * worker can be polling it any more. */
	fd = MHD_quiesce_daemon(d);
	for (i = 0; i < DRAIN_SECONDS * 50 && atomic_load(&srv.inflight) > 0; i++) {
		struct timespec ts = { 0, 20 * 1000 * 1000 };

		nanosleep(&ts, NULL);
	}
	/* MHD aborts when stopped with a suspended connection: one waiting
	 * for group commit is resumed when its batch is over, which never
	 * takes long (the batch runs without a client), so wait for it
	 * however long the drain above took. */
	while (atomic_load(&srv.suspended) > 0) {
		struct timespec ts = { 0, 5 * 1000 * 1000 };

		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	if (fd >= 0)
		close(fd);
	http_deadline_stop(deadline);
	/* No request is left to use them: the kept digests and CSRF
	 * tokens go now, not with the process's memory. */
	http_ident_clear();
	log_event("stopped", NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return 0;
}
