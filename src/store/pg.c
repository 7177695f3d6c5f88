/* pg.c: the PostgreSQL backend of store.h (libpq): opening, the
 * connection pool, transactions, the tenant setting for row-level security
 * and the per-tenant write lock. Statements are in pg_stmt.c, connecting in
 * pg_connect.c, migrations in pg_migrate.c.
 *
 * Where PostgreSQL differs from SQLite, and what this file does about it:
 *
 *  - Durability. synchronous_commit stays on (the server default): COMMIT
 *    returns only once the commit record is flushed, so "db_commit
 *    returned DB_OK" still means "committed". A COMMIT of a transaction
 *    that failed earlier answers "ROLLBACK", which is an error here.
 *
 *  - Writers. SQLite's BEGIN IMMEDIATE serialises all writers, and the
 *    model code relies on it: it reads, decides, then writes inside one
 *    transaction (the next deviation number, the audit chain's head).
 *    PostgreSQL's BEGIN takes no lock, so the same guarantee is rebuilt per
 *    municipality: inside a transaction, the first statement that names
 *    tenant T (db_prepare_tenant, db_prepare_dynamic with T) first takes
 *    pg_advisory_xact_lock(T), once per tenant per transaction. Writers of
 *    one municipality queue behind each other; different municipalities
 *    run in parallel. A transaction whose first statement names no tenant
 *    (db_prepare, db_prepare_global, db_exec) takes the global key
 *    PG_LOCK_GLOBAL instead, so tools that work across tenants queue
 *    behind each other too. The locks are released by COMMIT or ROLLBACK.
 *    lock_timeout (pg_connect.c) makes a wait that lasts too long DB_BUSY,
 *    as SQLite's busy timeout does; a deadlock is DB_BUSY too.
 *
 *  - Tenants. Every tenant-owned table has a row-level security policy on
 *    the setting orden.tenant (migrations/pg/0001_foundation.sql). Before
 *    a statement runs, the connection's setting is made to match it:
 *    the tenant id for db_prepare_tenant, '' (nothing visible) for
 *    db_prepare, '*' (every tenant) for db_prepare_global. It is set with
 *    set_config(..., false) only when it changes, and cached per
 *    connection. A session-level setting made inside a transaction is
 *    undone when the transaction rolls back, so a rollback forgets the
 *    cached value and the next statement sets it again.
 *
 *  - Errors. SQLSTATE class 23 is DB_CONSTRAINT; 40001, 40P01 and 55P03
 *    are DB_BUSY. An error inside a transaction aborts it on PostgreSQL
 *    (SQLite only undoes the statement): the caller must roll back, which
 *    every caller already does on error. */
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/log.h"
#include "util/num.h"

#define POOL_MAX	256

static const char SQL_SET_TENANT[] =
    "SELECT set_config('orden.tenant', $1, false)";
static const char SQL_LOCK[] =
    "SELECT pg_advisory_xact_lock($1::bigint)";
static const char SQL_SET_TENANT_LOCK[] =
    "SELECT set_config('orden.tenant', $1, false), "
    "pg_advisory_xact_lock($2::bigint)";
/* db_ids_sync: the identity of the id column continues above the largest
 * id of every municipality (run with orden.tenant '*'). */
static const char SQL_HAS_ID[] =
    "SELECT 1 FROM pg_attribute"
    " WHERE attrelid = to_regclass($1) AND attname = 'id'"
    " AND NOT attisdropped";
static const char SQL_IDS_SYNC_FMT[] =
    "SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST(max(id), 1))"
    " FROM %s";

int
pg_rc(const PGresult *r)
{
	const char *state;

	state = r != NULL ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (state == NULL)
		return DB_ERR;
	if (strncmp(state, "23", 2) == 0)
		return DB_CONSTRAINT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return DB_BUSY;
	return DB_ERR;
}

int
pg_log(struct pg_conn *c, const PGresult *r, const char *what,
    const char *sql)
{
	const char	*ev, *state, *msg, *cons;
	int		 rc = pg_rc(r);

	switch (rc) {
	case DB_CONSTRAINT:
		ev = "db_constraint";
		break;
	case DB_BUSY:
		ev = "db_busy";
		break;
	default:
		ev = "db_error";
		break;
	}
	state = r != NULL ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	msg = r != NULL ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	cons = r != NULL ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : NULL;
	if (msg == NULL)
		msg = PQerrorMessage(c->h);
	/* Only the statement text, the primary message and the constraint's
	 * name: the DETAIL of a constraint error repeats the row's values,
	 * and the messages of class 22 (data exceptions) quote the bound
	 * value that failed. Either may be personal data. */
	if (state != NULL && strncmp(state, "22", 2) == 0)
		msg = "invalid value (class 22)";
	log_event(ev, "op", what, "code", state != NULL ? state : "",
	    "msg", msg, "constraint", cons != NULL ? cons : "",
	    "sql", sql != NULL ? sql : "", NULL);
	return rc;
}

