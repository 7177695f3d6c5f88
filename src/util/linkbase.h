/* linkbase.h: where the links Orden writes for someone outside the page
 * point: e-mails (notify/), webhook payloads (webhook/) and the calendar
 * feed (web/wheel/, wheel/). One rule for all: the operator's
 * --public-url when it is set (the address people reach the server by,
 * with its port or path behind a proxy), else https:// and the
 * municipality's host name. Before, each had its own copy of the rule,
 * and the calendar feed ignored --public-url. */
#ifndef ORDEN_UTIL_LINKBASE_H
#define ORDEN_UTIL_LINKBASE_H

struct arena;

/* The public URL (`orden serve --public-url`), copied without trailing
 * slashes; NULL or "" for none. At start-up, before the threads that read
 * it (safe from any thread). */
void		 linkbase_set(const char *public_url);
/* The base of links for the municipality whose host is host (may be NULL):
 * the public URL, else "https://host", else "" when neither is known. No
 * trailing slash. In the arena; NULL only when the arena is full. */
const char	*linkbase_get(struct arena *, const char *host);

#endif
