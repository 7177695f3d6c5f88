-- 0072: the open deviations by the deadline they show, with the columns
-- the overdue list filters on (src/deviation/list.c, w17-pgread).
--
-- The overdue list (/deviations?overdue=1 and the API's) is in the order
-- of the deadline it shows, a range of this index that a page seeks and
-- stops in. Its capped count reads every overdue row of the selection:
-- with deviations_open_deadline (0012: the key alone) each of them was
-- looked up in the table for its reported_at, unit or category (968
-- lookups, 4 ms of SQLite at 200,000). Here the count is read from the
-- index alone. Holds the columns of the deadline itself (status,
-- ack_due_at, due_at) as well, so that SQLite, which decides covering by
-- columns, takes it as covering. Partial on the same term as 0012's and
-- with the same key first, so it serves whatever that one did (the
-- inbox of several units by deadline), which it replaces: one index more
-- on the open rows only, one less on the table's writes.
DROP INDEX deviations_open_deadline;
CREATE INDEX deviations_open_deadline_rows ON deviations(tenant_id,
	(CASE WHEN status = 'new' AND ack_due_at > 0 AND (due_at IS NULL
	 OR due_at <= 0 OR ack_due_at < due_at) THEN ack_due_at
	 WHEN due_at > 0 THEN due_at ELSE 9223372036854775807 END), id,
	reported_at, unit_id, category_id, handler_unit_id, handler_role,
	reporter_id, status, ack_due_at, due_at, kind, occurred_at,
	concerns_leader, document_id)
	WHERE status <> 'closed';
