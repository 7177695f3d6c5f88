-- 0042: the kept counts summed by year, so that a long period reads one
-- row per cell and whole year instead of twelve (issue 13). A dashboard
-- grouped by unit read every unit cell of its period: 62,000 cells for
-- ten years at 200,000 deviations, twice (the period and, for the
-- tertial report's groups, the year before); by year the same cells are
-- about 9,000. Statistics read whole years here and the ragged months
-- at either end from deviation_counts; the months of a whole year, where
-- a question shows them, come from deviation_counts_all (src/deviation/
-- stats.c). Kept by dev_counts_moved in the same transaction as the
-- other counts; `orden check counts` recounts them too.
CREATE TABLE deviation_counts_year (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	unit_id		INTEGER NOT NULL REFERENCES units(id),
	handler_unit_id	INTEGER NOT NULL REFERENCES units(id),
	category_id	INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	status		TEXT NOT NULL,
	year		INTEGER NOT NULL,
	n		INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX deviation_counts_year_cell ON deviation_counts_year(
    tenant_id, year, unit_id, handler_unit_id, category_id, kind, status);
CREATE INDEX deviation_counts_year_read ON deviation_counts_year(tenant_id,
    year, unit_id, handler_unit_id, category_id, kind, status, n);
INSERT INTO deviation_counts_year (tenant_id, unit_id, handler_unit_id,
    category_id, kind, status, year, n)
SELECT tenant_id, unit_id, handler_unit_id, category_id, kind, status,
    month / 100, SUM(n) FROM deviation_counts
GROUP BY tenant_id, month / 100, unit_id, handler_unit_id, category_id,
    kind, status HAVING SUM(n) <> 0;

-- The whole municipality's days to close by closing year
-- (deviation_close_days_all summed over its months: 11,900 cells for ten
-- years at 200,000, by year 1,350). Read for the whole years of a
-- question over every unit and category (the statistics API over the
-- whole history, the chief executive's long dashboards); kept and
-- recounted like the others.
CREATE TABLE deviation_close_days_year (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	kind		TEXT NOT NULL,
	year		INTEGER NOT NULL,
	days		INTEGER NOT NULL,
	n		INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX deviation_close_days_year_cell ON deviation_close_days_year(
    tenant_id, year, kind, days);
CREATE INDEX deviation_close_days_year_read ON deviation_close_days_year(
    tenant_id, year, kind, days, n);
INSERT INTO deviation_close_days_year (tenant_id, kind, year, days, n)
SELECT tenant_id, kind, month / 100, days, SUM(n) FROM deviation_close_days_all
GROUP BY tenant_id, month / 100, kind, days HAVING SUM(n) <> 0;
