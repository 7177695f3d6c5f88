/* shutdown.h: whether the process has been asked to stop (SIGTERM or
 * SIGINT to `orden serve`). Long background work — the deadline tick over a
 * backlog of thousands of deviations — asks between its units of work and
 * leaves the rest for the next run, so that a stop is not held up by it;
 * each unit is its own transaction, so nothing is left half done. */
#ifndef ORDEN_UTIL_SHUTDOWN_H
#define ORDEN_UTIL_SHUTDOWN_H

/* Say the process is stopping; from any thread, once or more. */
void	shutdown_begin(void);
/* 1 once shutdown_begin was called, else 0. */
int	shutdown_begun(void);

#endif
