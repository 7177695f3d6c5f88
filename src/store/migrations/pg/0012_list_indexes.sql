-- 0012 (PostgreSQL): the same as migrations/sqlite/0012.
--
-- Indexes that answer the deviation lists (src/deviation/list.c) in
-- the order they are shown, so a page reads about a page of rows whatever
-- the size of the history (issue 13).
--
-- The inbox: open deviations of a handler unit by the deadline the inbox
-- shows and sorts by (deviation_deadline: the acknowledge deadline while
-- new, else the close deadline, none last), then id. The expression is
-- written exactly as list.c's DEV_SQL_DEADLINE (without the alias): the
-- planner uses an index on an expression only for the same expression.
-- Partial (status <> 'closed'): closed ones are most of the history and
-- never in the inbox.
CREATE INDEX deviations_inbox ON deviations(tenant_id, handler_unit_id,
	(CASE WHEN status = 'new' AND ack_due_at > 0 AND (due_at IS NULL
	 OR due_at <= 0 OR ack_due_at < due_at) THEN ack_due_at
	 WHEN due_at > 0 THEN due_at ELSE 9223372036854775807 END), id)
	WHERE status <> 'closed';
-- Overdue across a whole municipality (a leader of the top, "only
-- overdue" in the list) by the same deadline.
CREATE INDEX deviations_open_deadline ON deviations(tenant_id,
	(CASE WHEN status = 'new' AND ack_due_at > 0 AND (due_at IS NULL
	 OR due_at <= 0 OR ack_due_at < due_at) THEN ack_due_at
	 WHEN due_at > 0 THEN due_at ELSE 9223372036854775807 END), id)
	WHERE status <> 'closed';
-- Lists newest first, by (reported_at, id), filtered by unit, category or
-- reporter ("Mine meldinger"), or by none of them.
CREATE INDEX deviations_unit_reported ON deviations(tenant_id, unit_id, reported_at, id);
CREATE INDEX deviations_category_reported ON deviations(tenant_id, category_id, reported_at, id);
CREATE INDEX deviations_reporter_reported ON deviations(tenant_id, reporter_id, reported_at, id);
CREATE INDEX deviations_reported_id ON deviations(tenant_id, reported_at, id);
-- What import drops for each closed row of history (its notifications):
-- without this, each row's DELETE read every notification, and a large
-- import grew with the square of its rows.
CREATE INDEX notifications_deviation ON notifications(tenant_id, deviation_id);
