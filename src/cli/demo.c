/* demo.c: `orden demo`: a demo municipality modelled on Namsos' tertial
 * report (seeds/001): the four sector areas with their units, a chief
 * executive, politicians with parties, leaders, employees and the staff
 * roles, all with one known password. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth/auth.h"
#include "deviation/deviation.h"
#include "followup/followup.h"
#include "document/document.h"
#include "i18n/i18n.h"
#include "report/written.h"
#include "store/store.h"
#include "vault/vault.h"
#include "wheel/wheel.h"

#define CMD "demo"
#define DEMO_TENANT	"Demo kommune"
#define DEMO_HOST	"localhost"
#define DEMO_PASSWORD	"demo-passord-2026"
#define DEMO_MAIL	"@demokommune.example"

struct demo_unit {
	const char	*code;
	const char	*name;
	const char	*parent;	/* NULL for the root */
};

/* Parents come before their children. */
static const struct demo_unit demo_units[] = {
	{ "kd", "Kommunedirektør", NULL },
	{ "oo", "Oppvekst og opplæring", "kd" },
	{ "ho", "Helse og omsorg", "kd" },
	{ "oi", "Økonomistyring og infrastruktur", "kd" },
	{ "kso", "Kultur, samfunn og organisasjon", "kd" },

	{ "vestre-skole", "Vestre skole", "oo" },
	{ "sentrum-skole", "Sentrum skole", "oo" },
	{ "ostbyen-skole", "Østbyen skole", "oo" },
	{ "nordsiden-skole", "Nordsiden skole", "oo" },
	{ "sentrum-ungdomsskole", "Sentrum ungdomsskole", "oo" },
	{ "solsiden-barnehage", "Solsiden barnehage", "oo" },
	{ "furulunden-barnehage", "Furulunden barnehage", "oo" },
	{ "bjorkly-barnehage", "Bjørkly barnehage", "oo" },
	{ "ppt", "PPT", "oo" },
	{ "barnevern", "Barnevernstjenesten", "oo" },
	{ "mestring", "Mestring og inkludering", "oo" },
	{ "nav", "NAV", "oo" },

	{ "sentrum-sykehjem", "Sentrum sykehjem", "ho" },
	{ "fjellheim-sykehjem", "Fjellheim sykehjem", "ho" },
	{ "hjemmetjeneste-nord", "Hjemmetjenesten nord", "ho" },
	{ "hjemmetjeneste-sor", "Hjemmetjenesten sør", "ho" },
	{ "bo-aktivitet", "Bo og aktivitet", "ho" },
	{ "helsestasjon", "Helsestasjon og skolehelsetjeneste", "ho" },

	{ "eiendom", "Eiendom", "oi" },
	{ "renhold", "Renhold", "oi" },
	{ "vann-avlop", "Vann og avløp", "oi" },
	{ "bydrift", "Bydrift", "oi" },
	{ "brann", "Brann og redning", "oi" },

	{ "hr", "HR, lønn og regnskap", "kso" },
	{ "innbyggertorg", "Innbyggertorg og frivillighet", "kso" },
	{ "kulturarena", "Kulturarena", "kso" },
	{ "kultur-fritid", "Kultur og fritid", "kso" },
};

struct demo_person {
	const char	*login;
	const char	*name;
	const char	*unit;		/* home unit code; NULL for politicians */
	const char	*party;
	const char	*roles;		/* scoped roles apply to the home unit */
};

