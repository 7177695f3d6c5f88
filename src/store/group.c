/* group.c: group commit (group.h), the same for every backend.
 *
 * The queue is a list of requests guarded by the group's mutex; a batch
 * is led by whoever finds work queued and no batch running. Two kinds of
 * request share it:
 *
 *  - db_group_run's, on its caller's stack: the caller queues it and
 *    waits while a batch is running and its request is not done; when no
 *    batch runs it leads one itself, on its own connection. The leader
 *    writes a request's result before done is set and the owner reads it
 *    after it saw done, both under the mutex; after done is set the leader
 *    no longer touches it, so the owner may return.
 *  - db_group_post's, on the heap: nobody waits for it. The writer thread
 *    leads a batch when posted work is queued and no batch runs; the
 *    leader calls each one's done after the batch and frees it.
 *
 * A batch first runs its requests without savepoints (run_plain): on
 * SQLite a savepoint makes SQLite copy every page a request changes (a
 * report changes about 28) into a statement journal in memory, in 1 KiB
 * pieces allocated and freed one by one, so that the request can be
 * undone; on PostgreSQL it cost each request two statements and the round
 * trip of its RELEASE while the municipality's other submits waited
 * (bench/why.md, w21-pgwrite); and almost no request is undone. Only when
 * a request fails is the whole attempt rolled back and the batch run
 * again the careful way, each request in its own savepoint (run_one).
 * On PostgreSQL a write sent ahead (pg_stmt.c) reports its error with a
 * later statement: the next request's, the flush's or the COMMIT's, which
 * then never ran; try_batch gives up the attempt in each case. A
 * request's work must therefore run again after a rollback, as it already
 * must when its batch loses the transaction.
 *
 * The writer takes a connection from the pool before it tries to lead,
 * never while a batch is running: db_group_run's callers hold theirs
 * while they wait, and a leader waiting for the pool could wait for
 * them. No timer: a batch holds what queued while the previous one ran,
 * so one request alone commits at once. */
#include "store/group.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "store/backend.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/log.h"
#include "util/num.h"
#include "util/testbuild.h"

struct db_group_req {
	db_group_fn		 fn;
	void			*arg;
	db_group_done		 done_fn;	/* posted: called, then freed */
	void			*cls;
	int			 rc;
	int			 done;		/* db_group_run's: finished */
	int			 out;		/* failed on its own: not run again */
	struct db_group_req	*next;
};

/* The models gathering in one attempt at a batch (db_group_gather): on
 * the stack of try_batch, reached through the connection. Few: four
 * today (the kept counts, org/memo.c, deviation/numbers.c and webhook's
 * "heard"), and room for two more. */
#define GATHER_MAX	6
struct db_group_batch {
	const struct db_group_gather	*g[GATHER_MAX];
	size_t				 n;
	int				 flushing;	/* the requests ran */
};

struct db_group {
	struct db		*db;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;		/* a batch ended, or work came */
	struct db_group_req	*head, **tail;	/* the queue */
	int			 leading;	/* a batch is running */
	int			 posted;	/* posted requests in the queue */
	int			 writer;	/* the writer thread was started */
	int			 stopping;	/* db_group_destroy was called */
	int			 queued;	/* requests in the queue */
	int			 held;		/* the test hold was used */
	pthread_t		 thread;
	unsigned long		 batches, requests;	/* for /metrics */
};

int
db_group_init(struct db *db)
{
	struct db_group *g;

	if ((g = calloc(1, sizeof(*g))) == NULL)
		return -1;
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->cv, NULL);
	g->tail = &g->head;
	g->db = db;
	db->group = g;
	return 0;
}

void
db_group_destroy(struct db *db)
{
	struct db_group *g = db->group;

	if (g == NULL)
		return;
	/* The writer runs what is still queued before it ends: a posted
	 * request is answered, never dropped. */
	pthread_mutex_lock(&g->mu);
	g->stopping = 1;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
	if (g->writer)
		pthread_join(g->thread, NULL);
	pthread_mutex_destroy(&g->mu);
	pthread_cond_destroy(&g->cv);
	free(g);
	db->group = NULL;
}

int
db_group_gather(struct dbconn *c, const struct db_group_gather *g)
{
	struct db_group_batch	*b = c->batch;
	size_t			 i;

	if (b == NULL || b->flushing)
		return 0;
	for (i = 0; i < b->n; i++)
		if (b->g[i] == g)
			return 1;
	if (b->n == GATHER_MAX)
		return 0;
	b->g[b->n++] = g;
	return 1;
}

/* Tell the gathering models how the request's savepoint ended. */
static void
request_end(struct db_group_batch *b, int kept)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		b->g[i]->request_end(kept);
}

/* One request in its savepoint. DB_OK when the transaction is still good
 * for the next one (whatever the request's own result), else the error
 * that broke it. What the request gathered (db_group_gather) goes with
 * its savepoint: kept when it is released, dropped when it is rolled back;
 * when the transaction is lost, try_batch drops everything. */
