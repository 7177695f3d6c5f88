-- 0039 (PostgreSQL): the twin of migrations/sqlite/0039 (see there): the
-- open deviations with every column the live "overdue" question reads,
-- in a partial index that stays as small as what is open.
CREATE INDEX deviations_open_rows ON deviations(tenant_id, status, due_at,
    ack_due_at, kind, unit_id, handler_unit_id, category_id, reported_at,
    closed_at, reporter_id, occurred_at, handler_role)
    WHERE status IN ('new', 'acknowledged', 'returned');
