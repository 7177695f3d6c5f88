-- 0011: counts of deviations kept on write (src/deviation/counts.c), so
-- that dashboards and statistics read cells instead of every deviation.
--
-- One row per cell: where a deviation belongs (unit), who handles it
-- (handler unit: statistics count only what the caller's scope covers,
-- authz_dev_stats_handlers), category (0: none), kind, status, the local
-- (Europe/Oslo) month it was reported in as YYYYMM, and for closed ones
-- the whole days from report to close (-1 while not closed), so the
-- median and the 90th percentile of "days to close" come from counts.
-- Every change that moves a deviation between cells updates the two
-- cells in the same transaction (dev_counts_moved); `orden check counts`
-- recounts. A cell that falls to 0 is deleted. Derived data: no foreign
-- key to categories (0 is "none"); a row with an id so that `orden
-- migrate` copies it like every other table and its checksum covers it.
CREATE TABLE deviation_counts (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	unit_id		INTEGER NOT NULL REFERENCES units(id),
	handler_unit_id	INTEGER NOT NULL REFERENCES units(id),
	category_id	INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	status		TEXT NOT NULL,
	month		INTEGER NOT NULL,
	days		INTEGER NOT NULL,
	n		INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX deviation_counts_cell ON deviation_counts(tenant_id,
    month, unit_id, handler_unit_id, category_id, kind, status, days);
-- Statistics read a period's cells from this index alone (n included).
CREATE INDEX deviation_counts_read ON deviation_counts(tenant_id, month,
    unit_id, handler_unit_id, category_id, kind, status, days, n);
