/* sqlite_stmt.c: prepared statements, the per-connection statement cache,
 * binding and reading columns.
 *
 * The cache is keyed by the SQL pointer (store.h: SQL is a string literal),
 * so a lookup is a pointer hash, not a string compare. A statement handed
 * out and not yet reset is "in use"; asking for the same SQL again meanwhile
 * (a nested loop over one query) gets a one-off statement that db_reset
 * finalizes, instead of silently resetting the outer one.
 *
 * Placeholders are $1..$n in the portable SQL. SQLite treats "$1" as a
 * named parameter whose index is the order of first appearance, so index n
 * is looked up by the name "$n" (once, when the statement is prepared):
 * "... $2 ... $1" binds right. */
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/log.h"

static size_t
bucket(const char *sql)
{
	uintptr_t p = (uintptr_t)sql;

	return (size_t)((p >> 4) ^ (p >> 10)) % STMT_BUCKETS;
}

/* Fill s->pidx from the statement's parameter names ("$n"). */
static void
param_map(struct sqlite_stmt *s)
{
	const char	*name;
	char		*end;
	long		 n;
	int		 i, count;

	count = sqlite3_bind_parameter_count(s->st);
	for (i = 1; i <= count && i <= UINT8_MAX; i++) {
		if ((name = sqlite3_bind_parameter_name(s->st, i)) == NULL ||
		    name[0] != '$')
			continue;
		n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n < STMT_PARAMS_FAST)
			s->pidx[n] = (unsigned char)i;
	}
}

/* Whether column id of table (its name at t, n bytes) is the rowid: an
 * INTEGER PRIMARY KEY of a table that has one. */
static int
id_is_rowid(sqlite3 *h, const char *t, size_t n)
{
	char		 name[64];
	const char	*type;
	int		 pk;

	if (n == 0 || n >= sizeof(name))
		return 0;
	memcpy(name, t, n);
	name[n] = '\0';
	if (sqlite3_table_column_metadata(h, "main", name, "id", &type, NULL,
	    NULL, &pk, NULL) != SQLITE_OK || !pk ||
	    sqlite3_stricmp(type, "INTEGER") != 0)
		return 0;
	/* A WITHOUT ROWID table has no "rowid" to ask for. */
	return sqlite3_table_column_metadata(h, "main", name, "rowid", NULL,
	    NULL, NULL, NULL, NULL) == SQLITE_OK;
}

/* The length of sql without its " RETURNING id" when it is a one-row
 * "INSERT INTO t ... VALUES (...) RETURNING id" into a table whose id is
 * the rowid, else 0. SQLite makes RETURNING a trigger: the insert then
 * gathers its rows in an ephemeral table and, inside a transaction,
 * opens a statement journal that copies every page the insert changes
 * (a deviation's row and its 12 index entries: about 17 pages), to give
 * back the number sqlite3_last_insert_rowid has. No ON CONFLICT (a row
 * not inserted would return none), no SELECT and no second row of
 * VALUES (more than one row); sqlite_step still checks that one row went
 * in. */
static size_t
rowid_returning(sqlite3 *h, const char *sql)
{
	static const char	 head[] = "INSERT INTO ", tail[] = " RETURNING id";
	size_t			 len = strlen(sql), hn = sizeof(head) - 1,
				 tn = sizeof(tail) - 1, n;

	if (len <= hn + tn || strncmp(sql, head, hn) != 0 ||
	    strcmp(sql + len - tn, tail) != 0 ||
	    strstr(sql, "ON CONFLICT") != NULL || strstr(sql, "SELECT") != NULL ||
	    strchr(sql, ';') != NULL || strstr(sql, "), (") != NULL ||
	    strstr(sql, "),(") != NULL)
		return 0;
	n = strcspn(sql + hn, " (");
	return id_is_rowid(h, sql + hn, n) ? len - tn : 0;
}

static int
stmt_new(struct sqlite_conn *c, const char *sql, int cached,
    struct sqlite_stmt **out)
{
	struct sqlite_stmt	*s;
	size_t			 plain;
	int			 rc;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return DB_ERR;
	s->base.ops = &sqlite_ops;
	plain = rowid_returning(c->h, sql);
	s->rowid_ret = plain > 0;
	rc = sqlite3_prepare_v3(c->h, sql, plain > 0 ? (int)plain : -1,
	    cached ? SQLITE_PREPARE_PERSISTENT : 0, &s->st, NULL);
	if (rc != SQLITE_OK) {
		sqlite_log(c->h, rc, "prepare", sql);
		sqlite3_finalize(s->st);
		free(s);
		return sqlite_rc(rc);
	}
	if (s->st == NULL) {	/* only whitespace or a comment */
		log_event("db_error", "op", "prepare", "msg", "empty statement",
		    "sql", sql, NULL);
		free(s);
		return DB_ERR;
	}
	s->conn = c;
	s->sql = sql;
	s->cached = cached;
	param_map(s);
	*out = s;
	return DB_OK;
}

