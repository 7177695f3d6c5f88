/* list.c: lists of deviations, one page at a time, by a statement that
 * names only the filters that are set.
 *
 * Why not one statement with every filter optional ("$n IS NULL OR ..."):
 * the planner must then choose one plan for every combination and can use
 * no index beyond tenant_id, so each page walked all of a municipality's
 * history (bench/why.md). Here the WHERE clause holds a plain term per
 * filter that is set, so the indexes of migration 0012 serve each shape:
 * the inbox by (handler unit, deadline), lists by (unit | category |
 * reporter, reported_at). Pages follow the last row's sort key (keyset),
 * never OFFSET, and a list's count stops at DEV_COUNT_CAP + 1.
 *
 * The statement text depends only on which filters are set, never on their
 * values (those are bound), so there are few distinct texts. Each is kept
 * for the life of the process (intern), because the store caches prepared
 * statements by the SQL pointer (store.h); past INTERN_MAX texts a
 * statement is prepared once for the request (db_prepare_dynamic). */
#include "deviation/deviation.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "deviation/dev_int.h"
#include "deviation/dev_sql.h"
#include "org/ancestry.h"
#include "store/store.h"

#define LIST_LIMIT_DEFAULT	50
#define LIST_LIMIT_MAX		1000
#define INTERN_MAX		256
#define LIST_LATE_MAX		100	/* pages up to this join late (q_build) */

/* The deadline a list shows (deviation_deadline), as SQL: the sort key of
 * the inbox. None sorts last. The same text is indexed in migration 0012
 * (without the alias), which is what lets the planner use that index. */
#define DEV_SQL_DEADLINE \
    "(CASE WHEN d.status = 'new' AND d.ack_due_at > 0 AND (d.due_at IS NULL" \
    " OR d.due_at <= 0 OR d.ack_due_at < d.due_at) THEN d.ack_due_at" \
    " WHEN d.due_at > 0 THEN d.due_at ELSE 9223372036854775807 END)"

/*
 * led: the units the acting person leads and everything under them (a
 * tenant-wide leader grant leads every unit); sub: the filter unit's
 * subtree. Both read org/'s closure of the unit tree (org/ancestry.h)
 * through its primary key (tenant, ancestor, unit): one index range per
 * led unit instead of a recursive walk of units.parent_id in every
 * statement (issue 13 item 3). The terms that use them stay as they are.
 */
#define LED_CTE_1 \
    "led(id) AS (" ORG_SQL_UNDER " IN (SELECT r.unit_id" \
    " FROM role_assignments r WHERE r.tenant_id = $1 AND r.person_id = "
#define LED_CTE_2 \
    " AND r.role = 'leader' AND r.unit_id <> 0)" \
    " UNION " ORG_SQL_ALL_UNITS " AND EXISTS (SELECT 1 FROM role_assignments r" \
    " WHERE r.tenant_id = $1 AND r.person_id = "
#define LED_CTE_3 \
    " AND r.role = 'leader' AND r.unit_id = 0))"
#define SUB_CTE_1 \
    "sub(id) AS (" ORG_SQL_UNDER " = "
#define SUB_CTE_2 \
    ")"
/* vo: the area of a safety representative (the units they hold safety_rep
 * or chief_safety_rep for, and below; a tenant-wide grant: every unit). */
#define VO_CTE_1 \
    "vo(id) AS (" ORG_SQL_UNDER " IN (SELECT r.unit_id" \
    " FROM role_assignments r WHERE r.tenant_id = $1 AND r.person_id = "
#define VO_CTE_2 \
    " AND r.role IN ('safety_rep', 'chief_safety_rep') AND r.unit_id <> 0)" \
    " UNION " ORG_SQL_ALL_UNITS " AND EXISTS (SELECT 1 FROM role_assignments r" \
    " WHERE r.tenant_id = $1 AND r.person_id = "
#define VO_CTE_3 \
    " AND r.role IN ('safety_rep', 'chief_safety_rep') AND r.unit_id = 0))"
/* The roles the acting person holds (a deviation routed to a role, see
 * deviations.handler_role); the caller closes the parenthesis. */
#define MYROLES_1 \
    "(SELECT r.role FROM role_assignments r WHERE r.tenant_id = $1" \
    " AND r.person_id = "

