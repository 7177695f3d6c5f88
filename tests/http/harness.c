#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo_copy.h"
#include "store/store.h"

extern char **environ;

static const char *
bin(void)
{
	const char *b = getenv("ORDEN_BIN");

	return b ? b : "build/asan/orden";
}

/* Environment for children: ours plus extra entries. */
static char **
child_env(const char *const *extra)
{
	size_t	 n = 0, m = 0, i;
	char	**e;

	while (environ[n])
		n++;
	while (extra && extra[m])
		m++;
	e = calloc(n + m + 2, sizeof(*e));
	assert_non_null(e);
	for (i = 0; i < n; i++)
		e[i] = environ[i];
	for (i = 0; i < m; i++)
		e[n + i] = (char *)extra[i];
	e[n + m] = "ORDEN_TEST_FAST_HASH=1";
	return e;
}

static int
spawn(const char *const *argv, const char *outfile, const char *const *env, pid_t *pid)
{
	posix_spawn_file_actions_t	 fa;
	char				**e = child_env(env);
	int				 rc;

	posix_spawn_file_actions_init(&fa);
	if (outfile) {
		posix_spawn_file_actions_addopen(&fa, 1, outfile, O_WRONLY | O_CREAT | O_APPEND, 0600);
		posix_spawn_file_actions_adddup2(&fa, 1, 2);
	}
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	rc = posix_spawn(pid, argv[0], &fa, NULL, (char *const *)argv, e);
	posix_spawn_file_actions_destroy(&fa);
	free(e);
	return rc;
}

/* Run the binary with argv (built by the callers below) and extra env. */
static int
orden_vrun(struct buf *out, const char *const *env, const char *arg, va_list ap)
{
	const char	*argv[32];
	char		 tmpl[] = "/tmp/orden-run-XXXXXX";
	int		 n = 0, fd, st;
	pid_t		 pid;
	char		 chunk[4096];
	ssize_t		 r;

	argv[n++] = bin();
	for (; arg && n < 31; arg = va_arg(ap, const char *))
		argv[n++] = arg;
	argv[n] = NULL;
	if ((fd = mkstemp(tmpl)) < 0)
		return -1;
	close(fd);
	if (spawn(argv, tmpl, env, &pid) != 0 || waitpid(pid, &st, 0) < 0) {
		unlink(tmpl);
		return -1;
	}
	if (out && (fd = open(tmpl, O_RDONLY)) >= 0) {
		while ((r = read(fd, chunk, sizeof(chunk))) > 0)
			buf_append(out, chunk, (size_t)r);
		close(fd);
	}
	unlink(tmpl);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int
orden_run(struct buf *out, const char *arg, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, arg);
	rc = orden_vrun(out, NULL, arg, ap);
	va_end(ap);
	return rc;
}

int
orden_run_env(struct buf *out, const char *const *env, const char *arg, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, arg);
	rc = orden_vrun(out, env, arg, ap);
	va_end(ap);
	return rc;
}

int
srv_is_pg(void)
{
	const char *b = getenv("ORDEN_TEST_BACKEND");

	return b != NULL && strcmp(b, "postgres") == 0 &&
	    getenv("ORDEN_TEST_PG") != NULL;
}

/* The base URL with DBNAME replaced by a name unique to this directory. */
static void
pg_url(struct srv *s)
{
	const char	*base = getenv("ORDEN_TEST_PG"), *at;
	const char	*suffix = strrchr(s->dir, '-');
	char		 name[64];

	assert_non_null(base);
	assert_non_null(at = strstr(base, "DBNAME"));
	snprintf(name, sizeof(name), "t_%ld_%s", (long)getpid(),
	    suffix != NULL ? suffix + 1 : "x");
	for (char *p = name; *p; p++)	/* unquoted identifiers fold case */
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if ((size_t)snprintf(s->db, sizeof(s->db), "%.*s%s%s", (int)(at - base),
	    base, name, at + 6) >= sizeof(s->db))
		fail_msg("ORDEN_TEST_PG is too long");
}

void
srv_prepare(struct srv *s, int demo)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->dir, sizeof(s->dir), "/tmp/orden-test-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	if (srv_is_pg())
		pg_url(s);
	else
		snprintf(s->db, sizeof(s->db), "%s/orden.db", s->dir);
	snprintf(s->log, sizeof(s->log), "%s/server.log", s->dir);
	if (demo && demo_copy(s->db) != 0)
		fail_msg("could not copy the demo municipality to %s", s->db);
}

