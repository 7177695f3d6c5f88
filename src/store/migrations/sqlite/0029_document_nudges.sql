-- 0029: a leader's reminder to read and confirm governing documents
-- (issue 14). One row per person: when they were last reminded, so that
-- a leader pressing "Påminn" again, or leaders at several levels doing
-- so the same week, does not flood anyone (document/coverage.c says how
-- often). Owned by src/document/.
CREATE TABLE document_nudges (
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	at		INTEGER NOT NULL,
	by_id		INTEGER REFERENCES people(id),
	PRIMARY KEY (tenant_id, person_id)
) STRICT, WITHOUT ROWID;
