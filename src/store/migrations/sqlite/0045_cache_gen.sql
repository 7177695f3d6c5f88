-- 0045: the generation of each municipality's data, for the cache of
-- whole answers (src/http/cache.c, issue 13). store.c bumps a tenant's row
-- in the same transaction as any write that names the tenant (once per
-- transaction, so once per group-commit batch), and the row of tenant 0
-- for a write that names none (tools working across tenants). An answer
-- is served from the cache only while the sum of its tenant's row and row
-- 0 is what it was before the answer was made. Writes that change no
-- answer (a session's expiry, login throttles) do not bump it (store.c,
-- QUIET_TABLES). Bookkeeping, not a municipality's data: no foreign key
-- (row 0 has no tenant), not copied by `orden migrate`.
CREATE TABLE cache_gen (
	tenant_id	INTEGER PRIMARY KEY,
	gen		INTEGER NOT NULL
);
