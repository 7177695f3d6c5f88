/* webhook.h: webhooks (issue 17). The administrator subscribes a URL to
 * event types; each event of those types writes a delivery row in the
 * same transaction as the event (webhook_emit), and the sender thread of
 * `orden serve` posts it as JSON, signed with the subscription's secret:
 *
 *	Orden-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">
 *	Orden-Delivery: <delivery id, the same on every retry>
 *	Orden-Event: <event type>
 *
 * A payload carries identifiers and codes only (id, number, unit, category,
 * status, a link), never free text: a deviation's title or description may
 * carry personal data. Nothing of a whistleblowing case is ever an event
 * here: whistle/ never calls webhook_emit, and no event type names it.
 *
 * The module owns the tables webhooks and webhook_deliveries. */
#ifndef ORDEN_WEBHOOK_H
#define ORDEN_WEBHOOK_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct db;

/* The event types. New ones at the end, before WH_EVENT_MAX (the names
 * are the contract with receivers; the numbers are not stored). */
enum wh_event {
	WH_DEV_REPORTED,	/* deviation.reported */
	WH_DEV_ACKNOWLEDGED,	/* deviation.acknowledged */
	WH_DEV_TRANSFERRED,	/* deviation.transferred */
	WH_DEV_RETURNED,	/* deviation.returned */
	WH_DEV_CLOSED,		/* deviation.closed */
	WH_DEV_REOPENED,	/* deviation.reopened */
	WH_DEV_DUE,		/* deviation.due: its deadline is near */
	WH_DEV_OVERDUE,		/* deviation.overdue: escalated */
	WH_PING,		/* ping: `orden webhook test`, the admin's test */
	WH_MEASURE_ADDED,	/* measure.added: on a deviation, risk or
				   audit recommendation */
	WH_MEASURE_COMPLETED,	/* measure.completed */
	WH_DOC_PUBLISHED,	/* document.published: a version became current */
	WH_MEASURE_DUE,		/* measure.due: its due date has come, not done */
	WH_EVENT_MAX
};
/* "deviation.reported", ...; NULL for no event. */
const char	*webhook_event_name(enum wh_event);
/* 0 and *out, or -1 for another word. */
int		 webhook_event_parse(const char *, enum wh_event *);

/* What an event is about: identifiers and codes only. Strings may be NULL. */
struct wh_subject {
	const char	*kind;		/* "deviation", "improvement", "measure",
					   "document" */
	int64_t		 id;
	const char	*number;	/* AV-2026-000123 */
	int64_t		 unit_id;
	const char	*unit;		/* the unit's name */
	const char	*category;	/* a category code */
	const char	*status;	/* a status code */
	const char	*path;		/* the link's path: "/deviations/12" */
};

/* One delivery row for each live subscription of the tenant that hears
 * ev, in the caller's transaction (or none, then each insert is its own).
 * 0 or a DB_* error. */
int	webhook_emit(struct ctx *, enum wh_event ev, const struct wh_subject *);
/* Whether a live subscription of the tenant hears ev: 1, 0, or a DB_*
 * error. For a caller whose subject costs reads to make (a deviation's
 * names): most municipalities have no webhook, and then a submit need
 * not load the deviation it just wrote (bench/why.md, PostgreSQL). */
int	webhook_heard(struct ctx *, enum wh_event ev);

/* Result codes of the actions (the gate's pattern). */
enum wh_rc {
	WH_OK = 0,
	WH_FORBIDDEN = -20,
	WH_INVALID = -21,
	WH_NOTFOUND = -22,
	WH_ERROR = -23
};

#define WH_URL_MAX	2000
#define WH_SECRET_LEN	32			/* random bytes */
#define WH_SECRET_HEX	(WH_SECRET_LEN * 2 + 1)	/* shown once */

/* A subscription as the admin sees it (never its secret). */
struct webhook {
	int64_t		 id, created_at;
	const char	*url;			/* in the arena */
	unsigned	 events;		/* 1u << enum wh_event */
	int64_t		 pending, sent, failed;	/* its deliveries */
};

