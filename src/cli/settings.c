/* settings.c: `orden settings`: show or change a municipality's deviation
 * settings from the command line, as the admin page and the API do; today
 * who handles a deviation about the chief executive (--top-route). The
 * change is audited by the model, as the system. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "deviation/deviation.h"
#include "i18n/i18n.h"
#include "store/store.h"

#define CMD "settings"

static void
help(void)
{
	printf("%s", _("Usage: orden settings --db PATH [--tenant HOST] [--top-route ROLE]\n\n"
	    "Show the deviation settings of a municipality, or change them.\n\n"
	    "  --db PATH         database file (or $ORDEN_DB)\n"
	    "  --tenant HOST     the municipality (by host); needed when there are several\n"
	    "  --top-route ROLE  who handles a deviation about the chief executive, who\n"
	    "                    has no leader above: mayor, quality or hr_head\n"
	    "  --help            show this help\n"));
}

int
cli_settings(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "top-route", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env		e;
	struct dev_settings	s;
	const char		*db = NULL, *host = NULL, *route = NULL;
	int			 c, rc, ret = CLI_FAIL;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
		case 'r': route = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if (route != NULL && !dev_top_route_valid(route))
		return cli_usage(CMD, _("--top-route %s: use mayor, quality or hr_head"),
		    route);
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (cli_env_open(&e, db, host, CLI_ENV_TENANT) != CLI_OK)
		goto out;
	if (dev_settings_get(&e.ctx, &s) != 0) {
		cli_fail(CMD, "%s", _("cannot read the settings"));
		goto out;
	}
	if (route != NULL) {
		s.top_route = route;
		if (dev_settings_set(&e.ctx, &s) != 0 ||
		    dev_settings_get(&e.ctx, &s) != 0) {
			cli_fail(CMD, "%s", _("cannot save the settings"));
			goto out;
		}
	}
	printf("improvement_ack_hours=%d\nimprovement_close_days=%d\n"
	    "remind_hours=%d\ntop_route=%s\n", s.improvement_ack_hours,
	    s.improvement_close_days, s.remind_hours, s.top_route);
	ret = CLI_OK;
out:
	cli_env_close(&e);
	return ret;
}
