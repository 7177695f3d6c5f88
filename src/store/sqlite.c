/* sqlite.c: the SQLite backend of store.h: opening, the connection pool and
 * transactions. Statements are in sqlite_stmt.c, migrations in
 * sqlite_migrate.c.
 *
 * Every connection runs with WAL, synchronous=FULL (a commit is on disk
 * before db_commit returns: "acknowledged means durable"), foreign keys on
 * and a 5 s busy timeout. */
#include "store/store.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/sqlite_int.h"
#include "util/log.h"

#define BUSY_TIMEOUT_MS	5000
#define POOL_MAX	256

/* A savepoint keeps the original of every page its work changes in a
 * statement journal, to roll back to. SQLite writes that journal to a
 * temporary file once it passes 64 KiB; a deviation report changes about
 * 28 pages (115 KiB), so every report of a group-commit batch (group.c:
 * one savepoint each) wrote 56 pages to a file it then threw away —
 * measured with strace at 64 connections, the largest part of a submit's
 * write system calls. So statement journals stay in memory, whatever
 * their size (-1): one writer at a time (BEGIN IMMEDIATE) holds one, it
 * grows with the pages of one statement or savepoint, and it is freed
 * when that ends. Not a larger spill threshold: SQLite 3.40.1 answers
 * SQLITE_FULL ("database or disk is full", no system call failing) when
 * a journal of more than about 128 KiB spills to its file with a
 * threshold of 192 KiB or more — dropping an index of 200,000 deviations
 * in a migration failed that way at 1 MiB, and group-commit batches at
 * 192 KiB (bench/why.md); a threshold of 128 KiB or less, or none, works. */
#define STMT_JOURNAL_SPILL	(-1)

/*
 * SQLite's memory budget (docs/ARCHITECTURE.md, "Memory budget"). Page
 * caches come from one pool set aside at start, PCACHE_PAGES pages of
 * PCACHE_PAGE_SIZE shared by every connection of the process, instead of
 * malloc: in WAL mode a connection drops its whole cache whenever another
 * one has committed, so with group commit the caches are freed and
 * allocated again all the time, and through malloc that churn left the
 * heaps full of free holes (30 MiB kept for 6 MiB in use, measured under
 * the bench's load). SQLite links the pool's free slots at start, so all
 * of it is resident from then on; its size is the budget's.
 */
#define PCACHE_PAGE_SIZE	4096	/* the database's page size (default) */
#define PCACHE_PAGES		1024	/* 4 MiB of pages */
#define PCACHE_DEFAULT_KIB	2000	/* SQLite's default cache_size */

static pthread_once_t	pcache_once = PTHREAD_ONCE_INIT;
static void		*pcache_pool;	/* process lifetime: SQLite's */
static int		 pcache_ok;

/* Before SQLite's first use in the process; a program that has already
 * used SQLite (a test, bench/gen) keeps malloc'ed caches and the default
 * journal spill, which is slower, not wrong. */
static void
pcache_setup(void)
{
	int hdr = 0;

	(void)sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, STMT_JOURNAL_SPILL);
	/* Without it every SQLite allocation takes one mutex of the process
	 * for its statistics: under group commit each report's in-memory
	 * statement journal is about a hundred 1 KiB chunks (above), and that
	 * mutex was taken for each by every thread. Orden reads no malloc
	 * statistics of SQLite's; the page pool's (SQLITE_STATUS_PAGECACHE_*)
	 * are kept either way. */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK ||
	    hdr <= 0 || (pcache_pool = malloc((size_t)PCACHE_PAGES *
	    (size_t)(PCACHE_PAGE_SIZE + hdr))) == NULL)
		return;
	if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, pcache_pool,
	    PCACHE_PAGE_SIZE + hdr, PCACHE_PAGES) != SQLITE_OK) {
		free(pcache_pool);
		pcache_pool = NULL;
		return;
	}
	pcache_ok = 1;
}

/* Each connection's cache, in KiB: SQLite's default, or the whole pool
 * when that is smaller. Not the pool divided among the connections: the
 * one busy connection of a quiet server then had 585 KiB and read the
 * dashboard's pages again (measured: 1-4 ms more CPU a dashboard). When
 * the pool runs low, SQLite's caches recycle their own least recently
 * used pages instead of taking more (pcache1's "memory pressure"), so
 * the pool stays the bound under load. */
