/* export.c: `orden export noark5`: a municipality's closed deviations as a
 * Noark 5 archive extract (src/noark/noark.h) in a directory, for the
 * municipality's sak-/arkivsystem. Reads as the system; writes nothing to
 * the database. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n/i18n.h"
#include "noark/noark.h"
#include "util/date.h"

#define CMD "export"

static void
help(void)
{
	printf("%s", _("Usage: orden export noark5 --db PATH [--tenant HOST] --out DIR\n"
	    "                          [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n\n"
	    "Write the deviations a municipality closed in the period as a Noark 5\n"
	    "archive extract (arkivuttrekk) for its sak-/arkivsystem: DIR/arkivstruktur.xml\n"
	    "with one saksmappe per deviation and a journalpost for its report and\n"
	    "one for its closing, their documents in DIR/DOKUMENT/, the running and\n"
	    "the public journal (DIR/loependeJournal.xml, DIR/offentligJournal.xml),\n"
	    "and the ADDML description DIR/arkivuttrekk.xml with checksums and counts.\n"
	    "Deviations with personal data are marked skjermet\n"
	    "(Offl. § 13, jf. fvl. § 13). Whistleblowing cases are not exported.\n\n"
	    "  --db PATH       database file or URL (or $ORDEN_DB)\n"
	    "  --tenant HOST   the municipality (by host); needed when there are several\n"
	    "  --out DIR       the directory to write to (created when missing)\n"
	    "  --from DAY      closed on or after this day (Oslo time); default: any\n"
	    "  --to DAY        closed on or before this day; default: any\n"
	    "  --help          show this help\n"));
}

/* The start of day s in Oslo, or (next) of the day after it. 0 or -1. */
static int
day_start(const char *s, int next, int64_t *out)
{
	int y, mo, d;

	if (date_parse_day(s, &y, &mo, &d) != 0 ||
	    date_from_local(y, mo, d, 0, 0, 0, out) != 0)
		return -1;
	if (next)
		*out = date_next(*out, DATE_DAY);
	return 0;
}

int
cli_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env		e;
	struct noark_result	r;
	const char		*db = NULL, *host = NULL, *dir = NULL,
				*from_s = NULL, *to_s = NULL;
	int64_t			 from = 0, to = 0;
	int			 c, rc, ret = CLI_FAIL;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:o:f:u:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
		case 'o': dir = optarg; break;
		case 'f': from_s = optarg; break;
		case 'u': to_s = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind >= argc)
		return cli_usage(CMD, "%s", _("say what to export: noark5"));
	if (strcmp(argv[optind], "noark5") != 0)
		return cli_usage(CMD, _("unknown export %s (only noark5)"), argv[optind]);
	if (optind + 1 < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind + 1]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if (dir == NULL || *dir == '\0')
		return cli_usage(CMD, "%s", _("--out DIR is required"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	/* The days are Oslo's; --to includes its whole day. */
	if (from_s != NULL && day_start(from_s, 0, &from) != 0)
		return cli_usage(CMD, _("--from %s: give a day as YYYY-MM-DD"), from_s);
	if (to_s != NULL && day_start(to_s, 1, &to) != 0)
		return cli_usage(CMD, _("--to %s: give a day as YYYY-MM-DD"), to_s);
	if (from > 0 && to > 0 && to <= from)
		return cli_usage(CMD, "%s", _("--to is before --from"));
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return cli_fail(CMD, _("cannot create the directory %s: %s"), dir,
		    strerror(errno));
	if (cli_env_open(&e, db, host, CLI_ENV_TENANT) != CLI_OK)
		goto out;
	if (noark_export(&e.ctx, e.tenant.name, dir, from, to, &r) != 0 ||
	    noark_addml(dir, e.tenant.name, from, to, &r) != 0) {
		cli_fail(CMD, _("the export to %s failed; the files there are incomplete"),
		    dir);
		goto out;
	}
	printf(_("%s: %" PRId64 " closed deviations (%" PRId64 " skjermet) in %s/arkivstruktur.xml\n"),
	    e.tenant.name, r.mapper, r.skjermet, dir);
	ret = CLI_OK;
out:
	cli_env_close(&e);
	return ret;
}
