/* cli.h: the `orden` subcommands. Each takes the arguments after its own
 * name (argv[0] is the subcommand name) and returns the process exit status:
 * CLI_OK, CLI_FAIL (the command ran and failed; message on stderr) or
 * CLI_USAGE (bad arguments; one line on stderr). `--help` prints to stdout
 * and returns CLI_OK.
 *
 * Configuration: flags first, then the environment (ORDEN_DB, ORDEN_LISTEN,
 * ORDEN_THREADS, ORDEN_STATIC_DIR, ORDEN_PORT_FILE, ORDEN_SECURE_COOKIES,
 * ORDEN_LOCALE_DIR, ORDEN_CLOCK_OFFSET, ORDEN_TEST_FAST_HASH). */
#ifndef ORDEN_CLI_H
#define ORDEN_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "ctx.h"
#include "org/org.h"
#include "vault/vault.h"

#ifndef ORDEN_VERSION
#define ORDEN_VERSION "0.1.0"
#endif

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Memory for one CLI command's arena: generous, since an import holds a
 * whole file. */
#define CLI_ARENA_MAX	(512u * 1024u * 1024u)

int	cli_init(int argc, char **argv);
int	cli_demo(int argc, char **argv);
int	cli_serve(int argc, char **argv);
int	cli_import(int argc, char **argv);
int	cli_token(int argc, char **argv);
int	cli_audit(int argc, char **argv);
int	cli_user(int argc, char **argv);
int	cli_tick(int argc, char **argv);
int	cli_whistle(int argc, char **argv);
int	cli_tenant(int argc, char **argv);
int	cli_migrate(int argc, char **argv);
int	cli_check(int argc, char **argv);
int	cli_settings(int argc, char **argv);
int	cli_unit(int argc, char **argv);
int	cli_sso(int argc, char **argv);
int	cli_totp(int argc, char **argv);
int	cli_webhook(int argc, char **argv);
int	cli_template(int argc, char **argv);
int	cli_export(int argc, char **argv);
/* serve's webhook options (flags in opt[]: allow-private, tries, retry,
 * poll; else the environment) into cfg. CLI_OK or a usage error. */
struct webhook_config;
int	cli_webhook_options(const char *const opt[4], struct webhook_config *cfg);

/* Dispatch on argv[1]; the whole program (main.c calls it). */
int	cli_main(int argc, char **argv);

/* --- shared by the subcommands (common.c) ------------------------------- */

/* An open database with one borrowed connection and a context for one
 * tenant (or none), acting as the system (user NULL). */
struct cli_env {
	struct db	*db;
	struct ctx	 ctx;
	struct tenant	 tenant;
};

/* What cli_env_open's want_tenant asks: a database that may be made
 * (init, demo, tenant); one that must exist, tenant chosen later or not
 * at all (check, audit, tick); one that must exist, with the tenant by
 * host resolved. */
#define CLI_ENV_MAY_CREATE	0
#define CLI_ENV_TENANT		1
#define CLI_ENV_EXISTING	2
/* Open the database at path (migrating it) with pool_size connections,
 * borrow a connection, make an arena. Unless CLI_ENV_MAY_CREATE, a SQLite
 * path that does not exist fails without making anything. With
 * CLI_ENV_TENANT, resolve the tenant by host (NULL: the only one). CLI_OK
 * or CLI_FAIL (message printed). Always pair with cli_env_close. */
int	cli_env_open(struct cli_env *, const char *path, const char *host,
	    int want_tenant);
void	cli_env_close(struct cli_env *);
/* chmod an existing SQLite database (and -wal, -shm) to its owner only;
 * create its missing data directory 0700. */
void	cli_db_tighten(const char *path);
/* Choose the tenant after cli_env_open(..., 0): the one whose host is host
 * (exactly; never a fallback when a host was named), or with host NULL the
 * only one. CLI_OK or CLI_FAIL (message printed). */
int	cli_env_tenant(struct cli_env *, const char *host);
/* Act inside tenant t from now on (a copy of *t is kept in e->tenant; its
 * strings must outlive e): fills ctx's tenant_id, tenant_uid and name. */
void	cli_env_use(struct cli_env *, const struct tenant *t);

