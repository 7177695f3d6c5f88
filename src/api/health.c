/* health.c: liveness and metrics for operators and their monitoring.
 *
 * /metrics needs a bearer token the operator gives the server in a file
 * (--metrics-token-file): request counts per route tell a watcher when
 * people use the system. Without a token /metrics answers 404, so a
 * default installation publishes nothing. Only a BLAKE2b digest of the
 * token is kept, and the presented token is compared digest to digest in
 * constant time. */
#include "api/api.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "ctx.h"
#include "store/group.h"

static unsigned char	token_digest[crypto_generichash_BYTES];
static int		token_set;

static void
digest(const char *tok, size_t len, unsigned char out[crypto_generichash_BYTES])
{
	crypto_generichash(out, crypto_generichash_BYTES,
	    (const unsigned char *)tok, len, NULL, 0);
}

int
api_metrics_set_token(const char *tok)
{
	size_t len;

	if (tok == NULL) {
		token_set = 0;
		return 0;
	}
	len = strlen(tok);
	while (len > 0 && (tok[len - 1] == '\n' || tok[len - 1] == '\r' ||
	    tok[len - 1] == ' '))
		len--;
	if (len < API_METRICS_TOKEN_MIN)
		return -1;
	digest(tok, len, token_digest);
	token_set = 1;
	return 0;
}

void
api_healthz(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	resp->status = 200;
	resp->content_type = "text/plain; charset=utf-8";
	buf_puts(&resp->body, "ok\n");
}

void
api_metrics(struct http_req *req, struct http_resp *resp)
{
	unsigned char	 d[crypto_generichash_BYTES];
	const char	*a = req->authorization;
	unsigned long	 batches, requests;

	resp->content_type = "text/plain; charset=utf-8";
	if (!token_set) {
		resp->status = 404;
		buf_puts(&resp->body, "not found\n");
		return;
	}
	if (a == NULL || strncasecmp(a, "Bearer ", 7) != 0) {
		resp->status = 401;
		buf_puts(&resp->body, "unauthorized\n");
		return;
	}
	for (a += 7; *a == ' '; a++)
		continue;
	digest(a, strlen(a), d);
	if (sodium_memcmp(d, token_digest, sizeof(d)) != 0) {
		resp->status = 401;
		buf_puts(&resp->body, "unauthorized\n");
		return;
	}
	resp->status = 200;
	resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
	http_metrics_render(&resp->body);
	/* Group commit (store/group.h): requests per batch is how many
	 * submits shared one fsync. */
	db_group_stats(req->ctx->db, &batches, &requests);
	buf_printf(&resp->body, "# HELP orden_group_commit_batches_total "
	    "Transactions that group commit committed or rolled back.\n"
	    "# TYPE orden_group_commit_batches_total counter\n"
	    "orden_group_commit_batches_total %lu\n"
	    "# HELP orden_group_commit_requests_total Writes (submits) those "
	    "transactions held.\n"
	    "# TYPE orden_group_commit_requests_total counter\n"
	    "orden_group_commit_requests_total %lu\n", batches, requests);
}
