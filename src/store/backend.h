/* backend.h: what a database backend provides to store.c. Private to
 * src/store/; nothing outside the store sees these types.
 *
 * The public handles (struct db, struct dbconn, struct dbstmt) are only a
 * header that points to the backend's operations; each backend embeds that
 * header as the first member of its own structure (struct sqlite_conn,
 * struct pg_conn, ...) and casts back. store.c implements the db_*
 * functions of store.h by calling through the header, so callers never
 * know which backend they talk to. Every operation has the meaning the
 * matching db_* function has in store.h. */
#ifndef ORDEN_STORE_BACKEND_H
#define ORDEN_STORE_BACKEND_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct db_ops;

struct db_group;

struct db {
	const struct db_ops	*ops;
	/* Group commit's queue (group.c), made by db_open after the
	 * backend opened; NULL until then (the backends calloc). */
	struct db_group		*group;
};

/* db_group_init: 0, or -1 out of memory. */
int	db_group_init(struct db *);
void	db_group_destroy(struct db *);

/* The savepoint operations of group commit (group.c): open the one
 * savepoint, release it (keep its work), or roll back to it and release
 * it (undo its work alone). One level only, inside db_begin. */
enum db_sp {
	DB_SP_BEGIN,
	DB_SP_RELEASE,
	DB_SP_ROLLBACK,
};

/* The tenants a transaction wrote in, for the cache generation
 * (store.c, migrations/sqlite/0045): bumped once each before COMMIT. */
#define DB_DIRTY_MAX	8
#define DB_GEN_DATA	1
#define DB_GEN_IDENT	2

struct dbconn {
	const struct db_ops	*ops;
	/* Zero in a new connection (the backends calloc theirs). */
	int64_t			 dirty[DB_DIRTY_MAX];
	/* Which generations each dirty tenant bumps: DB_GEN_DATA, and
	 * DB_GEN_IDENT for a write that can change who is asking (store.c,
	 * migrations/sqlite/0049). dirty_all holds the same bits. */
	int			 dirty_gens[DB_DIRTY_MAX];
	int			 ndirty;
	int			 dirty_all;	/* a write naming no tenant, or too many */
	int			 bumping;	/* inside the bump: not a write to count */
	/* db_changes of the last write db_step ran, kept from before the
	 * bump's own write changed the backend's count (changes_kept). */
	int64_t			 changes;
	int			 changes_kept;
	/* The group-commit batch this connection runs (group.c), NULL
	 * outside one. */
	struct db_group_batch	*batch;
};

struct dbstmt {
	const struct db_ops	*ops;
	/* What store.c knows of the statement for the cache generation:
	 * its connection, the tenant it names (0: none) and whether it
	 * writes (enum sql_kind in store.c, 0 until classified). */
	struct dbconn		*conn;
	int64_t			 tenant;
	int			 kind;
	/* Whether a write can change who is asking (store.c, the
	 * identity generation): 0 until classified. */
	int			 ident;
	int			 own_tx;	/* a write db_step wrapped in a transaction */
	/* The first failed binding since the last reset (store.c), DB_OK
	 * when none: the next db_step returns it instead of running. Zero
	 * in a new statement (the backends calloc theirs). */
	int			 bind_err;
};

struct db_ops {
	const char	*name;		/* db_backend: "sqlite", "postgres" */

	void		 (*close)(struct db *);
	int		 (*schema_version)(struct db *);
	struct dbconn	*(*acquire)(struct db *);
	void		 (*release)(struct db *, struct dbconn *);

	int		 (*begin)(struct dbconn *);
	int		 (*commit)(struct dbconn *);
	int		 (*rollback)(struct dbconn *);
	int		 (*in_tx)(struct dbconn *);
	int		 (*savepoint)(struct dbconn *, enum db_sp);
	int		 (*exec)(struct dbconn *, const char *);
	int64_t		 (*changes)(struct dbconn *);
	/* The count of the last write when it is known without waiting,
	 * -1 when that write was sent ahead and not answered yet (changes
	 * then waits for it). NULL: changes never waits. */
	int64_t		 (*changes_known)(struct dbconn *);
	int		 (*ids_sync)(struct dbconn *, const char *);

