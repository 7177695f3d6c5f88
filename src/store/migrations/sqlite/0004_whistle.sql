-- 0004: whistleblowing (varsling) cases. Confidential by construction:
-- every text a person wrote, every name and the reporter's identity are
-- encrypted with a per-case key (XChaCha20-Poly1305 via src/vault/); the
-- columns below hold only metadata, ciphertext and sealed keys. The case key
-- is sealed to each handler's public key, to the tenant's offline recovery
-- key and to a logged-in reporter's public key, or wrapped under the
-- receipt code of a reporter without an account. See docs/SECURITY.md.

-- Per-tenant settings: acknowledgement deadline (default 7 days), feedback
-- deadline (3 months, in days as a fallback for reporting), reminder leads.
CREATE TABLE whistle_settings (
	tenant_id		INTEGER PRIMARY KEY REFERENCES tenants(id),
	ack_days		INTEGER NOT NULL DEFAULT 7,
	remind_ack_days		INTEGER NOT NULL DEFAULT 2,
	remind_feedback_days	INTEGER NOT NULL DEFAULT 14
) STRICT;

-- VA-<year>-<4 digits>, per tenant and year.
CREATE TABLE whistle_counters (
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	year		INTEGER NOT NULL,
	last		INTEGER NOT NULL,
	PRIMARY KEY (tenant_id, year)
) STRICT;

-- No reporter id, no accused id, no text in clear. reporter_sealed is the
-- case key sealed to an account reporter's public key: "mine" finds the
-- reporter's cases by trying to open these with their secret key, so the
-- row carries nothing that links it to a person (not even a stable tag).
CREATE TABLE whistle_cases (
	id			INTEGER PRIMARY KEY,
	tenant_id		INTEGER NOT NULL REFERENCES tenants(id),
	number			TEXT NOT NULL,			-- VA-2026-0007
	procedure		INTEGER NOT NULL,		-- 1..4
	state			TEXT NOT NULL,
	reporter_category	TEXT NOT NULL,
	anonymous		INTEGER NOT NULL DEFAULT 0,
	on_behalf_of_others	INTEGER NOT NULL DEFAULT 0,
	has_account		INTEGER NOT NULL DEFAULT 0,
	oral			INTEGER NOT NULL DEFAULT 0,
	meant_as_whistleblowing	INTEGER NOT NULL DEFAULT 1,
	received_at		INTEGER NOT NULL,
	ack_due_at		INTEGER NOT NULL,
	feedback_due_at		INTEGER NOT NULL,
	acknowledged_at		INTEGER,
	closed_at		INTEGER,
	outcome			TEXT,
	archive_ref		TEXT,
	exemption_basis		TEXT,
	council_required	INTEGER NOT NULL DEFAULT 0,
	forwarded		INTEGER NOT NULL DEFAULT 0,	-- procedure 3: sent to formannskap
	accused_heard		INTEGER NOT NULL DEFAULT 0,
	reroute			INTEGER NOT NULL DEFAULT 0,	-- a recusal waits for routing on
	content			BLOB NOT NULL,			-- encrypted report (JSON, padded)
	recovery_sealed		BLOB NOT NULL,			-- case key sealed to the tenant recovery key
	reporter_sealed		BLOB,				-- case key sealed to an account reporter
	receipt_handle		TEXT,				-- public part of a receipt code
	receipt_hash		TEXT,				-- argon2id of its secret part
	receipt_wrapped		BLOB,				-- case key wrapped under the secret
	ack_reminded_at		INTEGER,
	ack_overdue_at		INTEGER,
	feedback_reminded_at	INTEGER,
	feedback_overdue_at	INTEGER,
	updated_at		INTEGER NOT NULL,
	UNIQUE (tenant_id, number),
	UNIQUE (tenant_id, receipt_handle)
) STRICT;
CREATE INDEX whistle_cases_received ON whistle_cases(tenant_id, received_at);

-- Who handles a case. sealed_key NULL: the handler had no keypair yet (a
-- co-handler's visit or `orden whistle reseal` seals it later).
CREATE TABLE whistle_handlers (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	case_id		INTEGER NOT NULL REFERENCES whistle_cases(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	basis		TEXT NOT NULL,
	sealed_key	BLOB,
	impartial_at	INTEGER,
	recused_at	INTEGER,
	added_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, case_id, person_id)
) STRICT;
CREATE INDEX whistle_handlers_person ON whistle_handlers(tenant_id, person_id);

-- The dated log. body is encrypted (NULL when the event has no text).
-- actor_id is a handler (handlers are known metadata); never the reporter.
CREATE TABLE whistle_events (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	case_id		INTEGER NOT NULL REFERENCES whistle_cases(id),
	at		INTEGER NOT NULL,		-- when it happened (a step's date)
	created_at	INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES people(id),
	type		TEXT NOT NULL,
	body		BLOB
) STRICT;
CREATE INDEX whistle_events_case ON whistle_events(tenant_id, case_id, at);

-- Messages between handlers and the reporter, encrypted. author_id is the
-- handler who wrote it; NULL for the reporter (who stays unnamed).
CREATE TABLE whistle_messages (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	case_id		INTEGER NOT NULL REFERENCES whistle_cases(id),
	at		INTEGER NOT NULL,
	from_reporter	INTEGER NOT NULL,
	author_id	INTEGER REFERENCES people(id),
	body		BLOB NOT NULL
) STRICT;
CREATE INDEX whistle_messages_case ON whistle_messages(tenant_id, case_id, at);

-- Receipt sessions: only a hash of the cookie value, and the case key
-- wrapped under a key derived from it (the database alone cannot unwrap).
CREATE TABLE whistle_receipt_sessions (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	case_id		INTEGER NOT NULL REFERENCES whistle_cases(id),
	token_hash	BLOB NOT NULL UNIQUE,
	wrapped_key	BLOB NOT NULL,
	created_at	INTEGER NOT NULL,
	last_seen	INTEGER NOT NULL
) STRICT;
