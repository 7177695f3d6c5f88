/* tenant.c: tenants (municipalities). These functions pick the tenant, so
 * they are the only org/ queries not filtered by ctx->tenant_id: the
 * tenants table has no tenant of its own (and no row-level security on
 * PostgreSQL), and the lookups by host run before any tenant is known.
 *
 * A tenant has two numbers: id, the row's key in this database, and uid,
 * its identity in the audit chain's hashes and in the associated data of
 * wrapped person keys. uid is random at creation and travels with the
 * municipality when `orden migrate` moves it to a database where its id is
 * whatever that database hands out. Tenants made before migration 0006 got
 * uid = id, so their chains and keys still verify and open; COALESCE below
 * covers a row that still has none. */
#include "org/org.h"

#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "audit/audit.h"
#include "ctx.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/clock.h"

#define TENANT_COLS	"id, COALESCE(uid, id), name, host"
/* More would be another kind of installation; the list is held in memory. */
#define TENANTS_MAX	100000

static const char SQL_TENANT_INSERT[] =
    "INSERT INTO tenants (name, host, created_at, uid) VALUES ($1, $2, $3, $4)"
    " RETURNING id";
static const char SQL_TENANT_BY_HOST[] =
    "SELECT " TENANT_COLS " FROM tenants WHERE lower(host) = lower($1)";
static const char SQL_TENANT_BY_ID[] =
    "SELECT " TENANT_COLS " FROM tenants WHERE id = $1";
static const char SQL_TENANT_FIRST2[] =
    "SELECT " TENANT_COLS " FROM tenants ORDER BY id LIMIT 2";
static const char SQL_TENANT_ALL[] =
    "SELECT " TENANT_COLS " FROM tenants ORDER BY id";
/* Tenants are picked by host, so the name is not unique in the schema;
 * a second municipality of the same name is refused to catch a repeated
 * run (and a list nobody can tell apart). No row-level security on
 * tenants: any statement sees them all. */
static const char SQL_TENANT_BY_NAME[] =
    "SELECT id FROM tenants WHERE name = $1";
static const char SQL_TENANT_COUNT[] =
    "SELECT COUNT(*) FROM tenants";
static const char SQL_TENANT_UID[] =
    "SELECT COALESCE(uid, id) FROM tenants WHERE id = $1";

/* A random positive 63-bit uid. Two municipalities drawing the same one is
 * as likely as guessing a 63-bit key. */
static int64_t
tenant_new_uid(void)
{
	uint64_t u;

	do {
		randombytes_buf(&u, sizeof(u));
		u &= (uint64_t)INT64_MAX;
	} while (u == 0);
	return (int64_t)u;
}

int64_t
tenant_create(struct dbconn *c, const char *name, const char *host)
{
	struct dbstmt	*st = NULL;
	struct ctx	 ctx = { 0 };
	int64_t		 id = DB_ERR, uid;
	int		 own_tx = 0, rc;

	if (name == NULL || *name == '\0')
		return DB_ERR;
	if (host != NULL && *host == '\0')
		host = NULL;
	uid = tenant_new_uid();
	/* The tenant and the first row of its audit chain go together. */
	if (!db_in_tx(c)) {
		if ((rc = db_begin(c)) != DB_OK)
			return rc;
		own_tx = 1;
	}
	if ((rc = db_prepare_global(c, SQL_TENANT_INSERT, &st)) != DB_OK) {
		st = NULL;
		id = rc;
		goto out;
	}
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, host);
	db_bind_int(st, 3, clock_now());
	db_bind_int(st, 4, uid);
	if ((rc = db_step(st)) != DB_ROW) {
		id = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	id = db_col_int(st, 0);
	db_reset(st);
	st = NULL;

	ctx.conn = c;
	ctx.tenant_id = id;
	ctx.tenant_uid = uid;
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
	if (st != NULL)
		db_reset(st);
	if (own_tx)
		db_rollback(c);
	return id;
}

/* The current row (TENANT_COLS) into out, strings in a. 0 or -1. */
static int
fill(struct dbstmt *st, struct arena *a, struct tenant *out)
{
	out->id = db_col_int(st, 0);
	out->uid = db_col_int(st, 1);
	out->name = arena_strdup(a, db_col_text(st, 2));
	out->host = arena_strdup(a, db_col_text(st, 3));
	if (out->name == NULL || (out->host == NULL && !db_col_is_null(st, 3)))
		return -1;
	return 0;
}

int
tenant_by_host(struct dbconn *c, struct arena *a, const char *host,
    struct tenant *out)
{
	struct dbstmt	*st;
	int		 rc;

	if (host == NULL || *host == '\0')
		return 1;
	if ((rc = db_prepare_global(c, SQL_TENANT_BY_HOST, &st)) != DB_OK)
		return rc;
	db_bind_text(st, 1, host);
	if ((rc = db_step(st)) == DB_ROW)
		rc = fill(st, a, out) == 0 ? 0 : DB_ERR;
	else if (rc == DB_DONE)
		rc = 1;
	db_reset(st);
	return rc;
}

int
tenant_resolve(struct dbconn *c, struct arena *a, const char *host,
    struct tenant *out)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = tenant_by_host(c, a, host, out)) <= 0)
		return rc == 0 ? 0 : -1;
	/* A single-municipality installation answers on any host name. */
	if (db_prepare_global(c, SQL_TENANT_FIRST2, &st) != DB_OK)
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

	if (db_prepare_tenant(c, id, SQL_TENANT_BY_ID, &st) != DB_OK)
		return -1;
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

	if (db_prepare_global(c, SQL_TENANT_COUNT, &st) != DB_OK)
		return DB_ERR;
	if (db_step(st) == DB_ROW)
		n = (int)db_col_int(st, 0);
	db_reset(st);
	return n;
}

int
tenant_name_exists(struct dbconn *c, const char *name)
{
	struct dbstmt	*st;
	int		 rc;

	if (db_prepare_global(c, SQL_TENANT_BY_NAME, &st) != DB_OK)
		return -1;
	db_bind_text(st, 1, name);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : -1;
}

int
tenant_list(struct dbconn *c, struct arena *a, struct tenant **out, size_t *n)
{
	struct dbstmt	*st;
	struct tenant	*v, *nv;
	size_t		 cap = 16;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((v = arena_alloc(a, cap * sizeof(*v))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_global(c, SQL_TENANT_ALL, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == TENANTS_MAX) {
			rc = DB_ERR;
			break;
		}
		if (*n == cap) {
			if ((nv = arena_alloc(a, 2 * cap * sizeof(*nv))) == NULL) {
				rc = DB_ERR;
				break;
			}
			memcpy(nv, v, cap * sizeof(*nv));
			v = nv;
			cap *= 2;
		}
		if (fill(st, a, &v[*n]) != 0) {
			rc = DB_ERR;
			break;
		}
		(*n)++;
	}
	db_reset(st);
	if (rc != DB_DONE) {
		*n = 0;
		return rc < 0 ? rc : DB_ERR;
	}
	*out = v;
	return 0;
}

int64_t
tenant_uid(struct ctx *ctx)
{
	struct dbstmt	*st;
	int64_t		 uid = DB_ERR;
	int		 rc;

	if (ctx->tenant_uid > 0)
		return ctx->tenant_uid;
	if (ctx->tenant_id <= 0)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TENANT_UID,
	    &st)) != DB_OK)
		return rc;
	if (db_step(st) == DB_ROW)
		uid = db_col_int(st, 0);
	db_reset(st);
	if (uid > 0)
		ctx->tenant_uid = uid;
	return uid > 0 ? uid : DB_ERR;
}
