/* common.c: what every subcommand shares: the database and context set-up,
 * configuration from the environment, and usage messages. */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/date.h"
#include "util/num.h"
#include "util/testbuild.h"

const char *
cli_db_path(const char *flag)
{
	const char *env;

	if (flag != NULL && *flag != '\0')
		return flag;
	env = getenv("ORDEN_DB");
	return (env != NULL && *env != '\0') ? env : NULL;
}

int
cli_setup_env(const char *cmd)
{
	const char *s;
	int64_t off;

	if (date_init(NULL) != 0)
		return cli_fail(cmd, _("the time zone %s is missing from the system's zoneinfo (install tzdata)"),
		    DATE_ZONE);
	/* Tests run many logins; the full argon2id cost would make them slow.
	 * Only an explicit "1" lowers it, so a stray variable cannot, and
	 * only in a test build (testbuild.h). */
	s = test_getenv("ORDEN_TEST_FAST_HASH");
	auth_set_cost(s != NULL && strcmp(s, "1") == 0 ?
	    AUTH_COST_TEST : AUTH_COST_DEFAULT);
	s = test_getenv("ORDEN_CLOCK_OFFSET");
	if (s != NULL && *s != '\0') {
		if (num_parse_i64(s, -100LL * 365 * 86400, 100LL * 365 * 86400,
		    &off) < 0)
			return cli_usage(cmd, _("ORDEN_CLOCK_OFFSET must be a number of seconds"));
		clock_set_offset(off);
	}
	return CLI_OK;
}

static void
cli_vmessage(const char *cmd, const char *fmt, va_list ap)
{
	struct buf b;

	buf_init(&b, 4096);
	buf_printf(&b, "orden %s: ", cmd);
	buf_vprintf(&b, fmt, ap);
	fprintf(stderr, "%s", buf_cstr(&b));
	buf_free(&b);
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmessage(cmd, fmt, ap);
	va_end(ap);
	fprintf(stderr, _(" (see 'orden %s --help')\n"), cmd);
	return CLI_USAGE;
}

int
cli_fail(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmessage(cmd, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_FAIL;
}

int
cli_bad_option(const char *cmd, int c, char **argv)
{
	extern int optind;
	const char *arg = argv[optind - 1];

	if (c == ':')
		return cli_usage(cmd, _("option %s needs a value"), arg);
	return cli_usage(cmd, _("unknown option %s"), arg);
}

int
cli_parse_roles(const char *s, enum role *roles, int *n, const char **bad,
    char *scratch, unsigned long scratchsz)
{
	size_t len = strlen(s), i, start = 0;
	int k;
	enum role r;

	*n = 0;
	*bad = NULL;
	if (len >= scratchsz) {
		*bad = s;
		return -1;
	}
	memcpy(scratch, s, len + 1);
	for (i = 0; i <= len; i++) {
		if (scratch[i] != ';' && scratch[i] != ',' && scratch[i] != '\0')
			continue;
		scratch[i] = '\0';
		if (scratch[start] != '\0') {
			if (role_parse(scratch + start, &r) < 0) {
				*bad = scratch + start;
				return -1;
			}
			for (k = 0; k < *n && roles[k] != r; k++)
				;
			if (k == *n && *n < ROLE_MAX)
				roles[(*n)++] = r;
		}
		start = i + 1;
	}
	return 0;
}

int
cli_host_ok(const char *host)
{
	size_t	i, colons = 0;

	for (i = 0; host[i] != '\0'; i++) {
		char c = host[i];

		if (c == ':')
			colons++;
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-'))
			return 0;
	}
	/* One colon is HOST:PORT, which a request's host never matches (the
	 * server drops the port); more is an IPv6 address. */
	return i > 0 && i <= 253 && colons != 1;
}

const char *
cli_db_desc(const char *url, char *buf, size_t bufsz)
{
	const char	*auth, *end, *at, *colon, *pw;
	struct buf	 b;

	/* A file path, or a URL without credentials, is shown as it is. */
	if ((auth = strstr(url, "://")) == NULL ||
	    (strchr(url, '@') == NULL && strstr(url, "password=") == NULL)) {
		snprintf(buf, bufsz, "%s", url);
		return buf;
	}
	auth += 3;
	end = auth + strcspn(auth, "/?");
	buf_init(&b, bufsz > 0 ? bufsz - 1 : 0);
	buf_append(&b, url, (size_t)(auth - url));
	at = memchr(auth, '@', (size_t)(end - auth));
	colon = at != NULL ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (colon != NULL) {		/* user:password@ -> user@ */
		buf_append(&b, auth, (size_t)(colon - auth));
		auth = at;
	}
	/* password=... in the query string -> password=*** */
	for (;;) {
		if ((pw = strstr(auth, "password=")) == NULL) {
			buf_puts(&b, auth);
			break;
		}
		pw += strlen("password=");
		buf_append(&b, auth, (size_t)(pw - auth));
		buf_puts(&b, "***");
		auth = pw + strcspn(pw, "&");
	}
	snprintf(buf, bufsz, "%s", buf_failed(&b) ? "(database)" : buf_cstr(&b));
	buf_free(&b);
	return buf;
}

/* A SQLite database made world-readable by an older Orden (created under
 * umask 022) is made its owner's alone; so are its -wal and -shm, which
 * SQLite creates with the database file's mode. Not for PostgreSQL URLs.
 * A missing parent directory (the data directory) is created 0700. */
void
cli_db_tighten(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	struct stat	st;
	const char	*slash;
	char		p[4096];
	size_t		i;
	int		n;

	if (path != NULL && strncmp(path, "sqlite:", 7) == 0)
		path += 7;
	if (path == NULL || strstr(path, "://") != NULL ||
	    strncmp(path, "postgres", 8) == 0)
		return;
	/* A data directory that does not exist yet is made for the owner
	 * alone (0700 by the umask); an existing one is left as it is. */
	if ((slash = strrchr(path, '/')) != NULL && slash != path) {
		n = snprintf(p, sizeof(p), "%.*s", (int)(slash - path), path);
		if (n > 0 && (size_t)n < sizeof(p) && stat(p, &st) != 0 &&
		    errno == ENOENT)
			(void)mkdir(p, 0700);
	}
	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		n = snprintf(p, sizeof(p), "%s%s", path, sfx[i]);
		if (n < 0 || (size_t)n >= sizeof(p))
			return;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_mode & 077) != 0)
			(void)chmod(p, st.st_mode & 0700);
	}
}

