-- 0027: webhooks (issue 17). Owned by webhook/.
--  - webhooks: the administrator's subscriptions: a URL, the event types it
--    hears (a comma-separated list of names such as deviation.reported),
--    and the secret that signs each delivery (HMAC-SHA256). The secret is
--    shown once, at creation; it is kept because every delivery is signed
--    with it (docs/SECURITY.md says how it is protected).
--  - webhook_deliveries: one row per delivery, written in the transaction
--    of the event; the sender thread of `orden serve` posts it and sets
--    sent_at (at least once: a send that dies before sent_at is written
--    is sent again with the same delivery_id). The payload holds only
--    identifiers and codes, never free text. After the last try failed_at
--    is set and the admin page shows it with the last status code.
CREATE TABLE webhooks (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	url		TEXT NOT NULL,
	events		TEXT NOT NULL,
	secret		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	removed_at	INTEGER
) STRICT;
CREATE INDEX webhooks_tenant ON webhooks(tenant_id, removed_at);

CREATE TABLE webhook_deliveries (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	webhook_id	INTEGER NOT NULL REFERENCES webhooks(id),
	event		TEXT NOT NULL,
	delivery_id	TEXT NOT NULL,
	payload		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	due_at		INTEGER NOT NULL,
	tries		INTEGER NOT NULL DEFAULT 0,
	last_status	INTEGER,	-- the receiver's HTTP status; NULL: none
	last_error	TEXT,
	sent_at		INTEGER,
	failed_at	INTEGER
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(sent_at, failed_at, due_at);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(tenant_id, webhook_id, id);
