/* audit.c: `orden audit verify`: check every tenant's hash chain (and,
 * with --head, that it still holds a head exported before); `orden audit
 * export-head`: write every tenant's head, signed (audit/head.c). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "i18n/i18n.h"
#include "org/org.h"
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
	printf("%s", _("\nThe head, signed, outside the database:\n"
	    "  orden audit export-head --db PATH --out FILE\n"
	    "      writes each municipality's last seq and hash to FILE (0600), signed\n"
	    "      with the Ed25519 key in the audit key file's .sign file beside it\n"
	    "      (made 0600 at the first export). Run it from cron; keep FILE where\n"
	    "      the database's writers cannot.\n"
	    "  orden audit verify --db PATH --head FILE\n"
	    "      also checks FILE's signature and that every chain still holds the\n"
	    "      exported row: deleting the newest rows and moving the head back fails.\n"));
}

int
cli_audit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "head", required_argument, NULL, 'H' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env e;
	const char *db = NULL, *head = NULL, *out = NULL;
	char msg[512], keyfile[4096];
	int c, rc, ret = CLI_FAIL, export;
	int64_t n = 0;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help();
		return CLI_OK;
	}
	if (argc < 2 || (strcmp(argv[1], "verify") != 0 &&
	    strcmp(argv[1], "export-head") != 0))
		return cli_usage(CMD, "%s", _("the actions are: audit verify, audit export-head"));
	export = strcmp(argv[1], "export-head") == 0;
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:H:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'H': head = optarg; break;
		case 'o': out = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if (export ? (out == NULL || head != NULL) : out != NULL)
		return cli_usage(CMD, "%s", export ?
		    _("export-head takes --out FILE (and no --head)") :
		    _("verify takes --head FILE, not --out"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;

	if (cli_env_open(&e, db, NULL, CLI_ENV_EXISTING) != CLI_OK)
		goto out;
	/* A mistyped --db PATH opens a new, empty database, whose empty log
	 * must not read as "audit log intact". */
	if (tenant_count(e.ctx.conn) == 0) {
		fprintf(stderr, "%s\n",
		    _("orden: the database has no municipality yet (see orden init)"));
		goto out;
	}
	msg[0] = '\0';
	if (audit_key_current(keyfile, sizeof(keyfile)) != 0)
		keyfile[0] = '\0';
	if (export) {
		if ((rc = audit_head_export(e.ctx.conn, keyfile[0] ? keyfile : NULL,
		    out, msg, sizeof(msg))) != 0) {
			cli_fail(CMD, _("audit head not exported: %s"),
			    msg[0] ? msg : "database error");
			goto out;
		}
		printf(_("audit head written to %s\n"), out);
		ret = CLI_OK;
		goto out;
	}
	rc = head != NULL ? audit_head_verify(e.ctx.conn, keyfile[0] ? keyfile : NULL,
	    head, msg, sizeof(msg)) : audit_verify(e.ctx.conn, msg, sizeof(msg));
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
