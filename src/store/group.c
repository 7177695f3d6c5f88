/* group.c: group commit (group.h), the same for every backend.
 *
 * The queue is a list of requests on their callers' stacks, guarded by the
 * group's mutex. A caller queues its request and waits while a leader is
 * running a batch and its request is not done. When no leader runs, the
 * caller becomes the leader: it takes the whole queue (its own request is
 * in it), runs it outside the mutex, and marks each request done under the
 * mutex. A request's fields are written by the leader before done is set
 * and read by its owner after it saw done, both under the mutex; after
 * done is set the leader no longer touches it, so the owner may return
 * and its stack go away. No timer: a batch holds what queued while the
 * previous one ran, so one caller alone commits at once. */
#include "store/group.h"

#include <stdlib.h>

#include "store/backend.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/log.h"

struct db_group_req {
	db_group_fn		 fn;
	void			*arg;
	int			 rc;
	int			 done;
	struct db_group_req	*next;
};

struct db_group {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;		/* a batch ended */
	struct db_group_req	*head, **tail;	/* the queue */
	int			 leading;	/* a batch is running */
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
	db->group = g;
	return 0;
}

void
db_group_destroy(struct db *db)
{
	struct db_group *g = db->group;

	if (g == NULL)
		return;
	pthread_mutex_destroy(&g->mu);
	pthread_cond_destroy(&g->cv);
	free(g);
	db->group = NULL;
}

/* One request in its savepoint. DB_OK when the transaction is still good
 * for the next one (whatever the request's own result), else the error
 * that broke it. */
static int
run_one(struct dbconn *c, struct db_group_req *r)
{
	int rc;

	if ((rc = c->ops->savepoint(c, DB_SP_BEGIN)) != DB_OK)
		return rc;
	r->rc = r->fn(c, r->arg);
	if (r->rc >= 0) {
		if ((rc = c->ops->savepoint(c, DB_SP_RELEASE)) == DB_OK)
			return DB_OK;
		r->rc = rc;
	}
	/* Undo this request alone. A backend that gave up the whole
	 * transaction (SQLite on a full disk) has no savepoint left: then
	 * the batch is lost, and the caller sees it. */
	if ((rc = c->ops->savepoint(c, DB_SP_ROLLBACK)) != DB_OK)
		return rc;
	return db_in_tx(c) ? DB_OK : DB_ERR;
}

/* Run a batch in one transaction and commit it. Every request gets its
 * own result; when the transaction itself fails, every request that
 * would have kept its work gets that error instead. */
static void
run_batch(struct dbconn *c, struct db_group_req *batch)
{
	struct db_group_req	*r;
	int			 rc;

	if ((rc = db_begin(c)) == DB_OK) {
		for (r = batch; r != NULL && rc == DB_OK; r = r->next)
			rc = run_one(c, r);
		if (rc == DB_OK)
			rc = db_commit(c);
		if (rc != DB_OK)
			db_rollback(c);
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

int
db_group_run(struct db *db, struct dbconn *conn, db_group_fn fn, void *arg)
{
	struct db_group		*g = db->group;
	struct db_group_req	 me = { fn, arg, 0, 0, NULL };
	struct db_group_req	*batch, *r, *next;

	pthread_mutex_lock(&g->mu);
	*g->tail = &me;
	g->tail = &me.next;
	while (!me.done && g->leading)
		pthread_cond_wait(&g->cv, &g->mu);
	if (me.done) {
		pthread_mutex_unlock(&g->mu);
		return me.rc;
	}
	g->leading = 1;
	batch = g->head;
	g->head = NULL;
	g->tail = &g->head;
	pthread_mutex_unlock(&g->mu);

	run_batch(conn, batch);

	pthread_mutex_lock(&g->mu);
	for (r = batch; r != NULL; r = next) {
		next = r->next;
		r->done = 1;
	}
	g->leading = 0;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
	return me.rc;
}
