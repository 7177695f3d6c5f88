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

-- Installation-wide templates (issue 14 item 7, seeds/002: the structure
-- shared by the cooperation, the content owned by each municipality): an
-- operator publishes them from the command line (orden template publish);
-- a municipality adopts one as its own copy (src/document/template.c),
-- after which the template and the copy go separate ways. No tenant: it
-- belongs to the installation, and `orden migrate` does not carry it.
-- kind 'processes': content is the tree, one "Group" or "Group > Sub" a
-- line; kind 'document': content is the text (safe markup), with the
-- suggested code, title and type.
CREATE TABLE doc_templates (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('processes', 'document')),
	name		TEXT NOT NULL UNIQUE,
	code		TEXT,
	title		TEXT,
	doc_type	TEXT,
	content		TEXT NOT NULL,
	published_at	INTEGER NOT NULL
) STRICT;
