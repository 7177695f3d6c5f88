/* router.c: matching a method and a decoded path against the route table.
 *
 * Patterns are literal segments and {name} segments; a {name} segment
 * matches one non-empty path segment. Matching is exact: no trailing
 * slash ("/admin/units/" is not "/admin/units"), no empty segments, so a
 * path has one spelling and links cannot drift. HEAD matches GET routes. */
#include "http/http.h"
#include "http/internal.h"

#include <stdio.h>
#include <string.h>

static const char *const method_names[HTTP_METHOD_MAX] = {
	[HTTP_GET] = "GET", [HTTP_HEAD] = "HEAD", [HTTP_POST] = "POST",
	[HTTP_PUT] = "PUT", [HTTP_PATCH] = "PATCH", [HTTP_DELETE] = "DELETE",
};

const char *
http_method_name(enum http_method m)
{
	if ((int)m < 0 || m >= HTTP_METHOD_MAX)
		return NULL;
	return method_names[m];
}

int
http_method_parse(const char *s, enum http_method *out)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < HTTP_METHOD_MAX; i++)
		if (strcmp(s, method_names[i]) == 0) {
			*out = (enum http_method)i;
			return 0;
		}
	return -1;
}

/*
 * Match pattern against path (both start with '/'). Parameter segments
 * are copied NUL-terminated into scratch (which holds at least
 * strlen(path) + 1 bytes: each parameter is preceded by a '/' in the
 * path, so the copies never need more), and params point there.
 * 1 on a match, 0 otherwise.
 */
static int
match_one(const char *pattern, const char *path, char *scratch,
    const char *params[HTTP_MAX_PARAMS])
{
	const char	*pp = pattern, *sp = path, *send, *pend;
	size_t		 seglen, plen, np = 0, used = 0;

	for (;;) {
		if (*pp == '\0' || *sp == '\0')
			return *pp == '\0' && *sp == '\0';
		if (*pp != '/' || *sp != '/')
			return 0;
		pp++;
		sp++;
		send = strchr(sp, '/');
		seglen = send ? (size_t)(send - sp) : strlen(sp);
		pend = strchr(pp, '/');
		plen = pend ? (size_t)(pend - pp) : strlen(pp);
		if (plen >= 2 && pp[0] == '{' && pp[plen - 1] == '}') {
			if (seglen == 0 || np >= HTTP_MAX_PARAMS)
				return 0;
			memcpy(scratch + used, sp, seglen);
			scratch[used + seglen] = '\0';
			params[np++] = scratch + used;
			used += seglen + 1;
		} else if (plen != seglen || memcmp(pp, sp, seglen) != 0)
			return 0;
		pp += plen;
		sp += seglen;
	}
}

const struct route *
http_route_match(const struct route *table, enum http_method method,
    const char *path, char *scratch, size_t scratchsz,
    const char *params[HTTP_MAX_PARAMS], int *method_mismatch)
{
	const struct route	*r;
	const char		*tmp[HTTP_MAX_PARAMS];
	int			 i;

	*method_mismatch = 0;
	for (i = 0; i < HTTP_MAX_PARAMS; i++)
		params[i] = NULL;
	if (path == NULL || path[0] != '/' || strlen(path) >= scratchsz ||
	    strlen(path) > HTTP_MAX_URL)
		return NULL;
	for (r = table; r->pattern != NULL; r++) {
		for (i = 0; i < HTTP_MAX_PARAMS; i++)
			tmp[i] = NULL;
		if (!match_one(r->pattern, path, scratch, tmp))
			continue;
		if (r->method == method ||
		    (method == HTTP_HEAD && r->method == HTTP_GET)) {
			for (i = 0; i < HTTP_MAX_PARAMS; i++)
				params[i] = tmp[i];
			return r;
		}
		*method_mismatch = 1;
	}
	return NULL;
}

int
http_route_allow(const struct route *table, const char *path, char *out,
    size_t outsz)
{
	const struct route	*r;
	const char		*params[HTTP_MAX_PARAMS];
	char			 scratch[HTTP_MAX_URL + 1];
	int			 allowed[HTTP_METHOD_MAX] = { 0 }, any = 0, i;
	size_t			 len = 0;
	int			 n;

	if (path == NULL || strlen(path) >= sizeof(scratch) || outsz == 0)
		return -1;
	for (r = table; r->pattern != NULL; r++)
		if (match_one(r->pattern, path, scratch, params)) {
			allowed[r->method] = 1;
			if (r->method == HTTP_GET)
				allowed[HTTP_HEAD] = 1;
			any = 1;
		}
	if (!any)
		return -1;
	out[0] = '\0';
	for (i = 0; i < HTTP_METHOD_MAX; i++) {
		if (!allowed[i])
			continue;
		n = snprintf(out + len, outsz - len, "%s%s", len ? ", " : "",
		    method_names[i]);
		if (n < 0 || (size_t)n >= outsz - len)
			return -1;
		len += (size_t)n;
	}
	return 0;
}

http_gate
http_route_gate(const struct route_gate *table, const char *name)
{
	const struct route_gate *g;

	if (table == NULL || name == NULL)
		return NULL;
	for (g = table; g->route != NULL; g++)
		if (strcmp(g->route, name) == 0)
			return g->gate;
	return NULL;
}

const struct field *
http_route_query(const struct route_query *table, const char *name)
{
	const struct route_query *q;

	if (table == NULL || name == NULL)
		return NULL;
	for (q = table; q->route != NULL; q++)
		if (strcmp(q->route, name) == 0)
			return q->query;
	return NULL;
}
