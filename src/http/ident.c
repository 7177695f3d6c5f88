/* ident.c: the entries of the cache of who is asking (ident.h): two small
 * fixed tables under one lock, the least recently used entry replaced
 * when full. Identities are found through a hash of the secret's digest
 * (as the database finds the session through an index of it: the digest
 * of a 256-bit random secret tells nothing of the secret), and the digest
 * is then compared in constant time. Comparing all 512 digests in
 * constant time cost more CPU than the five statements saved. */
#include "http/ident.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "util/buf.h"

/* Signed-in people whose requests come often enough to matter; the rest
 * pay the five statements, as before. About 300 bytes each. */
#define IDENTS		512
/* Host names: a municipality has one or two; a single-municipality
 * installation answers any name, so a client can send many. */
#define TENANTS		32
#define BUCKETS		1024	/* a power of two */
/* Seconds an entry is given at most: what bounds a change the generation
 * cannot see (SQL typed by hand into the database). */
#define MAX_AGE		60

struct ident_entry {
	uint64_t		 used;	/* 0: free; else its last use */
	int			 next;	/* the next in its bucket + 1; 0 ends it */
	int64_t			 tenant_id, gen, made;
	int			 via_token;
	unsigned char		 digest[AUTH_HASH_BYTES];
	struct session		 session;
	struct auth_token_seen	 token;
	int			 password_pending;
	struct person		 person;	/* strings owned (malloc) */
	struct role_assignment	*roles;		/* owned */
	size_t			 nroles;
};

struct tenant_entry {
	uint64_t	 used;
	char		*key;		/* the Host as sent, "" for none */
	int64_t		 gen, made;
	struct tenant	 t;		/* strings owned */
};

static pthread_mutex_t		lock = PTHREAD_MUTEX_INITIALIZER;
static struct ident_entry	idents[IDENTS];
static struct tenant_entry	tenants[TENANTS];
static int			bucket[BUCKETS];	/* entry + 1; 0 empty */
static uint64_t			tick;
static atomic_ulong		n_hit, n_miss, n_stale, n_store;

/* strdup that keeps NULL; *fail set when out of memory. */
static char *
dup_or_null(const char *s, int *fail)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		*fail = 1;
	return d;
}

static size_t
bucket_of(int64_t tenant_id, const unsigned char digest[AUTH_HASH_BYTES])
{
	uint64_t h;

	memcpy(&h, digest, sizeof(h));
	return (size_t)((h ^ (uint64_t)tenant_id) & (BUCKETS - 1));
}

/* Take e out of its bucket's chain. Under the lock. */
static void
ident_unlink(struct ident_entry *e)
{
	int	 i = (int)(e - idents), *p;

	for (p = &bucket[bucket_of(e->tenant_id, e->digest)]; *p != 0;
	    p = &idents[*p - 1].next)
		if (*p - 1 == i) {
			*p = e->next;
			return;
		}
}

static void
ident_free(struct ident_entry *e)
{
	free((char *)(uintptr_t)e->person.login);
	free((char *)(uintptr_t)e->person.name);
	free((char *)(uintptr_t)e->person.email);
	free((char *)(uintptr_t)e->person.party);
	free((char *)(uintptr_t)e->person.lang);
	free(e->roles);
	/* The digest stands for a live secret, the CSRF token is one. */
	sodium_memzero(e, sizeof(*e));
}

static void
tenant_free(struct tenant_entry *e)
{
	free(e->key);
	free((char *)(uintptr_t)e->t.name);
	free((char *)(uintptr_t)e->t.host);
	memset(e, 0, sizeof(*e));
}

