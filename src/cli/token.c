/* token.c: `orden token create|list|revoke`: API bearer tokens for
 * integrations. A token expires (a year unless --expires says otherwise),
 * can be revoked at once, and shows when it was last used; every change is
 * audited. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth/auth.h"
#include "i18n/i18n.h"
#include "util/clock.h"
#include "util/num.h"

#define CMD "token"
#define EXPIRES_DAYS_MAX 3650	/* ten years: longer is "never" in disguise */

static void
help(void)
{
	printf("%s", _("Usage: orden token create --db PATH --login LOGIN [--tenant HOST]\n"
	    "                          [--label TEXT] [--expires DAYS]\n\n"
	    "Create an API bearer token that acts as LOGIN. The token is shown once,\n"
	    "as the last line of output; only its hash is stored.\n\n"
	    "  --db PATH       database file (or $ORDEN_DB)\n"
	    "  --login LOGIN   the person the token acts as\n"
	    "  --tenant HOST   the municipality (by host); needed when there are several\n"
	    "  --label TEXT    a note on what the token is for\n"));
	printf("%s", _("  --expires DAYS  days until the token stops working (default 365)\n"
	    "  --help          show this help\n\n"
	    "       orden token list   --db PATH [--tenant HOST]\n"
	    "       orden token revoke --db PATH --id ID [--tenant HOST]\n\n"
	    "list    every token: id, person, label, created, expires, last used, state\n"
	    "revoke  stop token ID at once (its id from list); audited\n"));
}

/* "2026-11-23" for a time, "-" for none. */
static const char *
day(int64_t t, char *out, size_t outsz)
{
	if (t <= 0 || outsz < 21)
		return "-";
	clock_format(t, out, outsz);
	out[10] = '\0';
	return out;
}

static int
token_list(struct cli_env *e)
{
	struct auth_token_info	*v;
	size_t			 n, i;
	char			 c[32], x[32], u[32];
	const char		*state;

	if (auth_token_list(&e->ctx, &v, &n) != 0)
		return cli_fail(CMD, "%s", _("cannot read the tokens"));
	printf("%s\n", _("ID\tLOGIN\tLABEL\tCREATED\tEXPIRES\tLAST USED\tSTATE"));
	for (i = 0; i < n; i++) {
		state = v[i].revoked_at ? _("revoked") :
		    v[i].expires_at && v[i].expires_at <= e->ctx.now ?
		    _("expired") : _("active");
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)v[i].id,
		    v[i].login ? v[i].login : "?", v[i].label ? v[i].label : "-",
		    day(v[i].created_at, c, sizeof(c)),
		    day(v[i].expires_at, x, sizeof(x)),
		    day(v[i].last_used, u, sizeof(u)), state);
	}
	return CLI_OK;
}

int
cli_token(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "login", required_argument, NULL, 'u' },
		{ "tenant", required_argument, NULL, 't' },
		{ "label", required_argument, NULL, 'L' },
		{ "expires", required_argument, NULL, 'x' },
		{ "id", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env e;
	struct person p;
	const char *action, *db = NULL, *login = NULL, *host = NULL,
	    *label = NULL, *expires = NULL, *id_s = NULL;
	char token[256];
	int64_t days = AUTH_TOKEN_LIFETIME / (24 * 60 * 60), id = 0;
	int c, rc, ret = CLI_FAIL;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help();
		return CLI_OK;
	}
	if (argc < 2 || (strcmp(argv[1], "create") != 0 &&
	    strcmp(argv[1], "list") != 0 && strcmp(argv[1], "revoke") != 0))
		return cli_usage(CMD, "%s", _("give create, list or revoke"));
	action = argv[1];
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:u:t:L:x:i:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'u': login = optarg; break;
		case 't': host = optarg; break;
		case 'L': label = optarg; break;
		case 'x': expires = optarg; break;
		case 'i': id_s = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if (strcmp(action, "create") == 0) {
		if (login == NULL || *login == '\0')
			return cli_usage(CMD, "%s", _("--login LOGIN is required"));
		if (expires != NULL && num_parse_i64(expires, 1, EXPIRES_DAYS_MAX,
		    &days) != 0)
			return cli_usage(CMD, _("--expires must be a number of days from 1 to %d"),
			    EXPIRES_DAYS_MAX);
	}
	if (strcmp(action, "revoke") == 0 && (id_s == NULL ||
	    num_parse_i64(id_s, 1, INT64_MAX, &id) != 0))
		return cli_usage(CMD, "%s", _("--id ID is required (a number from orden token list)"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (auth_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));

	token[0] = '\0';
	if (cli_env_open(&e, db, host, CLI_ENV_TENANT) != CLI_OK)
		goto out;
	if (strcmp(action, "list") == 0) {
		ret = token_list(&e);
		goto out;
	}
	if (strcmp(action, "revoke") == 0) {
		rc = auth_token_revoke(&e.ctx, id);
		if (rc == 1)
			cli_fail(CMD, _("no active token with id %lld in %s"),
			    (long long)id, e.tenant.name);
		else if (rc != 0)
			cli_fail(CMD, "%s", _("cannot revoke the token"));
		else {
			printf(_("Token %lld revoked.\n"), (long long)id);
			ret = CLI_OK;
		}
		goto out;
	}
	if (org_person_by_login(&e.ctx, login, &p) != 0) {
		cli_fail(CMD, _("no person with login %s in %s"), login,
		    e.tenant.name);
		goto out;
	}
	if (!p.active) {
		cli_fail(CMD, _("%s is deactivated"), login);
		goto out;
	}
	if (auth_token_create_until(&e.ctx, p.id, label,
	    e.ctx.now + days * 24 * 60 * 60, token, sizeof(token)) != 0) {
		cli_fail(CMD, "%s", _("cannot create the token"));
		goto out;
	}
	printf(_("API token for %s in %s (shown once; keep it secret):\n"),
	    login, e.tenant.name);
	printf("%s\n", token);
	ret = CLI_OK;
out:
	sodium_memzero(token, sizeof(token));
	cli_env_close(&e);
	return ret;
}