static int
run_one(struct dbconn *c, struct db_group_req *r)
{
	int rc;

	if ((rc = c->ops->savepoint(c, DB_SP_BEGIN)) != DB_OK)
		return rc;
	r->rc = r->fn(c, r->arg);
	if (r->rc >= 0) {
		if ((rc = c->ops->savepoint(c, DB_SP_RELEASE)) == DB_OK) {
			request_end(c->batch, 1);
			return DB_OK;
		}
		r->rc = rc;
	}
	/* Undo this request alone. A backend that gave up the whole
	 * transaction (SQLite on a full disk) has no savepoint left. */
	request_end(c->batch, 0);
	if ((rc = c->ops->savepoint(c, DB_SP_ROLLBACK)) != DB_OK)
		return rc;
	return db_in_tx(c) ? DB_OK : DB_ERR;
}

/* try_batch's answer, not careful, when nothing of the attempt was kept
 * and the batch must run again with a savepoint per request. Not a
 * db_rc. */
#define GROUP_AGAIN	(-1000)

/* One request without a savepoint (the first attempt at a batch): DB_OK
 * when it succeeded; when it failed, GROUP_AGAIN, and the attempt is
 * given up (its writes cannot be undone alone). */
static int
run_plain(struct dbconn *c, struct db_group_req *r)
{
	if ((r->rc = r->fn(c, r->arg)) < 0 || !db_in_tx(c))
		return GROUP_AGAIN;
	request_end(c->batch, 1);
	return DB_OK;
}

/* What the kept requests gathered, written before the COMMIT. */
static int
flush(struct db_group_batch *b, struct dbconn *c)
{
	size_t	i;
	int	rc = DB_OK;

	for (i = 0; i < b->n && rc == DB_OK; i++)
		rc = b->g[i]->flush(c);
	return rc;
}

/* One attempt at the batch in one transaction, skipping the requests
 * already out; each request in its own savepoint when careful, else
 * (run_plain) none. DB_OK when it committed. Otherwise nothing of it is
 * kept, and *broke is the request the transaction was lost in, or NULL
 * when BEGIN or COMMIT failed. Not careful, GROUP_AGAIN when a request
 * failed, or the flush did, or the COMMIT failed with the transaction
 * still open (it never ran: a write sent with it failed first); any other
 * error is a BEGIN's, or a COMMIT's that ended the transaction, which
 * every request gets. */
static int
try_batch(struct dbconn *c, struct db_group_req *batch, int careful,
    struct db_group_req **broke)
{
	struct db_group_batch	 b = { { NULL }, 0, 0 };
	struct db_group_req	*r;
	size_t			 i;
	int			 rc;

	*broke = NULL;
	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	c->batch = &b;
	for (r = batch; r != NULL; r = r->next) {
		if (r->out)
			continue;
		if ((rc = careful ? run_one(c, r) : run_plain(c, r)) !=
		    DB_OK) {
			*broke = r;
			break;
		}
	}
	/* Still the batch's connection through the COMMIT: on PostgreSQL
	 * the writes of the flush and the cache generation are sent ahead
	 * and answered with the COMMIT, a round trip less each (pg_stmt.c
	 * stmt_defer); one that fails fails the COMMIT. */
	b.flushing = 1;
	if (rc == DB_OK && (rc = flush(&b, c)) != DB_OK && !careful)
		rc = GROUP_AGAIN;
	if (rc == DB_OK && (rc = db_commit(c)) != DB_OK && !careful &&
	    db_in_tx(c))
		rc = GROUP_AGAIN;
	if (rc != DB_OK)
		db_rollback(c);
	c->batch = NULL;
	for (i = 0; i < b.n; i++)
		b.g[i]->end();
	return rc;
}

/* Run a batch and commit it; every request gets its own result. First
 * without savepoints; when that kept nothing, with one per request, as
 * follows. When a request takes the whole transaction down with it (the backend rolled
 * it back: a full disk, an I/O error), that request alone fails and the
 * rest of the batch runs again in a new transaction: the work of the
 * requests before it was lost with the transaction, and the ones after
 * it never ran. Each attempt puts one more request out, so this ends.
 * When BEGIN or COMMIT fails, every request that would have kept its
 * work gets that error. */
static void
run_batch(struct dbconn *c, struct db_group_req *batch)
{
	struct db_group_req	*r, *broke;
	int			 rc;

	if ((rc = try_batch(c, batch, 0, &broke)) == GROUP_AGAIN) {
		/* Nothing kept, no savepoint to undo a request alone: all
		 * again, each in its own. */
		for (r = batch; r != NULL; r = r->next)
			r->rc = 0;
		rc = try_batch(c, batch, 1, &broke);
	}
	while (rc != DB_OK && broke != NULL) {
		log_event("db_error", "op", "group commit",
		    "msg", "transaction lost; the batch runs again without "
		    "the request it was lost in", NULL);
		if (broke->rc >= 0)
			broke->rc = rc;
		for (r = batch; r != NULL; r = r->next) {
			if (r->rc < 0)
				r->out = 1;	/* its own error, kept */
			else
				r->rc = 0;	/* its work was lost: again */
		}
		rc = try_batch(c, batch, 1, &broke);
	}
	if (rc != DB_OK) {
		log_event("db_error", "op", "group commit",
		    "msg", "batch rolled back", NULL);
		/* A request that failed keeps its own error; one that
		 * succeeded or never ran (rc still 0) gets the batch's. */
		for (r = batch; r != NULL; r = r->next)
			if (r->rc >= 0)
				r->rc = rc;
	}
}

