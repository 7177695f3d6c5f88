/* multipart.c: multipart/form-data (RFC 7578) over a body already received
 * and bounded by the server. Written by hand, like parse.c, so every read
 * is checked against the end of the buffer and it can be fuzzed alone.
 * Strict where browsers are regular (CRLF line ends, a final boundary) and
 * forgiving only where RFC 2046 says so (a preamble, transport padding). */
#include "http/http.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"

#define BOUNDARY_MAX	70	/* RFC 2046 */
#define PART_HEADER_MAX	HTTP_MAX_HEADER	/* bytes of one part's header block */

/* The boundary parameter of a Content-Type: 1..70 characters, quoted or a
 * token. 0 and copies it to out (NUL-terminated), or -1. */
static int
boundary_of(const char *ct, char out[BOUNDARY_MAX + 1])
{
	const char	*p;
	size_t		 n = 0;

	if (ct == NULL)
		return -1;
	while (*ct == ' ')
		ct++;
	if (strncasecmp(ct, "multipart/form-data", 19) != 0)
		return -1;
	for (p = ct + 19; *p != '\0';) {
		while (*p == ';' || *p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9) == 0) {
			p += 9;
			if (*p == '"') {
				for (p++; *p != '"'; p++) {
					if (*p == '\0' || n == BOUNDARY_MAX)
						return -1;
					out[n++] = *p;
				}
			} else {
				for (; *p != '\0' && *p != ';' && *p != ' ' &&
				    *p != '\t'; p++) {
					if (n == BOUNDARY_MAX)
						return -1;
					out[n++] = *p;
				}
			}
			out[n] = '\0';
			/* No space may end it (RFC 2046 bchars). */
			return n > 0 && out[n - 1] != ' ' ? 0 : -1;
		}
		while (*p != '\0' && *p != ';')
			p++;
	}
	return -1;
}

/* memmem without relying on a GNU extension's availability. */
static const char *
find(const char *h, size_t hlen, const char *n, size_t nlen)
{
	size_t i;

	if (nlen == 0 || hlen < nlen)
		return NULL;
	for (i = 0; i + nlen <= hlen; i++)
		if (h[i] == n[0] && memcmp(h + i, n, nlen) == 0)
			return h + i;
	return NULL;
}

/* A parameter value of a header line (s, len): `key=` followed by a quoted
 * string (backslash escapes the next character) or a token. Matched only
 * at a parameter start, so "filename=" does not match "name=". 1 found
 * (*val in the arena), 0 absent, -1 malformed. */
static int
param(struct arena *a, const char *s, size_t len, const char *key, char **val)
{
	size_t	 klen = strlen(key), i = 0, j;
	char	*o;
	int	 start = 0;

	*val = NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '"') {	/* skip a quoted string */
			for (i++; i < len && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			continue;
		}
		if (s[i] == ';')
			start = 1;
		else if (s[i] == ' ' || s[i] == '\t')
			continue;
		else if (start && len - i > klen && strncasecmp(s + i, key, klen) == 0 &&
		    s[i + klen] == '=')
			break;
		else
			start = 0;
	}
	if (i >= len)
		return 0;
	i += klen + 1;
	if ((o = arena_alloc(a, len - i + 1)) == NULL)
		return -1;
	*val = o;
	if (i < len && s[i] == '"') {
		for (i++; i < len && s[i] != '"'; i++) {
			if (s[i] == '\\' && ++i == len)
				return -1;
			if (s[i] == '\0')
				return -1;
			*o++ = s[i];
		}
		if (i == len)
			return -1;	/* unterminated quote */
	} else {
		for (j = i; j < len && s[j] != ';' && s[j] != ' ' && s[j] != '\t'; j++) {
			if (s[j] == '\0')
				return -1;
			*o++ = s[j];
		}
	}
	*o = '\0';
	return 1;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t k, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (k == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0)))
		return 0;
	if (k == 4 && ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90)))
		return 0;
	return k;
}

/* The name a file may be saved as: what follows the last / or \ (browsers
 * send only the base name, but old ones and scripts send paths), without
 * control characters or invalid UTF-8, at most HTTP_MAX_FILENAME bytes cut
 * at a character boundary, and never "", "." or "..". In the arena. */