static const struct demo_person demo_people[] = {
	{ "admin", "Tor Aune", "kd", NULL, "admin;employee" },
	{ "kari.nilsen", "Kari Nilsen", "kd", NULL, "chief_executive;leader;employee" },
	{ "ingrid.haugen", "Ingrid Haugen", "kd", NULL, "quality;employee" },

	/* politicians: formannskap, group leaders, the council */
	{ "arne.brattli", "Arne Brattli", NULL, "Ap", "mayor;formannskap;elected" },
	{ "hilde.sandvik", "Hilde Sandvik", NULL, "H", "opposition_leader;formannskap;group_leader;elected" },
	{ "per.moe", "Per Moe", NULL, "Ap", "formannskap;group_leader;elected" },
	{ "marit.lie", "Marit Lie", NULL, "Sp", "formannskap;group_leader;elected" },
	{ "ola.grande", "Ola Grande", NULL, "SV", "formannskap;group_leader;elected" },
	{ "anne.kvam", "Anne Kvam", NULL, "FrP", "formannskap;group_leader;elected" },
	{ "jon.berg", "Jon Berg", NULL, "Sp", "formannskap;elected" },
	{ "liv.strand", "Liv Strand", NULL, "KrF", "group_leader;elected" },
	{ "nils.hoff", "Nils Hoff", NULL, "V", "group_leader;elected" },
	{ "randi.foss", "Randi Foss", NULL, "Ap", "elected" },

	/* sector heads (kommunalsjefer) */
	{ "trine.larsen", "Trine Larsen", "oo", NULL, "leader;employee" },
	{ "geir.solberg", "Geir Solberg", "ho", NULL, "leader;employee" },
	{ "randi.hansen", "Randi Hansen", "oi", NULL, "leader;employee" },
	{ "espen.dahl", "Espen Dahl", "kso", NULL, "leader;employee" },

	/* unit leaders */
	{ "bjorn.saether", "Bjørn Sæther", "vestre-skole", NULL, "leader;employee" },
	{ "lise.aasen", "Lise Aasen", "sentrum-skole", NULL, "leader;employee" },
	{ "knut.holm", "Knut Holm", "ostbyen-skole", NULL, "leader;employee" },
	{ "eli.myrvang", "Eli Myrvang", "nordsiden-skole", NULL, "leader;employee" },
	{ "svein.opdal", "Svein Opdal", "sentrum-ungdomsskole", NULL, "leader;employee" },
	{ "mona.helland", "Mona Helland", "solsiden-barnehage", NULL, "leader;employee" },
	{ "tone.viken", "Tone Viken", "furulunden-barnehage", NULL, "leader;employee" },
	{ "gunn.sorli", "Gunn Sørli", "bjorkly-barnehage", NULL, "leader;employee" },
	{ "hakon.lien", "Håkon Lien", "ppt", NULL, "leader;employee" },
	{ "siri.kolstad", "Siri Kolstad", "barnevern", NULL, "leader;employee" },
	{ "rune.aarseth", "Rune Aarseth", "mestring", NULL, "leader;employee" },
	{ "camilla.berge", "Camilla Berge", "nav", NULL, "leader;employee" },
	{ "astrid.fossland", "Astrid Fossland", "sentrum-sykehjem", NULL, "leader;employee" },
	{ "morten.ness", "Morten Ness", "fjellheim-sykehjem", NULL, "leader;employee" },
	{ "heidi.gronning", "Heidi Grønning", "hjemmetjeneste-nord", NULL, "leader;employee" },
	{ "vidar.strom", "Vidar Strøm", "hjemmetjeneste-sor", NULL, "leader;employee" },
	{ "kristin.lyng", "Kristin Lyng", "bo-aktivitet", NULL, "leader;employee" },
	{ "anita.skjelstad", "Anita Skjelstad", "helsestasjon", NULL, "leader;employee" },
	{ "terje.bakken", "Terje Bakken", "eiendom", NULL, "leader;employee" },
	{ "wenche.olsen", "Wenche Olsen", "renhold", NULL, "leader;employee" },
	{ "stig.hegstad", "Stig Hegstad", "vann-avlop", NULL, "leader;employee" },
	{ "roar.engan", "Roar Engan", "bydrift", NULL, "leader;employee" },
	{ "frode.kvernmo", "Frode Kvernmo", "brann", NULL, "leader;employee" },
	{ "bente.ronning", "Bente Rønning", "hr", NULL, "leader;hr_head;employee" },
	{ "maybritt.sandnes", "May Britt Sandnes", "innbyggertorg", NULL, "leader;employee" },
	{ "jorn.lund", "Jørn Lund", "kulturarena", NULL, "leader;employee" },
	{ "guri.hoel", "Guri Hoel", "kultur-fritid", NULL, "leader;employee" },

	/* staff roles */
	{ "silje.eide", "Silje Eide", "hr", NULL, "hr;employee" },
	{ "kjell.fossum", "Kjell Fossum", "hr", NULL, "finance_head;employee" },
	{ "tone.myhre", "Tone Myhre", "sentrum-sykehjem", NULL, "chief_safety_rep;employee" },
	{ "eva.strom", "Eva Strøm", NULL, NULL, "auditor" },

	/* employees, some of them safety and union representatives */
	{ "emma.johansen", "Emma Johansen", "vestre-skole", NULL, "employee;safety_rep" },
	{ "ole.vik", "Ole Vik", "vestre-skole", NULL, "employee;union_rep" },
	{ "lars.eriksen", "Lars Eriksen", "vestre-skole", NULL, "employee" },
	{ "nora.pedersen", "Nora Pedersen", "sentrum-skole", NULL, "employee" },
	{ "sander.lie", "Sander Lie", "sentrum-ungdomsskole", NULL, "employee" },
	{ "ida.nygard", "Ida Nygård", "solsiden-barnehage", NULL, "employee;safety_rep" },
	{ "ahmed.hassan", "Ahmed Hassan", "nav", NULL, "employee" },
	{ "hege.lund", "Hege Lund", "sentrum-sykehjem", NULL, "employee;union_rep" },
	{ "sofie.bergum", "Sofie Bergum", "sentrum-sykehjem", NULL, "employee;safety_rep" },
	{ "jonas.hagen", "Jonas Hagen", "sentrum-sykehjem", NULL, "employee" },
	{ "maria.solli", "Maria Solli", "hjemmetjeneste-nord", NULL, "employee" },
	{ "thomas.brekke", "Thomas Brekke", "eiendom", NULL, "employee" },
	{ "even.moen", "Even Moen", "brann", NULL, "employee;safety_rep" },
	{ "linn.harstad", "Linn Hårstad", "kulturarena", NULL, "employee" },
};

