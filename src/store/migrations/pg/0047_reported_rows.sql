-- 0047 (PostgreSQL): the twin of migrations/sqlite/0047 (see there): the
-- rows of a period's ragged days not routed to a role, with every column
-- the statistics read of them, from one partial index (an index-only
-- scan) instead of one heap page for each.
CREATE INDEX deviations_reported_rows ON deviations(tenant_id, reported_at,
    kind, status, unit_id, handler_unit_id, category_id, closed_at,
    reporter_id, occurred_at, handler_role)
    WHERE handler_role IS NULL;