void
srv_start(struct srv *s, const char *const *env)
{
	char		 portfile[300], url[64];
	const char	*argv[12];
	FILE		*f;
	int		 i, port = 0;
	CURL		*c;

	snprintf(portfile, sizeof(portfile), "%s/port", s->dir);
	unlink(portfile);
	/* The server's clock, for the second factor's codes. */
	s->clock_offset = 0;
	for (i = 0; env != NULL && env[i] != NULL; i++)
		if (strncmp(env[i], "ORDEN_CLOCK_OFFSET=", 19) == 0)
			s->clock_offset = strtoll(env[i] + 19, NULL, 10);
	argv[0] = bin(); argv[1] = "serve"; argv[2] = "--db"; argv[3] = s->db;
	argv[4] = "--listen"; argv[5] = "127.0.0.1:0"; argv[6] = "--port-file";
	argv[7] = portfile; argv[8] = "--threads"; argv[9] = "4"; argv[10] = NULL;
	assert_int_equal(spawn(argv, s->log, env, &s->pid), 0);
	for (i = 0; i < 400 && port == 0; i++) {
		struct timespec ts = { 0, 25 * 1000 * 1000 };
		if ((f = fopen(portfile, "r")) != NULL) {
			if (fscanf(f, "%d", &port) != 1)
				port = 0;
			fclose(f);
		}
		if (port == 0)
			nanosleep(&ts, NULL);
	}
	if (port == 0)
		fail_msg("server did not start; see %s", s->log);
	s->port = port;
	/* Wait until it answers. */
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/healthz", port);
	c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 5L);
	for (i = 0; i < 200; i++) {
		struct timespec ts = { 0, 25 * 1000 * 1000 };
		if (curl_easy_perform(c) == CURLE_OK)
			break;
		nanosleep(&ts, NULL);
	}
	curl_easy_cleanup(c);
}

void
srv_stop(struct srv *s, int keep)
{
	int	st = 0, i;
	char	cmd[600];

	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		for (i = 0; i < 600; i++) {
			struct timespec ts = { 0, 25 * 1000 * 1000 };
			if (waitpid(s->pid, &st, WNOHANG) == s->pid)
				break;
			nanosleep(&ts, NULL);
		}
		if (i == 600) {
			kill(s->pid, SIGKILL);
			waitpid(s->pid, &st, 0);
			fail_msg("server did not stop on SIGTERM within 15 s");
		}
		s->pid = 0;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			snprintf(cmd, sizeof(cmd), "tail -30 %s >&2", s->log);
			if (system(cmd) < 0) {}
			fail_msg("server exited uncleanly (status %d)", st);
		}
	}
	if (!keep && s->dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
		if (system(cmd) < 0) {}
	}
}

static size_t
on_data(char *p, size_t sz, size_t n, void *ud)
{
	buf_append(ud, p, sz * n);
	return sz * n;
}

void
client_init(struct client *c, struct srv *s)
{
	static int once;

	if (!once) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		once = 1;
	}
	memset(c, 0, sizeof(*c));
	c->srv = s;
	c->curl = curl_easy_init();
	assert_non_null(c->curl);
	curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, "");	/* cookie engine on */
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 20L);
}

void
client_free(struct client *c)
{
	curl_easy_cleanup(c->curl);
	c->curl = NULL;
}

/* The value of the first name="<name>" value="..." in body into out; out
 * is left alone when there is none (-1). */
static int
find_token(const struct buf *body, const char *name, char *out, size_t outsz)
{
	char		 pat[128];
	const char	*p;
	size_t		 i;

	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	if ((p = strstr(buf_cstr(body), pat)) == NULL)
		return -1;
	p += strlen(pat);
	for (i = 0; p[i] && p[i] != '"' && i + 1 < outsz; i++)
		out[i] = p[i];
	out[i] = '\0';
	return 0;
}

int
resp_hidden(const struct resp *r, const char *name, char *out, size_t outsz)
{
	return find_token(&r->body, name, out, outsz);
}

static void
remember_csrf(struct client *c, const struct buf *body)
{
	(void)find_token(body, "csrf", c->csrf, sizeof(c->csrf));
	(void)find_token(body, "login_csrf", c->login_csrf,
	    sizeof(c->login_csrf));
}

void
client_req(struct client *c, const char *method, const char *path,
    const char *body, const char *ctype, struct resp *out)
{
	client_req_bytes(c, method, path, body, body != NULL ? strlen(body) : 0,
	    ctype, out);
}