static const char *
clean_filename(struct arena *a, const char *name)
{
	const char	*base = name, *p;
	char		*out;
	size_t		 n, i, o = 0, k;

	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	n = strlen(base);
	if ((out = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n;) {
		unsigned char c = (unsigned char)base[i];

		if (c < 0x20 || c == 0x7f) {
			i++;
			continue;
		}
		if ((k = utf8_len((const unsigned char *)base + i, n - i)) == 0) {
			i++;
			continue;
		}
		/* C1 controls (U+0080..U+009F) are controls too. */
		if (k == 2 && c == 0xc2 && (unsigned char)base[i + 1] < 0xa0) {
			i += k;
			continue;
		}
		if (o + k > HTTP_MAX_FILENAME)
			break;
		memcpy(out + o, base + i, k);
		o += k;
		i += k;
	}
	/* Leading and trailing spaces and dots hide a name's real ending. */
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.'))
		o--;
	out[o] = '\0';
	for (p = out; *p == ' ' || *p == '.'; p++)
		;
	if (*p == '\0')
		return "file";
	return p;
}

/* One part's header block (h, hlen; lines joined by CRLF, no final CRLF):
 * its name, filename (NULL for a text part) and content type. -1 when a
 * line is malformed or there is no form-data disposition with a name. */
static int
part_headers(struct arena *a, const char *h, size_t hlen, char **name,
    char **filename, char **ctype)
{
	const char	*line = h, *eol, *end = h + hlen, *colon;
	size_t		 llen;
	int		 have_disp = 0, r;

	*name = *filename = *ctype = NULL;
	while (line < end) {
		eol = find(line, (size_t)(end - line), "\r\n", 2);
		llen = eol ? (size_t)(eol - line) : (size_t)(end - line);
		if ((colon = memchr(line, ':', llen)) == NULL)
			return -1;
		if ((size_t)(colon - line) == 19 &&
		    strncasecmp(line, "Content-Disposition", 19) == 0) {
			const char *v = colon + 1;
			size_t vlen = llen - (size_t)(v - line);

			if (have_disp)
				return -1;
			have_disp = 1;
			while (vlen > 0 && (*v == ' ' || *v == '\t'))
				v++, vlen--;
			if (vlen < 9 || strncasecmp(v, "form-data", 9) != 0 ||
			    (vlen > 9 && v[9] != ';' && v[9] != ' '))
				return -1;
			if ((r = param(a, v + 9, vlen - 9, "name", name)) != 1)
				return -1;
			if (param(a, v + 9, vlen - 9, "filename", filename) < 0)
				return -1;
		} else if ((size_t)(colon - line) == 12 &&
		    strncasecmp(line, "Content-Type", 12) == 0) {
			const char *v = colon + 1;
			size_t vlen = llen - (size_t)(v - line);

			while (vlen > 0 && (*v == ' ' || *v == '\t'))
				v++, vlen--;
			if (memchr(v, '\0', vlen) != NULL ||
			    (*ctype = arena_strndup(a, v, vlen)) == NULL)
				return -1;
		}
		/* Other headers (Content-Transfer-Encoding is deprecated by
		 * RFC 7578 and browsers do not send it) are ignored. */
		line = eol ? eol + 2 : end;
	}
	return have_disp && *name != NULL && **name != '\0' ? 0 : -1;
}

static int
parse_parts(struct arena *a, const char *content_type, const char *body,
    size_t len, struct kv **form, size_t *nform, struct http_file **files,
    size_t *nfiles, const char **bad)
{
	char		 bnd[BOUNDARY_MAX + 1], delim[BOUNDARY_MAX + 5];
	const char	*p, *end = body + len, *hend, *next;
	size_t		 dlen, nf = 0, nfl = 0;
	struct kv	*fv;
	struct http_file *fl;
	char		*name, *filename, *ctype;

	*form = NULL;
	*nform = 0;
	*files = NULL;
	*nfiles = 0;
	if (body == NULL || boundary_of(content_type, bnd) != 0)
		return -1;
	/* delim is CRLF "--" boundary; the first one may lack the CRLF. */
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", bnd);
	if (dlen >= sizeof(delim))
		return -1;
	fv = arena_alloc(a, HTTP_MAX_FIELDS * sizeof(*fv));
	fl = arena_alloc(a, HTTP_MAX_FILES * sizeof(*fl));
	if (fv == NULL || fl == NULL)
		return -1;

	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((p = find(body, len, delim, dlen)) != NULL)
		p += dlen;	/* after a preamble */
	else
		return -1;

	for (;;) {
		/* p is just after a delimiter. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;	/* the close delimiter; an epilogue is ignored */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		/* The header block ends at an empty line. An empty block is
		 * just CRLF; it has no disposition and is refused below. */
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
			hend = p;
		else if ((hend = find(p, (size_t)(end - p) < PART_HEADER_MAX + 4 ?
		    (size_t)(end - p) : PART_HEADER_MAX + 4, "\r\n\r\n", 4)) == NULL)
			return -1;	/* unterminated or oversized headers */
		if (part_headers(a, p, (size_t)(hend - p), &name, &filename,
		    &ctype) != 0)
			return -1;
		p = hend + (hend == p ? 2 : 4);
		if ((next = find(p, (size_t)(end - p), delim, dlen)) == NULL)
			return -1;	/* no closing delimiter */
		if (filename != NULL) {
			if (*filename == '\0' && next == p) {
				/* An empty file input: nothing was chosen. */
			} else {
				if (nfl == HTTP_MAX_FILES)
					return -1;
				fl[nfl].field = name;
				if ((fl[nfl].filename = clean_filename(a, filename)) == NULL)
					return -1;
				fl[nfl].content_type = ctype;
				fl[nfl].data = (const unsigned char *)p;
				fl[nfl].len = (size_t)(next - p);
				nfl++;
			}
		} else {
			if (nf == HTTP_MAX_FIELDS)
				return -1;
			if (memchr(p, '\0', (size_t)(next - p)) != NULL) {
				if (bad == NULL)
					return -1;
				if (*bad == NULL)
					*bad = name;
				p = next + dlen;
				continue;
			}
			fv[nf].key = name;
			if ((fv[nf].value = arena_strndup(a, p, (size_t)(next - p))) == NULL)
				return -1;
			nf++;
		}
		p = next + dlen;
	}
	*form = fv;
	*nform = nf;
	*files = fl;
	*nfiles = nfl;
	return 0;
}

int
http_parse_multipart(struct arena *a, const char *content_type,
    const char *body, size_t len, struct kv **form, size_t *nform,
    struct http_file **files, size_t *nfiles)
{
	return parse_parts(a, content_type, body, len, form, nform, files,
	    nfiles, NULL);
}

int
http_parse_multipart_salvage(struct arena *a, const char *content_type,
    const char *body, size_t len, struct kv **form, size_t *nform,
    struct http_file **files, size_t *nfiles, const char **bad)
{
	*bad = NULL;
	return parse_parts(a, content_type, body, len, form, nform, files,
	    nfiles, bad);
}
