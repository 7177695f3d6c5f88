/* ancestry.h: the unit tree's ancestry as SQL other modules may embed.
 *
 * org/ keeps unit_ancestors (migration 0015, ancestry.c): one row per
 * (ancestor, unit) pair, the unit itself at depth 0. A statement that asks
 * "units under X" joins it instead of walking units.parent_id with a
 * recursive query, so an index answers it (issue 13). These fragments are
 * the only text outside src/org/ that names the table: string literals, so
 * statements built from them stay static (store.h caches by pointer).
 * Each expects the tenant bound as $1. */
#ifndef ORDEN_ORG_ANCESTRY_H
#define ORDEN_ORG_ANCESTRY_H

/* Units under an ancestor (itself included); the caller appends the
 * ancestor term: " = $n" or " IN (SELECT ...)". */
#define ORG_SQL_UNDER \
    "SELECT oa.unit_id FROM unit_ancestors oa WHERE oa.tenant_id = $1" \
    " AND oa.ancestor_id"

/* Every unit of the tenant (what a tenant-wide grant covers); the caller
 * may append " AND ..." terms. */
#define ORG_SQL_ALL_UNITS \
    "SELECT oa.unit_id FROM unit_ancestors oa WHERE oa.tenant_id = $1" \
    " AND oa.depth = 0"

/* The units above a unit (itself included): where a document that
 * applies to "this unit and its subtree" may have been pinned. The caller
 * appends the unit term: " = $n". */
#define ORG_SQL_ABOVE \
    "SELECT oa.ancestor_id FROM unit_ancestors oa WHERE oa.tenant_id = $1" \
    " AND oa.unit_id"

#endif
