/* mail.h: notifications by e-mail (issue 17). notify_send() (notify.h)
 * writes a mail_outbox row in the same transaction as the notification,
 * for a person with an address whose choice is not "off"; the sender
 * thread of `orden serve` delivers the rows over SMTP (libcurl), with
 * retries and backoff, and marks a row failed after the last try.
 *
 * A mail says only that something waits and links to it: never a
 * deviation's title or text, never more of a whistleblowing case than
 * "a case needs you", never a name. It is composed at send time in the
 * recipient's language from the notification's kind and the deviation's
 * id; the outbox holds no text. Delivery is at least once: a send that
 * dies before it is marked is sent again, with the same Message-ID. */
#ifndef ORDEN_NOTIFY_MAIL_H
#define ORDEN_NOTIFY_MAIL_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct db;

/* --- a person's choice ---------------------------------------------------- */
enum mail_mode { MAIL_NOW, MAIL_DIGEST, MAIL_OFF, MAIL_MODE_MAX };
#define MAIL_MODE_DEFAULT MAIL_NOW	/* a leader learns at once that a case waits */
/* "now", "digest", "off". */
const char	*mail_mode_name(enum mail_mode);
/* 0 and *out, or -1 for another word. */
int		 mail_mode_parse(const char *, enum mail_mode *);
/* The choice of person_id (MAIL_MODE_DEFAULT without one), or a negative
 * DB_* error. lang (may be NULL) gets the language chosen for the mails,
 * "" when none was. */
int		 mail_mode_get(struct ctx *, int64_t person_id, char lang[3]);

/* Result codes of the actions below (the gate's pattern). */
enum mail_rc {
	MAIL_OK = 0,
	MAIL_FORBIDDEN = -20,
	MAIL_INVALID = -21,
	MAIL_NOTFOUND = -22,
	MAIL_ERROR = -23
};
/* ctx->user sets their own choice (AZ_MAIL_PREFS) and the language of
 * their mails (nb, nn or en; NULL: the language of the request); audited
 * "mail_prefs_set". MAIL_OK, MAIL_FORBIDDEN, MAIL_INVALID (lang) or
 * MAIL_ERROR. */
int		 mail_mode_set(struct ctx *, enum mail_mode, const char *lang);
/* 1 for "nb", "nn" and "en". */
int		 mail_lang_valid(const char *);
/* What a face may offer ctx->user (rights.c): their own choice
 * (AZ_MAIL_PREFS), the outbox and its retry (AZ_MAIL_ADMIN). 1 or 0;
 * nobody signed in has either. The actions above and below ask again. */
enum mail_right { MAIL_RIGHT_PREFS, MAIL_RIGHT_ADMIN };
int		 mail_right(struct ctx *, enum mail_right);

/* --- what the administrator sees ------------------------------------------ */
struct mail_failure {
	int64_t		 id, created_at, failed_at, tries;
	const char	*kind, *login, *error;	/* in the arena */
};
struct mail_overview {
	int64_t			 pending, failed, sent;
	struct mail_failure	*failures;	/* the newest MAIL_FAILURES_SHOWN */
	size_t			 nfailures;
};
#define MAIL_FAILURES_SHOWN 50
/* The tenant's outbox in numbers and its newest failures, for the admin
 * (AZ_MAIL_ADMIN). MAIL_OK, MAIL_FORBIDDEN or MAIL_ERROR. */
int	mail_overview(struct ctx *, struct mail_overview *out);
/* Send the failed rows again from now (AZ_MAIL_ADMIN); audited
 * "mail_retry". The number of rows, MAIL_FORBIDDEN or MAIL_ERROR. */
int	mail_retry_failed(struct ctx *);

/* --- the sender (serve) ---------------------------------------------------- */
enum mail_tls { MAIL_TLS_REQUIRE, MAIL_TLS_NONE };
struct mail_config {
	const char	*smtp_url;	/* smtp://host:587, smtps://host:465;
					   NULL: no mail is sent */
	const char	*from;		/* the sender's address */
	const char	*user;		/* NULL: no authentication */
	const char	*password;	/* copied; wiped at mail_stop */
	enum mail_tls	 tls;		/* STARTTLS required (smtp://) or not */
	int		 tries;		/* failed after this many */
	int		 retry;		/* first wait after a failure, seconds;
					   doubled after each, at most 6 hours */
	int		 poll;		/* seconds between looks at the outbox */
	int		 digest_hour;	/* local hour of the daily digest */
};
#define MAIL_TRIES_DEFAULT	8
#define MAIL_RETRY_DEFAULT	60
#define MAIL_POLL_DEFAULT	10
#define MAIL_DIGEST_HOUR	7
/* Check the relay (connect, EHLO, STARTTLS, AUTH) and start the sender
 * thread on its own connection of db. A relay that refuses is logged and
 * shown on the admin page; the sender starts anyway and retries. Call
 * after curl_global_init. 0, or -1 when the thread cannot start. */
int	mail_start(struct db *, const struct mail_config *);
/* Stop the sender after the send in flight. */
void	mail_stop(void);
/* The relay's state for the admin page, copied into out: "" when mail is
 * not configured, else a short text (never a password). 1 when the last
 * contact with the relay worked, 0 when it failed, -1 when not configured. */
int	mail_status(char *out, size_t outsz);

/* --- used inside notify/ --------------------------------------------------- */
/* The outbox row for a notification (notify_send): nothing when the
 * person has no address or chose "off". report_kind: "deviation",
 * "improvement" or NULL (not about a report). 0 or a DB_* error. */
int	mail_enqueue(struct ctx *, int64_t person_id, int64_t dev_id,
	    const char *kind, const char *report_kind);
/* The e-mail with a password reset link (auth/forgot.c), whatever the
 * person's choice: token goes in the link and stays in the outbox row
 * only until it is sent or given up (MAIL_RESET_LIFETIME). 0 or a DB_*
 * error; nothing when the person has no address. */
#define MAIL_RESET_KIND		"password_reset"
#define MAIL_RESET_LIFETIME	(30 * 60)
int	mail_enqueue_reset(struct ctx *, int64_t person_id, const char *token);
/* Count every unsent row as sent (notify_settle: demo history is not
 * mailed). */
int	mail_settle(struct ctx *);

#endif
