/* feed.c: the secret link of a person's calendar feed (wheel.h). The link
 * is the only credential of GET /cal/<token>.ics, so it is made like a
 * session token (auth_random_token: 256 random bits) and kept like one:
 * only its digest is stored, and a presented token is compared with the
 * stored digest in constant time. A new link replaces the digest, so the
 * old one stops working at once; "off" deletes it. */
#include "wheel/wheel.h"

#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "authz/authz.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/text.h"

_Static_assert(WHEEL_FEED_TOKEN_SIZE == AUTH_TOKEN_LEN + 1,
    "a feed token is an auth token");

static const char SQL_FEED_SET[] =
    "INSERT INTO wheel_feeds (tenant_id, person_id, digest, created_at)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, person_id)"
    " DO UPDATE SET digest = excluded.digest, created_at = excluded.created_at";
static const char SQL_FEED_OFF[] =
    "DELETE FROM wheel_feeds WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_FEED_MINE[] =
    "SELECT created_at FROM wheel_feeds WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_FEED_FIND[] =
    "SELECT person_id, digest FROM wheel_feeds WHERE tenant_id = $1"
    " AND digest = $2";

static const char *const feed_action_names[WFA_MAX] = {
	[WFA_NEW] = "new",
	[WFA_OFF] = "off",
};

int
wheel_feed_action_parse(const char *s, enum wheel_feed_action *out)
{
	int i = text_index(feed_action_names, WFA_MAX, s);

	if (i < 0)
		return -1;
	*out = (enum wheel_feed_action)i;
	return 0;
}

static int
feed_change(struct ctx *ctx, enum wheel_feed_action a,
    const unsigned char digest[AUTH_HASH_BYTES])
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    a == WFA_NEW ? SQL_FEED_SET : SQL_FEED_OFF, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, ctx->user->id);
	if (a == WFA_NEW) {
		db_bind_blob(st, 3, digest, AUTH_HASH_BYTES);
		db_bind_int(st, 4, ctx->now);
	}
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	return audit_append(ctx, a == WFA_NEW ? "wheel_feed_new" :
	    "wheel_feed_off", "person", ctx->user->id, NULL);
}

enum wheel_result_code
wheel_feed_do(struct ctx *ctx, enum wheel_feed_action a,
    char token[WHEEL_FEED_TOKEN_SIZE])
{
	unsigned char	digest[AUTH_HASH_BYTES];
	int		own, rc;

	token[0] = '\0';
	if (ctx->user == NULL || !authz_can(ctx, AZ_WHEEL_FEED, 0))
		return WR_FORBIDDEN;
	if ((int)a < 0 || a >= WFA_MAX)
		return WR_INVALID;
	memset(digest, 0, sizeof(digest));
	if (a == WFA_NEW) {
		auth_random_token(token);
		auth_token_digest(token, digest);
	}
	if (db_tx_join(ctx->conn, &own) != 0)
		rc = DB_ERR;
	else
		rc = db_tx_finish(ctx->conn, own, feed_change(ctx, a, digest));
	if (rc != 0) {
		sodium_memzero(token, WHEEL_FEED_TOKEN_SIZE);
		return WR_FAILED;
	}
	return WR_OK;
}

int
wheel_feed_exists(struct ctx *ctx, int64_t *since)
{
	struct dbstmt	*st;
	int		 rc;

	*since = 0;
	if (ctx->user == NULL)
		return 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_FEED_MINE,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, ctx->user->id);
	rc = db_step(st);
	if (rc == DB_ROW)
		*since = db_col_int(st, 0);
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
wheel_feed_resolve(struct ctx *ctx, const char *token, int64_t *person_id)
{
	struct dbstmt		*st;
	unsigned char		 digest[AUTH_HASH_BYTES];
	const void		*got;
	size_t			 len = 0;
	int			 rc, hit = 0;

	*person_id = 0;
	if (!auth_token_wellformed(token))
		return WHEEL_ERR_NOTFOUND;
	auth_token_digest(token, digest);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_FEED_FIND,
	    &st)) != DB_OK)
		return rc;
	db_bind_blob(st, 2, digest, sizeof(digest));
	if ((rc = db_step(st)) == DB_ROW) {
		got = db_col_blob(st, 1, &len);
		/* The index found it by digest; the answer still rests on a
		 * constant-time comparison of the whole digest. */
		hit = got != NULL && len == sizeof(digest) &&
		    sodium_memcmp(got, digest, sizeof(digest)) == 0;
		if (hit)
			*person_id = db_col_int(st, 0);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	return hit ? 0 : WHEEL_ERR_NOTFOUND;
}

int
wheel_feed_read(struct ctx *ctx, const char *token, const char *base,
    const char **out, size_t *len)
{
	struct person	*who;
	int64_t		 pid;
	int		 rc;

	*out = NULL;
	*len = 0;
	if (ctx->user != NULL)
		return WHEEL_ERR_STATE;
	if ((rc = wheel_feed_resolve(ctx, token, &pid)) != 0)
		return rc;
	/* The feed is read as its person: what the wheel shows them, and
	 * nothing of a session. A person who may no longer have a feed (the
	 * account closed) gets nothing from an old link. */
	if ((who = arena_alloc(ctx->arena, sizeof(*who))) == NULL ||
	    org_person_get(ctx, pid, who) != 0 ||
	    org_roles_of(ctx, pid, &ctx->roles) != 0) {
		ctx->roles.n = 0;
		return WHEEL_ERR_STATE;
	}
	ctx->user = who;
	rc = wheel_right(ctx, WHEEL_RIGHT_FEED) ?
	    wheel_ical(ctx, base, out, len) : WHEEL_ERR_STATE;
	/* Nothing after this reads as the person. */
	ctx->user = NULL;
	ctx->roles.n = 0;
	return rc;
}
