-- 0029: a leader's reminder to read and confirm governing documents
-- (issue 14): when each person was last reminded (see the SQLite file).
CREATE TABLE document_nudges (
	tenant_id	BIGINT NOT NULL REFERENCES tenants(id) DEFERRABLE INITIALLY IMMEDIATE,
	person_id	BIGINT NOT NULL,
	at		BIGINT NOT NULL,
	by_id		BIGINT,
	PRIMARY KEY (tenant_id, person_id),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id) DEFERRABLE INITIALLY IMMEDIATE,
	FOREIGN KEY (tenant_id, by_id) REFERENCES people (tenant_id, id) DEFERRABLE INITIALLY IMMEDIATE
);

ALTER TABLE document_nudges ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_nudges FORCE ROW LEVEL SECURITY;
CREATE POLICY document_nudges_tenant ON document_nudges
	USING (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*')
	WITH CHECK (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*');