int
sqlite_prepare(struct dbconn *conn, const char *sql, struct dbstmt **out)
{
	struct sqlite_conn	*c = SQ_CONN(conn);
	struct sqlite_stmt	*s;
	size_t			 b;
	int			 rc;

	*out = NULL;
	b = bucket(sql);
	for (s = c->cache[b]; s != NULL; s = s->next)
		if (s->sql == sql)
			break;
	if (s != NULL && s->in_use) {
		/* Nested use of the same SQL: a one-off. */
		if ((rc = stmt_new(c, sql, 0, &s)) != DB_OK)
			return rc;
	} else if (s == NULL) {
		if ((rc = stmt_new(c, sql, 1, &s)) != DB_OK)
			return rc;
		s->next = c->cache[b];
		c->cache[b] = s;
	}
	s->in_use = 1;
	*out = &s->base;
	return DB_OK;
}

int
sqlite_prepare_tenant(struct dbconn *c, int64_t tenant_id, const char *sql,
    struct dbstmt **out)
{
	int rc;

	*out = NULL;
	if (tenant_id <= 0) {
		/* Defensive: a tenant query without a tenant is a bug upstream. */
		log_event("db_error", "op", "prepare_tenant",
		    "msg", "no tenant in context", "sql", sql, NULL);
		return DB_ERR;
	}
	if ((rc = sqlite_prepare(c, sql, out)) != DB_OK)
		return rc;
	if ((rc = sqlite_bind_int(*out, 1, tenant_id)) != DB_OK) {
		sqlite_reset(*out);
		*out = NULL;
	}
	return rc;
}

int
sqlite_prepare_global(struct dbconn *c, const char *sql, struct dbstmt **out)
{
	/* One database file holds what it holds: nothing to switch. */
	return sqlite_prepare(c, sql, out);
}

int
sqlite_prepare_dynamic(struct dbconn *c, int64_t tenant_id, const char *sql,
    struct dbstmt **out)
{
	struct sqlite_stmt	*s;
	char			*copy;
	int			 rc;

	*out = NULL;
	if ((copy = strdup(sql)) == NULL)
		return DB_ERR;
	if ((rc = stmt_new(SQ_CONN(c), copy, 0, &s)) != DB_OK) {
		free(copy);
		return rc;
	}
	s->own_sql = copy;
	s->in_use = 1;
	*out = &s->base;
	if (tenant_id > 0 && (rc = sqlite_bind_int(*out, 1, tenant_id)) != DB_OK) {
		sqlite_reset(*out);
		*out = NULL;
	}
	return rc;
}

/* SQLite index of placeholder $idx, or 0 with the error logged. */
static int
param_index(struct sqlite_stmt *s, int idx)
{
	char	name[16];
	int	i = 0, n;

	if (idx >= 1 && idx < STMT_PARAMS_FAST && s->pidx[idx] != 0)
		return s->pidx[idx];
	n = snprintf(name, sizeof(name), "$%d", idx);
	if (idx >= 1 && n > 0 && (size_t)n < sizeof(name))
		i = sqlite3_bind_parameter_index(s->st, name);
	if (i == 0) {
		log_event("db_error", "op", "bind", "msg", "no such placeholder",
		    "param", name, "sql", s->sql, NULL);
	}
	return i;
}

static int
bind_rc(struct sqlite_stmt *s, int rc)
{
	if (rc == SQLITE_OK)
		return DB_OK;
	sqlite_log(s->conn->h, rc, "bind", s->sql);
	return sqlite_rc(rc);
}

int
sqlite_bind_int(struct dbstmt *st, int idx, int64_t v)
{
	struct sqlite_stmt	*s = SQ_STMT(st);
	int			 i;

	if ((i = param_index(s, idx)) == 0)
		return DB_ERR;
	return bind_rc(s, sqlite3_bind_int64(s->st, i, v));
}

int
sqlite_bind_text(struct dbstmt *st, int idx, const char *v)
{
	struct sqlite_stmt	*s = SQ_STMT(st);
	int			 i;

	if ((i = param_index(s, idx)) == 0)
		return DB_ERR;
	if (v == NULL)
		return bind_rc(s, sqlite3_bind_null(s->st, i));
	return bind_rc(s, sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT));
}

int
sqlite_bind_blob(struct dbstmt *st, int idx, const void *v, size_t len)
{
	struct sqlite_stmt	*s = SQ_STMT(st);
	int			 i;

	if ((i = param_index(s, idx)) == 0)
		return DB_ERR;
	if (v == NULL)
		return bind_rc(s, sqlite3_bind_null(s->st, i));
	return bind_rc(s, sqlite3_bind_blob64(s->st, i, v, (sqlite3_uint64)len,
	    SQLITE_TRANSIENT));
}

