-- 0017: governing documents (styrende dokumenter, issue 14): the main
-- process tree, the register with its versions, and read-confirmations.
-- Owned by src/document/; other modules call its functions.
--
-- doc_processes: the municipality's main processes, a tree kept by the
-- quality adviser (three top groups by default, made on first use).
CREATE TABLE doc_processes (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	parent_id	INTEGER REFERENCES doc_processes(id),	-- NULL: a top group
	name		TEXT NOT NULL,
	sort		INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX doc_processes_parent ON doc_processes(tenant_id, parent_id);

-- documents: one row per governing document. code is the municipality's
-- own ID ("2128"), unique in the tenant. status: draft | pending |
-- current | retired (utkast, til godkjenning, gjeldende, utgått).
-- Dates are UTC seconds of the Oslo civil day's start (util/date.h).
-- confirm_from: the number of the newest significant version that became
-- current; a read-confirmation of that version or a later one counts.
CREATE TABLE documents (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	code		TEXT NOT NULL,
	title		TEXT NOT NULL,
	doc_type	TEXT NOT NULL,
	process_id	INTEGER NOT NULL REFERENCES doc_processes(id),
	owner_id	INTEGER NOT NULL REFERENCES people(id),
	all_units	INTEGER NOT NULL DEFAULT 1,
	status		TEXT NOT NULL DEFAULT 'draft',
	public		INTEGER NOT NULL DEFAULT 0,
	approval_body	TEXT,
	approval_case	TEXT,
	approved_on	INTEGER,
	next_revision	INTEGER,
	revised_on	INTEGER,		-- last approval or "reviewed, no change"
	current_version	INTEGER NOT NULL DEFAULT 0,	-- its number; 0: none yet
	confirm_from	INTEGER NOT NULL DEFAULT 0,
	remind_ahead_at	INTEGER,		-- the reminder before next_revision was sent
	remind_over_at	INTEGER,		-- the overdue reminder was sent
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX documents_code ON documents(tenant_id, code);
CREATE INDEX documents_process ON documents(tenant_id, process_id);
CREATE INDEX documents_owner ON documents(tenant_id, owner_id);
CREATE INDEX documents_revision ON documents(tenant_id, status, next_revision);

-- The units a document applies to (with their subtrees) when all_units = 0.
CREATE TABLE document_units (
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	document_id	INTEGER NOT NULL REFERENCES documents(id),
	unit_id		INTEGER NOT NULL REFERENCES units(id),
	PRIMARY KEY (tenant_id, document_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_units_unit ON document_units(tenant_id, unit_id);

-- Versions: state draft | pending | current | old. body: the safe markup
-- written in the page (document/markup.c renders it); file_*: an attached
-- PDF, DOCX, ODT or XLSX, its type found from its content.
CREATE TABLE document_versions (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	document_id	INTEGER NOT NULL REFERENCES documents(id),
	number		INTEGER NOT NULL,
	state		TEXT NOT NULL,
	body		TEXT,
	file_name	TEXT,
	file_type	TEXT,
	file_size	INTEGER,
	file_sha256	TEXT,
	file_data	BLOB,
	change_note	TEXT,
	significant	INTEGER NOT NULL DEFAULT 1,
	created_by	INTEGER REFERENCES people(id),
	created_at	INTEGER NOT NULL,
	approved_at	INTEGER
) STRICT;
CREATE UNIQUE INDEX document_versions_number ON document_versions(tenant_id, document_id, number);

-- Read-confirmations: by the person themselves (via_by NULL), or a
-- leader's go-through with staff (via_by: the leader).
CREATE TABLE document_reads (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	document_id	INTEGER NOT NULL REFERENCES documents(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	version		INTEGER NOT NULL,
	at		INTEGER NOT NULL,
	via_by		INTEGER REFERENCES people(id)
) STRICT;
CREATE UNIQUE INDEX document_reads_person ON document_reads(tenant_id, person_id, document_id, version);
CREATE INDEX document_reads_doc ON document_reads(tenant_id, document_id, version);