static int
pcache_kib(void)
{
	int kib = PCACHE_PAGES * (PCACHE_PAGE_SIZE / 1024);

	return kib < PCACHE_DEFAULT_KIB ? kib : PCACHE_DEFAULT_KIB;
}

int
sqlite_pcache_pooled(void)
{
	pthread_once(&pcache_once, pcache_setup);
	return pcache_ok;
}

int
sqlite_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	default:
		return DB_ERR;
	}
}

void
sqlite_log(sqlite3 *h, int rc, const char *what, const char *sql)
{
	const char *ev;

	switch (sqlite_rc(rc)) {
	case DB_CONSTRAINT:
		ev = "db_constraint";
		break;
	case DB_BUSY:
		ev = "db_busy";
		break;
	default:
		ev = "db_error";
		break;
	}
	/* Only the statement text: bound values may be personal data. */
	log_event(ev, "op", what, "code", sqlite3_errstr(rc),
	    "msg", h != NULL ? sqlite3_errmsg(h) : "",
	    "sql", sql != NULL ? sql : "", NULL);
}

/* The path inside url, or NULL for a URL of another backend. */
static const char *
url_path(const char *url)
{
	if (strncmp(url, "sqlite:", 7) == 0)
		return url + 7;
	if (strstr(url, "://") != NULL)
		return NULL;
	return url;
}

/* The directory of path must exist: a typo in --db should not quietly
 * create a fresh, empty municipality somewhere else. */
static int
check_parent_dir(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		 dir[4096];
	struct stat	 sb;
	size_t		 n;

	if (slash == NULL)
		return 0;
	n = (size_t)(slash - path);
	if (n == 0)
		return 0;
	if (n >= sizeof(dir)) {
		fprintf(stderr, "orden: database path too long: %s\n", path);
		return -1;
	}
	memcpy(dir, path, n);
	dir[n] = '\0';
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "orden: directory %s does not exist "
		    "(create it first, or give another --db path)\n", dir);
		return -1;
	}
	return 0;
}

static int
pragma_exec(sqlite3 *h, const char *sql)
{
	int rc;

	if ((rc = sqlite3_exec(h, sql, NULL, NULL, NULL)) != SQLITE_OK) {
		sqlite_log(h, rc, "pragma", sql);
		return -1;
	}
	return 0;
}

/* WAL must be confirmed: the pragma answers with the mode it got (a
 * read-only or network file system may refuse it). */
static int
pragma_wal(sqlite3 *h)
{
	sqlite3_stmt	*st = NULL;
	const char	*mode;
	int		 rc, ok = -1;

	rc = sqlite3_prepare_v2(h, "PRAGMA journal_mode=WAL", -1, &st, NULL);
	if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		goto out;
	mode = (const char *)sqlite3_column_text(st, 0);
	if (mode != NULL && strcmp(mode, "wal") == 0)
		ok = 0;
	else
		fprintf(stderr, "orden: the database refused WAL mode (%s)\n",
		    mode != NULL ? mode : "?");
out:
	sqlite3_finalize(st);
	return ok;
}

static int
conn_open(struct sqlite_conn *c, const char *path)
{
	char	cache_sql[48];
	int	rc;

	memset(c, 0, sizeof(*c));
	c->base.ops = &sqlite_ops;
	rc = sqlite3_open_v2(path, &c->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "orden: cannot open database %s: %s\n", path,
		    c->h != NULL ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
		goto fail;
	}
	snprintf(cache_sql, sizeof(cache_sql), "PRAGMA cache_size=-%d",
	    pcache_kib());
	sqlite3_extended_result_codes(c->h, 1);
	sqlite3_busy_timeout(c->h, BUSY_TIMEOUT_MS);
	if (pragma_wal(c->h) == -1 ||
	    pragma_exec(c->h, "PRAGMA synchronous=FULL") == -1 ||
	    pragma_exec(c->h, "PRAGMA foreign_keys=ON") == -1 ||
	    pragma_exec(c->h, "PRAGMA trusted_schema=OFF") == -1 ||
	    pragma_exec(c->h, cache_sql) == -1)
		goto fail;
	/* A read attaches the connection's WAL and wal-index for good (until
	 * it closes): sq_mark reads the index through it. A file SQLite
	 * cannot read is reported by the migration, not here. */
	c->wal_open = sqlite3_exec(c->h, "PRAGMA schema_version", NULL, NULL,
	    NULL) == SQLITE_OK;
	return 0;
fail:
	sqlite3_close(c->h);
	c->h = NULL;
	return -1;
}

