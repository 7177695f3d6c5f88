/* sender.c: the thread of `orden serve` that posts webhook deliveries
 * (webhook.h). Like the mail sender: every `poll` seconds it takes the
 * rows that are due, for all municipalities, and posts each; a row is
 * marked sent only after the receiver answered 2xx, so a server killed
 * mid-send posts it again after the restart (at least once, with the same
 * Orden-Delivery id and body; a new signature time). A failure waits
 * `retry` seconds, doubled after each try, and after `tries` the row is
 * marked failed for the admin page. No transaction is open while the
 * receiver is talked to. */
#include "webhook/webhook.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "tenant_each.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/periodic.h"
#include "webhook/wh_int.h"

#define RETRY_MAX	(6 * 3600)
#define SENDER_ARENA	(1u * 1024u * 1024u)
#define ANSWER_MAX	4096	/* bytes of an answer read, the rest dropped */

static const char SQL_DUE[] =
    "SELECT tenant_id, id FROM webhook_deliveries WHERE sent_at IS NULL"
    " AND failed_at IS NULL AND due_at <= $1 ORDER BY due_at, id LIMIT $2";
static const char SQL_ROW[] =
    "SELECT d.event, d.delivery_id, d.payload, d.tries, w.url, w.secret,"
    " w.removed_at FROM webhook_deliveries d JOIN webhooks w"
    " ON w.tenant_id = d.tenant_id AND w.id = d.webhook_id"
    " WHERE d.tenant_id = $1 AND d.id = $2 AND d.sent_at IS NULL"
    " AND d.failed_at IS NULL";
static const char SQL_SENT[] =
    "UPDATE webhook_deliveries SET sent_at = $3, tries = tries + 1,"
    " last_status = $4, last_error = NULL WHERE tenant_id = $1 AND id = $2";
static const char SQL_AGAIN[] =
    "UPDATE webhook_deliveries SET tries = tries + 1, due_at = $3,"
    " last_status = $4, last_error = $5 WHERE tenant_id = $1 AND id = $2";
static const char SQL_GIVE_UP[] =
    "UPDATE webhook_deliveries SET tries = tries + 1, due_at = $3,"
    " last_status = $4, last_error = $5, failed_at = $6"
    " WHERE tenant_id = $1 AND id = $2";

static struct {
	struct webhook_config	 cfg;
	struct periodic		 loop;		/* the sender thread */
} S;

/* Mark delivery id sent (ok), or tried once more (failed after the last
 * try, or at once when last). status: the receiver's code, 0 for none. */
