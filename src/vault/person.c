/* person.c: each person's X25519 keypair. The secret key is stored only
 * wrapped under argon2id(password, salt) with the tenant, the person and
 * the public key as associated data; the argon2id limits go with the row.
 * The tenant is named by its uid (tenant_uid, org.h), which a municipality
 * keeps when it moves to another database, not by its row id there.
 * The slow derivation runs before any transaction is opened, so a login
 * does not hold the database's write lock while it hashes. */
#include "vault/vault.h"
#include "vault/vault_int.h"

#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/log.h"
#include "whistle/whistle.h"

static const char SQL_KEY_GET[] =
    "SELECT public_key, wrapped_sk, kdf_salt, kdf_ops, kdf_mem"
    " FROM person_keys WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_KEY_PUBLIC[] =
    "SELECT public_key FROM person_keys WHERE tenant_id = $1 AND person_id = $2";
/* Only for a person of this tenant (person_store asks org/ first, in the
 * same transaction); never over an existing keypair (two first logins at
 * once: the second one unlocks the first one's key).
 * The conflict has no target on purpose: the person's key is unique as
 * person_id on SQLite and as (tenant_id, person_id) on PostgreSQL, and
 * SQLite cannot name its unique index person_keys(tenant_id, person_id)
 * (0006) as a target because person_id is its rowid ("ON CONFLICT clause
 * does not match any PRIMARY KEY or UNIQUE constraint"). The table has no
 * other unique key, so both backends skip exactly "a key exists". */
static const char SQL_KEY_CREATE[] =
    "INSERT INTO person_keys (person_id, tenant_id, public_key, wrapped_sk,"
    " kdf_salt, kdf_ops, kdf_mem, created_at, updated_at)"
    " VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $8)"
    " ON CONFLICT DO NOTHING";
static const char SQL_KEY_REWRAP[] =
    "UPDATE person_keys SET wrapped_sk = $4, kdf_salt = $5, kdf_ops = $6,"
    " kdf_mem = $7, updated_at = $8"
    " WHERE tenant_id = $1 AND person_id = $2 AND public_key = $3";
static const char SQL_KEY_DELETE[] =
    "DELETE FROM person_keys WHERE tenant_id = $1 AND person_id = $2";

static const char PERSON_AD[] = "orden/vault/person-sk/v1";
#define AD_LEN		(sizeof(PERSON_AD) - 1 + 8 + 8 + VAULT_PK)
#define WRAPPED_LEN	(VAULT_NONCE + VAULT_SK + VAULT_TAG)

/* A wrapped secret key ready to store. */
struct wrapped {
	unsigned char		pk[VAULT_PK];
	unsigned char		w[WRAPPED_LEN];
	unsigned char		salt[VAULT_SALT];
	unsigned long long	ops;
	size_t			mem;
};

static void
put64(unsigned char *p, int64_t v)
{
	uint64_t	u = (uint64_t)v;
	int		i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(u >> (8 * i));
}

static void
person_ad(unsigned char ad[AD_LEN], int64_t tenant_uid, int64_t person_id,
    const unsigned char pk[VAULT_PK])
{
	memcpy(ad, PERSON_AD, sizeof(PERSON_AD) - 1);
	put64(ad + sizeof(PERSON_AD) - 1, tenant_uid);
	put64(ad + sizeof(PERSON_AD) - 1 + 8, person_id);
	memcpy(ad + sizeof(PERSON_AD) - 1 + 16, pk, VAULT_PK);
}

/* Wrap sk (whose public key is computed here) under password, at the
 * current cost with a fresh salt. 0 or -1. */
static int
person_wrap(struct ctx *ctx, int64_t person_id, const unsigned char sk[VAULT_SK],
    const char *password, struct wrapped *out)
{
	unsigned char	k[32], ad[AD_LEN];
	int64_t		uid;
	int		rc = -1;

	if ((uid = tenant_uid(ctx)) <= 0 ||
	    crypto_scalarmult_base(out->pk, sk) != 0)
		goto out;
	randombytes_buf(out->salt, sizeof(out->salt));
	vault_kdf_limits(&out->ops, &out->mem);
	if (vault_kdf(k, password, out->salt, out->ops, out->mem) != 0)
		goto out;
	person_ad(ad, uid, person_id, out->pk);
	rc = vault_aead_seal(out->w, k, sk, VAULT_SK, ad, sizeof(ad));
out:
	sodium_memzero(k, sizeof(k));
	return rc;
}

