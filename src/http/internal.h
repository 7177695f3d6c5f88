/* internal.h: pieces of the HTTP layer shared between its own files
 * (server.c, router.c, metrics.c, static.c, response.c). Not a contract
 * for other modules: they use http.h only. */
#ifndef ORDEN_HTTP_INTERNAL_H
#define ORDEN_HTTP_INTERNAL_H

#include <stddef.h>

#include "http/http.h"

/* The security headers every response carries, as a NULL-key-terminated
 * list; server.c adds them to each MHD response, including errors and
 * static files. */
extern const struct kv http_security_headers[];

/* Methods allowed for `path` in table (GET implies HEAD), as an Allow
 * header value ("GET, HEAD, POST") into out. 0, or -1 when none match or
 * out is too small. */
int	http_route_allow(const struct route *table, const char *path,
	    char *out, size_t outsz);

/* The gate of the route named name in table, or NULL. */
http_gate	http_route_gate(const struct route_gate *table, const char *name);

/* "GET" etc.; NULL when unknown. */
const char	*http_method_name(enum http_method);
/* 0 and *out for a method we serve, -1 otherwise (501). */
int	http_method_parse(const char *, enum http_method *);

/* Count one finished request: route name (NULL = "none"), status and
 * duration. Thread-safe. */
void	http_metrics_observe(const char *route, int status, double seconds);
/* Forget every observation (tests). */
void	http_metrics_reset(void);

/* Serve static file `name` from dir into resp (status, content type,
 * body, cache header). A bad name or a missing file sets 404; returns 0
 * when a file was served, -1 otherwise. */
int	http_static_load(const char *dir, const char *name,
	    struct http_resp *resp);
/* The Cache-Control value http_static_load wants on its answer. */
#define HTTP_STATIC_CACHE "public, max-age=3600"

/* Percent-encode s for a query value into the arena. NULL on overflow. */
struct arena;
char	*http_urlencode(struct arena *, const char *s);

/* The arena of the request whose response `resp` is, while its handler
 * runs on this thread; NULL otherwise (unit tests). http_header copies
 * into it so handlers may pass values in their own stack buffers. */
struct arena	*http_resp_arena(const struct http_resp *resp);

/* --- request bodies (spool.c) ---------------------------------------------
 * A body in memory while small, else in an unlinked temporary file, with
 * one budget for memory and one for disk across all requests. */
#include "util/buf.h"

#define HTTP_SPOOL_MEM_EACH	(64u * 1024)	/* larger bodies go to a file */

struct spool {
	struct buf	 mem;
	int		 fd;		/* -1 while in memory */
	size_t		 len;		/* body bytes so far */
	size_t		 limit;		/* most body bytes accepted */
	size_t		 reserved;	/* of the disk budget */
	size_t		 mem_taken;	/* of the memory budget */
	void		*map;		/* the file, mapped by finish */
	size_t		 maplen;
};

#define SPOOL_TOO_BIG	(-1)	/* over s->limit */
#define SPOOL_BUSY	(-2)	/* the disk budget is spent: 503 */
#define SPOOL_ERR	(-3)	/* I/O error: 500 */

/* The directory for temporary files, and the disk budget in bytes (0: the
 * default, 1 GiB). Call once before serving; resets the budgets. */
void	http_spool_setup(const char *dir, size_t max_bytes);
void	http_spool_init(struct spool *, size_t limit);
/* Reserve n bytes of disk for a body announced that long: 0, or -1 when
 * the budget has no room (answer 503 before reading it). */
int	http_spool_reserve(struct spool *, size_t n);
/* Add body bytes: 0 or SPOOL_TOO_BIG, SPOOL_BUSY, SPOOL_ERR (the spool is
 * unchanged by a failed call). */
int	http_spool_append(struct spool *, const void *, size_t);
/* The whole body, NUL-terminated, valid until http_spool_free. 0 or SPOOL_ERR. */
int	http_spool_finish(struct spool *, const char **data, size_t *len);
/* Frees memory, closes the file, gives back both budgets. */
void	http_spool_free(struct spool *);

#endif