void
client_req_bytes(struct client *c, const char *method, const char *path,
    const void *body, size_t len, const char *ctype, struct resp *out)
{
	CURL			*h = c->curl;
	struct curl_slist	*hd = NULL;
	char			 url[2048], line[1024];
	CURLcode		 rc;

	memset(out, 0, sizeof(*out));
	/* Room for the largest attachment a test downloads. */
	buf_init(&out->body, 32u << 20);
	buf_init(&out->headers, 1u << 20);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", c->srv->port, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_NOBODY, strcmp(method, "HEAD") == 0 ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_HTTPGET, 0L);
	if (body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)len);
	} else if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
		curl_easy_setopt(h, CURLOPT_NOBODY, strcmp(method, "HEAD") == 0 ? 1L : 0L);
	} else {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, 0L);
	}
	if (ctype) {
		snprintf(line, sizeof(line), "Content-Type: %s", ctype);
		hd = curl_slist_append(hd, line);
	}
	if (c->host) {
		snprintf(line, sizeof(line), "Host: %s", c->host);
		hd = curl_slist_append(hd, line);
	}
	if (c->bearer) {
		snprintf(line, sizeof(line), "Authorization: Bearer %s", c->bearer);
		hd = curl_slist_append(hd, line);
	}
	if (c->csrf_header && c->csrf[0]) {
		snprintf(line, sizeof(line), "X-CSRF-Token: %s", c->csrf);
		hd = curl_slist_append(hd, line);
	}
	if (c->extra_header != NULL)
		hd = curl_slist_append(hd, c->extra_header);
	hd = curl_slist_append(hd, "Expect:");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &out->body);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &out->headers);
	rc = curl_easy_perform(h);
	curl_slist_free_all(hd);
	if (rc != CURLE_OK) {
		out->status = -1;
		return;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out->status);
	remember_csrf(c, &out->body);
}

void
resp_free(struct resp *r)
{
	buf_free(&r->body);
	buf_free(&r->headers);
}

long
resp_metric(const struct resp *r, const char *name)
{
	char		 line[160];
	const char	*p;

	snprintf(line, sizeof(line), "\n%s ", name);
	p = strstr(buf_cstr((struct buf *)&r->body), line);
	return p == NULL ? -1 : strtol(p + strlen(line), NULL, 10);
}

long
srv_metric(struct srv *s, const char *token, const char *name)
{
	struct client	 m;
	struct resp	 r;
	long		 v;

	client_init(&m, s);
	m.bearer = token;
	client_req(&m, "GET", "/metrics", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	v = resp_metric(&r, name);
	resp_free(&r);
	client_free(&m);
	return v;
}

int
resp_header(const struct resp *r, const char *name, char *out, size_t outsz)
{
	const char	*p = buf_cstr(&r->headers), *eol;
	size_t		 nl = strlen(name), n;

	for (; *p; p = eol + (*eol ? 1 : 0)) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		if ((size_t)(eol - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			p += nl + 1;
			while (*p == ' ')
				p++;
			n = (size_t)(eol - p);
			while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
				n--;
			if (n >= outsz)
				n = outsz - 1;
			memcpy(out, p, n);
			out[n] = '\0';
			return 0;
		}
		if (*eol == '\0')
			break;
	}
	return -1;
}

int
resp_has(const struct resp *r, const char *needle)
{
	return strstr(buf_cstr(&r->body), needle) != NULL;
}

static void
urlenc(struct buf *b, const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0);

	buf_puts(b, e);
	curl_free(e);
}

void
form_kv(struct buf *b, const char *key, const char *value)
{
	if (value == NULL)
		return;
	if (b->len > 0)
		buf_putc(b, '&');
	buf_puts(b, key);
	buf_putc(b, '=');
	urlenc(b, value);
}

void
login_form(struct client *c, struct buf *f, const char *login, const char *password)
{
	buf_puts(f, "login_csrf=");
	urlenc(f, c->login_csrf);
	buf_puts(f, "&login=");
	urlenc(f, login);
	buf_puts(f, "&password=");
	urlenc(f, password);
}

