-- 0082: the open deviations about a leader, in a small partial index
-- (src/deviation/list.c, q_where: the inbox count's led arm).
--
-- A leader's inbox hides a deviation about a leader that was routed to
-- the leader above when they are the leader it concerns. The count of the
-- inbox of a set of units (a sector head's, the chief executive's) tested
-- that per row, reading every open row of the units led from the table
-- for concerns_leader, which no index of the open rows holds: the chief
-- executive's count read 9,863 rows at 1,000,000 deviations (45-130 ms).
-- It now names the hidden rows as a set of ids, read from this index, and
-- counts the rest from deviations_open_rows (0039) alone. The index holds
-- only open rows with concerns_leader set, so a submit or close of any
-- other deviation writes nothing more. Keyed by the terms the set is
-- asked by (concerns_leader, status, handler_role equal), so the planner
-- takes it over the open rows' index; the WHERE is the statement's own
-- terms, word for word.
CREATE INDEX deviations_concerns_leader ON deviations(tenant_id,
    concerns_leader, status, handler_role, handler_unit_id, unit_id,
    reporter_id)
    WHERE concerns_leader = 1 AND status IN ('new', 'acknowledged', 'returned');
