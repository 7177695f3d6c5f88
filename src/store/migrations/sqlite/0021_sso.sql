-- 0021: sign-in with the municipality's identity providers (OpenID Connect,
-- src/sso/; issue 17).
--  - sso_providers: one row per provider a municipality trusts (Entra ID,
--    Feide, ...), set with `orden sso add`. scope: what Orden asks for
--    ("openid profile email"; Feide needs "openid userid-feide email"). client_secret is the secret the
--    provider issued to Orden for this municipality (needed at the token
--    endpoint; never shown again). claim: the ID token claim that names the
--    person (email, upn, preferred_username, eduPersonPrincipalName).
--    create_unit_id: NULL = an unknown person is refused; else such a
--    person is created as an employee of this unit. amr_mfa: 1 = the
--    provider's "amr" claim saying "mfa" stands in for Orden's second factor.
--  - sso_logins: a sign-in under way (the browser went to the provider): the
--    hash of the state value (the browser holds the value itself in a
--    cookie and in the provider's answer), the nonce the ID token must
--    carry, the PKCE verifier. Deleted when used, so a state works once.
CREATE TABLE sso_providers (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	name		TEXT NOT NULL,
	issuer		TEXT NOT NULL,
	client_id	TEXT NOT NULL,
	client_secret	TEXT NOT NULL,
	redirect_uri	TEXT NOT NULL,
	claim		TEXT NOT NULL,
	scope		TEXT NOT NULL,
	create_unit_id	INTEGER REFERENCES units(id),
	amr_mfa		INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, name)
) STRICT;

CREATE TABLE sso_logins (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	state_hash	BLOB NOT NULL UNIQUE,
	provider_id	INTEGER NOT NULL REFERENCES sso_providers(id) ON DELETE CASCADE,
	nonce		TEXT NOT NULL,
	verifier	TEXT NOT NULL,
	next		TEXT,
	created_at	INTEGER NOT NULL
) STRICT;

-- The second factor (src/totp/; issue 17):
--  - totp_secrets: a person's RFC 6238 secret (20 random bytes). enabled 0
--    while enrolment is under way (the QR code was shown, no code typed
--    yet). last_step: the newest time step a code was accepted for, so a
--    code works once.
--  - totp_recovery_codes: ten one-time codes per person, as BLAKE2b hashes.
--  - totp_settings: per municipality, whether the second factor is required
--    (for admins and whistleblowing handlers, and the extra roles listed).
--  - login_tickets: a login half done (password or provider accepted, second
--    factor not yet): the hash of the browser's ticket cookie, and the
--    person's whistleblowing key wrapped under that cookie (as in sessions).
CREATE TABLE totp_secrets (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	secret		BLOB NOT NULL,
	enabled		INTEGER NOT NULL DEFAULT 0,
	last_step	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, person_id)
) STRICT;

CREATE TABLE totp_recovery_codes (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	person_id	INTEGER NOT NULL REFERENCES people(id),
	code_hash	BLOB NOT NULL,
	used_at		INTEGER
) STRICT;
CREATE INDEX totp_recovery_person ON totp_recovery_codes(tenant_id, person_id);

CREATE TABLE totp_settings (
	tenant_id	INTEGER PRIMARY KEY REFERENCES tenants(id),
	required	INTEGER NOT NULL DEFAULT 0,
	roles		TEXT
) STRICT;

CREATE TABLE login_tickets (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	ticket_hash	BLOB NOT NULL UNIQUE,
	person_id	INTEGER NOT NULL REFERENCES people(id),
	wrapped_sk	BLOB,
	next		TEXT,
	created_at	INTEGER NOT NULL
) STRICT;