/* The logins printed after the demo is made: one per kind of user. */
static const struct {
	const char	*login;
	const char	*what;	/* msgid */
} demo_logins[] = {
	{ "admin", N_("admin (org, users, roles)") },
	{ "kari.nilsen", N_("chief executive (kommunedirektør)") },
	{ "arne.brattli", N_("mayor (ordfører, Ap)") },
	{ "hilde.sandvik", N_("opposition leader (H)") },
	{ "ingrid.haugen", N_("quality adviser") },
	{ "trine.larsen", N_("sector head, Oppvekst og opplæring") },
	{ "bjorn.saether", N_("leader, Vestre skole") },
	{ "emma.johansen", N_("employee and safety rep, Vestre skole") },
	{ "bente.ronning", N_("HR head") },
	{ "tone.myhre", N_("chief safety representative") },
	{ "eva.strom", N_("auditor") },
};

static void
help(void)
{
	printf(_("Usage: orden demo --db PATH [--host HOST] [--name NAME] [--no-deviations]\n"
	    "       orden demo --logins\n\n"
	    "Create the demo municipality \"Demo kommune\" (host localhost): the four\n"
	    "sector areas of a Norwegian municipality with their units, politicians,\n"
	    "leaders, employees and staff roles, the default deviation categories and\n"
	    "a year of deviations and improvement proposals up to today, handled as\n"
	    "they would have been (most older ones closed, recent ones open, a few\n"
	    "overdue, transferred or returned). Every demo user has the password\n"
	    "%s. If a municipality with the host exists, nothing is changed.\n"
	    "With --host (and --name) another demo municipality of the same shape is\n"
	    "added to the same database, with the same logins as different people.\n\n"
	    "  --db PATH         database file or URL (or $ORDEN_DB)\n"
	    "  --host HOST       the demo's host name (default: localhost)\n"
	    "  --name NAME       the demo's name (default: Demo kommune)\n"
	    "  --no-deviations   leave out the year of deviations\n"
	    "  --logins          only print the demo logins\n"
	    "  --help            show this help\n"), DEMO_PASSWORD);
}

