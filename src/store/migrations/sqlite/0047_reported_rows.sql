-- 0047: the rows of a few days reported, from one index (issue 13,
-- dashboards at 1,000,000 deviations).
-- A period's whole months come from the kept counts; its ragged days at
-- either end are read as rows (src/deviation/stats.c, SQL_ROWS_REPORTED):
-- this year's dashboard compares with the same days a year before, so
-- every top dashboard reads the rows of the first days of last year's
-- month (2,000 at 1,000,000 deviations). On deviations_reported each of
-- them was looked up in the table, whose rows (title, description) fill
-- a page each few: a thousand pages read per dashboard, a fifth of its
-- time, and enough to push the open deviations' index (0039) out of the
-- page cache, so that "overdue" was read from the file as well. This
-- index holds every column those rows are read for (the ROW_COLS of
-- stats.c), so they are answered from the index alone, in reported
-- order, a hundred rows to a page. It is partial so that only the
-- statement that names its WHERE may use it: as a covering index of
-- (tenant, reported_at) the planner took it over the small partial
-- deviations_role_reported for the deviations routed to a role, and
-- stepped through five years of it for the seasonal table. Those few
-- (handler_role set) are read on deviations_role_reported as before.
CREATE INDEX deviations_reported_rows ON deviations(tenant_id, reported_at,
    kind, status, unit_id, handler_unit_id, category_id, closed_at,
    reporter_id, occurred_at, handler_role)
    WHERE handler_role IS NULL;
