/* check.c: `orden check counts`: recount every municipality's deviations
 * (or one's) and compare with the counts kept on write that dashboards
 * and statistics read (src/deviation/counts.h). A difference is a bug or
 * a database changed behind Orden's back; --repair replaces the kept
 * counts with the recount (also for a database upgraded from before they
 * existed).
 *
 * `orden check whistle`: the open whistleblowing cases nobody can handle
 * (no current handler is an active person), by number only: the operator
 * learns that a case waits, never what it is about or who reported it. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "deviation/counts.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "whistle/whistle.h"

#define CMD "check"

static void
help(void)
{
	printf("%s", _("Usage: orden check counts --db PATH [--tenant HOST] [--repair]\n"
	    "       orden check whistle --db PATH [--tenant HOST]\n\n"
	    "Recount the deviations of every municipality (or only the one with\n"
	    "host HOST) and compare the recount with the counts the dashboards and\n"
	    "the statistics read. Each difference is printed: the cell (unit,\n"
	    "handler unit, category, kind, status, month, days to close), the kept\n"
	    "count and the recount.\n\n"
	    "  --db PATH       database file or URL (or $ORDEN_DB)\n"
	    "  --tenant HOST   only this municipality (by host); default: all\n"
	    "  --repair        replace the kept counts with the recount afterwards\n"
	    "  --help          show this help\n\n"
	    "whistle: list the open whistleblowing cases that have no active\n"
	    "handler left, by case number only; orden whistle reseal with the\n"
	    "municipality's recovery key routes them on. Also the offices of one\n"
	    "person (mayor, opposition leader, chief executive) that several\n"
	    "people hold, each of whom receives their cases.\n\n"
	    "Exit status: 0 the counts agree (or were repaired) or every open case\n"
	    "has an active handler and every such office one holder, 1 a\n"
	    "difference, such a case or office, or failure, 2 usage.\n"));
}

struct diffs {
	const char	*tenant;
};

static void
print_diff(void *arg, const struct dev_cell *c, int64_t kept, int64_t recounted)
{
	const struct diffs *d = arg;

	/* A cell of the counts by unit and month (migration 0044) has
	 * category -1 (counts.h). */
	if (c->category_id == -1) {
		printf(_("%s: unit %lld, handler unit %lld, month %04d-%02d, "
		    "all categories, kinds and statuses: kept %lld, recounted %lld\n"),
		    d->tenant, (long long)c->unit_id,
		    (long long)c->handler_unit_id, c->month / 100, c->month % 100,
		    (long long)kept, (long long)recounted);
		return;
	}
	/* A cell of the counts by year (migration 0042) has its year for
	 * month (counts.h). */
	if ((c->month > 0 && c->month < 10000) ||
	    (c->cmonth > 0 && c->cmonth < 10000)) {
		printf(_("%s: unit %lld, handler unit %lld, category %lld, %s, %s, "
		    "year %04d, days %d: kept %lld, recounted %lld\n"),
		    d->tenant, (long long)c->unit_id,
		    (long long)c->handler_unit_id, (long long)c->category_id,
		    dev_kind_name(c->kind), dev_status_name(c->status),
		    c->month > 0 ? c->month : c->cmonth, c->days,
		    (long long)kept, (long long)recounted);
		return;
	}
	printf(_("%s: unit %lld, handler unit %lld, category %lld, %s, %s, "
	    "month %04d-%02d, days %d: kept %lld, recounted %lld\n"),
	    d->tenant, (long long)c->unit_id, (long long)c->handler_unit_id,
	    (long long)c->category_id, dev_kind_name(c->kind),
	    dev_status_name(c->status), c->month / 100, c->month % 100, c->days,
	    (long long)kept, (long long)recounted);
}

/* Check (and repair) one tenant: the number of differences, or -1. */
static int
check_one(struct cli_env *e, const struct tenant *t, int repair)
{
	struct diffs	d;
	int		n;

	cli_env_use(e, t);
	d.tenant = t->host != NULL ? t->host : t->name;
	if ((n = dev_counts_check(&e->ctx, print_diff, &d)) < 0) {
		cli_fail(CMD, _("%s: the counts could not be read"), d.tenant);
		return -1;
	}
	if (n > 0 && repair) {
		if (dev_counts_rebuild(&e->ctx) != 0) {
			cli_fail(CMD, _("%s: the counts could not be repaired"), d.tenant);
			return -1;
		}
		printf(_("%s: %d cells differed; the counts were rebuilt from the deviations\n"),
		    d.tenant, n);
		return 0;
	}
	if (n == 0)
		printf(_("%s: the counts agree with the deviations\n"), d.tenant);
	else
		/* The operator who sees a difference is told the way out;
		 * without it the one way to repair was in --help alone. */
		printf(_("%s: %d cells differ; nothing was changed. "
		    "orden check counts --repair rebuilds the counts from the "
		    "deviations (the server may keep running)\n"), d.tenant, n);
	return n;
}

