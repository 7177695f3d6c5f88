/* unit.c: `orden unit close`: close a unit into another from the command
 * line, as the admin page and the API do (org_unit_close, as the system,
 * audited). A merge of two units is closing one into the other. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "org/org.h"
#include "store/store.h"

#define CMD "unit"

static void
help(void)
{
	printf("%s", _("Usage: orden unit close --db PATH [--tenant HOST] CODE --into CODE\n\n"
	    "Close (legg ned) the unit CODE into the unit --into: its sub-units, people,\n"
	    "open deviations and improvement proposals, risk assessments and the\n"
	    "documents that apply to it move there; the roles held for it end (they\n"
	    "are printed, to be granted again); closed cases stay with the closed\n"
	    "unit, which stays in the tree marked closed. Cannot be undone.\n\n"
	    "  --db PATH      database file (or $ORDEN_DB)\n"
	    "  --tenant HOST  the municipality (by host); needed when there are several\n"
	    "  --into CODE    the receiving unit\n"
	    "  --help         show this help\n"));
}

int
cli_unit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "into", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env		 e;
	struct org_closing	 c;
	struct unit		 u, into;
	const char		*db = NULL, *host = NULL, *into_code = NULL;
	const char		*code;
	size_t			 i;
	int			 ch, rc, ret = CLI_FAIL;

	optind = 0;
	while ((ch = getopt_long(argc, argv, ":d:t:i:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
		case 'i': into_code = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, ch, argv);
		}
	}
	if (optind >= argc || strcmp(argv[optind], "close") != 0)
		return cli_usage(CMD, "%s", _("say what to do: close"));
	if (optind + 2 != argc)
		return cli_usage(CMD, "%s", _("close needs the code of one unit"));
	code = argv[optind + 1];
	if (into_code == NULL)
		return cli_usage(CMD, "%s", _("--into CODE is required"));
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (cli_env_open(&e, db, host, CLI_ENV_TENANT) != CLI_OK)
		goto out;
	if (org_unit_by_code(&e.ctx, code, &u) != 0) {
		cli_fail(CMD, _("no unit has the code %s"), code);
		goto out;
	}
	if (org_unit_by_code(&e.ctx, into_code, &into) != 0) {
		cli_fail(CMD, _("no unit has the code %s"), into_code);
		goto out;
	}
	org_unit_close(&e.ctx, u.id, into.id, &c);
	if (c.result.outcome != ORG_OK) {
		cli_fail(CMD, "%s", c.result.why != NULL ? _(c.result.why) :
		    _("the unit could not be closed"));
		goto out;
	}
	printf(_("%s closed into %s: %lld units, %lld people, %lld open cases, "
	    "%lld risk assessments, %lld documents moved\n"), u.code, into.code,
	    (long long)c.units, (long long)c.people, (long long)c.cases,
	    (long long)c.risks, (long long)c.documents);
	for (i = 0; i < c.nended; i++)
		printf(_("role ended: %s %s (grant it again on %s if it still "
		    "applies)\n"), c.ended[i].name, role_name(c.ended[i].role),
		    into.code);
	ret = CLI_OK;
out:
	cli_env_close(&e);
	return ret;
}
