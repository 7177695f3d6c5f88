/* import.c: `orden import units|people|deviations`: the CSV imports of
 * org/import.c and deviation/import.c from the command line. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "deviation/deviation.h"
#include "document/document.h"
#include "i18n/i18n.h"
#include "org/import.h"

#define CMD "import"

static void
help(void)
{
	printf("%s", _("Usage: orden import units  --db PATH [--tenant HOST] FILE.csv\n"
	    "       orden import people --db PATH [--tenant HOST] FILE.csv\n"
	    "       orden import deviations --db PATH [--tenant HOST] FILE.csv\n"
	    "       orden import documents --db PATH [--tenant HOST] FILE.csv\n\n"
	    "Import the org tree, people or the deviation history of the previous\n"
	    "system from a CSV file (UTF-8, comma- or semicolon-separated,\n"
	    "RFC 4180 quotes; a byte-order mark and CRLF line ends are fine).\n\n"
	    "  units:   code,name,parent_code\n"
	    "           parent_code empty for a top unit; a parent may come later in\n"
	    "           the file.\n"
	    "  people:  login,name,email,unit_code,roles,party\n"
	    "           roles separated by ';' (employee, leader, quality, admin, hr,\n"
	    "           hr_head, finance_head, chief_executive, mayor,\n"
	    "           opposition_leader, formannskap, group_leader, elected,\n"
	    "           safety_rep, chief_safety_rep, union_rep, auditor); leader,\n"
	    "           employee, safety_rep and union_rep apply to the person's unit.\n"
	    "           email, unit_code, roles and party may be empty.\n"
	    "  deviations: number,kind,reported_at,occurred_at,unit_code,category,\n"
	    "           title,description,status,closed_at,reporter_login\n"
	    "           kind: deviation or improvement (avvik, forbedringsforslag);\n"
	    "           status: new, acknowledged or closed (ny, under behandling,\n"
	    "           lukket); dates YYYY-MM-DD (12:00 UTC) or RFC 3339;\n"
	    "           category: a category code (may be empty for improvements).\n"
	    "           number, occurred_at, closed_at and reporter_login may be\n"
	    "           empty; closed rows need closed_at. Rows keep their number, or\n"
	    "           get the next AV-YEAR-NNNNNN of the year they were reported.\n"
	    "           Every row is checked before any is imported (errors say\n"
	    "           FILE:LINE:COLUMN: reason); on a terminal, progress\n"
	    "           (rows checked, then imported, and rows/s) goes to stderr.\n"
	    "  documents: id,title,type,process,owner,approval_body,approval_case,\n"
	    "           approved_on,next_revision,units,file\n"
	    "           (comma or semicolon). type: rutine, prosedyre, retningslinje,\n"
	    "           reglement, plan, skjema, mal (or routine, procedure, ...);\n"
	    "           process: the name of a main process; owner: a login; units:\n"
	    "           unit codes separated by spaces (empty: every unit); file: a\n"
	    "           PDF, DOCX, ODT or XLSX relative to the CSV file's folder\n"
	    "           (at most 10 MB). With approved_on (YYYY-MM-DD) the document\n"
	    "           is current with version 1, else a draft. An ID already in\n"
	    "           the register is refused. Errors say FILE:LINE:COLUMN.\n\n"
	    "All or nothing: the first bad row is reported as FILE:LINE:COLUMN: reason and\n"
	    "nothing is imported. Importing units or people again updates rows by\n"
	    "code or login (roles are added, never removed); deviations are always\n"
	    "added, and a number already in the database is refused.\n\n"
	    "  --db PATH       database file (or $ORDEN_DB)\n"
	    "  --tenant HOST   the municipality (by host); needed when there are several\n"
	    "  --help          show this help\n\n"
	    "Exit status: 0 imported, 1 rejected or failed, 2 usage.\n"));
}

/* Progress of a long import, on a terminal only: "\r" rewrites the line,
 * which in a log file or a pipe would only be noise. */