/* Where to open the demo of host in the database desc names. Said
 * whether the run created the municipality or found it there: someone
 * who runs the demo a second time needs the address as much as the first
 * time. Orden finds a municipality by the Host header: with more than
 * one, http://127.0.0.1:8080 is none of them. */
static void
print_address(const char *host, const char *desc)
{
	printf(_("Open it at http://%s:8080/ once `orden serve --db %s` runs.\n"),
	    host, desc);
	if (strcmp(host, DEMO_HOST) != 0)
		printf(_("The address must name the host %s: make it lead to this "
		    "machine (e.g. the line \"127.0.0.1 %s\" in /etc/hosts).\n"),
		    host, host);
}

static void
print_logins(void)
{
	size_t i;

	printf("%-16s %s\n", _("login"), _("who"));
	for (i = 0; i < sizeof(demo_logins) / sizeof(demo_logins[0]); i++)
		printf("%-16s %s\n", demo_logins[i].login,
		    _(demo_logins[i].what));
	printf(_("Password for every demo user: %s\n"), DEMO_PASSWORD);
	printf("%s", _("The admin, leaders, HR and the politicians (everyone who can\n"
	    "handle whistleblowing cases) set up a second factor at their first\n"
	    "login: scan the QR code with an authenticator app, or give the key\n"
	    "shown under it to `oathtool --totp -b KEY`.\n"));
}

/* How many people the demo has (the table's and the extra staff). */
static int
demo_people_count(struct ctx *ctx)
{
	struct person *v;
	size_t n;

	if (org_person_list(ctx, &v, &n) < 0)
		return 0;
	return (int)n;
}

