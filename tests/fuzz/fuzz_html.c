/* fuzz_html.c: the escaping HTML writer with untrusted arguments. The input
 * is split at NUL bytes into the arguments for %s, %H and %U (and a second
 * %s). The format strings hold no markup characters, so any '<', '>', '"'
 * or '\'' in the output came from an argument: that is a failure. Beyond
 * that: %s must decode back to its argument, %H writes either "#" or an
 * acceptable URL, and %U writes only unreserved bytes and %XX that decode
 * back to its argument. */
#include "fuzz.h"

#include <strings.h>

#include "html/html.h"
#include "util/buf.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void
no_markup(const char *out)
{
	FUZZ_CHECK(strpbrk(out, "<>\"'") == NULL);
}

/* Undo put_escaped's five entities; anything else must be a literal byte. */
static void
check_unescapes_to(const char *out, size_t n, const char *want)
{
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&#39;", '\'' },
	};
	size_t	i = 0, j = 0, k, l;

	while (i < n) {
		if (out[i] == '&') {
			for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
				l = strlen(ents[k].ent);
				if (n - i >= l && memcmp(out + i, ents[k].ent, l) == 0)
					break;
			}
			FUZZ_CHECK(k < sizeof(ents) / sizeof(ents[0]));
			FUZZ_CHECK(want[j] == ents[k].c);
			i += l;
		} else {
			FUZZ_CHECK(want[j] == out[i]);
			i++;
		}
		j++;
	}
	FUZZ_CHECK(want[j] == '\0');
}

static int
url_acceptable(const char *u)
{
	const unsigned char *p;

	if (u[0] == '\0')
		return 0;
	for (p = (const unsigned char *)u; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	if (u[0] == '/')
		return u[1] != '/' && u[1] != '\\';
	return strncasecmp(u, "http:", 5) == 0 || strncasecmp(u, "https:", 6) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b;
	const char	*arg[4], *out, *mid;
	char		*in;
	size_t		 i, k, n;
	int		 c1, c2;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if ((in = fuzz_cstr(data, size)) == NULL)
		return 0;
	/* Up to four NUL-separated arguments; missing ones are "". */
	for (k = 0, i = 0; k < 4; k++) {
		arg[k] = i <= size ? in + i : "";
		i += strlen(arg[k]) + 1;
	}

	buf_init(&b, 16 * 1024 * 1024);

	/* %s: escaped, and decodes back to the argument. */
	html_fmt(&b, "[%s]", arg[0]);
	FUZZ_CHECK(!buf_failed(&b));
	out = buf_cstr(&b);
	no_markup(out);
	n = strlen(out);
	FUZZ_CHECK(n >= 2 && out[0] == '[' && out[n - 1] == ']');
	check_unescapes_to(out + 1, n - 2, arg[0]);
	buf_reset(&b);

	/* html_text: the same escaping. */
	html_text(&b, arg[3]);
	FUZZ_CHECK(!buf_failed(&b));
	out = buf_cstr(&b);
	no_markup(out);
	check_unescapes_to(out, strlen(out), arg[3]);
	buf_reset(&b);

	/* %H: "#" for anything not a local path or http(s) URL. */
	html_fmt(&b, "[%H]", arg[1]);
	FUZZ_CHECK(!buf_failed(&b));
	out = buf_cstr(&b);
	no_markup(out);
	n = strlen(out);
	FUZZ_CHECK(n >= 2 && out[0] == '[' && out[n - 1] == ']');
	if (url_acceptable(arg[1]))
		check_unescapes_to(out + 1, n - 2, arg[1]);
	else
		FUZZ_CHECK(n == 3 && out[1] == '#');
	buf_reset(&b);

	/* %U: unreserved bytes and %XX only, decoding back to the argument. */
	html_fmt(&b, "[%U]", arg[2]);
	FUZZ_CHECK(!buf_failed(&b));
	out = buf_cstr(&b);
	n = strlen(out);
	FUZZ_CHECK(n >= 2 && out[0] == '[' && out[n - 1] == ']');
	for (i = 1, k = 0; i < n - 1; k++) {
		if (out[i] == '%') {
			FUZZ_CHECK(i + 2 < n - 1);
			c1 = hexval(out[i + 1]);
			c2 = hexval(out[i + 2]);
			FUZZ_CHECK(c1 >= 0 && c2 >= 0);
			FUZZ_CHECK((unsigned char)arg[2][k] == (unsigned)(c1 * 16 + c2));
			i += 3;
		} else {
			FUZZ_CHECK(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789-._~", out[i]) != NULL && out[i] != '\0');
			FUZZ_CHECK(arg[2][k] == out[i]);
			i++;
		}
	}
	FUZZ_CHECK(arg[2][k] == '\0');
	buf_reset(&b);

	/* All together in an attribute and text context. */
	html_fmt(&b, "a href=%H title=%s data=%U: %s %d %D %%", arg[1], arg[0],
	    arg[2], arg[3], (int)size, (int64_t)size);
	FUZZ_CHECK(!buf_failed(&b));
	mid = buf_cstr(&b);
	no_markup(mid);

	buf_free(&b);
	free(in);
	return 0;
}
