/* serve.c: `orden serve`: configuration from flags, then the environment,
 * then built-in defaults; then the database, translations, crypto and the
 * HTTP server, which runs until SIGTERM or SIGINT. Beside it a ticker
 * thread checks deviation deadlines for every tenant at start and then
 * once a minute, on a connection of its own; with --smtp-url a sender
 * thread mails what the notifications outbox holds (notify/mail.h). */
#include "cli/cli.h"

#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <sodium.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "audit/audit.h"
#include "auth/auth.h"
#include "http/http.h"
#include "http/proxy.h"
#include "sso/sso.h"
#include "i18n/i18n.h"
#include "notify/mail.h"
#include "webhook/webhook.h"
#include "store/store.h"
#include "util/linkbase.h"
#include "util/log.h"
#include "util/memlimit.h"
#include "util/num.h"
#include "util/periodic.h"

#define CMD "serve"
#define SERVE_THREADS_MAX 256
#define TICK_SECONDS	60

/* The deadline ticker: one run of every tenant's clocks, each minute. A
 * connection only for the run, so a request never waits on the ticker
 * between runs. */
static void
tick_run(void *arg)
{
	struct db	*db = arg;
	struct dbconn	*c;
	int64_t		 total;

	/* Notification texts are written in the tenant's default language. */
	i18n_use("nb");
	c = db_acquire(db);
	(void)cli_tick_tenants(db, c, NULL, NULL, &total);
	db_release(db, c);
}

#ifndef ORDEN_STATIC_DIR
#define ORDEN_STATIC_DIR "static"
#endif
#ifndef ORDEN_LOCALE_DIR
#define ORDEN_LOCALE_DIR "locale"
#endif