#define Q_PARAMS	16

/* A statement being written, with the values of its parameters in the
 * order they appear ($1, the tenant, is bound by db_prepare_tenant). */
struct q {
	char	 sql[8192];
	size_t	 len;
	int	 overflow;
	int	 np;
	struct {
		const char	*s;	/* NULL: the integer i */
		int64_t		 i;
	}	 p[Q_PARAMS];
};

static void
q_put(struct q *q, const char *s)
{
	size_t n = strlen(s);

	if (q->overflow || q->len + n >= sizeof(q->sql)) {
		q->overflow = 1;
		return;
	}
	memcpy(q->sql + q->len, s, n + 1);
	q->len += n;
}

/* "$n" for a new parameter; returns n (0 when full). */
static int
q_param(struct q *q, const char *s, int64_t i)
{
	char	ref[16];

	if (q->np >= Q_PARAMS) {
		q->overflow = 1;
		return 0;
	}
	q->p[q->np].s = s;
	q->p[q->np].i = i;
	q->np++;
	snprintf(ref, sizeof(ref), "$%d", q->np + 1);
	q_put(q, ref);
	return q->np + 1;
}

static void
q_ref(struct q *q, int n)
{
	char	ref[16];

	snprintf(ref, sizeof(ref), "$%d", n);
	q_put(q, ref);
}

/* Which scope terms can match anything for the acting person, from the
 * roles loaded with the session (ctx->roles). The terms themselves still
 * test the roles in SQL; a term that cannot be true is left out because
 * an OR of terms no index serves makes the planner read every deviation
 * of the municipality (the inbox went from 50 ms to 600 ms at 200,000). */
struct terms {
	int	routed;		/* holds a role a deviation may be routed to */
	int	safety;		/* a safety representative: their area (vo) */
	int	auditor;	/* reads closed ones */
	int	leads;		/* a leader or the chief executive: role-routed
				   ones about them are hidden */
};

static void
terms_of(const struct ctx *ctx, struct terms *t)
{
	size_t	i;

	memset(t, 0, sizeof(*t));
	for (i = 0; ctx->user != NULL && i < ctx->roles.n; i++)
		switch (ctx->roles.v[i].role) {
		case ROLE_EMPLOYEE:
			break;
		case ROLE_LEADER:
		case ROLE_CHIEF_EXECUTIVE:
			t->leads = 1;
			t->routed |= ctx->roles.v[i].role == ROLE_CHIEF_EXECUTIVE;
			break;
		case ROLE_SAFETY_REP:
		case ROLE_CHIEF_SAFETY_REP:
			t->safety = 1;
			t->routed = 1;
			break;
		case ROLE_AUDITOR:
			t->auditor = 1;
			t->routed = 1;
			break;
		default:
			t->routed = 1;
			break;
		}
}

/* The acting person's id: a parameter the first time, then the same $n
 * (*me holds it; 0 before the first use). */
static void
q_me(struct q *q, struct ctx *ctx, int *me)
{
	if (*me == 0)
		*me = q_param(q, NULL, ctx->user != NULL ? ctx->user->id : 0);
	else
		q_ref(q, *me);
}

static int
cursor_parse(const char *s, char order, int64_t *key, int64_t *id)
{
	char		*end;
	long long	 k, i;

	if (s == NULL || s[0] != order || strlen(s) >= DEV_CURSOR_MAX)
		return -1;
	k = strtoll(s + 1, &end, 10);
	if (end == s + 1 || *end != '.')
		return -1;
	s = end + 1;
	i = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || i <= 0)
		return -1;
	*key = k;
	*id = i;
	return 0;
}

/*
 * The WHERE clause of f (after d.tenant_id = $1). The scope term is left
 * out where another term already implies it: "mine" rows are the person's
 * own, inbox rows are handled in units they lead.
 */
