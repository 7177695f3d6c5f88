/* mail_int.h: inside notify/'s e-mail: composing a message and sending
 * it over SMTP. Not for other modules. */
#ifndef ORDEN_NOTIFY_MAIL_INT_H
#define ORDEN_NOTIFY_MAIL_INT_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct mail_config;

/* A password reset's token, sealed in the outbox with a key that lives
 * only in this process (outbox.c): opened into out. 0, or -1 when it does
 * not open (made by an earlier run of the server). */
#define MAIL_SECRET_MAX	64
int	mail_secret_open(const char *sealed, char out[MAIL_SECRET_MAX + 1]);

/* The first digest time (MAIL_DIGEST_HOUR, local) after now. */
int64_t	mail_digest_due(int64_t now);

/* What one mail is about: one notification (kind, dev_id) or, with
 * ndigest > 0, a digest of that many. */
struct mail_what {
	const char	*kind;
	int64_t		 dev_id;
	size_t		 ndigest;
	const char	*secret;	/* a password reset's link token */
	int		 improvement;	/* 1: dev_id is an improvement proposal */
};
/* The whole RFC 5322 message (headers and a base64 text body) for to,
 * in the language already in use on this thread (i18n_use), into b.
 * base: where links point ("https://orden.kommune.no", no trailing
 * slash; "" for none). msgid: the Message-ID without the angle brackets.
 * 0, or -1 when an address would break the header (CR, LF, '<', '>'). */
int	mail_compose(struct buf *b, const struct mail_config *,
	    const char *to, const char *lang, const struct mail_what *,
	    const char *base, const char *msgid, int64_t now);
/* The domain of the sender's address, for Message-IDs ("orden.invalid"
 * when it has none). Borrowed from cfg->from. */
const char *mail_from_domain(const struct mail_config *);

/* Send message (a whole RFC 5322 text) from cfg->from to `to`. 0, or -1
 * with a short reason (the relay's answer, never a password) in err. */
int	mail_smtp_send(const struct mail_config *, const char *to,
	    const char *message, size_t len, char *err, size_t errsz);
/* Connect, EHLO, STARTTLS and AUTH without sending: the start-up check.
 * 0, or -1 with the reason in err. */
int	mail_smtp_check(const struct mail_config *, char *err, size_t errsz);

#endif
