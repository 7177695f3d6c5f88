/* store.h: the one database interface, with two implementations chosen by
 * the URL given to db_open: SQLite (sqlite*.c) and PostgreSQL (pg*.c).
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
 *    On PostgreSQL the same call also sets the connection's tenant for the
 *    row-level security policies, so a statement that forgets its tenant
 *    filter still sees only that tenant's rows; a plain db_prepare runs with
 *    no tenant set and sees no tenant-owned row at all.
 *  - A statement that crosses tenants on purpose (a bearer token picks its
 *    tenant; a tool that walks every tenant) is prepared with
 *    db_prepare_global(), so every such place can be found with grep.
 *  - Booleans in SQL are compared explicitly ("active = 1"), never used bare
 *    ("WHERE active"): PostgreSQL has no integer truthiness. A parameter
 *    that may be NULL is cast where it first appears, even when a later
 *    comparison would fix its type ("CAST($2 AS BIGINT) IS NULL OR
 *    x = $2"): PostgreSQL types a parameter at its first use. No blob
 *    literals (x'' is a bit string on PostgreSQL): bind an empty blob.
 *  - On PostgreSQL any error aborts the transaction: after an error,
 *    DB_CONSTRAINT included, the caller rolls back; it never carries on.
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
/* "sqlite" or "postgres": for messages and for the few places that need
 * backend-specific SQL (each one commented). */
const char	*db_backend(struct db *);
/* The same for the database a connection belongs to. */
const char	*db_conn_backend(struct dbconn *);

/* Borrow a connection (blocks until one is free); give it back with
 * db_release. Never NULL after a successful db_open. */
struct dbconn	*db_acquire(struct db *);
void		 db_release(struct db *, struct dbconn *);

/* Write transactions. db_begin takes the write lock at once (BEGIN IMMEDIATE
 * on SQLite) so that a transaction never fails half-way on a lock upgrade;
 * on PostgreSQL the lock is a transaction-scoped advisory lock per tenant,
 * taken at the transaction's first statement, so one municipality's writers
 * are serialised and different municipalities write in parallel.
 * db_commit returns DB_OK only once the data is durable on disk. */
int	 db_begin(struct dbconn *);
int	 db_commit(struct dbconn *);
int	 db_rollback(struct dbconn *);

/* Prepare (or take from the connection's cache) a statement. The statement
 * is borrowed: call db_reset when done with it, never free it. On
 * PostgreSQL it is prepared at its first db_step (with the types of the
 * first bindings), so a syntax error shows there. */
int	 db_prepare(struct dbconn *, const char *sql, struct dbstmt **out);
/* Same, with $1 bound to tenant_id. */
int	 db_prepare_tenant(struct dbconn *, int64_t tenant_id, const char *sql,
	    struct dbstmt **out);

/* Same as db_prepare, for a statement that deliberately reads or writes
 * more than one tenant's rows (see the rules above). */
int	 db_prepare_global(struct dbconn *, const char *sql,
	    struct dbstmt **out);
/* A statement whose SQL is built at run time from names the program owns
 * (table and column names of the schema, for orden migrate; never input).
 * sql is copied; the statement is not cached and db_reset frees it.
 * tenant_id > 0 prepares it like db_prepare_tenant ($1 bound, that tenant
 * set for row-level security); 0 like db_prepare_global. */
int	 db_prepare_dynamic(struct dbconn *, int64_t tenant_id, const char *sql,
	    struct dbstmt **out);

/* DB_OK or an error (logged). A failed binding is sticky: the statement's
 * next db_step returns that error without running it, until db_reset. */
int	 db_bind_int(struct dbstmt *, int idx, int64_t);
int	 db_bind_text(struct dbstmt *, int idx, const char *);	/* NULL binds NULL */
int	 db_bind_blob(struct dbstmt *, int idx, const void *, size_t);
int	 db_bind_null(struct dbstmt *, int idx);

