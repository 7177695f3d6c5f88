/* totp.c: `orden totp settings|reset`: whether the municipality requires
 * a second factor at login (for admins and whistleblowing handlers, and
 * the roles listed), and removing a person's second factor when they have
 * lost it (they enrol again at their next login). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "i18n/i18n.h"
#include "totp/totp.h"

#define CMD "totp"

static void
help(void)
{
	printf("%s", _("Usage: orden totp settings --db PATH [--require on|off] [--roles ROLES]\n"
	    "                          [--tenant HOST]\n"
	    "       orden totp reset --db PATH --login LOGIN [--tenant HOST]\n\n"
	    "settings  show, or change, whether a second factor (an authenticator\n"
	    "          app's code, RFC 6238) is required at login: for admins and\n"
	    "          everyone who can handle whistleblowing cases, and for the\n"
	    "          extra ROLES (\"quality;auditor\"). Default: on. Audited;\n"
	    "          turning it off also prints a warning.\n"
	    "reset     remove LOGIN's second factor and recovery codes; they set up\n"
	    "          a new one at their next login. Audited.\n"));
}

int
cli_totp(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "require", required_argument, NULL, 'r' },
		{ "roles", required_argument, NULL, 'R' },
		{ "login", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env	 e;
	struct person	 p;
	const char	*action, *db = NULL, *host = NULL, *req = NULL,
			*roles = NULL, *login = NULL, *cur_roles, *bad;
	char		 scratch[256];
	enum role	 rv[ROLE_MAX];
	int		 c, rc, nroles, required, ret = CLI_FAIL;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help();
		return CLI_OK;
	}
	if (argc < 2 || (strcmp(argv[1], "settings") != 0 &&
	    strcmp(argv[1], "reset") != 0))
		return cli_usage(CMD, "%s", _("give settings or reset"));
	action = argv[1];
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:r:R:l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
		case 'r': req = optarg; break;
		case 'R': roles = optarg; break;
		case 'l': login = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if (req != NULL && strcmp(req, "on") != 0 && strcmp(req, "off") != 0)
		return cli_usage(CMD, "%s", _("--require takes on or off"));
	if (roles != NULL && *roles != '\0' && cli_parse_roles(roles, rv, &nroles,
	    &bad, scratch, sizeof(scratch)) != 0)
		return cli_usage(CMD, _("unknown role %s"), bad != NULL ? bad : roles);
	if (strcmp(action, "reset") == 0 && (login == NULL || *login == '\0'))
		return cli_usage(CMD, "%s", _("--login LOGIN is required"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (auth_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));
	if (cli_env_open(&e, db, host, CLI_ENV_TENANT) != CLI_OK)
		goto out;
	if (strcmp(action, "reset") == 0) {
		if (org_person_by_login(&e.ctx, login, &p) != 0) {
			cli_fail(CMD, _("no person with login %s in %s"), login,
			    e.tenant.name);
			goto out;
		}
		if ((rc = totp_reset(&e.ctx, p.id)) < 0) {
			cli_fail(CMD, "%s", _("cannot remove the second factor"));
			goto out;
		}
		printf(rc == 0 ? _("%s's second factor removed.\n") :
		    _("%s had no second factor.\n"), login);
		ret = CLI_OK;
		goto out;
	}
	if (totp_settings_get(&e.ctx, &required, &cur_roles) != 0) {
		cli_fail(CMD, "%s", _("cannot read the settings"));
		goto out;
	}
	if (req != NULL || roles != NULL) {
		if (req != NULL)
			required = strcmp(req, "on") == 0;
		if (roles != NULL)
			cur_roles = roles;
		if (totp_settings_set(&e.ctx, required, cur_roles) != 0) {
			cli_fail(CMD, "%s", _("cannot save the settings"));
			goto out;
		}
		if (!required)
			fprintf(stderr, "%s", _("orden totp: warning: admins and "
			    "whistleblowing handlers now sign in with a password "
			    "alone; a stolen password opens their accounts. The "
			    "change is in the audit log.\n"));
	}
	printf(_("second factor required: %s\nextra roles: %s\n"),
	    required ? _("on") : _("off"),
	    cur_roles != NULL && *cur_roles != '\0' ? cur_roles : "-");
	ret = CLI_OK;
out:
	cli_env_close(&e);
	return ret;
}
