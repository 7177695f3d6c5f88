/* smtp.c: one message to one recipient over SMTP with libcurl (mail_int.h).
 * smtp:// with STARTTLS required unless the configuration says "none"
 * (a relay on the same host); smtps:// is TLS from the start. The reason
 * of a failure is curl's text and the relay's reply code: never an
 * address or a password, so it may be logged and shown to the admin. */
#include "notify/mail.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "notify/mail_int.h"

#define SMTP_CONNECT_TIMEOUT	10L
#define SMTP_TIMEOUT		60L

struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload	*u = arg;
	size_t		 n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* A curl handle set up for the relay; NULL when out of memory. */
static CURL *
smtp_handle(const struct mail_config *cfg)
{
	CURL *c;

	if ((c = curl_easy_init()) == NULL)
		return NULL;
	curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, SMTP_CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, SMTP_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_USE_SSL, cfg->tls == MAIL_TLS_NONE ?
	    (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
	if (cfg->user != NULL && *cfg->user != '\0') {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD,
		    cfg->password != NULL ? cfg->password : "");
	}
	return c;
}

static void
reason(CURL *c, CURLcode cc, char *err, size_t errsz)
{
	long code = 0;

	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (code > 0)
		snprintf(err, errsz, "%s (SMTP %ld)", curl_easy_strerror(cc), code);
	else
		snprintf(err, errsz, "%s", curl_easy_strerror(cc));
}

int
mail_smtp_send(const struct mail_config *cfg, const char *to,
    const char *message, size_t len, char *err, size_t errsz)
{
	struct curl_slist	*rcpt = NULL;
	struct upload		 u = { message, len };
	char			 from[512], rc_to[512];
	CURL			*c;
	CURLcode		 cc;
	int			 n;

	err[0] = '\0';
	n = snprintf(from, sizeof(from), "<%s>", cfg->from);
	if (n < 0 || (size_t)n >= sizeof(from) ||
	    (n = snprintf(rc_to, sizeof(rc_to), "<%s>", to)) < 0 ||
	    (size_t)n >= sizeof(rc_to)) {
		snprintf(err, errsz, "address too long");
		return -1;
	}
	if ((c = smtp_handle(cfg)) == NULL ||
	    (rcpt = curl_slist_append(NULL, rc_to)) == NULL) {
		snprintf(err, errsz, "out of memory");
		curl_easy_cleanup(c);
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	if ((cc = curl_easy_perform(c)) != CURLE_OK)
		reason(c, cc, err, errsz);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return cc == CURLE_OK ? 0 : -1;
}

int
mail_smtp_check(const struct mail_config *cfg, char *err, size_t errsz)
{
	CURL		*c;
	CURLcode	 cc;

	err[0] = '\0';
	if ((c = smtp_handle(cfg)) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	/* Up to the end of the connection phase: greeting, EHLO, STARTTLS
	 * and AUTH; then nothing is sent. */
	curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
	if ((cc = curl_easy_perform(c)) != CURLE_OK)
		reason(c, cc, err, errsz);
	curl_easy_cleanup(c);
	return cc == CURLE_OK ? 0 : -1;
}
