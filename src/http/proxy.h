/* proxy.h: the client's address behind trusted reverse proxies
 * (`orden serve --trusted-proxy CIDR`). Only when the connection comes from
 * a trusted proxy is X-Forwarded-For believed, and then only up to the
 * right-most hop that is not itself a trusted proxy: everything left of it
 * was written by the client and proves nothing. */
#ifndef ORDEN_HTTP_PROXY_H
#define ORDEN_HTTP_PROXY_H

#include <stddef.h>

struct arena;

#define HTTP_TRUSTED_MAX 32

struct http_trusted {
	struct http_net {
		int		family;		/* AF_INET or AF_INET6 */
		unsigned char	addr[16];	/* network bytes; IPv4 in the first 4 */
		int		bits;		/* prefix length */
	}	v[HTTP_TRUSTED_MAX];
	size_t	n;
};

/* Add "CIDR[,CIDR...]" (an address alone is a /32 or /128). 0, or -1 when
 * a part is not an address with a valid prefix, or there are too many;
 * nothing is added then. */
int	http_trusted_add(struct http_trusted *, const char *spec);
/* 1 when the textual address is in one of the networks. */
int	http_trusted_has(const struct http_trusted *, const char *addr);
/* The client's address: peer itself unless peer is trusted (t may be NULL
 * or empty); then the right-most X-Forwarded-For hop (xff: the header
 * lines joined by ",", may be NULL) that is not trusted, or the left-most
 * when all are; a malformed hop ends the walk at the hop to its right.
 * Borrowed from peer or in the arena. */
const char *http_client_addr(struct arena *, const struct http_trusted *,
	    const char *peer, const char *xff);

#endif
