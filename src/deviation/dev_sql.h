/* dev_sql.h: the pieces of SQL that the list and the statistics share, so
 * both answer "which deviations may this user see, with this filter" the
 * same way. Only string literals: the statements built from them are
 * still static constants (store.h keys its cache by the pointer).
 *
 * Parameters every filtered statement binds (dev_filter_bind, query.c):
 *  $1 tenant  $2 scope person (NULL: the whole tenant)  $3 unit (subtree)
 *  $4 status  $5 status group  $6 category code  $7 kind  $8 from  $9 to
 *  $10 1: time filters on occurred_at  $11 1: only overdue  $12 now
 *  $13 only reported by this person (NULL: anyone)  $14 1: inbox
 *  $15 the acting person (whose led units `led` holds; NULL: none)
 * A parameter that may be NULL is cast where it is first tested, so
 * PostgreSQL knows its type even when the first execution binds NULL
 * (store.h); SQLite's CAST of an integer or NULL changes nothing. */
#ifndef ORDEN_DEV_SQL_H
#define ORDEN_DEV_SQL_H

#include "org/ancestry.h"

/* led: the units ctx->user leads and everything under them (a tenant-wide
 * leader grant leads every unit), read from org/'s closure of the unit
 * tree (org/ancestry.h), not walked recursively; vo: the area of a safety representative
 * (the units they hold safety_rep or chief_safety_rep for, and below); myroles: the roles ctx->user holds (a
 * deviation routed to a role, see deviations.handler_role); sub: the
 * filter unit's subtree. */
#define DEV_SQL_CTE \
    "WITH led(id) AS (" ORG_SQL_UNDER " IN (SELECT r.unit_id" \
    " FROM role_assignments r WHERE r.tenant_id = $1" \
    " AND r.person_id = $15 AND r.role = 'leader' AND r.unit_id <> 0)" \
    " UNION " ORG_SQL_ALL_UNITS " AND EXISTS (SELECT 1 FROM role_assignments r" \
    " WHERE r.tenant_id = $1 AND r.person_id = $15 AND r.role = 'leader'" \
    " AND r.unit_id = 0)" \
    "), myroles(id) AS (" \
    " SELECT r.role FROM role_assignments r WHERE r.tenant_id = $1 AND r.person_id = $15" \
    "), vo(id) AS (" ORG_SQL_UNDER " IN (SELECT r.unit_id" \
    " FROM role_assignments r WHERE r.tenant_id = $1" \
    " AND r.person_id = $15 AND r.role IN ('safety_rep', 'chief_safety_rep') AND r.unit_id <> 0)" \
    " UNION " ORG_SQL_ALL_UNITS " AND EXISTS (SELECT 1 FROM role_assignments r" \
    " WHERE r.tenant_id = $1 AND r.person_id = $15" \
    " AND r.role IN ('safety_rep', 'chief_safety_rep') AND r.unit_id = 0)" \
    "), sub(id) AS (" ORG_SQL_UNDER " = $3) "

/* Overdue at $12: not closed and past the close deadline, or still new and
 * past the acknowledge deadline (the same rule as dev_is_overdue). */
#define DEV_SQL_OVERDUE \
    "(CASE WHEN d.status <> 'closed' AND (d.due_at < $12" \
    " OR (d.status = 'new' AND d.ack_due_at < $12)) THEN 1 ELSE 0 END)"

#define DEV_SQL_FROM \
    " FROM deviations d" \
    " LEFT JOIN categories c ON c.id = d.category_id AND c.tenant_id = d.tenant_id" \
    " LEFT JOIN units u ON u.id = d.unit_id AND u.tenant_id = d.tenant_id" \
    " LEFT JOIN people p ON p.id = d.reporter_id AND p.tenant_id = d.tenant_id"

#define DEV_SQL_WHERE \
    " WHERE d.tenant_id = $1" \
    " AND (CAST($2 AS BIGINT) IS NULL OR d.reporter_id = $2" \
    "  OR (d.handler_role IS NULL AND d.handler_unit_id IN (SELECT id FROM led))" \
    "  OR d.handler_role IN (SELECT id FROM myroles)" \
    "  OR (d.concerns_leader = 0 AND c.code IN ('hms', 'vold') AND d.unit_id IN (SELECT id FROM vo))" \
    "  OR (d.status = 'closed' AND 'auditor' IN (SELECT id FROM myroles)))" \
    " AND (d.handler_role IS NULL OR d.reporter_id = $15 OR NOT EXISTS (SELECT 1" \
    "  FROM role_assignments r WHERE r.tenant_id = $1 AND r.person_id = $15" \
    "  AND (r.role = 'chief_executive' OR (r.role = 'leader' AND r.unit_id = d.handler_unit_id))))" \
    " AND (CAST($3 AS BIGINT) IS NULL OR d.unit_id IN (SELECT id FROM sub))" \
    " AND (CAST($4 AS TEXT) IS NULL OR d.status = $4)" \
    " AND (CAST($5 AS TEXT) IS NULL OR ($5 = 'open' AND d.status = 'new')" \
    "  OR ($5 = 'in_progress' AND d.status IN ('acknowledged', 'returned'))" \
    "  OR ($5 = 'closed' AND d.status = 'closed'))" \
    " AND (CAST($6 AS TEXT) IS NULL OR c.code = $6)" \
    " AND (CAST($7 AS TEXT) IS NULL OR d.kind = $7)" \
    " AND (CAST($8 AS BIGINT) IS NULL OR (CASE WHEN $10 = 1 THEN d.occurred_at ELSE d.reported_at END) >= $8)" \
    " AND (CAST($9 AS BIGINT) IS NULL OR (CASE WHEN $10 = 1 THEN d.occurred_at ELSE d.reported_at END) <= $9)" \
    " AND ($11 = 0 OR " DEV_SQL_OVERDUE " = 1)" \
    " AND (CAST($13 AS BIGINT) IS NULL OR d.reporter_id = $13)" \
    " AND ($14 = 0 OR (d.status <> 'closed' AND ((d.handler_role IS NULL" \
    "  AND d.handler_unit_id IN (SELECT id FROM led)) OR d.handler_role IN (SELECT id FROM myroles))))"

struct ctx;
struct dbstmt;
struct dev_filter;
struct deviation;

/* Bind $2..$15 from the filter ($1 is bound by db_prepare_tenant).
 * The scope must not be DEV_SCOPE_NONE (callers answer that with nothing). */
void	dev_filter_bind(struct ctx *, struct dbstmt *, const struct dev_filter *);

/* The columns dev_row_fill reads, in order, from DEV_SQL_FROM's aliases. */
#define DEV_SQL_COLS \
    "d.id, d.number, d.kind, d.title, d.description, d.category_id, c.code," \
    " c.name, d.unit_id, u.name, d.handler_unit_id, d.place, d.occurred_at," \
    " d.reported_at, d.reporter_id, p.name, d.severity, d.immediate_action," \
    " d.concerns_leader, d.personal_data, d.status, d.ack_due_at, d.due_at," \
    " d.acknowledged_at, d.closed_at, d.cause, d.consequence, d.summary," \
    " d.return_reason, d.handler_role"
#define DEV_SQL_NCOLS 30
int	dev_row_fill(struct ctx *, struct dbstmt *, struct deviation *);

#endif
