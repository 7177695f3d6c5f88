-- 0036: the proposals and deviations a version of a governing document
-- answers (issue 14 item 6; see the SQLite file).
CREATE TABLE document_answers (
	tenant_id	BIGINT NOT NULL REFERENCES tenants(id) DEFERRABLE INITIALLY IMMEDIATE,
	document_id	BIGINT NOT NULL,
	number		BIGINT NOT NULL,
	deviation_id	BIGINT NOT NULL,
	PRIMARY KEY (tenant_id, document_id, number, deviation_id),
	FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id) DEFERRABLE INITIALLY IMMEDIATE,
	FOREIGN KEY (tenant_id, deviation_id) REFERENCES deviations (tenant_id, id) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX document_answers_deviation ON document_answers (tenant_id, deviation_id);

ALTER TABLE document_answers ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_answers FORCE ROW LEVEL SECURITY;
CREATE POLICY document_answers_tenant ON document_answers
	USING (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*')
	WITH CHECK (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*');
