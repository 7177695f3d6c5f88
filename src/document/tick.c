/* tick.c: yearly revision at work (orden tick). The owner of a current
 * document is reminded DOC_REMIND_AHEAD before its next revision date and
 * again when the date has passed; each once per date (remind_ahead_at,
 * remind_over_at, cleared when the date moves), so running twice at the
 * same time makes nothing new. */
#include "document/document.h"

#include <string.h>

#include "ctx.h"
#include "notify/notify.h"
#include "store/store.h"
#include "store/store_vals.h"
#include "store/store_tx.h"
#include "util/arena.h"

static const char SQL_DUE[] =
    "SELECT id, code, title, owner_id, next_revision,"
    " remind_ahead_at IS NULL, remind_over_at IS NULL FROM documents"
    " WHERE tenant_id = $1 AND status = 'current' AND next_revision IS NOT NULL"
    " AND ((remind_ahead_at IS NULL AND next_revision <= $3)"
    "  OR (remind_over_at IS NULL AND next_revision <= $2))"
    " ORDER BY id";
static const char SQL_MARK_AHEAD[] =
    "UPDATE documents SET remind_ahead_at = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_MARK_OVER[] =
    "UPDATE documents SET remind_over_at = $3, remind_ahead_at = $3"
    " WHERE tenant_id = $1 AND id = $2";

struct due {
	int64_t		 id, owner, next;
	const char	*text;
	int		 ahead, over;
};

int
document_tick(struct ctx *ctx)
{
	struct dbstmt	*st;
	struct due	*v = NULL;
	size_t		 n = 0, cap = 0, i;
	int		 rc, own, sent = 0;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DUE, &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, ctx->now);
	db_bind_int(st, 3, ctx->now + DOC_REMIND_AHEAD);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			struct due *nv = arena_alloc(ctx->arena,
			    (cap ? 2 * cap : 16) * sizeof(*nv));

			if (nv == NULL) {
				rc = DB_ERR;
				break;
			}
			if (v != NULL)
				memcpy(nv, v, n * sizeof(*v));
			v = nv;
			cap = cap ? 2 * cap : 16;
		}
		v[n].id = db_col_int(st, 0);
		v[n].text = arena_printf(ctx->arena, "%s %s", db_col_text(st, 1),
		    db_col_text(st, 2));
		v[n].owner = db_col_int(st, 3);
		v[n].next = db_col_int(st, 4);
		v[n].ahead = db_col_int(st, 5) != 0;
		v[n].over = db_col_int(st, 6) != 0;
		n++;
	}
	db_reset(st);
	if (rc != DB_DONE) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	rc = 0;
	for (i = 0; i < n && rc == 0; i++) {
		if (v[i].next <= ctx->now && v[i].over) {
			if ((rc = notify_send(ctx, v[i].owner, 0,
			    "doc_revision_overdue", v[i].text)) == 0)
				rc = DB_RUN(ctx->conn, ctx->tenant_id,
				    SQL_MARK_OVER, DB_I(v[i].id), DB_I(ctx->now));
		} else if (v[i].ahead) {
			if ((rc = notify_send(ctx, v[i].owner, 0,
			    "doc_revision_due", v[i].text)) == 0)
				rc = DB_RUN(ctx->conn, ctx->tenant_id,
				    SQL_MARK_AHEAD, DB_I(v[i].id), DB_I(ctx->now));
		} else
			continue;
		sent++;
	}
out:
	rc = db_tx_finish(ctx->conn, own, rc);
	return rc < 0 ? rc : sent;
}
