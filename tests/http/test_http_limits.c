/* Limits: what an oversized, malformed, slow or overwhelming client gets.
 * Bodies over the limit (form, JSON, multipart, chunked) get 413, headers
 * over it 431 (or a closed connection when they pass MHD's memory), JSON
 * nested a hundred thousand deep or full of NULs gets a JSON 400, a
 * client that sends its headers a byte at a time is closed by the header
 * deadline, and 600 idle connections do not keep a new client out. After
 * every case the server still answers /healthz and a signed-in page.
 * Malformed and slow requests go over raw sockets, as an attacker would
 * send them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define MIB		(1024 * 1024)
#define IDLE_CONNS	600
#define SLOW_CONNS	20
/* Slowloris: this many connections, each with half a request head, from
 * LORIS_ADDRS loopback addresses (fewer than the server's 64 per address
 * from each, as a botnet would). */
#define LORIS_CONNS	2500
#define LORIS_ADDRS	50
/* The test server may keep 120 MiB of uploads on disk at once
 * (--upload-space): STALLED uploads of UPLOAD_DECLARED bytes fit, one more
 * does not. */
#define UPLOAD_SPACE	"120"
#define STALLED		8
#define UPLOAD_DECLARED	(14 * MIB - 4096)
#define UPLOAD_SENT	(13 * MIB)
/* The server's header deadline is 10 s (HEADER_SECONDS in server.c); the
 * sweep runs each second. */
#define DEADLINE_MAX	14.0

static struct srv	S;
static struct client	web;		/* emma, signed in with a password */
static char		tok[128];	/* emma's API token */
static char		cookies[1024];	/* web's cookies, for raw requests */

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "name=value; ..." of every cookie curl holds for c. */
static void
cookie_header(struct client *c, char *out, size_t outsz)
{
	struct curl_slist	*l = NULL, *it;
	const char		*f[7], *p;
	size_t			 n, len = 0;

	out[0] = '\0';
	assert_int_equal(curl_easy_getinfo(c->curl, CURLINFO_COOKIELIST, &l), CURLE_OK);
	for (it = l; it != NULL; it = it->next) {
		/* domain, subdomains, path, secure, expires, name, value */
		for (n = 0, p = it->data; n < 7 && p != NULL; n++) {
			f[n] = p;
			if ((p = strchr(p, '\t')) != NULL)
				p++;
		}
		if (n < 7)
			continue;
		len += (size_t)snprintf(out + len, outsz - len, "%s%.*s=%s",
		    len ? "; " : "", (int)(strchr(f[5], '\t') - f[5]), f[5], f[6]);
		assert_true(len < outsz);
	}
	curl_slist_free_all(l);
	assert_non_null(strstr(out, "orden_session="));
}

static int
setup(void **st)
{
	struct rlimit rl;

	(void)st;
	/* 600 sockets and curl's own: more than a default soft limit of
	 * 1024 leaves little room for. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 4096 &&
	    rl.rlim_max > rl.rlim_cur) {
		rl.rlim_cur = rl.rlim_max < 4096 ? rl.rlim_max : 4096;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	signal(SIGPIPE, SIG_IGN);
	srv_prepare(&S, 1);
	token_for(&S, NULL, "emma.johansen", tok, sizeof(tok));
	srv_start(&S, (const char *const[]){ "ORDEN_UPLOAD_SPACE=" UPLOAD_SPACE, NULL });
	session_client(&web, &S, "emma.johansen");
	cookie_header(&web, cookies, sizeof(cookies));
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	client_free(&web);
	srv_stop(&S, 0);	/* the server must still exit 0 */
	return 0;
}

/* The server is alive and serves others: /healthz and a signed-in page. */
static void
still_serving(void)
{
	struct client	c;
	struct resp	r;

	assert_int_equal(kill(S.pid, 0), 0);
	client_init(&c, &S);
	client_req(&c, "GET", "/healthz", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_free(&c);
	client_req(&web, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Emma"));
	resp_free(&r);
}

/* --- raw sockets ------------------------------------------------------------ */

/* A connection from loopback address 127.0.0.`from` (1: the usual one;
 * the server limits connections per address, so an attacker's many
 * connections come from others). */
static int
raw_open_from(int from, int timeout_s)
{
	struct sockaddr_in	a;
	struct timeval		tv = { timeout_s, 0 };
	int			fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	if (from != 1) {
		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK - 1 + (uint32_t)from);
		if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0)
			fail_msg("bind 127.0.0.%d: %s", from, strerror(errno));
	}
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)S.port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0)
		fail_msg("connect: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	return fd;
}

