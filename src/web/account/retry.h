/* web/account/retry.h: the answer to an attempt that came too soon after failures
 * (login, password check, receipt code). web/ only. */
#ifndef ORDEN_WEB_RETRY_H
#define ORDEN_WEB_RETRY_H

#include <stdint.h>

struct http_req;
struct http_resp;

/* Sets Retry-After on resp and returns the message saying when to try
 * again (arena; a fixed text when the arena is exhausted). */
const char	*web_retry_after(struct http_req *, struct http_resp *,
		    int64_t seconds);

#endif
