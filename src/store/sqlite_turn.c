/* sqlite_turn.c: the server's writers take the write lock in turn.
 *
 * SQLite lets one writer at a time in (BEGIN IMMEDIATE) and makes the
 * others poll: its busy handler sleeps 1, 2, 5 ... 100 ms and tries
 * again. A thread that commits and begins again at once (the deadline
 * tick after an import: one short transaction per deviation, tens of
 * thousands back to back) almost always finds the lock free before a
 * sleeping poller wakes, so a sign-in behind it ran out of its 5 s and
 * answered 500 ("database is locked"; bench/why.md, "The first tick
 * after an import"). Inside one process the polling is not needed: every
 * write transaction of the process queues here first, in the order it
 * asked, and the one at the head begins. A writer that commits goes to
 * the back of the line, so a sign-in waits for the transactions that
 * were running or queued when it asked, never for a whole tick.
 *
 * Other processes (`orden import`, `orden tick` from cron) are not in
 * the line: against them SQLite's busy timeout still applies, as before.
 * A thread that already holds the turn on one connection and begins on a
 * second waits out the timeout and gets DB_BUSY, which is what SQLite
 * answered it before (the write lock was held by its own first
 * connection). */
#include "store/sqlite_int.h"

#include <errno.h>
#include <time.h>

#include "util/log.h"

struct turn_wait {
	struct turn_wait	*next;
};

void
sqlite_turn_init(struct sqlite_turn *t)
{
	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	t->head = NULL;
	t->tail = &t->head;
	t->held = 0;
}

void
sqlite_turn_destroy(struct sqlite_turn *t)
{
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
}

/* Take w off the line; t->mu held. */
static void
unlink_wait(struct sqlite_turn *t, struct turn_wait *w)
{
	struct turn_wait **p;

	for (p = &t->head; *p != NULL; p = &(*p)->next) {
		if (*p == w) {
			*p = w->next;
			if (t->tail == &w->next)
				t->tail = p;
			return;
		}
	}
}

int
sqlite_turn_take(struct sqlite_turn *t, int timeout_ms)
{
	struct turn_wait	 me = { NULL };
	struct timespec		 until;
	int			 rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&t->mu);
	*t->tail = &me;
	t->tail = &me.next;
	while ((t->held || t->head != &me) && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&t->cv, &t->mu, &until);
	if (!t->held && t->head == &me) {
		unlink_wait(t, &me);
		t->held = 1;
		rc = 0;
	} else {
		/* Gave up: the one behind may be at the head now. */
		unlink_wait(t, &me);
		pthread_cond_broadcast(&t->cv);
		rc = -1;
	}
	pthread_mutex_unlock(&t->mu);
	return rc;
}

void
sqlite_turn_give(struct sqlite_turn *t)
{
	pthread_mutex_lock(&t->mu);
	t->held = 0;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}