static int
raw_open(int timeout_s)
{
	return raw_open_from(1, timeout_s);
}

/* Write all of p: 0, or -1 once the server has closed or reset. */
static int
raw_send(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = send(fd, c, n, MSG_NOSIGNAL)) <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read one answer into out: until the server closes, or until the headers
 * and Content-Length bytes of body are in. The status, or -1 when the
 * connection ended (closed, reset, timed out) without a status line. */
static int
raw_read(int fd, struct buf *out)
{
	char		 chunk[65536];
	const char	*s, *eoh, *cl;
	ssize_t		 r;
	long		 want = -1;
	int		 status;

	for (;;) {
		s = buf_cstr(out);
		if ((eoh = strstr(s, "\r\n\r\n")) != NULL) {
			if (want < 0 && (cl = strcasestr(s, "\r\ncontent-length:")) != NULL &&
			    cl < eoh)
				want = strtol(cl + 17, NULL, 10);
			if (want >= 0 && out->len >= (size_t)(eoh + 4 - s) + (size_t)want)
				break;
		}
		if ((r = recv(fd, chunk, sizeof(chunk), 0)) <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			break;
		}
		buf_append(out, chunk, (size_t)r);
	}
	s = buf_cstr(out);
	if (strncmp(s, "HTTP/1.", 7) != 0 || sscanf(s + 8, " %d", &status) != 1)
		return -1;
	return status;
}

/* One raw request on a fresh connection: head, then body_len bytes of
 * body (when body is NULL, of 'a'; sending stops at the first error),
 * then the answer. The status or -1; answer into out when not NULL. */
static int
raw_req(const char *head, size_t head_len, const char *body, size_t body_len,
    struct buf *out)
{
	struct buf	 b;
	char		*fill = NULL;
	size_t		 off, n;
	int		 fd, st, failed = 0;

	buf_init(&b, 4 * MIB);
	fd = raw_open(20);
	if (raw_send(fd, head, head_len) != 0)
		failed = 1;
	if (body == NULL && body_len > 0) {
		fill = malloc(65536);
		assert_non_null(fill);
		memset(fill, 'a', 65536);
	}
	for (off = 0; !failed && off < body_len; off += n) {
		n = body_len - off < 65536 ? body_len - off : 65536;
		failed = raw_send(fd, body ? body + off : fill, n) != 0;
	}
	st = raw_read(fd, &b);
	close(fd);
	free(fill);
	if (out != NULL)
		buf_append(out, b.data ? b.data : "", b.len);
	buf_free(&b);
	return st;
}

/* Has the raw answer the header (name without colon)? */
static int
raw_has_header(struct buf *ans, const char *name)
{
	char pat[128];

	snprintf(pat, sizeof(pat), "\r\n%s:", name);
	return strcasestr(buf_cstr(ans), pat) != NULL;
}

/* The error code of a raw JSON answer, into code. */
static void
raw_json_code(struct buf *ans, char *code, size_t codesz)
{
	const char	*body = strstr(buf_cstr(ans), "\r\n\r\n");
	json_t		*j;
	json_error_t	 e;

	assert_non_null(body);
	if ((j = json_loads(body + 4, 0, &e)) == NULL)
		fail_msg("not JSON: %s", body + 4);
	snprintf(code, codesz, "%s", json_err_code(j) ? json_err_code(j) : "");
	json_decref(j);
}

/* A request head with the given lines between the request line and the
 * blank line (each ending in CRLF), into b. */
static void
head(struct buf *b, const char *reqline, const char *lines)
{
	buf_reset(b);
	buf_puts(b, reqline);
	buf_puts(b, "\r\nHost: 127.0.0.1\r\n");
	buf_puts(b, lines);
	buf_puts(b, "\r\n");
}

/* --- bodies ------------------------------------------------------------------- */

