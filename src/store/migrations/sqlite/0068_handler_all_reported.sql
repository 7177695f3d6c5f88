-- 0068: the list of what one unit handles, for those who read every
-- deviation (the dashboard's "Open and overdue by leader" figures lead to
-- /deviations?handler_unit_id=...; w15).
-- A leader's list has its led arm, which deviations_handler_reported
-- (0053) serves; that index is partial (not routed to a role), and the
-- list of the quality adviser or the chief executive has no such term, so
-- its handler filter had only deviations_reported_id: every report of the
-- period read for its handler unit (5-9 ms of CPU for this year's page at
-- 200,000 deviations, 0.2-0.5 ms with this index). Holds the unit and status
-- the dashboard's links also filter on, so their page and count are read
-- from the index alone. Partial on a term only that filter writes
-- (src/deviation/list.c), always true there: without it SQLite took this
-- index for a sector head's inbox count instead of deviations_inbox
-- (2.6 -> 13 ms at 200,000).
CREATE INDEX deviations_handler_all_reported ON deviations(tenant_id,
    handler_unit_id, reported_at, id, unit_id, status)
    WHERE handler_unit_id > 0;
