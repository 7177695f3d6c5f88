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
#include "deviation/dev_input.h"
#include "deviation/dev_int.h"
#include "deviation/dev_sql.h"
#include "org/ancestry.h"
#include "org/org.h"
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
/* A deadline at all (not "none", which sorts last): with the open
 * statuses spelt out, the partial term of deviations_overdue_rows
 * (migration 0073, PostgreSQL), which only the overdue count writes. */
#define DEV_SQL_NO_DEADLINE	"9223372036854775807"

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
 * deviations.handler_role); q_myroles closes the parenthesis. */
#define MYROLES_1 \
    "(SELECT r.role FROM role_assignments r WHERE r.tenant_id = $1" \
    " AND r.person_id = "

#define Q_PARAMS	24

/* A statement being written, with the values of its parameters in the
 * order they appear ($1, the tenant, is bound by db_prepare_tenant). */
struct q {
	char	 sql[16384];
	size_t	 len;
	int	 overflow;
	int	 table;		/* DEV_SQL_COLS_TABLE: names_of fills the names */
	int	 np;
	struct {
		const char	*s;	/* NULL: the integer i */
		int64_t		 i;
	}	 p[Q_PARAMS];
};

/*
 * The values a statement binds, each written once as $n however many arms
 * (below) name it: the first use makes the parameter, later ones refer to
 * it (0: not yet made). So the text still depends only on which filters
 * are set, and an arm adds no parameters.
 */
enum slot {
	SLOT_ME, SLOT_ONE, SLOT_SUB, SLOT_HANDLER, SLOT_STATUS, SLOT_STATUS2, SLOT_CATEGORY,
	SLOT_DOCUMENT, SLOT_KIND, SLOT_FROM, SLOT_TO, SLOT_NOW, SLOT_KEY,
	SLOT_ID, SLOT_LIMIT, SLOT_MAX
};

/*
 * The scope of a list as the union of arms, each a plain term an index
 * serves: own reports by deviations_reporter_reported, those handled in a
 * led unit by deviations_handler_reported (the inbox: deviations_inbox),
 * those routed to a role by deviations_role, a safety representative's by
 * their units. Written as one OR, no index serves the term and SQLite
 * without statistics walked every row of the municipality (380-430 ms at
 * 200,000, bench/why.md). ARM_ANY: no scope term (scope "all", "mine").
 */
enum arm { ARM_ANY, ARM_OWN, ARM_LED, ARM_ROUTED, ARM_SAFETY, ARM_AUDITOR,
	ARM_MAX };

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