/* Index of the unit with this code in demo_units, or -1. */
static int
unit_index(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(demo_units) / sizeof(demo_units[0]); i++)
		if (strcmp(demo_units[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* The kind of a demo unit: schools, kindergartens, and the units of
 * Helse og omsorg; NULL for the rest (administration, culture...). */
static const char *
demo_unit_kind(const struct demo_unit *u)
{
	if (strstr(u->code, "skole") != NULL)
		return "school";
	if (strstr(u->code, "barnehage") != NULL)
		return "kindergarten";
	if (u->parent != NULL && strcmp(u->parent, "ho") == 0)
		return "health_care";
	return NULL;
}

/* 1 when someone with these roles can be routed a whistleblowing case
 * (whistle_route), so the demo gives them a keypair up front: demo cases
 * can then be sealed to them before they ever log in. */
static int
demo_can_handle(const enum role *roles, int n)
{
	int k;

	for (k = 0; k < n; k++)
		switch (roles[k]) {
		case ROLE_LEADER: case ROLE_HR: case ROLE_HR_HEAD:
		case ROLE_FINANCE_HEAD: case ROLE_CHIEF_EXECUTIVE: case ROLE_MAYOR:
		case ROLE_OPPOSITION_LEADER: case ROLE_FORMANNSKAP:
		case ROLE_GROUP_LEADER: case ROLE_ELECTED:
			return 1;
		default:
			break;
		}
	return 0;
}

/* Everything inside the caller's transaction, for a new tenant name at
 * host. The tenant's recovery secret goes to recovery (VAULT_RECOVERY_MAX).
 * CLI_OK or CLI_FAIL. */
static int
demo_fill(struct cli_env *e, const char *name, const char *host, int history,
    int64_t *ndev, char *recovery)
{
	enum { NUNITS = sizeof(demo_units) / sizeof(demo_units[0]) };
	struct tenant t;
	int64_t ids[NUNITS], tid, pid, scope, uid;
	char hash[AUTH_HASH_MAX], email[128], scratch[256];
	unsigned char sk[VAULT_SK];
	enum role roles[ROLE_MAX];
	const char *bad;
	size_t i;
	int k, nroles, ui, rc, ret = CLI_FAIL;

	if ((tid = tenant_create(e->ctx.conn, name, host)) <= 0) {
		if (tid == DB_CONSTRAINT)
			cli_fail(CMD, _("another municipality already uses the host %s"),
			    host);
		else
			cli_fail(CMD, "%s", _("cannot create the demo municipality"));
		goto out;
	}
	if (tenant_get(e->ctx.conn, e->ctx.arena, tid, &t) != 0) {
		cli_fail(CMD, "%s", _("cannot create the demo municipality"));
		goto out;
	}
	cli_env_use(e, &t);

	for (i = 0; i < NUNITS; i++) {
		int64_t parent = 0;

		if (demo_units[i].parent != NULL)
			parent = ids[unit_index(demo_units[i].parent)];
		if ((ids[i] = org_unit_create(&e->ctx, demo_units[i].code,
		    demo_units[i].name, parent)) <= 0) {
			cli_fail(CMD, _("cannot create the unit %s"),
			    demo_units[i].code);
			goto out;
		}
		/* The kind of unit, which legal clocks depend on. */
		if (demo_unit_kind(&demo_units[i]) != NULL &&
		    org_unit_set_kind(&e->ctx, ids[i],
		    demo_unit_kind(&demo_units[i])) != 0) {
			cli_fail(CMD, _("cannot create the unit %s"),
			    demo_units[i].code);
			goto out;
		}
	}

	/* One hash for all: the password is published anyway, and hashing
	 * sixty times at full cost would take a minute. */
	if (auth_password_hash(DEMO_PASSWORD, hash) != 0) {
		cli_fail(CMD, "%s", _("cannot hash the demo password"));
		goto out;
	}
	for (i = 0; i < sizeof(demo_people) / sizeof(demo_people[0]); i++) {
		const struct demo_person *d = &demo_people[i];
		struct person p;

		uid = 0;
		/* The tables are fixed; a mistake in them is a programmer
		 * error caught by the first run of the tests. */
		if (d->unit != NULL) {
			if ((ui = unit_index(d->unit)) < 0) {
				cli_fail(CMD, "demo data: unknown unit %s",
				    d->unit);
				goto out;
			}
			uid = ids[ui];
		}
		rc = snprintf(email, sizeof(email), "%s%s", d->login,
		    DEMO_MAIL);
		if (rc < 0 || (size_t)rc >= sizeof(email)) {
			cli_fail(CMD, "demo data: login too long: %s", d->login);
			goto out;
		}
		memset(&p, 0, sizeof(p));
		p.login = d->login;
		p.name = d->name;
		p.email = email;
		p.unit_id = uid;
		p.party = d->party;
		p.active = 1;
		if ((pid = org_person_create(&e->ctx, &p)) <= 0) {
			cli_fail(CMD, _("cannot create the person %s"), d->login);
			goto out;
		}
		if (cli_parse_roles(d->roles, roles, &nroles, &bad, scratch,
		    sizeof(scratch)) < 0) {
			cli_fail(CMD, "demo data: unknown role %s", bad);
			goto out;
		}
		for (k = 0; k < nroles; k++) {
			scope = role_is_scoped(roles[k]) ? uid : 0;
			if (org_role_grant(&e->ctx, pid, roles[k], scope) <= 0) {
				cli_fail(CMD, _("cannot grant %s to %s"),
				    role_name(roles[k]), d->login);
				goto out;
			}
		}
		if (org_password_set(&e->ctx, pid, hash, 0) != 0) {
			cli_fail(CMD, _("cannot set the password of %s"),
			    d->login);
			goto out;
		}
		/* A keypair under the demo password (one argon2id each, at the
		 * cost ORDEN_TEST_FAST_HASH selects). */
		if (demo_can_handle(roles, nroles)) {
			rc = vault_person_unlock(&e->ctx, pid, DEMO_PASSWORD, sk);
			sodium_memzero(sk, sizeof(sk));
			if (rc != 0) {
				cli_fail(CMD, _("cannot make the key of %s"), d->login);
				goto out;
			}
		}
	}
	if (vault_recovery_create(&e->ctx, recovery, VAULT_RECOVERY_MAX) != 0) {
		cli_fail(CMD, "%s", _("cannot create the recovery key"));
		goto out;
	}
	if (dev_categories_seed(&e->ctx) < 0) {
		cli_fail(CMD, "%s", _("cannot create the deviation categories"));
		goto out;
	}
	if (wheel_demo(&e->ctx) != 0 || followup_demo(&e->ctx) != 0 ||
	    report_demo(&e->ctx) != 0) {
		cli_fail(CMD, "%s", _("cannot create the yearly wheel"));
		goto out;
	}
	if (history && cli_demo_history(&e->ctx, hash, ndev) != CLI_OK)
		goto out;
	if (history && cli_demo_risk(&e->ctx) != CLI_OK) {
		cli_fail(CMD, "%s", _("cannot create the demo risk assessments"));
		goto out;
	}
	if (history && document_demo(&e->ctx) != 0) {
		cli_fail(CMD, "%s", _("cannot create the demo documents"));
		goto out;
	}
	ret = CLI_OK;
out:
	sodium_memzero(hash, sizeof(hash));
	return ret;
}

int
cli_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "host", required_argument, NULL, 'H' },
		{ "name", required_argument, NULL, 'N' },
		{ "logins", no_argument, NULL, 'l' },
		{ "no-deviations", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env e;
	struct tenant t;
	const char *db = NULL, *host = DEMO_HOST, *name = DEMO_TENANT;
	char recovery[VAULT_RECOVERY_MAX], keypath[4096], desc[512];
	int c, rc, intx = 0, history = 1, ret = CLI_FAIL;
	int64_t ndev = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:H:N:lnh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'H': host = optarg; break;
		case 'N': name = optarg; break;
		case 'n': history = 0; break;
		case 'l': print_logins(); return CLI_OK;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if (!cli_host_ok(host))
		return cli_usage(CMD, _("--host %s is not a host name"), host);
	if (*name == '\0')
		return cli_usage(CMD, "%s", _("--name NAME must not be empty"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (auth_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));

	if (cli_env_open(&e, db, NULL, CLI_ENV_MAY_CREATE) != CLI_OK)
		goto out;
	cli_db_desc(db, desc, sizeof(desc));
	if (db_begin(e.ctx.conn) != DB_OK) {
		cli_fail(CMD, "%s", _("cannot start a transaction"));
		goto out;
	}
	intx = 1;
	/* Idempotent per host: a second run for the same host is a no-op. */
	rc = tenant_by_host(e.ctx.conn, e.ctx.arena, host, &t);
	if (rc == 0) {
		printf(_("The municipality \"%s\" with host %s already exists in %s; nothing changed.\n"),
		    t.name, host, desc);
		print_address(host, desc);
		print_logins();
		ret = CLI_OK;
		goto out;
	}
	if (rc < 0) {
		cli_fail(CMD, "%s", _("cannot read the municipalities"));
		goto out;
	}
	if (demo_fill(&e, name, host, history, &ndev, recovery) != CLI_OK)
		goto out;
	if (db_commit(e.ctx.conn) != DB_OK) {
		cli_fail(CMD, "%s", _("cannot commit"));
		goto out;
	}
	intx = 0;
	printf(_("Created \"%s\" at host %s (%zu units, %d people, %lld deviations and improvement proposals) in %s.\n"),
	    name, host, sizeof(demo_units) / sizeof(demo_units[0]),
	    demo_people_count(&e.ctx), (long long)ndev, desc);
	print_address(host, desc);
	print_logins();
	/* A demo's recovery key is no secret; the first demo's is saved so
	 * that the recovery procedure can be tried (docs/SECURITY.md). The
	 * file has one name, so another demo's key is printed instead of
	 * replacing it. */
	if (strcmp(host, DEMO_HOST) == 0 && cli_recovery_save(db, name,
	    recovery, keypath, sizeof(keypath)) == 0)
		printf(_("Recovery key for whistleblowing cases (demo only): %s\n"),
		    keypath);
	else
		cli_recovery_print(stdout, name, recovery);
	ret = CLI_OK;
out:
	sodium_memzero(recovery, sizeof(recovery));
	if (intx)
		db_rollback(e.ctx.conn);
	cli_env_close(&e);
	return ret;
}
