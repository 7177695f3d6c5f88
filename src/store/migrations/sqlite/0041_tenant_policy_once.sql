-- 0041: nothing on SQLite. On PostgreSQL this version rewrites the
-- row-level security policies so that each statement reads the tenant
-- setting once instead of on every row (migrations/pg/0041); SQLite has no
-- such policies (one database, the tenant is a bound parameter of every
-- statement). The version is kept on both so that version N means the same
-- schema on either backend.
SELECT 1;