static int
mark(struct ctx *ctx, int64_t id, int ok, int64_t tries, long status,
    const char *err, int last)
{
	struct dbstmt	*st;
	int64_t		 wait;
	int		 rc;

	last = last || tries + 1 >= (int64_t)S.cfg.tries;
	wait = (int64_t)S.cfg.retry << (tries < 20 ? tries : 20);
	if (wait > RETRY_MAX || wait <= 0)
		wait = RETRY_MAX;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, ok ? SQL_SENT :
	    last ? SQL_GIVE_UP : SQL_AGAIN, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	if (ok) {
		db_bind_int(st, 3, ctx->now);
		db_bind_int(st, 4, status);
	} else {
		db_bind_int(st, 3, ctx->now + wait);
		if (status > 0)
			db_bind_int(st, 4, status);
		else
			db_bind_null(st, 4);
		db_bind_text(st, 5, err);
		if (last)
			db_bind_int(st, 6, ctx->now);
	}
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

static size_t
drop_answer(char *p, size_t size, size_t nmemb, void *arg)
{
	size_t *seen = arg;

	(void)p;
	*seen += size * nmemb;
	/* Enough to know the answer; a receiver that streams is cut. */
	return *seen > ANSWER_MAX ? 0 : size * nmemb;
}

/* The socket for each address curl connects to: refused when the address
 * is private and the operator did not allow such (the address actually
 * connected to, after resolution; DNS rebinding changes nothing). */
static curl_socket_t
open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	int *refused = arg;

	(void)purpose;
	if (!webhook_private_allowed() && wh_addr_private(&a->addr)) {
		*refused = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

/* POST body to url. 1 when the receiver took it (2xx), 0 when not, with
 * *status (0: no answer) and err. */
static int
post(const char *url, const char *secret, const char *event,
    const char *did, const char *body, long *status, char *err, size_t errsz)
{
	struct curl_slist	*h = NULL, *t;
	char			 sig[WH_SIG_MAX], line[WH_SIG_MAX + 64];
	size_t			 seen = 0;
	int			 refused = 0, i;
	CURL			*c;
	CURLcode		 cc;
	const char		*hdr[4];

	*status = 0;
	err[0] = '\0';
	wh_sign(secret, clock_now(), body, strlen(body), sig);
	hdr[0] = "Content-Type: application/json";
	hdr[1] = "User-Agent: Orden-Webhook/1";
	hdr[2] = "Expect:";
	hdr[3] = NULL;
	for (i = 0; i < 3; i++) {
		if ((t = curl_slist_append(h, hdr[i])) == NULL)
			goto oom;
		h = t;
	}
	snprintf(line, sizeof(line), "Orden-Signature: %s", sig);
	if ((t = curl_slist_append(h, line)) == NULL)
		goto oom;
	h = t;
	snprintf(line, sizeof(line), "Orden-Delivery: %s", did);
	if ((t = curl_slist_append(h, line)) == NULL)
		goto oom;
	h = t;
	snprintf(line, sizeof(line), "Orden-Event: %s", event);
	if ((t = curl_slist_append(h, line)) == NULL)
		goto oom;
	h = t;
	if ((c = curl_easy_init()) == NULL)
		goto oom;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, webhook_private_allowed() ?
	    "http,https" : "https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)S.cfg.timeout);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)S.cfg.timeout);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, drop_answer);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &seen);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &refused);
	/* No proxy from the environment: the address checked is the one
	 * connected to. */
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	if (refused && cc != CURLE_OK)
		snprintf(err, errsz, "%s", "refused: a private or local address");
	else if (cc != CURLE_OK && cc != CURLE_WRITE_ERROR)
		snprintf(err, errsz, "%s", curl_easy_strerror(cc));
	else if (*status < 200 || *status > 299)
		snprintf(err, errsz, "HTTP %ld", *status);
	else
		return 1;
	return 0;
oom:
	curl_slist_free_all(h);
	snprintf(err, errsz, "%s", "out of memory");
	return 0;
}

/* Post delivery id of the tenant in ctx (t). 0 or a DB_* error. */
static int
send_row(struct ctx *ctx, const struct tenant *t, int64_t id)
{
	struct dbstmt	*st;
	const char	*event, *did, *body, *url, *stored;
	char		 err[256], num[32], secret[WH_SECRET_HEX];
	int64_t		 tries;
	long		 status;
	int		 rc, removed, ok;

	(void)t;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ROW, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? 0 : DB_ERR;
	}
	event = arena_strdup(ctx->arena, db_col_text(st, 0));
	did = arena_strdup(ctx->arena, db_col_text(st, 1));
	body = arena_strdup(ctx->arena, db_col_text(st, 2));
	tries = db_col_int(st, 3);
	url = arena_strdup(ctx->arena, db_col_text(st, 4));
	stored = arena_strdup(ctx->arena, db_col_text(st, 5));
	removed = !db_col_is_null(st, 6);
	db_reset(st);
	if (event == NULL || did == NULL || body == NULL || url == NULL ||
	    stored == NULL)
		return DB_ERR;
	if (removed)
		return mark(ctx, id, 0, tries, 0, "webhook removed", 1);
	/* A secret that does not open (its audit key gone) cannot sign:
	 * failed at once, and the admin page says why. */
	if (wh_secret_open(ctx, stored, secret) != 0)
		return mark(ctx, id, 0, tries, 0, "the signing secret does not open", 1);
	ok = post(url, secret, event, did, body, &status, err, sizeof(err));
	sodium_memzero(secret, sizeof(secret));
	ctx->now = clock_now();
	if (!ok) {
		/* The row's number and the reason, never the URL (it may
		 * carry a token in its path). */
		snprintf(num, sizeof(num), "%lld", (long long)id);
		log_event("webhook_failed", "delivery", num, "error", err, NULL);
	}
	return mark(ctx, id, ok, tries, status, err, 0);
}

/* The outbox's look, shared with the mail sender; db is set at start. */
static struct tenant_outbox OUTBOX = {
	.sql_due = SQL_DUE,
	.who = "webhook",
	.fail_event = "webhook_outbox_failed",
	.arena_max = SENDER_ARENA,
	.send = send_row,
};

int
webhook_start(struct db *db, const struct webhook_config *cfg)
{

	S.cfg = *cfg;
	if (S.cfg.tries < 1)
		S.cfg.tries = WH_TRIES_DEFAULT;
	if (S.cfg.retry < 1)
		S.cfg.retry = WH_RETRY_DEFAULT;
	if (S.cfg.poll < 1)
		S.cfg.poll = WH_POLL_DEFAULT;
	if (S.cfg.timeout < 1)
		S.cfg.timeout = WH_TIMEOUT_DEFAULT;
	OUTBOX.db = db;
	return periodic_start(&S.loop, tenant_outbox_run, &OUTBOX,
	    S.cfg.poll);
}

void
webhook_stop(void)
{
	periodic_stop(&S.loop);
}