static void
help(void)
{
	printf("%s", _("Usage: orden serve --db PATH [--listen HOST:PORT] [--threads N]\n"
	    "                   [--static DIR] [--port-file FILE] [--secure-cookies]\n"
	    "                   [--log-addresses none|hashed|full] [--metrics-token-file FILE]\n\n"
	    "Serve the web UI and the JSON API until SIGTERM or SIGINT, then finish\n"
	    "the requests in flight and exit 0. Deviation deadlines (reminders and\n"
	    "escalation) are checked at start and then every minute.\n\n"
	    "  --db PATH          database file ($ORDEN_DB)\n"
	    "  --listen HOST:PORT address to listen on ($ORDEN_LISTEN; default\n"
	    "                     127.0.0.1:8080; port 0 picks a free port)\n"
	    "  --threads N        worker threads and database connections\n"
	    "                     ($ORDEN_THREADS; default 4)\n"
	    "  --static DIR       static files served under /static/ ($ORDEN_STATIC_DIR)\n"
	    "  --port-file FILE   write the bound port to FILE ($ORDEN_PORT_FILE)\n"
	    "  --secure-cookies   mark cookies Secure, for TLS terminated in front\n"
	    "                     ($ORDEN_SECURE_COOKIES=1)\n"
	    "  --log-addresses M  client addresses in the access log ($ORDEN_LOG_ADDRESSES):\n"
	    "                     none (default), hashed (a tag that changes at every\n"
	    "                     start) or full; never for static files, 404s, public\n"
	    "                     and whistleblowing pages, nor anyone not signed in\n"
	    "  --metrics-token-file FILE  /metrics answers only with\n"
	    "                     \"Authorization: Bearer <the token in FILE>\"\n"
	    "                     ($ORDEN_METRICS_TOKEN_FILE; without it /metrics is 404)\n"
	    "  --help             show this help\n\n"
	    "Also read: ORDEN_LOCALE_DIR (compiled translations), ORDEN_CLOCK_OFFSET\n"
	    "(seconds added to the clock, for tests), ORDEN_TEST_FAST_HASH=1 (cheap\n"
	    "password hashing, for tests only).\n"));
	printf("%s", _("\nThe audit chain is keyed with the key in $ORDEN_AUDIT_KEY, else in\n"
	    "DB.audit-key beside a SQLite database (made at the first start, 0600).\n"
	    "On PostgreSQL set ORDEN_AUDIT_KEY, or the chain is not keyed.\n"));
	printf("%s", _("\nBehind a reverse proxy (TLS termination):\n"
	    "  --trusted-proxy CIDR  take the client's address from X-Forwarded-For\n"
	    "                     (its right-most hop that is not a trusted proxy),\n"
	    "                     but only on connections from CIDR; repeatable or a\n"
	    "                     comma list, e.g. 127.0.0.1,10.0.0.0/24\n"
	    "                     ($ORDEN_TRUSTED_PROXY). Without it the header is\n"
	    "                     ignored: login delays then count the proxy's address.\n"));
	printf("%s", _("\nLimits:\n"
	    "  --per-address N    connections one client address may hold\n"
	    "                     ($ORDEN_PER_ADDRESS; default 64; behind a proxy\n"
	    "                     raise it and let the proxy limit per client)\n"
	    "  --upload-space MB  uploads held on disk at once; beyond it 503\n"
	    "                     ($ORDEN_UPLOAD_SPACE; default 1024). Large uploads\n"
	    "                     wait in unlinked files beside the database ($TMPDIR\n"
	    "                     for PostgreSQL)\n"));
	printf("%s", _("\nCache of whole answers (dashboard, lists, statistics, exports):\n"
	    "  --cache-size MB    memory for stored answers ($ORDEN_CACHE_SIZE;\n"
	    "                     default 64; 0: no cache)\n"
	    "  --cache-max-age S  the oldest answer served again, in seconds: an\n"
	    "                     answer is never served after a change to the\n"
	    "                     data, but time alone changes \"overdue\" and\n"
	    "                     \"today\" ($ORDEN_CACHE_MAX_AGE; default 5; 0: no cache)\n"));
	printf("%s", _("\nE-mail (notifications; nothing is mailed without --smtp-url):\n"
	    "  --smtp-url URL     the relay: smtp://HOST:587 (STARTTLS) or\n"
	    "                     smtps://HOST:465 ($ORDEN_SMTP_URL)\n"
	    "  --smtp-from ADDR   the sender's address ($ORDEN_SMTP_FROM)\n"
	    "  --smtp-user USER   sign in to the relay as USER ($ORDEN_SMTP_USER)\n"
	    "  --smtp-password-file FILE  its password, the first line of FILE\n"
	    "                     ($ORDEN_SMTP_PASSWORD_FILE)\n"
	    "  --smtp-tls M       require (default: STARTTLS or smtps, else no mail\n"
	    "                     is sent) or none (a relay on this host only)\n"
	    "                     ($ORDEN_SMTP_TLS)\n"
	    "  --public-url URL   where links in e-mails, webhooks and calendar\n"
	    "                     feeds point, e.g.\n"
	    "                     https://orden.kommune.no ($ORDEN_PUBLIC_URL;\n"
	    "                     default: https://<the municipality's host>)\n"
	    "  --mail-tries N     tries before a mail is marked failed ($ORDEN_MAIL_TRIES;\n"
	    "                     default 8)\n"
	    "  --mail-retry SECONDS  first wait after a failed try, doubled after\n"
	    "                     each, at most 6 hours ($ORDEN_MAIL_RETRY; default 60)\n"
	    "  --mail-poll SECONDS  how often the outbox is read ($ORDEN_MAIL_POLL;\n"
	    "                     default 10)\n"
	    "A relay that refuses is reported at start and on the admin page\n"
	    "(/admin/mail); Orden runs on and keeps the mail until it is taken.\n"));
	printf("%s", _("\nWebhooks (subscribed with `orden webhook add` or on /admin/webhooks):\n"
	    "  --webhook-allow-private  let webhooks reach loopback, private and\n"
	    "                     link-local addresses, and plain http\n"
	    "                     ($ORDEN_WEBHOOK_ALLOW_PRIVATE=1; default: refused)\n"
	    "  --webhook-tries N  tries before a delivery is marked failed\n"
	    "                     ($ORDEN_WEBHOOK_TRIES; default 8)\n"
	    "  --webhook-retry SECONDS  first wait after a failed try, doubled after\n"
	    "                     each, at most 6 hours ($ORDEN_WEBHOOK_RETRY; default 60)\n"
	    "  --webhook-poll SECONDS  how often deliveries are looked for\n"
	    "                     ($ORDEN_WEBHOOK_POLL; default 5)\n"));
}

