-- 0033 (PostgreSQL): the twin of migrations/sqlite/0033 (read the reasons
-- there): each document's ID, title and current text as a tsvector of the
-- 'norwegian' configuration (so "rutinen" finds "rutiner"), in a table of
-- its own with a GIN index, kept by triggers in the transaction of the
-- change. Derived data: `orden migrate` does not copy it.
CREATE TABLE document_search (
	tenant_id	BIGINT NOT NULL REFERENCES tenants(id) DEFERRABLE INITIALLY IMMEDIATE,
	document_id	BIGINT NOT NULL,
	tsv		TSVECTOR NOT NULL,
	PRIMARY KEY (tenant_id, document_id),
	FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id)
	    ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX document_search_tsv ON document_search USING GIN (tsv);

CREATE FUNCTION document_search_refresh(t BIGINT, doc BIGINT) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO document_search (tenant_id, document_id, tsv)
	SELECT d.tenant_id, d.id, to_tsvector('norwegian'::regconfig,
	    d.code || ' ' || d.title || ' ' || coalesce(v.body, ''))
	FROM documents d LEFT JOIN document_versions v ON v.tenant_id = d.tenant_id
	    AND v.document_id = d.id AND v.number = d.current_version
	WHERE d.tenant_id = t AND d.id = doc
	ON CONFLICT (tenant_id, document_id) DO UPDATE SET tsv = excluded.tsv;
$$;

CREATE FUNCTION document_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM document_search_refresh(NEW.tenant_id, NEW.id);
	RETURN NULL;
END $$;
CREATE FUNCTION document_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM document_search_refresh(NEW.tenant_id, NEW.document_id);
	RETURN NULL;
END $$;
CREATE TRIGGER document_search_doc AFTER INSERT OR UPDATE OF code, title, current_version
    ON documents FOR EACH ROW EXECUTE FUNCTION document_search_doc();
CREATE TRIGGER document_search_version AFTER INSERT OR UPDATE OF body
    ON document_versions FOR EACH ROW EXECUTE FUNCTION document_search_version();

ALTER TABLE document_search ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_search FORCE ROW LEVEL SECURITY;
CREATE POLICY document_search_tenant ON document_search
	USING (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*')
	WITH CHECK (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*');

-- The documents there already (runs with orden.tenant '*').
INSERT INTO document_search (tenant_id, document_id, tsv)
SELECT d.tenant_id, d.id, to_tsvector('norwegian'::regconfig,
    d.code || ' ' || d.title || ' ' || coalesce(v.body, ''))
FROM documents d LEFT JOIN document_versions v ON v.tenant_id = d.tenant_id
    AND v.document_id = d.id AND v.number = d.current_version;