long
client_login(struct client *c, const char *login, const char *password)
{
	struct resp	r;
	struct buf	f;
	char		loc[256];
	long		st;

	client_req(c, "GET", "/login", NULL, NULL, &r);
	resp_free(&r);
	buf_init(&f, 4096);
	login_form(c, &f, login, password);
	client_req(c, "POST", "/login", buf_cstr(&f), "application/x-www-form-urlencoded", &r);
	st = r.status;
	if (st == 303 && resp_header(&r, "Location", loc, sizeof(loc)) == 0 &&
	    strcmp(loc, "/login/2fa") == 0)
		st = client_second_step(c, login);
	resp_free(&r);
	buf_free(&f);
	if (st == 303) {	/* pick up the session's CSRF token */
		client_req(c, "GET", "/", NULL, NULL, &r);
		resp_free(&r);
	}
	return st;
}

void
client_post_form(struct client *c, const char *path, const char *form, struct resp *out)
{
	struct buf f;

	buf_init(&f, 1u << 20);
	buf_puts(&f, "csrf=");
	urlenc(&f, c->csrf);
	if (form && *form) {
		buf_putc(&f, '&');
		buf_puts(&f, form);
	}
	client_req(c, "POST", path, buf_cstr(&f), "application/x-www-form-urlencoded", out);
	buf_free(&f);
}

void
last_line(const struct buf *b, char *out, size_t outsz)
{
	const char	*s = buf_cstr(b), *end = s + strlen(s), *p;
	size_t		 n;

	while (end > s && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
		end--;
	for (p = end; p > s && p[-1] != '\n'; p--)
		;
	n = (size_t)(end - p);
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

void
write_file(const struct srv *s, const char *name, const char *text, char *out, size_t outsz)
{
	FILE *f;

	snprintf(out, outsz, "%s/%s", s->dir, name);
	f = fopen(out, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

void
import_history(struct srv *s, const char *unit_code, const char *month,
    const char *title_prefix, int n)
{
	struct buf	 csv, out;
	char		 path[512];
	int		 i;

	buf_init(&csv, 1u << 20);
	buf_puts(&csv, "number,kind,reported_at,occurred_at,unit_code,category,"
	    "title,description,status,closed_at,reporter_login\n");
	for (i = 0; i < n; i++)
		buf_printf(&csv, ",deviation,%s-%02d,,%s,hms,%s %d,"
		    "Fra gamle system,new,,\n", month, 1 + i % 28, unit_code,
		    title_prefix, i);
	assert_false(csv.failed);
	write_file(s, "historikk.csv", buf_cstr(&csv), path, sizeof(path));
	buf_free(&csv);
	buf_init(&out, 4096);
	if (orden_run(&out, "import", "deviations", "--db", s->db, path,
	    NULL) != 0)
		fail_msg("import: %s", buf_cstr(&out));
	buf_free(&out);
}

void
fixture_tenant(struct srv *s, const char *name, struct fixture_tenant *t)
{
	struct buf	out;
	char		path[400];

	t->host = name;
	buf_init(&out, 1u << 20);
	if (orden_run(&out, "init", "--db", s->db, "--tenant", name, "--host", name, NULL) != 0)
		fail_msg("orden init failed: %s", buf_cstr(&out));
	write_file(s, "units.csv", "code,name,parent_code\nROOT,Rot,\nA,Avdeling A,ROOT\nB,Avdeling B,A\n",
	    path, sizeof(path));
	buf_reset(&out);
	if (orden_run(&out, "import", "units", "--db", s->db, "--tenant", name, path, NULL) != 0)
		fail_msg("import units failed: %s", buf_cstr(&out));
	write_file(s, "people.csv", "login,name,email,unit_code,roles,party\n"
	    "leader1,Lise Leder,lise@example.org,A,leader;employee,\n"
	    "emp1,Ola Ansatt,ola@example.org,B,employee,\n"
	    "emp2,Kari Ansatt,,ROOT,employee,\n", path, sizeof(path));
	buf_reset(&out);
	if (orden_run(&out, "import", "people", "--db", s->db, "--tenant", name, path, NULL) != 0)
		fail_msg("import people failed: %s", buf_cstr(&out));
	buf_reset(&out);
	if (orden_run(&out, "token", "create", "--db", s->db, "--tenant", name, "--login", "admin", NULL) != 0)
		fail_msg("token create failed: %s", buf_cstr(&out));
	last_line(&out, t->admin_token, sizeof(t->admin_token));
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "token", "create", "--db", s->db, "--tenant", name, "--login", "emp1", NULL), 0);
	last_line(&out, t->employee_token, sizeof(t->employee_token));
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "token", "create", "--db", s->db, "--tenant", name, "--login", "leader1", NULL), 0);
	last_line(&out, t->leader_token, sizeof(t->leader_token));
	buf_free(&out);
}

/* --- JSON API helpers ------------------------------------------------------ */