/* The flag, else the environment variable, else the default. */
static const char *
pick(const char *flag, const char *env, const char *def)
{
	const char *v;

	if (flag != NULL)
		return flag;
	v = getenv(env);
	return (v != NULL && *v != '\0') ? v : def;
}

/* Read the /metrics token from path (its first line). */
static int
metrics_token(const char *path)
{
	FILE	*f;
	char	 line[512];
	int	 rc;

	if ((f = fopen(path, "r")) == NULL)
		return cli_fail(CMD, _("cannot read the metrics token file %s"), path);
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	rc = api_metrics_set_token(line);
	sodium_memzero(line, sizeof(line));
	if (rc != 0)
		return cli_usage(CMD, _("the metrics token in %s must be at least %d characters"),
		    path, API_METRICS_TOKEN_MIN);
	return CLI_OK;
}

/* Where large uploads wait: beside a SQLite database (the data directory,
 * 0700, on a disk meant for the data), else $TMPDIR or /tmp. */
static const char *
spool_dir(const char *db, char *out, size_t outsz)
{
	const char	*slash, *tmp;
	int		 n;

	if (strstr(db, "://") == NULL && strncmp(db, "postgres", 8) != 0) {
		if ((slash = strrchr(db, '/')) == NULL)
			return ".";
		if (slash == db)
			return "/";
		n = snprintf(out, outsz, "%.*s", (int)(slash - db), db);
		if (n > 0 && (size_t)n < outsz)
			return out;
	}
	tmp = getenv("TMPDIR");
	return tmp != NULL && *tmp == '/' ? tmp : "/tmp";
}

/* Fetch every identity provider's discovery document and keys once. */
static void *
sso_check_thread(void *arg)
{
	struct db	*db = arg;
	struct dbconn	*c = db_acquire(db);

	if (c != NULL) {
		sso_check_all(db, c);
		db_release(db, c);
	}
	return NULL;
}

/* The e-mail options (flags in opt[], else the environment) into cfg;
 * the password file's first line into pw; --public-url (every outside
 * link's base, util/linkbase.h) into *public_url. CLI_OK or a usage
 * error. */
static int
mail_options(const char *const opt[9], struct mail_config *cfg, char *pw,
    size_t pwsz, const char **public_url)
{
	const char	*pfile, *tls, *v;
	int64_t		 n;
	FILE		*f;
	size_t		 len;

	memset(cfg, 0, sizeof(*cfg));
	pw[0] = '\0';
	cfg->smtp_url = pick(opt[0], "ORDEN_SMTP_URL", NULL);
	cfg->from = pick(opt[1], "ORDEN_SMTP_FROM", NULL);
	cfg->user = pick(opt[2], "ORDEN_SMTP_USER", NULL);
	pfile = pick(opt[3], "ORDEN_SMTP_PASSWORD_FILE", NULL);
	tls = pick(opt[4], "ORDEN_SMTP_TLS", "require");
	*public_url = pick(opt[5], "ORDEN_PUBLIC_URL", NULL);
	if (strcmp(tls, "require") == 0)
		cfg->tls = MAIL_TLS_REQUIRE;
	else if (strcmp(tls, "none") == 0)
		cfg->tls = MAIL_TLS_NONE;
	else
		return cli_usage(CMD, _("--smtp-tls must be require or none, not %s"), tls);
	v = pick(opt[6], "ORDEN_MAIL_TRIES", "8");
	if (num_parse_i64(v, 1, 100, &n) < 0)
		return cli_usage(CMD, "%s", _("--mail-tries must be a number from 1 to 100"));
	cfg->tries = (int)n;
	v = pick(opt[7], "ORDEN_MAIL_RETRY", "60");
	if (num_parse_i64(v, 1, 86400, &n) < 0)
		return cli_usage(CMD, "%s", _("--mail-retry must be a number of seconds from 1 to 86400"));
	cfg->retry = (int)n;
	v = pick(opt[8], "ORDEN_MAIL_POLL", "10");
	if (num_parse_i64(v, 1, 3600, &n) < 0)
		return cli_usage(CMD, "%s", _("--mail-poll must be a number of seconds from 1 to 3600"));
	cfg->poll = (int)n;
	if (*public_url != NULL && strncmp(*public_url, "https://", 8) != 0 &&
	    strncmp(*public_url, "http://", 7) != 0)
		return cli_usage(CMD, _("--public-url wants an http:// or https:// address, not %s"),
		    *public_url);
	if (cfg->smtp_url == NULL)
		return CLI_OK;
	if (strncmp(cfg->smtp_url, "smtp://", 7) != 0 &&
	    strncmp(cfg->smtp_url, "smtps://", 8) != 0)
		return cli_usage(CMD, _("--smtp-url wants smtp://HOST:PORT or smtps://HOST:PORT, not %s"),
		    cfg->smtp_url);
	if (cfg->from == NULL || strchr(cfg->from, '@') == NULL ||
	    strpbrk(cfg->from, "<>\r\n\" ") != NULL)
		return cli_usage(CMD, "%s", _("--smtp-from wants the sender's e-mail address"));
	if (pfile != NULL) {
		if ((f = fopen(pfile, "r")) == NULL)
			return cli_fail(CMD, _("cannot read the SMTP password file %s"), pfile);
		if (fgets(pw, (int)pwsz, f) == NULL)
			pw[0] = '\0';
		fclose(f);
		len = strcspn(pw, "\r\n");
		pw[len] = '\0';
		cfg->password = pw;
	}
	return CLI_OK;
}

