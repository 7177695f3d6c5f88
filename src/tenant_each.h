/* tenant_each.h: the system acting in one municipality. The ticker, the
 * mail sender and the webhook sender work for every tenant in turn, with
 * no user and no request; they build the same context here and the two
 * senders share their look at an outbox. */
#ifndef ORDEN_TENANT_EACH_H
#define ORDEN_TENANT_EACH_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"

/* Fill ctx as the system in tenant t (no user, language nb, the clock's
 * now, remote_addr who: a literal that outlives ctx), on connection c of
 * db, with a fresh arena of at most arena_max bytes that ctx owns until
 * tenant_ctx_close(). t's strings must outlive ctx. 0 or -1 (no memory;
 * nothing to close). */
int	tenant_ctx_open(struct ctx *ctx, struct db *db, struct dbconn *c,
	    const struct tenant *t, const char *who, size_t arena_max);
/* Free ctx's arena; ctx may be opened again. */
void	tenant_ctx_close(struct ctx *ctx);

/* An outbox that a periodic thread empties: rows due for every tenant,
 * each handed to send() in its own tenant's system context. */
struct tenant_outbox {
	struct db	*db;		/* set before the first run */
	/* The one statement that crosses tenants: $1 now, $2 how many;
	 * columns tenant_id, id in the order they are due. */
	const char	*sql_due;
	const char	*who;		/* ctx.remote_addr: "mail", "webhook" */
	const char	*fail_event;	/* logged with the tenant's name when
					   send() fails */
	size_t		 arena_max;	/* one row's memory */
	/* Send row id of ctx's tenant t. 0 or a DB_* error. */
	int		(*send)(struct ctx *ctx, const struct tenant *t,
			    int64_t id);
};

/* One look at the outbox (a struct tenant_outbox *), on a connection of
 * its own: the job a struct periodic runs between its waits. */
void	tenant_outbox_run(void *outbox);

#endif
