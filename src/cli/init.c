/* init.c: `orden init`: a database with one municipality, its root unit
 * and an admin with a one-time password; and cli_muni_create, which makes
 * such a municipality for both init and `orden tenant add`. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth/auth.h"
#include "deviation/deviation.h"
#include "i18n/i18n.h"
#include "org/import.h"
#include "store/store.h"
#include "vault/vault.h"

#define CMD "init"

static void
help(void)
{
	printf("%s", _("Usage: orden init --db PATH --name NAME [--host HOST] [--admin LOGIN]\n\n"
	    "Create (or open and migrate) the database, add the municipality NAME with\n"
	    "a root unit of the same name and an admin (login \"admin\" unless --admin\n"
	    "is given) who holds the roles admin and employee, and the default\n"
	    "deviation categories. Prints the admin's\n"
	    "login and a one-time password that must be changed at first login, and\n"
	    "the municipality's recovery key for whistleblowing cases, shown only\n"
	    "once: print it and lock it away offline (see docs/SECURITY.md).\n"
	    "To add another municipality to a database that has one, use\n"
	    "orden tenant add (the same, with --host required).\n\n"
	    "  --db PATH      database file or URL (or $ORDEN_DB)\n"
	    "  --name NAME    the municipality's name, e.g. \"Namsos kommune\"\n"
	    "  --tenant NAME  the same as --name (kept for existing scripts)\n"
	    "  --host HOST    host name that selects this municipality in the web UI\n"
	    "  --admin LOGIN  the admin's login (default: admin)\n"
	    "  --help         show this help\n\n"
	    "Exit status: 0 created, 1 failed (e.g. the municipality exists), 2 usage.\n"));
}

int
cli_muni_create(const char *cmd, struct cli_env *e, const char *name,
    const char *host, const char *admin, struct cli_muni *out)
{
	struct tenant	 t;
	struct person	 p;
	char		 hash[AUTH_HASH_MAX];
	unsigned char	 sk[VAULT_SK];
	int		 rc, ret = CLI_FAIL;
	int64_t		 tid, root, pid;

	memset(out, 0, sizeof(*out));
	if ((rc = tenant_name_exists(e->ctx.conn, name)) != 0) {
		if (rc > 0)
			cli_fail(cmd, _("a municipality named \"%s\" already exists"),
			    name);
		else
			cli_fail(cmd, "%s", _("cannot read the municipalities"));
		goto out;
	}
	if (host != NULL && *host != '\0') {
		if ((rc = tenant_by_host(e->ctx.conn, e->ctx.arena, host, &t)) == 0) {
			cli_fail(cmd, _("the host %s is already used by \"%s\"; choose another host name"),
			    host, t.name);
			goto out;
		}
		if (rc < 0) {
			cli_fail(cmd, "%s", _("cannot read the municipalities"));
			goto out;
		}
	}
	if ((tid = tenant_create(e->ctx.conn, name, host)) <= 0) {
		cli_fail(cmd, "%s", tid == DB_CONSTRAINT ?
		    _("another municipality already uses that host") :
		    _("cannot create the municipality"));
		goto out;
	}
	if (tenant_get(e->ctx.conn, e->ctx.arena, tid, &t) != 0) {
		cli_fail(cmd, "%s", _("cannot read the new municipality"));
		goto out;
	}
	cli_env_use(e, &t);
	out->tenant_id = tid;
	if ((root = org_unit_create(&e->ctx, "root", name, 0)) <= 0) {
		cli_fail(cmd, "%s", _("cannot create the root unit"));
		goto out;
	}
	if (dev_categories_seed(&e->ctx) < 0) {
		cli_fail(cmd, "%s", _("cannot create the deviation categories"));
		goto out;
	}
	memset(&p, 0, sizeof(p));
	p.login = admin;
	p.name = _("Administrator");
	p.unit_id = root;
	p.active = 1;
	if ((pid = org_person_create(&e->ctx, &p)) <= 0) {
		cli_fail(cmd, _("cannot create the admin \"%s\" (a login uses letters, digits, '.', '_' or '-')"),
		    admin);
		goto out;
	}
	if (org_role_grant(&e->ctx, pid, ROLE_ADMIN, 0) <= 0 ||
	    org_role_grant(&e->ctx, pid, ROLE_EMPLOYEE, root) <= 0) {
		cli_fail(cmd, "%s", _("cannot grant the admin's roles"));
		goto out;
	}
	auth_password_generate(out->password, sizeof(out->password));
	if (auth_password_hash(out->password, hash) != 0 ||
	    org_password_set(&e->ctx, pid, hash, 1) != 0) {
		cli_fail(cmd, "%s", _("cannot set the admin's password"));
		goto out;
	}
	/* The admin's keypair, wrapped under the one-time password (moved to
	 * their own at the first login), and the tenant's recovery key. */
	rc = vault_person_unlock(&e->ctx, pid, out->password, sk);
	sodium_memzero(sk, sizeof(sk));
	if (rc != 0 || vault_recovery_create(&e->ctx, out->recovery,
	    sizeof(out->recovery)) != 0) {
		cli_fail(cmd, "%s", _("cannot create the keys for whistleblowing cases"));
		goto out;
	}
	ret = CLI_OK;
