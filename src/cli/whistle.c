/* whistle.c: `orden whistle recovery-key|reseal`: the operator's side of
 * the whistleblowing recovery key (docs/SECURITY.md, "Recovery"). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth/auth.h"
#include "i18n/i18n.h"
#include "util/num.h"
#include "store/store.h"
#include "vault/vault.h"
#include "whistle/whistle.h"

#define CMD "whistle"
#define KEYFILE_MAX 4096

static void
help(void)
{
	printf("%s", _("Usage: orden whistle recovery-key --db PATH [--tenant HOST]\n"
	    "       orden whistle reseal --db PATH [--tenant HOST] --recovery-key FILE\n"
	    "       orden whistle settings --db PATH [--tenant HOST] [--ack-days N]\n"
	    "                              [--remind-ack-days N] [--remind-feedback-days N]\n\n"
	    "settings      show, or change, the days to acknowledge receipt of a report\n"
	    "              (default 7) and how many days before the acknowledgement and\n"
	    "              the 3-month feedback deadlines handlers are reminded\n"
	    "recovery-key  make the municipality's recovery key when it has none, and\n"
	    "              print its secret once, to be printed and locked away offline.\n"
	    "              Refused when the municipality already has one.\n"
	    "reseal        with the recovery key (FILE, or - to read it from standard\n"
	    "              input), give every current case handler who has a key but no\n"
	    "              copy of a case's key (after a password reset) that copy again,\n"
	    "              and route every open case with no active handler left (see\n"
	    "              orden check whistle) on to new receivers, as a recusal would.\n"
	    "              Prints how many were given. Run it on the server, offline key\n"
	    "              in hand, then take the key away again.\n\n"
	    "  --db PATH            database file (or $ORDEN_DB)\n"
	    "  --tenant HOST        the municipality (by host); needed when there are several\n"
	    "  --recovery-key FILE  the saved or typed-in recovery key ('#' lines are ignored)\n"
	    "  --help               show this help\n\n"
	    "Exit status: 0 done, 1 failed, 2 usage.\n"));
}

/* Read at most KEYFILE_MAX bytes of path ("-": stdin) into out (NUL-
 * terminated). 0 or -1. */
static int
read_keyfile(const char *path, char *out, size_t outsz)
{
	FILE	*f;
	size_t	 n;
	int	 rc = -1;

	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (f == NULL)
		return -1;
	n = fread(out, 1, outsz - 1, f);
	if (!ferror(f) && (n < outsz - 1 || fgetc(f) == EOF)) {
		out[n] = '\0';
		rc = 0;
	}
	if (f != stdin)
		fclose(f);
	return rc;
}

static int
cmd_recovery_key(struct cli_env *e)
{
	char	secret[VAULT_RECOVERY_MAX];
	int	rc, ret = CLI_FAIL;

	rc = vault_recovery_create(&e->ctx, secret, sizeof(secret));
	if (rc == -2) {
		ret = cli_fail(CMD, "%s", _("this municipality already has a recovery key; "
		    "it is not replaced, because every case key is sealed to it"));
		goto out;
	}
	if (rc != 0) {
		ret = cli_fail(CMD, "%s", _("cannot create the recovery key"));
		goto out;
	}
	cli_recovery_print(stdout, e->ctx.tenant_name, secret);
	ret = CLI_OK;
out:
	sodium_memzero(secret, sizeof(secret));
	return ret;
}

