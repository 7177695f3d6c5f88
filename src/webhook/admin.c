/* admin.c: the administrator's actions on subscriptions (webhook.h): one
 * function each, access through authz/, the change and its audit row in
 * one transaction, a result code back. web/ and api/ only translate. */
#include "webhook/webhook.h"

#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "webhook/wh_int.h"

static const char SQL_ADD[] =
    "INSERT INTO webhooks (tenant_id, url, events, secret, created_at)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char SQL_COUNT_LIVE[] =
    "SELECT COUNT(*) FROM webhooks WHERE tenant_id = $1 AND removed_at IS NULL";
static const char SQL_REMOVE[] =
    "UPDATE webhooks SET removed_at = $3 WHERE tenant_id = $1 AND id = $2"
    " AND removed_at IS NULL";
static const char SQL_DROP_PENDING[] =
    "DELETE FROM webhook_deliveries WHERE tenant_id = $1 AND webhook_id = $2"
    " AND sent_at IS NULL AND failed_at IS NULL";
static const char SQL_LIVE[] =
    "SELECT 1 FROM webhooks WHERE tenant_id = $1 AND id = $2"
    " AND removed_at IS NULL";
static const char SQL_LIST[] =
    "SELECT w.id, w.url, w.events, w.created_at,"
    " (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.tenant_id = w.tenant_id"
    "  AND d.webhook_id = w.id AND d.sent_at IS NULL AND d.failed_at IS NULL),"
    " (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.tenant_id = w.tenant_id"
    "  AND d.webhook_id = w.id AND d.sent_at IS NOT NULL),"
    " (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.tenant_id = w.tenant_id"
    "  AND d.webhook_id = w.id AND d.failed_at IS NOT NULL)"
    " FROM webhooks w WHERE w.tenant_id = $1 AND w.removed_at IS NULL"
    " ORDER BY w.id";
static const char SQL_DELIVERIES[] =
    "SELECT id, webhook_id, event, delivery_id, created_at, tries,"
    " last_status, last_error, sent_at, failed_at FROM webhook_deliveries"
    " WHERE tenant_id = $1 AND ($2 = 0 OR webhook_id = $2)"
    " ORDER BY id DESC LIMIT $3";

int
webhook_right(struct ctx *ctx)
{
	return authz_webhook_admin(ctx);
}

static int
allowed(struct ctx *ctx)
{
	return webhook_right(ctx);
}

/* Run sql with the tenant as $1, a as $2 and b as $3 (when b >= 0): the
 * number of rows changed, or a DB_* error. */
static int
run(struct ctx *ctx, const char *sql, int64_t a, int64_t b)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, a);
	if (b >= 0)
		db_bind_int(st, 3, b);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? (int)db_changes(ctx->conn) : (rc < 0 ? rc :
	    DB_ERR);
}

static int
count_live(struct ctx *ctx)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_COUNT_LIVE,
	    &st)) != DB_OK)
		return rc;
	rc = db_step(st);
	rc = rc == DB_ROW ? (int)db_col_int(st, 0) : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	return rc;
}

int
webhook_add(struct ctx *ctx, const char *url, unsigned events, int64_t *id,
    char secret[WH_SECRET_HEX], const char **field, const char **why)
{
	struct dbstmt	*st;
	unsigned char	 key[WH_SECRET_LEN];
	const char	*list;
	char		 sealed[WH_SEALED_MAX];
	int		 own = 0, rc, live;

	*id = 0;
	*field = NULL;
	*why = NULL;
	secret[0] = '\0';
	if (!allowed(ctx))
		return WH_FORBIDDEN;
	if (url == NULL || webhook_url_check(url, why) != 0) {
		*field = "url";
		if (*why == NULL)
			*why = N_("Give the receiver's address (https://...).");
		return WH_INVALID;
	}
	events &= (1u << WH_EVENT_MAX) - 1;
	events &= ~(1u << WH_PING);
	if (events == 0) {
		*field = "events";
		*why = N_("Choose at least one event.");
		return WH_INVALID;
	}
	if ((list = webhook_events_format(ctx, events)) == NULL)
		return WH_ERROR;
	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(secret, WH_SECRET_HEX, key, sizeof(key));
	sodium_memzero(key, sizeof(key));
	if (wh_secret_seal(ctx, secret, sealed, sizeof(sealed)) != 0) {
		sodium_memzero(secret, WH_SECRET_HEX);
		return WH_ERROR;
	}
	if (db_tx_join(ctx->conn, &own) != 0)
		return WH_ERROR;
	if ((live = count_live(ctx)) < 0)
		rc = live;
	else if (live >= WH_HOOKS_MAX) {
		db_tx_finish(ctx->conn, own, DB_ERR);
		*field = "url";
		*why = N_("This municipality has as many webhooks as Orden keeps; remove one first.");
		return WH_INVALID;
	} else if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ADD,
	    &st)) == DB_OK) {
		db_bind_text(st, 2, url);
		db_bind_text(st, 3, list);
		db_bind_text(st, 4, sealed);
		db_bind_int(st, 5, ctx->now);
		if ((rc = db_step(st)) == DB_ROW) {
			*id = db_col_int(st, 0);
			rc = 0;
		} else
			rc = rc < 0 ? rc : DB_ERR;
		db_reset(st);
	}
	/* The URL names a receiver, not a person; the secret never goes
	 * in the log. */
	if (rc == 0)
		rc = audit_append(ctx, "webhook_add", "webhook", *id, list);
	rc = db_tx_finish(ctx->conn, own, rc);
	if (rc != 0) {
		sodium_memzero(secret, WH_SECRET_HEX);
		*id = 0;
		return WH_ERROR;
	}
	return WH_OK;
}

