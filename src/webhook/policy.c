/* policy.c: which URLs a webhook may post to (SSRF) and the signature
 * (webhook.h, wh_int.h); where payload links point is util/linkbase.h.
 *
 * A URL is checked when it is subscribed (scheme, host, no credentials)
 * and every address is checked again when the sender connects (sender.c
 * opens the socket itself through CURLOPT_OPENSOCKETFUNCTION and refuses a
 * private one), so a name that resolves to a public address at
 * subscription and to 169.254.169.254 later is refused at the connection
 * that counts. Redirects are never followed. */
#include "webhook/webhook.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "ctx.h"
#include "i18n/i18n.h"
#include "webhook/wh_int.h"

static atomic_int	allow_private;

void
webhook_allow_private(int yes)
{
	atomic_store(&allow_private, yes ? 1 : 0);
}

int
webhook_private_allowed(void)
{
	return atomic_load(&allow_private);
}

static int v4_private(uint32_t a);

/* 1 when host is an address literal of a private kind, or a name that
 * is this machine. A name is checked again at each connection. */
static int
host_private(const char *host)
{
	struct sockaddr_in	s4;
	struct sockaddr_in6	s6;
	char			h[64];
	size_t			n = strlen(host);

	if (strcasecmp(host, "localhost") == 0 || (n > 10 &&
	    strcasecmp(host + n - 10, ".localhost") == 0))
		return 1;
	/* [::1] comes without its brackets from curl, but be sure. */
	if (n >= 2 && host[0] == '[' && host[n - 1] == ']' && n - 2 < sizeof(h)) {
		memcpy(h, host + 1, n - 2);
		h[n - 2] = '\0';
	} else
		snprintf(h, sizeof(h), "%s", host);
	memset(&s4, 0, sizeof(s4));
	memset(&s6, 0, sizeof(s6));
	if (inet_pton(AF_INET, h, &s4.sin_addr) == 1) {
		s4.sin_family = AF_INET;
		return wh_addr_private((struct sockaddr *)(void *)&s4);
	}
	if (inet_pton(AF_INET6, h, &s6.sin6_addr) == 1) {
		s6.sin6_family = AF_INET6;
		return wh_addr_private((struct sockaddr *)(void *)&s6);
	}
	return 0;
}

int
webhook_url_check(const char *url, const char **why)
{
	CURLU		*u;
	char		*scheme = NULL, *host = NULL, *user = NULL;
	int		 rc = -1;

	*why = N_("Give the receiver's address (https://...).");
	if (url == NULL || *url == '\0' || strlen(url) > WH_URL_MAX)
		return -1;
	if ((u = curl_url()) == NULL)
		return -1;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    host == NULL || *host == '\0')
		goto out;
	if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK &&
	    user != NULL) {
		*why = N_("The address may not carry a user name or password.");
		goto out;
	}
	if (strcmp(scheme, "https") != 0 && !(strcmp(scheme, "http") == 0 &&
	    webhook_private_allowed())) {
		*why = N_("The address must start with https://.");
		goto out;
	}
	if (!webhook_private_allowed() && host_private(host)) {
		*why = N_("The address is a local or private one; webhooks go to receivers on the internet.");
		goto out;
	}
	*why = NULL;
	rc = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_url_cleanup(u);
	return rc;
}

static int
v4_private(uint32_t a)
{
	return (a >> 24) == 0 ||			/* 0.0.0.0/8 */
	    (a >> 24) == 10 ||				/* 10/8 */
	    (a >> 24) == 127 ||				/* loopback */
	    (a >> 16) == 0xa9fe ||			/* 169.254/16, metadata */
	    (a >> 20) == 0xac1 ||			/* 172.16/12 */
	    (a >> 16) == 0xc0a8 ||			/* 192.168/16 */
	    (a >> 22) == (100u << 2 | 1) ||		/* 100.64/10, CGNAT */
	    (a >> 8) == 0xc00000 ||			/* 192.0.0/24 */
	    (a >> 17) == (0xc612u >> 1) ||		/* 198.18/15 */
	    (a >> 28) >= 0xe;				/* multicast, reserved */
}

int
wh_addr_private(const struct sockaddr *sa)
{
	const struct sockaddr_in	*s4;
	const struct sockaddr_in6	*s6;
	const unsigned char		*b;
	uint32_t			 a;

	if (sa->sa_family == AF_INET) {
		s4 = (const struct sockaddr_in *)(const void *)sa;
		return v4_private(ntohl(s4->sin_addr.s_addr));
	}
	if (sa->sa_family != AF_INET6)
		return 1;
	s6 = (const struct sockaddr_in6 *)(const void *)sa;
	b = s6->sin6_addr.s6_addr;
	if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr) ||
	    IN6_IS_ADDR_V4COMPAT(&s6->sin6_addr)) {
		a = (uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
		    (uint32_t)b[14] << 8 | b[15];
		return v4_private(a);
	}
	return IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr) ||
	    IN6_IS_ADDR_UNSPECIFIED(&s6->sin6_addr) ||
	    IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr) ||
	    IN6_IS_ADDR_SITELOCAL(&s6->sin6_addr) ||
	    IN6_IS_ADDR_MULTICAST(&s6->sin6_addr) ||
	    (b[0] & 0xfe) == 0xfc ||			/* fc00::/7 */
	    (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) ||
	    (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b);
}

void
wh_sign(const char *secret, int64_t t, const char *body, size_t len,
    char out[WH_SIG_MAX])
{
	crypto_auth_hmacsha256_state	st;
	unsigned char			mac[crypto_auth_hmacsha256_BYTES];
	char				ts[32], hex[sizeof(mac) * 2 + 1];
	int				n;

	/* The key is the secret as the admin was shown it (hex text), so a
	 * receiver uses the string it was given as it is. */
	n = snprintf(ts, sizeof(ts), "%lld.", (long long)t);
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)ts, (size_t)n);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	snprintf(out, WH_SIG_MAX, "t=%lld,v1=%s", (long long)t, hex);
	sodium_memzero(&st, sizeof(st));
}
