/* parse.c: the request-body and header parsers. Written by hand (not MHD's
 * post processor) so they are small, bounded and fuzzable on their own. */
#include "http/http.h"
#include "http/internal.h"

#include <string.h>

#include "util/arena.h"

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode one urlencoded component (s, len) into the arena: '+' is a
 * space, %XX a byte. A bad or truncated escape, or a decoded NUL (which
 * would silently cut the string short later), is an error: NULL.
 */
static char *
decode_component(struct arena *a, const char *s, size_t len)
{
	char	*out, *o;
	size_t	 i;
	int	 hi, lo;

	if ((out = arena_alloc(a, len + 1)) == NULL)
		return NULL;
	for (i = 0, o = out; i < len; i++) {
		if (s[i] == '+')
			*o++ = ' ';
		else if (s[i] == '%') {
			if (len - i < 3 ||
			    (hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0 ||
			    (hi == 0 && lo == 0))
				return NULL;
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '\0')
			return NULL;
		else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

/*
 * "a=1&b=x+y&c" -> (a,"1"), (b,"x y"), (c,""). Empty pairs ("a=1&&b=2",
 * a trailing '&') are skipped as browsers never send them but proxies may
 * leave them; a pair with an empty key ("=x") is malformed. Duplicates are
 * kept in order (http_form returns the first). More than HTTP_MAX_FIELDS
 * pairs is over the limit.
 */
static int
parse_pairs(struct arena *a, const char *s, size_t len, struct kv **out,
    size_t *n, const char **bad)
{
	struct kv	*v;
	size_t		 i, start, count = 0, nv = 0, klen;
	const char	*eq, *pair;

	*out = NULL;
	*n = 0;
	if (s == NULL || len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] == '&')
			count++;
	count++;
	if (count > HTTP_MAX_FIELDS * 4)
		return -1;
	if ((v = arena_alloc(a, count * sizeof(*v))) == NULL)
		return -1;
	for (start = 0; start <= len; start = i + 1) {
		for (i = start; i < len && s[i] != '&'; i++)
			continue;
		if (i == start)
			continue;
		pair = s + start;
		eq = memchr(pair, '=', i - start);
		klen = eq ? (size_t)(eq - pair) : i - start;
		if (klen == 0)
			return -1;
		if (nv >= HTTP_MAX_FIELDS)
			return -1;
		if ((v[nv].key = decode_component(a, pair, klen)) == NULL) {
			if (bad == NULL)
				return -1;
			if (*bad == NULL)
				*bad = "";
			continue;
		}
		if (eq != NULL)
			v[nv].value = decode_component(a, eq + 1,
			    (size_t)(s + i - eq - 1));
		else
			v[nv].value = arena_strdup(a, "");
		if (v[nv].value == NULL) {
			if (bad == NULL)
				return -1;
			if (*bad == NULL || **bad == '\0')
				*bad = v[nv].key;
			continue;
		}
		nv++;
	}
	*out = v;
	*n = nv;
	return 0;
}

int
http_parse_urlencoded(struct arena *a, const char *s, size_t len,
    struct kv **out, size_t *n)
{
	return parse_pairs(a, s, len, out, n, NULL);
}

int
http_parse_urlencoded_salvage(struct arena *a, const char *s, size_t len,
    struct kv **out, size_t *n, const char **bad)
{
	*bad = NULL;
	return parse_pairs(a, s, len, out, n, bad);
}

/*
 * Find cookie `name` in a Cookie header ("a=1; b=2"). The first one wins
 * (RFC 6265: the most specific path comes first). A value in double quotes
 * is unquoted. Pieces without '=' (other software's junk) are skipped.
 * 0 and *value (arena; NULL when absent), or -1 when the header is over
 * HTTP_MAX_HEADER.
 */
int
http_parse_cookie(struct arena *a, const char *header, const char *name,
    const char **value)
{
	const char	*p, *end, *eq, *k, *ke, *vs, *ve;
	size_t		 nlen;

	*value = NULL;
	if (header == NULL)
		return 0;
	if (strlen(header) > HTTP_MAX_HEADER)
		return -1;
	nlen = strlen(name);
	for (p = header; *p != '\0'; p = *end ? end + 1 : end) {
		if ((end = strchr(p, ';')) == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL)
			continue;
		for (k = p; k < eq && (*k == ' ' || *k == '\t'); k++)
			continue;
		for (ke = eq; ke > k && (ke[-1] == ' ' || ke[-1] == '\t'); ke--)
			continue;
		if ((size_t)(ke - k) != nlen || memcmp(k, name, nlen) != 0)
			continue;
		for (vs = eq + 1; vs < end && (*vs == ' ' || *vs == '\t'); vs++)
			continue;
		for (ve = end; ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'); ve--)
			continue;
		if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
			vs++;
			ve--;
		}
		if ((*value = arena_strndup(a, vs, (size_t)(ve - vs))) == NULL)
			return -1;
		return 0;
	}
	return 0;
}

char *
http_urlencode(struct arena *a, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 len = strlen(s), i;
	char			*out, *o;
	unsigned char		 c;

	if (len > HTTP_MAX_URL || (out = arena_alloc(a, len * 3 + 1)) == NULL)
		return NULL;
	for (i = 0, o = out; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~' || c == '/') {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}
