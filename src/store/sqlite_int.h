/* sqlite_int.h: what the SQLite backend's files share. Private to
 * src/store/sqlite*.c; nothing outside the store sees these types. */
#ifndef ORDEN_SQLITE_INT_H
#define ORDEN_SQLITE_INT_H

#include <pthread.h>
#include <sqlite3.h>

#define STMT_BUCKETS 64

struct dbstmt {
	sqlite3_stmt	*st;
	struct dbconn	*conn;
	const char	*sql;		/* the cache key: a string literal */
	int		 cached;	/* 0: a one-off, finalized by db_reset */
	int		 in_use;	/* handed out and not yet reset */
	struct dbstmt	*next;		/* bucket chain */
};

struct dbconn {
	sqlite3		*h;
	struct dbstmt	*cache[STMT_BUCKETS];
	int		 in_tx;		/* set by db_begin, cleared by commit/rollback */
	int		 borrowed;	/* between db_acquire and db_release */
};

struct db {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct dbconn	*conns;		/* pool_size of them */
	struct dbconn	**free;		/* stack of idle connections */
	int		 nconns, nfree;
	int		 version;	/* schema version after migrating */
};

/* Map an SQLite result code to enum db_rc (errors only). */
int	sqlite_rc(int rc);
/* Log an error on h (the message and the SQL, never bound values). */
void	sqlite_log(sqlite3 *h, int rc, const char *what, const char *sql);

/* Apply the embedded migrations on h; *version gets the schema version.
 * 0, or negative with a message on stderr. */
int	sqlite_migrate(sqlite3 *h, int *version);

/* Finalize every cached statement of a connection. */
void	sqlite_stmt_cache_free(struct dbconn *);
/* Reset statements a caller forgot to reset (defensive, at release). */
void	sqlite_stmt_cache_reset(struct dbconn *);

#endif