static void
q_where(struct q *q, struct ctx *ctx, const struct dev_filter *f, int sub,
    int *me, const struct terms *t, int64_t one)
{
	enum dev_status	 st;
	const char	*col;

	/* Who sees what (authz_dev_scope, authz.h): their own reports, those
	 * handled in units they lead (unless routed to a role), those routed
	 * to a role they hold, HMS and violence reports of a safety
	 * representative's area (not those about a leader), and closed ones
	 * for an auditor. */
	if (f->scope != DEV_SCOPE_ALL && !f->mine && !f->inbox) {
		q_put(q, " AND (d.reporter_id = ");
		q_me(q, ctx, me);
		q_put(q, " OR (d.handler_role IS NULL"
		    " AND d.handler_unit_id IN (SELECT id FROM led))");
		if (t->routed) {
			q_put(q, " OR d.handler_role IN " MYROLES_1);
			q_me(q, ctx, me);
			q_put(q, ")");
		}
		if (t->safety)
			q_put(q, " OR (d.concerns_leader = 0 AND d.category_id IN"
			    " (SELECT c3.id FROM categories c3 WHERE c3.tenant_id = $1"
			    " AND c3.code IN ('hms', 'vold'))"
			    " AND d.unit_id IN (SELECT id FROM vo))");
		if (t->auditor) {
			q_put(q, " OR (d.status = 'closed' AND 'auditor' IN " MYROLES_1);
			q_me(q, ctx, me);
			q_put(q, "))");
		}
		q_put(q, ")");
	}
	/* A deviation routed to a role because it concerns a leader is never
	 * shown to that leader (the handler unit's leader, or the chief
	 * executive at the top), whatever their scope, unless they reported
	 * it themselves. */
	/* As a set of ids (the few role-routed ones, read from the index
	 * deviations_role) rather than a test per row, which would read
	 * every row of a large list for its handler_role. */
	if (t->leads) {
		q_put(q, " AND d.id NOT IN (SELECT d2.id FROM deviations d2"
		    " WHERE d2.tenant_id = $1 AND d2.handler_role IS NOT NULL"
		    " AND (d2.reporter_id IS NULL OR d2.reporter_id <> ");
		q_me(q, ctx, me);
		q_put(q, ") AND EXISTS (SELECT 1 FROM role_assignments r"
		    " WHERE r.tenant_id = $1 AND r.person_id = ");
		q_me(q, ctx, me);
		q_put(q, " AND (r.role = 'chief_executive' OR (r.role = 'leader'"
		    " AND r.unit_id = d2.handler_unit_id))))");
	}
	/* Nor one about a leader routed to the leader above, to the leader
	 * it concerns who also leads the unit above (an acting head of both):
	 * they lead a unit over its unit and strictly under the handler unit
	 * (authz/policy.c is_concerned_leader, which the page obeys). The
	 * cheap column test first, so the subquery runs for those rows only.
	 * Not in scope "all", where the role (quality) reads every one. */
	if (t->leads && (f->inbox || f->scope != DEV_SCOPE_ALL)) {
		q_put(q, " AND NOT (d.concerns_leader = 1 AND d.handler_role IS NULL"
		    " AND (d.reporter_id IS NULL OR d.reporter_id <> ");
		q_me(q, ctx, me);
		q_put(q, ") AND EXISTS (SELECT 1 FROM role_assignments r3"
		    " WHERE r3.tenant_id = $1 AND r3.person_id = ");
		q_me(q, ctx, me);
		q_put(q, " AND r3.role = 'leader' AND r3.unit_id <> d.handler_unit_id"
		    " AND r3.unit_id IN (" ORG_SQL_ABOVE " = d.unit_id)"
		    " AND r3.unit_id IN (" ORG_SQL_UNDER " = d.handler_unit_id)))");
	}
	if (sub > 0)
		q_put(q, " AND d.unit_id IN (SELECT id FROM sub)");
	if (f->status != NULL && f->status[0] != '\0') {
		q_put(q, " AND d.status ");
		if (dev_status_parse(f->status, &st) == 0) {
			q_put(q, "= ");
			q_param(q, f->status, 0);
		} else if (strcmp(f->status, "in_progress") == 0) {
			q_put(q, "IN (");
			q_param(q, "acknowledged", 0);
			q_put(q, ", ");
			q_param(q, "returned", 0);
			q_put(q, ")");
		} else {
			/* open is the group of new ones; anything unknown
			 * matches nothing (no status is empty). */
			q_put(q, "= ");
			q_param(q, strcmp(f->status, "open") == 0 ? "new" :
			    strcmp(f->status, "closed") == 0 ? "closed" : "", 0);
		}
	}
	if (f->category != NULL && f->category[0] != '\0') {
		q_put(q, " AND d.category_id = (SELECT c2.id FROM categories c2"
		    " WHERE c2.tenant_id = $1 AND c2.code = ");
		q_param(q, f->category, 0);
		q_put(q, ")");
	}
	if (f->document_id > 0) {
		q_put(q, " AND d.document_id = ");
		q_param(q, NULL, f->document_id);
	}
	if (f->kind >= 0 && f->kind < DEV_KIND_MAX) {
		q_put(q, " AND d.kind = ");
		q_param(q, dev_kind_name((enum dev_kind)f->kind), 0);
	}
	col = f->by_occurred ? "d.occurred_at" : "d.reported_at";
	if (f->from != 0) {
		q_put(q, " AND ");
		q_put(q, col);
		q_put(q, " >= ");
		q_param(q, NULL, f->from);
	}
	if (f->to != 0) {
		q_put(q, " AND ");
		q_put(q, col);
		q_put(q, " <= ");
		q_param(q, NULL, f->to);
	}
	if (f->overdue) {
		/* Overdue exactly when the deadline shown has passed
		 * (dev_is_overdue). */
		q_put(q, " AND d.status <> 'closed' AND " DEV_SQL_DEADLINE " < ");
		q_param(q, NULL, ctx->now);
	}
	if (f->mine) {
		q_put(q, " AND d.reporter_id = ");
		q_me(q, ctx, me);
	}
	if (f->inbox) {
		q_put(q, " AND d.status <> 'closed' AND ((d.handler_role IS NULL"
		    " AND d.handler_unit_id ");
		if (one > 0) {
			q_put(q, "= ");
			q_param(q, NULL, one);
			q_put(q, ")");
		} else
			q_put(q, "IN (SELECT id FROM led))");
		if (t->routed) {
			q_put(q, " OR d.handler_role IN " MYROLES_1);
			q_me(q, ctx, me);
			q_put(q, ")");
		}
		q_put(q, ")");
	}
}

