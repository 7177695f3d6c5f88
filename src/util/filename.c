/* filename.c: cleaning an uploaded file's name (see filename.h). A name
 * is shown to handlers and used in Content-Disposition; a CR/LF could
 * break a header line, a path part could be followed by a careless save,
 * and U+202E turns "gpj.exe" into what reads as "exe.jpg". */
#include "util/filename.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/arena.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes) and its code
 * point, or 0 when invalid (overlong, surrogate, beyond U+10FFFF). */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t		k, i;
	uint32_t	c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return k;
}

/* Controls, separators and invisible format characters (Unicode Cc, Zl,
 * Zp and the Cf characters that reorder or hide text). */
static int
unwanted(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xad ||
	    c == 0x61c || c == 0x180e || (c >= 0x200b && c <= 0x200f) ||
	    (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) ||
	    c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb) ||
	    (c >= 0xe0000 && c <= 0xe007f);
}

const char *
filename_clean(struct arena *a, const char *name, size_t max)
{
	const char	*base = name, *p;
	char		*out;
	size_t		 n, i, o = 0, k;
	uint32_t	 cp;

	if (name == NULL)
		return "file";
	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	n = strlen(base);
	if ((out = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode((const unsigned char *)base + i, n - i,
		    &cp)) == 0) {
			k = 1;
			continue;
		}
		if (unwanted(cp))
			continue;
		if (o + k > max)
			break;
		memcpy(out + o, base + i, k);
		o += k;
	}
	/* Leading and trailing spaces and dots hide a name's real ending. */
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.'))
		o--;
	out[o] = '\0';
	for (p = out; *p == ' ' || *p == '.'; p++)
		;
	return *p == '\0' ? "file" : p;
}

const char *
filename_content_type(struct arena *a, const char *ct)
{
	static const char tchar[] = "!#$&^_.+-";
	char	*out;
	size_t	 i, n, slash = 0;

	if (ct == NULL || (n = strlen(ct)) == 0 || n > 100)
		return "application/octet-stream";
	if ((out = arena_alloc(a, n + 1)) == NULL)
		return "application/octet-stream";
	for (i = 0; i < n; i++) {
		char c = ct[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c == '/')
			slash++;
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    strchr(tchar, c) != NULL) || c == '\0')
			return "application/octet-stream";
		out[i] = c;
	}
	out[n] = '\0';
	if (slash != 1 || out[0] == '/' || out[n - 1] == '/')
		return "application/octet-stream";
	return out;
}

const char *
filename_disposition(struct arena *a, const char *kind, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*out;
	size_t			 n = 0, cap;
	int			 k;

	if (name == NULL)
		name = "file";
	/* Each byte at most 3 characters, plus the prefix. */
	cap = strlen(kind) + 20 + 3 * strlen(name);
	if ((out = arena_alloc(a, cap)) == NULL)
		return NULL;
	if ((k = snprintf(out, cap, "%s; filename*=UTF-8''", kind)) < 0 ||
	    (size_t)k >= cap)
		return NULL;
	n = (size_t)k;
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p) != NULL)
			out[n++] = (char)*p;
		else {
			out[n++] = '%';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		}
	}
	out[n] = '\0';
	return out;
}
