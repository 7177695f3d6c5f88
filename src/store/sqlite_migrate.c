/* sqlite_migrate.c: apply the migrations embedded in the binary
 * (src/store/migrations/sqlite/NNNN_name.sql, turned into
 * migrations_sqlite[] by scripts/embed.sh), each in its own transaction,
 * recording each in schema_migrations. Numbered by the file-name prefix;
 * already-applied ones are skipped, so opening twice is a no-op. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/sqlite_int.h"
#include "util/num.h"

/* Same shape as the generated array (scripts/embed.sh). */
extern const struct { const char *name; const char *sql; } migrations_sqlite[];

static const char SQL_MIGRATIONS_TABLE[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at INTEGER NOT NULL)";
static const char SQL_MIGRATION_APPLIED[] =
    "SELECT 1 FROM schema_migrations WHERE version = $1";
static const char SQL_MIGRATION_RECORD[] =
    "INSERT INTO schema_migrations (version, name, applied_at)"
    " VALUES ($1, $2, $3)";
static const char SQL_MIGRATION_MAX[] =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";

/* Run one-row, one-column integer query with at most one int parameter
 * (param < 0: none). *out = -1 when there is no row. */
static int
query_int(sqlite3 *h, const char *sql, int64_t param, int64_t *out)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	*out = -1;
	if ((rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL)) != SQLITE_OK)
		goto fail;
	if (param >= 0 &&
	    (rc = sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, "$1"),
	    param)) != SQLITE_OK)
		goto fail;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	return 0;
fail:
	sqlite_log(h, rc, "migrate", sql);
	sqlite3_finalize(st);
	return -1;
}

static int
record(sqlite3 *h, int64_t version, const char *name)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(h, SQL_MIGRATION_RECORD, -1, &st, NULL))
	    != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, "$1"), version);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, "$2"), name, -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, "$3"),
	    (int64_t)time(NULL));
	if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	return 0;
fail:
	sqlite_log(h, rc, "migrate", SQL_MIGRATION_RECORD);
	sqlite3_finalize(st);
	return -1;
}

/* One migration in one transaction. The "applied?" check is inside the
 * write lock so two processes opening a fresh database at once cannot both
 * apply it. */
static int
apply_one(sqlite3 *h, int64_t version, const char *name, const char *sql)
{
	char	*err = NULL;
	int64_t	 applied;
	int	 rc;

	if ((rc = sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL))
	    != SQLITE_OK) {
		fprintf(stderr, "orden: migration %s: cannot lock the database: "
		    "%s\n", name, sqlite3_errmsg(h));
		return -1;
	}
	if (query_int(h, SQL_MIGRATION_APPLIED, version, &applied) == -1)
		goto fail;
	if (applied == 1) {
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
		return 0;
	}
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "orden: migration %s failed: %s\n", name,
		    err != NULL ? err : sqlite3_errmsg(h));
		sqlite3_free(err);
		goto fail;
	}
	if (record(h, version, name) == -1)
		goto fail;
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "orden: migration %s: commit failed: %s\n", name,
		    sqlite3_errmsg(h));
		goto fail;
	}
	return 0;
fail:
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int
sqlite_migrate(sqlite3 *h, int *version)
{
	int64_t	v, last = 0, cur;
	size_t	i;
	int	rc;

	if ((rc = sqlite3_exec(h, SQL_MIGRATIONS_TABLE, NULL, NULL, NULL))
	    != SQLITE_OK) {
		fprintf(stderr, "orden: cannot create schema_migrations: %s\n",
		    sqlite3_errmsg(h));
		return -1;
	}
	for (i = 0; migrations_sqlite[i].name != NULL; i++) {
		if (store_migration_version(migrations_sqlite[i].name, &v) == -1 ||
		    v <= last) {
			/* A build problem, not a run-time one. */
			fprintf(stderr, "orden: bad migration name %s (need "
			    "NNNN_name.sql, numbers rising)\n",
			    migrations_sqlite[i].name);
			return -1;
		}
		last = v;
		if (apply_one(h, v, migrations_sqlite[i].name,
		    migrations_sqlite[i].sql) == -1)
			return -1;
	}
	if (query_int(h, SQL_MIGRATION_MAX, -1, &cur) == -1)
		return -1;
	if (cur > last) {
		fprintf(stderr, "orden: the database is at schema version %lld, "
		    "newer than this program knows (%lld); use a newer orden\n",
		    (long long)cur, (long long)last);
		return -1;
	}
	*version = (int)cur;
	return 0;
}
