-- 0013: photos on deviations (a picture from the phone of what happened).
-- Only JPEG and PNG, stored after their metadata (EXIF with GPS, XMP,
-- comments, PNG text) was stripped (src/util/imgstrip.c); name is cleaned
-- (src/util/filename.c). Readable by whoever may read the deviation.
CREATE TABLE deviation_attachments (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	deviation_id	INTEGER NOT NULL REFERENCES deviations(id),
	name		TEXT NOT NULL,
	content_type	TEXT NOT NULL,			-- image/jpeg | image/png
	size		INTEGER NOT NULL,
	data		BLOB NOT NULL,
	uploaded_by	INTEGER REFERENCES people(id),	-- NULL: a tool
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX deviation_attachments_dev ON deviation_attachments(tenant_id, deviation_id, id);