/*
 * The one unit the acting person's inbox holds, when they lead exactly one
 * unit and it has none under it (most leaders): > 0, else 0, or a DB_*
 * error. The inbox then names that unit ("d.handler_unit_id = $n")
 * instead of the set led, and the planner walks the index deviations_inbox
 * (handler unit, deadline) for just that unit's open deviations, in the
 * page's order. Given a set, it cannot tell how large the set is, and
 * walks every open deviation of the municipality by deadline
 * (deviations_open_deadline), reading each row for its handler unit: 1,981
 * rows for a page of 50 at 200,000 deviations (bench/why.md).
 */
static int64_t
inbox_single_unit(struct ctx *ctx)
{
	int64_t	unit = 0;
	size_t	i;
	int	rc;

	for (i = 0; ctx->user != NULL && i < ctx->roles.n; i++) {
		if (ctx->roles.v[i].role != ROLE_LEADER)
			continue;
		if (ctx->roles.v[i].unit_id == 0 ||
		    (unit != 0 && unit != ctx->roles.v[i].unit_id))
			return 0;
		unit = ctx->roles.v[i].unit_id;
	}
	if (unit == 0)
		return 0;
	rc = org_unit_is_leaf(ctx, unit);
	return rc == 1 ? unit : rc < 0 ? rc : 0;
}

/* The whole statement: the page (count 0) or the capped count. one: the
 * inbox's single unit (inbox_single_unit) or 0. */
