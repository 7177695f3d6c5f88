/* emit.c: event names and the delivery rows an event writes (webhook.h).
 * The payload is made here, once, at the event: it is what was true then,
 * and every retry posts the same bytes under the same delivery id. */
#include "webhook/webhook.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "org/org.h"
#include "store/group.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/linkbase.h"
#include "webhook/wh_int.h"

static const char *const event_names[WH_EVENT_MAX] = {
	[WH_DEV_REPORTED]	= "deviation.reported",
	[WH_DEV_ACKNOWLEDGED]	= "deviation.acknowledged",
	[WH_DEV_TRANSFERRED]	= "deviation.transferred",
	[WH_DEV_RETURNED]	= "deviation.returned",
	[WH_DEV_CLOSED]		= "deviation.closed",
	[WH_DEV_REOPENED]	= "deviation.reopened",
	[WH_DEV_DUE]		= "deviation.due",
	[WH_DEV_OVERDUE]	= "deviation.overdue",
	[WH_PING]		= "ping",
	[WH_MEASURE_ADDED]	= "measure.added",
	[WH_MEASURE_COMPLETED]	= "measure.completed",
	[WH_DOC_PUBLISHED]	= "document.published",
	[WH_MEASURE_DUE]	= "measure.due",
};

static const char SQL_HOOKS[] =
    "SELECT id, events FROM webhooks WHERE tenant_id = $1"
    " AND removed_at IS NULL ORDER BY id";
static const char SQL_DELIVER[] =
    "INSERT INTO webhook_deliveries (tenant_id, webhook_id, event,"
    " delivery_id, payload, created_at, due_at) VALUES ($1, $2, $3, $4, $5,"
    " $6, $6)";

const char *
webhook_event_name(enum wh_event e)
{
	return (int)e >= 0 && e < WH_EVENT_MAX ? event_names[e] : NULL;
}

int
webhook_event_parse(const char *s, enum wh_event *out)
{
	int i;

	for (i = 0; s != NULL && i < WH_EVENT_MAX; i++)
		if (strcmp(s, event_names[i]) == 0) {
			*out = (enum wh_event)i;
			return 0;
		}
	return -1;
}

int
webhook_events_parse(struct ctx *ctx, const char *list, unsigned *mask,
    const char **bad)
{
	const char	*p = list, *e;
	char		 word[64];
	enum wh_event	 ev;
	size_t		 n;

	*mask = 0;
	*bad = NULL;
	while (p != NULL && *p != '\0') {
		while (*p == ',' || *p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ',' && *e != ' '; e++)
			;
		n = (size_t)(e - p);
		if (n >= sizeof(word) ||
		    (memcpy(word, p, n), word[n] = '\0',
		    webhook_event_parse(word, &ev) != 0)) {
			*bad = arena_strndup(ctx->arena, p, n);
			if (*bad == NULL)
				*bad = "";
			return -1;
		}
		*mask |= 1u << ev;
		p = e;
	}
	return 0;
}

const char *
webhook_events_format(struct ctx *ctx, unsigned mask)
{
	const char	*out = "";
	int		 i;

	for (i = 0; i < WH_EVENT_MAX && out != NULL; i++)
		if (mask & (1u << i))
			out = arena_printf(ctx->arena, "%s%s%s", out,
			    *out != '\0' ? "," : "", event_names[i]);
	return out != NULL ? out : "";
}

void
wh_random_id(char out[WH_ID_HEX])
{
	unsigned char rnd[16];

	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(out, WH_ID_HEX, rnd, sizeof(rnd));
}

/* "2026-12-06T07:01:02Z" */
static void
iso8601(int64_t t, char out[32])
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The tenant's name in payloads: its host when it has one (stable and
 * already public), else its name. *host: the host or NULL. */
static const char *
tenant_slug(struct ctx *ctx, const char **host)
{
	struct tenant t;

	*host = NULL;
	if (tenant_get(ctx->conn, ctx->arena, ctx->tenant_id, &t) == 0) {
		if (t.host != NULL && *t.host != '\0')
			return *host = t.host;
		if (t.name != NULL)
			return t.name;
	}
	return ctx->tenant_name != NULL ? ctx->tenant_name : "";
}

static json_t *
opt_str(const char *s)
{
	return s != NULL && *s != '\0' ? json_string(s) : json_null();
}

char *
wh_payload(struct ctx *ctx, enum wh_event ev, const struct wh_subject *s,
    const char *delivery_id)
{
	const char	*host, *slug = tenant_slug(ctx, &host), *link = NULL;
	char		 at[32];
	json_t		*o, *sub = json_null();
	char		*text;

	iso8601(ctx->now, at);
	if (s != NULL) {
		if (s->path != NULL)
			link = arena_printf(ctx->arena, "%s%s",
			    linkbase_get(ctx->arena, host), s->path);
		sub = json_pack("{s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o}",
		    "kind", s->kind != NULL ? s->kind : "",
		    "id", (json_int_t)s->id,
		    "number", opt_str(s->number),
		    "unit_id", s->unit_id > 0 ? json_integer(s->unit_id) :
		    json_null(),
		    "unit", opt_str(s->unit),
		    "category", opt_str(s->category),
		    "status", opt_str(s->status),
		    "link", opt_str(link));
	}
	o = json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", delivery_id,
	    "type", webhook_event_name(ev), "occurred_at", at, "tenant", slug,
	    "subject", sub != NULL ? sub : json_null());
	if (o == NULL)
		return NULL;
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

