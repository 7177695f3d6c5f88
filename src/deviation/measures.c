/* measures.c: the measures (tiltak) of a deviation, each with a responsible
 * person and a due date, marked done when done. Changes go through
 * deviation_act (actions.c), which checks the state first. */
#include "deviation/deviation.h"

#include "ctx.h"
#include "deviation/dev_int.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_MEASURES[] =
    "SELECT m.id, m.text, m.responsible_id, p.name, m.due_at, m.done_at"
    " FROM measures m"
    " LEFT JOIN people p ON p.id = m.responsible_id AND p.tenant_id = m.tenant_id"
    " WHERE m.tenant_id = $1 AND m.deviation_id = $2 ORDER BY m.id";

int
deviation_measures(struct ctx *ctx, int64_t id, struct measure **out, size_t *n)
{
	struct dbstmt	*st;
	struct measure	*v = NULL, *m;
	size_t		 len = 0, cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MEASURES, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			goto out;
		}
		m = &v[len++];
		m->id = db_col_int(st, 0);
		m->text = arena_strdup(ctx->arena, db_col_text(st, 1));
		m->responsible_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
		m->responsible_name = arena_strdup(ctx->arena, db_col_text(st, 3));
		m->due_at = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
		m->done_at = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
		if (m->text == NULL) {
			rc = DB_ERR;
			goto out;
		}
	}
	if (rc != DB_DONE)
		goto out;
	rc = 0;
	*out = v;
	*n = len;
out:
	db_reset(st);
	return rc;
}
