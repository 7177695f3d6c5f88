-- 0002: deviations (avvik) and improvement proposals (forbedringsforslag),
-- their categories and deadlines, events, measures, legal clocks and
-- notifications (in-app list and e-mail outbox in one table).

-- Categories per tenant. ack_hours/close_days are the deadlines;
-- legal names the legal clock the category can start (NULL: none):
--   'gdpr33'      personal-data breach  -> Datatilsynet within 72 h
--   'aml52'       serious work accident -> Arbeidstilsynet and police at once
--   'helsetilsyn' serious incident in health and care -> Statens helsetilsyn at once
CREATE TABLE categories (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	code		TEXT NOT NULL,
	name		TEXT NOT NULL,
	description	TEXT,
	ack_hours	INTEGER NOT NULL DEFAULT 48,
	close_days	INTEGER NOT NULL DEFAULT 30,
	legal		TEXT,
	active		INTEGER NOT NULL DEFAULT 1,
	sort		INTEGER NOT NULL DEFAULT 0,
	UNIQUE (tenant_id, code)
) STRICT;

-- Per-tenant settings of the deviation module (deadlines of improvement
-- proposals, which have no category of their own; reminder lead times).
CREATE TABLE deviation_settings (
	tenant_id		INTEGER PRIMARY KEY REFERENCES tenants(id),
	improvement_ack_hours	INTEGER NOT NULL DEFAULT 168,
	improvement_close_days	INTEGER NOT NULL DEFAULT 60,
	remind_hours		INTEGER NOT NULL DEFAULT 24
) STRICT;

CREATE TABLE deviation_counters (
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	year		INTEGER NOT NULL,
	last		INTEGER NOT NULL,
	PRIMARY KEY (tenant_id, year)
) STRICT;

CREATE TABLE deviations (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	number		TEXT NOT NULL,			-- AV-2026-000123
	kind		TEXT NOT NULL,			-- deviation | improvement
	title		TEXT NOT NULL,
	description	TEXT NOT NULL,
	category_id	INTEGER REFERENCES categories(id),	-- NULL allowed for improvements
	unit_id		INTEGER NOT NULL REFERENCES units(id),	-- where it belongs (moves on transfer)
	handler_unit_id	INTEGER NOT NULL REFERENCES units(id),	-- whose leader handles it
	place		TEXT,
	occurred_at	INTEGER,
	reported_at	INTEGER NOT NULL,
	reporter_id	INTEGER REFERENCES people(id),		-- NULL: imported without reporter
	severity	INTEGER,			-- 1 small .. 4 critical
	immediate_action TEXT,
	concerns_leader	INTEGER NOT NULL DEFAULT 0,
	personal_data	INTEGER NOT NULL DEFAULT 0,
	status		TEXT NOT NULL,			-- new | acknowledged | returned | closed
	ack_due_at	INTEGER,
	due_at		INTEGER,
	acknowledged_at	INTEGER,
	closed_at	INTEGER,
	cause		TEXT,
	consequence	TEXT,
	summary		TEXT,				-- what was learned (closing)
	return_reason	TEXT,
	ack_reminded_at	INTEGER,
	due_reminded_at	INTEGER,
	ack_escalated_at INTEGER,
	due_escalated_at INTEGER,
	updated_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, number)
) STRICT;
CREATE INDEX deviations_handler ON deviations(tenant_id, handler_unit_id, status);
CREATE INDEX deviations_reporter ON deviations(tenant_id, reporter_id);
CREATE INDEX deviations_reported ON deviations(tenant_id, reported_at);
CREATE INDEX deviations_due ON deviations(tenant_id, status, due_at);

-- Every change is an event. public = 1: the reporter sees it (transfer and
-- return reasons, closing summary); internal handling notes are public = 0.
CREATE TABLE deviation_events (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	deviation_id	INTEGER NOT NULL REFERENCES deviations(id),
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES people(id),	-- NULL: the system (reminders, escalation)
	type		TEXT NOT NULL,
	public		INTEGER NOT NULL DEFAULT 0,
	text		TEXT,
	detail		TEXT
) STRICT;
CREATE INDEX deviation_events_dev ON deviation_events(tenant_id, deviation_id, at);

CREATE TABLE measures (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	deviation_id	INTEGER NOT NULL REFERENCES deviations(id),
	text		TEXT NOT NULL,
	responsible_id	INTEGER REFERENCES people(id),
	due_at		INTEGER,
	done_at		INTEGER,
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES people(id)
) STRICT;
CREATE INDEX measures_dev ON measures(tenant_id, deviation_id);

CREATE TABLE legal_deadlines (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	deviation_id	INTEGER NOT NULL REFERENCES deviations(id),
	authority	TEXT NOT NULL,		-- datatilsynet | arbeidstilsynet | politiet | helsetilsyn
	due_at		INTEGER NOT NULL,
	done_at		INTEGER,
	UNIQUE (tenant_id, deviation_id, authority)
) STRICT;

-- In-app notifications and the e-mail outbox (sent_at NULL = not yet mailed;
-- e-mail delivery is a later issue).
CREATE TABLE notifications (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	deviation_id	INTEGER REFERENCES deviations(id),
	kind		TEXT NOT NULL,	-- new | reminder | escalation | transferred | returned | closed | measure | legal
	text		TEXT NOT NULL,	-- short, no personal data beyond the number and title
	created_at	INTEGER NOT NULL,
	read_at		INTEGER,
	sent_at		INTEGER
) STRICT;
CREATE INDEX notifications_person ON notifications(tenant_id, person_id, read_at);
