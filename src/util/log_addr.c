/* log_addr.c: what the access log writes for a client's address.
 *
 * A whistleblower's browser loads the report pages, static files, 404s
 * and public pages such as /lang around the report; an address written
 * beside any of them, in the same second as the report, names the
 * reporter's machine. So an address is written only for a signed-in
 * person's request to a route that is neither public nor a reporter's
 * route, and only when the operator asked for it (the default writes no
 * address at all). "hashed" writes a keyed BLAKE2b tag whose key is made
 * at start and never stored: requests of one run can be grouped, but the
 * tag cannot be turned back into an address, not even by trying all IPv4
 * addresses, and it changes with every restart. */
#include "util/log.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static enum log_addr_mode	mode = LOG_ADDR_NONE;
static unsigned char		key[crypto_generichash_KEYBYTES];
static pthread_once_t		key_once = PTHREAD_ONCE_INIT;

static void
key_init(void)
{
	randombytes_buf(key, sizeof(key));
}

int
log_addr_mode_parse(const char *s, enum log_addr_mode *out)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "none") == 0)
		*out = LOG_ADDR_NONE;
	else if (strcmp(s, "hashed") == 0)
		*out = LOG_ADDR_HASHED;
	else if (strcmp(s, "full") == 0)
		*out = LOG_ADDR_FULL;
	else
		return -1;
	return 0;
}

void
log_set_addresses(enum log_addr_mode m)
{
	mode = m;
}

const char *
log_addr(const char *addr, int may_log, char *out, size_t outsz)
{
	unsigned char	h[8];
	char		hex[2 * sizeof(h) + 1];

	if (!may_log || addr == NULL || *addr == '\0' || outsz < 2 ||
	    mode == LOG_ADDR_NONE)
		return "-";
	if (mode == LOG_ADDR_FULL)
		return addr;
	(void)pthread_once(&key_once, key_init);
	crypto_generichash(h, sizeof(h), (const unsigned char *)addr,
	    strlen(addr), key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(out, outsz, "h:%s", hex);
	return out;
}
