/* dispatch.c: `orden SUBCOMMAND ...`, `orden --help`, `orden --version`. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n/i18n.h"

static const struct {
	const char	*name;
	int		(*run)(int, char **);
	const char	*summary;	/* msgid */
} commands[] = {
	{ "serve", cli_serve, N_("run the web server") },
	{ "init", cli_init, N_("create a database with one municipality and its admin") },
	{ "tenant", cli_tenant, N_("add a municipality to the installation, or list them") },
	{ "demo", cli_demo, N_("create the demo municipality (idempotent)") },
	{ "import", cli_import, N_("import units, people, deviations or documents from CSV") },
	{ "tick", cli_tick, N_("run every module's deadlines once (reminders, escalation)") },
	{ "user", cli_user, N_("add users, reset passwords, list users") },
	{ "token", cli_token, N_("API bearer tokens: create, list, revoke") },
	{ "audit", cli_audit, N_("verify the hash-chained audit log, or export its head") },
	{ "migrate", cli_migrate, N_("move one municipality to another database (e.g. PostgreSQL)") },
	{ "whistle", cli_whistle, N_("whistleblowing recovery key: create it, reseal case keys") },
	{ "check", cli_check, N_("recount deviations and compare with the kept counts; find whistleblowing cases without an active handler") },
	{ "unit", cli_unit, N_("close a unit into another (a merge of two units)") },
	{ "settings", cli_settings, N_("show or change the deviation settings (who handles one about the chief executive)") },
	{ "sso", cli_sso, N_("sign-in with identity providers (OpenID Connect): add, list, remove") },
	{ "totp", cli_totp, N_("second factor at login: require it, or reset a person's") },
	{ "webhook", cli_webhook, N_("webhooks: tell other systems what happens (add, list, remove, test, deliveries)") },
	{ "template", cli_template, N_("publish installation-wide templates of governing documents, or list them") },
	{ "export", cli_export, N_("export closed deviations as a Noark 5 archive extract (arkivuttrekk)") },
};

#ifndef ORDEN_LOCALE_DIR
#define ORDEN_LOCALE_DIR "locale"
#endif

/* The operator's language from the usual variables (LC_ALL, LC_MESSAGES,
 * LANG, in POSIX order): Norwegian when they ask for it, the English
 * msgids otherwise, which is what a server's C locale expects. serve
 * switches to bokmål itself for the pages. */
static void
cli_language(void)
{
	const char	*vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char	*v = NULL, *lang = NULL, *dir;
	size_t		 i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]) && v == NULL; i++)
		if ((v = getenv(vars[i])) != NULL && *v == '\0')
			v = NULL;
	if (v == NULL)
		return;
	if (strncmp(v, "nb", 2) == 0 || strncmp(v, "no", 2) == 0)
		lang = "nb";
	else if (strncmp(v, "nn", 2) == 0)
		lang = "nn";
	if (lang == NULL)
		return;
	if ((dir = getenv("ORDEN_LOCALE_DIR")) == NULL || *dir == '\0')
		dir = ORDEN_LOCALE_DIR;
	if (i18n_init(dir) == 0)
		i18n_use(lang);
}

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "%s", _("Usage: orden COMMAND [OPTIONS]\n"
	    "       orden COMMAND --help\n"
	    "       orden --version\n\n"
	    "Orden: internal control for municipalities.\n\n"
	    "Commands:\n"));
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name,
		    _(commands[i].summary));
	fprintf(f, "%s", _("\nEnvironment (used when the flag is not given):\n"
	    "  ORDEN_DB              database path (--db)\n"
	    "  ORDEN_AUDIT_KEY       the audit chain's key file (default: DB.audit-key\n"
	    "                        beside a SQLite database; needed for PostgreSQL)\n"
	    "  ORDEN_LISTEN          serve: HOST:PORT (--listen)\n"
	    "  ORDEN_THREADS         serve: worker threads (--threads)\n"
	    "  ORDEN_STATIC_DIR      serve: static files (--static)\n"
	    "  ORDEN_PORT_FILE       serve: write the bound port here (--port-file)\n"
	    "  ORDEN_SECURE_COOKIES  serve: 1 = Secure cookies (--secure-cookies)\n"
	    "  ORDEN_TRUSTED_PROXY   serve: proxies whose X-Forwarded-For counts (--trusted-proxy)\n"
	    "  ORDEN_LOG_ADDRESSES   serve: client addresses in the log (--log-addresses)\n"
	    "  ORDEN_METRICS_TOKEN_FILE  serve: the /metrics token (--metrics-token-file)\n"
	    "  ORDEN_PER_ADDRESS     serve: connections per client address (--per-address)\n"
	    "  ORDEN_UPLOAD_SPACE    serve: MB of uploads on disk at once (--upload-space)\n"
	    "  ORDEN_PUBLIC_URL      serve: where links in e-mails, webhooks and feeds point (--public-url)\n"
	    "  ORDEN_SMTP_URL        serve: the mail relay; nothing is mailed without it (--smtp-url)\n"
	    "  ORDEN_SMTP_FROM       serve: the sender's address (--smtp-from)\n"
	    "  ORDEN_SSO_CLIENT_SECRET  sso add: the provider's client secret\n"
	    "  ORDEN_LOCALE_DIR      serve: compiled translations\n"
	    "  ORDEN_CLOCK_OFFSET    seconds added to the clock (tests)\n"
	    "  ORDEN_TEST_FAST_HASH  1 = cheap password hashing (tests only)\n"
	    "More for serve (mail, webhooks, the cache): orden serve --help.\n"
	    "\nSee orden(1).\n"));
}

int
cli_main(int argc, char **argv)
{
	size_t i;

	/* Everything Orden creates (the SQLite file and its -wal and -shm,
	 * the audit key, temporary upload files, directories) is its owner's
	 * alone: personal data and keys must never be world-readable, and
	 * setting it once here covers files SQLite creates behind our back. */
	umask(077);
	cli_language();
	if (argc < 2) {
		fprintf(stderr, "%s\n", _("orden: missing command (see 'orden --help')"));
		return CLI_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("orden %s\n", ORDEN_VERSION);
		return CLI_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, _("orden: unknown command \"%s\" (see 'orden --help')\n"),
	    argv[1]);
	return CLI_USAGE;
}
