/* template.c: `orden template publish|list`: the operator's installation-
 * wide templates of governing documents (document/template.c, issue 14
 * item 7). Municipalities adopt them in the web pages. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "document/document.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/date.h"

#define CMD "template"

static void
help(void)
{
	printf("%s", _("Usage: orden template publish processes --db PATH --name NAME\n"
	    "           [--tenant HOST | --file FILE]\n"
	    "       orden template publish document --db PATH --name NAME\n"
	    "           (--tenant HOST --code ID | --file FILE --title TITLE --type TYPE)\n"
	    "           [--code ID]\n"
	    "       orden template list --db PATH\n\n"
	    "Publish a template every municipality of the installation may adopt\n"
	    "as its own copy (Dokumenter > Maler): the main-process tree of a\n"
	    "municipality (or a file with one \"Group\" or \"Group > Sub\" a line),\n"
	    "or a document's current text (or a file in the safe markup). A name\n"
	    "published again replaces the template; copies already adopted are the\n"
	    "municipalities' own and do not change.\n\n"
	    "  --db PATH       database file (or $ORDEN_DB)\n"
	    "  --name NAME     the template's name in the list\n"
	    "  --tenant HOST   the municipality to take it from (by host)\n"
	    "  --code ID       the document to take (and the ID a copy suggests)\n"
	    "  --file FILE     take it from a file instead\n"
	    "  --title TITLE   a document template's title (with --file)\n"
	    "  --type TYPE     routine, procedure, guideline, regulation, plan,\n"
	    "                  form or template (with --file)\n"
	    "  --help          show this help\n\n"
	    "Exit status: 0 done, 1 failed, 2 usage.\n"));
}

/* The whole of path (at most DOC_BODY_MAX bytes), in the arena. */
static const char *
slurp(struct arena *a, const char *path)
{
	static char	 data[DOC_BODY_MAX + 1];
	FILE		*fp;
	size_t		 n;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	n = fread(data, 1, sizeof(data), fp);
	fclose(fp);
	if (n == 0 || n > DOC_BODY_MAX)
		return NULL;
	return arena_strndup(a, data, n);
}

static int
list(struct cli_env *e)
{
	struct doc_template	*t;
	size_t			 n, i;

	if (document_templates(&e->ctx, &t, &n) != 0)
		return cli_fail(CMD, "%s", _("cannot read the templates"));
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\n", t[i].kind, t[i].name,
		    t[i].title != NULL ? t[i].title : "");
	return CLI_OK;
}

int
cli_template(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "name", required_argument, NULL, 'n' },
		{ "code", required_argument, NULL, 'c' },
		{ "file", required_argument, NULL, 'f' },
		{ "title", required_argument, NULL, 'T' },
		{ "type", required_argument, NULL, 'y' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env		 e;
	struct doc_template	 t;
	struct document		 d;
	struct doc_version	 v;
	const char *db = NULL, *host = NULL, *file = NULL, *verb, *kind = NULL;
	int c, rc, ret = CLI_FAIL;

	memset(&t, 0, sizeof(t));
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:n:c:f:T:y:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
		case 'n': t.name = optarg; break;
		case 'c': t.code = optarg; break;
		case 'f': file = optarg; break;
		case 'T': t.title = optarg; break;
		case 'y': t.type = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (argc - optind < 1)
		return cli_usage(CMD, "%s", _("give publish or list"));
	verb = argv[optind];
	if (strcmp(verb, "list") == 0 ? argc - optind != 1 :
	    strcmp(verb, "publish") != 0 || argc - optind != 2 ||
	    (strcmp(kind = argv[optind + 1], "processes") != 0 &&
	    strcmp(kind, "document") != 0))
		return cli_usage(CMD, "%s", _("give list, or publish processes|document"));
	if (kind != NULL && (t.name == NULL || t.name[0] == '\0'))
		return cli_usage(CMD, "%s", _("--name NAME is required"));
	if (kind != NULL && strcmp(kind, "document") == 0 && (file != NULL ?
	    t.title == NULL || t.type == NULL || !doc_type_valid(t.type) :
	    t.code == NULL))
		return cli_usage(CMD, "%s", _("a document needs --code ID, or --file with --title and a known --type"));
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (cli_env_open(&e, db, host,
	    kind != NULL && file == NULL ? CLI_ENV_TENANT : CLI_ENV_EXISTING) != CLI_OK)
		goto out;
	if (kind == NULL) {
		ret = list(&e);
		goto out;
	}
	t.kind = kind;
	if (file != NULL) {
		if ((t.content = slurp(e.ctx.arena, file)) == NULL) {
			ret = cli_fail(CMD, _("cannot read %s (at most 200000 bytes)"), file);
			goto out;
		}
	} else if (strcmp(kind, "processes") == 0) {
		if (document_template_tree(&e.ctx, &t.content) != 0) {
			ret = cli_fail(CMD, "%s", _("cannot read the main processes"));
			goto out;
		}
	} else {
		if (document_load_code(&e.ctx, t.code, &d) != 0 ||
		    d.current_version == 0 ||
		    document_version(&e.ctx, &d, d.current_version, &v, NULL) != 0 ||
		    v.body == NULL) {
			ret = cli_fail(CMD, _("no current document %s with text"), t.code);
			goto out;
		}
		t.title = d.title;
		t.type = d.type;
		t.content = v.body;
	}
	if (document_template_publish(&e.ctx, &t) != 0) {
		ret = cli_fail(CMD, "%s", _("the template was not published"));
		goto out;
	}
	printf(_("template \"%s\" published\n"), t.name);
	ret = CLI_OK;
out:
	cli_env_close(&e);
	return ret;
}
