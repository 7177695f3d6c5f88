-- 0049 (PostgreSQL): the twin of migrations/sqlite/0049 (see there): each
-- municipality's identity generation, beside its data generation (0045),
-- in the same row, so that one round trip reads both. The row-level
-- security of 0045 covers the new column.
ALTER TABLE cache_gen ADD COLUMN ident_gen BIGINT NOT NULL DEFAULT 0;