static void
test_body_over_limit_is_413(void **st)
{
	struct buf	h, ans;
	char		line[1200], code[64];
	int		s;

	(void)st;
	buf_init(&h, 1 * MIB);
	buf_init(&ans, 4 * MIB);

	/* Before login the limit is 64 KiB: the login form says so at once,
	 * before the body is read, in the page's own dress. */
	head(&h, "POST /login HTTP/1.1", "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: 100000\r\n");
	assert_int_equal(raw_req(buf_cstr(&h), h.len, NULL, 4096, &ans), 413);
	assert_true(raw_has_header(&ans, "content-security-policy"));
	assert_true(raw_has_header(&ans, "x-content-type-options"));
	still_serving();

	/* Signed in, 1 MiB: a form of 2 MiB is refused the same way. */
	buf_reset(&ans);
	snprintf(line, sizeof(line), "Cookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: %d\r\n", cookies, 2 * MIB);
	/* (Not /deviations: "Meld avvik" takes photos, an upload route.) */
	head(&h, "POST /account/password HTTP/1.1", line);
	assert_int_equal(raw_req(buf_cstr(&h), h.len, NULL, 4096, &ans), 413);
	assert_true(raw_has_header(&ans, "content-security-policy"));
	still_serving();

	/* JSON over the API: a JSON 413. */
	buf_reset(&ans);
	snprintf(line, sizeof(line), "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
	    "Content-Length: %d\r\n", tok, 2 * MIB);
	head(&h, "POST /api/v1/notifications/read HTTP/1.1", line);
	assert_int_equal(raw_req(buf_cstr(&h), h.len, NULL, 4096, &ans), 413);
	raw_json_code(&ans, code, sizeof(code));
	assert_string_equal(code, "too_large");
	still_serving();

	/* A length that is not a number is not taken as small. */
	buf_reset(&ans);
	snprintf(line, sizeof(line), "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
	    "Content-Length: 99999999999999999999999\r\n", tok);
	head(&h, "POST /api/v1/deviations HTTP/1.1", line);
	s = raw_req(buf_cstr(&h), h.len, NULL, 4096, &ans);
	assert_true(s == 413 || s == 400);
	still_serving();

	buf_free(&h);
	buf_free(&ans);
}

static void
test_upload_over_limit_is_413(void **st)
{
	struct buf	h, ans;
	char		line[256], code[64];

	(void)st;
	buf_init(&h, 1 * MIB);
	buf_init(&ans, 4 * MIB);
	/* Evidence uploads may be 14 MiB, anonymous ones too; 15 MiB is not. */
	snprintf(line, sizeof(line), "Content-Type: multipart/form-data; boundary=xyzzy\r\n"
	    "Content-Length: %d\r\n", 15 * MIB);
	head(&h, "POST /whistle HTTP/1.1", line);
	assert_int_equal(raw_req(buf_cstr(&h), h.len, NULL, 4096, &ans), 413);
	assert_true(raw_has_header(&ans, "content-security-policy"));
	still_serving();

	buf_reset(&ans);
	snprintf(line, sizeof(line), "Content-Type: application/json\r\nContent-Length: %d\r\n",
	    15 * MIB);
	head(&h, "POST /api/v1/whistle/reports HTTP/1.1", line);
	assert_int_equal(raw_req(buf_cstr(&h), h.len, NULL, 4096, &ans), 413);
	raw_json_code(&ans, code, sizeof(code));
	assert_string_equal(code, "too_large");
	still_serving();
	buf_free(&h);
	buf_free(&ans);
}

/* The body of a chunked upload of n bytes (64 KiB chunks of 'a'). */
static void
chunked_body(struct buf *b, size_t n)
{
	char	*chunk = malloc(65536);
	size_t	 off, k;
	char	 sz[16];

	assert_non_null(chunk);
	memset(chunk, 'a', 65536);
	for (off = 0; off < n; off += k) {
		k = n - off < 65536 ? n - off : 65536;
		snprintf(sz, sizeof(sz), "%zx\r\n", k);
		buf_puts(b, sz);
		buf_append(b, chunk, k);
		buf_puts(b, "\r\n");
	}
	buf_puts(b, "0\r\n\r\n");
	free(chunk);
}