int
http_ident_tenant_get(const char *host, int64_t now, struct arena *a,
    struct tenant *out, int64_t *gen)
{
	const char	*key = host != NULL ? host : "";
	int		 rc = -1;
	size_t		 i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < TENANTS; i++) {
		struct tenant_entry *e = &tenants[i];

		if (e->used == 0 || strcmp(e->key, key) != 0)
			continue;
		if (now - e->made >= MAX_AGE || now < e->made) {
			tenant_free(e);
			break;
		}
		*out = e->t;
		out->name = arena_strdup(a, e->t.name);
		out->host = arena_strdup(a, e->t.host);
		if ((e->t.name == NULL || out->name != NULL) &&
		    (e->t.host == NULL || out->host != NULL)) {
			*gen = e->gen;
			e->used = ++tick;
			rc = 0;
		}
		break;
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

void
http_ident_tenant_put(const char *host, const struct tenant *t, int64_t gen,
    int64_t now)
{
	const char		*key = host != NULL ? host : "";
	struct tenant_entry	*e = NULL, n = { 0 };
	int			 fail = 0;
	size_t			 i;

	n.key = dup_or_null(key, &fail);
	n.t = *t;
	n.t.name = dup_or_null(t->name, &fail);
	n.t.host = dup_or_null(t->host, &fail);
	n.gen = gen;
	n.made = now;
	if (fail) {
		tenant_free(&n);
		return;
	}
	pthread_mutex_lock(&lock);
	for (i = 0; i < TENANTS; i++)
		if (tenants[i].used != 0 && strcmp(tenants[i].key, key) == 0) {
			e = &tenants[i];
			break;
		}
	for (i = 0; e == NULL && i < TENANTS; i++)
		if (tenants[i].used == 0)
			e = &tenants[i];
	if (e == NULL)
		for (e = &tenants[0], i = 1; i < TENANTS; i++)
			if (tenants[i].used < e->used)
				e = &tenants[i];
	tenant_free(e);
	*e = n;
	e->used = ++tick;
	pthread_mutex_unlock(&lock);
}

/* The entry of (tenant_id, via_token, digest), or NULL. Under the lock. */
static struct ident_entry *
ident_find(int64_t tenant_id, int via_token,
    const unsigned char digest[AUTH_HASH_BYTES])
{
	int i;

	for (i = bucket[bucket_of(tenant_id, digest)]; i != 0;
	    i = idents[i - 1].next) {
		struct ident_entry *e = &idents[i - 1];

		if (e->tenant_id == tenant_id && e->via_token == via_token &&
		    sodium_memcmp(e->digest, digest, AUTH_HASH_BYTES) == 0)
			return e;
	}
	return NULL;
}

/* Drop e: out of its chain, its memory freed and wiped. */
static void
ident_drop(struct ident_entry *e)
{
	if (e->used != 0)
		ident_unlink(e);
	ident_free(e);
}

int
http_ident_get(int64_t tenant_id, int via_token,
    const unsigned char digest[AUTH_HASH_BYTES], int64_t gen, int64_t now,
    struct arena *a, struct http_ident *out)
{
	struct ident_entry	*e;
	struct role_assignment	*roles = NULL;
	int			 rc = -1;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&lock);
	if ((e = ident_find(tenant_id, via_token, digest)) == NULL) {
		atomic_fetch_add(&n_miss, 1);
		goto out;
	}
	if (e->gen != gen || now - e->made >= MAX_AGE || now < e->made) {
		/* Something it depends on was written since, or may have
		 * been where the generation does not see it. */
		ident_drop(e);
		atomic_fetch_add(&n_stale, 1);
		goto out;
	}
	if (e->nroles > 0 && (roles = arena_alloc(a,
	    e->nroles * sizeof(*roles))) == NULL)
		goto out;
	if (e->nroles > 0)
		memcpy(roles, e->roles, e->nroles * sizeof(*roles));
	out->via_token = e->via_token;
	out->session = e->session;
	out->token = e->token;
	out->password_pending = e->password_pending;
	out->made = e->made;
	out->person = e->person;
	out->person.login = arena_strdup(a, e->person.login);
	out->person.name = arena_strdup(a, e->person.name);
	out->person.email = arena_strdup(a, e->person.email);
	out->person.party = arena_strdup(a, e->person.party);
	out->person.lang = arena_strdup(a, e->person.lang);
	out->roles.v = roles;
	out->roles.n = e->nroles;
	if ((e->person.login != NULL && out->person.login == NULL) ||
	    (e->person.name != NULL && out->person.name == NULL) ||
	    (e->person.email != NULL && out->person.email == NULL) ||
	    (e->person.party != NULL && out->person.party == NULL) ||
	    (e->person.lang != NULL && out->person.lang == NULL))
		goto out;
	e->used = ++tick;
	atomic_fetch_add(&n_hit, 1);
	rc = 0;
out:
	pthread_mutex_unlock(&lock);
	if (rc != 0)
		sodium_memzero(out, sizeof(*out));
	return rc;
}

