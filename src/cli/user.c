/* user.c: `orden user add|passwd|list`: the small user administration an
 * operator needs when nobody can log in to the admin UI. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth/auth.h"
#include "i18n/i18n.h"
#include "org/import.h"
#include "store/store.h"
#include "util/buf.h"
#include "vault/vault.h"

#define CMD "user"

static void
help(void)
{
	printf("%s", _("Usage: orden user add    --db PATH --login LOGIN --name NAME [--email ADDR]\n"
	    "                        [--unit CODE] [--roles ROLE;ROLE...] [--party P]\n"
	    "                        [--tenant HOST]\n"
	    "       orden user passwd --db PATH --login LOGIN [--tenant HOST]\n"
	    "       orden user list   --db PATH [--tenant HOST]\n\n"
	    "add     create a person with roles (leader, employee, safety_rep and\n"
	    "        union_rep apply to --unit) and print a one-time password\n"
	    "passwd  give a person a new one-time password (printed), to be changed\n"
	    "        at the next login; for operators locked out of the admin UI\n"
	    "list    print every person with unit and roles\n\n"
	    "  --db PATH       database file (or $ORDEN_DB)\n"
	    "  --tenant HOST   the municipality (by host); needed when there are several\n"
	    "  --help          show this help\n"));
	printf("%s", _("\nreset-password  the same as passwd (the admin page's name for it): a\n"
	    "        one-time password; every session of the person ends; audited\n"));
}

/* A new one-time password for person pid, printed. Inside the caller's
 * transaction. CLI_OK or CLI_FAIL. */
static int
user_new_password(struct cli_env *e, int64_t pid, char *pw, size_t pwsz)
{
	char hash[AUTH_HASH_MAX];
	int ret = CLI_OK;

	auth_password_generate(pw, pwsz);
	if (auth_password_hash(pw, hash) != 0 ||
	    org_password_set(&e->ctx, pid, hash, 1) != 0)
		ret = cli_fail(CMD, "%s", _("cannot set the password"));
	sodium_memzero(hash, sizeof(hash));
	return ret;
}

static int
user_list(struct cli_env *e)
{
	struct person *people;
	struct unit *units;
	struct roleset rs;
	size_t np, nu, i, j, k;
	struct buf b;

	if (org_person_list(&e->ctx, &people, &np) != 0 ||
	    org_unit_list(&e->ctx, &units, &nu) != 0)
		return cli_fail(CMD, "%s", _("cannot read the people"));
	buf_init(&b, 4096);
	printf("%-20s %-28s %-20s %s\n", _("login"), _("name"), _("unit"),
	    _("roles"));
	for (i = 0; i < np; i++) {
		const char *ucode = "-";

		for (k = 0; k < nu; k++)
			if (units[k].id == people[i].unit_id)
				ucode = units[k].code;
		buf_reset(&b);
		if (org_roles_of(&e->ctx, people[i].id, &rs) == 0)
			for (j = 0; j < rs.n; j++) {
				const char *scope = NULL;

				for (k = 0; k < nu && rs.v[j].unit_id; k++)
					if (units[k].id == rs.v[j].unit_id)
						scope = units[k].code;
				buf_printf(&b, "%s%s%s%s", j ? " " : "",
				    role_name(rs.v[j].role), scope ? "@" : "",
				    scope ? scope : "");
			}
		printf("%-20s %-28s %-20s %s%s\n", people[i].login,
		    people[i].name, ucode, buf_cstr(&b),
		    people[i].active ? "" : _(" (deactivated)"));
	}
	buf_free(&b);
	return CLI_OK;
}