	int		 (*prepare)(struct dbconn *, const char *,
			    struct dbstmt **);
	int		 (*prepare_tenant)(struct dbconn *, int64_t,
			    const char *, struct dbstmt **);
	int		 (*prepare_global)(struct dbconn *, const char *,
			    struct dbstmt **);
	int		 (*prepare_dynamic)(struct dbconn *, int64_t,
			    const char *, struct dbstmt **);

	int		 (*bind_int)(struct dbstmt *, int, int64_t);
	int		 (*bind_text)(struct dbstmt *, int, const char *);
	int		 (*bind_blob)(struct dbstmt *, int, const void *,
			    size_t);
	int		 (*bind_null)(struct dbstmt *, int);

	int		 (*step)(struct dbstmt *);
	/* db_stream; NULL: every step already reads one row. */
	void		 (*stream)(struct dbstmt *);
	/* db_run_together, given reads of one connection and one tenant;
	 * NULL: each runs at its first step. */
	int		 (*run_together)(struct dbstmt *const *, size_t);
	int		 (*col_is_null)(struct dbstmt *, int);
	int64_t		 (*col_int)(struct dbstmt *, int);
	const char	*(*col_text)(struct dbstmt *, int);
	const void	*(*col_blob)(struct dbstmt *, int, size_t *);
	int		 (*col_count)(struct dbstmt *);
	const char	*(*col_name)(struct dbstmt *, int);
	enum db_type	 (*col_type)(struct dbstmt *, int);
	void		 (*reset)(struct dbstmt *);

	/* The mark of what the database has committed, by any process,
	 * that can change tenant_id's generations: two equal marks mean no
	 * such commit came between them. 0 with out[DB_MARK_BYTES], or -1
	 * when there is none to give now (a writer in the middle of a
	 * commit; PostgreSQL not listening). NULL: the backend has none
	 * (db_gens then reads every time). */
	int		 (*mark)(struct dbconn *, int64_t tenant_id,
			    unsigned char *out);
	/* After a commit of this process that bumped the generations of
	 * tenants[0..n) (and of every tenant when all): a backend whose
	 * mark learns of commits late counts its own at once. NULL: the
	 * mark sees every commit by itself. */
	void		 (*committed)(struct dbconn *, const int64_t *tenants,
			    int n, int all);
};

#define DB_MARK_BYTES	96

/* The idle connections of a database, the same for every backend (pool.c).
 * db_pool_init makes room for size connections (0, or -1 out of memory);
 * db_pool_put gives one back (or adds it when the pool is filled);
 * db_pool_take waits until one is idle and lends it. */
struct db_pool {
	pthread_mutex_t	  mu;
	pthread_cond_t	  cv;
	struct dbconn	**idle;		/* stack of idle connections */
	int		  nidle;
};
int		 db_pool_init(struct db_pool *, int size);
void		 db_pool_destroy(struct db_pool *);
struct dbconn	*db_pool_take(struct db_pool *);
void		 db_pool_put(struct db_pool *, struct dbconn *);

/* Open a backend's database; same contract as db_open. url has already
 * been matched to the backend by store.c. */
int	sqlite_open(struct db **out, const char *url, int pool_size);
/* db_conn_bulk for a SQLite connection. */
int	sqlite_conn_bulk(struct dbconn *, int on);
int	pg_open(struct db **out, const char *url, int pool_size);
/* db_conn_bulk and db_bulk_analyze for a PostgreSQL connection
 * (pg_bulk.c). */
int	pg_conn_bulk(struct dbconn *, int on);
int	pg_bulk_analyze(struct dbconn *);

/* The version of an embedded migration: the number before the first '_'
 * of its name ("0001_foundation.sql" -> 1). Both backends number their
 * migrations alike. 0, or -1 for a name without one. */
int	store_migration_version(const char *name, int64_t *out);

#endif
