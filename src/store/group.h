/* group.h: group commit. Short writes that many requests make at once
 * (a deviation report) share one transaction and so one fsync, instead of
 * one each: db_group_run queues the caller's work; the first caller that
 * finds no batch running becomes the leader, takes everything queued (what
 * arrived while the previous batch committed), runs each piece of work in
 * its own savepoint on its own connection, commits once, and only then
 * hands every caller its own result. A piece of work that fails is rolled
 * back to its savepoint alone; the others still commit.
 *
 * Success still means committed: db_group_run returns a result >= 0 only
 * after the batch's COMMIT returned (synchronous=FULL on SQLite,
 * synchronous_commit on PostgreSQL). On PostgreSQL the batch transaction
 * takes each tenant's advisory lock the way any transaction does
 * (pg.c); one batch may hold several tenants' locks. */
#ifndef ORDEN_STORE_GROUP_H
#define ORDEN_STORE_GROUP_H

struct db;
struct dbconn;

/* The work of one request. It runs on the connection it is given (the
 * leader's, not necessarily the caller's), inside a transaction and a
 * savepoint that db_group_run opened: it never begins, commits or rolls
 * back. It returns >= 0 to keep what it wrote, < 0 (a db_rc) to have it
 * undone; like db_tx_finish, which it replaces for the caller. It may run
 * on another thread than the caller's, while the caller waits. */
typedef int	(*db_group_fn)(struct dbconn *, void *arg);

/* Run fn(conn, arg) in the next batch and return its result once the
 * batch committed, or the error that stopped the batch (then nothing of
 * fn's stayed). conn is the caller's connection, borrowed from db and not
 * inside a transaction; the leader runs the batch on it. */
int	db_group_run(struct db *, struct dbconn *conn, db_group_fn fn,
	    void *arg);

/* Called once with fn's result (as db_group_run returns it) after the
 * batch that ran fn committed or failed; on the thread that ran the
 * batch, outside the group's lock. */
typedef void	(*db_group_done)(void *cls, int rc);

/* Queue fn(conn, arg) for the next batch without waiting for it: for a
 * caller that has something better to do with its thread than wait (the
 * HTTP server suspends the connection, so that its worker threads take
 * the next requests and a batch can hold more than one per thread). A
 * writer thread of the group (started by the first post, stopped by
 * db_group_destroy after it ran everything queued) runs the batch on a
 * connection of its own when no db_group_run caller does. arg must live
 * until done was called. 0, or -1 when the request could not be queued
 * (then done is never called). */
int	db_group_post(struct db *, db_group_fn fn, void *arg,
	    db_group_done done, void *cls);

/* What a model gathers from the requests of a batch and writes once,
 * before the batch's COMMIT, instead of once per request: the kept counts
 * of deviations, whose few cells every report of a batch adds to (store/
 * knows nothing of them). Everything runs on the thread that runs the
 * batch, the one that calls the requests' work; the model keeps what it
 * gathered there. */
struct db_group_gather {
	/* A request's savepoint ended: released (kept 1), its gathered
	 * changes now the batch's; or rolled back (kept 0), dropped with
	 * it. */
	void	(*request_end)(int kept);
	/* Before COMMIT, inside the batch's transaction on c: write what the
	 * kept requests gathered. DB_OK, or an error that fails the batch as
	 * a failed COMMIT does (every request that kept its work gets it). */
	int	(*flush)(struct dbconn *c);
	/* The attempt at the batch ended (committed, rolled back, or to run
	 * again without a request that lost the transaction): forget
	 * everything gathered. */
	void	(*end)(void);
};

/* Called by a request's work (db_group_fn) on the connection it was
 * given: g takes part in the batch that connection runs (once per batch,
 * however many of its requests call this). 1 when it does: the caller
 * gathers, and g's calls follow; 0 when c runs no batch (a caller's own
 * transaction) or the batch takes no more: the caller writes at once. */
int	db_group_gather(struct dbconn *c, const struct db_group_gather *g);

/* How many batches committed (or failed) since the database was opened,
 * and how many requests they held: for /metrics. */
void	db_group_stats(struct db *, unsigned long *batches,
	    unsigned long *requests);

#endif
