/* cache.h: the cache of whole answers (issue 13). A GET route flagged
 * ROUTE_CACHE keeps its 200 answer, keyed by everything the answer
 * depends on (the tenant, the asker's session or token, the route, the
 * path and the whole query, the language), and serves it again while the
 * tenant's data generation (store_tx.h, db_cache_gen) is the one read
 * before the answer was made and the answer is younger than the maximum
 * age (time alone changes "overdue" and "today").
 *
 * Bodies are kept out of the heap: each entry is an unlinked memory file
 * (memfd) that a hit sends with sendfile; the entries share a byte budget
 * and the least recently used go first. The server (server.c) decides
 * what is stored; this file only keeps entries. Thread-safe. */
#ifndef ORDEN_HTTP_CACHE_H
#define ORDEN_HTTP_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "http/http.h"

struct arena;

#define HTTP_CACHE_ETAG_LEN	26	/* "\"c" + 22 hex + "\"" + NUL */

/* The budget in bytes (0: no cache at all) and the maximum age in
 * seconds. Called before serving; entries made before are dropped. */
void	http_cache_setup(size_t max_bytes, int max_age);
int	http_cache_enabled(void);

/* What the server made of an entry to send it again (its MHD response
 * with every header), kept with the entry: counted, so that an entry
 * evicted while a hit still sends it frees it after that hit. */
struct http_cache_made;

/* A stored answer: fd is the caller's (a duplicate: close it, or give it
 * to MHD); the strings are in the arena. Or, when the caller asked for it
 * and the entry has one, made alone (fd -1, no strings): the caller holds
 * a count of it and gives it back with http_cache_made_put. */
struct http_cache_hit {
	struct http_cache_made	*made;
	int		 fd;
	size_t		 size;
	const char	*content_type;
	struct kv	 headers[8];
	size_t		 nheaders;
	char		 etag[HTTP_CACHE_ETAG_LEN];
};

/* The entry of key (keylen bytes, compared in full) when it was made at
 * generation gen and is younger than the maximum age at now: 0 and *out.
 * -1 otherwise (a stale entry is dropped). Counts a hit or a miss. */
int	http_cache_get(const char *key, size_t keylen, int64_t gen,
	    int64_t now, int want_made, struct arena *,
	    struct http_cache_hit *out);

/* Keep p, made from the entry of key whose ETag is etag, with that entry:
 * free_fn(p) runs once the entry is gone and no hit holds p. 0, or -1
 * when the entry is gone or already has one (p stays the caller's). */
int	http_cache_made_keep(const char *key, size_t keylen, const char *etag,
	    void *p, void (*free_fn)(void *));
/* The kept pointer of a hit's made. */
void	*http_cache_made_ptr(const struct http_cache_made *);
/* Give back the count a hit held. */
void	http_cache_made_put(struct http_cache_made *);

/* Count a request that asked to recompute (Cache-Control: no-cache). */
void	http_cache_count_bypass(void);

/* An entry being made: the body is written to it as the answer is sent
 * (a stream) or at once (a page), and it is stored by
 * http_cache_fill_end only when complete. NULL when it cannot be made
 * (then nothing is stored). Copies everything it is given. etag gets
 * the entry's ETag, to send with the answer. */
struct http_cache_fill;
struct http_cache_fill *http_cache_fill_begin(const char *key, size_t keylen,
	    int64_t gen, int64_t now, const char *content_type,
	    const struct kv *headers, size_t nheaders,
	    char etag[HTTP_CACHE_ETAG_LEN]);
/* 0, or -1 when the entry is given up (too large, I/O): later writes and
 * the end then store nothing. */
int	http_cache_fill_write(struct http_cache_fill *, const void *,
	    size_t);
/* Store the entry if complete and nothing failed, and free the fill. */
void	http_cache_fill_end(struct http_cache_fill *, int complete);

/* Prometheus lines of the counters (metrics.c). */
struct buf;
void	http_cache_metrics(struct buf *);

#endif