/* A new subscription of url to the events in the mask (AZ_WEBHOOK_ADMIN);
 * audited "webhook_add". secret gets the signing secret, shown only now.
 * *id the new row. WH_OK, WH_FORBIDDEN, WH_INVALID with *field ("url" or
 * "events"; *why a sentence for the user), or WH_ERROR. */
int	webhook_add(struct ctx *, const char *url, unsigned events,
	    int64_t *id, char secret[WH_SECRET_HEX], const char **field,
	    const char **why);
/* Stop a subscription (AZ_WEBHOOK_ADMIN): no more deliveries, those not
 * yet sent are dropped; audited "webhook_remove". WH_OK, WH_FORBIDDEN,
 * WH_NOTFOUND or WH_ERROR. */
int	webhook_remove(struct ctx *, int64_t id);
/* A ping delivery to subscription id now (AZ_WEBHOOK_ADMIN); audited
 * "webhook_test". WH_OK, WH_FORBIDDEN, WH_NOTFOUND or WH_ERROR. */
int	webhook_test(struct ctx *, int64_t id);
/* 1 when ctx may keep the webhooks (AZ_WEBHOOK_ADMIN, or the operator at
 * the command line), else 0: what the faces' gates ask; every function
 * here asks again. */
int	webhook_right(struct ctx *);
/* 1 when subscription id is live in ctx's tenant, 0 when not, or a
 * negative DB_* error (no access decision: the gates ask
 * webhook_right first). */
int	webhook_exists(struct ctx *, int64_t id);
/* The live subscriptions (AZ_WEBHOOK_ADMIN), in the arena. */
int	webhook_list(struct ctx *, struct webhook **out, size_t *n);

struct wh_delivery {
	int64_t		 id, webhook_id, created_at, tries, status;
	int64_t		 sent_at, failed_at;	/* 0: not */
	const char	*event, *delivery_id, *error;
};
#define WH_DELIVERIES_SHOWN 50
/* The newest deliveries of subscription id (0: of all), at most max
 * (AZ_WEBHOOK_ADMIN). WH_OK, WH_FORBIDDEN, WH_ERROR. */
int	webhook_deliveries(struct ctx *, int64_t id, size_t max,
	    struct wh_delivery **out, size_t *n);

/* The mask of a comma-separated list of event names ("" or NULL: none).
 * 0, or -1 with *bad the first unknown name (in the arena). */
int	webhook_events_parse(struct ctx *, const char *list, unsigned *mask,
	    const char **bad);
/* The mask as such a list, in the arena. */
const char *webhook_events_format(struct ctx *, unsigned mask);

/* --- the URL policy (SSRF) ---------------------------------------------- */
/* Whether private, loopback, link-local and metadata addresses may be
 * targets (the operator's --webhook-allow-private; tests). Default no. */
void	webhook_allow_private(int yes);
int	webhook_private_allowed(void);
/* 0 when url may be subscribed: https (http only when private addresses
 * are allowed), a host, no user or password, at most WH_URL_MAX. -1 with
 * *why (untranslated N_ text) otherwise. The address is checked again at
 * each connection. */
int	webhook_url_check(const char *url, const char **why);

/* --- the sender (serve) -------------------------------------------------- */
struct webhook_config {
	int	tries;		/* failed after this many */
	int	retry;		/* first wait after a failure, seconds; doubled */
	int	poll;		/* seconds between looks at the deliveries */
	int	timeout;	/* seconds for one request */
};
#define WH_TRIES_DEFAULT	8
#define WH_RETRY_DEFAULT	60
#define WH_POLL_DEFAULT		5
#define WH_TIMEOUT_DEFAULT	10
/* Start the sender thread on its own connection of db (after
 * curl_global_init). 0 or -1. */
int	webhook_start(struct db *, const struct webhook_config *);
void	webhook_stop(void);

#endif
