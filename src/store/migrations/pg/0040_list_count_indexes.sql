-- 0040 (PostgreSQL): the same as migrations/sqlite/0040.
--
-- The list indexes of 0012 also carry the columns a list filters on,
-- so that the capped count of a list (src/deviation/list.c, "N reports")
-- is read from the index alone. A list by category and year counted its
-- rows by looking each one up in the table for its unit and status: 2,792
-- rows read at 200,000 deviations for one page (bench/why.md). The key
-- stays (tenant, filter, reported_at, id), so each index still gives the
-- list's order and keyset pages; the added columns come after it and only
-- spare the lookups. Not handler_unit_id, handler_role nor reporter_id:
-- with those an index would cover the scope terms' subqueries too, and the
-- planner (no statistics) would rather scan it whole than seek
-- deviations_role.
DROP INDEX deviations_unit_reported;
CREATE INDEX deviations_unit_reported ON deviations(tenant_id, unit_id,
	reported_at, id, category_id, status, kind);
DROP INDEX deviations_category_reported;
CREATE INDEX deviations_category_reported ON deviations(tenant_id,
	category_id, reported_at, id, unit_id, status, kind);
DROP INDEX deviations_reported_id;
CREATE INDEX deviations_reported_id ON deviations(tenant_id, reported_at,
	id, unit_id, category_id, status, kind);
-- The open deviations' index (deviations_open_rows) is migration 0039's.
