/* discovery.c: the process-wide cache of each provider's discovery
 * document and keys. Fetched outside the lock (a slow provider must not
 * hold up sign-ins at another); the cache keeps copies in malloc'd memory
 * and hands out arena copies, so no request holds a pointer into it.
 * A failed fetch is remembered (sso_last_error) for the admin page and
 * never stops the rest of Orden. */
#include "sso/sso.h"
#include "sso/sso_int.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/clock.h"
#include "util/log.h"

#define DISCOVERY_TTL	(60 * 60)	/* an hour; keys follow the same rule */
#define CACHE_MAX	64		/* providers of all municipalities */

struct entry {
	char		*issuer;
	char		*authz, *token, *endsession, *jwks_uri;
	char		*jwks;		/* the key set as JSON text */
	int64_t		 fetched_at, jwks_at;
	const char	*error;		/* static text, NULL when the last try worked */
};

static pthread_mutex_t	cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry	cache[CACHE_MAX];
static size_t		ncache;

int
sso_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
sso_global_free(void)
{
	size_t i;

	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < ncache; i++) {
		free(cache[i].issuer);
		free(cache[i].authz);
		free(cache[i].token);
		free(cache[i].endsession);
		free(cache[i].jwks_uri);
		free(cache[i].jwks);
	}
	ncache = 0;
	pthread_mutex_unlock(&cache_lock);
	curl_global_cleanup();
}

/* The entry for issuer, made when missing (NULL when the cache is full or
 * memory ran out). Under cache_lock. */
static struct entry *
entry_for(const char *issuer)
{
	size_t i;

	for (i = 0; i < ncache; i++)
		if (strcmp(cache[i].issuer, issuer) == 0)
			return &cache[i];
	if (ncache == CACHE_MAX)
		return NULL;
	memset(&cache[ncache], 0, sizeof(cache[ncache]));
	if ((cache[ncache].issuer = strdup(issuer)) == NULL)
		return NULL;
	return &cache[ncache++];
}

static void
note_error(const char *issuer, const char *why)
{
	struct entry *e;

	pthread_mutex_lock(&cache_lock);
	if ((e = entry_for(issuer)) != NULL)
		e->error = why;
	pthread_mutex_unlock(&cache_lock);
	log_event("sso_error", "issuer", issuer, "why", why, NULL);
}

static char *
dup_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? strdup(s) : NULL;
}

/* Fetch and parse the discovery document into e's fields (under no lock:
 * into a local entry that the caller swaps in). */
static int
discovery_fetch(const char *issuer, struct entry *out, const char **why)
{
	struct arena	*a;
	char		*body, *url;
	long		 status;
	json_t		*o = NULL;
	const char	*iss;
	size_t		 n;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	if ((a = arena_new(1024 * 1024)) == NULL) {
		*why = "out of memory";
		return -1;
	}
	n = strlen(issuer);
	url = arena_printf(a, "%.*s/.well-known/openid-configuration",
	    (int)(n > 0 && issuer[n - 1] == '/' ? n - 1 : n), issuer);
	if (url == NULL || sso_http(a, url, NULL, NULL, NULL, &status, &body) != 0) {
		*why = "the discovery document could not be fetched (no answer)";
		goto out;
	}
	if (status != 200) {
		*why = "the discovery document could not be fetched (HTTP error)";
		goto out;
	}
	if ((o = json_loads(body, 0, NULL)) == NULL || !json_is_object(o)) {
		*why = "the discovery document is not JSON";
		goto out;
	}
	/* OpenID Connect Discovery 4.3: the issuer in the document must be
	 * exactly the one configured, or tokens could come from another. */
	iss = json_string_value(json_object_get(o, "issuer"));
	if (iss == NULL || strcmp(iss, issuer) != 0) {
		*why = "the discovery document names another issuer";
		goto out;
	}
	out->authz = dup_str(o, "authorization_endpoint");
	out->token = dup_str(o, "token_endpoint");
	out->jwks_uri = dup_str(o, "jwks_uri");
	out->endsession = dup_str(o, "end_session_endpoint");
	if (out->authz == NULL || out->token == NULL || out->jwks_uri == NULL) {
		*why = "the discovery document lacks an endpoint";
		goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		free(out->authz);
		free(out->token);
		free(out->jwks_uri);
		free(out->endsession);
		memset(out, 0, sizeof(*out));
	}
	json_decref(o);
	arena_free(a);
	return rc;
}

