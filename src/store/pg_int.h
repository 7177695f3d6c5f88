/* pg_int.h: what the PostgreSQL backend's files share. Private to
 * src/store/pg*.c; nothing outside the store sees these types. Each
 * structure begins with the public handle of backend.h. */
#ifndef ORDEN_PG_INT_H
#define ORDEN_PG_INT_H

#include <pthread.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "store/backend.h"

#define PG_STMT_BUCKETS	64
#define PG_TX_LOCKS	8	/* tenant locks remembered per transaction */
#define PG_PENDING_MAX	64	/* writes sent ahead, not yet answered */
#define PG_TOGETHER_MAX	8	/* reads of one db_run_together */

/* Type OIDs the backend names (pg_type.h is server-side only). */
#define PG_OID_BOOL	16
#define PG_OID_BYTEA	17
#define PG_OID_INT8	20
#define PG_OID_INT2	21
#define PG_OID_INT4	23
#define PG_OID_OID	26
#define PG_OID_FLOAT4	700
#define PG_OID_FLOAT8	701
#define PG_OID_NUMERIC	1700

/* Advisory lock keys (pg_advisory_xact_lock(bigint)). Tenant ids are
 * positive and are their own key; these never collide with one. */
#define PG_LOCK_GLOBAL	(-1)	/* a transaction that names no tenant */
#define PG_LOCK_MIGRATE	(-2)	/* applying migrations */

/* What a statement runs as, for row-level security (orden.tenant). */
#define PG_TENANT_NONE	0	/* '': no tenant-owned row is visible */
#define PG_TENANT_ALL	(-1)	/* '*': every tenant's rows */
				/* > 0: that tenant's rows */

struct pg_param {
	char		*val;		/* owned; NULL is SQL NULL */
	int		 len;		/* bytes, for binary values */
	int		 format;	/* 0 text, 1 binary */
	unsigned int	 type;		/* OID asked for: int8, bytea or 0 */
};

struct pg_blob {
	unsigned char	*p;		/* PQunescapeBytea's; NULL: not decoded */
	size_t		 n;
};

struct pg_stmt {
	struct dbstmt	 base;		/* first: the public handle */
	struct pg_conn	*conn;
	const char	*sql;		/* the cache key: a string literal */
	char		*own_sql;	/* db_prepare_dynamic's copy; freed with it */
	int		 cached;	/* 0: a one-off, freed by db_reset */
	int		 in_use;	/* handed out and not yet reset */
	int64_t		 tenant;	/* PG_TENANT_* or a tenant id */
	int		 nparams;	/* the largest $n in sql */
	struct pg_param	*params;	/* nparams of them */
	unsigned int	*ptypes;	/* the OIDs it was prepared with */
	const char	**pv;		/* scratch for libpq: values, */
	int		*pl, *pf;	/* lengths and formats */
	int		 prepared;	/* cached and prepared on the server */
	int		 write;		/* INSERT/UPDATE/DELETE, no RETURNING */
	int		 stream;	/* db_stream: rows one at a time */
	int		 streaming;	/* more of its rows are on the way */
	char		 name[24];	/* its server-side name */
	PGresult	*res;		/* the whole result of this execution */
	PGresult	*desc;		/* column shape asked before a step */
	int		 row;		/* current row of res; -1 before */
	struct pg_blob	*blobs;		/* decoded bytea of the row, per column */
	int		 nblobs;
	struct pg_stmt	*next;		/* bucket chain */
};

struct pg_listen;

struct pg_conn {
	struct dbconn	 base;		/* first: the public handle */
	PGconn		*h;
	struct pg_listen *listen;	/* its database's; borrowed */
	struct pg_stmt	*cache[PG_STMT_BUCKETS];
	unsigned int	 nnames;	/* statement names handed out */
	int		 in_tx;		/* set by db_begin, cleared by commit/rollback */
	int		 tx_ran;	/* a statement ran in this transaction */
	int64_t		 tx_locks[PG_TX_LOCKS];	/* tenants locked in it */
	int		 ntx_locks;
	int		 tenant_known;	/* 0: unknown (after a rollback) */
	int64_t		 tenant;	/* orden.tenant as set: PG_TENANT_* or id */
	int64_t		 changes;	/* of the last INSERT/UPDATE/DELETE */
	/* Writes sent ahead (pg_stmt.c stmt_defer): in a request of a
	 * group-commit batch, a write that returns no rows is sent in
	 * pipeline mode and answered with the next statement that needs
	 * an answer, instead of a round trip of its own. */
	int		 bulk;		/* db_conn_bulk: may send ahead in any
					   transaction (pg_bulk.c) */
	int		 npending;	/* sent ahead, not yet answered */
	int		 row_mode_left;	/* libpq's single-row mode may still be
					   set (pg_stmt.c pipeline_enter) */
	int		 ahead_rc;	/* the error of one that failed, kept
					   until its savepoint is undone */
	const char	*pending[PG_PENDING_MAX];	/* their SQL, for the log */
};

struct pg_db {
	struct db	 base;		/* first: the public handle */
	struct db_pool	 pool;		/* the idle ones of conns */
	struct pg_conn	*conns;		/* pool_size of them */
	int		 nconns;
	int		 version;	/* schema version after migrating */
	struct pg_listen *listen;	/* owned: the mark (pg_listen.c) */
};

#define PG_DB(d)	((struct pg_db *)(void *)(d))
#define PG_CONN(c)	((struct pg_conn *)(void *)(c))
#define PG_STMT(s)	((struct pg_stmt *)(void *)(s))

