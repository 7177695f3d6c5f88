/* wh_int.h: inside webhook/. Not for other modules. */
#ifndef ORDEN_WEBHOOK_INT_H
#define ORDEN_WEBHOOK_INT_H

#include <stddef.h>
#include <stdint.h>

#include "webhook/webhook.h"

struct ctx;
struct sockaddr;

#define WH_ID_HEX	33	/* a delivery id: 16 random bytes in hex */
#define WH_HOOKS_MAX	64	/* live subscriptions of one municipality */

void	wh_random_id(char out[WH_ID_HEX]);
/* The JSON body of one delivery (malloc'd; NULL when out of memory). */
char	*wh_payload(struct ctx *, enum wh_event, const struct wh_subject *,
	    const char *delivery_id);
/* One delivery row for subscription hook_id. 0 or a DB_* error. */
int	wh_deliver_one(struct ctx *, int64_t hook_id, enum wh_event,
	    const struct wh_subject *);

/* 1 when sa is an address a webhook may not reach unless the operator
 * allows private ones: loopback, private (RFC 1918, fc00::/7), link-local
 * (with the cloud metadata address 169.254.169.254), "this network",
 * CGNAT, multicast, unspecified, and IPv4 mapped into IPv6 of those. */
int	wh_addr_private(const struct sockaddr *sa);

/* The Orden-Signature header's value for body at t: "t=<t>,v1=<hex>". */
#define WH_SIG_MAX	128
void	wh_sign(const char *secret, int64_t t, const char *body, size_t len,
	    char out[WH_SIG_MAX]);

/* The signing secret at rest (secret.c): sealed with a key derived from
 * the municipality's audit key, or marked plain when it has none. 0 or
 * -1. The stored text needs at most WH_SEALED_MAX bytes. */
#define WH_SEALED_MAX	192
int	wh_secret_seal(struct ctx *, const char *secret, char *out,
	    size_t outsz);
int	wh_secret_open(struct ctx *, const char *stored,
	    char out[WH_SECRET_HEX]);

#endif
