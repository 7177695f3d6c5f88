-- 0073: the open deviations that have a deadline, by that deadline, with
-- every column the overdue list's count filters on (src/deviation/list.c).
--
-- The capped count of the overdue list (/deviations?overdue=1, the API's)
-- read every overdue row of the selection on deviations_open_deadline
-- (0012: the key alone) and looked each one up in the table: 845 buffers
-- for 971 rows at 200,000 deviations. Here it is an Index Only Scan of the
-- overdue range (24 buffers). Partial on the open statuses by name AND a
-- deadline at all: only the count writes both terms, so no other plan can
-- move to it. 0072's covering deadline index (partial on "<> 'closed'")
-- was taken back because it drew the inbox's plan off deviations_inbox;
-- the inbox writes neither term. Holds the open rows that have a deadline
-- only: a write of a closed deviation does not touch it.
CREATE INDEX deviations_overdue_rows ON deviations(tenant_id,
	(CASE WHEN status = 'new' AND ack_due_at > 0 AND (due_at IS NULL
	 OR due_at <= 0 OR ack_due_at < due_at) THEN ack_due_at
	 WHEN due_at > 0 THEN due_at ELSE 9223372036854775807 END), id)
	INCLUDE (reported_at, unit_id, category_id, handler_unit_id,
	handler_role, reporter_id, status, ack_due_at, due_at, kind,
	occurred_at, concerns_leader, document_id)
	WHERE status IN ('new', 'acknowledged', 'returned')
	AND (CASE WHEN status = 'new' AND ack_due_at > 0 AND (due_at IS NULL
	 OR due_at <= 0 OR ack_due_at < due_at) THEN ack_due_at
	 WHEN due_at > 0 THEN due_at ELSE 9223372036854775807 END)
	< 9223372036854775807;
