/* pg_migrate.c: apply the PostgreSQL migrations embedded in the binary
 * (src/store/migrations/pg/NNNN_name.sql, turned into migrations_pg[] by
 * scripts/embed.sh), each in its own transaction, recorded in the same
 * schema_migrations table as on SQLite. The version numbers are the
 * SQLite ones: version N means the same tables on both backends.
 *
 * Where PostgreSQL differs from SQLite, and what this file does about it:
 *  - SQLite's BEGIN IMMEDIATE keeps two processes from applying the same
 *    migration; here each migration transaction first takes the advisory
 *    lock PG_LOCK_MIGRATE, and schema_migrations is created under it too
 *    (CREATE TABLE IF NOT EXISTS alone races).
 *  - Each migration runs with orden.tenant '*' (local to its transaction),
 *    so that one that updates tenant-owned rows sees all of them through
 *    row-level security. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/pg_int.h"
#include "util/num.h"

/* Same shape as the generated array (scripts/embed.sh). */
extern const struct { const char *name; const char *sql; } migrations_pg[];

static const char SQL_LOCK[] =
    "SELECT pg_advisory_xact_lock($1::bigint),"
    " set_config('orden.tenant', '*', true)";
static const char SQL_MIGRATIONS_TABLE[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";
static const char SQL_MIGRATION_APPLIED[] =
    "SELECT 1 FROM schema_migrations WHERE version = $1::bigint";
static const char SQL_MIGRATION_RECORD[] =
    "INSERT INTO schema_migrations (version, name, applied_at)"
    " VALUES ($1::bigint, $2, $3::bigint)";
static const char SQL_MIGRATION_MAX[] =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";

/* Run sql with up to three text parameters; want is the status that
 * means success. The result (caller clears) or NULL with the server's
 * message on stderr. */
static PGresult *
run(PGconn *h, const char *what, const char *sql, int n, const char *p1,
    const char *p2, const char *p3, ExecStatusType want)
{
	const char	*params[3] = { p1, p2, p3 };
	PGresult	*r;

	if (n == 0)
		r = PQexec(h, sql);
	else
		r = PQexecParams(h, sql, n, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) == want)
		return r;
	fprintf(stderr, "orden: migration %s failed: %s", what,
	    PQerrorMessage(h));
	PQclear(r);
	return NULL;
}

static int
cmd(PGconn *h, const char *what, const char *sql)
{
	PGresult *r;

	if ((r = run(h, what, sql, 0, NULL, NULL, NULL, PGRES_COMMAND_OK))
	    == NULL)
		return -1;
	PQclear(r);
	return 0;
}

/* BEGIN, and the migration lock with orden.tenant '*'. */
static int
begin_locked(PGconn *h, const char *what)
{
	PGresult	*r;
	char		 key[24];

	if (cmd(h, what, "BEGIN") == -1)
		return -1;
	snprintf(key, sizeof(key), "%d", PG_LOCK_MIGRATE);
	if ((r = run(h, what, SQL_LOCK, 1, key, NULL, NULL, PGRES_TUPLES_OK))
	    == NULL) {
		PQclear(PQexec(h, "ROLLBACK"));
		return -1;
	}
	PQclear(r);
	return 0;
}

/* One migration in one transaction; the "applied?" check is under the
 * lock so that two processes opening a fresh database cannot both apply
 * it. */
static int
apply_one(PGconn *h, int64_t version, const char *name, const char *sql)
{
	PGresult	*r;
	char		 v[24], now[24];
	int		 applied;

	if (begin_locked(h, name) == -1)
		return -1;
	snprintf(v, sizeof(v), "%" PRId64, version);
	if ((r = run(h, name, SQL_MIGRATION_APPLIED, 1, v, NULL, NULL,
	    PGRES_TUPLES_OK)) == NULL)
		goto fail;
	applied = PQntuples(r) > 0;
	PQclear(r);
	if (applied) {
		PQclear(PQexec(h, "ROLLBACK"));
		return 0;
	}
	/* Several statements in one simple query: they run in order inside
	 * the open transaction; the first error stops them. The result is the
	 * last statement's. */
	r = PQexec(h, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "orden: migration %s failed: %s", name,
		    PQerrorMessage(h));
		PQclear(r);
		goto fail;
	}
	PQclear(r);
	snprintf(now, sizeof(now), "%lld", (long long)time(NULL));
	if ((r = run(h, name, SQL_MIGRATION_RECORD, 3, v, name, now,
	    PGRES_COMMAND_OK)) == NULL)
		goto fail;
	PQclear(r);
	if ((r = run(h, name, "COMMIT", 0, NULL, NULL, NULL,
	    PGRES_COMMAND_OK)) == NULL)
		return -1;
	if (strcmp(PQcmdStatus(r), "COMMIT") != 0) {
		fprintf(stderr, "orden: migration %s: rolled back\n", name);
		PQclear(r);
		return -1;
	}
	PQclear(r);
	return 0;
fail:
	PQclear(PQexec(h, "ROLLBACK"));
	return -1;
}

int
pg_migrate(PGconn *h, int *version)
{
	PGresult	*r;
	int64_t		 v, last = 0, cur;
	size_t		 i;

	if (begin_locked(h, "schema_migrations") == -1)
		return -1;
	if (cmd(h, "schema_migrations", SQL_MIGRATIONS_TABLE) == -1 ||
	    cmd(h, "schema_migrations", "COMMIT") == -1) {
		PQclear(PQexec(h, "ROLLBACK"));
		return -1;
	}
	for (i = 0; migrations_pg[i].name != NULL; i++) {
		if (store_migration_version(migrations_pg[i].name, &v) == -1 ||
		    v <= last) {
			/* A build problem, not a run-time one. */
			fprintf(stderr, "orden: bad migration name %s (need "
			    "NNNN_name.sql, numbers rising)\n",
			    migrations_pg[i].name);
			return -1;
		}
		last = v;
		if (apply_one(h, v, migrations_pg[i].name,
		    migrations_pg[i].sql) == -1)
			return -1;
	}
	if ((r = run(h, "schema_migrations", SQL_MIGRATION_MAX, 0, NULL, NULL,
	    NULL, PGRES_TUPLES_OK)) == NULL)
		return -1;
	if (num_parse_i64(PQgetvalue(r, 0, 0), 0, INT64_MAX, &cur) == -1) {
		PQclear(r);
		return -1;
	}
	PQclear(r);
	if (cur > last) {
		fprintf(stderr, "orden: the database is at schema version %lld, "
		    "newer than this program knows (%lld); use a newer orden\n",
		    (long long)cur, (long long)last);
		return -1;
	}
	*version = (int)cur;
	return 0;
}