void
pg_note_changes(struct pg_conn *c, PGresult *r)
{
	const char	*cmd = PQcmdStatus(r);
	int64_t		 n;

	/* Like sqlite3_changes: only a row-changing command counts. */
	if (strncmp(cmd, "INSERT", 6) != 0 && strncmp(cmd, "UPDATE", 6) != 0 &&
	    strncmp(cmd, "DELETE", 6) != 0 && strncmp(cmd, "MERGE", 5) != 0)
		return;
	if (num_parse_i64(PQcmdTuples(r), 0, INT64_MAX, &n) == 0)
		c->changes = n;
}

static int
tx_has_lock(struct pg_conn *c, int64_t key)
{
	int i;

	for (i = 0; i < c->ntx_locks; i++)
		if (c->tx_locks[i] == key)
			return 1;
	return 0;
}

static void
tx_forget(struct pg_conn *c)
{
	c->ahead_rc = DB_OK;
	c->in_tx = 0;
	c->tx_ran = 0;
	c->ntx_locks = 0;
}

void
pg_env_plan(struct pg_conn *c, int64_t tenant, struct pg_env *e)
{
	memset(e, 0, sizeof(*e));
	e->tenant = tenant;
	if (c->in_tx) {
		if (tenant > 0 && !tx_has_lock(c, tenant)) {
			e->key = tenant;
			e->lock = 1;
		} else if (tenant <= 0 && !c->tx_ran) {
			e->key = PG_LOCK_GLOBAL;
			e->lock = 1;
		}
	}
	e->set = !c->tenant_known || c->tenant != tenant;
	if (!e->set && !e->lock)
		return;
	if (tenant > 0)
		snprintf(e->tval, sizeof(e->tval), "%" PRId64, tenant);
	else
		snprintf(e->tval, sizeof(e->tval), "%s",
		    tenant == PG_TENANT_ALL ? "*" : "");
	snprintf(e->kval, sizeof(e->kval), "%" PRId64, e->key);
	if (e->set && e->lock) {
		e->sql = SQL_SET_TENANT_LOCK;
		e->params[0] = e->tval;
		e->params[1] = e->kval;
		e->np = 2;
	} else if (e->set) {
		e->sql = SQL_SET_TENANT;
		e->params[0] = e->tval;
		e->np = 1;
	} else {
		e->sql = SQL_LOCK;
		e->params[0] = e->kval;
		e->np = 1;
	}
}

void
pg_env_done(struct pg_conn *c, const struct pg_env *e, int ok)
{
	if (!ok) {
		/* A set_config that failed, or that was undone with the
		 * statement it was sent with, leaves the setting unknown. */
		c->tenant_known = 0;
		return;
	}
	if (e->set) {
		c->tenant = e->tenant;
		c->tenant_known = 1;
	}
	/* Past PG_TX_LOCKS tenants a lock is taken again: harmless, the
	 * server counts it and COMMIT releases them all. */
	if (e->lock && e->key > 0 && c->ntx_locks < PG_TX_LOCKS)
		c->tx_locks[c->ntx_locks++] = e->key;
	if (c->in_tx)
		c->tx_ran = 1;
}

int
pg_env(struct pg_conn *c, int64_t tenant, const char *sql)
{
	struct pg_env	 e;
	PGresult	*r;
	int		 rc = DB_OK;

	/* The answers of writes sent ahead come first. */
	if ((rc = pg_flush(c, NULL, NULL)) != DB_OK)
		return rc;
	pg_env_plan(c, tenant, &e);
	if (e.sql != NULL) {
		r = PQexecParams(c->h, e.sql, e.np, NULL, e.params, NULL,
		    NULL, 0);
		if (PQresultStatus(r) != PGRES_TUPLES_OK)
			/* The statement that needed it is the one worth
			 * naming. */
			rc = pg_log(c, r, "tenant", sql);
		PQclear(r);
	}
	pg_env_done(c, &e, rc == DB_OK);
	return rc;
}

