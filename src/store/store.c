/* store.c: the db_* functions of store.h (and db_in_tx of store_tx.h),
 * dispatched to the backend the handle belongs to (backend.h). The URL
 * given to db_open picks the backend: postgres:// or postgresql:// is
 * PostgreSQL (pg*.c); anything else is SQLite (sqlite*.c), which accepts a
 * file path or sqlite:PATH and refuses other schemes. */
#include "store/store.h"
#include "store/store_tx.h"

#include <string.h>

#include "store/backend.h"
#include "util/num.h"

static int
is_pg_url(const char *url)
{
	return strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0;
}

int
db_open(struct db **out, const char *url, int pool_size)
{
	int rc;

	if (url != NULL && is_pg_url(url))
		rc = pg_open(out, url, pool_size);
	else
		rc = sqlite_open(out, url, pool_size);
	if (rc != 0)
		return rc;
	if (db_group_init(*out) != 0) {
		(*out)->ops->close(*out);
		*out = NULL;
		return DB_ERR;
	}
	return 0;
}

void
db_close(struct db *db)
{
	if (db != NULL) {
		db_group_destroy(db);
		db->ops->close(db);
	}
}

int
db_schema_version(struct db *db)
{
	return db->ops->schema_version(db);
}

const char *
db_backend(struct db *db)
{
	return db->ops->name;
}

const char *
db_conn_backend(struct dbconn *c)
{
	return c->ops->name;
}

struct dbconn *
db_acquire(struct db *db)
{
	return db->ops->acquire(db);
}

void
db_release(struct db *db, struct dbconn *c)
{
	if (c != NULL)
		db->ops->release(db, c);
}

int
db_begin(struct dbconn *c)
{
	return c->ops->begin(c);
}

int
db_commit(struct dbconn *c)
{
	return c->ops->commit(c);
}

int
db_rollback(struct dbconn *c)
{
	return c->ops->rollback(c);
}

int
db_in_tx(struct dbconn *c)
{
	return c->ops->in_tx(c);
}

int
db_exec(struct dbconn *c, const char *sql)
{
	return c->ops->exec(c, sql);
}

int64_t
db_changes(struct dbconn *c)
{
	return c->ops->changes(c);
}

int
db_ids_sync(struct dbconn *c, const char *table)
{
	return c->ops->ids_sync(c, table);
}

int
db_prepare(struct dbconn *c, const char *sql, struct dbstmt **out)
{
	return c->ops->prepare(c, sql, out);
}

int
db_prepare_tenant(struct dbconn *c, int64_t tenant_id, const char *sql,
    struct dbstmt **out)
{
	return c->ops->prepare_tenant(c, tenant_id, sql, out);
}

int
db_prepare_global(struct dbconn *c, const char *sql, struct dbstmt **out)
{
	return c->ops->prepare_global(c, sql, out);
}

int
db_prepare_dynamic(struct dbconn *c, int64_t tenant_id, const char *sql,
    struct dbstmt **out)
{
	return c->ops->prepare_dynamic(c, tenant_id, sql, out);
}

/* A binding that fails sticks to the statement: the step refuses to run
 * with a parameter missing (on PostgreSQL it would run with NULL in its
 * place), so a caller that ignores db_bind_*'s result still sees the
 * failure at db_step. db_reset clears it. */
static int
bound(struct dbstmt *s, int rc)
{
	if (rc != DB_OK && s->bind_err == DB_OK)
		s->bind_err = rc;
	return rc;
}

int
db_bind_int(struct dbstmt *s, int idx, int64_t v)
{
	return bound(s, s->ops->bind_int(s, idx, v));
}

int
db_bind_text(struct dbstmt *s, int idx, const char *v)
{
	return bound(s, s->ops->bind_text(s, idx, v));
}

int
db_bind_blob(struct dbstmt *s, int idx, const void *v, size_t len)
{
	return bound(s, s->ops->bind_blob(s, idx, v, len));
}

int
db_bind_null(struct dbstmt *s, int idx)
{
	return bound(s, s->ops->bind_null(s, idx));
}

int
db_step(struct dbstmt *s)
{
	if (s->bind_err != DB_OK)
		return s->bind_err;
	return s->ops->step(s);
}

int
db_col_is_null(struct dbstmt *s, int col)
{
	return s->ops->col_is_null(s, col);
}

int64_t
db_col_int(struct dbstmt *s, int col)
{
	return s->ops->col_int(s, col);
}

const char *
db_col_text(struct dbstmt *s, int col)
{
	return s->ops->col_text(s, col);
}

const void *
db_col_blob(struct dbstmt *s, int col, size_t *len)
{
	return s->ops->col_blob(s, col, len);
}

int
db_col_count(struct dbstmt *s)
{
	return s->ops->col_count(s);
}

const char *
db_col_name(struct dbstmt *s, int col)
{
	return s->ops->col_name(s, col);
}

enum db_type
db_col_type(struct dbstmt *s, int col)
{
	return s->ops->col_type(s, col);
}

void
db_reset(struct dbstmt *s)
{
	if (s != NULL) {
		s->bind_err = DB_OK;
		s->ops->reset(s);
	}
}

int
store_migration_version(const char *name, int64_t *out)
{
	char	digits[16];
	size_t	n = strspn(name, "0123456789");

	if (n == 0 || n >= sizeof(digits) || name[n] != '_')
		return -1;
	memcpy(digits, name, n);
	digits[n] = '\0';
	return num_parse_i64(digits, 1, 99999999, out);
}