/* In a test build, ORDEN_TEST_GROUP_HOLD=N makes the first batch wait,
 * before it takes the queue, with g->mu held by the caller and at most
 * 10 s, until N requests are queued: a test then knows that those N share
 * one batch, and sees how many requests can wait for a batch at once,
 * without depending on how fast they arrive. */
static void
test_hold(struct db_group *g)
{
	const char	*v;
	int64_t		 n;
	struct timespec	 until;
	int		 rc = 0;

	if (g->held || (v = test_getenv("ORDEN_TEST_GROUP_HOLD")) == NULL ||
	    num_parse_i64(v, 1, 10000, &n) != 0)
		return;
	g->held = 1;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 10;
	while (g->queued < n && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&g->cv, &g->mu, &until);
}

/* Lead one batch on c: take the whole queue, run it outside the mutex,
 * then finish every request. Called and returns with g->mu held, with
 * work queued and no batch running. */
static void
lead(struct db_group *g, struct dbconn *c)
{
	struct db_group_req	*batch, *r, *next, *posted = NULL, **ptail = &posted;

	g->leading = 1;
	test_hold(g);
	batch = g->head;
	g->head = NULL;
	g->tail = &g->head;
	g->batches++;
	g->requests += (unsigned long)g->queued;
	g->posted = 0;
	g->queued = 0;
	pthread_mutex_unlock(&g->mu);

	run_batch(c, batch);

	pthread_mutex_lock(&g->mu);
	for (r = batch; r != NULL; r = next) {
		next = r->next;
		if (r->done_fn != NULL) {
			r->next = NULL;
			*ptail = r;
			ptail = &r->next;
		} else {
			r->done = 1;
		}
	}
	g->leading = 0;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
	/* Outside the lock: done may take others' (the HTTP server's). */
	for (r = posted; r != NULL; r = next) {
		next = r->next;
		r->done_fn(r->cls, r->rc);
		free(r);
	}
	pthread_mutex_lock(&g->mu);
}

int
db_group_run(struct db *db, struct dbconn *conn, db_group_fn fn, void *arg)
{
	struct db_group		*g = db->group;
	struct db_group_req	 me = { fn, arg, NULL, NULL, 0, 0, 0, NULL };

	pthread_mutex_lock(&g->mu);
	*g->tail = &me;
	g->tail = &me.next;
	g->queued++;
	pthread_cond_broadcast(&g->cv);
	while (!me.done) {
		if (!g->leading)
			lead(g, conn);
		else
			pthread_cond_wait(&g->cv, &g->mu);
	}
	pthread_mutex_unlock(&g->mu);
	return me.rc;
}

/* The writer thread: leads a batch whenever posted work waits and nobody
 * else leads; at stop, once nothing posted is left. */
static void *
writer(void *arg)
{
	struct db_group	*g = arg;
	struct dbconn	*c;

	pthread_mutex_lock(&g->mu);
	for (;;) {
		while (!(g->stopping && g->posted == 0) &&
		    (g->posted == 0 || g->leading))
			pthread_cond_wait(&g->cv, &g->mu);
		if (g->posted == 0)
			break;	/* stopping, and all was run */
		pthread_mutex_unlock(&g->mu);
		c = db_acquire(g->db);
		pthread_mutex_lock(&g->mu);
		if (g->posted > 0 && !g->leading)
			lead(g, c);
		pthread_mutex_unlock(&g->mu);
		db_release(g->db, c);
		pthread_mutex_lock(&g->mu);
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

int
db_group_post(struct db *db, db_group_fn fn, void *arg, db_group_done done,
    void *cls)
{
	struct db_group		*g = db->group;
	struct db_group_req	*r;
	int			 rc = 0;

	if (done == NULL || (r = calloc(1, sizeof(*r))) == NULL)
		return -1;
	r->fn = fn;
	r->arg = arg;
	r->done_fn = done;
	r->cls = cls;
	pthread_mutex_lock(&g->mu);
	if (g->stopping)
		rc = -1;
	else if (!g->writer) {
		if (pthread_create(&g->thread, NULL, writer, g) != 0)
			rc = -1;
		else
			g->writer = 1;
	}
	if (rc == 0) {
		*g->tail = r;
		g->tail = &r->next;
		g->posted++;
		g->queued++;
		pthread_cond_broadcast(&g->cv);
	}
	pthread_mutex_unlock(&g->mu);
	if (rc != 0)
		free(r);
	return rc;
}

void
db_group_stats(struct db *db, unsigned long *batches, unsigned long *requests)
{
	struct db_group *g = db->group;

	pthread_mutex_lock(&g->mu);
	*batches = g->batches;
	*requests = g->requests;
	pthread_mutex_unlock(&g->mu);
}
