/* audit.c: `orden audit verify`: check every tenant's hash chain. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "i18n.h"
#include "store/store.h"

#define CMD "audit"

static void
help(void)
{
	printf("%s", _("Usage: orden audit verify --db PATH\n\n"
	    "Verify the hash chain of every municipality's audit log (all of them:\n"
	    "this command takes no --tenant). Exit 0 and\n"
	    "\"audit log intact (N rows)\" when no row was changed, removed or\n"
	    "truncated; exit 1 naming the first broken row otherwise (\"tenant ID\" is\n"
	    "the id orden tenant list shows).\n\n"
	    "  --db PATH   database file or URL (or $ORDEN_DB)\n"
	    "  --help      show this help\n"));
	printf("%s", _("\nFrom each municipality's first event after its audit key was made, the\n"
	    "chain is keyed with that key, which lives outside the database in the audit\n"
	    "key file ($ORDEN_AUDIT_KEY, else PATH.audit-key beside a SQLite database).\n"
	    "The file also pins the older rows. Without it the chain cannot be vouched\n"
	    "for, and verify fails. Keep a copy of it with the backups, apart from them.\n"));
}

int
cli_audit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env e;
	const char *db = NULL;
	char msg[512];
	int c, rc, ret = CLI_FAIL;
	int64_t n = 0;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help();
		return CLI_OK;
	}
	if (argc < 2 || strcmp(argv[1], "verify") != 0)
		return cli_usage(CMD, "%s", _("the only action is: audit verify"));
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;

	if (cli_env_open(&e, db, NULL, 0) != CLI_OK)
		goto out;
	msg[0] = '\0';
	rc = audit_verify(e.ctx.conn, msg, sizeof(msg));
	if (rc != 0) {
		if (msg[0] == '\0')
			cli_fail(CMD, "%s", _("audit log broken"));
		else
			cli_fail(CMD, _("audit log broken: %s"), msg);
		goto out;
	}
	n = audit_count(e.ctx.conn);
	printf(_("audit log intact (%lld rows)\n"), (long long)n);
	ret = CLI_OK;
out:
	cli_env_close(&e);
	return ret;
}
