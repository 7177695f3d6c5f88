/* sso.c: `orden sso add|list|remove|password-off`: the identity providers
 * a municipality signs its people in with (OpenID Connect), and people who
 * sign in only that way. The client secret is read from a file or the
 * environment, never from the command line (where `ps` shows it). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auth/auth.h"
#include "i18n/i18n.h"
#include "sso/sso.h"
#include "store/store.h"
#include "util/arena.h"

#define CMD "sso"
#define SECRET_MAX 1024

static void
help(void)
{
	printf("%s", _("Usage: orden sso add --db PATH --name NAME --issuer URL --client-id ID\n"
	    "                     --redirect-uri URL [--client-secret-file FILE]\n"
	    "                     [--claim CLAIM] [--scope SCOPE] [--create-in UNITCODE]\n"
	    "                     [--tenant HOST]\n"
	    "       orden sso list   --db PATH [--tenant HOST]\n"
	    "       orden sso remove --db PATH --name NAME [--tenant HOST]\n"
	    "       orden sso password-off --db PATH --login LOGIN [--tenant HOST]\n\n"
	    "Sign-in with the municipality's identity providers (OpenID Connect).\n"
	    "Each provider is a button on the login page.\n\n"
	    "add           trust a provider. NAME is the button's text (\"Entra ID\").\n"
	    "              URL is the issuer (https; http only on loopback); Orden\n"
	    "              reads URL/.well-known/openid-configuration. The redirect\n"
	    "              URI to register at the provider is https://HOST/login/sso/callback.\n"
	    "  --client-secret-file FILE  the client secret (else $ORDEN_SSO_CLIENT_SECRET)\n"
	    "  --claim CLAIM  what names the person: email (default), upn,\n"
	    "              preferred_username or eduPersonPrincipalName; compared with\n"
	    "              Orden logins, then e-mail addresses, without case\n"
	    "  --scope SCOPE  what to ask for (default \"openid profile email\")\n"
	    "  --create-in UNITCODE  create a person nobody matches, as an employee of\n"
	    "              this unit (default: refuse them)\n"
	    "list          the providers and whether discovery works now\n"
	    "remove        stop trusting a provider\n"
	    "password-off  remove LOGIN's password: they sign in only by a provider.\n"
	    "              Their whistleblowing key stays wrapped under the old password,\n"
	    "              which from now on is their vault passphrase.\n"));
	printf("%s", _("\n  --amr-mfa   (add) when the ID token's amr claim says \"mfa\", the\n"
	    "              provider's own second factor stands in for Orden's\n"));
}

/* 1 when url is https, or http on a loopback host (tests, a local proxy). */
static int
issuer_ok(const char *url)
{
	if (strncmp(url, "https://", 8) == 0)
		return strlen(url) > 8;
	return strncmp(url, "http://127.0.0.1", 16) == 0 ||
	    strncmp(url, "http://localhost", 16) == 0 ||
	    strncmp(url, "http://[::1]", 12) == 0;
}

/* The secret from file (first line) or the environment; -1 when neither. */
static int
read_secret(const char *file, char *out, size_t outsz)
{
	const char	*env;
	FILE		*f;
	size_t		 n;

	out[0] = '\0';
	if (file != NULL) {
		if ((f = fopen(file, "r")) == NULL)
			return -1;
		if (fgets(out, (int)outsz, f) == NULL)
			out[0] = '\0';
		fclose(f);
	} else if ((env = getenv("ORDEN_SSO_CLIENT_SECRET")) != NULL)
		snprintf(out, outsz, "%s", env);
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return n > 0 ? 0 : -1;
}

static int
sso_list(struct cli_env *e)
{
	struct sso_provider	*v;
	struct sso_meta		 m;
	const char		*why;
	size_t			 n, i;

	if (sso_provider_list(&e->ctx, &v, &n) != 0)
		return cli_fail(CMD, "%s", _("cannot read the providers"));
	printf("%s\n", _("ID\tNAME\tISSUER\tCLAIM\tSTATUS"));
	for (i = 0; i < n; i++) {
		why = NULL;
		(void)sso_discover(v[i].issuer, e->ctx.arena, &m, &why);
		printf("%lld\t%s\t%s\t%s\t%s\n", (long long)v[i].id, v[i].name,
		    v[i].issuer, sso_claim_name(v[i].claim),
		    why != NULL ? why : _("working"));
	}
	return CLI_OK;
}

