/* sole.c: the cases that would be lost without a person. A case whose
 * last current handler leaves the municipality has nobody left to open
 * it: the reporter waits for an answer that cannot come, and everyone
 * else, the administrator too, gets 404 on it by design. So authz asks,
 * before a person's access ends, whether they still handle an open case
 * alone (authz_person_deactivate_ok); the answer is a count, nothing of
 * the cases themselves. */
#include "whistle/wb_int.h"

#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "whistle/wb_authz.h"

/* The person's open cases with each other current handler (NULL when
 * there is none), by case. Whether those others are still active is
 * org/'s to say, asked per row below. */
static const char SQL_OPEN_WITH_OTHERS[] =
    "SELECT h.case_id, o.person_id FROM whistle_handlers h"
    " JOIN whistle_cases c ON c.tenant_id = h.tenant_id AND c.id = h.case_id"
    " LEFT JOIN whistle_handlers o ON o.tenant_id = h.tenant_id"
    " AND o.case_id = h.case_id AND o.person_id <> h.person_id"
    " AND o.recused_at IS NULL"
    " WHERE h.tenant_id = $1 AND h.person_id = $2 AND h.recused_at IS NULL"
    " AND c.state NOT IN ('closed', 'not_whistleblowing')"
    " ORDER BY h.case_id";

struct pair {
	int64_t	case_id;
	int64_t	other;		/* 0: no other current handler */
};

int
whistle_sole_handler_open(struct ctx *ctx, int64_t person_id)
{
	struct dbstmt	*st;
	struct pair	*v = NULL;
	struct person	 p;
	size_t		 len = 0, cap = 0, i;
	int64_t		 cur = 0;
	int		 rc, covered = 1, n = 0;

	if (ctx == NULL || person_id <= 0)
		return 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_OPEN_WITH_OTHERS, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	/* Read all rows first: org_person_get below runs statements of its
	 * own, which must not interleave with this one on every backend. */
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap,
		    sizeof(*v)) != 0) {
			db_reset(st);
			return DB_ERR;
		}
		v[len].case_id = db_col_int(st, 0);
		v[len].other = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	/* Rows come by case: a case counts when none of its other handlers
	 * is an active person. */
	for (i = 0; i < len; i++) {
		if (v[i].case_id != cur) {
			if (cur != 0 && !covered)
				n++;
			cur = v[i].case_id;
			covered = 0;
		}
		if (!covered && v[i].other > 0 &&
		    org_person_get(ctx, v[i].other, &p) == 0 && p.active)
			covered = 1;
	}
	if (cur != 0 && !covered)
		n++;
	return n;
}

/* Every open case with each current handler (NULL when it has none), by
 * case. */
static const char SQL_OPEN_HANDLERS[] =
    "SELECT c.id, c.number, h.person_id FROM whistle_cases c"
    " LEFT JOIN whistle_handlers h ON h.tenant_id = c.tenant_id"
    " AND h.case_id = c.id AND h.recused_at IS NULL"
    " WHERE c.tenant_id = $1"
    " AND c.state NOT IN ('closed', 'not_whistleblowing')"
    " ORDER BY c.id";

struct row {
	int64_t		 case_id, person;	/* person 0: no current handler */
	const char	*number;
};

int
wb_unhandled(struct ctx *ctx, int64_t **ids, const char ***numbers, size_t *n)
{
	struct dbstmt	*st;
	struct row	*v = NULL;
	struct person	 p;
	int64_t		*oid = NULL;
	const char	**onum = NULL;
	size_t		 len = 0, cap = 0, ocap = 0, ncap = 0, i, j;
	int		 rc, covered;

	*ids = NULL;
	*numbers = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_OPEN_HANDLERS, &st)) != DB_OK)
		return rc;
	/* All rows first, as in whistle_sole_handler_open. */
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap,
		    sizeof(*v)) != 0) {
			db_reset(st);
			return DB_ERR;
		}
		v[len].case_id = db_col_int(st, 0);
		v[len].number = arena_strdup(ctx->arena, db_col_text(st, 1));
		v[len].person = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < len; i = j) {
		covered = 0;
		for (j = i; j < len && v[j].case_id == v[i].case_id; j++)
			if (!covered && v[j].person > 0 &&
			    org_person_get(ctx, v[j].person, &p) == 0 && p.active)
				covered = 1;
		if (covered)
			continue;
		if (arena_grow(ctx->arena, (void **)&oid, *n, &ocap,
		    sizeof(*oid)) != 0 || arena_grow(ctx->arena,
		    (void **)&onum, *n, &ncap, sizeof(*onum)) != 0)
			return DB_ERR;
		oid[*n] = v[i].case_id;
		onum[*n] = v[i].number;
		(*n)++;
	}
	*ids = oid;
	*numbers = onum;
	return 0;
}

int
whistle_unhandled(struct ctx *ctx, const char ***numbers, size_t *n)
{
	int64_t *ids;

	return wb_unhandled(ctx, &ids, numbers, n);
}
