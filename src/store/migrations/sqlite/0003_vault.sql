-- 0003: the vault (src/vault/, docs/SECURITY.md): people's keypairs for
-- whistleblowing cases, each tenant's offline recovery public key, and the
-- person's secret key carried by their session.
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
	person_id	INTEGER PRIMARY KEY REFERENCES people(id),
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	public_key	BLOB NOT NULL,			-- 32 bytes
	wrapped_sk	BLOB NOT NULL,			-- 24 nonce + 32 + 16 tag
	kdf_salt	BLOB NOT NULL,			-- 16 bytes
	kdf_ops		INTEGER NOT NULL,
	kdf_mem		INTEGER NOT NULL,		-- bytes
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX person_keys_tenant ON person_keys(tenant_id);

-- The tenant's recovery public key. Its secret key exists only on paper
-- (or another offline medium) with the municipality; every case key is
-- sealed to this public key too, so that `orden whistle reseal` can give a
-- handler who lost their password access again.
CREATE TABLE tenant_recovery_keys (
	tenant_id	INTEGER PRIMARY KEY REFERENCES tenants(id),
	public_key	BLOB NOT NULL,			-- 32 bytes
	created_at	INTEGER NOT NULL
) STRICT;

-- nonce || XChaCha20-Poly1305(sk) under BLAKE2b(context key, cookie value);
-- NULL when the session carries no key (e.g. made by a tool).
ALTER TABLE sessions ADD COLUMN wrapped_sk BLOB;