int
webhook_remove(struct ctx *ctx, int64_t id)
{
	int own = 0, rc;

	if (!allowed(ctx))
		return WH_FORBIDDEN;
	if (db_tx_join(ctx->conn, &own) != 0)
		return WH_ERROR;
	rc = run(ctx, SQL_REMOVE, id, ctx->now);
	if (rc == 0) {
		db_tx_finish(ctx->conn, own, DB_ERR);
		return WH_NOTFOUND;
	}
	if (rc > 0)
		rc = run(ctx, SQL_DROP_PENDING, id, -1);
	if (rc >= 0)
		rc = audit_append(ctx, "webhook_remove", "webhook", id, NULL);
	rc = db_tx_finish(ctx->conn, own, rc < 0 ? rc : 0);
	return rc == 0 ? WH_OK : WH_ERROR;
}

int
webhook_test(struct ctx *ctx, int64_t id)
{
	int own = 0, rc;

	if (!allowed(ctx))
		return WH_FORBIDDEN;
	if (db_tx_join(ctx->conn, &own) != 0)
		return WH_ERROR;
	rc = webhook_exists(ctx, id);
	if (rc == 0) {
		db_tx_finish(ctx->conn, own, DB_ERR);
		return WH_NOTFOUND;
	}
	if (rc > 0)
		rc = wh_deliver_one(ctx, id, WH_PING, NULL);
	if (rc == 0)
		rc = audit_append(ctx, "webhook_test", "webhook", id, NULL);
	rc = db_tx_finish(ctx->conn, own, rc);
	return rc == 0 ? WH_OK : WH_ERROR;
}

int
webhook_exists(struct ctx *ctx, int64_t id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LIVE, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
webhook_list(struct ctx *ctx, struct webhook **out, size_t *n)
{
	struct dbstmt	*st;
	struct webhook	*v, *x;
	const char	*bad;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (!allowed(ctx))
		return WH_FORBIDDEN;
	if ((v = arena_alloc(ctx->arena, WH_HOOKS_MAX * sizeof(*v))) == NULL)
		return WH_ERROR;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LIST, &st) != DB_OK)
		return WH_ERROR;
	while ((rc = db_step(st)) == DB_ROW && *n < WH_HOOKS_MAX) {
		x = &v[(*n)++];
		x->id = db_col_int(st, 0);
		x->url = arena_strdup(ctx->arena, db_col_text(st, 1));
		if (webhook_events_parse(ctx, db_col_text(st, 2), &x->events,
		    &bad) != 0)
			x->events = 0;
		x->created_at = db_col_int(st, 3);
		x->pending = db_col_int(st, 4);
		x->sent = db_col_int(st, 5);
		x->failed = db_col_int(st, 6);
		if (x->url == NULL) {
			rc = DB_ERR;
			break;
		}
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return WH_ERROR;
	*out = v;
	return WH_OK;
}

int
webhook_deliveries(struct ctx *ctx, int64_t id, size_t max,
    struct wh_delivery **out, size_t *n)
{
	struct dbstmt		*st;
	struct wh_delivery	*v, *x;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (!allowed(ctx))
		return WH_FORBIDDEN;
	if (max == 0 || max > 500)
		max = WH_DELIVERIES_SHOWN;
	if ((v = arena_alloc(ctx->arena, max * sizeof(*v))) == NULL)
		return WH_ERROR;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DELIVERIES, &st)
	    != DB_OK)
		return WH_ERROR;
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, (int64_t)max);
	while ((rc = db_step(st)) == DB_ROW && *n < max) {
		x = &v[(*n)++];
		x->id = db_col_int(st, 0);
		x->webhook_id = db_col_int(st, 1);
		x->event = arena_strdup(ctx->arena, db_col_text(st, 2));
		x->delivery_id = arena_strdup(ctx->arena, db_col_text(st, 3));
		x->created_at = db_col_int(st, 4);
		x->tries = db_col_int(st, 5);
		x->status = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
		x->error = arena_strdup(ctx->arena, db_col_is_null(st, 7) ? "" :
		    db_col_text(st, 7));
		x->sent_at = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
		x->failed_at = db_col_is_null(st, 9) ? 0 : db_col_int(st, 9);
		if (x->event == NULL || x->delivery_id == NULL ||
		    x->error == NULL) {
			rc = DB_ERR;
			break;
		}
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return WH_ERROR;
	*out = v;
	return WH_OK;
}
