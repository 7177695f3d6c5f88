/* markup.c: the text of a version, written in the page, rendered as HTML.
 * A small line-based markup a quality adviser can write without help:
 *
 *	# Heading, ## Sub-heading, ### Smaller
 *	- item (or * item), 1. numbered item
 *	| cell | cell |   (a row of |---| under the first makes it a header)
 *	[text](https://...) a link; a blank line ends a paragraph
 *
 * Every character of the text goes through the escaping writer (html.h);
 * only the elements above are ever produced, so a <script> or an
 * onerror= in the text is shown as text, and a link's address must be
 * http(s) or a local path (%H writes "#" otherwise). */
#include "document/document.h"

#include <string.h>

#include "html/html.h"
#include "util/buf.h"

enum block { B_NONE, B_P, B_UL, B_OL, B_TABLE };

/* The ")" that closes a link's address opened at "(" p[-1], or NULL:
 * parentheses inside the address nest, as in CommonMark, so that
 * [x](https://no.wikipedia.org/wiki/Avvik_(kvalitet)) keeps its last ")". */
static const char *
address_end(const char *p, const char *e)
{
	int depth = 0;

	for (; p < e; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth-- == 0)
			return p;
	}
	return NULL;
}

/* Inline text of [s, e): links, the rest as text. */
static void
inline_text(struct buf *b, const char *s, const char *e)
{
	const char *p = s;

	while (p < e) {
		const char *lb = memchr(p, '[', (size_t)(e - p));
		const char *rb, *rp;
		struct buf t, u;

		if (lb == NULL)
			break;
		rb = memchr(lb, ']', (size_t)(e - lb));
		if (rb == NULL || rb + 1 >= e || rb[1] != '(' ||
		    (rp = address_end(rb + 2, e)) == NULL) {
			buf_init(&t, DOC_BODY_MAX);
			buf_append(&t, p, (size_t)(lb - p) + 1);
			html_text(b, buf_cstr(&t));
			buf_free(&t);
			p = lb + 1;
			continue;
		}
		buf_init(&t, DOC_BODY_MAX);
		buf_init(&u, DOC_BODY_MAX);
		buf_append(&t, p, (size_t)(lb - p));
		html_text(b, buf_cstr(&t));
		buf_reset(&t);
		buf_append(&t, lb + 1, (size_t)(rb - lb - 1));
		buf_append(&u, rb + 2, (size_t)(rp - rb - 2));
		html_fmt(b, "<a href=\"%H\" rel=\"noopener noreferrer\">%s</a>",
		    buf_cstr(&u), buf_cstr(&t));
		buf_free(&t);
		buf_free(&u);
		p = rp + 1;
	}
	if (p < e) {
		struct buf t;

		buf_init(&t, DOC_BODY_MAX);
		buf_append(&t, p, (size_t)(e - p));
		html_text(b, buf_cstr(&t));
		buf_free(&t);
	}
}

static void
close_block(struct buf *b, enum block *cur)
{
	static const char *const end[] = { "", "</p>\n", "</ul>\n", "</ol>\n",
	    "</tbody></table></div>\n" };

	html_fmt(b, "%R", end[*cur]);
	*cur = B_NONE;
}

static void
open_block(struct buf *b, enum block *cur, enum block want)
{
	static const char *const start[] = { "", "<p>", "<ul>", "<ol>",
	    "<div class=\"table-wrap\" tabindex=\"0\"><table><tbody>" };

	if (*cur == want)
		return;
	close_block(b, cur);
	html_fmt(b, "%R", start[want]);
	*cur = want;
}

static int
is_separator(const char *s, const char *e)
{
	int dash = 0;

	for (; s < e; s++) {
		if (*s == '-')
			dash = 1;
		else if (*s != '|' && *s != ':' && *s != ' ')
			return 0;
	}
	return dash;
}

static void
table_row(struct buf *b, const char *s, const char *e, int header)
{
	const char *c;

	while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
		e--;
	s++;			/* the leading | */
	if (e > s && e[-1] == '|')
		e--;
	html_fmt(b, "<tr>");
	while (s <= e) {
		c = memchr(s, '|', (size_t)(e - s));
		if (c == NULL)
			c = e;
		while (s < c && *s == ' ')
			s++;
		html_fmt(b, header ? "<th scope=\"col\">" : "<td>");
		inline_text(b, s, c);
		html_fmt(b, header ? "</th>" : "</td>");
		s = c + 1;
	}
	html_fmt(b, "</tr>");
}

void
doc_markup_render(struct buf *b, const char *text)
{
	enum block	 cur = B_NONE;
	const char	*p = text, *e, *next;

	if (text == NULL)
		return;
	html_fmt(b, "<div class=\"doc-text\">");
	while (*p != '\0') {
		size_t	n;
		int	lvl = 0;

		e = strchr(p, '\n');
		next = e != NULL ? e + 1 : p + strlen(p);
		if (e == NULL)
			e = next;
		if (e > p && e[-1] == '\r')
			e--;
		n = (size_t)(e - p);
		while (lvl < 3 && (size_t)lvl < n && p[lvl] == '#')
			lvl++;
		if (n == 0 || strspn(p, " \t") >= n) {
			close_block(b, &cur);
		} else if (lvl > 0 && (size_t)lvl < n && p[lvl] == ' ') {
			close_block(b, &cur);
			html_fmt(b, "<h%d>", lvl + 1);
			inline_text(b, p + lvl + 1, e);
			html_fmt(b, "</h%d>\n", lvl + 1);
		} else if (n >= 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ') {
			open_block(b, &cur, B_UL);
			html_fmt(b, "<li>");
			inline_text(b, p + 2, e);
			html_fmt(b, "</li>");
		} else if (n >= 3 && p[0] >= '0' && p[0] <= '9' &&
		    (p[1] == '.' || (p[1] >= '0' && p[1] <= '9' && n >= 4 &&
		    p[2] == '.')) ) {
			const char *dot = memchr(p, '.', 3);

			open_block(b, &cur, B_OL);
			html_fmt(b, "<li>");
			inline_text(b, dot + 1 + (dot[1] == ' '), e);
			html_fmt(b, "</li>");
		} else if (p[0] == '|') {
			const char *e2 = strchr(next, '\n');
			int header = cur != B_TABLE && *next == '|' &&
			    is_separator(next, e2 != NULL ? e2 : next + strlen(next));

			open_block(b, &cur, B_TABLE);
			if (!is_separator(p, e))
				table_row(b, p, e, header);
		} else {
			if (cur == B_P)
				html_fmt(b, "<br>");
			open_block(b, &cur, B_P);
			inline_text(b, p, e);
		}
		p = next;
	}
	close_block(b, &cur);
	html_fmt(b, "</div>");
}
