/* legal_open.c: the legal clocks not yet met of the deviations ctx->user
 * handles, for the yearly wheel (wheel/others.c). Clocks are few (a
 * severe or personal-data deviation starts one), so the tenant's open
 * ones are read first and each deviation is then asked of authz/ the
 * same way its page asks: who may handle it sees its clocks, no one else. */
#include "deviation/deviation.h"

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/dev_int.h"
#include "store/store.h"
#include "util/arena.h"

#define OPEN_MAX	500

static const char SQL_LEGAL_OPEN[] =
    "SELECT deviation_id, authority, due_at FROM legal_deadlines"
    " WHERE tenant_id = $1 AND done_at IS NULL"
    " ORDER BY due_at, deviation_id, authority LIMIT 500";

int
deviation_legal_open(struct ctx *ctx, struct dev_legal_open **out, size_t *n)
{
	struct dbstmt		*st;
	struct dev_legal_open	*all, *v = NULL;
	struct deviation	 d;
	size_t			 len = 0, cap = 0, nall = 0, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (ctx->user == NULL)
		return 0;
	if ((all = arena_alloc(ctx->arena, OPEN_MAX * sizeof(*all))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LEGAL_OPEN,
	    &st)) != DB_OK)
		return rc;
	while (nall < OPEN_MAX && (rc = db_step(st)) == DB_ROW) {
		all[nall].dev_id = db_col_int(st, 0);
		all[nall].authority = arena_strdup(ctx->arena, db_col_text(st, 1));
		all[nall].due_at = db_col_int(st, 2);
		all[nall].number = NULL;
		if (all[nall++].authority == NULL) {
			rc = DB_ERR;
			break;
		}
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < nall; i++) {
		/* The clocks of one deviation come together only by chance
		 * (ordered by time), so each is asked; few ever are. */
		if ((rc = deviation_get(ctx, all[i].dev_id, &d)) != 0) {
			if (rc == DEV_ERR_NOTFOUND)
				continue;
			return rc;
		}
		if (!authz_dev_can(ctx, AZ_DEV_HANDLE, &d))
			continue;
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0)
			return DB_ERR;
		v[len] = all[i];
		v[len++].number = d.number;
	}
	*out = v;
	*n = len;
	return 0;
}
