/* unit_close.c: a unit is closed into another (org/close.c): the
 * deviations and improvement proposals still open there move to the
 * receiving unit as a transfer moves one (actions.c, act_transfer): the
 * row, a public "transferred" event, the receiving unit's handlers and
 * the reporter told, the kept counts moved (counts.h). Unlike a
 * transfer the state is kept: an acknowledged case stays acknowledged
 * (the work done on it is not undone by a reorganisation), and one
 * routed to a role (handler_role) stays with that role. Closed ones stay
 * where they were, so that history and statistics keep the old unit.
 *
 * Access is the org gate's (org_unit_close asks authz/ AZ_ORG_MANAGE):
 * this is the deviation module's own function that moves its own rows,
 * called only from inside that gate's transaction. */
#include "deviation/deviation.h"

#include <stdio.h>

#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/dev_int.h"
#include "store/store.h"
#include "store/store_vals.h"
#include "util/arena.h"

static const char SQL_OPEN_OF_UNIT[] =
    "SELECT id FROM deviations WHERE tenant_id = $1"
    " AND (unit_id = $2 OR handler_unit_id = $2)"
    " AND status IN ('new', 'acknowledged', 'returned') ORDER BY id";
/* Either column that named the closed unit names the receiving one. */
static const char SQL_MOVE[] =
    "UPDATE deviations SET"
    " unit_id = CASE WHEN unit_id = $3 THEN $4 ELSE unit_id END,"
    " handler_unit_id = CASE WHEN handler_unit_id = $3 THEN $4"
    " ELSE handler_unit_id END, updated_at = $5"
    " WHERE tenant_id = $1 AND id = $2";

/* The ids first (a statement is not stepped while others run on the
 * connection), into the arena. */
static int
open_ids(struct ctx *ctx, int64_t from, int64_t **ids, size_t *n)
{
	struct dbstmt	*st;
	void		*v = NULL;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_OPEN_OF_UNIT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, from);
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, &v, *n, &cap, sizeof(**ids)) != 0) {
			rc = DB_ERR;
			break;
		}
		((int64_t *)v)[(*n)++] = db_col_int(st, 0);
	}
	db_reset(st);
	*ids = v;
	return rc == DB_DONE ? DB_OK : (rc < 0 ? rc : DB_ERR);
}

static int
move_one(struct ctx *ctx, int64_t id, int64_t from, int64_t to,
    const char *text)
{
	struct deviation	 d;
	struct dev_cell		 before;
	char			 detail[96];
	int64_t			*ids, actor = ctx->user != NULL ? ctx->user->id : 0;
	size_t			 n;
	int			 rc;

	if ((rc = deviation_get(ctx, id, &d)) != 0)
		return rc < 0 ? rc : DB_ERR;
	dev_cell_of(&d, &before);
	if ((rc = DB_RUN(ctx->conn, ctx->tenant_id, SQL_MOVE, DB_I(id),
	    DB_I(from), DB_I(to), DB_I(ctx->now))) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "from=%lld to=%lld unit_closed",
	    (long long)d.unit_id, (long long)(d.unit_id == from ? to :
	    d.unit_id));
	if ((rc = dev_event_add(ctx, id, "transferred", 1, text, detail)) != 0)
		return rc;
	/* Who handles it now hears of it, as after a transfer. */
	if ((rc = dev_handlers_for(ctx, d.handler_unit_id == from ? to :
	    d.handler_unit_id, d.handler_role, actor, &ids, &n)) != 0)
		return rc;
	if ((rc = dev_notify_many(ctx, ids, n, id, d.kind, "transferred",
	    d.title)) < 0)
		return rc;
	/* The receipt promises the reporter to hear of a transfer. */
	if (d.reporter_id > 0 && d.reporter_id != actor &&
	    (rc = dev_notify(ctx, d.reporter_id, id, d.kind, "transferred",
	    d.title)) < 0)
		return rc;
	return dev_counts_moved(ctx, id, &before);
}

int
deviation_unit_closed(struct ctx *ctx, int64_t from, int64_t to,
    const char *text, int64_t *moved)
{
	int64_t	*ids;
	size_t	 n, i;
	int	 rc;

	*moved = 0;
	if (from <= 0 || to <= 0 || from == to)
		return DB_ERR;
	if ((rc = open_ids(ctx, from, &ids, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = move_one(ctx, ids[i], from, to, text)) != 0)
			return rc;
		(*moved)++;
	}
	return DB_OK;
}