void
api_client(struct client *c, struct srv *s, const char *host, const char *token)
{
	client_init(c, s);
	c->host = host;
	c->bearer = token;
}

long
api_call(struct client *c, const char *method, const char *path,
    const char *body, json_t **out)
{
	struct resp	 r;
	json_error_t	 e;
	long		 st;

	client_req(c, method, path, body, body ? "application/json" : NULL, &r);
	st = r.status;
	if (out != NULL) {
		*out = json_loads(buf_cstr(&r.body), 0, &e);
		if (*out == NULL)
			fail_msg("%s %s: not JSON (%ld): %s", method, path, st,
			    buf_cstr(&r.body));
	}
	resp_free(&r);
	return st;
}

json_t *
api_json(struct client *c, const char *method, const char *path,
    const char *body, long want)
{
	json_t	*j = NULL;
	long	 st;

	if ((st = api_call(c, method, path, body, &j)) != want) {
		char *s = json_dumps(j, JSON_COMPACT);

		fail_msg("%s %s: %ld, not %ld: %s", method, path, st, want,
		    s != NULL ? s : "");
	}
	return j;
}

json_t *
api_get_ok(struct client *c, const char *path)
{
	return api_json(c, "GET", path, NULL, 200);
}

void
one_time_password(const struct buf *out, char *pw, size_t pwsz)
{
	const char	*p = strstr(buf_cstr(out), "One-time password:");
	size_t		 i = 0;

	if (p == NULL)
		fail_msg("no one-time password in: %s", buf_cstr(out));
	p += strlen("One-time password:");
	while (*p == ' ')
		p++;
	while (p[i] != '\0' && p[i] != '\n' && i + 1 < pwsz) {
		pw[i] = p[i];
		i++;
	}
	pw[i] = '\0';
	assert_true(strlen(pw) >= 10);
}

const char *
json_err_field(json_t *j)
{
	return json_string_value(json_object_get(json_object_get(j, "error"), "field"));
}

const char *
json_err_code(json_t *j)
{
	return json_string_value(json_object_get(json_object_get(j, "error"), "code"));
}

void
token_for(struct srv *s, const char *tenant, const char *login, char *out, size_t outsz)
{
	struct buf	b;
	int		rc;

	buf_init(&b, 1u << 20);
	if (tenant != NULL)
		rc = orden_run(&b, "token", "create", "--db", s->db, "--tenant", tenant,
		    "--login", login, NULL);
	else
		rc = orden_run(&b, "token", "create", "--db", s->db, "--login", login, NULL);
	if (rc != 0)
		fail_msg("token create for %s failed: %s", login, buf_cstr(&b));
	last_line(&b, out, outsz);
	buf_free(&b);
}

/* --- whistleblowing helpers -------------------------------------------------- */

void
session_client(struct client *c, struct srv *s, const char *login)
{
	long st;

	client_init(c, s);
	if ((st = client_login(c, login, DEMO_PASSWORD)) != 303)
		fail_msg("login as %s: %ld", login, st);
	if (c->csrf[0] == '\0')
		fail_msg("login as %s: no CSRF token on the home page", login);
	c->csrf_header = 1;
}

/* The whole file at path, read into *out (caller frees); its length, or
 * -1 when it cannot be read. */
static long
file_read(const char *path, char **out)
{
	FILE	*f;
	char	*b;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		fclose(f);
		return -1;
	}
	rewind(f);
	b = malloc((size_t)n + 1);
	assert_non_null(b);
	if (fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		fclose(f);
		return -1;
	}
	fclose(f);
	*out = b;
	return n;
}

/* Index of the first of needles[0..n) in the file at path, or -1. The
 * file is read once and searched with memmem: the PostgreSQL suites look
 * through every file of a database and the write-ahead log for each
 * secret, and a byte-by-byte memcmp under the sanitizers made that
 * minutes. */
static int
file_find(const char *path, const char *const *needles, size_t n)
{
	char	*b;
	long	 len;
	size_t	 i;
	int	 found = -1;

	if ((len = file_read(path, &b)) < 0)
		return -1;
	for (i = 0; i < n && found < 0; i++)
		if (needles[i][0] != '\0' &&
		    memmem(b, (size_t)len, needles[i], strlen(needles[i])) != NULL)
			found = (int)i;
	free(b);
	return found;
}

