/* tenant.c: tenants (municipalities). These functions pick the tenant, so
 * they are the only org/ queries not filtered by ctx->tenant_id. */
#include "org/org.h"

#include "audit/audit.h"
#include "ctx.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/clock.h"

static const char SQL_TENANT_INSERT[] =
    "INSERT INTO tenants (name, host, created_at) VALUES ($1, $2, $3)"
    " RETURNING id";
static const char SQL_TENANT_BY_HOST[] =
    "SELECT id, name, host FROM tenants WHERE lower(host) = lower($1)";
static const char SQL_TENANT_BY_ID[] =
    "SELECT id, name, host FROM tenants WHERE id = $1";
static const char SQL_TENANT_FIRST2[] =
    "SELECT id, name, host FROM tenants ORDER BY id LIMIT 2";
static const char SQL_TENANT_COUNT[] =
    "SELECT COUNT(*) FROM tenants";

int64_t
tenant_create(struct dbconn *c, const char *name, const char *host)
{
	struct dbstmt	*st = NULL;
	struct ctx	 ctx = { 0 };
	int64_t		 id = DB_ERR;
	int		 own_tx = 0, rc;

	if (name == NULL || *name == '\0')
		return DB_ERR;
	if (host != NULL && *host == '\0')
		host = NULL;
	/* The tenant and the first row of its audit chain go together. */
	if (!db_in_tx(c)) {
		if ((rc = db_begin(c)) != DB_OK)
			return rc;
		own_tx = 1;
	}
	if ((rc = db_prepare(c, SQL_TENANT_INSERT, &st)) != DB_OK) {
		id = rc;
		goto out;
	}
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, host);
	db_bind_int(st, 3, clock_now());
	if ((rc = db_step(st)) != DB_ROW) {
		id = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	id = db_col_int(st, 0);
	db_reset(st);
	st = NULL;

	ctx.conn = c;
	ctx.tenant_id = id;
	ctx.tenant_name = name;
	ctx.now = clock_now();
	if ((rc = audit_append(&ctx, "tenant_create", "tenant", id, name)) < 0) {
		id = rc;
		goto out;
	}
	if (own_tx && (rc = db_commit(c)) != DB_OK) {
		id = rc;
		goto out;
	}
	own_tx = 0;
out:
	db_reset(st);
	if (own_tx)
		db_rollback(c);
	return id;
}

static int
fill(struct dbstmt *st, struct arena *a, struct tenant *out)
{
	out->id = db_col_int(st, 0);
	out->name = arena_strdup(a, db_col_text(st, 1));
	out->host = arena_strdup(a, db_col_text(st, 2));
	if (out->name == NULL)
		return -1;
	return 0;
}

int
tenant_resolve(struct dbconn *c, struct arena *a, const char *host,
    struct tenant *out)
{
	struct dbstmt	*st = NULL;
	int		 rc = -1;

	if (host != NULL && *host != '\0') {
		if (db_prepare(c, SQL_TENANT_BY_HOST, &st) != DB_OK)
			return -1;
		db_bind_text(st, 1, host);
		if (db_step(st) == DB_ROW)
			rc = fill(st, a, out);
		db_reset(st);
		if (rc == 0)
			return 0;
	}
	/* A single-municipality installation answers on any host name. */
	if (db_prepare(c, SQL_TENANT_FIRST2, &st) != DB_OK)
		return -1;
	rc = -1;
	if (db_step(st) == DB_ROW) {
		rc = fill(st, a, out);
		if (db_step(st) != DB_DONE)
			rc = -1;	/* more than one: the host must say which */
	}
	db_reset(st);
	return rc;
}

int
tenant_get(struct dbconn *c, struct arena *a, int64_t id, struct tenant *out)
{
	struct dbstmt	*st;
	int		 rc = -1;

	if (db_prepare(c, SQL_TENANT_BY_ID, &st) != DB_OK)
		return -1;
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ROW)
		rc = fill(st, a, out);
	db_reset(st);
	return rc;
}

int
tenant_count(struct dbconn *c)
{
	struct dbstmt	*st;
	int		 n = -1;

	if (db_prepare(c, SQL_TENANT_COUNT, &st) != DB_OK)
		return DB_ERR;
	if (db_step(st) == DB_ROW)
		n = (int)db_col_int(st, 0);
	db_reset(st);
	return n;
}