static void
test_chunked_upload_over_limit(void **st)
{
	struct buf	h, body, ans;
	char		line[256], code[64];
	int		s;

	(void)st;
	buf_init(&h, 1 * MIB);
	buf_init(&body, 48 * MIB);
	buf_init(&ans, 4 * MIB);
	snprintf(line, sizeof(line), "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
	    "Transfer-Encoding: chunked\r\n", tok);
	/* A JSON route that takes no upload (POST /api/v1/deviations takes
	 * photos, so its limit is the upload limit). */
	head(&h, "POST /api/v1/notifications/read HTTP/1.1", line);

	/* No length to refuse up front: twice the limit is read, thrown
	 * away, and answered with the 413 the sender can act on. */
	chunked_body(&body, 2 * MIB);
	assert_int_equal(raw_req(buf_cstr(&h), h.len, body.data, body.len, &ans), 413);
	raw_json_code(&ans, code, sizeof(code));
	assert_string_equal(code, "too_large");
	still_serving();

	/* Forty MiB is not read to the end: the connection is dropped (or,
	 * should the server read on, refused). */
	buf_reset(&body);
	buf_reset(&ans);
	chunked_body(&body, 40 * MIB);
	s = raw_req(buf_cstr(&h), h.len, body.data, body.len, &ans);
	assert_true(s == -1 || s == 413);
	still_serving();

	/* Anonymous, where the limit is 64 KiB. */
	buf_reset(&body);
	buf_reset(&ans);
	chunked_body(&body, 1 * MIB);
	head(&h, "POST /login HTTP/1.1", "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Transfer-Encoding: chunked\r\n");
	assert_int_equal(raw_req(buf_cstr(&h), h.len, body.data, body.len, &ans), 413);
	assert_true(raw_has_header(&ans, "content-security-policy"));
	still_serving();
	buf_free(&h);
	buf_free(&body);
	buf_free(&ans);
}

/* --- headers and request line ----------------------------------------------- */

