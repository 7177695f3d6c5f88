/* url.c: database URLs as `orden migrate` shows and checks them. A URL is
 * printed in every message about it, and a PostgreSQL URL may carry a
 * password: that never reaches the terminal or a log. */
#include "migrate/migrate.h"

#include <string.h>
#include <strings.h>

#define REDACTED	"***"

static int
is_pg(const char *url)
{
	return strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0;
}

/* Append n bytes of s to out[*o..outsz), keeping room for the NUL. */
static void
put(char *out, size_t outsz, size_t *o, const char *s, size_t n)
{
	while (n-- > 0 && *o + 1 < outsz)
		out[(*o)++] = *s++;
}

void
migrate_url_redact(const char *url, char *out, size_t outsz)
{
	const char	*p, *auth, *end, *at, *colon;
	size_t		 o = 0, n;

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (url == NULL)
		return;
	p = url;
	/* scheme://user:PASSWORD@host...: the userinfo ends at the last '@'
	 * of the authority (a password may itself hold '@' unescaped). */
	if ((auth = strstr(url, "://")) != NULL) {
		auth += 3;
		end = auth + strcspn(auth, "/?#");
		at = NULL;
		for (p = auth; p < end; p++)
			if (*p == '@')
				at = p;
		if (at != NULL && (colon = memchr(auth, ':',
		    (size_t)(at - auth))) != NULL) {
			put(out, outsz, &o, url, (size_t)(colon + 1 - url));
			put(out, outsz, &o, REDACTED, strlen(REDACTED));
			p = at;
		} else
			p = url;
	}
	/* password=VALUE as a query parameter (or a libpq keyword). */
	while (*p != '\0') {
		if (strncasecmp(p, "password=", 9) == 0 && (p == url ||
		    p[-1] == '?' || p[-1] == '&' || p[-1] == ' ')) {
			put(out, outsz, &o, p, 9);
			put(out, outsz, &o, REDACTED, strlen(REDACTED));
			p += 9;
			n = strcspn(p, "& ");
			p += n;
			continue;
		}
		put(out, outsz, &o, p, 1);
		p++;
	}
	out[o] = '\0';
}

int
migrate_url_known(const char *url)
{
	if (url == NULL || *url == '\0')
		return -1;
	if (is_pg(url))
		return 0;
	if (strncmp(url, "sqlite:", 7) == 0)
		return url[7] != '\0' ? 0 : -1;
	/* Any other scheme://: no backend of ours speaks it. */
	return strstr(url, "://") == NULL ? 0 : -1;
}

const char *
migrate_url_sqlite_path(const char *url)
{
	if (url == NULL || is_pg(url))
		return NULL;
	if (strncmp(url, "sqlite:", 7) == 0)
		return url + 7;
	return strstr(url, "://") == NULL ? url : NULL;
}