extern const struct db_ops pg_ops;

/* What must reach the server before a statement runs as a tenant: the
 * tenant setting when it differs, the transaction's advisory lock when
 * this is the first statement naming that tenant (or the first statement
 * at all, naming none). params point into tval and kval: not copied. */
struct pg_env {
	const char	*sql;		/* NULL: nothing to send */
	const char	*params[2];
	int		 np;
	int		 set, lock;	/* what sql does */
	int64_t		 tenant, key;
	char		 tval[24], kval[24];
};

/* pg.c */
/* Map a failed result to enum db_rc by its SQLSTATE. */
int	pg_rc(const PGresult *);
/* Log a failed result (SQLSTATE, message and SQL; never bound values).
 * Returns pg_rc(res). res may be NULL (out of memory, lost connection). */
int	pg_log(struct pg_conn *, const PGresult *, const char *what,
	    const char *sql);
/* Before a statement runs as tenant (PG_TENANT_* or an id): set
 * orden.tenant when it differs, and take the transaction's advisory lock
 * when this is the first statement naming that tenant (or the first
 * statement at all, naming none). DB_OK or an error. */
int	pg_env(struct pg_conn *, int64_t tenant, const char *sql);
/* pg_env in two halves, for a caller that sends e->sql itself (in the
 * same round trip as its statement, pg_stmt.c): what to send, then what
 * the connection now is (ok: e->sql and the statement sent with it
 * succeeded; e->sql NULL counts as sent). */
void	pg_env_plan(struct pg_conn *, int64_t tenant, struct pg_env *e);
void	pg_env_done(struct pg_conn *, const struct pg_env *e, int ok);
/* Record what a finished command changed (db_changes). */
void	pg_note_changes(struct pg_conn *, PGresult *);

/* pg_connect.c */
/* Connect to the database url names, creating it first when it does not
 * exist. NULL with a one-line message on stderr. */
PGconn	*pg_connect(const char *url, int create);
/* Session settings every connection gets. 0 or -1 (message on stderr). */
int	 pg_conn_setup(PGconn *);

/* pg_listen.c: the mark of what the database committed (backend.h),
 * learnt from NOTIFY. pg_listen_new: DB_OK or DB_ERR (out of memory);
 * it connects on the first mark. pg_listen_mark and pg_listen_wrote are
 * the ops mark and committed. */
int	pg_listen_new(struct pg_listen **, const char *url);
void	pg_listen_free(struct pg_listen *);
int	pg_listen_mark(struct pg_listen *, int64_t tenant_id,
	    unsigned char *out);
void	pg_listen_wrote(struct pg_listen *, const int64_t *tenants, int n,
	    int all);

/* pg_migrate.c */
/* Apply the embedded migrations on h; *version gets the schema version.
 * 0, or -1 with a message on stderr. */
int	pg_migrate(PGconn *h, int *version);

/* pg_stmt.c; the column readers are in pg_col.c */
void	pg_stmt_cache_free(struct pg_conn *);
void	pg_stmt_cache_reset(struct pg_conn *);
/* Read the answers of the writes sent ahead (c->npending), and when sql
 * is not NULL run that command (no parameters, no rows: a savepoint's
 * RELEASE, a COMMIT) in the same round trip; *keep (may be NULL) gets
 * its result. DB_OK, or the first error (logged with its statement's
 * SQL): a write sent ahead that failed is reported here, to the next
 * statement of the same transaction, which then fails too. */
int	pg_flush(struct pg_conn *, const char *sql, PGresult **keep);
/* Send sql (a command without parameters or rows, a string literal:
 * BEGIN, SAVEPOINT) ahead, to be answered with the next statement as a
 * write sent ahead is. DB_OK, or an error (then it was not sent). */
int	pg_send_ahead(struct pg_conn *, const char *sql);
/* The connection's server-side statements are gone (reconnected). */
void	pg_stmt_cache_forget(struct pg_conn *);
int	pg_stmt_new(struct pg_conn *, const char *sql, int cached,
	    int64_t tenant, struct pg_stmt **);
/* The result (after a step) or the described shape (before one) of s;
 * NULL with the error logged. Borrowed from s. */
const PGresult	*pg_stmt_shape(struct pg_stmt *);

int		 pg_prepare(struct dbconn *, const char *, struct dbstmt **);
int		 pg_prepare_tenant(struct dbconn *, int64_t, const char *,
		    struct dbstmt **);
int		 pg_prepare_global(struct dbconn *, const char *,
		    struct dbstmt **);
int		 pg_prepare_dynamic(struct dbconn *, int64_t, const char *,
		    struct dbstmt **);
int		 pg_bind_int(struct dbstmt *, int, int64_t);
int		 pg_bind_text(struct dbstmt *, int, const char *);
int		 pg_bind_blob(struct dbstmt *, int, const void *, size_t);
int		 pg_bind_null(struct dbstmt *, int);
int		 pg_step(struct dbstmt *);
void		 pg_stream(struct dbstmt *);
int		 pg_run_together(struct dbstmt *const *, size_t);
int		 pg_col_is_null(struct dbstmt *, int);
int64_t		 pg_col_int(struct dbstmt *, int);
const char	*pg_col_text(struct dbstmt *, int);
const void	*pg_col_blob(struct dbstmt *, int, size_t *);
int		 pg_col_count(struct dbstmt *);
const char	*pg_col_name(struct dbstmt *, int);
enum db_type	 pg_col_type(struct dbstmt *, int);
void		 pg_reset(struct dbstmt *);

#endif