int
sqlite_conn_bulk(struct dbconn *base, int on)
{
	struct sqlite_conn	*c = (struct sqlite_conn *)base;
	char			 sql[48];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size=-%d",
	    on ? DB_BULK_CACHE_KIB : pcache_kib());
	return pragma_exec(c->h, sql) == -1 ? DB_ERR : 0;
}

static void
conn_close(struct sqlite_conn *c)
{
	size_t i;

	if (c->h == NULL)
		return;
	sqlite_stmt_cache_free(c);
	for (i = 0; i < SQ_TX_MAX; i++) {
		sqlite3_finalize(c->tx[i]);
		c->tx[i] = NULL;
	}
	sqlite3_close(c->h);
	c->h = NULL;
}

static void	sq_close(struct db *);

int
sqlite_open(struct db **out, const char *url, int pool_size)
{
	struct sqlite_db	*db = NULL;
	const char	*path;
	int		 i;

	*out = NULL;
	if (url == NULL || (path = url_path(url)) == NULL || *path == '\0') {
		fprintf(stderr, "orden: unsupported database URL: %s "
		    "(give a file path, sqlite:PATH or postgresql://...)\n",
		    url ? url : "(null)");
		return DB_ERR;
	}
	if (pool_size < 1 || pool_size > POOL_MAX) {
		fprintf(stderr, "orden: pool size %d out of range 1..%d\n",
		    pool_size, POOL_MAX);
		return DB_ERR;
	}
	if (check_parent_dir(path) == -1)
		return DB_ERR;
	(void)sqlite_pcache_pooled();
	if ((db = calloc(1, sizeof(*db))) == NULL ||
	    (db->conns = calloc((size_t)pool_size, sizeof(*db->conns))) == NULL ||
	    db_pool_init(&db->pool, pool_size) == -1) {
		fprintf(stderr, "orden: out of memory\n");
		goto fail;
	}
	db->base.ops = &sqlite_ops;
	sqlite_turn_init(&db->turn);
	db->turn_ok = 1;
	for (i = 0; i < pool_size; i++) {
		if (conn_open(&db->conns[i], path) == -1)
			goto fail;
		db->conns[i].turn = &db->turn;
		db->nconns++;
		/* Migrate once, on the first connection, before others use it. */
		if (i == 0 && sqlite_migrate(db->conns[0].h, &db->version) < 0)
			goto fail;
	}
	/* After migrating: the checkpointer's connection needs the schema. */
	if (sqlite_ckpt_start(&db->ckpt, path) == -1)
		goto fail;
	for (i = 0; i < db->nconns; i++) {
		sqlite_ckpt_attach(db->ckpt, db->conns[i].h);
		db_pool_put(&db->pool, &db->conns[i].base);
	}
	*out = &db->base;
	return DB_OK;
fail:
	if (db != NULL)
		sq_close(&db->base);
	return DB_ERR;
}

static void
sq_close(struct db *d)
{
	struct sqlite_db	*db = SQ_DB(d);
	int			 i;

	/* No commit may wake a stopped checkpointer. */
	sqlite_ckpt_stop(db->ckpt);
	if (db->conns != NULL) {
		for (i = 0; i < db->nconns; i++)
			conn_close(&db->conns[i]);
	}
	db_pool_destroy(&db->pool);
	if (db->turn_ok)
		sqlite_turn_destroy(&db->turn);
	free(db->conns);
	free(db);
}

static int
sq_schema_version(struct db *db)
{
	return SQ_DB(db)->version;
}

static int
sq_ids_sync(struct dbconn *c, const char *table)
{
	/* rowid continues from the largest id by itself. */
	(void)c;
	(void)table;
	return DB_OK;
}

static struct dbconn *
sq_acquire(struct db *d)
{
	return db_pool_take(&SQ_DB(d)->pool);
}

static int	sq_in_tx(struct dbconn *);
static int	sq_rollback(struct dbconn *);
static void	turn_give(struct sqlite_conn *);

