-- 0056: each table of kept counts has one index for its cells instead of
-- two (w13-pg). A cell's unique index (the ON CONFLICT target of every
-- change, src/deviation/counts.c) and the same columns with n (the reads
-- of the dashboards and the statistics, from the index alone: 0011, 0016,
-- 0032, 0042, 0044) become one unique index on the cell that carries n
-- as an INCLUDE column: the conflict target is the same key, and a period's
-- cells are still read from the index alone. Every report moves a cell in
-- four of these tables, and PostgreSQL writes a changed count as a new row
-- version with an entry in every index of its table (n is indexed, so the
-- update is never HOT): three entries per table, now two. At 100
-- municipalities x 20,000 the four count upserts were 0.39 of a submit's
-- 0.92 ms of statement time, on the batch's one backend (bench/why.md).
-- SQLite has no INCLUDE; its 0056 changes nothing.
CREATE UNIQUE INDEX deviation_counts_cell_n ON deviation_counts(tenant_id, month, unit_id, handler_unit_id, category_id, kind, status)
    INCLUDE (n);
DROP INDEX deviation_counts_read;
DROP INDEX deviation_counts_cell;
ALTER INDEX deviation_counts_cell_n RENAME TO deviation_counts_cell;
CREATE UNIQUE INDEX deviation_counts_all_cell_n ON deviation_counts_all(tenant_id, month, category_id, kind, status)
    INCLUDE (n);
DROP INDEX deviation_counts_all_read;
DROP INDEX deviation_counts_all_cell;
ALTER INDEX deviation_counts_all_cell_n RENAME TO deviation_counts_all_cell;
CREATE UNIQUE INDEX deviation_counts_year_cell_n ON deviation_counts_year(tenant_id, year, unit_id, handler_unit_id, category_id, kind, status)
    INCLUDE (n);
DROP INDEX deviation_counts_year_read;
DROP INDEX deviation_counts_year_cell;
ALTER INDEX deviation_counts_year_cell_n RENAME TO deviation_counts_year_cell;
CREATE UNIQUE INDEX deviation_counts_unit_cell_n ON deviation_counts_unit(tenant_id, month, unit_id, handler_unit_id)
    INCLUDE (n);
DROP INDEX deviation_counts_unit_read;
DROP INDEX deviation_counts_unit_cell;
ALTER INDEX deviation_counts_unit_cell_n RENAME TO deviation_counts_unit_cell;
CREATE UNIQUE INDEX deviation_close_days_cell_n ON deviation_close_days(tenant_id, month, unit_id, handler_unit_id, category_id, kind, days)
    INCLUDE (n);
DROP INDEX deviation_close_days_read;
DROP INDEX deviation_close_days_cell;
ALTER INDEX deviation_close_days_cell_n RENAME TO deviation_close_days_cell;
CREATE UNIQUE INDEX deviation_close_days_all_cell_n ON deviation_close_days_all(tenant_id, month, kind, days)
    INCLUDE (n);
DROP INDEX deviation_close_days_all_read;
DROP INDEX deviation_close_days_all_cell;
ALTER INDEX deviation_close_days_all_cell_n RENAME TO deviation_close_days_all_cell;
CREATE UNIQUE INDEX deviation_close_days_year_cell_n ON deviation_close_days_year(tenant_id, year, kind, days)
    INCLUDE (n);
DROP INDEX deviation_close_days_year_read;
DROP INDEX deviation_close_days_year_cell;
ALTER INDEX deviation_close_days_year_cell_n RENAME TO deviation_close_days_year_cell;
CREATE UNIQUE INDEX deviation_close_days_unit_cell_n ON deviation_close_days_unit(tenant_id, year, unit_id, handler_unit_id, kind, days)
    INCLUDE (n);
DROP INDEX deviation_close_days_unit_read;
DROP INDEX deviation_close_days_unit_cell;
ALTER INDEX deviation_close_days_unit_cell_n RENAME TO deviation_close_days_unit_cell;