static int
conn_open(struct pg_conn *c, const char *url, int create)
{
	memset(c, 0, sizeof(*c));
	c->base.ops = &pg_ops;
	if ((c->h = pg_connect(url, create)) == NULL)
		return -1;
	/* pg_conn_setup set orden.tenant to ''. */
	c->tenant_known = 1;
	c->tenant = PG_TENANT_NONE;
	return 0;
}

static void
conn_close(struct pg_conn *c)
{
	if (c->h == NULL)
		return;
	pg_stmt_cache_free(c);
	PQfinish(c->h);
	c->h = NULL;
}

/* A superuser or a BYPASSRLS role sees past the row-level security
 * policies: Orden still filters by tenant, but the second wall is gone.
 * Worth a line in the log, not a refusal (an operator may choose it). */
static void
warn_bypass(PGconn *h)
{
	PGresult *r;

	r = PQexec(h, "SELECT 1 FROM pg_roles WHERE rolname = current_user"
	    " AND (rolsuper OR rolbypassrls)");
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
		log_event("db_warning", "msg", "the database role bypasses "
		    "row-level security (superuser or BYPASSRLS); connect as "
		    "a role without either", NULL);
	PQclear(r);
}

static void	pgb_close(struct db *);

int
pg_open(struct db **out, const char *url, int pool_size)
{
	struct pg_db	*db = NULL;
	int		 i;

	*out = NULL;
	if (pool_size < 1 || pool_size > POOL_MAX) {
		fprintf(stderr, "orden: pool size %d out of range 1..%d\n",
		    pool_size, POOL_MAX);
		return DB_ERR;
	}
	if ((db = calloc(1, sizeof(*db))) == NULL ||
	    (db->conns = calloc((size_t)pool_size, sizeof(*db->conns))) == NULL ||
	    db_pool_init(&db->pool, pool_size) == -1) {
		fprintf(stderr, "orden: out of memory\n");
		goto fail;
	}
	db->base.ops = &pg_ops;
	if (pg_listen_new(&db->listen, url) != DB_OK) {
		fprintf(stderr, "orden: out of memory\n");
		goto fail;
	}
	for (i = 0; i < pool_size; i++) {
		/* The first connection creates the database if need be and
		 * migrates it before the others connect. */
		if (conn_open(&db->conns[i], url, i == 0) == -1)
			goto fail;
		db->conns[i].listen = db->listen;
		db->nconns++;
		if (i == 0) {
			if (pg_migrate(db->conns[0].h, &db->version) < 0)
				goto fail;
			warn_bypass(db->conns[0].h);
		}
		db_pool_put(&db->pool, &db->conns[i].base);
	}
	*out = &db->base;
	return DB_OK;
fail:
	if (db != NULL)
		pgb_close(&db->base);
	return DB_ERR;
}

static void
pgb_close(struct db *d)
{
	struct pg_db	*db = PG_DB(d);
	int		 i;

	if (db->conns != NULL) {
		for (i = 0; i < db->nconns; i++)
			conn_close(&db->conns[i]);
	}
	db_pool_destroy(&db->pool);
	pg_listen_free(db->listen);
	free(db->conns);
	free(db);
}

static int
pgb_schema_version(struct db *db)
{
	return PG_DB(db)->version;
}

static struct dbconn *
pgb_acquire(struct db *d)
{
	return db_pool_take(&PG_DB(d)->pool);
}

static int	pgb_in_tx(struct dbconn *);
static int	pgb_rollback(struct dbconn *);

static void
pgb_release(struct db *d, struct dbconn *conn)
{
	struct pg_db	*db = PG_DB(d);
	struct pg_conn	*c = PG_CONN(conn);

	/* Defensive: a caller that returns early must not hand the next
	 * request an open transaction or a half-read statement. */
	pg_stmt_cache_reset(c);
	if (pgb_in_tx(conn)) {
		log_event("db_error", "op", "release",
		    "msg", "connection released inside a transaction; rolled back",
		    NULL);
		pgb_rollback(conn);
	}
	/* A lost connection (server restart) is made again here, so that
	 * the pool heals; its prepared statements are gone with it. */
	if (PQstatus(c->h) != CONNECTION_OK) {
		log_event("db_error", "op", "release",
		    "msg", "connection lost; reconnecting", NULL);
		pg_stmt_cache_forget(c);
		PQreset(c->h);
		c->tenant_known = 0;
		tx_forget(c);
		if (PQstatus(c->h) == CONNECTION_OK &&
		    pg_conn_setup(c->h) == 0) {
			c->tenant_known = 1;
			c->tenant = PG_TENANT_NONE;
		}
	}
	db_pool_put(&db->pool, conn);
}

