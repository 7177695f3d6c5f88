-- 0009 (PostgreSQL): accounts and sessions; the twin of
-- migrations/sqlite/0009 (see there for the meaning).
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
UPDATE api_tokens SET expires_at = GREATEST(created_at + 31536000,
	CAST(extract(epoch FROM now()) AS BIGINT) + 7776000)
	WHERE expires_at IS NULL;

CREATE TABLE account_settings (
	tenant_id	BIGINT PRIMARY KEY REFERENCES tenants(id) DEFERRABLE INITIALLY IMMEDIATE,
	admin_contact	TEXT
);

ALTER TABLE account_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY account_settings_tenant ON account_settings
	USING (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*')
	WITH CHECK (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*');