static void
test_headers_over_limit(void **st)
{
	struct buf	 h, ans;
	char		*big;
	int		 s, i;

	(void)st;
	buf_init(&h, 4 * MIB);
	buf_init(&ans, 4 * MIB);
	big = malloc(100 * 1024 + 1);
	assert_non_null(big);
	memset(big, 'a', 100 * 1024);
	big[100 * 1024] = '\0';

	/* Over our 8 KiB but within MHD's connection memory: our own 431,
	 * with the security headers, and the connection serves on. */
	buf_puts(&h, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ");
	buf_append(&h, big, 20 * 1024);
	buf_puts(&h, "\r\n\r\n");
	assert_int_equal(raw_req(buf_cstr(&h), h.len, NULL, 0, &ans), 431);
	assert_true(raw_has_header(&ans, "content-security-policy"));
	still_serving();

	/* One header of 100 KiB: past the connection's memory, where
	 * libmicrohttpd answers 431 itself or the connection closes. */
	buf_reset(&h);
	buf_reset(&ans);
	buf_puts(&h, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ");
	buf_puts(&h, big);
	buf_puts(&h, "\r\n\r\n");
	s = raw_req(buf_cstr(&h), h.len, NULL, 0, &ans);
	assert_true(s == 431 || s == 400 || s == -1);
	still_serving();

	/* Two thousand small headers. */
	buf_reset(&h);
	buf_reset(&ans);
	buf_puts(&h, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
	for (i = 0; i < 2000; i++) {
		char l[32];

		snprintf(l, sizeof(l), "X-H%d: v\r\n", i);
		buf_puts(&h, l);
	}
	buf_puts(&h, "\r\n");
	s = raw_req(buf_cstr(&h), h.len, NULL, 0, &ans);
	assert_true(s == 431 || s == 400 || s == -1);
	still_serving();

	/* Request lines: 5 KiB is our 414; 100 KiB is past MHD's memory. */
	buf_reset(&h);
	buf_reset(&ans);
	buf_puts(&h, "GET /");
	buf_append(&h, big, 5 * 1024);
	buf_puts(&h, " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	assert_int_equal(raw_req(buf_cstr(&h), h.len, NULL, 0, &ans), 414);
	assert_true(raw_has_header(&ans, "content-security-policy"));
	still_serving();
	buf_reset(&h);
	buf_reset(&ans);
	buf_puts(&h, "GET /");
	buf_puts(&h, big);
	buf_puts(&h, " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	s = raw_req(buf_cstr(&h), h.len, NULL, 0, &ans);
	assert_true(s == 414 || s == 431 || s == 400 || s == -1);
	still_serving();

	/* Not HTTP at all. */
	buf_reset(&ans);
	s = raw_req("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15, NULL, 0, &ans);
	assert_true(s == 400 || s == -1);
	still_serving();
	free(big);
	buf_free(&h);
	buf_free(&ans);
}

/* --- JSON --------------------------------------------------------------------- */

/* POST body (len bytes, may hold NULs) to path with emma's token; the
 * status; the error code into code ("" when none). */
static long
api_post_raw(const char *path, const char *body, size_t len, char *code, size_t codesz)
{
	struct buf	 h, ans;
	char		 line[512];
	const char	*b;
	json_t		*j;
	json_error_t	 e;
	int		 s;

	buf_init(&h, 4096);
	buf_init(&ans, 4 * MIB);
	snprintf(line, sizeof(line), "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
	    "Content-Length: %zu\r\n", tok, len);
	snprintf(code, codesz, "%s", "");
	{
		char reqline[256];

		snprintf(reqline, sizeof(reqline), "POST %s HTTP/1.1", path);
		head(&h, reqline, line);
	}
	s = raw_req(buf_cstr(&h), h.len, body, len, &ans);
	if (s > 0) {
		b = strstr(buf_cstr(&ans), "\r\n\r\n");
		assert_non_null(b);
		if ((j = json_loads(b + 4, 0, &e)) == NULL)
			fail_msg("%s: answer is not JSON (%d): %s", path, s, b + 4);
		if (json_err_code(j) != NULL)
			snprintf(code, codesz, "%s", json_err_code(j));
		json_decref(j);
	}
	buf_free(&h);
	buf_free(&ans);
	return s;
}

static void
test_hostile_json(void **st)
{
	struct buf	 b;
	char		 code[64];
	long		 s;
	int		 i;
	static const char ok_head[] = "{\"kind\":\"deviation\",\"category\":\"bruker\","
	    "\"title\":\"Grensetest\",\"description\":\"Beskrivelse\"";

	(void)st;
	buf_init(&b, 2 * MIB);

	/* A hundred thousand '[': the parser's depth limit, not the stack. */
	for (i = 0; i < 100000; i++)
		buf_putc(&b, '[');
	assert_int_equal(api_post_raw("/api/v1/deviations", b.data, b.len, code, sizeof(code)), 400);
	assert_string_equal(code, "invalid_json");
	still_serving();
	/* The same, closed, as a field's value, and as objects. */
	buf_reset(&b);
	buf_puts(&b, "{\"title\":");
	for (i = 0; i < 100000; i++)
		buf_putc(&b, '[');
	for (i = 0; i < 100000; i++)
		buf_putc(&b, ']');
	buf_putc(&b, '}');
	assert_int_equal(api_post_raw("/api/v1/deviations", b.data, b.len, code, sizeof(code)), 400);
	assert_string_equal(code, "invalid_json");
	buf_reset(&b);
	buf_puts(&b, "{\"concerns\":\"employee\",\"attachments\":");
	for (i = 0; i < 50000; i++)
		buf_puts(&b, "{\"a\":");
	buf_putc(&b, '1');
	for (i = 0; i < 50000; i++)
		buf_putc(&b, '}');
	buf_putc(&b, '}');
	assert_int_equal(api_post_raw("/api/v1/whistle/reports", b.data, b.len, code,
	    sizeof(code)), 400);
	assert_string_equal(code, "invalid_json");
	still_serving();

	/* Flat and huge, within the 1 MiB limit: eight thousand extra keys of
	 * a hundred bytes each. Unknown keys are no field's business: the
	 * report is taken, or refused as a whole; never a crash. */
	buf_reset(&b);
	buf_puts(&b, ok_head);
	for (i = 0; i < 8000; i++) {
		char k[160];

		snprintf(k, sizeof(k), ",\"k%d\":\"%0100d\"", i, i);
		buf_puts(&b, k);
	}
	buf_putc(&b, '}');
	assert_true(b.len < 1 * MIB);
	s = api_post_raw("/api/v1/deviations", b.data, b.len, code, sizeof(code));
	assert_true(s == 201 || (s == 400 && code[0] != '\0'));
	/* One string of 900 KiB where 10,000 bytes are allowed. */
	buf_reset(&b);
	buf_puts(&b, "{\"kind\":\"deviation\",\"category\":\"bruker\",\"title\":\"Lang\","
	    "\"description\":\"");
	for (i = 0; i < 900 * 1024; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\"}");
	assert_int_equal(api_post_raw("/api/v1/deviations", b.data, b.len, code, sizeof(code)), 400);
	assert_string_equal(code, "invalid_field");
	still_serving();

	/* Invalid UTF-8, an escaped NUL, a raw NUL inside a string, and a
	 * raw NUL after a valid object (which a C-string parser would stop
	 * at and accept). */
	{
#define BYTES(lit) { lit, sizeof(lit) - 1 }	/* with any NULs inside */
		static const struct { const char *s; size_t n; } bad[] = {
			BYTES("{\"kind\":\"deviation\",\"category\":\"bruker\",\"title\":\"a\xff\xfe"
			  "b\",\"description\":\"x\"}"),
			BYTES("{\"kind\":\"deviation\",\"category\":\"bruker\",\"title\":\"a\xc3\","
			  "\"description\":\"x\"}"),
			BYTES("{\"kind\":\"deviation\",\"category\":\"bruker\",\"title\":\"a\\u0000b\","
			  "\"description\":\"x\"}"),
			BYTES("{\"kind\":\"deviation\",\"category\":\"bruker\",\"title\":\"a\0b\","
			  "\"description\":\"x\"}"),
			BYTES("{\"kind\":\"deviation\",\"category\":\"bruker\",\"title\":\"ab\","
			  "\"description\":\"x\"}\0{\"x\":1}"),
		};
#undef BYTES
		size_t k;

		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			s = api_post_raw("/api/v1/deviations", bad[k].s, bad[k].n, code,
			    sizeof(code));
			if (s != 400)
				fail_msg("bad JSON %zu: %ld %s", k, s, code);
			assert_true(strcmp(code, "invalid_json") == 0 ||
			    strcmp(code, "invalid_field") == 0);
		}
	}
	still_serving();
	buf_free(&b);
}

/* --- slow and many clients ------------------------------------------------ */

/* Whether the server has closed fd (end of input or reset); never blocks. */
static int
peer_closed(int fd)
{
	char	c;
	ssize_t	r = recv(fd, &c, 1, MSG_DONTWAIT);

	if (r == 0)
		return 1;
	if (r < 0)
		return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
	return 0;
}

/* One GET /healthz on c within max_s; whether it opened a new connection. */
static int
healthz_on(struct client *c, double max_s)
{
	struct resp	r;
	long		conns = 0;
	double		t0 = now_s();

	client_req(c, "GET", "/healthz", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	if (now_s() - t0 > max_s)
		fail_msg("/healthz took %.1f s", now_s() - t0);
	curl_easy_getinfo(c->curl, CURLINFO_NUM_CONNECTS, &conns);
	return conns > 0;
}

static void
test_slow_clients_are_cut(void **st)
{
	static const char req[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
	static const char dev[] = "{\"kind\":\"deviation\",\"category\":\"bygg\","
	    "\"title\":\"Sakte opplasting\",\"description\":\"Fra en treg telefon.\"}";
	struct client	keep;
	struct buf	h, ans;
	char		line[512];
	int		fd[SLOW_CONNS], idle, upload, open_left, i, reconnects = 0;
	size_t		pos = 0;
	double		t0, closed_at[SLOW_CONNS];

	(void)st;
	buf_init(&h, 4096);
	buf_init(&ans, 1 * MIB);
	client_init(&keep, &S);
	(void)healthz_on(&keep, 2.0);
	/* A phone on a slow link: its headers are in, the last byte of its
	 * body comes after the header deadline. That is not a slow header. */
	upload = raw_open(20);
	snprintf(line, sizeof(line), "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
	    "Content-Length: %zu\r\n", tok, sizeof(dev) - 1);
	head(&h, "POST /api/v1/deviations HTTP/1.1", line);
	assert_int_equal(raw_send(upload, h.data, h.len), 0);
	assert_int_equal(raw_send(upload, dev, sizeof(dev) - 2), 0);

	/* Slowloris: each sends its header one byte per 200 ms (the whole
	 * header would take 35 s); one more sends nothing at all. */
	t0 = now_s();
	for (i = 0; i < SLOW_CONNS; i++) {
		fd[i] = raw_open(5);
		closed_at[i] = 0;
	}
	idle = raw_open(5);
	open_left = SLOW_CONNS;
	while (open_left > 0 && now_s() - t0 < DEADLINE_MAX) {
		for (i = 0; i < SLOW_CONNS; i++) {
			if (closed_at[i] > 0)
				continue;
			if (peer_closed(fd[i]) ||
			    (pos < sizeof(req) - 1 && raw_send(fd[i], req + pos, 1) != 0)) {
				closed_at[i] = now_s() - t0;
				open_left--;
			}
		}
		pos++;
		/* Others are served meanwhile, promptly; a kept-alive
		 * connection in use is never cut by the header deadline. */
		if (pos % 5 == 0)
			reconnects += healthz_on(&keep, 2.0);
		{
			struct timespec ts = { 0, 200 * 1000 * 1000 };

			nanosleep(&ts, NULL);
		}
	}
	if (open_left > 0)
		fail_msg("%d slow clients still open after %.0f s", open_left, DEADLINE_MAX);
	for (i = 0; i < SLOW_CONNS; i++) {
		/* Not before the deadline: a slow phone still gets its chance. */
		if (closed_at[i] < 8.0)
			fail_msg("slow client %d closed after only %.1f s", i, closed_at[i]);
		close(fd[i]);
	}
	/* The silent one went the same way, within two more seconds. */
	for (i = 0; i < 20 && !peer_closed(idle); i++) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		nanosleep(&ts, NULL);
	}
	assert_true(i < 20);
	close(idle);
	reconnects += healthz_on(&keep, 2.0);
	assert_int_equal(reconnects, 0);
	client_free(&keep);

	/* The slow upload finishes and is taken. */
	assert_int_equal(raw_send(upload, dev + sizeof(dev) - 2, 1), 0);
	assert_int_equal(raw_read(upload, &ans), 201);
	close(upload);
	buf_free(&h);
	buf_free(&ans);
	still_serving();
}

static void
test_many_idle_connections(void **st)
{
	struct client	c;
	int		fd[IDLE_CONNS], i, n = 0, refused = 0;
	double		t0;

	(void)st;
	for (i = 0; i < IDLE_CONNS; i++) {
		struct sockaddr_in a;

		fd[n] = socket(AF_INET, SOCK_STREAM, 0);
		assert_true(fd[n] >= 0);
		/* From another address than the client below: the server
		 * holds only 64 from each. */
		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK + 1);
		assert_int_equal(bind(fd[n], (struct sockaddr *)&a, sizeof(a)), 0);
		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;
		a.sin_port = htons((uint16_t)S.port);
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (connect(fd[n], (struct sockaddr *)&a, sizeof(a)) == 0)
			n++;
		else {
			close(fd[n]);
			refused++;
		}
	}
	/* The server holds them (or refuses some), and a new client is
	 * still served at once. */
	assert_true(n > 0);
	client_init(&c, &S);
	(void)healthz_on(&c, 5.0);
	/* And once some are gone, still. */
	for (i = 0; i < n / 2; i++)
		close(fd[i]);
	t0 = now_s();
	(void)healthz_on(&c, 5.0);
	client_free(&c);
	for (; i < n; i++)
		close(fd[i]);
	assert_true(now_s() - t0 < 10.0);
	print_message("# %d idle connections held, %d refused\n", n, refused);
	still_serving();
}

/* VmRSS (kB) of the server, from /proc. */
static long
server_rss_kb(void)
{
	char	path[64], line[256];
	FILE	*f;
	long	kb = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)S.pid);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	fclose(f);
	assert_true(kb > 0);
	return kb;
}

/* Stalled large uploads (the whole body announced, most of it sent, then
 * silence) do not grow the server's memory: the bodies wait on disk. When
 * the upload space is spent the next large upload is told 503 with
 * Retry-After at once, and everybody else is served meanwhile. */
static void
test_stalled_uploads_bounded(void **st)
{
	struct buf	h, ans;
	char		line[256], *fill;
	long		before, after;
	size_t		off;
	int		fd[STALLED], i, s;

	(void)st;
	buf_init(&h, 4096);
	buf_init(&ans, 64 * 1024);
	fill = malloc(65536);
	assert_non_null(fill);
	memset(fill, 'a', 65536);
	snprintf(line, sizeof(line), "Content-Type: multipart/form-data; boundary=xyz\r\n"
	    "Content-Length: %d\r\n", UPLOAD_DECLARED);
	head(&h, "POST /api/v1/whistle/reports HTTP/1.1", line);

	before = server_rss_kb();
	for (i = 0; i < STALLED; i++) {
		fd[i] = raw_open_from(2, 20);
		assert_int_equal(raw_send(fd[i], buf_cstr(&h), h.len), 0);
		for (off = 0; off < UPLOAD_SENT; off += 65536)
			assert_int_equal(raw_send(fd[i], fill, 65536), 0);
	}
	/* Everyone else is served while they wait... */
	still_serving();
	after = server_rss_kb();
	print_message("# server RSS %ld kB before, %ld kB with %d stalled uploads "
	    "of %d MiB\n", before, after, STALLED, UPLOAD_SENT / MIB);
	/* ... and the server holds far less than the bodies in memory
	 * (the old server held all of them: over 100 MiB here). */
	assert_true(after - before < 32 * 1024);

	/* The upload space is spent: the next one is 503, with a time to
	 * come back, before its body is read. */
	s = raw_req(buf_cstr(&h), h.len, NULL, 0, &ans);
	assert_int_equal(s, 503);
	assert_true(raw_has_header(&ans, "retry-after"));
	still_serving();

	for (i = 0; i < STALLED; i++)
		close(fd[i]);
	free(fill);
	buf_free(&h);
	buf_free(&ans);
}

/* 2,500 connections that never finish their request head (slowloris),
 * from many addresses: /healthz and a signed-in page still answer. */
static void
test_slowloris(void **st)
{
	static const char part[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Wait: a";
	struct client	c;
	struct rlimit	rl;
	int		*fd, i, n = 0;

	(void)st;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &rl), 0);
	if (rl.rlim_cur < LORIS_CONNS + 200)
		skip();	/* the test process cannot open that many */
	fd = calloc(LORIS_CONNS, sizeof(*fd));
	assert_non_null(fd);
	for (i = 0; i < LORIS_CONNS; i++) {
		fd[i] = raw_open_from(10 + i % LORIS_ADDRS, 20);
		if (raw_send(fd[i], part, sizeof(part) - 1) == 0)
			n++;
	}
	assert_int_equal(n, LORIS_CONNS);
	/* Within less than the 10 s header deadline: served beside them,
	 * not once the deadline has cut them (as when they filled every
	 * connection the server would take). */
	client_init(&c, &S);
	(void)healthz_on(&c, 5.0);
	client_free(&c);
	still_serving();
	for (i = 0; i < LORIS_CONNS; i++)
		close(fd[i]);
	free(fd);
}

/* The database and its -wal and -shm files are the owner's alone. */
static void
test_files_are_private(void **st)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	struct stat	sb;
	char		path[400];
	size_t		i;

	(void)st;
	if (srv_is_pg())
		skip();
	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", S.db, sfx[i]);
		if (stat(path, &sb) != 0)
			fail_msg("%s: %s", path, strerror(errno));
		if ((sb.st_mode & 077) != 0)
			fail_msg("%s is mode %03o", path, (unsigned)(sb.st_mode & 0777));
	}
}

