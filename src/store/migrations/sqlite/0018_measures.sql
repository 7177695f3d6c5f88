-- 0018: one measure model (tiltak) for every subject. A measure belonged to
-- a deviation (measures.deviation_id); now it belongs to a subject named by
-- kind and id — 'deviation', 'risk', 'audit_recommendation' — owned by
-- src/measure/. It gains a status (open | started | done) and who marked
-- it done. Existing rows are carried over as the deviations' measures,
-- done when done_at is set. The subject has no foreign key (it is one of
-- several tables); its module checks it exists before adding a measure.
ALTER TABLE measures RENAME TO measures_old;
CREATE TABLE measures (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	subject_kind	TEXT NOT NULL,
	subject_id	INTEGER NOT NULL,
	text		TEXT NOT NULL,
	responsible_id	INTEGER REFERENCES people(id),
	due_at		INTEGER,
	status		TEXT NOT NULL DEFAULT 'open',
	done_at		INTEGER,
	done_note	TEXT,
	done_by		INTEGER REFERENCES people(id),
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES people(id)
) STRICT;
INSERT INTO measures (id, tenant_id, subject_kind, subject_id, text,
    responsible_id, due_at, status, done_at, done_note, done_by, created_at,
    created_by)
SELECT id, tenant_id, 'deviation', deviation_id, text, responsible_id, due_at,
    CASE WHEN done_at IS NULL THEN 'open' ELSE 'done' END, done_at, done_note,
    NULL, created_at, created_by
FROM measures_old;
DROP TABLE measures_old;
CREATE INDEX measures_subject ON measures(tenant_id, subject_kind, subject_id);
CREATE INDEX measures_owner ON measures(tenant_id, responsible_id, done_at);
