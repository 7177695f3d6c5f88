/* proxy.c: trusted reverse proxies and X-Forwarded-For (see proxy.h). */
#include "http/proxy.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "util/arena.h"
#include "util/num.h"

/* Text to family and bytes; an IPv4-mapped IPv6 address ("::ffff:a.b.c.d",
 * what a dual-stack socket reports) counts as the IPv4 address. 0 or -1. */
static int
parse_addr(const char *s, int *family, unsigned char out[16])
{
	static const unsigned char mapped[12] =
	    { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	memset(out, 0, 16);
	if (inet_pton(AF_INET, s, out) == 1) {
		*family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, out) == 1) {
		if (memcmp(out, mapped, sizeof(mapped)) == 0) {
			memmove(out, out + 12, 4);
			memset(out + 4, 0, 12);
			*family = AF_INET;
		} else
			*family = AF_INET6;
		return 0;
	}
	return -1;
}

static int
net_has(const struct http_net *n, int family, const unsigned char a[16])
{
	int	full = n->bits / 8, rest = n->bits % 8;
	unsigned char mask;

	if (family != n->family || memcmp(a, n->addr, (size_t)full) != 0)
		return 0;
	if (rest == 0)
		return 1;
	mask = (unsigned char)(0xff << (8 - rest));
	return (a[full] & mask) == (n->addr[full] & mask);
}

/* One "ADDR[/BITS]" of length len into *n. 0 or -1. */
static int
parse_net(const char *s, size_t len, struct http_net *n)
{
	char		 buf[64 + 4];
	char		*slash;
	int64_t		 bits;
	int		 max;

	while (len > 0 && *s == ' ')
		s++, len--;
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	if (parse_addr(buf, &n->family, n->addr) != 0)
		return -1;
	max = n->family == AF_INET ? 32 : 128;
	if (slash == NULL)
		bits = max;
	else if (num_parse_i64(slash, 0, max, &bits) != 0)
		return -1;
	n->bits = (int)bits;
	return 0;
}

int
http_trusted_add(struct http_trusted *t, const char *spec)
{
	struct http_net	 nets[HTTP_TRUSTED_MAX];
	const char	*p, *comma;
	size_t		 k = 0;

	if (spec == NULL || *spec == '\0')
		return -1;
	for (p = spec;; p = comma + 1) {
		comma = strchr(p, ',');
		if (t->n + k >= HTTP_TRUSTED_MAX ||
		    parse_net(p, comma ? (size_t)(comma - p) : strlen(p),
		    &nets[k]) != 0)
			return -1;
		k++;
		if (comma == NULL)
			break;
	}
	memcpy(&t->v[t->n], nets, k * sizeof(nets[0]));
	t->n += k;
	return 0;
}

int
http_trusted_has(const struct http_trusted *t, const char *addr)
{
	unsigned char	a[16];
	int		family;
	size_t		i;

	if (t == NULL || addr == NULL || parse_addr(addr, &family, a) != 0)
		return 0;
	for (i = 0; i < t->n; i++)
		if (net_has(&t->v[i], family, a))
			return 1;
	return 0;
}

const char *
http_client_addr(struct arena *arena, const struct http_trusted *t,
    const char *peer, const char *xff)
{
	const char	*client = peer;
	char		*buf, *comma, *hop, *e;
	unsigned char	 a[16];
	int		 family;

	if (t == NULL || t->n == 0 || xff == NULL || !http_trusted_has(t, peer))
		return peer;
	if ((buf = arena_strdup(arena, xff)) == NULL)
		return peer;
	/* Right to left: each hop was appended by the proxy to its right, so
	 * the walk may go on only while the hop just read is trusted. */
	for (;;) {
		comma = strrchr(buf, ',');
		hop = comma != NULL ? comma + 1 : buf;
		while (*hop == ' ' || *hop == '\t')
			hop++;
		for (e = hop + strlen(hop); e > hop && (e[-1] == ' ' ||
		    e[-1] == '\t'); e--)
			e[-1] = '\0';
		if (parse_addr(hop, &family, a) != 0)
			break;
		client = hop;
		if (!http_trusted_has(t, hop) || comma == NULL)
			break;
		*comma = '\0';
	}
	return client;
}
