/* token.c: `orden token create`: an API bearer token for a person. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth/auth.h"
#include "i18n.h"

#define CMD "token"

static void
help(void)
{
	printf("%s", _("Usage: orden token create --db PATH --login LOGIN [--tenant HOST]\n"
	    "                          [--label TEXT]\n\n"
	    "Create an API bearer token that acts as LOGIN. The token is shown once,\n"
	    "as the last line of output; only its hash is stored.\n\n"
	    "  --db PATH       database file (or $ORDEN_DB)\n"
	    "  --login LOGIN   the person the token acts as\n"
	    "  --tenant HOST   the municipality (by host); needed when there are several\n"
	    "  --label TEXT    a note on what the token is for\n"
	    "  --help          show this help\n"));
}

int
cli_token(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "login", required_argument, NULL, 'u' },
		{ "tenant", required_argument, NULL, 't' },
		{ "label", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env e;
	struct person p;
	const char *db = NULL, *login = NULL, *host = NULL, *label = NULL;
	char token[256];
	int c, rc, ret = CLI_FAIL;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help();
		return CLI_OK;
	}
	if (argc < 2 || strcmp(argv[1], "create") != 0)
		return cli_usage(CMD, "%s", _("the only action is: token create"));
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:u:t:L:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'u': login = optarg; break;
		case 't': host = optarg; break;
		case 'L': label = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if (login == NULL || *login == '\0')
		return cli_usage(CMD, "%s", _("--login LOGIN is required"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (auth_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));

	if (cli_env_open(&e, db, host, 1) != CLI_OK)
		goto out;
	if (org_person_by_login(&e.ctx, login, &p) != 0) {
		cli_fail(CMD, _("no person with login %s in %s"), login,
		    e.tenant.name);
		goto out;
	}
	if (!p.active) {
		cli_fail(CMD, _("%s is deactivated"), login);
		goto out;
	}
	if (auth_token_create(&e.ctx, p.id, label, token, sizeof(token)) != 0) {
		cli_fail(CMD, "%s", _("cannot create the token"));
		goto out;
	}
	printf(_("API token for %s in %s (shown once; keep it secret):\n"),
	    login, e.tenant.name);
	printf("%s\n", token);
	ret = CLI_OK;
out:
	sodium_memzero(token, sizeof(token));
	cli_env_close(&e);
	return ret;
}