static int
cmd_reseal(struct cli_env *e, const char *keyfile)
{
	char		 text[KEYFILE_MAX + 1];
	unsigned char	 sk[VAULT_SK], pk[VAULT_PK], have[VAULT_PK];
	int		 n, ret = CLI_FAIL;

	if (read_keyfile(keyfile, text, sizeof(text)) != 0) {
		ret = cli_fail(CMD, _("cannot read the recovery key from %s"), keyfile);
		goto out;
	}
	if (vault_recovery_parse(text, sk) != 0) {
		ret = cli_fail(CMD, "%s", _("that is not a recovery key (or it has a typing "
		    "mistake: check each group of four)"));
		goto out;
	}
	if (vault_recovery_public(&e->ctx, have) != 0) {
		ret = cli_fail(CMD, "%s", _("this municipality has no recovery key"));
		goto out;
	}
	if (crypto_scalarmult_base(pk, sk) != 0 ||
	    sodium_memcmp(pk, have, VAULT_PK) != 0) {
		ret = cli_fail(CMD, "%s", _("that recovery key belongs to another municipality "
		    "or an older key"));
		goto out;
	}
	if ((n = whistle_reseal(&e->ctx, sk)) < 0) {
		ret = cli_fail(CMD, "%s", _("resealing failed; nothing was changed"));
		goto out;
	}
	printf(ngettext("Gave %d case key to a handler.\n",
	    "Gave %d case keys to handlers.\n", (unsigned long)n), n);
	ret = CLI_OK;
out:
	sodium_memzero(text, sizeof(text));
	sodium_memzero(sk, sizeof(sk));
	return ret;
}

/* `settings`: each value < 0 is left as it is. */
static int
cmd_settings(struct cli_env *e, int ack, int remind_ack, int remind_feedback)
{
	struct wb_deadlines d;

	if (whistle_deadlines_get(&e->ctx, &d) != 0)
		return cli_fail(CMD, "%s", _("cannot read the settings"));
	if (ack >= 0 || remind_ack >= 0 || remind_feedback >= 0) {
		if (ack >= 0)
			d.ack_days = ack;
		if (remind_ack >= 0)
			d.remind_ack_days = remind_ack;
		if (remind_feedback >= 0)
			d.remind_feedback_days = remind_feedback;
		if (whistle_deadlines_set(&e->ctx, &d) != 0)
			return cli_fail(CMD, "%s", _("the days must be 1 to 90 "
			    "(reminders 0 to 90); nothing was changed"));
	}
	printf(_("acknowledge within: %d days\n"), d.ack_days);
	printf(_("remind before acknowledgement: %d days\n"), d.remind_ack_days);
	printf(_("remind before feedback (3 months): %d days\n"),
	    d.remind_feedback_days);
	return CLI_OK;
}

/* A whole number of days, 0..90, for an option; -2 when malformed. */
static int
days_arg(const char *s)
{
	int64_t v;

	return num_parse_i64(s, 0, 90, &v) == 0 ? (int)v : -2;
}

int
cli_whistle(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "recovery-key", required_argument, NULL, 'k' },
		{ "ack-days", required_argument, NULL, 'a' },
		{ "remind-ack-days", required_argument, NULL, 'r' },
		{ "remind-feedback-days", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env	 e;
	const char	*action, *db = NULL, *host = NULL, *keyfile = NULL;
	int		 c, rc, ret = CLI_FAIL, ack = -1, rack = -1, rfb = -1;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help();
		return CLI_OK;
	}
	if (argc < 2 || (strcmp(argv[1], "recovery-key") != 0 &&
	    strcmp(argv[1], "reseal") != 0 && strcmp(argv[1], "settings") != 0))
		return cli_usage(CMD, "%s", _("give recovery-key, reseal or settings"));
	action = argv[1];
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:k:a:r:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
		case 'r':
		case 'f':
			if (days_arg(optarg) < 0)
				return cli_usage(CMD, _("--%s takes a number of days "
				    "from 0 to 90"), c == 'a' ? "ack-days" : c == 'r' ?
				    "remind-ack-days" : "remind-feedback-days");
			*(c == 'a' ? &ack : c == 'r' ? &rack : &rfb) = days_arg(optarg);
			break;
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
		case 'k': keyfile = optarg; break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if (strcmp(action, "reseal") == 0 && (keyfile == NULL || *keyfile == '\0'))
		return cli_usage(CMD, "%s", _("--recovery-key FILE is required"));
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (auth_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));
	if (cli_env_open(&e, db, host, CLI_ENV_TENANT) != CLI_OK)
		goto out;
	if (strcmp(action, "recovery-key") == 0)
		ret = cmd_recovery_key(&e);
	else if (strcmp(action, "settings") == 0)
		ret = cmd_settings(&e, ack, rack, rfb);
	else
		ret = cmd_reseal(&e, keyfile);
out:
	cli_env_close(&e);
	return ret;
}
