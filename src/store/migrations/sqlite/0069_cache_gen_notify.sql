-- 0069 (SQLite): nothing. The twin of migrations/pg/0069, which makes
-- PostgreSQL notify its listening servers of every generation bump; on
-- SQLite every process reads the commit mark from the WAL index itself
-- (store/sqlite.c, sq_mark). Kept so both backends number alike.
SELECT 1;
