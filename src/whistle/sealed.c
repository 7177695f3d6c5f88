/* sealed.c: the case keys sealed to one holder, read in one pass
 * (sealed.h). */
#include "whistle/sealed.h"

#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

int
wb_sealed_read(struct ctx *ctx, const char *sql, struct wb_sealed *out)
{
	struct dbstmt	*st;
	unsigned char	(*ns)[VAULT_SEALED];
	int64_t		*nids;
	size_t		 cap = 0, blen;
	const void	*blob;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		blob = db_col_blob(st, 1, &blen);
		if (blob == NULL || blen != VAULT_SEALED)
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			nids = arena_alloc(ctx->arena, cap * sizeof(*nids));
			ns = arena_alloc(ctx->arena, cap * sizeof(*ns));
			if (nids == NULL || ns == NULL) {
				rc = DB_ERR;
				break;
			}
			if (out->n > 0) {
				memcpy(nids, out->ids, out->n * sizeof(*nids));
				memcpy(ns, out->sealed, out->n * sizeof(*ns));
			}
			out->ids = nids;
			out->sealed = ns;
		}
		out->ids[out->n] = db_col_int(st, 0);
		memcpy(out->sealed[out->n], blob, VAULT_SEALED);
		out->n++;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}
