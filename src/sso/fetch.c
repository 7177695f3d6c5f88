/* fetch.c: the one HTTP client of sso/ (libcurl): discovery documents,
 * keys and the token endpoint. Only http and https, no redirects followed
 * (a provider's endpoints are named in its discovery document), short
 * timeouts so that a provider that does not answer gives the person a
 * clear page instead of a hung request, and a size cap. */
#include "sso/sso.h"

#include <curl/curl.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"

#define FETCH_MAX		(512 * 1024)	/* a JWKS or a token answer is small */
#define FETCH_CONNECT_TIMEOUT	5L
#define FETCH_TIMEOUT		10L

static size_t
fetch_write(char *p, size_t size, size_t n, void *cls)
{
	struct buf *b = cls;

	if (buf_append(b, p, size * n) != 0)
		return 0;	/* too big: curl stops with an error */
	return size * n;
}

int
sso_http(struct arena *a, const char *url, const char *post_form,
    const char *basic_user, const char *basic_pass, long *status, char **body)
{
	CURL		*c;
	struct buf	 b;
	CURLcode	 rc;
	int		 ret = -1;

	*status = 0;
	*body = NULL;
	buf_init(&b, FETCH_MAX);
	if ((c = curl_easy_init()) == NULL)
		return -1;
	if (curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, FETCH_CONNECT_TIMEOUT) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_TIMEOUT, FETCH_TIMEOUT) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_MAXFILESIZE, (long)FETCH_MAX) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_USERAGENT, "Orden") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fetch_write) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b) != CURLE_OK)
		goto out;
	if (post_form != NULL &&
	    curl_easy_setopt(c, CURLOPT_POSTFIELDS, post_form) != CURLE_OK)
		goto out;
	/* client_secret_basic: the secret in the Authorization header, not
	 * in a body a proxy might log. */
	if (basic_user != NULL && basic_pass != NULL &&
	    (curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_USERNAME, basic_user) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PASSWORD, basic_pass) != CURLE_OK))
		goto out;
	if ((rc = curl_easy_perform(c)) != CURLE_OK || buf_failed(&b))
		goto out;
	if (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status) != CURLE_OK)
		goto out;
	if ((*body = arena_strndup(a, b.len ? b.data : "", b.len)) == NULL)
		goto out;
	ret = 0;
out:
	curl_easy_cleanup(c);
	buf_free(&b);
	return ret;
}
