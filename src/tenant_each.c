/* tenant_each.c: see tenant_each.h. */
#include "tenant_each.h"

#include <string.h>

#include "store/store.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/log.h"

/* Rows per look; the rest wait for the next. */
#define OUTBOX_BATCH	20

int
tenant_ctx_open(struct ctx *ctx, struct db *db, struct dbconn *c,
    const struct tenant *t, const char *who, size_t arena_max)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->db = db;
	ctx->conn = c;
	ctx->tenant_id = t->id;
	ctx->tenant_uid = t->uid;
	ctx->tenant_name = t->name;
	ctx->lang = "nb";
	ctx->now = clock_now();
	ctx->remote_addr = who;
	if ((ctx->arena = arena_new(arena_max)) == NULL)
		return -1;
	return 0;
}

void
tenant_ctx_close(struct ctx *ctx)
{
	arena_free(ctx->arena);
	ctx->arena = NULL;
}

/* The due rows first, all of them read before any is sent: a send opens
 * statements of its own on the same connection. */
static void
outbox_pass(const struct tenant_outbox *o, struct dbconn *c)
{
	struct dbstmt	*st;
	struct ctx	 ctx;
	struct tenant	 t;
	int64_t		 tid[OUTBOX_BATCH], id[OUTBOX_BATCH];
	size_t		 n = 0, i;
	int		 rc;

	if (db_prepare_global(c, o->sql_due, &st) != DB_OK)
		return;
	db_bind_int(st, 1, clock_now());
	db_bind_int(st, 2, OUTBOX_BATCH);
	while ((rc = db_step(st)) == DB_ROW && n < OUTBOX_BATCH) {
		tid[n] = db_col_int(st, 0);
		id[n++] = db_col_int(st, 1);
	}
	db_reset(st);
	for (i = 0; i < n; i++) {
		/* The tenant as the row names it; its name and uid are read
		 * into the row's own memory. */
		memset(&t, 0, sizeof(t));
		t.id = tid[i];
		if (tenant_ctx_open(&ctx, o->db, c, &t, o->who, o->arena_max)
		    != 0)
			return;
		if (tenant_get(c, ctx.arena, tid[i], &t) == 0) {
			ctx.tenant_uid = t.uid;
			ctx.tenant_name = t.name;
			if (o->send(&ctx, &t, id[i]) != 0)
				log_event(o->fail_event, "tenant", t.name, NULL);
		}
		tenant_ctx_close(&ctx);
	}
}

void
tenant_outbox_run(void *outbox)
{
	const struct tenant_outbox *o = outbox;
	struct dbconn *c;

	c = db_acquire(o->db);
	outbox_pass(o, c);
	db_release(o->db, c);
}
