-- 0036: a new version of a governing document says which improvement
-- proposals and deviations about it (deviations.document_id, 0034) it
-- answers (issue 14 item 6). Owned by src/document/: the deviation module
-- is asked for the deviations (deviation_get) and never writes here; the
-- deviation's page asks document_answered_in for "Besvart i versjon N".
CREATE TABLE document_answers (
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	document_id	INTEGER NOT NULL REFERENCES documents(id),
	number		INTEGER NOT NULL,
	deviation_id	INTEGER NOT NULL REFERENCES deviations(id),
	PRIMARY KEY (tenant_id, document_id, number, deviation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_answers_deviation ON document_answers (tenant_id, deviation_id);