void
http_ident_put(int64_t tenant_id, const unsigned char digest[AUTH_HASH_BYTES],
    int64_t gen, int64_t now, const struct http_ident *id)
{
	struct ident_entry	*e, n;
	int			 fail = 0;
	size_t			 i;

	memset(&n, 0, sizeof(n));
	n.tenant_id = tenant_id;
	n.gen = gen;
	n.made = id->made != 0 ? id->made : now;
	n.via_token = id->via_token;
	memcpy(n.digest, digest, AUTH_HASH_BYTES);
	n.session = id->session;
	n.token = id->token;
	n.password_pending = id->password_pending;
	n.person = id->person;
	n.person.login = dup_or_null(id->person.login, &fail);
	n.person.name = dup_or_null(id->person.name, &fail);
	n.person.email = dup_or_null(id->person.email, &fail);
	n.person.party = dup_or_null(id->person.party, &fail);
	n.person.lang = dup_or_null(id->person.lang, &fail);
	if (id->roles.n > 0) {
		if ((n.roles = malloc(id->roles.n * sizeof(*n.roles))) == NULL)
			fail = 1;
		else
			memcpy(n.roles, id->roles.v,
			    id->roles.n * sizeof(*n.roles));
		n.nroles = id->roles.n;
	}
	if (fail) {
		ident_free(&n);
		return;
	}
	pthread_mutex_lock(&lock);
	if ((e = ident_find(tenant_id, id->via_token, digest)) == NULL) {
		for (i = 0; e == NULL && i < IDENTS; i++)
			if (idents[i].used == 0)
				e = &idents[i];
		if (e == NULL)
			for (e = &idents[0], i = 1; i < IDENTS; i++)
				if (idents[i].used < e->used)
					e = &idents[i];
	}
	ident_drop(e);
	*e = n;
	e->used = ++tick;
	e->next = bucket[bucket_of(tenant_id, digest)];
	bucket[bucket_of(tenant_id, digest)] = (int)(e - idents) + 1;
	pthread_mutex_unlock(&lock);
	sodium_memzero(&n, sizeof(n));
	atomic_fetch_add(&n_store, 1);
}

void
http_ident_clear(void)
{
	size_t i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < IDENTS; i++)
		if (idents[i].used != 0)
			ident_drop(&idents[i]);
	for (i = 0; i < TENANTS; i++)
		if (tenants[i].used != 0)
			tenant_free(&tenants[i]);
	pthread_mutex_unlock(&lock);
}

void
http_ident_metrics(struct buf *b)
{
	buf_printf(b, "# HELP orden_http_ident_requests_total Signed-in "
	    "requests by what the cache of who is asking had (hit; miss; "
	    "stale: kept before a write that could change it).\n"
	    "# TYPE orden_http_ident_requests_total counter\n"
	    "orden_http_ident_requests_total{outcome=\"hit\"} %lu\n"
	    "orden_http_ident_requests_total{outcome=\"miss\"} %lu\n"
	    "orden_http_ident_requests_total{outcome=\"stale\"} %lu\n"
	    "# HELP orden_http_ident_stored_total Identities kept.\n"
	    "# TYPE orden_http_ident_stored_total counter\n"
	    "orden_http_ident_stored_total %lu\n",
	    atomic_load(&n_hit), atomic_load(&n_miss), atomic_load(&n_stale),
	    atomic_load(&n_store));
}