int
cli_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "static", required_argument, NULL, 's' },
		{ "port-file", required_argument, NULL, 'p' },
		{ "secure-cookies", no_argument, NULL, 'S' },
		{ "trusted-proxy", required_argument, NULL, 'P' },
		{ "log-addresses", required_argument, NULL, 'A' },
		{ "metrics-token-file", required_argument, NULL, 'M' },
		{ "per-address", required_argument, NULL, 'C' },
		{ "upload-space", required_argument, NULL, 'U' },
		{ "smtp-url", required_argument, NULL, 256 },
		{ "smtp-from", required_argument, NULL, 257 },
		{ "smtp-user", required_argument, NULL, 258 },
		{ "smtp-password-file", required_argument, NULL, 259 },
		{ "smtp-tls", required_argument, NULL, 260 },
		{ "public-url", required_argument, NULL, 261 },
		{ "mail-tries", required_argument, NULL, 262 },
		{ "mail-retry", required_argument, NULL, 263 },
		{ "mail-poll", required_argument, NULL, 264 },
		{ "webhook-allow-private", no_argument, NULL, 270 },
		{ "webhook-tries", required_argument, NULL, 271 },
		{ "webhook-retry", required_argument, NULL, 272 },
		{ "webhook-poll", required_argument, NULL, 273 },
		{ "cache-size", required_argument, NULL, 280 },
		{ "cache-max-age", required_argument, NULL, 281 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *mopt[9] = { NULL }, *wopt[4] = { NULL };
	struct webhook_config wcfg;
	struct mail_config mcfg;
	char mpw[512];
	const char *public_url = NULL;
	struct http_config cfg;
	struct http_trusted trusted;
	struct periodic ticker;
	pthread_t sso_thread;
	int sso_ok;
	struct db *db = NULL;
	const char *path = NULL, *listen = NULL, *threads = NULL,
	    *sdir = NULL, *pfile = NULL, *locale, *secure_env, *proxy_env,
	    *laddr = NULL, *mfile = NULL, *per_addr = NULL, *space = NULL,
	    *csize = NULL, *cage = NULL;
	enum log_addr_mode lmode;
	char spool[4096], keyfile[4096];
	const char *keypath;
	int c, rc, secure = 0;
	int64_t nthreads, nper, nspace, ncsize, ncage, nport;

	memset(&trusted, 0, sizeof(trusted));
	optind = 0;
	while ((c = getopt_long(argc, argv, ":d:l:t:s:p:SP:A:M:C:U:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': path = optarg; break;
		case 'l': listen = optarg; break;
		case 't': threads = optarg; break;
		case 's': sdir = optarg; break;
		case 'p': pfile = optarg; break;
		case 'S': secure = 1; break;
		case 'P':
			if (http_trusted_add(&trusted, optarg) != 0)
				return cli_usage(CMD, _("--trusted-proxy wants addresses or CIDR networks, not %s"),
				    optarg);
			break;
		case 'A': laddr = optarg; break;
		case 'M': mfile = optarg; break;
		case 'C': per_addr = optarg; break;
		case 'U': space = optarg; break;
		case 'h': help(); return CLI_OK;
		case 256: case 257: case 258: case 259: case 260: case 261:
		case 262: case 263: case 264:
			mopt[c - 256] = optarg;
			break;
		case 280: csize = optarg; break;
		case 281: cage = optarg; break;
		case 270: wopt[0] = "1"; break;
		case 271: case 272: case 273:
			wopt[c - 270] = optarg;
			break;
		default: return cli_bad_option(CMD, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage(CMD, _("unexpected argument %s"), argv[optind]);
	if ((path = cli_db_path(path)) == NULL)
		return cli_usage(CMD, "%s", _("--db PATH is required"));
	listen = pick(listen, "ORDEN_LISTEN", "127.0.0.1:8080");
	/* getaddrinfo takes a port above 65535 modulo 65536 (99999 listens
	 * on 34463), so the port is checked here. */
	if (strchr(listen, ':') == NULL ||
	    num_parse_i64(strrchr(listen, ':') + 1, 0, 65535, &nport) < 0)
		return cli_usage(CMD, _("--listen wants HOST:PORT, not %s"), listen);
	threads = pick(threads, "ORDEN_THREADS", "4");
	if (num_parse_i64(threads, 1, SERVE_THREADS_MAX, &nthreads) < 0)
		return cli_usage(CMD, _("--threads must be a number from 1 to %d"),
		    SERVE_THREADS_MAX);
	per_addr = pick(per_addr, "ORDEN_PER_ADDRESS", "64");
	if (num_parse_i64(per_addr, 1, 100000, &nper) < 0)
		return cli_usage(CMD, "%s", _("--per-address must be a number from 1 to 100000"));
	space = pick(space, "ORDEN_UPLOAD_SPACE", "1024");
	if (num_parse_i64(space, 16, 1024 * 1024, &nspace) < 0)
		return cli_usage(CMD, "%s", _("--upload-space must be a number of MB from 16 to 1048576"));
	csize = pick(csize, "ORDEN_CACHE_SIZE", "64");
	if (num_parse_i64(csize, 0, 1024 * 1024, &ncsize) < 0)
		return cli_usage(CMD, "%s", _("--cache-size must be a number of MB from 0 to 1048576"));
	cage = pick(cage, "ORDEN_CACHE_MAX_AGE", "5");
	if (num_parse_i64(cage, 0, 3600, &ncage) < 0)
		return cli_usage(CMD, "%s", _("--cache-max-age must be a number of seconds from 0 to 3600"));
	sdir = pick(sdir, "ORDEN_STATIC_DIR", ORDEN_STATIC_DIR);
	pfile = pick(pfile, "ORDEN_PORT_FILE", NULL);
	secure_env = getenv("ORDEN_SECURE_COOKIES");
	if (!secure && secure_env != NULL && strcmp(secure_env, "1") == 0)
		secure = 1;
	proxy_env = getenv("ORDEN_TRUSTED_PROXY");
	if (trusted.n == 0 && proxy_env != NULL && *proxy_env != '\0' &&
	    http_trusted_add(&trusted, proxy_env) != 0)
		return cli_usage(CMD, _("--trusted-proxy wants addresses or CIDR networks, not %s"),
		    proxy_env);
	laddr = pick(laddr, "ORDEN_LOG_ADDRESSES", "none");
	if (log_addr_mode_parse(laddr, &lmode) != 0)
		return cli_usage(CMD, _("--log-addresses must be none, hashed or full, not %s"),
		    laddr);
	mfile = pick(mfile, "ORDEN_METRICS_TOKEN_FILE", NULL);
	locale = pick(NULL, "ORDEN_LOCALE_DIR", ORDEN_LOCALE_DIR);
	if ((rc = mail_options(mopt, &mcfg, mpw, sizeof(mpw), &public_url))
	    != CLI_OK)
		return rc;
	if ((rc = cli_webhook_options(wopt, &wcfg)) != CLI_OK)
		return rc;
	/* Before any thread that writes a link: e-mails, webhooks, the
	 * calendar feed. */
	linkbase_set(public_url);
	if ((rc = cli_setup_env(CMD)) != CLI_OK)
		return rc;
	/* Before any thread starts: the arenas are chosen per thread. */
	if (mem_limits_apply() != 0)
		log_event("memory_settings_refused", "msg", "malloc refused the "
		    "server's arena and threshold settings; resident memory "
		    "may exceed its budget", NULL);

	if (i18n_init(locale) != 0)
		fprintf(stderr, _("orden serve: cannot load translations from %s; the UI will show English text\n"),
		    locale);
	if (auth_init() != 0 || sso_global_init() != 0)
		return cli_fail(CMD, "%s", _("cannot initialise the crypto library"));
	log_set_addresses(lmode);
	if (mfile != NULL && (rc = metrics_token(mfile)) != CLI_OK)
		return rc;
	/* Connections beyond the workers': the ticker's, the mail and the webhook
	 * sender's. */
	cli_db_tighten(path);
	keypath = audit_key_default(path, keyfile, sizeof(keyfile));
	if (audit_key_use(keypath) != 0)
		return cli_fail(CMD, "%s", _("out of memory"));
	if (db_open(&db, path, (int)nthreads + 3) != 0)
		return cli_fail(CMD, _("cannot open the database %s"), path);
	/* Every municipality has its audit key from now on (see audit.h);
	 * without a key file (PostgreSQL without $ORDEN_AUDIT_KEY) the
	 * chain stays unkeyed, and the log says so. */
	{
		struct dbconn *kc = db_acquire(db);

		rc = audit_keys_ensure(kc);
		db_release(db, kc);
		if (rc != 0) {
			db_close(db);
			return cli_fail(CMD, _("cannot create the audit key file %s"),
			    keypath != NULL ? keypath : "-");
		}
		if (keypath == NULL)
			log_event("audit_unkeyed", "msg", "set ORDEN_AUDIT_KEY to "
			    "a file outside the database to make the audit chain "
			    "unforgeable", NULL);
	}
	if (periodic_start(&ticker, tick_run, db, TICK_SECONDS) != 0)
		fprintf(stderr, "%s\n", _("orden serve: cannot start the deadline ticker; run `orden tick` from cron instead"));
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (mail_start(db, &mcfg) != 0)
		fprintf(stderr, "%s\n", _("orden serve: cannot start the mail sender; e-mail waits in the outbox"));
	sodium_memzero(mpw, sizeof(mpw));
	if (webhook_start(db, &wcfg) != 0)
		fprintf(stderr, "%s\n", _("orden serve: cannot start the webhook sender; deliveries wait"));

	memset(&cfg, 0, sizeof(cfg));
	cfg.listen = listen;
	cfg.threads = (int)nthreads;
	cfg.static_dir = sdir;
	cfg.port_file = pfile;
	cfg.secure = secure;
	cfg.trusted = &trusted;
	cfg.per_address = (unsigned)nper;
	cfg.spool_max = (size_t)nspace * 1024 * 1024;
	cfg.cache_bytes = (size_t)ncsize * 1024 * 1024;
	cfg.cache_max_age = (int)ncage;
	cfg.spool_dir = spool_dir(path, spool, sizeof(spool));
	/* The identity providers are checked beside the server, so a
	 * provider that does not answer delays nobody; failures are logged
	 * and shown on /admin/sso. */
	/* With SIGTERM blocked, as every other thread has it: a thread that
	 * takes it unblocked ends the process at once (CI: "server exited
	 * uncleanly (status 15)" when stopped while the check still ran). */
	{
		sigset_t	set, old;

		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGINT);
		pthread_sigmask(SIG_BLOCK, &set, &old);
		sso_ok = pthread_create(&sso_thread, NULL, sso_check_thread,
		    db) == 0;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	}
	rc = http_serve(db, &cfg);
	if (sso_ok)
		pthread_join(sso_thread, NULL);
	mail_stop();
	webhook_stop();
	periodic_stop(&ticker);
	db_close(db);
	sso_global_free();
	return rc == 0 ? CLI_OK : CLI_FAIL;
}
