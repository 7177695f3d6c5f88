/* init.c: `orden init`: a database with one municipality, its root unit
 * and an admin with a one-time password. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth/auth.h"
#include "deviation/deviation.h"
#include "i18n.h"
#include "org/import.h"
#include "store/store.h"
#include "vault/vault.h"

#define CMD "init"

/* Tenants are picked by host, so the name is not unique in the schema;
 * init refuses a second tenant of the same name to catch a repeated run. */
static const char SQL_TENANT_BY_NAME[] =
    "SELECT id FROM tenants WHERE name = $1";

static void
help(void)
{
	printf("%s", _("Usage: orden init --db PATH --tenant NAME [--host HOST] [--admin LOGIN]\n\n"
	    "Create (or open and migrate) the database, add the municipality NAME with\n"
	    "a root unit of the same name and an admin (login \"admin\" unless --admin\n"
	    "is given) who holds the roles admin and employee, and the default\n"
	    "deviation categories. Prints the admin's\n"
	    "login and a one-time password that must be changed at first login, and\n"
	    "the municipality's recovery key for whistleblowing cases, shown only\n"
	    "once: print it and lock it away offline (see docs/SECURITY.md).\n\n"
	    "  --db PATH      database file (or $ORDEN_DB)\n"
	    "  --tenant NAME  the municipality's name, e.g. \"Namsos kommune\"\n"
	    "  --host HOST    host name that selects this municipality in the web UI\n"
	    "  --admin LOGIN  the admin's login (default: admin)\n"
	    "  --help         show this help\n\n"
	    "Exit status: 0 created, 1 failed (e.g. the municipality exists), 2 usage.\n"));
}

/* 1 if a tenant of this name exists, 0 if not, negative on error. */
static int
tenant_name_exists(struct dbconn *c, const char *name)
{
	struct dbstmt *st;
	int rc;

	if (db_prepare(c, SQL_TENANT_BY_NAME, &st) != DB_OK)
		return -1;
	db_bind_text(st, 1, name);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : -1;
}

int
cli_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "host", required_argument, NULL, 'H' },
		{ "admin", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env e;
	struct person p;
	const char *db = NULL, *name = NULL, *host = NULL, *admin = "admin";
	char pw[64], hash[AUTH_HASH_MAX], recovery[VAULT_RECOVERY_MAX];
	unsigned char sk[VAULT_SK];
	int c, rc, intx = 0, ret = CLI_FAIL;
	int64_t tid, root, pid;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:H:a:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': name = optarg; break;
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
		return cli_usage(CMD, "%s", _("--tenant NAME is required"));
	if (!import_is_code(admin))
		return cli_usage(CMD, "%s", _("--admin LOGIN: use 1-64 letters, digits, '.', '_' or '-'"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (auth_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));

	if (cli_env_open(&e, db, NULL, 0) != CLI_OK)
		goto out;
	if (db_begin(e.ctx.conn) != DB_OK) {
		cli_fail(CMD, "%s", _("cannot start a transaction"));
		goto out;
	}
	intx = 1;
	if ((rc = tenant_name_exists(e.ctx.conn, name)) != 0) {
		if (rc > 0)
			cli_fail(CMD, _("a municipality named \"%s\" already exists in %s"),
			    name, db);
		else
			cli_fail(CMD, "%s", _("cannot read the tenants"));
		goto out;
	}
	if ((tid = tenant_create(e.ctx.conn, name, host)) <= 0) {
		cli_fail(CMD, "%s", tid == DB_CONSTRAINT ?
		    _("another municipality already uses that host") :
		    _("cannot create the municipality"));
		goto out;
	}
	e.ctx.tenant_id = tid;
	e.ctx.tenant_name = name;
	if ((root = org_unit_create(&e.ctx, "root", name, 0)) <= 0) {
		cli_fail(CMD, "%s", _("cannot create the root unit"));
		goto out;
	}
	if (dev_categories_seed(&e.ctx) < 0) {
		cli_fail(CMD, "%s", _("cannot create the deviation categories"));
		goto out;
	}
	memset(&p, 0, sizeof(p));
	p.login = admin;
	p.name = _("Administrator");
	p.unit_id = root;
	p.active = 1;
	if ((pid = org_person_create(&e.ctx, &p)) <= 0) {
		cli_fail(CMD, _("cannot create the admin \"%s\" (a login uses letters, digits, '.', '_' or '-')"),
		    admin);
		goto out;
	}
	if (org_role_grant(&e.ctx, pid, ROLE_ADMIN, 0) <= 0 ||
	    org_role_grant(&e.ctx, pid, ROLE_EMPLOYEE, root) <= 0) {
		cli_fail(CMD, "%s", _("cannot grant the admin's roles"));
		goto out;
	}
	auth_password_generate(pw, sizeof(pw));
	if (auth_password_hash(pw, hash) != 0 ||
	    org_password_set(&e.ctx, pid, hash, 1) != 0) {
		cli_fail(CMD, "%s", _("cannot set the admin's password"));
		goto out;
	}
	/* The admin's keypair, wrapped under the one-time password (moved to
	 * their own at the first login), and the tenant's recovery key. */
	rc = vault_person_unlock(&e.ctx, pid, pw, sk);
	sodium_memzero(sk, sizeof(sk));
	if (rc != 0 || vault_recovery_create(&e.ctx, recovery,
	    sizeof(recovery)) != 0) {
		cli_fail(CMD, "%s", _("cannot create the keys for whistleblowing cases"));
		goto out;
	}
	if (db_commit(e.ctx.conn) != DB_OK) {
		cli_fail(CMD, "%s", _("cannot commit"));
		goto out;
	}
	intx = 0;
	printf(_("Created \"%s\" in %s.\n"), name, db);
	printf(_("Admin login:        %s\n"), admin);
	printf(_("One-time password:  %s\n"), pw);
	printf("%s", _("The password must be changed at the first login.\n"));
	cli_recovery_print(stdout, name, recovery);
	ret = CLI_OK;
out:
	if (intx)
		db_rollback(e.ctx.conn);
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(hash, sizeof(hash));
	sodium_memzero(recovery, sizeof(recovery));
	cli_env_close(&e);
	return ret;
}
