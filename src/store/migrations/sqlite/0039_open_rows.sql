-- 0039: the open deviations' columns in one small index (issue 13).
-- "Overdue" stays a live question over open deviations
-- (src/deviation/stats.c, SQL_ROWS_OVERDUE: every dashboard and
-- statistics answer asks it). On deviations_due it found the few
-- thousand open rows, then looked each one up in the table, scattered
-- over the whole history: a fifth of the dashboard's time at 200,000
-- deviations, most of it reading pages of the file. This partial index
-- holds only the open deviations (it stays as small as what is open, not
-- as the history) with every column the question reads, so it is
-- answered from the index alone. The WHERE is the statement's own term,
-- word for word, so that the planner may use it.
CREATE INDEX deviations_open_rows ON deviations(tenant_id, status, due_at,
    ack_due_at, kind, unit_id, handler_unit_id, category_id, reported_at,
    closed_at, reporter_id, occurred_at, handler_role)
    WHERE status IN ('new', 'acknowledged', 'returned');