static int
q_build(struct q *q, struct ctx *ctx, const struct dev_filter *f, int count,
    int64_t limit, int64_t one)
{
	struct terms	t;
	int		led, vo, sub = 0, me = 0, k, late;
	int64_t		key, id;

	memset(q, 0, sizeof(*q));
	/* A page to read on screen joins late; a large one (the CSV
	 * export's 1,000) is most of what it selects anyway, and sorting
	 * its wide rows again after the join cost SQLite more than the
	 * joins it saved (a month's export: +40 % server CPU). */
	late = !count && limit <= LIST_LATE_MAX;
	terms_of(ctx, &t);
	/* The inbox's scope term is its own (q_where): with one unit it
	 * needs no led. */
	led = (f->inbox && one <= 0) ||
	    (!f->inbox && f->scope != DEV_SCOPE_ALL && !f->mine);
	vo = t.safety && f->scope != DEV_SCOPE_ALL && !f->mine && !f->inbox;
	if (led || f->unit_id != 0)
		q_put(q, "WITH ");
	if (led) {
		q_put(q, LED_CTE_1);
		q_me(q, ctx, &me);
		q_put(q, LED_CTE_2);
		q_me(q, ctx, &me);
		q_put(q, LED_CTE_3);
	}
	if (vo) {
		q_put(q, ", " VO_CTE_1);
		q_me(q, ctx, &me);
		q_put(q, VO_CTE_2);
		q_me(q, ctx, &me);
		q_put(q, VO_CTE_3);
	}
	if (f->unit_id != 0) {
		q_put(q, led ? ", " SUB_CTE_1 : SUB_CTE_1);
		sub = q_param(q, NULL, f->unit_id);
		q_put(q, SUB_CTE_2);
	}
	if (led || f->unit_id != 0)
		q_put(q, " ");
	if (count)
		q_put(q, "SELECT COUNT(*) FROM (SELECT 1 FROM deviations d"
		    " WHERE d.tenant_id = $1");
	else if (late)
		/* The page's rows first, then their names (late join): a
		 * list over several units is sorted after the fact, and
		 * PostgreSQL joined the category, unit and reporter of every
		 * row of the selection before keeping 50 of them (1,085 rows,
		 * three lookups each, for one page; bench/why.md). Only the
		 * page's ids are selected first: the covering list indexes
		 * answer that without reading the rows, and PostgreSQL no
		 * longer fetches (and sorts) every candidate's whole row for
		 * the 51 it keeps (a sector's closed ones of a year: 440 ->
		 * 65 buffers for the selection). */
		q_put(q, "SELECT " DEV_SQL_COLS ", " DEV_SQL_DEADLINE
		    " FROM (SELECT d.id FROM deviations d WHERE d.tenant_id = $1");
	else
		q_put(q, "SELECT " DEV_SQL_COLS ", " DEV_SQL_DEADLINE
		    DEV_SQL_FROM " WHERE d.tenant_id = $1");
	q_where(q, ctx, f, sub, &me, &t, one);
	if (count) {
		q_put(q, " LIMIT ");
		q_param(q, NULL, DEV_COUNT_CAP + 1);
		q_put(q, ") x");
		return q->overflow ? DB_ERR : 0;
	}
	if (f->after != NULL) {
		if (cursor_parse(f->after, f->inbox ? 'd' : 'r', &key, &id) != 0)
			return DEV_ERR_INVALID;
		/* (key, id) past the cursor's, written so that the key's
		 * bound is a plain range the index can seek to. */
		if (f->inbox) {
			q_put(q, " AND " DEV_SQL_DEADLINE " >= ");
			k = q_param(q, NULL, key);
			q_put(q, " AND (" DEV_SQL_DEADLINE " > ");
			q_ref(q, k);
			q_put(q, " OR d.id > ");
		} else {
			q_put(q, " AND d.reported_at <= ");
			k = q_param(q, NULL, key);
			q_put(q, " AND (d.reported_at < ");
			q_ref(q, k);
			q_put(q, " OR d.id < ");
		}
		q_param(q, NULL, id);
		q_put(q, ")");
	}
	q_put(q, f->inbox ? " ORDER BY " DEV_SQL_DEADLINE ", d.id" :
	    " ORDER BY d.reported_at DESC, d.id DESC");
	/* One more than the page: whether there is a next one. */
	q_put(q, " LIMIT ");
	q_param(q, NULL, limit + 1);
	if (late) {
		q_put(q, ") k JOIN deviations d ON d.tenant_id = $1"
		    " AND d.id = k.id" DEV_SQL_JOINS);
		q_put(q, f->inbox ? " ORDER BY " DEV_SQL_DEADLINE ", d.id" :
		    " ORDER BY d.reported_at DESC, d.id DESC");
	}
	return q->overflow ? DB_ERR : 0;
}

static pthread_mutex_t	 intern_mu = PTHREAD_MUTEX_INITIALIZER;
static char		*interned[INTERN_MAX];	/* never freed: the cache's keys */
static size_t		 ninterned;