int
file_has(const char *path, const char *needle)
{
	char	*b;
	long	 len;
	int	 found;

	if ((len = file_read(path, &b)) < 0)
		return -1;
	found = needle[0] != '\0' &&
	    memmem(b, (size_t)len, needle, strlen(needle)) != NULL;
	free(b);
	return found;
}

/* The same over every regular file under dir, recursively. */
static int
tree_find(const char *dir, const char *const *needles, size_t n)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 sb;
	char		 path[1024];
	int		 found = -1;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while (found < 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode))
			found = tree_find(path, needles, n);
		else if (S_ISREG(sb.st_mode))
			found = file_find(path, needles, n);
	}
	closedir(d);
	return found;
}

int
srv_store_find(struct srv *s, const char *const *needles, size_t n)
{
	char		 path[1024];
	const char	*data;
	struct db	*db;
	struct dbconn	*c;
	int64_t		 oid;
	int		 i;

	if (!srv_is_pg()) {
		if ((i = file_find(s->db, needles, n)) >= 0)
			return i;
		snprintf(path, sizeof(path), "%s-wal", s->db);
		return file_find(path, needles, n);
	}
	assert_non_null(data = getenv("ORDEN_TEST_PG_DATA"));
	/* What the server committed may still sit in shared buffers: write
	 * it all out first, so "not found" means not stored. */
	assert_int_equal(db_open(&db, s->db, 1), 0);
	c = db_acquire(db);
	assert_int_equal(db_exec(c, "CHECKPOINT"), DB_OK);
	db_release(db, c);
	db_close(db);
	/* This database's own files and the write-ahead log (PostgreSQL's
	 * layout: base/<database oid>/, pg_wal/). */
	oid = srv_db_int(s, "SELECT oid FROM pg_database"
	    " WHERE datname = current_database()", NULL);
	assert_true(oid > 0);
	snprintf(path, sizeof(path), "%s/base/%lld", data, (long long)oid);
	if ((i = tree_find(path, needles, n)) >= 0)
		return i;
	snprintf(path, sizeof(path), "%s/pg_wal", data);
	return tree_find(path, needles, n);
}

int
srv_store_has(struct srv *s, const char *needle)
{
	return srv_store_find(s, &needle, 1) >= 0;
}

int64_t
srv_db_int(struct srv *s, const char *sql, const char *arg)
{
	struct db	*db;
	struct dbconn	*c;
	struct dbstmt	*st;
	int64_t		 v = 0;

	assert_int_equal(db_open(&db, s->db, 1), 0);
	c = db_acquire(db);
	assert_int_equal(db_prepare_dynamic(c, 0, sql, &st), DB_OK);
	if (arg != NULL)
		assert_int_equal(db_bind_text(st, 1, arg), DB_OK);
	if (db_step(st) == DB_ROW)
		v = db_col_int(st, 0);
	db_reset(st);
	db_release(db, c);
	db_close(db);
	return v;
}

json_int_t
wb_report_ok(struct client *c, const char *body, json_t **out)
{
	json_t		*j;
	long		 st;
	json_int_t	 id;

	st = api_call(c, "POST", "/api/v1/whistle/reports", body, &j);
	if (st != 201) {
		char *d = json_dumps(j, 0);

		fail_msg("report %s: %ld %s", body, st, d ? d : "");
	}
	id = json_integer_value(json_object_get(j, "id"));
	assert_true(id > 0);
	if (out != NULL)
		*out = j;
	else
		json_decref(j);
	return id;
}

json_t *
wb_cases_all(struct client *c, int limit)
{
	json_t		*all = json_array(), *j, *it, *next, *seen;
	char		 path[256], cursor[128] = "", key[32];
	size_t		 i;
	int		 pages = 0, last;

	seen = json_object();
	for (;;) {
		if (cursor[0] == '\0')
			snprintf(path, sizeof(path), "/api/v1/whistle/cases?limit=%d", limit);
		else
			snprintf(path, sizeof(path), "/api/v1/whistle/cases?limit=%d&after=%s",
			    limit, cursor);
		assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
		assert_true(json_is_array(json_object_get(j, "items")));
		assert_true((int)json_array_size(json_object_get(j, "items")) <= limit);
		json_array_foreach(json_object_get(j, "items"), i, it) {
			snprintf(key, sizeof(key), "%lld",
			    (long long)json_integer_value(json_object_get(it, "id")));
			if (json_object_get(seen, key) != NULL)
				fail_msg("case %s is on two pages", key);
			json_object_set_new(seen, key, json_true());
			json_array_append(all, it);
		}
		next = json_object_get(j, "next");
		assert_true(json_is_null(next) || json_is_string(next));
		if (json_is_string(next))
			snprintf(cursor, sizeof(cursor), "%s", json_string_value(next));
		pages++;
		last = json_is_null(next);
		json_decref(j);
		if (last)
			break;
		assert_true(pages < 100000);
	}
	json_decref(seen);
	return all;
}