/* 1 when path names a SQLite file (not a URL, not ":memory:") that does
 * not exist: opening it would make a new, empty database there. */
static int
cli_db_missing(const char *path)
{
	struct stat st;

	if (path != NULL && strncmp(path, "sqlite:", 7) == 0)
		path += 7;
	if (path == NULL || *path == '\0' || strstr(path, "://") != NULL ||
	    strncmp(path, "postgres", 8) == 0 || strncmp(path, "file:", 5) == 0 ||
	    strcmp(path, ":memory:") == 0)
		return 0;
	return stat(path, &st) != 0 && errno == ENOENT;
}

int
cli_env_open(struct cli_env *e, const char *path, const char *host,
    int want_tenant)
{
	char desc[512], keyfile[4096];

	memset(e, 0, sizeof(*e));
	/* A command that acts on what a database holds, given a path that
	 * does not exist (a typing mistake), must change nothing: opening
	 * would leave an empty database and its directory behind. Only init,
	 * demo and tenant add make one. */
	if (want_tenant != CLI_ENV_MAY_CREATE && cli_db_missing(path)) {
		fprintf(stderr, _("orden: there is no database at %s (orden init makes one)\n"),
		    cli_db_desc(path, desc, sizeof(desc)));
		return CLI_FAIL;
	}
	cli_db_tighten(path);
	if (audit_key_use(audit_key_default(path, keyfile, sizeof(keyfile))) != 0) {
		fprintf(stderr, "%s\n", _("orden: out of memory"));
		return CLI_FAIL;
	}
	if (db_open(&e->db, path, 1) != 0) {
		e->db = NULL;
		fprintf(stderr, _("orden: cannot open the database %s\n"),
		    cli_db_desc(path, desc, sizeof(desc)));
		return CLI_FAIL;
	}
	e->ctx.db = e->db;
	e->ctx.conn = db_acquire(e->db);
	if ((e->ctx.arena = arena_new(CLI_ARENA_MAX)) == NULL) {
		fprintf(stderr, "%s\n", _("orden: out of memory"));
		return CLI_FAIL;
	}
	e->ctx.lang = "nb";
	e->ctx.now = clock_now();
	e->ctx.user = NULL;
	e->ctx.remote_addr = "cli";
	if (want_tenant != CLI_ENV_TENANT)
		return CLI_OK;
	return cli_env_tenant(e, host);
}

int
cli_env_tenant(struct cli_env *e, const char *host)
{
	int rc;

	/* A host that was named must match: a typing mistake must not act on
	 * the only municipality there is. */
	if (host != NULL) {
		rc = tenant_by_host(e->ctx.conn, e->ctx.arena, host, &e->tenant);
		if (rc != 0) {
			if (rc > 0)
				fprintf(stderr, _("orden: no municipality with host %s (see orden tenant list)\n"),
				    host);
			else
				fprintf(stderr, "%s\n", _("orden: cannot read the municipalities"));
			return CLI_FAIL;
		}
	} else if (tenant_resolve(e->ctx.conn, e->ctx.arena, NULL,
	    &e->tenant) != 0) {
		fprintf(stderr, "%s\n", tenant_count(e->ctx.conn) == 0 ?
		    _("orden: the database has no municipality yet (see orden init)") :
		    _("orden: the database has several municipalities; choose one with --tenant HOST (see orden tenant list)"));
		return CLI_FAIL;
	}
	cli_env_use(e, &e->tenant);
	return CLI_OK;
}

void
cli_env_use(struct cli_env *e, const struct tenant *t)
{
	if (t != &e->tenant)
		e->tenant = *t;
	e->ctx.tenant_id = e->tenant.id;
	e->ctx.tenant_uid = e->tenant.uid;
	e->ctx.tenant_name = e->tenant.name;
}

void
cli_env_close(struct cli_env *e)
{
	if (e->db != NULL) {
		if (e->ctx.conn != NULL)
			db_release(e->db, e->ctx.conn);
		db_close(e->db);
	}
	arena_free(e->ctx.arena);
	memset(e, 0, sizeof(*e));
}
