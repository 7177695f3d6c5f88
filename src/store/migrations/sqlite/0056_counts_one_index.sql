-- 0056: nothing on SQLite. On PostgreSQL each table of kept counts now has
-- one index for its cells (unique, with n as an INCLUDE column) instead of
-- a unique one and a covering one, because there every changed count adds
-- an entry to each index of its table. SQLite has no INCLUDE; its covering
-- indexes stay as they are.
SELECT 1;