/* The --db value, or $ORDEN_DB; NULL when neither is set. */
const char	*cli_db_path(const char *flag);
/* The database path or URL as it may be shown: a URL's password (user:PW@
 * or password=PW) is left out. Written to buf, which is returned. */
const char	*cli_db_desc(const char *url, char *buf, size_t bufsz);
/* 1 when host can be a municipality's host name (letters, digits, '.',
 * '-'; an IPv6 address; no port), 0 otherwise. */
int		 cli_host_ok(const char *host);
/* Password hashing cost from $ORDEN_TEST_FAST_HASH, and $ORDEN_CLOCK_OFFSET;
 * every subcommand calls this first. CLI_OK or CLI_USAGE. */
int	cli_setup_env(const char *cmd);
/* Print "orden CMD: MESSAGE (see 'orden CMD --help')" and return CLI_USAGE. */
int	cli_usage(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Print "orden CMD: MESSAGE" and return CLI_FAIL. */
int	cli_fail(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The usage message for getopt_long's '?' or ':' return. */
int	cli_bad_option(const char *cmd, int c, char **argv);
/* Parse "employee;leader" (';' or ',' separated). 0 or -1 with *bad set. */
int	cli_parse_roles(const char *s, enum role *roles, int *n,
	    const char **bad, char *scratch, unsigned long scratchsz);

/* --- a new municipality (init.c; init and tenant add) ---------------------- */

/* What init and tenant add print once. Secrets: wiped by cli_muni_wipe. */
struct cli_muni {
	int64_t	 tenant_id;
	char	 password[64];		/* the admin's one-time password */
	char	 recovery[VAULT_RECOVERY_MAX];
};

/* Inside the caller's transaction on e->ctx.conn: the municipality name
 * (host may be NULL) with a root unit of the same name, the default
 * deviation categories and settings, an admin `admin` with the roles admin
 * and employee, a one-time password, their keypair and the tenant's
 * recovery key for whistleblowing cases. Refuses a name or host already in
 * use. e acts inside the new tenant afterwards. CLI_OK, or CLI_FAIL with
 * the message printed as "orden CMD: ...". */
int	cli_muni_create(const char *cmd, struct cli_env *e, const char *name,
	    const char *host, const char *admin, struct cli_muni *out);
/* After the commit: the admin's login, the one-time password and the
 * recovery key, each shown only now. */
void	cli_muni_print(const char *dbdesc, const char *name, const char *admin,
	    const struct cli_muni *);
/* A municipality without a host name is reachable on the web only while it
 * is the only one: once there are several, name each such one on stderr. */
void	cli_muni_warn_hostless(const char *cmd, struct cli_env *e);
void	cli_muni_wipe(struct cli_muni *);

/* --- whistleblowing recovery key (recovery.c) ------------------------------ */

/* Print a tenant's recovery secret once, with what to do with it. */
void	cli_recovery_print(FILE *, const char *tenant, const char *secret);
/* Save it (mode 0600, replaced whole) as recovery-key.txt in the database's
 * directory, for the demo; the path to path_out. 0 or -1. */
int	cli_recovery_save(const char *dbpath, const char *tenant, const char *secret,
	    char *path_out, size_t pathsz);

/* --- deviations (tick.c, demo_deviations.c) ------------------------------ */

/* Run deviation_tick once for every tenant, or for the one selected by host
 * (NULL: all), at clock_now(), on conn as the system. Each tenant gets its
 * own arena. *total is the number of notifications made; when out is not
 * NULL a line per tenant is printed there. 0, or -1 when a tenant could not
 * be ticked (the others still are; logged) or host matches none. */
int	cli_tick_tenants(struct db *, struct dbconn *, const char *host,
	    FILE *out, int64_t *total);

/* Fill the demo municipality (ctx->tenant_id, just created with its units
 * and people) with a year of deviations and improvement proposals ending at
 * ctx->now, replayed through the model inside the caller's transaction.
 * Deterministic for a given ctx->now day. Also adds the demo's extra
 * employees. *count is how many deviations were made. CLI_OK or CLI_FAIL. */
int	cli_demo_history(struct ctx *, const char *password_hash, int64_t *count);
/* The demo's risk assessments (demo_risk.c). CLI_OK or CLI_FAIL. */
int	cli_demo_risk(struct ctx *);

#endif
