/* common.c: what every subcommand shares: the database and context set-up,
 * configuration from the environment, and usage messages. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "i18n.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/num.h"

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

	/* Tests run many logins; the full argon2id cost would make them slow.
	 * Only an explicit "1" lowers it, so a stray variable cannot. */
	s = getenv("ORDEN_TEST_FAST_HASH");
	auth_set_cost(s != NULL && strcmp(s, "1") == 0 ?
	    AUTH_COST_TEST : AUTH_COST_DEFAULT);
	s = getenv("ORDEN_CLOCK_OFFSET");
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
cli_env_open(struct cli_env *e, const char *path, const char *host,
    int want_tenant)
{
	memset(e, 0, sizeof(*e));
	if (db_open(&e->db, path, 1) != 0) {
		e->db = NULL;
		fprintf(stderr, _("orden: cannot open the database %s\n"), path);
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
	if (!want_tenant)
		return CLI_OK;
	if (tenant_resolve(e->ctx.conn, e->ctx.arena, host, &e->tenant) != 0) {
		if (host != NULL)
			fprintf(stderr, _("orden: no tenant with host %s\n"), host);
		else
			fprintf(stderr, "%s\n", _("orden: the database has several tenants (or none); choose one with --tenant HOST"));
		return CLI_FAIL;
	}
	e->ctx.tenant_id = e->tenant.id;
	e->ctx.tenant_name = e->tenant.name;
	return CLI_OK;
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
