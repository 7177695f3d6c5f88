/* writer.c: the escaping HTML writer. Every byte a handler puts on a page
 * passes through here, escaped for the context the format string names, so
 * that untrusted text can never become markup, an attribute break-out or a
 * script URL. */
#include "html/html.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text and double-quoted attribute values share one escaping: the five
 * characters that can end a text run or an attribute value. Runs of safe
 * bytes are appended at once. UTF-8 passes through untouched. */
static void
put_escaped(struct buf *b, const char *s)
{
	const char	*p, *run;
	const char	*rep;

	if (s == NULL)
		return;
	for (run = p = s; *p; p++) {
		switch (*p) {
		case '&':  rep = "&amp;"; break;
		case '<':  rep = "&lt;"; break;
		case '>':  rep = "&gt;"; break;
		case '"':  rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:   continue;
		}
		if (p > run)
			buf_append(b, run, (size_t)(p - run));
		buf_puts(b, rep);
		run = p + 1;
	}
	if (p > run)
		buf_append(b, run, (size_t)(p - run));
}

static int
has_prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		char c = *s;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *prefix)
			return 0;
	}
	return 1;
}

/* Whether a URL may be written into href/src/action. Browsers drop tabs and
 * newlines inside URLs and read "\" as "/", so "/\evil" and "/\t/evil" are
 * protocol-relative to them: any control byte, and a second character of
 * "/" or "\" after the leading slash, is refused. */
static int
url_is_safe(const char *u)
{
	const unsigned char *p;

	if (u == NULL || *u == '\0')
		return 0;
	for (p = (const unsigned char *)u; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	if (u[0] == '/')
		return u[1] != '/' && u[1] != '\\';
	return has_prefix_ci(u, "http:") || has_prefix_ci(u, "https:");
}

static void
put_url(struct buf *b, const char *u)
{
	put_escaped(b, url_is_safe(u) ? u : "#");
}

/* RFC 3986 unreserved characters stay; every other byte becomes %XX. */
static void
put_urlcomponent(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char		 enc[3];

	if (s == NULL)
		return;
	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			buf_putc(b, (char)*p);
			continue;
		}
		enc[0] = '%';
		enc[1] = hex[*p >> 4];
		enc[2] = hex[*p & 0xf];
		buf_append(b, enc, 3);
	}
}

void
html_fmt(struct buf *b, const char *fmt, ...)
{
	va_list		 ap;
	const char	*p, *run;
	char		 num[32];
	int		 n;

	va_start(ap, fmt);
	for (run = p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		if (p > run)
			buf_append(b, run, (size_t)(p - run));
		p++;
		switch (*p) {
		case 's':
			put_escaped(b, va_arg(ap, const char *));
			break;
		case 'H':
			put_url(b, va_arg(ap, const char *));
			break;
		case 'U':
			put_urlcomponent(b, va_arg(ap, const char *));
			break;
		case 'd':
			n = snprintf(num, sizeof(num), "%d", va_arg(ap, int));
			if (n > 0 && (size_t)n < sizeof(num))
				buf_append(b, num, (size_t)n);
			break;
		case 'D':
			n = snprintf(num, sizeof(num), "%lld",
			    (long long)va_arg(ap, int64_t));
			if (n > 0 && (size_t)n < sizeof(num))
				buf_append(b, num, (size_t)n);
			break;
		case 'R': {
			const char *raw = va_arg(ap, const char *);

			if (raw != NULL)
				buf_puts(b, raw);
			break;
		}
		case '%':
			buf_putc(b, '%');
			break;
		default:
			/* A format string is code, never input: a wrong
			 * specifier is a programmer error. */
			abort();
		}
		run = p + 1;
	}
	if (p > run)
		buf_append(b, run, (size_t)(p - run));
	va_end(ap);
}

void
html_text(struct buf *b, const char *s)
{
	put_escaped(b, s);
}