int
cli_sso(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "name", required_argument, NULL, 'n' },
		{ "issuer", required_argument, NULL, 'i' },
		{ "client-id", required_argument, NULL, 'c' },
		{ "client-secret-file", required_argument, NULL, 's' },
		{ "redirect-uri", required_argument, NULL, 'r' },
		{ "claim", required_argument, NULL, 'C' },
		{ "scope", required_argument, NULL, 'S' },
		{ "create-in", required_argument, NULL, 'u' },
		{ "login", required_argument, NULL, 'l' },
		{ "amr-mfa", no_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env		 e;
	struct sso_provider	 p;
	struct sso_meta		 m;
	struct person		 who;
	struct unit		 u;
	const char		*action, *db = NULL, *host = NULL, *sfile = NULL,
				*claim = "email", *unit = NULL, *login = NULL, *why;
	char			 secret[SECRET_MAX];
	int64_t			 id;
	int			 c, rc, ret = CLI_FAIL;

	memset(&p, 0, sizeof(p));
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help();
		return CLI_OK;
	}
	if (argc < 2 || (strcmp(argv[1], "add") != 0 &&
	    strcmp(argv[1], "list") != 0 && strcmp(argv[1], "remove") != 0 &&
	    strcmp(argv[1], "password-off") != 0))
		return cli_usage(CMD, "%s", _("give add, list, remove or password-off"));
	action = argv[1];
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:n:i:c:s:r:C:S:u:ml:h", opts,
	    NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
		case 'n': p.name = optarg; break;
		case 'i': p.issuer = optarg; break;
		case 'c': p.client_id = optarg; break;
		case 's': sfile = optarg; break;
		case 'r': p.redirect_uri = optarg; break;
		case 'C': claim = optarg; break;
		case 'S': p.scope = optarg; break;
		case 'u': unit = optarg; break;
		case 'l': login = optarg; break;
		case 'm': p.amr_mfa = 1; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if ((strcmp(action, "add") == 0 || strcmp(action, "remove") == 0) &&
	    (p.name == NULL || *p.name == '\0' || strlen(p.name) > SSO_NAME_MAX))
		return cli_usage(CMD, "%s", _("--name NAME is required (at most 64 bytes)"));
	if (strcmp(action, "password-off") == 0 && (login == NULL || *login == '\0'))
		return cli_usage(CMD, "%s", _("--login LOGIN is required"));
	if (strcmp(action, "add") == 0) {
		if (p.issuer == NULL || !issuer_ok(p.issuer) ||
		    strlen(p.issuer) > SSO_URL_MAX)
			return cli_usage(CMD, "%s", _("--issuer URL is required: https (http only on loopback)"));
		if (p.client_id == NULL || *p.client_id == '\0')
			return cli_usage(CMD, "%s", _("--client-id ID is required"));
		if (p.redirect_uri == NULL || !issuer_ok(p.redirect_uri) ||
		    strstr(p.redirect_uri, "/login/sso/callback") == NULL)
			return cli_usage(CMD, "%s", _("--redirect-uri must be https://HOST/login/sso/callback"));
		if (sso_claim_parse(claim, &p.claim) != 0)
			return cli_usage(CMD, "%s", _("--claim must be email, upn, preferred_username or eduPersonPrincipalName"));
		if (p.scope != NULL && strstr(p.scope, "openid") == NULL)
			return cli_usage(CMD, "%s", _("--scope must include openid"));
		if (read_secret(sfile, secret, sizeof(secret)) != 0)
			return cli_usage(CMD, "%s", _("the client secret is missing: --client-secret-file FILE or $ORDEN_SSO_CLIENT_SECRET"));
		p.client_secret = secret;
	}
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (auth_init() != 0 || sso_global_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));
	if (cli_env_open(&e, db, host, CLI_ENV_TENANT) != CLI_OK)
		goto out;
	if (strcmp(action, "list") == 0) {
		ret = sso_list(&e);
		goto out;
	}
	if (strcmp(action, "remove") == 0) {
		rc = sso_provider_remove(&e.ctx, p.name);
		if (rc == 1)
			cli_fail(CMD, _("no provider named %s in %s"), p.name,
			    e.tenant.name);
		else if (rc != 0)
			cli_fail(CMD, "%s", _("cannot remove the provider"));
		else {
			printf(_("Provider %s removed.\n"), p.name);
			ret = CLI_OK;
		}
		goto out;
	}
	if (strcmp(action, "password-off") == 0) {
		if (org_person_by_login(&e.ctx, login, &who) != 0) {
			cli_fail(CMD, _("no person with login %s in %s"), login,
			    e.tenant.name);
			goto out;
		}
		if (db_begin(e.ctx.conn) != DB_OK ||
		    org_password_set(&e.ctx, who.id, NULL, 0) != 0 ||
		    auth_sessions_end(&e.ctx, who.id, 0) < 0 ||
		    db_commit(e.ctx.conn) != DB_OK) {
			db_rollback(e.ctx.conn);
			cli_fail(CMD, "%s", _("cannot remove the password"));
			goto out;
		}
		printf(_("%s now signs in only with a sign-in service.\n"), login);
		ret = CLI_OK;
		goto out;
	}
	if (unit != NULL) {
		if (org_unit_by_code(&e.ctx, unit, &u) != 0) {
			cli_fail(CMD, _("no unit with code %s in %s"), unit,
			    e.tenant.name);
			goto out;
		}
		p.create_unit_id = u.id;
	}
	id = sso_provider_add(&e.ctx, &p);
	if (id == DB_CONSTRAINT) {
		cli_fail(CMD, _("%s already has a provider named %s"),
		    e.tenant.name, p.name);
		goto out;
	}
	if (id <= 0) {
		cli_fail(CMD, "%s", _("cannot add the provider"));
		goto out;
	}
	printf(_("Provider %s added to %s (id %lld).\n"), p.name, e.tenant.name,
	    (long long)id);
	/* Saved either way; a provider that does not answer now is shown as
	 * such on /admin/sso and its button gives a clear page. */
	if (sso_discover(p.issuer, e.ctx.arena, &m, &why) != 0)
		fprintf(stderr, _("orden sso: warning: %s: %s\n"), p.issuer, why);
	ret = CLI_OK;
out:
	sodium_memzero(secret, sizeof(secret));
	cli_env_close(&e);
	return ret;
}
