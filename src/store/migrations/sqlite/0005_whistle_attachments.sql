-- 0005: evidence (attachments) on whistleblowing cases. Nothing a person
-- chose is in clear: the file name, content type, size and bytes are
-- encrypted under the case key (XChaCha20-Poly1305, associated data binding
-- case id, attachment id and field), so a copy of the database file shows
-- only that a case has some attachments and when they came.
-- meta: encrypted JSON {name, content_type, size, from_reporter}, padded.
-- data: encrypted bytes.
CREATE TABLE whistle_attachments (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	case_id		INTEGER NOT NULL REFERENCES whistle_cases(id),
	meta		BLOB NOT NULL,
	data		BLOB NOT NULL,
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX whistle_attachments_case ON whistle_attachments(tenant_id, case_id, id);
