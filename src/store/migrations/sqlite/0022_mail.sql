-- 0022: notifications by e-mail (issue 17). Owned by notify/.
--  - mail_prefs: each person's choice: 'now' (a mail per notification),
--    'digest' (one mail a day) or 'off', and the language of the mails.
--    No row: 'now', in the person's language or bokmål.
--  - mail_outbox: one row per mail to send, written in the transaction of
--    the event that made the notification; the sender thread of `orden
--    serve` delivers it and sets sent_at (at least once: a send that dies
--    before sent_at is written is sent again, with the same message_id).
--    After the last try failed_at is set and the admin page shows it.
--    A row holds no text: the mail is composed at send time from kind
--    and deviation_id, in the recipient's language.
CREATE TABLE mail_prefs (
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	mode		TEXT NOT NULL CHECK (mode IN ('now', 'digest', 'off')),
	lang		TEXT,		-- nb | nn | en: the e-mails' language; NULL: people.lang, else nb
	PRIMARY KEY (tenant_id, person_id)
) STRICT;

CREATE TABLE mail_outbox (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	kind		TEXT NOT NULL,	-- a notification kind, or 'digest'
	deviation_id	INTEGER REFERENCES deviations(id),
	digest		INTEGER NOT NULL DEFAULT 0,	-- 1: waits for the daily digest
	message_id	TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	due_at		INTEGER NOT NULL,
	tries		INTEGER NOT NULL DEFAULT 0,
	last_error	TEXT,
	sent_at		INTEGER,
	failed_at	INTEGER,
	secret		TEXT		-- a password reset's link token until sent; then NULL
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox(sent_at, failed_at, due_at);
CREATE INDEX mail_outbox_person ON mail_outbox(tenant_id, person_id, sent_at);

-- A forgotten password, reset by e-mail (owned by auth/): the BLAKE2b of a
-- one-time link token, valid 30 minutes, used once.
CREATE TABLE password_resets (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	token_hash	BLOB NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	used_at		INTEGER
) STRICT;
CREATE INDEX password_resets_person ON password_resets(tenant_id, person_id, created_at);
