/* migrate.c: `orden migrate`: move one municipality to another database
 * (src/migrate/ does the work). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "i18n/i18n.h"
#include "migrate/migrate.h"

#define CMD "migrate"

static void
help(void)
{
	printf("%s", _("Usage: orden migrate --from URL --to URL [--tenant HOST] [--to-host HOST]\n\n"
	    "Move one municipality, with every id kept, from one database to another:\n"
	    "from the SQLite file it started in to PostgreSQL (or back, or between two\n"
	    "of either). URLs are a file path, sqlite:PATH or postgres://...\n\n"
	    "The copy is one transaction on the target. Each table is read back before\n"
	    "the commit and its row count and checksum must equal the source's, or\n"
	    "nothing is changed. Then the audit chain is verified in the target.\n"
	    "Refuses (exit 1, the target unchanged) when the target already has a\n"
	    "municipality with the same host that holds data; an empty one with that\n"
	    "host (no units, people or cases yet) is filled. Stop the server on the\n"
	    "source first.\n\n"
	    "Not copied, on purpose (ephemeral): sessions, login_failures and\n"
	    "whistle_receipt_sessions. Everyone signs in again at the new address;\n"
	    "reporters open their cases again with their receipt code.\n\n"
	    "  --from URL       the database the municipality is in\n"
	    "  --to URL         the database it moves to (created if missing)\n"
	    "  --tenant HOST    which municipality of the source (by host); needed when\n"
	    "                   there are several\n"
	    "  --to-host HOST   its host name in the target (default: the same)\n"
	    "  --help           show this help\n"));
	printf("%s", _("\nThe audit key moves with the municipality: its line of the source's\n"
	    "audit key file is added to the target's, before anything is copied.\n"
	    "  --from-audit-key FILE  the source's key file (default: $ORDEN_AUDIT_KEY,\n"
	    "                         else PATH.audit-key beside a SQLite source)\n"
	    "  --to-audit-key FILE    the target's (the same defaults); needed for a\n"
	    "                         PostgreSQL target without $ORDEN_AUDIT_KEY\n"));
}

int
cli_migrate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 'T' },
		{ "tenant", required_argument, NULL, 't' },
		{ "to-host", required_argument, NULL, 'H' },
		{ "from-audit-key", required_argument, NULL, 'k' },
		{ "to-audit-key", required_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct migrate_opts o;
	char msg[1024];
	int c, rc;

	memset(&o, 0, sizeof(o));
	optind = 0;
	while ((c = getopt_long(argc, argv, ":f:T:t:H:k:K:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': o.from = optarg; break;
		case 'T': o.to = optarg; break;
		case 't': o.tenant = optarg; break;
		case 'H': o.to_host = optarg; break;
		case 'k': o.from_key = optarg; break;
		case 'K': o.to_key = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if (o.from == NULL || *o.from == '\0')
		return cli_usage(CMD, "%s", _("--from URL is required"));
	if (o.to == NULL || *o.to == '\0')
		return cli_usage(CMD, "%s", _("--to URL is required"));
	if (o.tenant != NULL && *o.tenant == '\0')
		return cli_usage(CMD, "%s", _("--tenant needs a host name"));
	if (o.to_host != NULL && *o.to_host == '\0')
		return cli_usage(CMD, "%s", _("--to-host needs a host name"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (auth_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));

	switch (migrate_run(&o, stdout, msg, sizeof(msg))) {
	case MIGRATE_OK:
		return CLI_OK;
	default:
		fflush(stdout);
		return cli_fail(CMD, "%s", msg[0] != '\0' ? msg :
		    _("failed; nothing was changed"));
	}
}
