-- 0024 (PostgreSQL): the whistleblowing hold after a reset by someone
-- else; the twin of migrations/sqlite/0024 (see there for the meaning).
ALTER TABLE people ADD COLUMN wb_hold_by BIGINT;
ALTER TABLE people ADD COLUMN wb_hold_at BIGINT;
