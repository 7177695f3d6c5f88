/* pg_listen.c: the mark of what a PostgreSQL database has committed
 * (backend.h), so that a cached answer costs no round trip.
 *
 * On SQLite the mark is read from the WAL index in shared memory: exact
 * and free. PostgreSQL has nothing a client can read without asking the
 * server, so every cache hit paid one round trip for the generation
 * (store.c, db_gens): 0.10-0.13 ms of CPU where SQLite's whole answer
 * took 0.03-0.04 ms (bench/RESULTS.md). Here the server learns of commits
 * instead of asking for them:
 *
 *  - Every change of cache_gen (the bump every writing transaction makes,
 *    whichever process wrote) sends NOTIFY orden_cache_gen with its tenant
 *    (migrations/pg/0069), delivered when that transaction commits.
 *  - One connection of the server's own LISTENs. Nothing waits on it:
 *    each mark first reads what has arrived on its socket (one
 *    non-blocking recv), and counts a notification into its tenant's
 *    slot; tenant 0 (a write naming none) counts into every mark.
 *  - This process's own commits count at once (pg_listen_wrote, called
 *    by store.c after COMMIT returned), so a request after a write of
 *    the same server, the page a POST redirects to, never sees the answer
 *    from before it.
 *
 * So a mark changes with every commit of this server at once, and with a
 * commit of another process (an `orden` command, a second server) as
 * soon as PostgreSQL has delivered its notification: the server signals
 * listeners when the commit is made, before the writer is told. A mark
 * is never given while the listening connection is not there (lost, not
 * yet made, or LISTEN failed): db_gens then reads every time, as before,
 * and a new connection starts a new epoch so nothing kept before counts.
 * store.c also bounds every kept generation to a second.
 *
 * Tenants share NSLOTS counters by their id: two that share one only
 * make each other's kept generation read again. */
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/clock.h"
#include "util/log.h"

#define NSLOTS		1024
#define RETRY_MS	5000	/* between attempts to listen again */

static const char SQL_LISTEN[] = "LISTEN orden_cache_gen";

struct pg_listen {
	pthread_mutex_t	 mu;		/* guards all below */
	char		*url;		/* owned */
	PGconn		*h;		/* NULL: not listening */
	uint64_t	 epoch;		/* a new one per connection made */
	uint64_t	 all;		/* tenant 0's notifications */
	uint64_t	 slot[NSLOTS];
	int64_t		 tried_ms;	/* CLOCK_MONOTONIC of the last attempt */
	int		 tried;
	int		 connecting;	/* one caller is connecting, unlocked */
};

/* The server's notices on this connection (its FATAL message when it
 * ends one) are not for stderr; the loss is logged where it is found. */
static void
notice_quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static size_t
slot_of(int64_t tenant_id)
{
	return (size_t)((uint64_t)tenant_id % NSLOTS);
}

int
pg_listen_new(struct pg_listen **out, const char *url)
{
	struct pg_listen *l;

	*out = NULL;
	if ((l = calloc(1, sizeof(*l))) == NULL)
		return DB_ERR;
	if ((l->url = strdup(url)) == NULL) {
		free(l);
		return DB_ERR;
	}
	pthread_mutex_init(&l->mu, NULL);
	*out = l;
	return DB_OK;
}

void
pg_listen_free(struct pg_listen *l)
{
	if (l == NULL)
		return;
	if (l->h != NULL)
		PQfinish(l->h);
	pthread_mutex_destroy(&l->mu);
	free(l->url);
	free(l);
}

/* Connect and LISTEN: a new connection, or NULL (logged). Called without
 * l->mu held: a server that does not answer keeps only this caller
 * waiting (connect_timeout in the URL bounds it), not every request. */
