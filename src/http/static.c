/* static.c: the few static files (CSS, JS, icons, fonts) under /static/.
 * Names are one flat segment of [A-Za-z0-9._-], never starting with a
 * dot, so no path can leave the directory; only known types are served. */
#include "http/http.h"
#include "http/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATIC_MAX (4 * 1024 * 1024)

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
};

static const char *
type_of(const char *name)
{
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	if (dot == NULL)
		return NULL;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

static int
name_ok(const char *name)
{
	size_t	len = strlen(name), i;
	char	c;

	if (len == 0 || len > 128 || name[0] == '.' || strstr(name, "..") != NULL)
		return 0;
	for (i = 0; i < len; i++) {
		c = name[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

int
http_static_load(const char *dir, const char *name, struct http_resp *resp)
{
	const char	*type;
	char		 path[4096], chunk[16384];
	struct stat	 st;
	ssize_t		 n;
	int		 fd = -1, rc = -1, len;

	resp->status = 404;
	if (dir == NULL || !name_ok(name) || (type = type_of(name)) == NULL)
		return -1;
	len = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (len < 0 || (size_t)len >= sizeof(path))
		return -1;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > STATIC_MAX)
		goto out;
	buf_reset(&resp->body);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		if (n == 0)
			break;
		if (buf_append(&resp->body, chunk, (size_t)n) != 0)
			goto out;
	}
	resp->status = 200;
	resp->content_type = type;
	http_header(resp, "Cache-Control", HTTP_STATIC_CACHE);
	rc = 0;
out:
	if (rc != 0)
		buf_reset(&resp->body);
	close(fd);
	return rc;
}