/* The value of slot: a parameter the first time, then the same $n. */
static void
q_slot(struct q *q, int slots[SLOT_MAX], enum slot sl, const char *s,
    int64_t i)
{
	if (slots[sl] == 0)
		slots[sl] = q_param(q, s, i);
	else
		q_ref(q, slots[sl]);
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
	int	leader;		/* holds "leader": led is not empty */
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
			t->leader |= ctx->roles.v[i].role == ROLE_LEADER;
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

/*
 * The arms of f's scope for the acting person (arms[], ARM_MAX entries);
 * returns how many. The same rows as the one OR the terms used to be:
 * every other term of the statement is ANDed to each arm, and the arms'
 * rows are merged as a set (a row in two arms once). An arm that cannot
 * match (terms_of) is left out; the inbox's led arm with it only when no
 * arm would be left (the statement then matches nothing, as before).
 */
static size_t
arms_of(const struct dev_filter *f, const struct terms *t,
    enum arm arms[ARM_MAX])
{
	size_t	n = 0;

	if (f->inbox) {
		/* Who handles what is the inbox's whole scope. */
		if (t->leader || !t->routed)
			arms[n++] = ARM_LED;
		if (t->routed)
			arms[n++] = ARM_ROUTED;
		return n;
	}
	if (f->scope == DEV_SCOPE_ALL || f->mine) {
		arms[n++] = ARM_ANY;
		return n;
	}
	/* Who sees what (authz_dev_scope, authz.h): their own reports, those
	 * handled in units they lead (unless routed to a role), those routed
	 * to a role they hold, HMS and violence reports of a safety
	 * representative's area (not those about a leader), and closed ones
	 * for an auditor. */
	arms[n++] = ARM_OWN;
	if (t->leader)
		arms[n++] = ARM_LED;
	if (t->routed)
		arms[n++] = ARM_ROUTED;
	if (t->safety)
		arms[n++] = ARM_SAFETY;
	if (t->auditor)
		arms[n++] = ARM_AUDITOR;
	return n;
}

/*
 * Whether f's page is in the order of the deadline shown (the inbox's,
 * ORDER_INBOX, cursor 'd') rather than newest first (cursor 'r'). The
 * overdue list is too: its rows are the open ones whose deadline has
 * passed, and in that order they are a range of deviations_open_deadline
 * (migration 0012) that a page seeks and stops in. Newest first, every
 * page read and sorted every overdue row of the selection, and
 * PostgreSQL's generic plan walked the whole period newest first instead,
 * reading each row for its deadline (1.3 s at 200,000, bench/why.md).
 * It is also the order someone acting on overdue reports wants (most
 * overdue first, as the inbox), and the only one in which a walk page by
 * page misses none: a deadline that passes between two pages puts its
 * row after every row already shown, never before the cursor.
 */
static int
by_deadline(const struct dev_filter *f)
{
	return f->inbox || f->overdue;
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

/* The roles the acting person holds, as a subquery. */
static void
q_myroles(struct q *q, int slots[SLOT_MAX], int64_t me)
{
	q_put(q, MYROLES_1);
	q_slot(q, slots, SLOT_ME, NULL, me);
	q_put(q, ")");
}

/* The scope term of arm (after d.tenant_id = $1) in a list or (inbox 1)
 * the inbox or the overdue list of one led unit. one: the single led unit
 * (inbox_single_unit) of the inbox or the overdue list, or 0; overdue:
 * the overdue list's. */
static void
q_arm(struct q *q, struct ctx *ctx, enum arm arm, int inbox, int64_t one,
    int overdue, int handler, int slots[SLOT_MAX])
{
	int64_t	me = ctx->user != NULL ? ctx->user->id : 0;

	switch (arm) {
	case ARM_ANY:
	case ARM_MAX:
		break;
	case ARM_OWN:
		/* The overdue list's own reports: not a range to seek (see
		 * q_where), read off the open rows' index (it holds
		 * reporter_id). On deviations_reporter_reported SQLite read
		 * each of a leader's 1,368 reports from the table (7 ms at
		 * 1,000,000); by deadline, every overdue row of the
		 * municipality (30-40 ms). */
		q_put(q, overdue ? " AND +d.reporter_id = " :
		    " AND d.reporter_id = ");
		q_slot(q, slots, SLOT_ME, NULL, me);
		break;
	case ARM_LED:
		/* The inbox's not written "IS NULL": that term makes
		 * deviations_handler_reported (every status, covering) usable,
		 * and SQLite without statistics took it over deviations_inbox
		 * (the open ones): the chief executive's inbox count read all
		 * 200,000 rows of it, 93 ms instead of 2 (bench/why.md). */
		q_put(q, inbox ? " AND NOT (d.handler_role IS NOT NULL)"
		    " AND d.handler_unit_id " :
		    " AND d.handler_role IS NULL AND d.handler_unit_id ");
		if (one > 0) {
			q_put(q, "= ");
			q_slot(q, slots, SLOT_ONE, NULL, one);
		} else if (handler)
			/* One handler unit asked for (q_where): that unit
			 * sought, the led units a test. As a set SQLite
			 * walked the municipality's reports by date for a
			 * sector head's page of one unit. */
			q_put(q, "+0 IN (SELECT id FROM led)");
		else
			q_put(q, "IN (SELECT id FROM led)");
		break;
	case ARM_ROUTED:
		q_put(q, " AND d.handler_role IN ");
		q_myroles(q, slots, me);
		break;
	case ARM_SAFETY:
		q_put(q, " AND d.concerns_leader = 0 AND d.category_id IN"
		    " (SELECT c3.id FROM categories c3 WHERE c3.tenant_id = $1"
		    " AND c3.safety_rep = 1)"
		    " AND d.unit_id IN (SELECT id FROM vo)");
		break;
	case ARM_AUDITOR:
		q_put(q, " AND d.status = 'closed' AND 'auditor' IN ");
		q_myroles(q, slots, me);
		break;
	}
}

/*
 * The WHERE clause of f for one arm of its scope (after d.tenant_id = $1
 * and the arm's term): what hides a row from the acting person, and the
 * filters that are set; count: for the capped count, not a page; led_set:
 * the inbox count's arm of a set of led units (not inbox_single_unit's).
 */
static void
q_where(struct q *q, struct ctx *ctx, const struct dev_filter *f,
    enum arm arm, int slots[SLOT_MAX], const struct terms *t, int count,
    int led_set)
{
	enum dev_status	 st;
	const char	*col;
	int64_t		 me = ctx->user != NULL ? ctx->user->id : 0;
	/* The overdue list's numeric filter terms with a unary plus: not a
	 * range an index may seek, so its page and count walk the open
	 * deviations by deadline (deviations_open_deadline; the handler
	 * unit's, the led arm's and the reporter's terms stay: their indexes
	 * hold open rows by deadline or are small; status and kind are text,
	 * which has no unary plus on PostgreSQL). Sought by unit and
	 * reported_at instead, SQLite read every report of a unit's subtree
	 * since the period's start for its deadline to count the overdue
	 * ones (15 ms at 200,000 for a unit of ten years). */
	const char	*and = f->overdue ? " AND +" : " AND ";

	/* A deviation routed to a role because it concerns a leader is never
	 * shown to that leader (the handler unit's leader, or the chief
	 * executive at the top), whatever their scope, unless they reported
	 * it themselves. */
	/* As a set of ids (the few role-routed ones, read from the index
	 * deviations_role) rather than a test per row, which would read
	 * every row of a large list for its handler_role. The led arm holds
	 * none routed to a role. */
	if (t->leads && arm != ARM_LED) {
		q_put(q, " AND d.id NOT IN (SELECT d2.id FROM deviations d2"
		    " WHERE d2.tenant_id = $1 AND d2.handler_role IS NOT NULL"
		    " AND (d2.reporter_id IS NULL OR d2.reporter_id <> ");
		q_slot(q, slots, SLOT_ME, NULL, me);
		q_put(q, ") AND EXISTS (SELECT 1 FROM role_assignments r"
		    " WHERE r.tenant_id = $1 AND r.person_id = ");
		q_slot(q, slots, SLOT_ME, NULL, me);
		q_put(q, " AND (r.role = 'chief_executive' OR (r.role = 'leader'"
		    " AND r.unit_id = d2.handler_unit_id))))");
	}
	/* Nor one about a leader routed to the leader above, to the leader
	 * it concerns who also leads the unit above (an acting head of both):
	 * they lead a unit over its unit and strictly under the handler unit
	 * (authz/policy.c is_concerned_leader, which the page obeys). The
	 * cheap column test first, so the subquery runs for those rows only.
	 * Not in scope "all", where the role (quality) reads every one. */
	/* The inbox's count over a set of led units (a sector head, the
	 * chief executive) names them as a set of ids instead, read from
	 * the small partial index deviations_concerns_leader (migration
	 * 0082: the open rows about a leader only), and spells "open" by
	 * name (below): on SQLite the arm is then the open rows' index
	 * alone (deviations_open_rows holds the handler unit, role and
	 * status; PostgreSQL keeps deviations_inbox and the heap),
	 * where the test per row read each open row of the units led from
	 * the table for concerns_leader (the chief executive's: 9,863 rows,
	 * 45-130 ms at 1,000,000; bench/why.md, w19-read). */
	if (t->leads && (f->inbox || f->scope != DEV_SCOPE_ALL) && led_set) {
		q_put(q, " AND d.id NOT IN (SELECT d3.id FROM deviations d3"
		    " WHERE d3.tenant_id = $1 AND d3.concerns_leader = 1"
		    " AND d3.status IN ('new', 'acknowledged', 'returned')"
		    " AND d3.handler_role IS NULL"
		    " AND (d3.reporter_id IS NULL OR d3.reporter_id <> ");
		q_slot(q, slots, SLOT_ME, NULL, me);
		q_put(q, ") AND EXISTS (SELECT 1 FROM role_assignments r3"
		    " WHERE r3.tenant_id = $1 AND r3.person_id = ");
		q_slot(q, slots, SLOT_ME, NULL, me);
		q_put(q, " AND r3.role = 'leader' AND r3.unit_id <> d3.handler_unit_id"
		    " AND r3.unit_id IN (" ORG_SQL_ABOVE " = d3.unit_id)"
		    " AND r3.unit_id IN (" ORG_SQL_UNDER " = d3.handler_unit_id)))");
	} else if (t->leads && (f->inbox || f->scope != DEV_SCOPE_ALL)) {
		q_put(q, " AND NOT (d.concerns_leader = 1 AND d.handler_role IS NULL"
		    " AND (d.reporter_id IS NULL OR d.reporter_id <> ");
		q_slot(q, slots, SLOT_ME, NULL, me);
		q_put(q, ") AND EXISTS (SELECT 1 FROM role_assignments r3"
		    " WHERE r3.tenant_id = $1 AND r3.person_id = ");
		q_slot(q, slots, SLOT_ME, NULL, me);
		q_put(q, " AND r3.role = 'leader' AND r3.unit_id <> d.handler_unit_id"
		    " AND r3.unit_id IN (" ORG_SQL_ABOVE " = d.unit_id)"
		    " AND r3.unit_id IN (" ORG_SQL_UNDER " = d.handler_unit_id)))");
	}
	if (f->unit_id != 0 && f->own_unit) {
		/* The unit's own reports: deviations_unit_reported. */
		q_put(q, and);
		q_put(q, "d.unit_id = ");
		q_slot(q, slots, SLOT_SUB, NULL, f->unit_id);
	} else if (f->unit_id != 0) {
		q_put(q, and);
		q_put(q, "d.unit_id IN (SELECT id FROM sub)");
	}
	if (f->handler_unit_id != 0) {
		/* One handler unit (the dashboard's "by leader" table): the
		 * led arm on deviations_handler_reported, the others on
		 * deviations_handler_all_reported (migration 0068), which is
		 * partial on "handler_unit_id > 0" so that only a statement
		 * naming that term may take it: implied here (the unit is
		 * one that exists, id > 0), absent from the inbox, which
		 * SQLite otherwise moved off deviations_inbox (a sector
		 * head's inbox count 2.6 -> 13 ms at 200,000). SQLite
		 * 3.40 took that term as the index's range and walked the
		 * whole municipality's index (the chief executive's page of
		 * one unit 146 ms, its count 224 ms at 1,000,000); wrapped
		 * in likely() it still proves the partial index but is no
		 * range, so the unit is sought (0.2 ms). PostgreSQL has no
		 * likely(). bench/why.md, w20-idx. */
		q_put(q, " AND d.handler_unit_id = ");
		q_slot(q, slots, SLOT_HANDLER, NULL, f->handler_unit_id);
		q_put(q, strcmp(db_conn_backend(ctx->conn), "sqlite") == 0 ?
		    " AND likely(d.handler_unit_id > 0)" :
		    " AND d.handler_unit_id > 0");
	}
	if (f->status != NULL && f->status[0] != '\0') {
		q_put(q, " AND d.status ");
		if (dev_status_parse(f->status, &st) == 0) {
			q_put(q, "= ");
			q_slot(q, slots, SLOT_STATUS, f->status, 0);
		} else if (strcmp(f->status, "not_closed") == 0) {
			/* Spelt as the partial index deviations_open_rows
			 * is (migration 0039), so it may serve. */
			q_put(q, "IN ('new', 'acknowledged', 'returned')");
		} else if (strcmp(f->status, "in_progress") == 0) {
			q_put(q, "IN (");
			q_slot(q, slots, SLOT_STATUS, "acknowledged", 0);
			q_put(q, ", ");
			q_slot(q, slots, SLOT_STATUS2, "returned", 0);
			q_put(q, ")");
		} else {
			/* open is the group of new ones; anything unknown
			 * matches nothing (no status is empty). */
			q_put(q, "= ");
			q_slot(q, slots, SLOT_STATUS,
			    strcmp(f->status, "open") == 0 ? "new" :
			    strcmp(f->status, "closed") == 0 ? "closed" : "", 0);
		}
	}
	if (f->category != NULL && f->category[0] != '\0') {
		q_put(q, and);
		q_put(q, "d.category_id = (SELECT c2.id FROM categories c2"
		    " WHERE c2.tenant_id = $1 AND c2.code = ");
		q_slot(q, slots, SLOT_CATEGORY, f->category, 0);
		q_put(q, ")");
	}
	if (f->document_id > 0) {
		q_put(q, and);
		q_put(q, "d.document_id = ");
		q_slot(q, slots, SLOT_DOCUMENT, NULL, f->document_id);
	}
	if (f->kind >= 0 && f->kind < DEV_KIND_MAX) {
		q_put(q, " AND d.kind = ");
		q_slot(q, slots, SLOT_KIND,
		    dev_kind_name((enum dev_kind)f->kind), 0);
	}
	col = f->by_occurred ? "d.occurred_at" : "d.reported_at";
	if (f->from != 0) {
		q_put(q, and);
		q_put(q, col);
		q_put(q, " >= ");
		q_slot(q, slots, SLOT_FROM, NULL, f->from);
	}
	if (f->to != 0) {
		q_put(q, and);
		q_put(q, col);
		q_put(q, " <= ");
		q_slot(q, slots, SLOT_TO, NULL, f->to);
	}
	if (f->overdue) {
		/* Overdue exactly when the deadline shown has passed
		 * (dev_is_overdue). The count reads no row of the table:
		 * it spells "open" by name and "has a deadline" as the
		 * partial index deviations_overdue_rows (migration 0073,
		 * PostgreSQL: an Index Only Scan of the overdue range, 24
		 * buffers where deviations_open_deadline looked up each
		 * overdue row, 845, at 200,000) is, a term no other
		 * statement writes, so that index draws no other plan;
		 * SQLite reads it from deviations_open_rows (migration 0039)
		 * alone, which the same spelling lets it use and which holds
		 * every column the count filters on but the document's.
		 * The page keeps "<> 'closed'": it seeks a range of
		 * deviations_open_deadline by deadline and stops, where the
		 * open rows' index would read and sort them all. A wider
		 * deadline index that served both drew the inbox off
		 * deviations_inbox (migration 0072, bench/why.md). The
		 * page's arm of one's own reports is spelt as the count: a
		 * person's open reports are few, and sorting them costs
		 * less than walking every overdue row of the municipality
		 * by deadline for them (q_arm); the led arm of one unit
		 * seeks deviations_inbox by unit and deadline
		 * (inbox_single_unit). */
		q_put(q, count || arm == ARM_OWN ?
		    " AND d.status IN ('new', 'acknowledged',"
		    " 'returned') AND " DEV_SQL_DEADLINE " < " DEV_SQL_NO_DEADLINE
		    " AND " DEV_SQL_DEADLINE " < " :
		    " AND d.status <> 'closed' AND " DEV_SQL_DEADLINE " < ");
		q_slot(q, slots, SLOT_NOW, NULL, ctx->now);
	}
	if (f->mine) {
		q_put(q, " AND d.reporter_id = ");
		q_slot(q, slots, SLOT_ME, NULL, me);
	}
	/* The routed arm spells "open" by name, as the partial index
	 * deviations_open_rows (migration 0039) does: it then reads the open
	 * rows' index, which holds handler_role, and sorts the few routed
	 * to the person's roles. Written "<> 'closed'" it walked every open
	 * row by deadline, reading each from the table for its role, to the
	 * last one when few or none are routed to them: the chief
	 * executive's inbox page 4.1 -> 0.55 ms at 200,000 (70-97 ms at
	 * 1,000,000, w18-dash). The led arm keeps its seek of
	 * deviations_inbox by unit and deadline; its count over a set of
	 * units reads the open rows' index too (led_set, above). */
	if (f->inbox)
		q_put(q, arm == ARM_ROUTED || led_set ?
		    " AND d.status IN ('new', 'acknowledged', 'returned')" :
		    " AND d.status <> 'closed'");
}

/* (key, id) past the cursor's, written so that the key's bound is a plain
 * range the index can seek to. */
static void
q_after(struct q *q, const struct dev_filter *f, int64_t key, int64_t id,
    int slots[SLOT_MAX])
{
	if (by_deadline(f)) {
		q_put(q, " AND " DEV_SQL_DEADLINE " >= ");
		q_slot(q, slots, SLOT_KEY, NULL, key);
		q_put(q, " AND (" DEV_SQL_DEADLINE " > ");
		q_slot(q, slots, SLOT_KEY, NULL, key);
		q_put(q, " OR d.id > ");
	} else {
		q_put(q, " AND d.reported_at <= ");
		q_slot(q, slots, SLOT_KEY, NULL, key);
		q_put(q, " AND (d.reported_at < ");
		q_slot(q, slots, SLOT_KEY, NULL, key);
		q_put(q, " OR d.id < ");
	}
	q_slot(q, slots, SLOT_ID, NULL, id);
	q_put(q, ")");
}

/*
 * The one unit the acting person's inbox holds, when they lead exactly one
 * unit and it has none under it (most leaders): > 0, else 0, or a DB_*
 * error. The inbox then names that unit ("d.handler_unit_id = $n")
 * instead of the set led, and the planner walks the index deviations_inbox
 * (handler unit, deadline) for just that unit's open deviations, in the
 * page's order. Given a set, it cannot tell how large the set is, and
 * walks every open deviation of the municipality by deadline
 * (deviations_open_deadline),
 * reading each row for its handler unit: 1,981 rows for a page of 50 at
 * 200,000 deviations (bench/why.md).
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

/* The CTEs the arms name (led, vo, sub), "WITH ... " or nothing. */
static void
q_with(struct q *q, struct ctx *ctx, const struct dev_filter *f,
    const enum arm *arms, size_t narms, int64_t one, int slots[SLOT_MAX])
{
	int64_t	me = ctx->user != NULL ? ctx->user->id : 0;
	int	led = 0, vo = 0, n = 0;
	size_t	i;

	for (i = 0; i < narms; i++) {
		led |= arms[i] == ARM_LED && one <= 0;
		vo |= arms[i] == ARM_SAFETY;
	}
	if (led) {
		q_put(q, n++ ? ", " LED_CTE_1 : "WITH " LED_CTE_1);
		q_slot(q, slots, SLOT_ME, NULL, me);
		q_put(q, LED_CTE_2);
		q_slot(q, slots, SLOT_ME, NULL, me);
		q_put(q, LED_CTE_3);
	}
	if (vo) {
		q_put(q, n++ ? ", " VO_CTE_1 : "WITH " VO_CTE_1);
		q_slot(q, slots, SLOT_ME, NULL, me);
		q_put(q, VO_CTE_2);
		q_slot(q, slots, SLOT_ME, NULL, me);
		q_put(q, VO_CTE_3);
	}
	if (f->unit_id != 0 && !f->own_unit) {
		q_put(q, n++ ? ", " SUB_CTE_1 : "WITH " SUB_CTE_1);
		q_slot(q, slots, SLOT_SUB, NULL, f->unit_id);
		q_put(q, SUB_CTE_2);
	}
	if (n > 0)
		q_put(q, " ");
}

/* The page's order, on d or on an arm's rows (a). */
#define ORDER_INBOX	" ORDER BY " DEV_SQL_DEADLINE ", d.id"
#define ORDER_LIST	" ORDER BY d.reported_at DESC, d.id DESC"

/*
 * The whole statement: the page (count 0) or the capped count. one: the
 * inbox's single unit (inbox_single_unit) or 0.
 *
 * One arm: the statement as it always was. Several: each arm is its own
 * statement in a subquery with the page's order, cursor and limit (or
 * the count's cap), so each seeks its index and stops at the page; their
 * UNION merges the rows as a set, in the page's order, and only then are
 * the names joined. The count is of the union of each arm's first
 * DEV_COUNT_CAP + 1, itself capped: above the cap exactly when the union
 * is.
 */
static int
q_build(struct q *q, struct ctx *ctx, const struct dev_filter *f, int count,
    int64_t limit, int64_t one)
{
	struct terms		t;
	struct dev_filter	unended;	/* f without its end (a cursor's) */
	enum arm		arms[ARM_MAX];
	size_t			narms, i;
	int			slots[SLOT_MAX] = { 0 }, late, after = 0;
	int64_t			key = 0, id = 0;
	char			alias[32];

	memset(q, 0, sizeof(*q));
	terms_of(ctx, &t);
	narms = arms_of(f, &t, arms);
	if (!count && f->after != NULL) {
		if (cursor_parse(f->after, by_deadline(f) ? 'd' : 'r', &key,
		    &id) != 0)
			return DEV_ERR_INVALID;
		after = 1;
	}
	if (after && !by_deadline(f) && !f->by_occurred && f->to != 0) {
		/* The cursor's bound on reported_at replaces the period's
		 * end: with both, SQLite seeks to the end and walks past
		 * every row after the cursor, so each page of a ten-year
		 * export read all the pages before it (77 ms a page against
		 * 1 ms at 200,000; a CSV with to= took 10-37 s, without it
		 * 2 s). A cursor past the end is clamped to it: every id
		 * is below INT64_MAX, so "at the end, any id" is kept. */
		unended = *f;
		unended.to = 0;
		if (key > f->to) {
			key = f->to;
			id = INT64_MAX;
		}
		f = &unended;
	}
	/* A page to read on screen joins late; a large one (the CSV
	 * export's 1,000) is most of what it selects anyway, and sorting
	 * its wide rows again after the join cost SQLite more than the
	 * joins it saved (a month's export: +40 % server CPU). Several arms
	 * always join late: the union is of ids. */
	late = !count && (limit <= LIST_LATE_MAX || narms > 1);
	q->table = late && f->table != NULL;
	q_with(q, ctx, f, arms, narms, one, slots);
	if (count)
		q_put(q, "SELECT COUNT(*) FROM (");
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
		q_put(q, q->table ? "SELECT " DEV_SQL_COLS_TABLE ", "
		    DEV_SQL_DEADLINE " FROM (" : "SELECT " DEV_SQL_COLS ", "
		    DEV_SQL_DEADLINE " FROM (");
	if (!count && narms > 1)
		q_put(q, "SELECT a.id, a.sk FROM (");
	for (i = 0; i < narms; i++) {
		snprintf(alias, sizeof(alias), ") a%zu", i);
		if (narms > 1)
			q_put(q, i > 0 ? " UNION SELECT * FROM (" :
			    "SELECT * FROM (");
		if (count)
			q_put(q, "SELECT d.id FROM deviations d");
		else if (late && narms == 1)
			q_put(q, "SELECT d.id FROM deviations d");
		else if (late)
			q_put(q, by_deadline(f) ? "SELECT d.id, " DEV_SQL_DEADLINE
			    " AS sk FROM deviations d" :
			    "SELECT d.id, d.reported_at AS sk FROM deviations d");
		else
			q_put(q, "SELECT " DEV_SQL_COLS ", " DEV_SQL_DEADLINE
			    DEV_SQL_FROM);
		q_put(q, " WHERE d.tenant_id = $1");
		q_arm(q, ctx, arms[i], f->inbox || one > 0, one, f->overdue,
		    f->handler_unit_id != 0, slots);
		q_where(q, ctx, f, arms[i], slots, &t, count,
		    count && f->inbox && arms[i] == ARM_LED && one <= 0);
		if (after)
			q_after(q, f, key, id, slots);
		if (!count)
			q_put(q, by_deadline(f) ? ORDER_INBOX : ORDER_LIST);
		q_put(q, " LIMIT ");
		q_slot(q, slots, SLOT_LIMIT, NULL,
		    count ? DEV_COUNT_CAP + 1 : limit + 1);
		if (narms > 1)
			q_put(q, alias);
	}
	if (count) {
		if (narms > 1) {
			q_put(q, " LIMIT ");
			q_slot(q, slots, SLOT_LIMIT, NULL, DEV_COUNT_CAP + 1);
		}
		q_put(q, ") x");
		return q->overflow ? DB_ERR : 0;
	}
	if (narms > 1) {
		q_put(q, by_deadline(f) ? ") a ORDER BY a.sk, a.id" :
		    ") a ORDER BY a.sk DESC, a.id DESC");
		q_put(q, " LIMIT ");
		q_slot(q, slots, SLOT_LIMIT, NULL, limit + 1);
	}
	if (late) {
		q_put(q, q->table ? ") k JOIN deviations d ON"
		    " d.tenant_id = $1 AND d.id = k.id" :
		    ") k JOIN deviations d ON d.tenant_id = $1"
		    " AND d.id = k.id" DEV_SQL_JOINS);
		q_put(q, by_deadline(f) ? ORDER_INBOX : ORDER_LIST);
	}
	return q->overflow ? DB_ERR : 0;
}

/* The unit's and category's names of d, read without them
 * (DEV_SQL_COLS_TABLE), from the caller's lists; one made after the
 * lists were read is asked for (none: NULL, as the join's). 0 or -1. */
static int
names_of(struct ctx *ctx, const struct dev_filter_known *k,
    struct deviation *d)
{
	struct unit	u;
	struct category	c;
	size_t		i;
	int		rc;

	for (i = 0; i < k->nunits && k->units[i].id != d->unit_id; i++)
		;
	if (i < k->nunits)
		d->unit_name = k->units[i].name;
	else if ((rc = org_unit_get(ctx, d->unit_id, &u)) == 0)
		d->unit_name = u.name;
	else if (rc != -1)
		return -1;
	if (d->category_id == 0)
		return 0;
	for (i = 0; i < k->ncats && k->cats[i].id != d->category_id; i++)
		;
	if (i < k->ncats)
		c = k->cats[i];
	else if ((rc = dev_category_get(ctx, d->category_id, &c)) ==
	    DEV_ERR_NOTFOUND)
		return 0;
	else if (rc != 0)
		return -1;
	d->category_code = c.code;
	d->category_name = c.name;
	d->category_safety = c.safety_rep != 0;
	return 0;
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
	struct q		*q, *qc;
	struct dbstmt		*st = NULL, *cst = NULL;
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
	/* 8 KiB of statement text each: off the worker thread's stack. */
	if ((q = malloc(2 * sizeof(*q))) == NULL)
		return DB_ERR;
	qc = q + 1;

	if (by_deadline(f) && (one = inbox_single_unit(ctx)) < 0) {
		rc = (int)one;
		goto out;
	}
	if ((rc = q_build(q, ctx, f, 0, limit, one)) != 0)
		goto out;
	if ((rc = q_prepare(ctx, q, &st)) != DB_OK)
		goto out;
	/* The count with the page: one round trip on PostgreSQL, not two
	 * (db_run_together). */
	if (total != NULL) {
		struct dbstmt *both[2];

		if ((rc = q_build(qc, ctx, f, 1, 0, one)) != 0 ||
		    (rc = q_prepare(ctx, qc, &cst)) != DB_OK)
			goto out;
		both[0] = st;
		both[1] = cst;
		if ((rc = db_run_together(both, 2)) != DB_OK)
			goto out;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if ((int64_t)len == limit) {
			more = 1;
			rc = DB_DONE;
			break;
		}
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0 ||
		    dev_row_fill(ctx, st, &v[len]) != 0 ||
		    (q->table && names_of(ctx, f->table, &v[len]) != 0)) {
			rc = DB_ERR;
			goto out;
		}
		key = by_deadline(f) ? db_col_int(st, DEV_SQL_NCOLS) :
		    v[len].reported_at;
		len++;
	}
	if (rc != DB_DONE)
		goto out;
	db_reset(st);
	st = NULL;
	if (more && next != NULL)
		snprintf(next, DEV_CURSOR_MAX, "%c%" PRId64 ".%" PRId64,
		    by_deadline(f) ? 'd' : 'r', key, v[len - 1].id);

	if (total != NULL) {
		rc = db_step(cst);
		if (rc != DB_ROW) {
			rc = rc < 0 ? rc : DB_ERR;
			goto out;
		}
		*total = db_col_int(cst, 0);
	}
	rc = 0;
	*out = v;
	*n = len;
out:
	if (st != NULL)
		db_reset(st);
	if (cst != NULL)
		db_reset(cst);
	free(q);
	return rc;
}

int
deviation_list(struct ctx *ctx, const struct dev_filter *f,
    struct deviation **out, size_t *n, int64_t *total)
{
	return deviation_list_page(ctx, f, out, n, total, NULL);
}

int
dev_list_sql(struct ctx *ctx, const struct dev_filter *f, int count,
    char *buf, size_t len)
{
	struct q	*q;
	int64_t		 one = 0;
	int		 rc;

	if (by_deadline(f) && (one = inbox_single_unit(ctx)) < 0)
		return (int)one;
	if ((q = calloc(1, sizeof(*q))) == NULL)
		return DB_ERR;
	rc = q_build(q, ctx, f, count, count ? 0 : LIST_LIMIT_DEFAULT, one);
	if (rc == 0 && snprintf(buf, len, "%s", q->sql) >= (int)len)
		rc = DB_ERR;
	free(q);
	return rc;
}

/* The most reads a page hands dev_units_categories besides its two. */
#define WITH_MAX	4

int
dev_units_categories(struct ctx *ctx, struct dbstmt *const *with,
    size_t nwith, struct unit **units, size_t *nunits,
    struct category **cats, size_t *ncats)
{
	struct dbstmt	*all[2 + WITH_MAX] = { NULL, NULL };
	size_t		 i;
	int		 rc, crc;

	*units = NULL;
	*cats = NULL;
	*nunits = *ncats = 0;
	if (nwith > WITH_MAX)
		return DB_ERR;
	if ((rc = org_unit_list_begin(ctx, &all[0])) != DB_OK)
		return rc;
	if ((rc = dev_category_list_begin(ctx, 1, &all[1])) != DB_OK) {
		db_reset(all[0]);
		return rc;
	}
	for (i = 0; i < nwith; i++)
		all[2 + i] = with[i];
	/* Not run together (SQLite, or a write sent ahead): each runs at
	 * its first step, as before. */
	if ((rc = db_run_together(all, 2 + nwith)) != DB_OK) {
		db_reset(all[0]);
		db_reset(all[1]);
		return rc;
	}
	rc = org_unit_list_end(ctx, all[0], units, nunits);
	crc = dev_category_list_end(ctx, all[1], cats, ncats);
	return rc != DB_OK ? rc : crc;
}