/* Run one write of a wrapped key (SQL_KEY_CREATE or SQL_KEY_REWRAP) in the
 * caller's transaction or its own. Rows changed, or -1. */
static int64_t
person_store(struct ctx *ctx, const char *sql, int64_t person_id,
    const struct wrapped *w)
{
	struct dbstmt	*st = NULL;
	int64_t		 changed = -1;
	int		 own = 0;

	if (!db_in_tx(ctx->conn)) {
		if (db_begin(ctx->conn) != DB_OK)
			return -1;
		own = 1;
	}
	if (sql == SQL_KEY_CREATE && !org_person_exists(ctx, person_id)) {
		changed = 0;
		goto out;
	}
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st) != DB_OK) {
		st = NULL;
		goto out;
	}
	if (db_bind_int(st, 2, person_id) != DB_OK ||
	    db_bind_blob(st, 3, w->pk, VAULT_PK) != DB_OK ||
	    db_bind_blob(st, 4, w->w, sizeof(w->w)) != DB_OK ||
	    db_bind_blob(st, 5, w->salt, sizeof(w->salt)) != DB_OK ||
	    db_bind_int(st, 6, (int64_t)w->ops) != DB_OK ||
	    db_bind_int(st, 7, (int64_t)w->mem) != DB_OK ||
	    db_bind_int(st, 8, ctx->now) != DB_OK ||
	    db_step(st) != DB_DONE)
		goto out;
	changed = db_changes(ctx->conn);
	db_reset(st);
	st = NULL;
	if (own && db_commit(ctx->conn) != DB_OK) {
		changed = -1;
		goto out;
	}
	own = 0;
out:
	if (st != NULL)
		db_reset(st);
	if (own)
		db_rollback(ctx->conn);
	return changed;
}

/* Unwrap the stored key with password. 0 and sk; VAULT_ERR_NOKEY when the
 * person has none; VAULT_ERR_PASSWORD when it does not open; -1 on error. */
static int
person_open(struct ctx *ctx, int64_t person_id, const char *password,
    unsigned char sk[VAULT_SK])
{
	struct dbstmt		*st;
	const unsigned char	*pk, *w, *salt;
	unsigned char		 pkc[VAULT_PK], wc[WRAPPED_LEN], saltc[VAULT_SALT];
	unsigned char		 k[32], ad[AD_LEN], check[VAULT_PK];
	size_t			 pklen = 0, wlen = 0, saltlen = 0;
	int64_t			 ops, mem, uid;
	int			 rc = -1, step;

	if ((uid = tenant_uid(ctx)) <= 0)
		return -1;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_KEY_GET, &st) != DB_OK)
		return -1;
	if (db_bind_int(st, 2, person_id) != DB_OK) {
		db_reset(st);
		return -1;
	}
	if ((step = db_step(st)) != DB_ROW) {
		db_reset(st);
		return step == DB_DONE ? VAULT_ERR_NOKEY : -1;
	}
	pk = db_col_blob(st, 0, &pklen);
	w = db_col_blob(st, 1, &wlen);
	salt = db_col_blob(st, 2, &saltlen);
	ops = db_col_int(st, 3);
	mem = db_col_int(st, 4);
	if (pk == NULL || w == NULL || salt == NULL || pklen != VAULT_PK ||
	    wlen != WRAPPED_LEN || saltlen != VAULT_SALT || ops <= 0 || mem <= 0) {
		db_reset(st);
		log_event("vault_error", "op", "unlock", "why", "malformed key row", NULL);
		return -1;
	}
	memcpy(pkc, pk, VAULT_PK);
	memcpy(wc, w, WRAPPED_LEN);
	memcpy(saltc, salt, VAULT_SALT);
	db_reset(st);

	if (vault_kdf(k, password, saltc, (unsigned long long)ops, (size_t)mem) != 0)
		goto out;
	person_ad(ad, uid, person_id, pkc);
	if (vault_aead_open(sk, k, wc, WRAPPED_LEN, ad, sizeof(ad)) != 0) {
		rc = VAULT_ERR_PASSWORD;
		goto out;
	}
	/* Defensive: the key that opened must be the public key's twin. */
	if (crypto_scalarmult_base(check, sk) != 0 ||
	    sodium_memcmp(check, pkc, VAULT_PK) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		sodium_memzero(sk, VAULT_SK);
	sodium_memzero(k, sizeof(k));
	return rc;
}