/* An office of one person held by several (a second mayor imported by
 * mistake): each holder receives its cases, so it is reported with the
 * holders' names, for the roles to be corrected. How many, or -1. */
static int
check_offices(struct cli_env *e, const char *name)
{
	struct wb_office_shared	*v;
	size_t			 n, i, k;

	if (whistle_offices_shared(&e->ctx, &v, &n) != 0) {
		cli_fail(CMD, _("%s: the whistleblowing roles could not be read"),
		    name);
		return -1;
	}
	for (i = 0; i < n; i++) {
		printf(_("%s: %zu people hold the role %s, and each receives its whistleblowing cases:"),
		    name, v[i].n, v[i].role);
		for (k = 0; k < v[i].n; k++)
			printf("%s%s", k == 0 ? " " : ", ", v[i].names[k]);
		printf("\n");
	}
	if (n > 0)
		printf(_("%s: remove the role from everyone who does not hold the office (Admin -> People)\n"),
		    name);
	return (int)n;
}

/* The open whistleblowing cases of one tenant with no active handler:
 * how many (each printed by number), or -1. */
static int
check_whistle_one(struct cli_env *e, const struct tenant *t)
{
	const char	**numbers, *name;
	size_t		  n, i;
	int		  shared;

	cli_env_use(e, t);
	name = t->host != NULL ? t->host : t->name;
	if (whistle_unhandled(&e->ctx, &numbers, &n) != 0) {
		cli_fail(CMD, _("%s: the whistleblowing cases could not be read"),
		    name);
		return -1;
	}
	for (i = 0; i < n; i++)
		printf(_("%s: whistleblowing case %s is open and has no active handler\n"),
		    name, numbers[i]);
	if ((shared = check_offices(e, name)) < 0)
		return -1;
	if (n == 0)
		printf(_("%s: every open whistleblowing case has an active handler\n"),
		    name);
	else
		/* What to do, as for the counts: the way out beside the
		 * finding. */
		printf(_("%s: %zu open cases have nobody to handle them. With the "
		    "municipality's recovery key, orden whistle reseal --db PATH "
		    "--tenant %s --recovery-key FILE routes each on to new "
		    "receivers\n"), name, n, name);
	return (int)n + shared;
}

int
cli_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "repair", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env	 e;
	struct tenant	*tv = NULL;
	const char	*db = NULL, *host = NULL;
	size_t		 n = 0, i;
	int		 c, rc, repair = 0, ret = CLI_FAIL, bad = 0, whistle;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:rh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
		case 'r': repair = 1; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind >= argc)
		return cli_usage(CMD, "%s", _("what to check is missing (counts or whistle)"));
	if (strcmp(argv[optind], "counts") != 0 &&
	    strcmp(argv[optind], "whistle") != 0)
		return cli_usage(CMD, _("unknown check %s (counts or whistle)"),
		    argv[optind]);
	whistle = strcmp(argv[optind], "whistle") == 0;
	if (whistle && repair)
		return cli_usage(CMD, "%s", _("--repair is for counts only"));
	if (optind + 1 < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind + 1]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (cli_env_open(&e, db, NULL, CLI_ENV_EXISTING) != CLI_OK)
		goto out;
	if (host != NULL) {
		if (cli_env_tenant(&e, host) != CLI_OK)
			goto out;
		tv = &e.tenant;
		n = 1;
	} else if (tenant_list(e.ctx.conn, e.ctx.arena, &tv, &n) != 0) {
		cli_fail(CMD, "%s", _("the municipalities could not be read"));
		goto out;
	}
	/* A mistyped --db PATH opens a new, empty database: nothing to
	 * compare must not read as "the counts agree". */
	if (n == 0) {
		fprintf(stderr, "%s\n",
		    _("orden: the database has no municipality yet (see orden init)"));
		goto out;
	}
	for (i = 0; i < n; i++)
		if ((whistle ? check_whistle_one(&e, &tv[i]) :
		    check_one(&e, &tv[i], repair)) != 0)
			bad = 1;
	ret = bad ? CLI_FAIL : CLI_OK;
out:
	cli_env_close(&e);
	return ret;
}
