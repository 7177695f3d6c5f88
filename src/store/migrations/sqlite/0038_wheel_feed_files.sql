-- 0038: the yearly wheel's calendar feed and the file on a done occurrence.
-- A person's feed (GET /cal/<token>.ics) is found by the BLAKE2b-256 of its
-- token (auth_token_digest); the token itself is shown once and never
-- stored. One feed per person: a new link replaces the digest, "off"
-- deletes the row. The file that may come with "done" lives in the
-- occurrence's own row: its cleaned name, the type sniffed from its
-- content, its size and SHA-256 (hex).
CREATE TABLE wheel_feeds (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	digest		BLOB NOT NULL,
	created_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, person_id),
	UNIQUE (tenant_id, digest)
) STRICT;

ALTER TABLE wheel_occurrences ADD COLUMN file_name TEXT;
ALTER TABLE wheel_occurrences ADD COLUMN file_type TEXT;
ALTER TABLE wheel_occurrences ADD COLUMN file_size INTEGER;
ALTER TABLE wheel_occurrences ADD COLUMN file_sha256 TEXT;
ALTER TABLE wheel_occurrences ADD COLUMN file_data BLOB;
