-- 0003 (PostgreSQL): the vault (src/vault/, docs/SECURITY.md): people's
-- keypairs for whistleblowing cases, each tenant's offline recovery public
-- key, and the person's secret key carried by their session. The same
-- tables and columns as migrations/sqlite/0003; the differences are those
-- explained in 0001, and person_keys' primary key is (tenant_id,
-- person_id) (on SQLite: person_id, with that pair unique from 0006).
--
-- Nothing here is readable without a secret that the database never holds:
-- a secret key is stored only wrapped under a key derived from its owner's
-- password (argon2id, own salt), or, in a session row, under a key derived
-- from the session cookie value (the row keeps only a hash of that value).

-- One keypair per person (X25519, libsodium crypto_box). wrapped_sk is
-- nonce || XChaCha20-Poly1305(sk), with the tenant, the person and the
-- public key as associated data, so a row copied onto another person does
-- not open. The argon2id limits used are kept with the row: a later change
-- of cost (or a test database) must not lock anyone out.
CREATE TABLE person_keys (
	person_id	BIGINT NOT NULL,
	tenant_id	BIGINT NOT NULL REFERENCES tenants(id) DEFERRABLE INITIALLY IMMEDIATE,
	public_key	BYTEA NOT NULL,			-- 32 bytes
	wrapped_sk	BYTEA NOT NULL,			-- 24 nonce + 32 + 16 tag
	kdf_salt	BYTEA NOT NULL,			-- 16 bytes
	kdf_ops		BIGINT NOT NULL,
	kdf_mem		BIGINT NOT NULL,		-- bytes
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	PRIMARY KEY (tenant_id, person_id),
	FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX person_keys_tenant ON person_keys(tenant_id);

-- The tenant's recovery public key. Its secret key exists only on paper
-- (or another offline medium) with the municipality; every case key is
-- sealed to this public key too, so that `orden whistle reseal` can give a
-- handler who lost their password access again.
CREATE TABLE tenant_recovery_keys (
	tenant_id	BIGINT PRIMARY KEY REFERENCES tenants(id) DEFERRABLE INITIALLY IMMEDIATE,
	public_key	BYTEA NOT NULL,			-- 32 bytes
	created_at	BIGINT NOT NULL
);

-- nonce || XChaCha20-Poly1305(sk) under BLAKE2b(context key, cookie value);
-- NULL when the session carries no key (e.g. made by a tool).
ALTER TABLE sessions ADD COLUMN wrapped_sk BYTEA;


ALTER TABLE person_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY person_keys_tenant ON person_keys
	USING (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*')
	WITH CHECK (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*');

ALTER TABLE tenant_recovery_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_recovery_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_recovery_keys_tenant ON tenant_recovery_keys
	USING (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*')
	WITH CHECK (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*');
