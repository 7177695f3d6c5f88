-- 0045 (PostgreSQL): the twin of migrations/sqlite/0045 (see there): each
-- municipality's data generation for the cache of whole answers. Row 0
-- (writes that name no tenant) is visible to every tenant, written only
-- with orden.tenant '*'. Runs with orden.tenant '*'.
CREATE TABLE cache_gen (
	tenant_id	BIGINT NOT NULL,
	gen		BIGINT NOT NULL,
	PRIMARY KEY (tenant_id)
);

ALTER TABLE cache_gen ENABLE ROW LEVEL SECURITY;
ALTER TABLE cache_gen FORCE ROW LEVEL SECURITY;
CREATE POLICY cache_gen_tenant ON cache_gen
	USING (tenant_id = 0
	    OR tenant_id = (SELECT CASE WHEN current_setting('orden.tenant', true)
	    <> '*' THEN nullif(current_setting('orden.tenant', true),
	    '')::bigint END)
	    OR (SELECT current_setting('orden.tenant', true) = '*'))
	WITH CHECK (tenant_id = (SELECT CASE WHEN current_setting('orden.tenant', true)
	    <> '*' THEN nullif(current_setting('orden.tenant', true),
	    '')::bigint END)
	    OR (SELECT current_setting('orden.tenant', true) = '*'));