out:
	sodium_memzero(hash, sizeof(hash));
	if (ret != CLI_OK)
		cli_muni_wipe(out);
	return ret;
}

void
cli_muni_print(const char *dbdesc, const char *name, const char *admin,
    const struct cli_muni *m)
{
	printf(_("Created \"%s\" in %s.\n"), name, dbdesc);
	printf(_("Admin login:        %s\n"), admin);
	printf(_("One-time password:  %s\n"), m->password);
	printf("%s", _("The password must be changed at the first login.\n"));
	cli_recovery_print(stdout, name, m->recovery);
}

void
cli_muni_warn_hostless(const char *cmd, struct cli_env *e)
{
	struct tenant	*v;
	size_t		 n, i;

	if (tenant_list(e->ctx.conn, e->ctx.arena, &v, &n) != 0 || n < 2)
		return;
	for (i = 0; i < n; i++)
		if (v[i].host == NULL)
			fprintf(stderr, _("orden %s: note: \"%s\" has no host name, so the web UI and the API do not reach it while there are several municipalities\n"),
			    cmd, v[i].name);
}

void
cli_muni_wipe(struct cli_muni *m)
{
	sodium_memzero(m, sizeof(*m));
}

int
cli_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "tenant", required_argument, NULL, 'n' },
		{ "host", required_argument, NULL, 'H' },
		{ "admin", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env e;
	struct cli_muni m;
	const char *db = NULL, *name = NULL, *host = NULL, *admin = "admin";
	char desc[512];
	int c, rc, intx = 0, ret = CLI_FAIL;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:n:H:a:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'n': name = optarg; break;
		case 'H': host = optarg; break;
		case 'a': admin = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if (name == NULL || *name == '\0')
		return cli_usage(CMD, "%s", _("--name NAME is required"));
	if (host != NULL && !cli_host_ok(host))
		return cli_usage(CMD, _("--host %s is not a host name"), host);
	if (!import_is_code(admin))
		return cli_usage(CMD, "%s", _("--admin LOGIN: use 1-64 letters a-z or A-Z (not æ, ø, å), digits, '.', '_' or '-'"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (auth_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));

	memset(&m, 0, sizeof(m));
	if (cli_env_open(&e, db, NULL, CLI_ENV_MAY_CREATE) != CLI_OK)
		goto out;
	if (db_begin(e.ctx.conn) != DB_OK) {
		cli_fail(CMD, "%s", _("cannot start a transaction"));
		goto out;
	}
	intx = 1;
	if (cli_muni_create(CMD, &e, name, host, admin, &m) != CLI_OK)
		goto out;
	if (db_commit(e.ctx.conn) != DB_OK) {
		cli_fail(CMD, "%s", _("cannot commit"));
		goto out;
	}
	intx = 0;
	cli_muni_print(cli_db_desc(db, desc, sizeof(desc)), name, admin, &m);
	cli_muni_warn_hostless(CMD, &e);
	ret = CLI_OK;
out:
	if (intx)
		db_rollback(e.ctx.conn);
	cli_muni_wipe(&m);
	cli_env_close(&e);
	return ret;
}