int
cli_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "login", required_argument, NULL, 'u' },
		{ "name", required_argument, NULL, 'n' },
		{ "email", required_argument, NULL, 'e' },
		{ "unit", required_argument, NULL, 'U' },
		{ "roles", required_argument, NULL, 'r' },
		{ "party", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env e;
	struct person p;
	struct unit u;
	const char *action, *db = NULL, *host = NULL, *login = NULL,
	    *name = NULL, *email = NULL, *unit = NULL, *roles_s = NULL,
	    *party = NULL, *bad;
	enum role roles[ROLE_MAX];
	char pw[64], scratch[512];
	unsigned char pk[VAULT_PK];
	int c, rc, nroles = 0, k, intx = 0, ret = CLI_FAIL, had_key = 0;
	int64_t pid;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help();
		return CLI_OK;
	}
	if (argc < 2 || (strcmp(argv[1], "add") != 0 &&
	    strcmp(argv[1], "passwd") != 0 && strcmp(argv[1], "list") != 0 &&
	    strcmp(argv[1], "reset-password") != 0))
		return cli_usage(CMD, "%s", _("give add, passwd, reset-password or list"));
	/* reset-password is passwd under the name the admin page uses. */
	action = strcmp(argv[1], "reset-password") == 0 ? "passwd" : argv[1];
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:u:n:e:U:r:P:h", opts,
	    NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
		case 'u': login = optarg; break;
		case 'n': name = optarg; break;
		case 'e': email = optarg; break;
		case 'U': unit = optarg; break;
		case 'r': roles_s = optarg; break;
		case 'P': party = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if (strcmp(action, "list") != 0 && (login == NULL || *login == '\0'))
		return cli_usage(CMD, "%s", _("--login LOGIN is required"));
	if (strcmp(action, "add") == 0) {
		if (!import_is_code(login))
			return cli_usage(CMD, "%s", _("--login LOGIN: use 1-64 letters a-z or A-Z (not æ, ø, å), digits, '.', '_' or '-'"));
		if (email != NULL && *email != '\0' && !import_is_email(email))
			return cli_usage(CMD, _("invalid e-mail address %s"), email);
		if (name == NULL || *name == '\0')
			return cli_usage(CMD, "%s", _("--name NAME is required"));
		if (roles_s != NULL && cli_parse_roles(roles_s, roles, &nroles,
		    &bad, scratch, sizeof(scratch)) < 0)
			return cli_usage(CMD, _("unknown role \"%s\""), bad);
	}
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (auth_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));
	pw[0] = '\0';

	if (cli_env_open(&e, db, host, CLI_ENV_TENANT) != CLI_OK)
		goto out;
	if (strcmp(action, "list") == 0) {
		ret = user_list(&e);
		goto out;
	}
	if (db_begin(e.ctx.conn) != DB_OK) {
		cli_fail(CMD, "%s", _("cannot start a transaction"));
		goto out;
	}
	intx = 1;
	if (strcmp(action, "passwd") == 0) {
		if (org_person_by_login(&e.ctx, login, &p) != 0) {
			cli_fail(CMD, _("no person with login %s"), login);
			goto out;
		}
		pid = p.id;
	} else {
		memset(&p, 0, sizeof(p));
		memset(&u, 0, sizeof(u));
		if (unit != NULL && org_unit_by_code(&e.ctx, unit, &u) != 0) {
			cli_fail(CMD, _("no unit with code %s"), unit);
			goto out;
		}
		for (k = 0; k < nroles; k++)
			if (role_is_scoped(roles[k]) && u.id == 0) {
				cli_fail(CMD, _("role %s applies to a unit: give --unit"),
				    role_name(roles[k]));
				goto out;
			}
		p.login = login;
		p.name = name;
		p.email = (email && *email) ? email : NULL;
		p.party = (party && *party) ? party : NULL;
		p.unit_id = u.id;
		p.active = 1;
		if ((pid = org_person_create(&e.ctx, &p)) <= 0) {
			cli_fail(CMD, "%s", pid == DB_CONSTRAINT ?
			    _("that login is taken") :
			    _("cannot create the person (check login and e-mail)"));
			goto out;
		}
		for (k = 0; k < nroles; k++)
			if (org_role_grant(&e.ctx, pid, roles[k],
			    role_is_scoped(roles[k]) ? u.id : 0) <= 0) {
				cli_fail(CMD, "%s", _("cannot grant the roles"));
				goto out;
			}
	}
	/* A reset drops the key the old password wrapped and ends the
	 * person's sessions, as the admin page's does (auth/reset.c). */
	if (strcmp(action, "passwd") == 0) {
		had_key = vault_person_public(&e.ctx, pid, pk) == 0;
		if (auth_password_reset(&e.ctx, pid, pw, sizeof(pw)) != 0) {
			cli_fail(CMD, "%s", _("cannot set the password"));
			goto out;
		}
	} else if (user_new_password(&e, pid, pw, sizeof(pw)) != CLI_OK)
		goto out;
	if (db_commit(e.ctx.conn) != DB_OK) {
		cli_fail(CMD, "%s", _("cannot commit"));
		goto out;
	}
	intx = 0;
	printf(_("Login:              %s\n"), login);
	printf(_("One-time password:  %s\n"), pw);
	printf("%s", _("The password must be changed at the next login.\n"));
	if (had_key)
		printf("%s", _("Their key to whistleblowing cases went with the old password. Cases\n"
		    "reach their new key when a co-handler opens them, or at once with\n"
		    "orden whistle reseal and the recovery key.\n"));
	ret = CLI_OK;
out:
	if (intx)
		db_rollback(e.ctx.conn);
	sodium_memzero(pw, sizeof(pw));
	cli_env_close(&e);
	return ret;
}
