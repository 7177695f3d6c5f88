-- 0053: a leader's list of the deviations handled in the units they lead,
-- from one index (issue 13 item 3).
-- A list's scope is a union of arms, each its own statement
-- (src/deviation/list.c): own reports (deviations_reporter_reported),
-- those routed to a role (deviations_role), and those handled in a led
-- unit and not routed to a role, newest first. That last arm had no index
-- led by the handler unit in reported order: the planner read the
-- municipality's rows by date and looked each up. This one gives the led
-- units' rows in the page's order, and holds the columns the arm's other
-- terms test (who it is about and who reported it for the exclusions; the
-- unit, category, status and kind filters), so a page and its capped
-- count are read from the index alone. Partial like the arm's own term,
-- which is what lets the planner take it.
CREATE INDEX deviations_handler_reported ON deviations(tenant_id,
    handler_unit_id, reported_at, id, concerns_leader, reporter_id, unit_id,
    category_id, status, kind)
    WHERE handler_role IS NULL;