static void
sq_release(struct db *d, struct dbconn *conn)
{
	struct sqlite_db	*db = SQ_DB(d);
	struct sqlite_conn	*c = SQ_CONN(conn);
	/* Defensive: a caller that returns early must not hand the next
	 * request an open transaction or a statement holding a read lock. */
	sqlite_stmt_cache_reset(c);
	if (sq_in_tx(conn)) {
		log_event("db_error", "op", "release",
		    "msg", "connection released inside a transaction; rolled back",
		    NULL);
		sq_rollback(conn);
	}
	/* A transaction SQLite ended on its own (a full disk) that nobody
	 * rolled back still had the turn. */
	turn_give(c);
	db_pool_put(&db->pool, conn);
}

static const char *const tx_sql[SQ_TX_MAX] = {
	[SQ_TX_BEGIN] = "BEGIN IMMEDIATE",
	[SQ_TX_COMMIT] = "COMMIT",
	[SQ_TX_ROLLBACK] = "ROLLBACK",
	[SQ_TX_SAVEPOINT] = "SAVEPOINT orden_group",
	[SQ_TX_RELEASE] = "RELEASE orden_group",
	[SQ_TX_ROLLBACK_TO] = "ROLLBACK TO orden_group",
};

/* One of the transaction statements, prepared once per connection:
 * sqlite3_exec parsed each again, two per report of a group-commit batch
 * (a tenth of a batch's time outside the reports themselves). */
static int
tx_exec(struct sqlite_conn *c, enum sqlite_tx which)
{
	int rc;

	if (c->tx[which] == NULL && (rc = sqlite3_prepare_v3(c->h,
	    tx_sql[which], -1, SQLITE_PREPARE_PERSISTENT, &c->tx[which],
	    NULL)) != SQLITE_OK) {
		sqlite_log(c->h, rc, "tx", tx_sql[which]);
		return sqlite_rc(rc);
	}
	rc = sqlite3_step(c->tx[which]);
	(void)sqlite3_reset(c->tx[which]);
	if (rc != SQLITE_DONE) {
		sqlite_log(c->h, rc, "tx", tx_sql[which]);
		return sqlite_rc(rc);
	}
	return DB_OK;
}

/* The end of a write transaction: the next writer in line may begin. */
static void
turn_give(struct sqlite_conn *c)
{
	if (c->has_turn) {
		c->has_turn = 0;
		sqlite_turn_give(c->turn);
	}
}

static int
sq_begin(struct dbconn *conn)
{
	struct sqlite_conn	*c = SQ_CONN(conn);
	int			 rc;

	/* In line with the process's other writers first (sqlite_turn.c),
	 * then SQLite's lock, which only another process can hold now. */
	if (c->turn != NULL && !c->has_turn) {
		if (sqlite_turn_take(c->turn, BUSY_TIMEOUT_MS) != 0) {
			log_event("db_busy", "op", "tx", "msg", "no turn to "
			    "write within the busy timeout", NULL);
			return DB_BUSY;
		}
		c->has_turn = 1;
	}
	if ((rc = tx_exec(c, SQ_TX_BEGIN)) == DB_OK)
		c->in_tx = 1;
	else
		turn_give(c);
	return rc;
}

static int
sq_commit(struct dbconn *conn)
{
	struct sqlite_conn	*c = SQ_CONN(conn);
	int			 rc;

	rc = tx_exec(c, SQ_TX_COMMIT);
	/* A failed COMMIT leaves the transaction open for db_rollback. */
	if (rc == DB_OK || sqlite3_get_autocommit(c->h)) {
		c->in_tx = 0;
		turn_give(c);
	}
	return rc;
}

static int
sq_rollback(struct dbconn *conn)
{
	struct sqlite_conn	*c = SQ_CONN(conn);
	int			 rc = DB_OK;

	/* SQLite may already have rolled back on its own (e.g. disk full). */
	if (!sqlite3_get_autocommit(c->h))
		rc = tx_exec(c, SQ_TX_ROLLBACK);
	c->in_tx = 0;
	turn_give(c);
	return rc;
}

static int
sq_in_tx(struct dbconn *conn)
{
	struct sqlite_conn *c = SQ_CONN(conn);

	return c->in_tx && !sqlite3_get_autocommit(c->h);
}

/* Group commit's savepoint (backend.h). SQLite undoes a failed statement
 * alone and keeps the transaction, so ROLLBACK TO leaves the rest of the
 * batch as it was; an error that rolled back the whole transaction
 * (SQLITE_FULL, SQLITE_IOERR) leaves no savepoint, and ROLLBACK TO fails. */
