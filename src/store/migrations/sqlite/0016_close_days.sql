-- 0016: days to close out of deviation_counts' key, into a histogram of
-- their own (src/deviation/counts.c, issue 13). With days in its key,
-- deviation_counts held a cell for nearly every closed deviation (164,000
-- cells for 200,000 deviations); without, a cell is (unit, handler unit,
-- category, kind, status, month reported) and a dashboard reads a few
-- thousand. Days to close go to deviation_close_days: (unit, handler unit,
-- category, kind, local month closed, days bucket), exact below 63 days,
-- then weeks, 30 days and years (dev_close_bucket), enough for the median
-- and the 90th percentile of what was closed in a period. Both are changed
-- in the same transaction as every change of a deviation
-- (dev_counts_moved); `orden check counts` recounts both.

-- deviation_counts without days: the same counts, summed over days.
CREATE TABLE deviation_counts_0016 (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	unit_id		INTEGER NOT NULL REFERENCES units(id),
	handler_unit_id	INTEGER NOT NULL REFERENCES units(id),
	category_id	INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	status		TEXT NOT NULL,
	month		INTEGER NOT NULL,
	n		INTEGER NOT NULL
) STRICT;
INSERT INTO deviation_counts_0016 (tenant_id, unit_id, handler_unit_id,
    category_id, kind, status, month, n)
SELECT tenant_id, unit_id, handler_unit_id, category_id, kind, status,
    month, SUM(n) FROM deviation_counts
GROUP BY tenant_id, month, unit_id, handler_unit_id, category_id, kind, status
HAVING SUM(n) <> 0;
DROP TABLE deviation_counts;
ALTER TABLE deviation_counts_0016 RENAME TO deviation_counts;
CREATE UNIQUE INDEX deviation_counts_cell ON deviation_counts(tenant_id,
    month, unit_id, handler_unit_id, category_id, kind, status);
-- Statistics read a period's cells from this index alone (n included).
CREATE INDEX deviation_counts_read ON deviation_counts(tenant_id, month,
    unit_id, handler_unit_id, category_id, kind, status, n);

-- The days-to-close histogram. month: YYYYMM (Europe/Oslo) of closed_at;
-- days: the first day of the bucket of whole days from report to close.
CREATE TABLE deviation_close_days (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	unit_id		INTEGER NOT NULL REFERENCES units(id),
	handler_unit_id	INTEGER NOT NULL REFERENCES units(id),
	category_id	INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	month		INTEGER NOT NULL,
	days		INTEGER NOT NULL,
	n		INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX deviation_close_days_cell ON deviation_close_days(
    tenant_id, month, unit_id, handler_unit_id, category_id, kind, days);
CREATE INDEX deviation_close_days_read ON deviation_close_days(tenant_id,
    month, unit_id, handler_unit_id, category_id, kind, days, n);
-- The ragged days of a period: deviations closed in them.
CREATE INDEX deviations_closed ON deviations(tenant_id, closed_at)
    WHERE closed_at IS NOT NULL;

-- Carried over from the deviations. The local month without time zone
-- tables: Oslo is UTC+1, +2 in summer time, which never starts or ends
-- within two hours of a month's first midnight; so t+1h and t+2h fall in
-- the same month except in the hour before one, where summer time (the
-- 1st of April to the 1st of October) takes t+2h's month.
WITH c AS (
	SELECT tenant_id, unit_id, handler_unit_id, COALESCE(category_id, 0) AS
	    category_id, kind, reported_at,
	    COALESCE(closed_at, reported_at) AS t,
	    MAX(0, (COALESCE(closed_at, reported_at) - reported_at) / 86400) AS d
	FROM deviations WHERE status = 'closed'
), m AS (
	SELECT *, CAST(strftime('%Y%m', t + 3600, 'unixepoch') AS INTEGER) AS m1,
	    CAST(strftime('%Y%m', t + 7200, 'unixepoch') AS INTEGER) AS m2
	FROM c
)
INSERT INTO deviation_close_days (tenant_id, unit_id, handler_unit_id,
    category_id, kind, month, days, n)
SELECT tenant_id, unit_id, handler_unit_id, category_id, kind,
    CASE WHEN m1 <> m2 AND m2 % 100 BETWEEN 4 AND 10 THEN m2 ELSE m1 END,
    CASE WHEN d < 63 THEN d
	    WHEN d < 189 THEN 63 + (d - 63) / 7 * 7
	    WHEN d < 369 THEN 189 + (d - 189) / 30 * 30
	    WHEN d < 3650 THEN 369 + (d - 369) / 365 * 365
	    ELSE 3650 END, COUNT(*)
FROM m GROUP BY 1, 2, 3, 4, 5, 6, 7;
