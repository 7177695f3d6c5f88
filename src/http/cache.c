/* cache.c: the entries of the cache of whole answers (cache.h): a hash
 * table of keys to memory files, with an LRU list under one lock and a
 * byte budget. */
#include "http/cache.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/buf.h"

#define BUCKETS		4096
/* What an entry costs beside its body (key, headers, bookkeeping), so
 * that many small answers cannot outgrow the budget unseen. */
#define ENTRY_OVERHEAD	512

struct http_cache_made {
	atomic_uint	  refs;		/* the entry's, and each hit's */
	void		 *p;
	void		(*free_fn)(void *);
};

struct entry {
	struct http_cache_made	*kept;	/* NULL until the server kept one */
	struct entry	*hnext;		/* hash chain */
	struct entry	*prev, *next;	/* LRU: head is the most recent */
	uint64_t	 hash;
	char		*key;
	size_t		 keylen;
	int64_t		 gen, made;
	int		 fd;
	size_t		 size;
	char		*content_type;
	struct kv	 headers[8];
	size_t		 nheaders;
	char		 etag[HTTP_CACHE_ETAG_LEN];
};

struct http_cache_fill {
	struct entry	*e;
	int		 failed;
	size_t		 held;		/* its part of filling */
};

static pthread_mutex_t	lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry	*table[BUCKETS];
static struct entry	*lru_head, *lru_tail;
/* bytes: the stored entries; filling: the entries being written (their
 * bodies are memory too, and many exports at once must not hold many
 * budgets). bytes + filling stay within the budget. */
static size_t		 bytes, filling, budget;
static int		 max_age = 5;
static unsigned char	 nonce[16];	/* ETags differ between processes */
static atomic_ulong	 serial;
static atomic_ulong	 n_hit, n_miss, n_bypass, n_store, n_evict;

static uint64_t
hash_of(const char *key, size_t len)
{
	uint64_t	h = 1469598103934665603ULL;
	size_t		i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static size_t
cost(const struct entry *e)
{
	return e->size + e->keylen + ENTRY_OVERHEAD;
}

static void
entry_free(struct entry *e)
{
	size_t i;

	if (e == NULL)
		return;
	http_cache_made_put(e->kept);
	if (e->fd >= 0)
		close(e->fd);
	for (i = 0; i < e->nheaders; i++) {
		free((char *)(uintptr_t)e->headers[i].key);
		free((char *)(uintptr_t)e->headers[i].value);
	}
	free(e->content_type);
	free(e->key);
	free(e);
}

/* Take e out of the table and the LRU list (under the lock). */
static void
unlink_entry(struct entry *e)
{
	struct entry **pp = &table[e->hash % BUCKETS];

	while (*pp != NULL && *pp != e)
		pp = &(*pp)->hnext;
	if (*pp == e)
		*pp = e->hnext;
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		lru_head = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		lru_tail = e->prev;
	e->prev = e->next = e->hnext = NULL;
	bytes -= cost(e);
}

/* Put e, in no list, at the head of the LRU list. */
static void
push_front(struct entry *e)
{
	e->prev = NULL;
	e->next = lru_head;
	if (lru_head != NULL)
		lru_head->prev = e;
	lru_head = e;
	if (lru_tail == NULL)
		lru_tail = e;
}

static void
to_front(struct entry *e)
{
	if (lru_head == e)
		return;
	if (e->prev != NULL)
		e->prev->next = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		lru_tail = e->prev;
	push_front(e);
}

static struct entry *
find(const char *key, size_t keylen, uint64_t h)
{
	struct entry *e;

	for (e = table[h % BUCKETS]; e != NULL; e = e->hnext)
		if (e->hash == h && e->keylen == keylen &&
		    memcmp(e->key, key, keylen) == 0)
			return e;
	return NULL;
}

void
http_cache_setup(size_t max_bytes, int age)
{
	struct entry	*e, *dead = NULL;

	pthread_mutex_lock(&lock);
	while ((e = lru_head) != NULL) {
		unlink_entry(e);
		e->next = dead;
		dead = e;
	}
	budget = max_bytes;
	max_age = age;
	randombytes_buf(nonce, sizeof(nonce));
	pthread_mutex_unlock(&lock);
	while ((e = dead) != NULL) {
		dead = e->next;
		entry_free(e);
	}
}

int
http_cache_enabled(void)
{
	int on;

	pthread_mutex_lock(&lock);
	on = budget > 0 && max_age > 0;
	pthread_mutex_unlock(&lock);
	return on;
}

void *
http_cache_made_ptr(const struct http_cache_made *m)
{
	return m->p;
}

void
http_cache_made_put(struct http_cache_made *m)
{
	if (m != NULL && atomic_fetch_sub(&m->refs, 1) == 1) {
		m->free_fn(m->p);
		free(m);
	}
}

int
http_cache_made_keep(const char *key, size_t keylen, const char *etag,
    void *p, void (*free_fn)(void *))
{
	struct http_cache_made	*m;
	struct entry		*e;
	int			 rc = -1;

	if ((m = malloc(sizeof(*m))) == NULL)
		return -1;
	atomic_init(&m->refs, 1);
	m->p = p;
	m->free_fn = free_fn;
	pthread_mutex_lock(&lock);
	if ((e = find(key, keylen, hash_of(key, keylen))) != NULL &&
	    e->kept == NULL && strcmp(e->etag, etag) == 0) {
		e->kept = m;
		rc = 0;
	}
	pthread_mutex_unlock(&lock);
	if (rc != 0)
		free(m);
	return rc;
}

int
http_cache_get(const char *key, size_t keylen, int64_t gen, int64_t now,
    int want_made, struct arena *a, struct http_cache_hit *out)
{
	struct entry	*e, *stale = NULL;
	uint64_t	 h = hash_of(key, keylen);
	size_t		 i;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	out->fd = -1;
	pthread_mutex_lock(&lock);
	if ((e = find(key, keylen, h)) != NULL) {
		/* Another generation, or too old (or from a clock that went
		 * back): never again. */
		if (e->gen != gen || now - e->made >= max_age ||
		    now < e->made) {
			unlink_entry(e);
			stale = e;
		} else if (want_made && e->kept != NULL) {
			/* Sent as made: no descriptor, no strings. */
			to_front(e);
			atomic_fetch_add(&e->kept->refs, 1);
			out->made = e->kept;
			memcpy(out->etag, e->etag, sizeof(out->etag));
			rc = 0;
		} else if ((out->fd = dup(e->fd)) >= 0) {
			to_front(e);
			out->size = e->size;
			out->content_type = e->content_type ?
			    arena_strdup(a, e->content_type) : NULL;
			for (i = 0; i < e->nheaders; i++) {
				out->headers[i].key = arena_strdup(a,
				    e->headers[i].key);
				out->headers[i].value = arena_strdup(a,
				    e->headers[i].value);
				if (out->headers[i].key == NULL ||
				    out->headers[i].value == NULL)
					break;
			}
			out->nheaders = i;
			memcpy(out->etag, e->etag, sizeof(out->etag));
			rc = i == e->nheaders && (e->content_type == NULL ||
			    out->content_type != NULL) ? 0 : -1;
		}
	}
	pthread_mutex_unlock(&lock);
	entry_free(stale);
	if (rc != 0 && out->fd >= 0) {
		close(out->fd);
		out->fd = -1;
	}
	atomic_fetch_add(rc == 0 ? &n_hit : &n_miss, 1);
	return rc;
}

void
http_cache_count_bypass(void)
{
	atomic_fetch_add(&n_bypass, 1);
}

static char *
dup_or_null(const char *s, int *failed)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		*failed = 1;
	return d;
}