int
sqlite_bind_null(struct dbstmt *st, int idx)
{
	struct sqlite_stmt	*s = SQ_STMT(st);
	int			 i;

	if ((i = param_index(s, idx)) == 0)
		return DB_ERR;
	return bind_rc(s, sqlite3_bind_null(s->st, i));
}

int
sqlite_step(struct dbstmt *st)
{
	struct sqlite_stmt	*s = SQ_STMT(st);
	int			 rc;

	if (s->rowid_row) {	/* after the made-up row: the end */
		s->rowid_row = 0;
		return DB_DONE;
	}
	rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE && s->rowid_ret) {
		/* Defensive: rowid_returning let through only one-row
		 * inserts. */
		if (sqlite3_changes64(s->conn->h) != 1) {
			log_event("db_error", "op", "step", "msg",
			    "RETURNING id of other than one row", "sql", s->sql,
			    NULL);
			return DB_ERR;
		}
		s->rowid = (int64_t)sqlite3_last_insert_rowid(s->conn->h);
		s->rowid_row = 1;
		return DB_ROW;
	}
	if (rc == SQLITE_DONE)
		return DB_DONE;
	sqlite_log(s->conn->h, rc, "step", s->sql);
	return sqlite_rc(rc) == DB_OK ? DB_ERR : sqlite_rc(rc);
}

int
sqlite_col_is_null(struct dbstmt *st, int col)
{
	if (SQ_STMT(st)->rowid_row)
		return col != 0;
	return sqlite3_column_type(SQ_STMT(st)->st, col) == SQLITE_NULL;
}

int64_t
sqlite_col_int(struct dbstmt *st, int col)
{
	if (SQ_STMT(st)->rowid_row)
		return col == 0 ? SQ_STMT(st)->rowid : 0;
	return (int64_t)sqlite3_column_int64(SQ_STMT(st)->st, col);
}

const char *
sqlite_col_text(struct dbstmt *st, int col)
{
	struct sqlite_stmt *s = SQ_STMT(st);

	if (s->rowid_row) {
		if (col != 0)
			return NULL;
		snprintf(s->rowid_text, sizeof(s->rowid_text), "%lld",
		    (long long)s->rowid);
		return s->rowid_text;
	}
	return (const char *)sqlite3_column_text(s->st, col);
}

const void *
sqlite_col_blob(struct dbstmt *st, int col, size_t *len)
{
	struct sqlite_stmt	*s = SQ_STMT(st);
	const void		*p;

	if (s->rowid_row) {	/* an integer has no blob */
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	p = sqlite3_column_blob(s->st, col);
	if (len != NULL)
		*len = (size_t)sqlite3_column_bytes(s->st, col);
	return p;
}

int
sqlite_col_count(struct dbstmt *st)
{
	if (SQ_STMT(st)->rowid_ret)
		return 1;
	return sqlite3_column_count(SQ_STMT(st)->st);
}

const char *
sqlite_col_name(struct dbstmt *st, int col)
{
	if (SQ_STMT(st)->rowid_ret)
		return col == 0 ? "id" : NULL;
	return sqlite3_column_name(SQ_STMT(st)->st, col);
}

enum db_type
sqlite_col_type(struct dbstmt *st, int col)
{
	if (SQ_STMT(st)->rowid_row)
		return col == 0 ? DB_T_INT : DB_T_NULL;
	switch (sqlite3_column_type(SQ_STMT(st)->st, col)) {
	case SQLITE_INTEGER:
		return DB_T_INT;
	case SQLITE_TEXT:
		return DB_T_TEXT;
	case SQLITE_BLOB:
		return DB_T_BLOB;
	case SQLITE_FLOAT:	/* the schema has no REAL; an aggregate may */
		return DB_T_INT;
	default:
		return DB_T_NULL;
	}
}

void
sqlite_reset(struct dbstmt *st)
{
	struct sqlite_stmt *s = SQ_STMT(st);

	if (s == NULL)
		return;
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	s->in_use = 0;
	s->rowid_row = 0;
	if (!s->cached) {
		sqlite3_finalize(s->st);
		free(s->own_sql);
		free(s);
	}
}

void
sqlite_stmt_cache_reset(struct sqlite_conn *c)
{
	struct sqlite_stmt	*s;
	size_t			 b;

	for (b = 0; b < STMT_BUCKETS; b++)
		for (s = c->cache[b]; s != NULL; s = s->next)
			if (s->in_use) {
				log_event("db_error", "op", "release",
				    "msg", "statement not reset",
				    "sql", s->sql, NULL);
				sqlite_reset(&s->base);
			}
}

void
sqlite_stmt_cache_free(struct sqlite_conn *c)
{
	struct sqlite_stmt	*s, *n;
	size_t		 b;

	for (b = 0; b < STMT_BUCKETS; b++) {
		for (s = c->cache[b]; s != NULL; s = n) {
			n = s->next;
			sqlite3_finalize(s->st);
			free(s);
		}
		c->cache[b] = NULL;
	}
}