static PGconn *
listen_connect(const char *url)
{
	PGconn		*h;
	PGresult	*r = NULL;

	if ((h = PQconnectdb(url)) == NULL || PQstatus(h) != CONNECTION_OK)
		goto fail;
	PQsetNoticeProcessor(h, notice_quiet, NULL);
	r = PQexec(h, SQL_LISTEN);
	if (PQresultStatus(r) != PGRES_COMMAND_OK || PQsetnonblocking(h, 1) != 0)
		goto fail;
	PQclear(r);
	return h;
fail:
	log_event("db_warning", "msg", "cannot listen for commits on "
	    "PostgreSQL; the cache asks for its generation on every request "
	    "until it can", NULL);
	PQclear(r);
	if (h != NULL)
		PQfinish(h);
	return NULL;
}

/* Under l->mu, which it lets go while it connects (one caller at a time,
 * at most once per RETRY_MS: a server that is down is not asked on every
 * request). Other callers meanwhile get no mark. */
static void
listen_start(struct pg_listen *l)
{
	PGconn	*h;
	int64_t	 now = clock_mono_ms();

	if (l->connecting ||
	    (l->tried && now - l->tried_ms < RETRY_MS && now >= l->tried_ms))
		return;
	l->tried = 1;
	l->tried_ms = now;
	l->connecting = 1;
	pthread_mutex_unlock(&l->mu);
	h = listen_connect(l->url);
	pthread_mutex_lock(&l->mu);
	l->connecting = 0;
	if (h == NULL)
		return;
	l->h = h;
	/* What was kept under the last connection may have missed a
	 * commit made while nobody listened. */
	l->epoch++;
}

/* Read what has arrived, without waiting. 0, or -1 when the connection
 * is lost (closed then). Under l->mu.
 *
 * A connection the server ended (a restart, pg_terminate_backend) first
 * sends its FATAL message, which libpq reads as a notice and stays
 * "connected" until a later read finds the end: the poll sees the hang-up
 * now, so no mark is given from a connection nobody notifies. */
static int
listen_drain(struct pg_listen *l)
{
	struct pollfd	 p;
	PGnotify	*n;
	int64_t		 t;
	char		*end;

	p.fd = PQsocket(l->h);
	p.events = POLLIN | POLLRDHUP;
	p.revents = 0;
	if (p.fd < 0 || poll(&p, 1, 0) < 0 ||
	    (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0 ||
	    ((p.revents & POLLIN) != 0 && PQconsumeInput(l->h) == 0) ||
	    PQstatus(l->h) != CONNECTION_OK) {
		log_event("db_warning", "msg", "lost the connection that listens "
		    "for commits on PostgreSQL; reconnecting", NULL);
		PQfinish(l->h);
		l->h = NULL;
		l->tried = 0;
		return -1;
	}
	while ((n = PQnotifies(l->h)) != NULL) {
		t = strtoll(n->extra, &end, 10);
		if (end == n->extra || *end != '\0' || t <= 0)
			l->all++;
		else
			l->slot[slot_of(t)]++;
		PQfreemem(n);
	}
	return 0;
}

int
pg_listen_mark(struct pg_listen *l, int64_t tenant_id, unsigned char *out)
{
	uint64_t	v[3];
	int		rc = -1;

	pthread_mutex_lock(&l->mu);
	if (l->h == NULL)
		listen_start(l);
	if (l->h != NULL && listen_drain(l) == 0) {
		v[0] = l->epoch;
		v[1] = l->all;
		v[2] = l->slot[slot_of(tenant_id > 0 ? tenant_id : 0)];
		memset(out, 0, DB_MARK_BYTES);
		memcpy(out, v, sizeof(v));
		rc = 0;
	}
	pthread_mutex_unlock(&l->mu);
	return rc;
}

void
pg_listen_wrote(struct pg_listen *l, const int64_t *tenants, int n, int all)
{
	int i;

	pthread_mutex_lock(&l->mu);
	if (all)
		l->all++;
	for (i = 0; i < n; i++)
		l->slot[slot_of(tenants[i])]++;
	pthread_mutex_unlock(&l->mu);
}
