/* periodic.h: a thread that runs a job now and then every few seconds
 * until stopped — the server's deadline ticker and the e-mail and webhook
 * senders. Stopping wakes it at once when it waits, else it stops after
 * the run in progress. SIGTERM and SIGINT are blocked in it, so they always
 * reach the server's sigwait. */
#ifndef ORDEN_UTIL_PERIODIC_H
#define ORDEN_UTIL_PERIODIC_H

#include <pthread.h>

struct periodic {
	void		(*run)(void *arg);	/* one run; not under mu */
	void		*arg;			/* the caller's, not freed */
	int		 seconds;		/* between the end of a run and
						   the next start */
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;			/* signalled when stop is set */
	int		 stop, running;
};

/* Start p running run(arg) every seconds (at least 1). 0 or -1 (nothing
 * started). */
int	periodic_start(struct periodic *p, void (*run)(void *), void *arg,
	    int seconds);
/* Stop and join; a p never started, or stopped, is left alone. */
void	periodic_stop(struct periodic *p);

#endif