int
vault_person_unlock(struct ctx *ctx, int64_t person_id, const char *password,
    unsigned char sk_out[VAULT_SK])
{
	struct wrapped	w;
	unsigned char	pk[VAULT_PK];
	int64_t		changed;
	int		rc;

	if (password == NULL || person_id <= 0 || ctx->tenant_id <= 0)
		return -1;
	if ((rc = person_open(ctx, person_id, password, sk_out)) != VAULT_ERR_NOKEY)
		return rc;

	/* The first time: a new keypair, wrapped under this password. */
	crypto_box_keypair(pk, sk_out);
	rc = -1;
	if (person_wrap(ctx, person_id, sk_out, password, &w) != 0)
		goto out;
	if ((changed = person_store(ctx, SQL_KEY_CREATE, person_id, &w)) < 0)
		goto out;
	if (changed == 0) {
		/* Someone else's login made one first (or no such person):
		 * use theirs, never replace it. */
		sodium_memzero(sk_out, VAULT_SK);
		rc = person_open(ctx, person_id, password, sk_out);
		if (rc == VAULT_ERR_NOKEY)
			rc = -1;
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		sodium_memzero(sk_out, VAULT_SK);
	sodium_memzero(&w, sizeof(w));
	return rc;
}

int
vault_person_rewrap(struct ctx *ctx, int64_t person_id,
    const unsigned char sk[VAULT_SK], const char *new_password)
{
	struct wrapped	w;
	int64_t		changed;
	int		rc = -1;

	if (new_password == NULL || person_id <= 0 || ctx->tenant_id <= 0)
		return -1;
	if (person_wrap(ctx, person_id, sk, new_password, &w) != 0)
		goto out;
	/* Only the same keypair is rewrapped (the public key must match);
	 * when the person has none yet, this one becomes theirs. */
	if ((changed = person_store(ctx, SQL_KEY_REWRAP, person_id, &w)) < 0)
		goto out;
	if (changed == 0 &&
	    (changed = person_store(ctx, SQL_KEY_CREATE, person_id, &w)) <= 0)
		goto out;
	rc = 0;
out:
	sodium_memzero(&w, sizeof(w));
	return rc;
}

/* Bind $2 = person_id to a tenant statement and run it. DB_OK or error. */
static int
exec_person(struct ctx *ctx, const char *sql, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	if ((rc = db_bind_int(st, 2, person_id)) == DB_OK)
		rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
	db_reset(st);
	return rc;
}

int
vault_person_forget(struct ctx *ctx, int64_t person_id)
{
	int64_t	had;
	int	own = 0, rc = -1;

	if (person_id <= 0 || ctx->tenant_id <= 0)
		return -1;
	if (!db_in_tx(ctx->conn)) {
		if (db_begin(ctx->conn) != DB_OK)
			return -1;
		own = 1;
	}
	if (exec_person(ctx, SQL_KEY_DELETE, person_id) != DB_OK)
		goto out;
	had = db_changes(ctx->conn);
	/* The old secret key must not outlive the keypair in any session,
	 * and case keys sealed to it are marked missing (whistle.h); both
	 * here so that no path that drops a keypair can forget them. */
	if (auth_session_forget_secret(ctx, person_id) != DB_OK ||
	    whistle_forget_sealed(ctx, person_id) != 0)
		goto out;
	if (had > 0 && audit_append(ctx, "vault_key_dropped", "person",
	    person_id, NULL) != 0)
		goto out;
	if (own && db_commit(ctx->conn) != DB_OK)
		goto out;
	own = 0;
	rc = 0;
out:
	if (own)
		db_rollback(ctx->conn);
	return rc;
}

int
vault_person_public(struct ctx *ctx, int64_t person_id, unsigned char pk[VAULT_PK])
{
	struct dbstmt		*st;
	const unsigned char	*p;
	size_t			 n = 0;
	int			 rc = -1;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_KEY_PUBLIC, &st) != DB_OK)
		return -1;
	if (db_bind_int(st, 2, person_id) == DB_OK && db_step(st) == DB_ROW &&
	    (p = db_col_blob(st, 0, &n)) != NULL && n == VAULT_PK) {
		memcpy(pk, p, VAULT_PK);
		rc = 0;
	}
	db_reset(st);
	return rc;
}