/* Two Host or Content-Length headers, or a length beside chunked
 * encoding, are read differently by different servers (request
 * smuggling, another municipality than the proxy checked): 400. */
static void
test_duplicate_headers(void **st)
{
	static const char *const reqs[] = {
		"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: other.test\r\n\r\n",
		"GET /login HTTP/1.1\r\nHost: other.test\r\nHost: 127.0.0.1\r\n\r\n",
		"POST /api/v1/whistle/receipt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		    "Content-Type: application/json\r\nContent-Length: 2\r\n"
		    "Content-Length: 30\r\n\r\n{}",
		"POST /api/v1/whistle/receipt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		    "Content-Type: application/json\r\nContent-Length: 2\r\n"
		    "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
	};
	struct buf	ans;
	size_t		i;

	(void)st;
	buf_init(&ans, 64 * 1024);
	for (i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		buf_reset(&ans);
		if (raw_req(reqs[i], strlen(reqs[i]), NULL, 0, &ans) != 400)
			fail_msg("request %zu: %s", i, buf_cstr(&ans));
	}
	buf_free(&ans);
	still_serving();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_over_limit_is_413),
		cmocka_unit_test(test_upload_over_limit_is_413),
		cmocka_unit_test(test_chunked_upload_over_limit),
		cmocka_unit_test(test_headers_over_limit),
		cmocka_unit_test(test_hostile_json),
		cmocka_unit_test(test_slow_clients_are_cut),
		cmocka_unit_test(test_many_idle_connections),
		cmocka_unit_test(test_stalled_uploads_bounded),
		cmocka_unit_test(test_slowloris),
		cmocka_unit_test(test_files_are_private),
		cmocka_unit_test(test_duplicate_headers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
