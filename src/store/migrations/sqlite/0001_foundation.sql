-- 0001: tenants, the org tree, people and roles, sessions, API tokens,
-- login throttling and the hash-chained audit log.
-- SQLite dialect (STRICT tables). The PostgreSQL twin lives in
-- migrations/pg/ with the same tables, columns and meanings.

CREATE TABLE tenants (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	host		TEXT UNIQUE,
	created_at	INTEGER NOT NULL,
	audit_seq	INTEGER NOT NULL DEFAULT 0,	-- head of the audit chain
	audit_head	BLOB					-- hash of row audit_seq
) STRICT;

CREATE TABLE units (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	code		TEXT NOT NULL,
	name		TEXT NOT NULL,
	parent_id	INTEGER REFERENCES units(id),
	created_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, code)
) STRICT;
CREATE INDEX units_parent ON units(tenant_id, parent_id);

CREATE TABLE people (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	login		TEXT NOT NULL,
	name		TEXT NOT NULL,
	email		TEXT,
	unit_id		INTEGER REFERENCES units(id),
	party		TEXT,
	active		INTEGER NOT NULL DEFAULT 1,
	lang		TEXT,
	password_hash	TEXT,
	must_change_password INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, login)
) STRICT;
CREATE INDEX people_unit ON people(tenant_id, unit_id);

-- unit_id 0 means "the whole tenant" (no foreign key on purpose: 0 is not a unit).
CREATE TABLE role_assignments (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	role		TEXT NOT NULL,
	unit_id		INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, person_id, role, unit_id)
) STRICT;
CREATE INDEX role_assignments_role ON role_assignments(tenant_id, role, unit_id);

CREATE TABLE sessions (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	token_hash	BLOB NOT NULL UNIQUE,		-- BLAKE2b of the cookie value
	person_id	INTEGER NOT NULL REFERENCES people(id),
	csrf		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	last_seen	INTEGER NOT NULL
) STRICT;

CREATE TABLE api_tokens (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	token_hash	BLOB NOT NULL UNIQUE,		-- BLAKE2b of the token
	person_id	INTEGER NOT NULL REFERENCES people(id),
	label		TEXT,
	created_at	INTEGER NOT NULL,
	last_used	INTEGER,
	revoked_at	INTEGER
) STRICT;

CREATE TABLE login_failures (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	login		TEXT NOT NULL,
	addr		TEXT NOT NULL,
	at		INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_login ON login_failures(tenant_id, login, at);
CREATE INDEX login_failures_addr ON login_failures(tenant_id, addr, at);

CREATE TABLE audit_log (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	seq		INTEGER NOT NULL,
	at		INTEGER NOT NULL,
	actor_id	INTEGER,			-- NULL: the system or a CLI tool
	action		TEXT NOT NULL,
	object_type	TEXT,
	object_id	INTEGER,
	detail		TEXT,
	prev_hash	BLOB NOT NULL,
	hash		BLOB NOT NULL,
	UNIQUE (tenant_id, seq)
) STRICT;
