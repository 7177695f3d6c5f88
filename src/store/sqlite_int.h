/* sqlite_int.h: what the SQLite backend's files share. Private to
 * src/store/sqlite*.c; nothing outside the store sees these types. Each
 * structure begins with the public handle of backend.h. */
#ifndef ORDEN_SQLITE_INT_H
#define ORDEN_SQLITE_INT_H

#include <pthread.h>
#include <sqlite3.h>

#include "store/backend.h"

#define STMT_BUCKETS 64
#define STMT_PARAMS_FAST 32	/* $1..$31 mapped at prepare; more looked up */

struct sqlite_stmt {
	struct dbstmt		 base;		/* first: the public handle */
	sqlite3_stmt		*st;
	struct sqlite_conn	*conn;
	const char		*sql;		/* the cache key: a string literal */
	int			 cached;	/* 0: a one-off, finalized by db_reset */
	int			 in_use;	/* handed out and not yet reset */
	char			*own_sql;	/* db_prepare_dynamic's copy; freed with it */
	/* SQLite's index of placeholder $n at pidx[n] (0: none), read once
	 * at prepare: binding by name formatted "$n" and searched the
	 * statement's parameters on every bind. */
	unsigned char		 pidx[STMT_PARAMS_FAST];
	/* A one-row INSERT whose " RETURNING id" was left out at prepare
	 * (sqlite_stmt.c rowid_returning): its row is the connection's
	 * last rowid, made up by sqlite_step. */
	int			 rowid_ret;
	int			 rowid_row;	/* on that made-up row */
	int64_t			 rowid;
	char			 rowid_text[24];
	struct sqlite_stmt	*next;		/* bucket chain */
};

/* The statements that begin and end transactions and group commit's
 * savepoints (sqlite.c tx_exec). */
enum sqlite_tx {
	SQ_TX_BEGIN,
	SQ_TX_COMMIT,
	SQ_TX_ROLLBACK,
	SQ_TX_SAVEPOINT,
	SQ_TX_RELEASE,
	SQ_TX_ROLLBACK_TO,
	SQ_TX_MAX
};

struct sqlite_conn {
	struct dbconn		 base;		/* first: the public handle */
	sqlite3			*h;
	struct sqlite_stmt	*cache[STMT_BUCKETS];
	/* Prepared when first used, finalized when the connection closes:
	 * every report of a batch runs two of them. */
	sqlite3_stmt		*tx[SQ_TX_MAX];
	int			 in_tx;		/* set by db_begin, cleared by commit/rollback */
	struct sqlite_turn	*turn;		/* the database's line of writers */
	int			 has_turn;	/* took it in db_begin; gives it back at the end */
	int			 wal_open;	/* its WAL and wal-index are attached (sq_mark) */
};

struct sqlite_ckpt;

/* sqlite_turn.c: the line of the process's write transactions, first come
 * first served (the file's head comment says why). */
struct turn_wait;
struct sqlite_turn {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;		/* the turn was given, or a waiter left */
	struct turn_wait	*head, **tail;	/* waiters, on their stacks */
	int			 held;		/* a transaction has the turn */
};
void	sqlite_turn_init(struct sqlite_turn *);
void	sqlite_turn_destroy(struct sqlite_turn *);
/* Wait, in line, at most timeout_ms for the turn: 0 (then give it back
 * with sqlite_turn_give when the transaction ends), or -1 timed out. */
int	sqlite_turn_take(struct sqlite_turn *, int timeout_ms);
void	sqlite_turn_give(struct sqlite_turn *);

struct sqlite_db {
	struct db		 base;		/* first: the public handle */
	struct db_pool		 pool;		/* the idle ones of conns */
	struct sqlite_conn	*conns;		/* pool_size of them */
	int			 nconns;
	int			 version;	/* schema version after migrating */
	struct sqlite_ckpt	*ckpt;		/* owned; stopped before conns close */
	struct sqlite_turn	 turn;		/* every conn's write transactions */
	int			 turn_ok;	/* turn was initialised */
};

/* The backend's structure behind a public handle of this backend. */
#define SQ_DB(d)	((struct sqlite_db *)(void *)(d))
#define SQ_CONN(c)	((struct sqlite_conn *)(void *)(c))
#define SQ_STMT(s)	((struct sqlite_stmt *)(void *)(s))

extern const struct db_ops sqlite_ops;

/* Map an SQLite result code to enum db_rc (errors only). */
int	sqlite_rc(int rc);
/* 1 when SQLite's page caches come from the process's fixed page pool
 * (sqlite.c, "memory budget"); sets it up on the first call. */
int	sqlite_pcache_pooled(void);
/* Log an error on h (the message and the SQL, never bound values). */
void	sqlite_log(sqlite3 *h, int rc, const char *what, const char *sql);

/* Apply the embedded migrations on h; *version gets the schema version.
 * 0, or negative with a message on stderr. */
int	sqlite_migrate(sqlite3 *h, int *version);

/* sqlite_ckpt.c: WAL checkpoints on a thread of their own, not in the
 * COMMIT that passes SQLite's threshold. start opens its own connection to
 * path (migrated) and starts the thread; attach makes a connection's
 * commits wake it; stop ends the thread and frees what start made. */
int	sqlite_ckpt_start(struct sqlite_ckpt **, const char *path);
void	sqlite_ckpt_attach(struct sqlite_ckpt *, sqlite3 *);
void	sqlite_ckpt_stop(struct sqlite_ckpt *);

/* Finalize every cached statement of a connection. */
void	sqlite_stmt_cache_free(struct sqlite_conn *);
/* Reset statements a caller forgot to reset (defensive, at release). */
void	sqlite_stmt_cache_reset(struct sqlite_conn *);

/* sqlite_stmt.c: the statement operations of sqlite_ops. */
int		 sqlite_prepare(struct dbconn *, const char *, struct dbstmt **);
int		 sqlite_prepare_tenant(struct dbconn *, int64_t, const char *,
		    struct dbstmt **);
int		 sqlite_prepare_global(struct dbconn *, const char *,
		    struct dbstmt **);
int		 sqlite_prepare_dynamic(struct dbconn *, int64_t, const char *,
		    struct dbstmt **);
int		 sqlite_bind_int(struct dbstmt *, int, int64_t);
int		 sqlite_bind_text(struct dbstmt *, int, const char *);
int		 sqlite_bind_blob(struct dbstmt *, int, const void *, size_t);
int		 sqlite_bind_null(struct dbstmt *, int);
int		 sqlite_step(struct dbstmt *);
int		 sqlite_col_is_null(struct dbstmt *, int);
int64_t		 sqlite_col_int(struct dbstmt *, int);
const char	*sqlite_col_text(struct dbstmt *, int);
const void	*sqlite_col_blob(struct dbstmt *, int, size_t *);
int		 sqlite_col_count(struct dbstmt *);
const char	*sqlite_col_name(struct dbstmt *, int);
enum db_type	 sqlite_col_type(struct dbstmt *, int);
void		 sqlite_reset(struct dbstmt *);

#endif
