-- 0032: the few deviations routed to a role (about the chief executive,
-- handler_role set) found by the period without reading every deviation
-- of it (issue 13). Statistics count whole months from the kept counts
-- and then take back out those routed to a role that are kept from the
-- viewer (src/deviation/stats.c, SQL_ROWS_TOP and SQL_ROWS_CLOSED_TOP):
-- on the plain reported_at and closed_at indexes that looked up every
-- deviation of the period in the table to test handler_role (0.2-0.4 s
-- for five years of 200,000). These partial indexes hold only those rows.
CREATE INDEX deviations_role_reported ON deviations(tenant_id, reported_at)
    WHERE handler_role IS NOT NULL;
CREATE INDEX deviations_role_closed ON deviations(tenant_id, closed_at)
    WHERE handler_role IS NOT NULL AND status = 'closed';

-- Days to close of the whole municipality by kind: deviation_close_days
-- summed over unit, handler unit and category. The unit-level histogram
-- holds nearly a cell per closed deviation (163,000 cells for 200,000
-- deviations: unit x category x closing month x days is sparse), so the
-- median of the whole history read it all; this one holds at most
-- kinds x months x day buckets (a few thousand for ten years). Read when
-- a question covers every unit and category (the statistics API, the
-- chief executive's dashboard); kept by dev_counts_moved in the same
-- transaction; `orden check counts` recounts it too.
CREATE TABLE deviation_close_days_all (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	kind		TEXT NOT NULL,
	month		INTEGER NOT NULL,
	days		INTEGER NOT NULL,
	n		INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX deviation_close_days_all_cell ON deviation_close_days_all(
    tenant_id, month, kind, days);
CREATE INDEX deviation_close_days_all_read ON deviation_close_days_all(
    tenant_id, month, kind, days, n);
INSERT INTO deviation_close_days_all (tenant_id, kind, month, days, n)
SELECT tenant_id, kind, month, days, SUM(n) FROM deviation_close_days
GROUP BY tenant_id, month, kind, days HAVING SUM(n) <> 0;

-- Counts of the whole municipality: deviation_counts summed over unit and
-- handler unit (category, kind, status, month reported: a few thousand
-- rows for ten years, where deviation_counts holds units x that). Read
-- when a question covers every unit and shows nothing by unit (the
-- statistics API by category, status, month or kind; the dashboard's
-- seasonal table); kept and recounted like deviation_close_days_all.
CREATE TABLE deviation_counts_all (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	category_id	INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	status		TEXT NOT NULL,
	month		INTEGER NOT NULL,
	n		INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX deviation_counts_all_cell ON deviation_counts_all(
    tenant_id, month, category_id, kind, status);
CREATE INDEX deviation_counts_all_read ON deviation_counts_all(tenant_id,
    month, category_id, kind, status, n);
INSERT INTO deviation_counts_all (tenant_id, category_id, kind, status,
    month, n)
SELECT tenant_id, category_id, kind, status, month, SUM(n)
FROM deviation_counts GROUP BY tenant_id, month, category_id, kind, status
HAVING SUM(n) <> 0;
