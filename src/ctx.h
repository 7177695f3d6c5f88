/* ctx.h: the request context. Every module function that touches tenant
 * data takes it; the tenant filter, the acting user and the clock come from
 * here and nowhere else. Built by http/ for a request, by cli/ for a command. */
#ifndef ORDEN_CTX_H
#define ORDEN_CTX_H

#include <stdint.h>

#include "org/org.h"

struct db;
struct dbconn;
struct arena;

/* A write handed to group commit to run while the request waits without
 * its thread (store/group.h db_group_post). The HTTP server gives one to
 * a request whose connection it can suspend; a model that would call
 * db_group_run fills fn and arg instead (arg in the arena) and returns
 * CTX_LATER_QUEUED, the handler returns at once, and the server calls the
 * handler again once the batch committed, with rc and state
 * CTX_LATER_DONE: then the model returns the result of that run. */
#define CTX_LATER_QUEUED	1	/* a model's result: queued, not done */
enum ctx_later_state { CTX_LATER_NONE, CTX_LATER_PENDING, CTX_LATER_DONE };
struct ctx_later {
	enum ctx_later_state	  state;
	int			(*fn)(struct dbconn *, void *);
	void			 *arg;
	int			  rc;	/* fn's result once done */
};

struct ctx {
	struct db	*db;
	struct dbconn	*conn;		/* borrowed from db for this request */
	struct arena	*arena;		/* request memory, freed at the end */
	int64_t		 tenant_id;	/* 0 only for tenant-less tools */
	/* The municipality's identity in hashes and key bindings (audit
	 * chain, wrapped person keys): tenants.uid, which travels with the
	 * data when `orden migrate` moves it to a database where tenant_id
	 * differs. Filled wherever tenant_id is filled from a tenant; 0 in a
	 * hand-built context, and tenant_uid() (org.h) reads it then. */
	int64_t		 tenant_uid;
	const char	*tenant_name;
	struct person	*user;		/* NULL when anonymous; in arena */
	struct roleset	 roles;		/* the user's role assignments */
	const char	*lang;		/* "nb" or "en" */
	int64_t		 now;		/* seconds, UTC, from clock_now() */
	const char	*remote_addr;	/* textual client address */
	int		 via_token;	/* authenticated by API bearer token */
	/* 0, or the moment (the real now, when ctx->now replays history)
	 * after which the notices made now are e-mailed in the next digest,
	 * even to a person who chose "now": history (an imported row, an
	 * escalation of a deadline long past), notify/outbox.c mail_enqueue. */
	int64_t		 mail_digest;
	/* 1: no notices are made (notify_send does nothing, the deviation
	 * module looks for no one to tell, and no webhook hears): the replay of a row an
	 * import brings in already closed, whose notices nobody is to get
	 * (deviation/import.c). */
	int		 notify_quiet;
	/* The whistleblowing case whose read this request (or command) has
	 * audited already: one page view is one whistle_read row, however
	 * many parts of the case it opens. 0: none yet. */
	int64_t		 wb_read_audited;
	/* NULL, or where a write may wait for group commit (above). */
	struct ctx_later *later;
	/* The signed-in user's unread notices, read with a page's own reads
	 * (notification_unread_end): the layout's count without a round
	 * trip of its own on PostgreSQL (bench/why.md, w21-pgread). 0 in
	 * unread_known: not read, the layout asks. */
	int		 unread_known;
	int		 unread;
};

/* The second call of a handler whose write was queued (struct ctx_later). */
static inline int
ctx_resumed(const struct ctx *ctx)
{
	return ctx->later != NULL && ctx->later->state == CTX_LATER_DONE;
}

#endif