/* The process-lifetime copy of sql, or NULL when the table is full. */
static const char *
intern(const char *sql)
{
	const char	*r = NULL;
	size_t		 i;

	pthread_mutex_lock(&intern_mu);
	for (i = 0; i < ninterned && r == NULL; i++)
		if (strcmp(interned[i], sql) == 0)
			r = interned[i];
	if (r == NULL && ninterned < INTERN_MAX &&
	    (interned[ninterned] = strdup(sql)) != NULL)
		r = interned[ninterned++];
	pthread_mutex_unlock(&intern_mu);
	return r;
}

static int
q_prepare(struct ctx *ctx, const struct q *q, struct dbstmt **st)
{
	const char	*sql;
	int		 rc, i;

	if ((sql = intern(q->sql)) != NULL)
		rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, st);
	else
		rc = db_prepare_dynamic(ctx->conn, ctx->tenant_id, q->sql, st);
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < q->np; i++) {
		if (q->p[i].s != NULL)
			db_bind_text(*st, i + 2, q->p[i].s);
		else
			db_bind_int(*st, i + 2, q->p[i].i);
	}
	return DB_OK;
}

int64_t
deviation_deadline(const struct deviation *d)
{
	if (d->status == DEV_CLOSED)
		return 0;
	if (d->status == DEV_NEW && d->ack_due_at > 0 &&
	    (d->due_at <= 0 || d->ack_due_at < d->due_at))
		return d->ack_due_at;
	return d->due_at > 0 ? d->due_at : 0;
}

int
deviation_list_page(struct ctx *ctx, const struct dev_filter *f,
    struct deviation **out, size_t *n, int64_t *total, char next[DEV_CURSOR_MAX])
{
	struct q		*q;
	struct dbstmt		*st = NULL;
	struct deviation	*v = NULL;
	size_t			 len = 0, cap = 0;
	int64_t			 limit, key = 0, one = 0;
	int			 rc, more = 0;

	*out = NULL;
	*n = 0;
	if (total != NULL)
		*total = 0;
	if (next != NULL)
		next[0] = '\0';
	if (f->scope != DEV_SCOPE_ALL && f->scope != DEV_SCOPE_MINE_AND_LED)
		return 0;
	limit = f->limit <= 0 ? LIST_LIMIT_DEFAULT :
	    (f->limit > LIST_LIMIT_MAX ? LIST_LIMIT_MAX : f->limit);
	/* 8 KiB of statement text: off the worker thread's stack. */
	if ((q = malloc(sizeof(*q))) == NULL)
		return DB_ERR;

	if (f->inbox && (one = inbox_single_unit(ctx)) < 0) {
		rc = (int)one;
		goto out;
	}
	if ((rc = q_build(q, ctx, f, 0, limit, one)) != 0)
		goto out;
	if ((rc = q_prepare(ctx, q, &st)) != DB_OK)
		goto out;
	while ((rc = db_step(st)) == DB_ROW) {
		if ((int64_t)len == limit) {
			more = 1;
			rc = DB_DONE;
			break;
		}
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0 ||
		    dev_row_fill(ctx, st, &v[len]) != 0) {
			rc = DB_ERR;
			goto out;
		}
		key = f->inbox ? db_col_int(st, DEV_SQL_NCOLS) : v[len].reported_at;
		len++;
	}
	if (rc != DB_DONE)
		goto out;
	db_reset(st);
	st = NULL;
	if (more && next != NULL)
		snprintf(next, DEV_CURSOR_MAX, "%c%" PRId64 ".%" PRId64,
		    f->inbox ? 'd' : 'r', key, v[len - 1].id);

	if (total != NULL) {
		if ((rc = q_build(q, ctx, f, 1, 0, one)) != 0 ||
		    (rc = q_prepare(ctx, q, &st)) != DB_OK)
			goto out;
		rc = db_step(st);
		if (rc != DB_ROW) {
			rc = rc < 0 ? rc : DB_ERR;
			goto out;
		}
		*total = db_col_int(st, 0);
	}
	rc = 0;
	*out = v;
	*n = len;
out:
	if (st != NULL)
		db_reset(st);
	free(q);
	return rc;
}

int
deviation_list(struct ctx *ctx, const struct dev_filter *f,
    struct deviation **out, size_t *n, int64_t *total)
{
	return deviation_list_page(ctx, f, out, n, total, NULL);
}
