/* periodic.c: see periodic.h. The wait is on CLOCK_MONOTONIC so that a
 * wall-clock step (NTP, a test's clock offset) neither skips nor repeats
 * runs. */
#include "util/periodic.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>

static void *
periodic_thread(void *arg)
{
	struct periodic	*p = arg;
	struct timespec	 until;

	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		pthread_mutex_unlock(&p->mu);
		p->run(p->arg);
		pthread_mutex_lock(&p->mu);
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += p->seconds;
		while (!p->stop &&
		    pthread_cond_timedwait(&p->cv, &p->mu, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int
periodic_start(struct periodic *p, void (*run)(void *), void *arg,
    int seconds)
{
	pthread_condattr_t	 ca;
	sigset_t		 set, old;
	int			 rc;

	memset(p, 0, sizeof(*p));
	p->run = run;
	p->arg = arg;
	p->seconds = seconds < 1 ? 1 : seconds;
	if (pthread_condattr_init(&ca) != 0)
		return -1;
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	rc = pthread_cond_init(&p->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (rc != 0)
		return -1;
	if (pthread_mutex_init(&p->mu, NULL) != 0) {
		pthread_cond_destroy(&p->cv);
		return -1;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	rc = pthread_create(&p->thread, NULL, periodic_thread, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
		return -1;
	}
	p->running = 1;
	return 0;
}

void
periodic_stop(struct periodic *p)
{
	if (!p->running)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	p->running = 0;
}