/* A command without parameters or rows; rc of its failure, logged. It
 * goes in the same round trip as the answers of the writes sent ahead
 * (pg_flush), and fails when one of them did. */
static int
tx_exec(struct pg_conn *c, const char *sql, PGresult **keep)
{
	PGresult	*r;
	int		 rc = DB_OK;

	if (c->npending > 0 || c->ahead_rc != DB_OK)
		return pg_flush(c, sql, keep);
	r = PQexec(c->h, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pg_log(c, r, "tx", sql);
	if (keep != NULL && rc == DB_OK)
		*keep = r;
	else
		PQclear(r);
	return rc;
}

static int
pgb_begin(struct dbconn *conn)
{
	struct pg_conn	*c = PG_CONN(conn);
	int		 rc;

	tx_forget(c);
	/* Sent ahead: answered with the transaction's first statement
	 * (which also carries its advisory lock), a round trip less for
	 * every transaction. A BEGIN that failed fails that statement. */
	if ((rc = pg_send_ahead(c, "BEGIN")) == DB_OK)
		c->in_tx = 1;
	return rc;
}

static int
pgb_commit(struct dbconn *conn)
{
	struct pg_conn	*c = PG_CONN(conn);
	PGresult	*r = NULL;
	int		 rc;

	rc = tx_exec(c, "COMMIT", &r);
	if (rc == DB_OK && strcmp(PQcmdStatus(r), "COMMIT") != 0) {
		/* The transaction had failed: the server rolled it back. */
		log_event("db_error", "op", "commit",
		    "msg", "transaction had failed and was rolled back",
		    "code", PQcmdStatus(r), NULL);
		rc = DB_ERR;
	}
	PQclear(r);
	if (rc != DB_OK)
		c->tenant_known = 0;	/* a set_config in it was undone */
	/* Unlike SQLite, a failed COMMIT ends the transaction too; whatever
	 * is left open still waits for db_rollback. */
	if (PQtransactionStatus(c->h) == PQTRANS_IDLE)
		tx_forget(c);
	return rc;
}

static int
pgb_rollback(struct dbconn *conn)
{
	struct pg_conn	*c = PG_CONN(conn);
	int		 rc = DB_OK;

	/* A write sent ahead that failed is undone with the rest. */
	pg_flush(c, NULL, NULL);
	c->ahead_rc = DB_OK;
	if (PQtransactionStatus(c->h) != PQTRANS_IDLE)
		rc = tx_exec(c, "ROLLBACK", NULL);
	c->tenant_known = 0;
	tx_forget(c);
	return rc;
}

/* Group commit's savepoint (backend.h). The savepoint statements go
 * straight to the server, not through pg_env: they name no tenant and
 * must not take the global lock as a transaction's first statement would.
 * ROLLBACK TO also undoes what the savepoint did to the connection: a
 * set_config of orden.tenant, and the advisory locks taken in it (the
 * server releases a lock taken after a savepoint when it is rolled back
 * to). So the cached tenant and the remembered locks are forgotten, and
 * the next statement sets and locks again; a lock taken twice is counted,
 * and COMMIT releases it all. */
static int
pgb_savepoint(struct dbconn *conn, enum db_sp op)
{
	struct pg_conn	*c = PG_CONN(conn);
	int		 rc;

	switch (op) {
	case DB_SP_BEGIN:
		/* One request of a batch: the SAVEPOINT and its writes are
		 * sent ahead (pg_stmt.c stmt_defer), answered with its first
		 * statement that needs an answer; its RELEASE reads theirs,
		 * and a failure among them fails the RELEASE, so that the
		 * request is rolled back alone and gets that error. */
		return pg_send_ahead(c, "SAVEPOINT orden_group");
	case DB_SP_RELEASE:
		return tx_exec(c, "RELEASE SAVEPOINT orden_group", NULL);
	case DB_SP_ROLLBACK:
		/* The answers first: after a failure the pipeline runs
		 * nothing more until its sync, not even the ROLLBACK TO. */
		pg_flush(c, NULL, NULL);
		c->ahead_rc = DB_OK;
		rc = tx_exec(c, "ROLLBACK TO SAVEPOINT orden_group", NULL);
		c->tenant_known = 0;
		c->tx_ran = 0;
		c->ntx_locks = 0;
		if (rc != DB_OK)
			return rc;
		return tx_exec(c, "RELEASE SAVEPOINT orden_group", NULL);
	}
	return DB_ERR;
}

static int
pgb_in_tx(struct dbconn *conn)
{
	struct pg_conn *c = PG_CONN(conn);

	return c->in_tx && PQtransactionStatus(c->h) != PQTRANS_IDLE;
}

static int
pgb_exec(struct dbconn *conn, const char *sql)
{
	struct pg_conn	*c = PG_CONN(conn);
	PGresult	*r;
	int		 rc;

	if ((rc = pg_env(c, PG_TENANT_NONE, sql)) != DB_OK)
		return rc;
	r = PQexec(c->h, sql);
	switch (PQresultStatus(r)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
		pg_note_changes(c, r);
		break;
	default:
		rc = pg_log(c, r, "exec", sql);
		break;
	}
	PQclear(r);
	return rc;
}

static int64_t
pgb_changes(struct dbconn *c)
{
	/* The last write may have been sent ahead: its count is in its
	 * answer. (A failure there stays for the next statement, which
	 * fails with it: the transaction is aborted.) */
	if (pg_flush(PG_CONN(c), NULL, NULL) != DB_OK)
		return 0;
	return PG_CONN(c)->changes;
}

/* Without waiting: a statement that runs now first reads the answers of
 * every write sent before it, so writes still unanswered mean that the
 * last one was sent ahead too. */
static int64_t
pgb_changes_known(struct dbconn *c)
{
	return PG_CONN(c)->npending > 0 ? -1 : PG_CONN(c)->changes;
}

static int
pgb_ids_sync(struct dbconn *conn, const char *table)
{
	struct pg_conn	*c = PG_CONN(conn);
	struct dbstmt	*st = NULL;
	char		*id = NULL, *sql = NULL;
	size_t		 n;
	int		 rc, has;

	if ((rc = pg_prepare_dynamic(conn, 0, SQL_HAS_ID, &st)) != DB_OK)
		goto out;
	/* A quoted identifier: table is a name the program owns, quoted
	 * anyway so that it can only ever name a table. */
	if ((id = PQescapeIdentifier(c->h, table, strlen(table))) == NULL) {
		rc = pg_log(c, NULL, "ids_sync", SQL_HAS_ID);
		goto out;
	}
	pg_bind_text(st, 1, id);
	if ((rc = pg_step(st)) < 0)
		goto out;
	has = rc == DB_ROW;
	pg_reset(st);
	st = NULL;
	rc = DB_OK;
	if (!has)
		goto out;
	n = strlen(id) + sizeof(SQL_IDS_SYNC_FMT);
	if ((sql = malloc(n)) == NULL ||
	    snprintf(sql, n, SQL_IDS_SYNC_FMT, id) >= (int)n) {
		rc = DB_ERR;
		goto out;
	}
	if ((rc = pg_prepare_dynamic(conn, 0, sql, &st)) != DB_OK)
		goto out;
	pg_bind_text(st, 1, id);
	rc = pg_step(st) == DB_ROW ? DB_OK : DB_ERR;
out:
	pg_reset(st);
	PQfreemem(id);
	free(sql);
	return rc;
}

static int
pgb_mark(struct dbconn *conn, int64_t tenant_id, unsigned char *out)
{
	return pg_listen_mark(PG_CONN(conn)->listen, tenant_id, out);
}

static void
pgb_committed(struct dbconn *conn, const int64_t *tenants, int n, int all)
{
	pg_listen_wrote(PG_CONN(conn)->listen, tenants, n, all);
}

const struct db_ops pg_ops = {
	.name = "postgres",
	.close = pgb_close,
	.schema_version = pgb_schema_version,
	.acquire = pgb_acquire,
	.release = pgb_release,
	.begin = pgb_begin,
	.commit = pgb_commit,
	.rollback = pgb_rollback,
	.in_tx = pgb_in_tx,
	.savepoint = pgb_savepoint,
	.exec = pgb_exec,
	.changes = pgb_changes,
	.changes_known = pgb_changes_known,
	.ids_sync = pgb_ids_sync,
	.prepare = pg_prepare,
	.prepare_tenant = pg_prepare_tenant,
	.prepare_global = pg_prepare_global,
	.prepare_dynamic = pg_prepare_dynamic,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.stream = pg_stream,
	.run_together = pg_run_together,
	.col_is_null = pg_col_is_null,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
	.col_type = pg_col_type,
	.reset = pg_reset,
	.mark = pgb_mark,
	.committed = pgb_committed,
};