struct http_cache_fill *
http_cache_fill_begin(const char *key, size_t keylen, int64_t gen,
    int64_t now, const char *content_type, const struct kv *headers,
    size_t nheaders, char etag[HTTP_CACHE_ETAG_LEN])
{
	struct http_cache_fill		*f;
	struct entry			*e;
	crypto_generichash_state	 st;
	unsigned char			 h[11];
	unsigned long			 n = atomic_fetch_add(&serial, 1);
	size_t				 i;
	int				 failed = 0;

	etag[0] = '\0';
	if (!http_cache_enabled() || nheaders > 8)
		return NULL;
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	if ((e = calloc(1, sizeof(*e))) == NULL) {
		free(f);
		return NULL;
	}
	f->e = e;
	e->fd = -1;
	if ((e->key = malloc(keylen)) == NULL)
		goto fail;
	memcpy(e->key, key, keylen);
	e->keylen = keylen;
	e->hash = hash_of(key, keylen);
	e->gen = gen;
	e->made = now;
	e->content_type = dup_or_null(content_type, &failed);
	for (i = 0; i < nheaders; i++) {
		e->headers[i].key = dup_or_null(headers[i].key, &failed);
		e->headers[i].value = dup_or_null(headers[i].value, &failed);
		e->nheaders = i + 1;
	}
	if (failed)
		goto fail;
	/* The body never sits in the heap: an unlinked memory file. */
	if ((e->fd = memfd_create("orden-cache", MFD_CLOEXEC)) < 0)
		goto fail;
	/* The ETag names this entry alone: its key, generation, number in
	 * this process and the process's nonce. Opaque to the client. */
	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)key, keylen);
	crypto_generichash_update(&st, (const unsigned char *)&gen, sizeof(gen));
	crypto_generichash_update(&st, (const unsigned char *)&n, sizeof(n));
	crypto_generichash_update(&st, nonce, sizeof(nonce));
	crypto_generichash_final(&st, h, sizeof(h));
	e->etag[0] = '"';
	e->etag[1] = 'c';
	sodium_bin2hex(e->etag + 2, sizeof(e->etag) - 3, h, sizeof(h));
	e->etag[2 + 2 * sizeof(h)] = '"';
	e->etag[3 + 2 * sizeof(h)] = '\0';
	memcpy(etag, e->etag, HTTP_CACHE_ETAG_LEN);
	f->held = keylen + ENTRY_OVERHEAD;
	pthread_mutex_lock(&lock);
	filling += f->held;
	pthread_mutex_unlock(&lock);
	return f;
