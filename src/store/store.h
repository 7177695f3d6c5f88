/* store.h: the one database interface. sqlite.c implements it now; pg.c
 * (PostgreSQL via libpq) implements the same interface later.
 *
 * Rules every caller keeps, so the second backend is a drop-in:
 *  - SQL is written once, in the subset both backends share, with numbered
 *    placeholders $1, $2, ... Never build SQL from input: bind it.
 *  - Inserts that need the new key use "INSERT ... RETURNING id".
 *  - Times are INTEGER seconds since the epoch (UTC); booleans are 0/1
 *    INTEGERs; binary is BLOB (bytea on PostgreSQL).
 *  - SQL strings passed to db_prepare are string literals (static storage):
 *    the statement cache is keyed by the pointer.
 *  - Tenant-owned statements take the tenant id as $1 and are prepared with
 *    db_prepare_tenant(), which binds it from the context; a module's store
 *    function takes the context, never a bare tenant id from a handler.
 */
#ifndef ORDEN_STORE_H
#define ORDEN_STORE_H

#include <stddef.h>
#include <stdint.h>

enum db_rc {
	DB_OK = 0,
	DB_ROW = 1,		/* db_step: a row is ready */
	DB_DONE = 2,		/* db_step: no more rows */
	DB_ERR = -1,		/* anything else; logged by the store */
	DB_CONSTRAINT = -2,	/* unique/foreign key/check violated */
	DB_BUSY = -3,		/* could not get the lock in time */
};

struct db;		/* a pool of connections to one database */
struct dbconn;		/* one connection, used by one thread at a time */
struct dbstmt;		/* a prepared statement owned by its connection */

/* Open (creating if missing) and migrate the database at url: a file path,
 * "sqlite:PATH", or later "postgres://...". pool_size connections at most.
 * 0 and *out on success (caller frees with db_close); negative and a message
 * to stderr otherwise. */
int	 db_open(struct db **out, const char *url, int pool_size);
void	 db_close(struct db *);
/* Which schema version the database is at after db_open. */
int	 db_schema_version(struct db *);

/* Borrow a connection (blocks until one is free); give it back with
 * db_release. Never NULL after a successful db_open. */
struct dbconn	*db_acquire(struct db *);
void		 db_release(struct db *, struct dbconn *);

/* Write transactions. db_begin takes the write lock at once (BEGIN IMMEDIATE
 * on SQLite) so that a transaction never fails half-way on a lock upgrade.
 * db_commit returns DB_OK only once the data is durable on disk. */
int	 db_begin(struct dbconn *);
int	 db_commit(struct dbconn *);
int	 db_rollback(struct dbconn *);

/* Prepare (or take from the connection's cache) a statement. The statement
 * is borrowed: call db_reset when done with it, never free it. */
int	 db_prepare(struct dbconn *, const char *sql, struct dbstmt **out);
/* Same, with $1 bound to tenant_id. */
int	 db_prepare_tenant(struct dbconn *, int64_t tenant_id, const char *sql,
	    struct dbstmt **out);

int	 db_bind_int(struct dbstmt *, int idx, int64_t);
int	 db_bind_text(struct dbstmt *, int idx, const char *);	/* NULL binds NULL */
int	 db_bind_blob(struct dbstmt *, int idx, const void *, size_t);
int	 db_bind_null(struct dbstmt *, int idx);

int	 db_step(struct dbstmt *);	/* DB_ROW, DB_DONE or an error */
int	 db_col_is_null(struct dbstmt *, int col);
int64_t	 db_col_int(struct dbstmt *, int col);
/* Borrowed until the next db_step/db_reset. NULL for SQL NULL. */
const char	*db_col_text(struct dbstmt *, int col);
const void	*db_col_blob(struct dbstmt *, int col, size_t *len);
/* Clears bindings and returns the statement to the cache. */
void	 db_reset(struct dbstmt *);

/* Run a statement that returns no rows (or ignore them): prepare, bind
 * nothing, step to the end, reset. For fixed SQL without parameters. */
int	 db_exec(struct dbconn *, const char *sql);

/* Rows changed by the last statement on this connection. */
int64_t	 db_changes(struct dbconn *);

#endif
