/* sqlite_ckpt.c: WAL checkpoints off the request path.
 *
 * SQLite's default checkpoints the WAL inside the COMMIT that takes it
 * past 1,000 pages: that commit returns only after copying those pages
 * into the database and syncing both files. With group commit (group.c)
 * that COMMIT is a whole batch's, so every few batches all of its
 * requests, and every request queued behind it, waited for a checkpoint.
 * Here each connection's WAL hook only wakes a thread of the backend,
 * which checkpoints (PASSIVE: it never blocks a writer or a reader) on a
 * connection of its own while the next batch runs. Durability does not
 * change: a commit is on disk when its WAL frames are synced
 * (synchronous=FULL), and the checkpointer syncs the WAL before and the
 * database after it copies, as SQLite's own checkpoint does.
 *
 * A passive checkpoint that runs beside writers may never find the WAL
 * fully copied when a writer starts, so the WAL would not start over;
 * past CKPT_INLINE pages the committing connection checkpoints itself as
 * SQLite's default does, which bounds the WAL's size. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/sqlite_int.h"
#include "util/log.h"

#define CKPT_PAGES	1000	/* SQLite's default autocheckpoint */
#define CKPT_INLINE	10000	/* about 40 MiB of WAL */

struct sqlite_ckpt {
	sqlite3		*h;		/* the checkpointer's own connection */
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 pending;	/* a commit passed CKPT_PAGES */
	int		 stopping;
	int		 last;		/* the WAL's pages at the last commit */
	int		 woken;		/* ... when the thread was last woken */
};

static void
ckpt_run(sqlite3 *h, const char *schema)
{
	int rc;

	rc = sqlite3_wal_checkpoint_v2(h, schema, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
	if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
		sqlite_log(h, rc, "checkpoint", NULL);
}

static void *
ckpt_main(void *arg)
{
	struct sqlite_ckpt *k = arg;

	pthread_mutex_lock(&k->mu);
	for (;;) {
		while (!k->pending && !k->stopping)
			pthread_cond_wait(&k->cv, &k->mu);
		if (k->stopping)
			break;
		k->pending = 0;
		pthread_mutex_unlock(&k->mu);
		ckpt_run(k->h, NULL);
		pthread_mutex_lock(&k->mu);
	}
	pthread_mutex_unlock(&k->mu);
	return NULL;
}

/* sqlite3_wal_hook: after every commit, on the committing thread. */
static int
wal_hook(void *arg, sqlite3 *h, const char *schema, int pages)
{
	struct sqlite_ckpt *k = arg;

	if (pages >= CKPT_INLINE) {
		ckpt_run(h, schema);
		return SQLITE_OK;
	}
	/* Once per CKPT_PAGES pages written, not after every commit past
	 * them: a passive checkpoint beside a stream of batches seldom lets
	 * the WAL start over, and one after every batch copied the pages
	 * every batch changes (the counters, the last leaves of the
	 * indexes) into the database, and synced it, once per batch. */
	pthread_mutex_lock(&k->mu);
	if (pages < k->last)
		k->woken = 0;	/* the WAL started over */
	k->last = pages;
	if (pages >= CKPT_PAGES && pages - k->woken >= CKPT_PAGES) {
		k->woken = pages;
		k->pending = 1;
		pthread_cond_signal(&k->cv);
	}
	pthread_mutex_unlock(&k->mu);
	return SQLITE_OK;
}

int
sqlite_ckpt_start(struct sqlite_ckpt **out, const char *path)
{
	struct sqlite_ckpt	*k;
	sigset_t		 set, old;
	int			 rc;

	*out = NULL;
	if ((k = calloc(1, sizeof(*k))) == NULL)
		return -1;
	pthread_mutex_init(&k->mu, NULL);
	pthread_cond_init(&k->cv, NULL);
	rc = sqlite3_open_v2(path, &k->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK ||
	    sqlite3_exec(k->h, "PRAGMA synchronous=FULL", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "orden: cannot open database %s: %s\n", path,
		    k->h != NULL ? sqlite3_errmsg(k->h) : sqlite3_errstr(rc));
		goto fail;
	}
	/* Its own commits (none) must not wake it. */
	sqlite3_wal_autocheckpoint(k->h, 0);
	/* The server takes SIGTERM and SIGINT with sigwait, and blocks them
	 * only once the database is open: this thread must never be the one
	 * a stop signal is delivered to (as util/periodic.c). */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	rc = pthread_create(&k->thread, NULL, ckpt_main, k);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		goto fail;
	*out = k;
	return 0;
fail:
	sqlite3_close(k->h);
	pthread_mutex_destroy(&k->mu);
	pthread_cond_destroy(&k->cv);
	free(k);
	return -1;
}

void
sqlite_ckpt_attach(struct sqlite_ckpt *k, sqlite3 *h)
{
	/* Replaces SQLite's autocheckpoint, which is a WAL hook too. */
	sqlite3_wal_hook(h, wal_hook, k);
}

void
sqlite_ckpt_stop(struct sqlite_ckpt *k)
{
	if (k == NULL)
		return;
	pthread_mutex_lock(&k->mu);
	k->stopping = 1;
	pthread_cond_signal(&k->cv);
	pthread_mutex_unlock(&k->mu);
	pthread_join(k->thread, NULL);
	sqlite3_close(k->h);
	pthread_mutex_destroy(&k->mu);
	pthread_cond_destroy(&k->cv);
	free(k);
}
