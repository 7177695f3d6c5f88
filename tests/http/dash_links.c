/* dash_links.c: see dash_links.h. The page is read as a browser shows it:
 * a figure is the text of its link (the first number in it), the list's
 * count the text of its status line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dash_links.h"
#include "util/buf.h"

/* A list page's count: the number in its status line, or -2 for "more
 * than 10 000" (DEV_COUNT_CAP), -1 when there is none. */
static long long
list_count(const char *body)
{
	const char	*p = strstr(body, "role=\"status\">");

	if (p == NULL)
		return -1;
	p += strlen("role=\"status\">");
	if (*p >= '0' && *p <= '9')
		return strtoll(p, NULL, 10);
	return strstr(p, "10 000") != NULL ? -2 : -1;
}

/* The href at p (after href="), with &amp; undone, into out. */
static int
href_at(const char *p, char *out, size_t outsz)
{
	size_t n = 0;

	while (*p != '"' && *p != '\0') {
		if (n + 1 >= outsz)
			return -1;
		if (strncmp(p, "&amp;", 5) == 0) {
			out[n++] = '&';
			p += 5;
		} else
			out[n++] = *p++;
	}
	out[n] = '\0';
	return *p == '"' ? 0 : -1;
}

/* The first number in the text of the link whose tag holds p, tags
 * skipped, up to </a>; -1 when there is none. */
static long long
link_figure(const char *p)
{
	const char	*end = strstr(p, "</a>");
	int		 in_tag = 1;	/* still inside <a ...> */

	for (; end != NULL && p < end; p++) {
		if (*p == '<')
			in_tag = 1;
		else if (*p == '>')
			in_tag = 0;
		else if (!in_tag && *p >= '0' && *p <= '9')
			return strtoll(p, NULL, 10);
	}
	return -1;
}

size_t
dash_links_check(struct client *c, const char *path)
{
	struct resp	 r, l;
	const char	*p, *body;
	char		 href[1024];
	long long	 fig, got;
	size_t		 n = 0;

	client_req(c, "GET", path, NULL, NULL, &r);
	if (r.status != 200)
		fail_msg("%s: %ld", path, r.status);
	body = buf_cstr(&r.body);
	for (p = body; (p = strstr(p, "href=\"/deviations?")) != NULL; p++) {
		if (href_at(p + 6, href, sizeof(href)) != 0)
			fail_msg("%s: a link too long", path);
		if ((fig = link_figure(p)) < 0)
			fail_msg("%s: no figure in the link to %s", path, href);
		client_req(c, "GET", href, NULL, NULL, &l);
		if (l.status != 200)
			fail_msg("%s: %s answers %ld", path, href, l.status);
		got = list_count(buf_cstr(&l.body));
		if (fig > 10000 ? got != -2 : got != fig)
			fail_msg("%s: the figure %lld leads to %s, which lists %lld",
			    path, fig, href, got);
		resp_free(&l);
		n++;
	}
	resp_free(&r);
	return n;
}