int
wb_cases_has(struct client *c, json_int_t id)
{
	json_t	*j;
	size_t	 i;
	int	 found = 0;

	j = wb_cases_all(c, 50);
	for (i = 0; i < json_array_size(j); i++)
		if (json_integer_value(json_object_get(json_array_get(j, i), "id")) == id)
			found = 1;
	json_decref(j);
	return found;
}

long
wb_case_get(struct client *c, json_int_t id, json_t **out)
{
	char path[80];

	snprintf(path, sizeof(path), "/api/v1/whistle/cases/%lld", (long long)id);
	return api_call(c, "GET", path, NULL, out);
}

long
wb_act(struct client *c, json_int_t id, const char *body, json_t **out)
{
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/whistle/cases/%lld/actions", (long long)id);
	return api_call(c, "POST", path, body, out);
}

json_t *
wb_act_ok(struct client *c, json_int_t id, const char *body)
{
	json_t	*j;
	long	 st = wb_act(c, id, body, &j);

	if (st != 200) {
		char *d = json_dumps(j, 0);

		fail_msg("action %s: %ld %s", body, st, d ? d : "");
	}
	return j;
}

#define SESSIONS_MAX	40
static struct {
	struct srv	*srv;
	const char	*login;		/* the caller's literal */
	struct client	 c;
} sessions[SESSIONS_MAX];
static size_t nsessions;

struct client *
session_as(struct srv *s, const char *login)
{
	size_t i;

	for (i = 0; i < nsessions; i++)
		if (sessions[i].srv == s && strcmp(sessions[i].login, login) == 0)
			return &sessions[i].c;
	assert_true(nsessions < SESSIONS_MAX);
	sessions[nsessions].srv = s;
	sessions[nsessions].login = login;
	session_client(&sessions[nsessions].c, s, login);
	return &sessions[nsessions++].c;
}

void
session_as_free(void)
{
	while (nsessions > 0)
		client_free(&sessions[--nsessions].c);
}

json_int_t
unit_id_of(struct client *c, const char *code)
{
	json_t		*j, *u;
	json_int_t	 id = 0;
	size_t		 i;

	assert_int_equal(api_call(c, "GET", "/api/v1/units", NULL, &j), 200);
	for (i = 0; i < json_array_size(j); i++) {
		u = json_array_get(j, i);
		if (strcmp(json_string_value(json_object_get(u, "code")), code) == 0)
			id = json_integer_value(json_object_get(u, "id"));
	}
	json_decref(j);
	if (id <= 0)
		fail_msg("no unit %s", code);
	return id;
}

json_int_t
unit_id_as(struct srv *s, const char *host, const char *token,
    const char *code)
{
	struct client	c;
	json_int_t	id;

	api_client(&c, s, host, token);
	id = unit_id_of(&c, code);
	client_free(&c);
	return id;
}

/* --- as the bearer of a token, and deviations -------------------------------- */

long
api_as(struct srv *s, const char *host, const char *token, const char *method,
    const char *path, const char *body, json_t **out)
{
	struct client	c;
	long		st;

	api_client(&c, s, host, token);
	st = api_call(&c, method, path, body, out);
	client_free(&c);
	return st;
}

json_int_t
dev_report_as(struct srv *s, const char *host, const char *token,
    const char *body, json_t **out)
{
	json_t		*j = NULL;
	json_int_t	 id;
	long		 st;

	st = api_as(s, host, token, "POST", "/api/v1/deviations", body, &j);
	if (st != 201) {
		char *d = json_dumps(j, 0);

		fail_msg("report %s: %ld %s", body, st, d ? d : "");
	}
	id = json_integer_value(json_object_get(j, "id"));
	if (out != NULL)
		*out = j;
	else
		json_decref(j);
	return id;
}

json_int_t
dev_report_in(struct srv *s, const char *host, const char *token,
    json_int_t unit_id, const char *title, const char *description)
{
	char body[1024];

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"description\":\"%s\","
	    "\"category\":\"hms\",\"unit_id\":%lld}", title, description,
	    (long long)unit_id);
	return dev_report_as(s, host, token, body, NULL);
}