int	 db_step(struct dbstmt *);	/* DB_ROW, DB_DONE or an error */
/* Before the first db_step of a read that may return a great many rows
 * (every deviation of a period): its rows come as they are read, so
 * memory holds one at a time whatever their number (PostgreSQL hands a
 * statement's whole result over at once otherwise; SQLite always steps).
 * Until its db_reset the connection runs no other statement. */
void	 db_stream(struct dbstmt *);
/* Run n bound reads of one connection now, together: on PostgreSQL in one
 * round trip (one pipeline) instead of one each, their rows then read
 * with db_step as usual, in any order; each round trip costs the server
 * and the cluster about as much CPU as a small statement (bench/why.md).
 * Where that cannot be done (SQLite, a write among them, writes sent
 * ahead, a stream, a failed binding, different tenants) nothing runs
 * here and each runs at its first db_step, as without this call. The
 * statements stay the caller's, each to be db_reset. DB_OK or an error
 * (logged): then none of them has run, and the caller gives up. */
int	 db_run_together(struct dbstmt *const *, size_t n);
/* Step a write to its end and reset it; with id, the id its one returned
 * row carries in column 0 (INSERT ... RETURNING id). 0 or a DB_* error
 * (run.c). */
int	 db_run(struct dbstmt *, int64_t *id);
int	 db_col_is_null(struct dbstmt *, int col);
int64_t	 db_col_int(struct dbstmt *, int col);
/* Borrowed until the next db_step/db_reset. NULL for SQL NULL. */
const char	*db_col_text(struct dbstmt *, int col);
/* A zero-length blob may read as NULL with *len 0 (both backends). */
const void	*db_col_blob(struct dbstmt *, int col, size_t *len);
/* Result shape, for code that copies rows it does not know (migrate). */
enum db_type {
	DB_T_NULL = 0,
	DB_T_INT,
	DB_T_TEXT,
	DB_T_BLOB,
};
/* Count and names are valid before the first step on both backends. */
int		 db_col_count(struct dbstmt *);
const char	*db_col_name(struct dbstmt *, int col);	/* borrowed */
/* The type of the value in the current row (DB_T_NULL for SQL NULL). */
enum db_type	 db_col_type(struct dbstmt *, int col);

/* Clears bindings and returns the statement to the cache. */
void	 db_reset(struct dbstmt *);

/* Run a statement that returns no rows (or ignore them): prepare, bind
 * nothing, step to the end, reset. For fixed SQL without parameters; runs
 * with no tenant set, like db_prepare. */
int	 db_exec(struct dbconn *, const char *sql);

/* A connection about to write one very large transaction (an import of
 * hundreds of thousands of rows) asks for a page cache of DB_BULK_CACHE_KIB
 * (on = 1) until it gives it back (on = 0): SQLite's default of 2 MB makes
 * such a transaction spill pages to the WAL and read them back again and
 * again (bench/why.md, the import). Malloc'ed beyond the shared pool, so
 * a bound that holds for as long as the bulk write. PostgreSQL: its cache
 * is the server's; a write that answers no rows is sent ahead, answered
 * with the next statement that needs an answer (store/pg_bulk.c), so a
 * write that fails fails that statement, and db_changes after it waits
 * for its answer. 0 or a DB_* error. */
#define DB_BULK_CACHE_KIB	(64 * 1024)
int	 db_conn_bulk(struct dbconn *, int on);
/* In one transaction that has grown tables many times over (call it at
 * rows growing by a factor, not per row): on PostgreSQL, bring the
 * planner's figures of the tables the transaction wrote up to date, so
 * that the plans made while they were nearly empty are made again
 * (pg_bulk.c says why). SQLite: nothing to do (its planner looks at
 * the indexes, not at figures). 0 or a DB_* error; on an error the
 * transaction is aborted. */
int	 db_bulk_analyze(struct dbconn *);

/* Rows changed by the last statement on this connection. */
int64_t	 db_changes(struct dbconn *);

/* After rows were inserted with explicit ids (orden migrate), make the
 * table's id generator continue above the largest id. Nothing to do on
 * SQLite, whose rowid always continues from the largest. table is a name
 * the program owns. DB_OK or an error. */
int	 db_ids_sync(struct dbconn *, const char *table);

#endif