fail:
	entry_free(e);
	free(f);
	return NULL;
}

/* Room for len more bytes of a fill: the least recently used stored
 * entries go first; when the fills alone hold the budget, none (under
 * the lock; the evicted go to *dead, to be closed outside it). */
static int
reserve(struct http_cache_fill *f, size_t len, struct entry **dead)
{
	struct entry *old;

	if (len > budget || filling > budget - len)
		return -1;
	while (bytes > budget - filling - len && lru_tail != NULL) {
		old = lru_tail;
		unlink_entry(old);
		old->next = *dead;
		*dead = old;
		atomic_fetch_add(&n_evict, 1);
	}
	filling += len;
	f->held += len;
	return 0;
}

/* Give back what a fill holds of the budget (under the lock). */
static void
release(struct http_cache_fill *f)
{
	filling -= f->held;
	f->held = 0;
}

static void
free_dead(struct entry *dead)
{
	struct entry *old;

	while ((old = dead) != NULL) {
		dead = old->next;
		entry_free(old);
	}
}

int
http_cache_fill_write(struct http_cache_fill *f, const void *data, size_t len)
{
	const char	*p = data;
	struct entry	*dead = NULL;
	ssize_t		 n;
	int		 rc;

	if (f == NULL || f->failed)
		return -1;
	pthread_mutex_lock(&lock);
	if ((rc = reserve(f, len, &dead)) != 0) {
		release(f);
		f->failed = 1;	/* the budget is taken by fills */
	}
	pthread_mutex_unlock(&lock);
	free_dead(dead);
	/* Given up: its body goes now, not when the stream ends (a
	 * failed truncate leaves it to fill_end). */
	if (rc != 0 && ftruncate(f->e->fd, 0) != 0)
		return -1;
	if (rc != 0)
		return -1;
	while (len > 0) {
		if ((n = write(f->e->fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			f->failed = 1;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		f->e->size += (size_t)n;
	}
	return 0;
}

void
http_cache_fill_end(struct http_cache_fill *f, int complete)
{
	struct entry	*e, *old, *dead = NULL;
	size_t		 b;

	if (f == NULL)
		return;
	e = f->e;
	pthread_mutex_lock(&lock);
	release(f);
	if (!complete || f->failed) {
		pthread_mutex_unlock(&lock);
		entry_free(e);
		free(f);
		return;
	}
	free(f);
	b = budget;
	if (cost(e) > b) {
		pthread_mutex_unlock(&lock);
		entry_free(e);
		return;
	}
	if ((old = find(e->key, e->keylen, e->hash)) != NULL) {
		unlink_entry(old);
		old->next = dead;
		dead = old;
	}
	e->hnext = table[e->hash % BUCKETS];
	table[e->hash % BUCKETS] = e;
	push_front(e);
	bytes += cost(e);
	while (bytes + filling > b && lru_tail != NULL && lru_tail != e) {
		old = lru_tail;
		unlink_entry(old);
		old->next = dead;
		dead = old;
		atomic_fetch_add(&n_evict, 1);
	}
	pthread_mutex_unlock(&lock);
	atomic_fetch_add(&n_store, 1);
	free_dead(dead);	/* closed outside the lock */
}

void
http_cache_metrics(struct buf *b)
{
	size_t used;

	pthread_mutex_lock(&lock);
	used = bytes;
	pthread_mutex_unlock(&lock);
	buf_printf(b, "# HELP orden_http_cache_requests_total Requests to "
	    "cached routes by outcome (hit, miss, bypass: a reload that asked "
	    "to recompute).\n# TYPE orden_http_cache_requests_total counter\n"
	    "orden_http_cache_requests_total{outcome=\"hit\"} %lu\n"
	    "orden_http_cache_requests_total{outcome=\"miss\"} %lu\n"
	    "orden_http_cache_requests_total{outcome=\"bypass\"} %lu\n",
	    atomic_load(&n_hit), atomic_load(&n_miss), atomic_load(&n_bypass));
	buf_printf(b, "# HELP orden_http_cache_stored_total Answers stored.\n"
	    "# TYPE orden_http_cache_stored_total counter\n"
	    "orden_http_cache_stored_total %lu\n"
	    "# HELP orden_http_cache_evicted_total Answers evicted for room.\n"
	    "# TYPE orden_http_cache_evicted_total counter\n"
	    "orden_http_cache_evicted_total %lu\n"
	    "# HELP orden_http_cache_bytes Bytes the stored answers take.\n"
	    "# TYPE orden_http_cache_bytes gauge\norden_http_cache_bytes %zu\n",
	    atomic_load(&n_store), atomic_load(&n_evict), used);
}