struct progress {
	struct timespec		start, last;
	enum dev_import_phase	phase;
	int			shown;
};

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void
show_progress(void *arg, enum dev_import_phase phase, int64_t rows)
{
	struct progress	*p = arg;
	struct timespec	 now;
	double		 secs;

	clock_gettime(CLOCK_MONOTONIC, &now);
	/* The first pass ends: its last figure stays on its own line, and
	 * the rate of the import is counted from here. */
	if (phase != p->phase) {
		if (p->shown)
			fputc('\n', stderr);
		p->phase = phase;
		p->start = now;
		p->shown = 0;
	}
	if (p->shown && since(&p->last, &now) < 0.5)
		return;
	p->last = now;
	p->shown = 1;
	secs = since(&p->start, &now);
	fprintf(stderr, "\r");
	if (phase == DEV_IMPORT_CHECKED)
		fprintf(stderr, _("%lld rows checked, %.0f rows/s"),
		    (long long)rows, secs > 0 ? (double)rows / secs : 0.0);
	else
		fprintf(stderr, _("%lld rows, %.0f rows/s"), (long long)rows,
		    secs > 0 ? (double)rows / secs : 0.0);
	fflush(stderr);
}

/* The model reads the file itself (by path); fp above only proved it opens. */
static int
import_deviations(struct cli_env *e, const char *file)
{
	struct progress	 p;
	char		 msg[IMPORT_ERROR_MAX];
	int64_t		 line = 0, col = 0;
	int		 rc, tty = isatty(STDERR_FILENO);

	memset(&p, 0, sizeof(p));
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	rc = deviation_import_progress(&e->ctx, file, &line, &col, msg,
	    sizeof(msg), tty ? show_progress : NULL, &p);
	if (p.shown)
		fputc('\n', stderr);
	if (rc < 0) {
		if (line > 0 && col > 0)
			fprintf(stderr, "%s:%lld:%lld: %s\n", file,
			    (long long)line, (long long)col, msg);
		else if (line > 0)
			fprintf(stderr, "%s:%lld: %s\n", file, (long long)line, msg);
		else
			fprintf(stderr, "%s: %s\n", file, msg);
		return CLI_FAIL;
	}
	printf(_("%d deviations imported\n"), rc);
	return CLI_OK;
}

/* As the operator (no person, remote_addr "cli"): document_import says
 * so in the audit log. */
static int
import_documents(struct cli_env *e, const char *file)
{
	char	msg[IMPORT_ERROR_MAX];
	int	n;

	if (document_import(&e->ctx, file, &n, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "%s\n", msg);
		return CLI_FAIL;
	}
	printf(_("%d documents imported\n"), n);
	return CLI_OK;
}

int
cli_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env e;
	struct import_result r;
	const char *db = NULL, *host = NULL, *kind, *file;
	FILE *fp = NULL;
	size_t i;
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
	if (argc - optind != 2)
		return cli_usage(CMD, "%s", _("give units, people, deviations or documents and one FILE.csv"));
	kind = argv[optind];
	file = argv[optind + 1];
	if (strcmp(kind, "units") != 0 && strcmp(kind, "people") != 0 &&
	    strcmp(kind, "deviations") != 0 && strcmp(kind, "documents") != 0)
		return cli_usage(CMD, _("unknown import \"%s\": use units, people, deviations or documents"),
		    kind);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if ((fp = fopen(file, "r")) == NULL)
		return cli_fail(CMD, _("cannot open %s"), file);

	if (cli_env_open(&e, db, host, CLI_ENV_TENANT) != CLI_OK)
		goto out;
	if (strcmp(kind, "deviations") == 0) {
		ret = import_deviations(&e, file);
		goto out;
	}
	if (strcmp(kind, "documents") == 0) {
		ret = import_documents(&e, file);
		goto out;
	}
	if (strcmp(kind, "units") == 0)
		rc = org_import_units(&e.ctx, fp, file, &r);
	else
		rc = org_import_people(&e.ctx, fp, file, &r);
	if (rc < 0) {
		fprintf(stderr, "%s\n", r.error);
		goto out;
	}
	for (i = 0; i < r.nwarnings; i++)
		fprintf(stderr, "%s\n", r.warnings[i]);
	printf(_("%d created, %d updated\n"), r.created, r.updated);
	ret = CLI_OK;
out:
	cli_env_close(&e);
	fclose(fp);
	return ret;
}
