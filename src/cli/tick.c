/* tick.c: `orden tick`: deviation and whistleblowing deadlines once, for
 * cron and for tests that move the clock; and the loop over tenants the
 * server's ticker shares. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "deviation/counts.h"
#include "deviation/deviation.h"
#include "risk/risk.h"
#include "document/document.h"
#include "measure/measure.h"
#include "whistle/whistle.h"
#include "wheel/wheel.h"
#include "followup/followup.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "tenant_each.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/shutdown.h"

#define CMD "tick"
/* One tenant's tick holds its open deviations in memory at most. */
#define TICK_ARENA_MAX	(64u * 1024u * 1024u)

/* The tenants to tick (every one, or only the one whose host is host), in
 * arena a. 0 or -1 (also when no tenant has host). */
static int
tick_list(struct dbconn *c, struct arena *a, const char *host,
    struct tenant **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (host == NULL)
		return tenant_list(c, a, out, n) == 0 ? 0 : -1;
	if ((*out = arena_alloc(a, sizeof(**out))) == NULL ||
	    tenant_by_host(c, a, host, *out) != 0)
		return -1;
	*n = 1;
	return 0;
}

int
cli_tick_tenants(struct db *db, struct dbconn *conn, const char *host,
    FILE *out, int64_t *total)
{
	struct arena *list = NULL;
	struct tenant *tv = NULL;
	struct ctx ctx;
	size_t n = 0, i;
	char num[32];
	int rc, ret = 0;

	*total = 0;
	if ((list = arena_new(64u * 1024u * 1024u)) == NULL)
		return -1;
	if (tick_list(conn, list, host, &tv, &n) < 0) {
		ret = -1;
		goto out;
	}
	for (i = 0; i < n && !shutdown_begun(); i++) {
		if (tenant_ctx_open(&ctx, db, conn, &tv[i], "tick",
		    TICK_ARENA_MAX) != 0) {
			ret = -1;
			continue;
		}
		/* A database from before the kept counts (migration 0011)
		 * gets them here, at the server's start; later a cheap no-op. */
		if (dev_counts_ensure(&ctx) < 0)
			log_event("counts_rebuild_failed", "tenant", tv[i].name, NULL);
		/* Deviation deadlines, then whistleblowing deadlines (which
		 * never put case content in a notification). */
		rc = deviation_tick(&ctx);
		if (rc >= 0) {
			int wrc = whistle_tick(&ctx);
			rc = wrc < 0 ? wrc : rc + wrc;
		}
		/* Yearly reviews of risk assessments (issue 15). */
		if (rc >= 0) {
			int rrc = risk_tick(&ctx);
			rc = rrc < 0 ? rrc : rc + rrc;
		}
		/* The yearly wheel's reminders, and the written status an
		 * audit report's follow-up is due to give. */
		if (rc >= 0) {
			int hrc = wheel_tick(&ctx);
			rc = hrc < 0 ? hrc : rc + hrc;
		}
		if (rc >= 0) {
			int frc = followup_tick(&ctx);
			rc = frc < 0 ? frc : rc + frc;
		}
		/* Yearly revision of governing documents. */
		if (rc >= 0) {
			int drc = document_tick(&ctx);
			rc = drc < 0 ? drc : rc + drc;
		}
		/* Measures past their due date, for webhooks; their owners a
		 * few days before. */
		if (rc >= 0) {
			int mrc = measure_tick(&ctx);
			rc = mrc < 0 ? mrc : rc + mrc;
		}
		tenant_ctx_close(&ctx);
		snprintf(num, sizeof(num), "%d", rc);
		if (rc < 0) {
			log_event("tick_failed", "tenant", tv[i].name, "rc", num,
			    NULL);
			ret = -1;
			continue;
		}
		*total += rc;
		if (rc > 0)
			log_event("tick", "tenant", tv[i].name, "notifications",
			    num, NULL);
		if (out != NULL)
			fprintf(out, _("%s: %d notifications\n"), tv[i].name, rc);
	}
out:
	arena_free(list);
	return ret;
}

static void
help(void)
{
	printf("%s", _("Usage: orden tick --db PATH [--tenant HOST]\n\n"
	    "Run every module's clock once, at the current time (ORDEN_CLOCK_OFFSET\n"
	    "applies), each notice only once:\n"
	    "  deviations      reminders before the acknowledge and close deadlines,\n"
	    "                  escalation to the leader above when they have passed\n"
	    "  whistleblowing  the handlers' acknowledgement and feedback deadlines\n"
	    "  risks           assessments near or past their yearly review; tied\n"
	    "                  deviations rising above the last review's level\n"
	    "  yearly wheel    tasks within their lead time and overdue tasks\n"
	    "  follow-up       the written status to the control committee, 14 days\n"
	    "                  before its deadline\n"
	    "  documents       revisions due and overdue\n"
	    "Prints how many notifications were made per municipality. `orden serve`\n"
	    "does the same every minute; this command is for cron and for tests.\n\n"
	    "  --db PATH       database file (or $ORDEN_DB)\n"
	    "  --tenant HOST   only this municipality (by host); default: all\n"
	    "  --help          show this help\n\n"
	    "Exit status: 0 done, 1 failed, 2 usage.\n"));
}

int
cli_tick(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env e;
	const char *db = NULL, *host = NULL;
	int64_t total = 0;
	int c, rc, ret = CLI_FAIL;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
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
	if (cli_env_open(&e, db, NULL, CLI_ENV_EXISTING) != CLI_OK)
		goto out;
	if (cli_tick_tenants(e.db, e.ctx.conn, host, stdout, &total) < 0) {
		if (host != NULL && total == 0)
			cli_fail(CMD, _("no municipality with host %s, or its deadlines could not be checked"),
			    host);
		else
			cli_fail(CMD, "%s", _("the deadlines of some municipality could not be checked"));
		goto out;
	}
	printf(_("%lld notifications made\n"), (long long)total);
	ret = CLI_OK;
out:
	cli_env_close(&e);
	return ret;
}