static int
sq_savepoint(struct dbconn *conn, enum db_sp op)
{
	struct sqlite_conn	*c = SQ_CONN(conn);
	int			 rc;

	switch (op) {
	case DB_SP_BEGIN:
		return tx_exec(c, SQ_TX_SAVEPOINT);
	case DB_SP_RELEASE:
		return tx_exec(c, SQ_TX_RELEASE);
	case DB_SP_ROLLBACK:
		if ((rc = tx_exec(c, SQ_TX_ROLLBACK_TO)) != DB_OK)
			return rc;
		return tx_exec(c, SQ_TX_RELEASE);
	}
	return DB_ERR;
}

static int
sq_exec(struct dbconn *conn, const char *sql)
{
	struct sqlite_conn	*c = SQ_CONN(conn);
	int			 rc;

	if ((rc = sqlite3_exec(c->h, sql, NULL, NULL, NULL)) != SQLITE_OK) {
		sqlite_log(c->h, rc, "exec", sql);
		return sqlite_rc(rc);
	}
	return DB_OK;
}

/* The mark of a WAL database (backend.h): the two copies of the
 * wal-index header at the start of the -shm file (sqlite.org/walformat,
 * "the WAL-index header"), as this connection's VFS has them mapped.
 * Every commit, of any process, rewrites the header with a larger change
 * counter and the new frame count and checksums, second copy first: two
 * copies that differ are a commit in the middle (no mark then), and the
 * same bytes later mean no commit came between. The words are read one
 * by one with atomic loads (the writer needs no lock of ours). */
#define WAL_HDR_BYTES	48
static int
sq_mark(struct dbconn *conn, int64_t tenant_id, unsigned char *out)
{
	struct sqlite_conn	*c = SQ_CONN(conn);
	sqlite3_file		*f = NULL;
	void volatile		*region = NULL;
	uint32_t		 w[DB_MARK_BYTES / 4];
	const uint32_t		*p;
	size_t			 i;

	(void)tenant_id;	/* one mark for the whole file */
	if (!c->wal_open || c->h == NULL || !sqlite3_get_autocommit(c->h) ||
	    sqlite3_file_control(c->h, "main", SQLITE_FCNTL_FILE_POINTER,
	    &f) != SQLITE_OK || f == NULL || f->pMethods == NULL ||
	    f->pMethods->iVersion < 2 || f->pMethods->xShmMap == NULL ||
	    f->pMethods->xShmMap(f, 0, 32 * 1024, 0, &region) != SQLITE_OK ||
	    region == NULL)
		return -1;
	p = (const uint32_t *)(uintptr_t)region;
	for (i = 0; i < DB_MARK_BYTES / 4; i++)
		w[i] = __atomic_load_n(&p[i], __ATOMIC_ACQUIRE);
	/* isInit (byte 12 of a copy): 0 before any connection built the
	 * index. */
	if (memcmp(w, (const unsigned char *)w + WAL_HDR_BYTES,
	    WAL_HDR_BYTES) != 0 || ((const unsigned char *)w)[12] == 0)
		return -1;
	memcpy(out, w, DB_MARK_BYTES);
	return 0;
}

static int64_t
sq_changes(struct dbconn *c)
{
	return (int64_t)sqlite3_changes64(SQ_CONN(c)->h);
}

const struct db_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.schema_version = sq_schema_version,
	.acquire = sq_acquire,
	.release = sq_release,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.in_tx = sq_in_tx,
	.savepoint = sq_savepoint,
	.exec = sq_exec,
	.changes = sq_changes,
	.ids_sync = sq_ids_sync,
	.prepare = sqlite_prepare,
	.prepare_tenant = sqlite_prepare_tenant,
	.prepare_global = sqlite_prepare_global,
	.prepare_dynamic = sqlite_prepare_dynamic,
	.bind_int = sqlite_bind_int,
	.bind_text = sqlite_bind_text,
	.bind_blob = sqlite_bind_blob,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.col_is_null = sqlite_col_is_null,
	.col_int = sqlite_col_int,
	.col_text = sqlite_col_text,
	.col_blob = sqlite_col_blob,
	.col_count = sqlite_col_count,
	.col_name = sqlite_col_name,
	.col_type = sqlite_col_type,
	.reset = sqlite_reset,
	.mark = sq_mark,
};