int
wh_deliver_one(struct ctx *ctx, int64_t hook_id, enum wh_event ev,
    const struct wh_subject *s)
{
	struct dbstmt	*st;
	char		 did[WH_ID_HEX], *body;
	int		 rc;

	wh_random_id(did);
	if ((body = wh_payload(ctx, ev, s, did)) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DELIVER,
	    &st)) != DB_OK) {
		free(body);
		return rc;
	}
	db_bind_int(st, 2, hook_id);
	db_bind_text(st, 3, webhook_event_name(ev));
	db_bind_text(st, 4, did);
	db_bind_text(st, 5, body);
	db_bind_int(st, 6, ctx->now);
	rc = db_step(st);
	db_reset(st);
	free(body);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

/* The live subscriptions of the tenant that hear ev: up to WH_HOOKS_MAX
 * ids in ids, their number in *n. 0 or a DB_* error. */
static int
hooks_hearing(struct ctx *ctx, enum wh_event ev, int64_t *ids, size_t *n)
{
	struct dbstmt	*st;
	unsigned	 mask;
	const char	*bad;
	int		 rc;

	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HOOKS, &st))
	    != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW && *n < WH_HOOKS_MAX)
		if (webhook_events_parse(ctx, db_col_text(st, 1), &mask,
		    &bad) == 0 && (mask & (1u << ev)))
			ids[(*n)++] = db_col_int(st, 0);
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	return 0;
}

/* Whether anyone hears an event, kept for the rest of a group-commit
 * batch (store/group.h): every report of a batch asks it, and the answer
 * cannot change within one, as the batch's transaction holds the
 * municipality's write lock that adding or removing a webhook waits for
 * (org/memo.c says the same of the org reads). Forgotten when the batch
 * ends or a report's savepoint is rolled back (on PostgreSQL that gives
 * back a lock taken inside it). On the thread that runs the batch. */
#define HEARD_MAX	16
struct heard_memo {
	struct dbconn	*conn;
	size_t		 n;
	struct {
		int64_t		tenant;
		enum wh_event	ev;
		int		heard;
	} e[HEARD_MAX];
};

static _Thread_local struct heard_memo *heard;

static void
heard_request_end(int kept)
{
	if (!kept && heard != NULL)
		heard->n = 0;
}

static int
heard_flush(struct dbconn *c)
{
	(void)c;
	return 0;
}

static void
heard_end(void)
{
	free(heard);
	heard = NULL;
}

static const struct db_group_gather heard_gather = {
	heard_request_end, heard_flush, heard_end,
};

/* The batch's memo, or NULL outside a batch. */
static struct heard_memo *
heard_of(struct ctx *ctx)
{
	if (ctx->conn == NULL || db_group_gather(ctx->conn, &heard_gather) != 1)
		return NULL;
	if (heard != NULL && heard->conn != ctx->conn)
		heard->n = 0;
	if (heard == NULL && (heard = calloc(1, sizeof(*heard))) == NULL)
		return NULL;
	heard->conn = ctx->conn;
	return heard;
}

int
webhook_heard(struct ctx *ctx, enum wh_event ev)
{
	struct heard_memo	*m;
	int64_t			 ids[WH_HOOKS_MAX];
	size_t			 n, i;
	int			 rc;

	if (webhook_event_name(ev) == NULL || ev == WH_PING)
		return 0;
	if ((m = heard_of(ctx)) != NULL)
		for (i = 0; i < m->n; i++)
			if (m->e[i].tenant == ctx->tenant_id && m->e[i].ev == ev)
				return m->e[i].heard;
	if ((rc = hooks_hearing(ctx, ev, ids, &n)) != 0)
		return rc;
	if (m != NULL && m->n < HEARD_MAX) {
		m->e[m->n].tenant = ctx->tenant_id;
		m->e[m->n].ev = ev;
		m->e[m->n].heard = n > 0;
		m->n++;
	}
	return n > 0;
}

int
webhook_emit(struct ctx *ctx, enum wh_event ev, const struct wh_subject *s)
{
	int64_t		 ids[WH_HOOKS_MAX];
	size_t		 n = 0, i;
	int		 rc;

	if (webhook_event_name(ev) == NULL || ev == WH_PING)
		return 0;
	if ((rc = hooks_hearing(ctx, ev, ids, &n)) != 0)
		return rc;
	/* The rows after the statement is done: one at a time on a
	 * connection. */
	for (i = 0; i < n; i++)
		if ((rc = wh_deliver_one(ctx, ids[i], ev, s)) != 0)
			return rc;
	return 0;
}
