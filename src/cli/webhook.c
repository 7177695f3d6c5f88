/* webhook.c: `orden webhook add|list|remove|test|deliveries`: the systems
 * outside Orden that hear what happens in it (webhook/), and the options
 * of serve's webhook sender. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "i18n/i18n.h"
#include "util/num.h"
#include "webhook/webhook.h"

#define CMD "webhook"

static void
help(void)
{
	int i;

	printf("%s", _("Usage: orden webhook add --db PATH --url URL --events LIST [--tenant HOST]\n"
	    "       orden webhook list --db PATH [--tenant HOST]\n"
	    "       orden webhook remove --db PATH --id ID [--tenant HOST]\n"
	    "       orden webhook test --db PATH --id ID [--tenant HOST]\n"
	    "       orden webhook deliveries --db PATH [--id ID] [--tenant HOST]\n\n"
	    "Webhooks: Orden posts a signed JSON message to URL when one of the\n"
	    "events happens (never anything of a whistleblowing case).\n\n"
	    "add         subscribe URL (https) to LIST, event names separated by\n"
	    "            commas. Prints the signing secret: it is shown only once.\n"
	    "list        the subscriptions and their deliveries in numbers\n"
	    "remove      stop a subscription; deliveries not yet sent are dropped\n"
	    "test        send a \"ping\" delivery to the subscription now\n"
	    "deliveries  the newest deliveries, with the receiver's status code\n"
	    "  --allow-private  (add) accept an http:// or private address, as\n"
	    "            serve --webhook-allow-private does (tests, a receiver on\n"
	    "            this host)\n\n"
	    "Events:\n"));
	for (i = 0; i < WH_EVENT_MAX; i++)
		if (i != WH_PING)
			printf("  %s\n", webhook_event_name((enum wh_event)i));
}

int
cli_webhook_options(const char *const opt[4], struct webhook_config *cfg)
{
	const char	*v;
	int64_t		 n;

	memset(cfg, 0, sizeof(*cfg));
	v = getenv("ORDEN_WEBHOOK_ALLOW_PRIVATE");
	webhook_allow_private(opt[0] != NULL ||
	    (v != NULL && strcmp(v, "1") == 0));
	if ((v = opt[1]) == NULL && (v = getenv("ORDEN_WEBHOOK_TRIES")) == NULL)
		v = "8";
	if (num_parse_i64(v, 1, 100, &n) < 0)
		return cli_usage("serve", "%s", _("--webhook-tries must be a number from 1 to 100"));
	cfg->tries = (int)n;
	if ((v = opt[2]) == NULL && (v = getenv("ORDEN_WEBHOOK_RETRY")) == NULL)
		v = "60";
	if (num_parse_i64(v, 1, 86400, &n) < 0)
		return cli_usage("serve", "%s", _("--webhook-retry must be a number of seconds from 1 to 86400"));
	cfg->retry = (int)n;
	if ((v = opt[3]) == NULL && (v = getenv("ORDEN_WEBHOOK_POLL")) == NULL)
		v = "5";
	if (num_parse_i64(v, 1, 3600, &n) < 0)
		return cli_usage("serve", "%s", _("--webhook-poll must be a number of seconds from 1 to 3600"));
	cfg->poll = (int)n;
	cfg->timeout = WH_TIMEOUT_DEFAULT;
	return CLI_OK;
}

static int
do_list(struct cli_env *e)
{
	struct webhook	*v;
	size_t		 n, i;

	if (webhook_list(&e->ctx, &v, &n) != WH_OK)
		return cli_fail(CMD, "%s", _("cannot read the webhooks"));
	printf("%s\n", _("ID\tURL\tEVENTS\tWAITING\tSENT\tFAILED"));
	for (i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%lld\t%lld\t%lld\n", (long long)v[i].id,
		    v[i].url, webhook_events_format(&e->ctx, v[i].events),
		    (long long)v[i].pending, (long long)v[i].sent,
		    (long long)v[i].failed);
	return CLI_OK;
}

static int
do_deliveries(struct cli_env *e, int64_t id)
{
	struct wh_delivery	*v;
	size_t			 n, i;

	if (webhook_deliveries(&e->ctx, id, WH_DELIVERIES_SHOWN, &v, &n)
	    != WH_OK)
		return cli_fail(CMD, "%s", _("cannot read the deliveries"));
	printf("%s\n", _("ID\tWEBHOOK\tEVENT\tDELIVERY\tSTATE\tTRIES\tSTATUS\tERROR"));
	for (i = 0; i < n; i++)
		printf("%lld\t%lld\t%s\t%s\t%s\t%lld\t%lld\t%s\n",
		    (long long)v[i].id, (long long)v[i].webhook_id, v[i].event,
		    v[i].delivery_id, v[i].sent_at > 0 ? "sent" :
		    v[i].failed_at > 0 ? "failed" : "waiting",
		    (long long)v[i].tries, (long long)v[i].status, v[i].error);
	return CLI_OK;
}

int
cli_webhook(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenant", required_argument, NULL, 't' },
		{ "url", required_argument, NULL, 'u' },
		{ "events", required_argument, NULL, 'e' },
		{ "id", required_argument, NULL, 'i' },
		{ "allow-private", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const actions[] = { "add", "list", "remove", "test",
	    "deliveries" };
	struct cli_env	 e;
	const char	*action = NULL, *db = NULL, *host = NULL, *url = NULL,
			*events = NULL, *ids = NULL, *bad, *field, *why;
	char		 secret[WH_SECRET_HEX] = "";
	unsigned	 mask = 0;
	int64_t		 id = 0;
	size_t		 i;
	int		 c, rc, ret = CLI_FAIL;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		help();
		return CLI_OK;
	}
	for (i = 0; argc >= 2 && i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(argv[1], actions[i]) == 0)
			action = actions[i];
	if (action == NULL)
		return cli_usage(CMD, "%s", _("give add, list, remove, test or deliveries"));
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:t:u:e:i:ph", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': host = optarg; break;
		case 'u': url = optarg; break;
		case 'e': events = optarg; break;
		case 'i': ids = optarg; break;
		case 'p': webhook_allow_private(1); break;
		case 'h': help(); return CLI_OK;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((db = cli_db_path(db)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	if ((strcmp(action, "remove") == 0 || strcmp(action, "test") == 0) &&
	    ids == NULL)
		return cli_usage(CMD, "%s", _("--id ID is required"));
	if (ids != NULL && num_parse_i64(ids, 1, INT64_MAX, &id) < 0)
		return cli_usage(CMD, "%s", _("--id must be a webhook's number"));
	if (strcmp(action, "add") == 0) {
		if (url == NULL || webhook_url_check(url, &why) != 0)
			return cli_usage(CMD, "--url: %s", url == NULL ?
			    _("give the receiver's address (https://...)") :
			    _(why));
		if (events == NULL)
			return cli_usage(CMD, "%s", _("--events LIST is required (see orden webhook --help)"));
	}
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	if (cli_env_open(&e, db, host, CLI_ENV_TENANT) != CLI_OK)
		goto out;
	if (strcmp(action, "list") == 0) {
		ret = do_list(&e);
		goto out;
	}
	if (strcmp(action, "deliveries") == 0) {
		ret = do_deliveries(&e, id);
		goto out;
	}
	if (strcmp(action, "remove") == 0 || strcmp(action, "test") == 0) {
		rc = strcmp(action, "remove") == 0 ? webhook_remove(&e.ctx, id) :
		    webhook_test(&e.ctx, id);
		if (rc == WH_NOTFOUND)
			cli_fail(CMD, _("no webhook %lld in %s"), (long long)id,
			    e.tenant.name);
		else if (rc != WH_OK)
			cli_fail(CMD, "%s", _("the database refused the change"));
		else {
			printf(strcmp(action, "remove") == 0 ?
			    _("Webhook %lld removed.\n") :
			    _("A ping to webhook %lld waits for the server to send it.\n"),
			    (long long)id);
			ret = CLI_OK;
		}
		goto out;
	}
	if (webhook_events_parse(&e.ctx, events, &mask, &bad) != 0) {
		ret = cli_usage(CMD, _("--events: unknown event %s (see orden webhook --help)"),
		    bad);
		goto out;
	}
	rc = webhook_add(&e.ctx, url, mask, &id, secret, &field, &why);
	if (rc == WH_INVALID) {
		ret = cli_usage(CMD, "--%s: %s", field, _(why));
		goto out;
	}
	if (rc != WH_OK) {
		cli_fail(CMD, "%s", _("the database refused the change"));
		goto out;
	}
	printf(_("Webhook %lld added to %s.\n"
	    "Its signing secret, shown only now (keep it in the receiver):\n%s\n"),
	    (long long)id, e.tenant.name, secret);
	ret = CLI_OK;
out:
	sodium_memzero(secret, sizeof(secret));
	cli_env_close(&e);
	return ret;
}
