-- 0009: accounts and sessions (issue 11).
--  - API tokens expire: expires_at (seconds; a token is refused from then
--    on). Tokens made before this migration get a year from when they were
--    made, but at least 90 days from the upgrade, so that no integration
--    stops the moment the new version starts.
--  - account_settings: per municipality, whom to ask when a password is
--    forgotten (shown on the login page). NULL: the built-in text.
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
UPDATE api_tokens SET expires_at = MAX(created_at + 31536000,
	CAST(strftime('%s', 'now') AS INTEGER) + 7776000)
	WHERE expires_at IS NULL;

CREATE TABLE account_settings (
	tenant_id	INTEGER PRIMARY KEY REFERENCES tenants(id),
	admin_contact	TEXT
) STRICT;