long
dev_get_as(struct srv *s, const char *host, const char *token, json_int_t id,
    json_t **out)
{
	char path[64];

	snprintf(path, sizeof(path), "/api/v1/deviations/%lld", (long long)id);
	return api_as(s, host, token, "GET", path, NULL, out);
}

long
dev_act_as(struct srv *s, const char *host, const char *token, json_int_t id,
    const char *body, json_t **out)
{
	char path[80];

	snprintf(path, sizeof(path), "/api/v1/deviations/%lld/actions",
	    (long long)id);
	return api_as(s, host, token, "POST", path, body, out);
}

int
dev_listed_as(struct srv *s, const char *host, const char *token,
    const char *query, json_int_t id)
{
	json_t		*j, *items;
	char		 path[256];
	size_t		 i;
	int		 found = 0;

	snprintf(path, sizeof(path), "/api/v1/deviations?limit=1000%s", query);
	assert_int_equal(api_as(s, host, token, "GET", path, NULL, &j), 200);
	items = json_object_get(j, "items");
	assert_true(json_is_array(items));
	for (i = 0; i < json_array_size(items); i++)
		if (json_integer_value(json_object_get(json_array_get(items, i),
		    "id")) == id)
			found = 1;
	json_decref(j);
	return found;
}

int
dev_has_event(json_t *dev, const char *type, const char *needle)
{
	json_t		*ev = json_object_get(dev, "events"), *e;
	const char	*t;
	size_t		 i;

	assert_true(json_is_array(ev));
	for (i = 0; i < json_array_size(ev); i++) {
		e = json_array_get(ev, i);
		t = json_string_value(json_object_get(e, "type"));
		if (type != NULL && (t == NULL || strcmp(t, type) != 0))
			continue;
		t = json_string_value(json_object_get(e, "text"));
		if (needle == NULL || (t != NULL && strstr(t, needle) != NULL))
			return 1;
	}
	return 0;
}

void
srv_tick(struct srv *s, const char *host, int64_t offset)
{
	struct buf	 out;
	char		 env0[64];
	const char	*env[] = { env0, NULL };
	int		 rc;

	snprintf(env0, sizeof(env0), "ORDEN_CLOCK_OFFSET=%lld", (long long)offset);
	buf_init(&out, 1u << 20);
	rc = host != NULL ?
	    orden_run_env(&out, env, "tick", "--db", s->db, "--tenant", host, NULL) :
	    orden_run_env(&out, env, "tick", "--db", s->db, NULL);
	if (rc != 0)
		fail_msg("orden tick at %+llds failed: %s", (long long)offset,
		    buf_cstr(&out));
	buf_free(&out);
}

void
tokens_for(struct srv *s, const char *login, char *out, ...)
{
	va_list	ap;

	va_start(ap, out);
	while (login != NULL) {
		token_for(s, NULL, login, out, TOKEN_MAX);
		if ((login = va_arg(ap, const char *)) != NULL)
			out = va_arg(ap, char *);
	}
	va_end(ap);
}

/* login's admin person form as "admin" signs it in (its own client),
 * the details as the API gives them, active unticked; the page's answer
 * into r (caller frees). */
void
person_deactivate(struct srv *s, const char *login, struct resp *r)
{
	struct client	 c;
	struct buf	 f;
	json_t		*p;
	json_int_t	 id;
	char		 path[64];
	const char	*v;

	id = srv_db_int(s, "SELECT id FROM people WHERE login = $1", login);
	session_client(&c, s, "admin");
	snprintf(path, sizeof(path), "/api/v1/people/%lld", (long long)id);
	p = api_get_ok(&c, path);
	buf_init(&f, 4096);
	buf_puts(&f, "name=");
	urlenc(&f, json_string_value(json_object_get(p, "name")));
	if ((v = json_string_value(json_object_get(p, "email"))) != NULL) {
		buf_puts(&f, "&email=");
		urlenc(&f, v);
	}
	if ((v = json_string_value(json_object_get(p, "party"))) != NULL) {
		buf_puts(&f, "&party=");
		urlenc(&f, v);
	}
	buf_printf(&f, "&unit_id=%lld",
	    (long long)json_integer_value(json_object_get(p, "unit_id")));
	json_decref(p);
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)id);
	client_req(&c, "GET", path, NULL, NULL, r);	/* a CSRF token */
	assert_int_equal(r->status, 200);
	resp_free(r);
	client_post_form(&c, path, buf_cstr(&f), r);
	buf_free(&f);
	client_free(&c);
}
