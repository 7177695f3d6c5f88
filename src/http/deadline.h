/* deadline.h: the request-header deadline. libmicrohttpd closes a
 * connection only after CONN_TIMEOUT seconds of silence, so a client that
 * sends its headers one byte at a time (slowloris) would hold a
 * connection for ever. The watcher closes any connection that has not
 * delivered a complete request header within `seconds` of connecting or
 * of finishing its previous request (which also bounds idle keep-alive).
 * A request whose headers are in is never cut: bodies and answers are
 * bounded by the idle timeout and the body limits.
 *
 * Used by server.c only: http_deadline_notify is the daemon's
 * MHD_OPTION_NOTIFY_CONNECTION callback with the watcher as its cls. */
#ifndef ORDEN_HTTP_DEADLINE_H
#define ORDEN_HTTP_DEADLINE_H

#include <microhttpd.h>

struct http_deadline;

/* Start the watcher thread (with the caller's signal mask). *out is the
 * caller's until http_deadline_stop. 0, or -1 (nothing started). */
int	http_deadline_start(struct http_deadline **out, unsigned seconds);
/* Stop the thread and free the watcher; call after MHD_stop_daemon, when
 * no connection is left. NULL is ignored. */
void	http_deadline_stop(struct http_deadline *);

/* MHD_OPTION_NOTIFY_CONNECTION: track a connection from accept to close. */
void	http_deadline_notify(void *cls, struct MHD_Connection *c,
	    void **socket_context, enum MHD_ConnectionNotificationCode code);
/* The connection's request headers are complete (busy = 1: the deadline
 * no longer applies), or its request is finished (busy = 0: the next
 * request's headers are due within the deadline from now). */
void	http_deadline_busy(struct MHD_Connection *c, int busy);

#endif