int
sso_discover(const char *issuer, struct arena *a, struct sso_meta *out,
    const char **why)
{
	struct entry	*e, fresh;
	int64_t		 now = clock_now();
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	*why = NULL;
	pthread_mutex_lock(&cache_lock);
	e = entry_for(issuer);
	if (e != NULL && e->authz != NULL && now - e->fetched_at < DISCOVERY_TTL)
		goto copy;
	pthread_mutex_unlock(&cache_lock);

	if (discovery_fetch(issuer, &fresh, why) != 0) {
		note_error(issuer, *why);
		return -1;
	}
	pthread_mutex_lock(&cache_lock);
	if ((e = entry_for(issuer)) == NULL) {
		pthread_mutex_unlock(&cache_lock);
		free(fresh.authz);
		free(fresh.token);
		free(fresh.jwks_uri);
		free(fresh.endsession);
		*why = "too many providers";
		return -1;
	}
	free(e->authz);
	free(e->token);
	free(e->jwks_uri);
	free(e->endsession);
	e->authz = fresh.authz;
	e->token = fresh.token;
	e->jwks_uri = fresh.jwks_uri;
	e->endsession = fresh.endsession;
	e->fetched_at = now;
	e->error = NULL;
copy:
	out->issuer = arena_strdup(a, e->issuer);
	out->authorization_endpoint = arena_strdup(a, e->authz);
	out->token_endpoint = arena_strdup(a, e->token);
	out->end_session_endpoint = arena_strdup(a, e->endsession);
	if (out->issuer != NULL && out->authorization_endpoint != NULL &&
	    out->token_endpoint != NULL)
		rc = 0;
	else
		*why = "out of memory";
	pthread_mutex_unlock(&cache_lock);
	return rc;
}

int
sso_jwks_get(const char *issuer, int refresh, char **json, const char **why)
{
	struct entry	*e;
	struct arena	*a;
	struct sso_meta	 m;
	char		*uri = NULL, *body;
	long		 status;
	int64_t		 now = clock_now();
	json_t		*o;
	int		 rc = -1;

	*json = NULL;
	*why = NULL;
	if ((a = arena_new(1024 * 1024)) == NULL) {
		*why = "out of memory";
		return -1;
	}
	if (sso_discover(issuer, a, &m, why) != 0)
		goto out;
	pthread_mutex_lock(&cache_lock);
	e = entry_for(issuer);
	if (e != NULL && e->jwks != NULL && !refresh &&
	    now - e->jwks_at < DISCOVERY_TTL) {
		*json = strdup(e->jwks);
		pthread_mutex_unlock(&cache_lock);
		rc = *json != NULL ? 0 : -1;
		goto out;
	}
	if (e != NULL && e->jwks_uri != NULL)
		uri = arena_strdup(a, e->jwks_uri);
	pthread_mutex_unlock(&cache_lock);
	if (uri == NULL) {
		*why = "the provider's keys are not known";
		goto out;
	}
	if (sso_http(a, uri, NULL, NULL, NULL, &status, &body) != 0 ||
	    status != 200) {
		*why = "the provider's keys could not be fetched";
		note_error(issuer, *why);
		goto out;
	}
	if ((o = json_loads(body, 0, NULL)) == NULL ||
	    !json_is_array(json_object_get(o, "keys"))) {
		json_decref(o);
		*why = "the provider's keys are not a JWK set";
		note_error(issuer, *why);
		goto out;
	}
	json_decref(o);
	if ((*json = strdup(body)) == NULL)
		goto out;
	pthread_mutex_lock(&cache_lock);
	if ((e = entry_for(issuer)) != NULL) {
		free(e->jwks);
		e->jwks = strdup(body);
		e->jwks_at = now;
		e->error = NULL;
	}
	pthread_mutex_unlock(&cache_lock);
	rc = 0;
out:
	arena_free(a);
	return rc;
}

const char *
sso_last_error(const char *issuer, struct arena *a)
{
	const char	*why = NULL;
	size_t		 i;

	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < ncache; i++)
		if (strcmp(cache[i].issuer, issuer) == 0 && cache[i].error != NULL)
			why = cache[i].error;
	pthread_mutex_unlock(&cache_lock);
	(void)a;
	return why;
}
