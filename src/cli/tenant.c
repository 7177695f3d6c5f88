/* tenant.c: `orden tenant add|list`: the municipalities of one
 * installation. add makes one as `orden init` does (cli_muni_create);
 * list shows each with what it holds. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "i18n/i18n.h"
#include "org/import.h"
#include "org/org.h"
#include "store/store.h"

#define CMD "tenant"


static void
help(void)
{
	printf("%s", _("Usage: orden tenant add  --db PATH --name NAME --host HOST [--admin LOGIN]\n"
	    "       orden tenant list --db PATH\n\n"
	    "add   add a municipality to the installation, as orden init makes the\n"
	    "      first: a root unit, the default deviation categories and an admin\n"
	    "      (login \"admin\" unless --admin is given). Prints the admin's login,\n"
	    "      a one-time password to be changed at first login, and the\n"
	    "      municipality's recovery key for whistleblowing cases, shown only\n"
	    "      once: print it and lock it away offline. The web UI and the API\n"
	    "      pick the municipality by the host name a request is sent to, so\n"
	    "      HOST must be the name its users reach the server by, and no other\n"
	    "      municipality may have it.\n"
	    "list  every municipality: id, host, people, deviations, name\n\n"
	    "Commands that act inside one municipality (import, token, user,\n"
	    "whistle, tick) take --tenant HOST to choose it; without it they use the\n"
	    "only one and refuse when there are several.\n\n"
	    "  --db PATH      database file or URL (or $ORDEN_DB)\n"
	    "  --name NAME    the municipality's name, e.g. \"Namsos kommune\"\n"
	    "  --host HOST    host name that selects it, e.g. orden.namsos.kommune.no\n"
	    "  --admin LOGIN  the admin's login (default: admin)\n"
	    "  --help         show this help\n\n"
	    "Exit status: 0 done, 1 failed (e.g. the host is taken), 2 usage.\n"));
}

static int
tenant_list_print(struct cli_env *e)
{
	struct tenant	*v;
	struct ctx	 in = e->ctx;
	size_t		 n, i;
	int64_t		 np, nd;

	if (tenant_list(e->ctx.conn, e->ctx.arena, &v, &n) != 0)
		return cli_fail(CMD, "%s", _("cannot read the municipalities"));
	/* The name last: it is the one column of any width. */
	printf("%-6s %-32s %8s %10s  %s\n", _("id"), _("host"), _("people"),
	    _("deviations"), _("name"));
	for (i = 0; i < n; i++) {
		/* Counted inside each tenant (the tenant setting is what
		 * row-level security filters by on PostgreSQL), never across
		 * them in one query. */
		in.tenant_id = v[i].id;
		if ((np = org_person_count(&in)) < 0 ||
		    (nd = deviation_count(&in)) < 0)
			return cli_fail(CMD, _("cannot count what %s holds"),
			    v[i].name);
		printf("%-6lld %-32s %8lld %10lld  %s\n", (long long)v[i].id,
		    v[i].host != NULL ? v[i].host : "-", (long long)np,
		    (long long)nd, v[i].name);
	}
	return CLI_OK;
}

static int
tenant_add(struct cli_env *e, const char *db, const char *name,
    const char *host, const char *admin)
{
	struct cli_muni	 m;
	char		 desc[512];
	int		 ret = CLI_FAIL, intx = 0;

	memset(&m, 0, sizeof(m));
	if (db_begin(e->ctx.conn) != DB_OK) {
		cli_fail(CMD, "%s", _("cannot start a transaction"));
		goto out;
	}
	intx = 1;
	if (cli_muni_create(CMD, e, name, host, admin, &m) != CLI_OK)
		goto out;
	if (db_commit(e->ctx.conn) != DB_OK) {
		cli_fail(CMD, "%s", _("cannot commit"));
		goto out;
	}
	intx = 0;
	cli_muni_print(cli_db_desc(db, desc, sizeof(desc)), name, admin, &m);
	printf(_("Users reach it at the host name %s.\n"), host);
	cli_muni_warn_hostless(CMD, e);
	ret = CLI_OK;
out:
	if (intx)
		db_rollback(e->ctx.conn);
	cli_muni_wipe(&m);
	return ret;
}

int
cli_tenant(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "host", required_argument, NULL, 'H' },
		{ "admin", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env	 e;
	const char	*action, *db = NULL, *name = NULL, *host = NULL,
			*admin = NULL;
	int		 c, rc, add, ret = CLI_FAIL;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help();
		return CLI_OK;
	}
	if (argc < 2 || (strcmp(argv[1], "add") != 0 &&
	    strcmp(argv[1], "list") != 0))
		return cli_usage(CMD, "%s", _("give add or list"));
	action = argv[1];
	add = strcmp(action, "add") == 0;
	argc--;
	argv++;
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
	if (add) {
		if (name == NULL || *name == '\0')
			return cli_usage(CMD, "%s", _("--name NAME is required"));
		if (host == NULL || *host == '\0')
			return cli_usage(CMD, "%s", _("--host HOST is required"));
		if (!cli_host_ok(host))
			return cli_usage(CMD, _("--host %s is not a host name"), host);
		if (admin == NULL)
			admin = "admin";
		if (!import_is_code(admin))
			return cli_usage(CMD, "%s", _("--admin LOGIN: use 1-64 letters a-z or A-Z (not æ, ø, å), digits, '.', '_' or '-'"));
	} else if (name != NULL || host != NULL || admin != NULL)
		return cli_usage(CMD, "%s", _("list takes only --db"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (add && auth_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));

	if (cli_env_open(&e, db, NULL,
	    add ? CLI_ENV_MAY_CREATE : CLI_ENV_EXISTING) != CLI_OK)
		goto out;
	ret = add ? tenant_add(&e, db, name, host, admin) :
	    tenant_list_print(&e);
out:
	cli_env_close(&e);
	return ret;
}
