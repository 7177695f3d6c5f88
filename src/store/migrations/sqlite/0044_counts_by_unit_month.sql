-- 0044: the kept counts summed by unit, handler unit and month, without
-- category, kind or status (issue 13). A sector's seasonal table (five
-- years by month over a subtree, on every sector leader's dashboard) read
-- every unit cell of deviation_counts in those sixty months, about 34,000
-- rows at 200,000 deviations, to add them up by month: the whole tenant's
-- sums cannot answer a subtree, and cells of whole years have no month.
-- Here the same question is one row per unit, handler unit and month.
-- Read by src/deviation/stats.c (deviation_stats_months), kept by
-- dev_counts_moved in the same transaction as the other counts (a move
-- that keeps unit, handler unit and reported month writes nothing here),
-- recounted and repaired by `orden check counts`.
CREATE TABLE deviation_counts_unit (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	unit_id		INTEGER NOT NULL REFERENCES units(id),
	handler_unit_id	INTEGER NOT NULL REFERENCES units(id),
	month		INTEGER NOT NULL,
	n		INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX deviation_counts_unit_cell ON deviation_counts_unit(
    tenant_id, month, unit_id, handler_unit_id);
CREATE INDEX deviation_counts_unit_read ON deviation_counts_unit(tenant_id,
    month, unit_id, handler_unit_id, n);
INSERT INTO deviation_counts_unit (tenant_id, unit_id, handler_unit_id,
    month, n)
SELECT tenant_id, unit_id, handler_unit_id, month, SUM(n)
FROM deviation_counts
GROUP BY tenant_id, month, unit_id, handler_unit_id HAVING SUM(n) <> 0;

-- The units' days to close by closing year, without category (issue 13):
-- deviation_close_days holds nearly one cell per closed deviation (21,000
-- for this year at 200,000), and a sector's dashboard read every one of
-- its period's to find its median and 90th percentile. By unit, handler
-- unit, kind, closing year and bucket of days the same year is about
-- 5,300 cells. Read for the whole years of a period (and a part of a year
-- longer than half of it, as the year less its other months) by questions
-- of every category; kept and recounted like the others.
CREATE TABLE deviation_close_days_unit (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	unit_id		INTEGER NOT NULL REFERENCES units(id),
	handler_unit_id	INTEGER NOT NULL REFERENCES units(id),
	kind		TEXT NOT NULL,
	year		INTEGER NOT NULL,
	days		INTEGER NOT NULL,
	n		INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX deviation_close_days_unit_cell ON deviation_close_days_unit(
    tenant_id, year, unit_id, handler_unit_id, kind, days);
CREATE INDEX deviation_close_days_unit_read ON deviation_close_days_unit(
    tenant_id, year, unit_id, handler_unit_id, kind, days, n);
INSERT INTO deviation_close_days_unit (tenant_id, unit_id, handler_unit_id,
    kind, year, days, n)
SELECT tenant_id, unit_id, handler_unit_id, kind, month / 100, days, SUM(n)
FROM deviation_close_days
GROUP BY tenant_id, month / 100, unit_id, handler_unit_id, kind, days
HAVING SUM(n) <> 0;
