/* deadline.c: the request-header deadline (see deadline.h).
 *
 * Every connection is on one list from MHD's "started" notification to
 * its "closed" one. Once a second a thread shuts down (shutdown(2), not
 * close) the sockets that are past their deadline; the worker that owns
 * the connection then sees end of input and closes it the ordinary way.
 * MHD notifies "closed" before it closes the descriptor, and both that
 * notification and the sweep hold the watcher's mutex, so the sweep never
 * touches a descriptor that has been closed and reused.
 *
 * A worker busy with a long request does not read its other connections
 * meanwhile; their clients may have sent whole headers that wait unread.
 * A connection with unread bytes is therefore spared until its worker has
 * caught up: the deadline is for slow clients, not for a slow server. */
#include "http/deadline.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>

#include "util/log.h"

struct tracked {
	struct tracked		*prev, *next;
	struct http_deadline	*w;
	int			 fd;
	int			 busy;	/* headers in, request not finished */
	int			 shut;	/* past its deadline, shut down */
	time_t			 since;	/* monotonic: connected or last request done */
};

struct http_deadline {
	pthread_mutex_t		 mu;	/* guards everything below */
	pthread_cond_t		 cv;	/* signalled when stop is set */
	pthread_t		 thread;
	struct tracked		*head;
	unsigned		 seconds;
	int			 stop;
};

static time_t
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static void *
sweep_run(void *arg)
{
	struct http_deadline	*w = arg;
	struct tracked		*t;
	struct timespec		 until;
	time_t			 now;
	unsigned		 n;
	int			 unread;
	char			 num[16];

	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		now = mono_now();
		n = 0;
		for (t = w->head; t != NULL; t = t->next) {
			if (t->busy || t->shut ||
			    now - t->since < (time_t)w->seconds)
				continue;
			if (ioctl(t->fd, FIONREAD, &unread) == 0 && unread > 0)
				continue;
			(void)shutdown(t->fd, SHUT_RDWR);
			t->shut = 1;
			n++;
		}
		if (n > 0) {
			/* No address: a whistleblower's may be among them,
			 * and before the headers no route says so. */
			snprintf(num, sizeof(num), "%u", n);
			log_event("http_header_timeout", "closed", num, NULL);
		}
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += 1;
		while (!w->stop &&
		    pthread_cond_timedwait(&w->cv, &w->mu, &until) != ETIMEDOUT)
			continue;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

int
http_deadline_start(struct http_deadline **out, unsigned seconds)
{
	struct http_deadline	*w;
	pthread_condattr_t	 ca;
	int			 rc = -1;

	*out = NULL;
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	w->seconds = seconds;
	if (pthread_condattr_init(&ca) != 0)
		goto out;
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	rc = pthread_cond_init(&w->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (rc != 0) {
		rc = -1;
		goto out;
	}
	if (pthread_mutex_init(&w->mu, NULL) != 0) {
		pthread_cond_destroy(&w->cv);
		rc = -1;
		goto out;
	}
	if (pthread_create(&w->thread, NULL, sweep_run, w) != 0) {
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		rc = -1;
		goto out;
	}
	*out = w;
	w = NULL;
	rc = 0;
out:
	free(w);
	return rc;
}

void
http_deadline_stop(struct http_deadline *w)
{
	struct tracked *t, *next;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	/* MHD_stop_daemon has notified every close; this is defensive. */
	for (t = w->head; t != NULL; t = next) {
		next = t->next;
		free(t);
	}
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}

void
http_deadline_notify(void *cls, struct MHD_Connection *c,
    void **socket_context, enum MHD_ConnectionNotificationCode code)
{
	struct http_deadline		*w = cls;
	struct tracked			*t;
	const union MHD_ConnectionInfo	*ci;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		/* Untracked, a connection still has the idle timeout. */
		if (ci == NULL || (t = calloc(1, sizeof(*t))) == NULL)
			return;
		t->w = w;
		t->fd = ci->connect_fd;
		t->since = mono_now();
		pthread_mutex_lock(&w->mu);
		t->next = w->head;
		if (w->head != NULL)
			w->head->prev = t;
		w->head = t;
		pthread_mutex_unlock(&w->mu);
		*socket_context = t;
		return;
	}
	if (code != MHD_CONNECTION_NOTIFY_CLOSED || (t = *socket_context) == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	if (t->prev != NULL)
		t->prev->next = t->next;
	else
		w->head = t->next;
	if (t->next != NULL)
		t->next->prev = t->prev;
	pthread_mutex_unlock(&w->mu);
	free(t);
	*socket_context = NULL;
}

void
http_deadline_busy(struct MHD_Connection *c, int busy)
{
	const union MHD_ConnectionInfo	*ci;
	struct tracked			*t;

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (ci == NULL || (t = ci->socket_context) == NULL)
		return;
	pthread_mutex_lock(&t->w->mu);
	t->busy = busy;
	if (!busy)
		t->since = mono_now();
	pthread_mutex_unlock(&t->w->mu);
}
