/* test_vault.c: the keys that keep whistleblowing cases confidential. What
 * a user would notice: their password (and only theirs) opens their key,
 * also after a change of password; a stolen database or a row moved to
 * someone else opens nothing; a session carries the key only with its
 * cookie; tampered or misplaced ciphertext is refused, never shown; a
 * receipt code can be typed sloppily but not guessed; a printed recovery
 * key with a typo is caught. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "fixture_db.h"
#include "org/org.h"
#include "util/buf.h"
#include "vault/vault.h"

struct t {
	struct fixture	f;
	struct ctx	ctx, other;	/* tenant 1, tenant 2 */
	int64_t		t1, t2, kari, ola, eve;
};

static const char SQL_COPY_KEY[] =
    "INSERT INTO person_keys (person_id, tenant_id, public_key, wrapped_sk,"
    " kdf_salt, kdf_ops, kdf_mem, created_at, updated_at)"
    " SELECT $2, tenant_id, public_key, wrapped_sk, kdf_salt, kdf_ops, kdf_mem,"
    " created_at, updated_at FROM person_keys WHERE tenant_id = $1 AND person_id = $3";
static const char SQL_SESSION_SK_N[] =
    "SELECT COUNT(*) FROM sessions WHERE tenant_id = $1 AND wrapped_sk IS NOT NULL";
/* A handler's sealed copy of a case key (whistle/'s tables, 0004). */
static const char SQL_CASE_MIN[] =
    "INSERT INTO whistle_cases (tenant_id, number, procedure, state,"
    " reporter_category, received_at, ack_due_at, feedback_due_at, content,"
    " recovery_sealed, updated_at) VALUES ($1, 'VA-2026-0001', 1, 'received',"
    " 'employee', 0, 0, 0, x'00', x'00', 0) RETURNING id";
static const char SQL_HANDLER_SEALED[] =
    "INSERT INTO whistle_handlers (tenant_id, case_id, person_id, basis,"
    " sealed_key, added_at) VALUES ($1, $2, $3, 'nearest_leader', x'0102', 0)";
static const char SQL_SEALED_N[] =
    "SELECT COUNT(*) FROM whistle_handlers WHERE tenant_id = $1"
    " AND sealed_key IS NOT NULL";
static const char SQL_AUDIT_N[] =
    "SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1 AND action = $2"
    " AND detail IS NULL";

static int64_t
person(struct ctx *ctx, const char *login)
{
	struct person	p = { 0 };
	int64_t		id;

	p.login = login;
	p.name = login;
	p.active = 1;
	if (db_begin(ctx->conn) != 0)
		return -1;
	id = org_person_create(ctx, &p);
	if (db_commit(ctx->conn) != 0)
		return -1;
	return id;
}

static int64_t
count2(struct ctx *ctx, const char *sql, const char *text)
{
	struct dbstmt	*st;
	int64_t		 n = -1;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st) != 0)
		return -1;
	if (text != NULL)
		db_bind_text(st, 2, text);
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

static int
setup(void **state)
{
	static struct t t;

	memset(&t, 0, sizeof(t));
	if (auth_init() != 0)
		return -1;
	auth_set_cost(AUTH_COST_TEST);
	if (fixture_open(&t.f, 2) != 0)
		return -1;
	t.t1 = tenant_create(t.f.conn, "Vestby", "vestby.example");
	t.t2 = tenant_create(t.f.conn, "Frosta", "frosta.example");
	if (t.t1 <= 0 || t.t2 <= 0)
		return -1;
	fixture_ctx(&t.f, &t.ctx, t.t1, NULL);
	fixture_ctx(&t.f, &t.other, t.t2, NULL);
	if ((t.kari = person(&t.ctx, "kari")) <= 0 ||
	    (t.ola = person(&t.ctx, "ola")) <= 0 ||
	    (t.eve = person(&t.other, "eve")) <= 0)
		return -1;
	*state = &t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;

	fixture_close(&t->f);
	return 0;
}

/* 1 if needle occurs in the file's bytes. */
static int
file_has(const char *path, const void *needle, size_t n)
{
	static char	 data[8 * 1024 * 1024];
	FILE		*f = fopen(path, "rb");
	size_t		 len, i;

	if (f == NULL)
		return 0;
	len = fread(data, 1, sizeof(data), f);
	fclose(f);
	for (i = 0; i + n <= len; i++)
		if (memcmp(data + i, needle, n) == 0)
			return 1;
	return 0;
}

static void
test_person_unlock(void **state)
{
	struct t	*t = *state;
	unsigned char	 sk[VAULT_SK], sk2[VAULT_SK], pk[VAULT_PK], pk2[VAULT_PK];
	char		 wal[160];

	assert_int_equal(vault_person_public(&t->ctx, t->kari, pk), -1);
	/* The first unlock makes the keypair. */
	assert_int_equal(vault_person_unlock(&t->ctx, t->kari, "kari-password-1", sk), 0);
	assert_int_equal(vault_person_public(&t->ctx, t->kari, pk), 0);
	assert_int_equal(crypto_scalarmult_base(pk2, sk), 0);
	assert_memory_equal(pk, pk2, VAULT_PK);
	/* The same password opens the same key again. */
	assert_int_equal(vault_person_unlock(&t->ctx, t->kari, "kari-password-1", sk2), 0);
	assert_memory_equal(sk, sk2, VAULT_SK);
	/* A wrong password opens nothing and leaves nothing behind. */
	memset(sk2, 0xAA, sizeof(sk2));
	assert_int_equal(vault_person_unlock(&t->ctx, t->kari, "kari-password-2", sk2),
	    VAULT_ERR_PASSWORD);
	memset(pk2, 0, sizeof(pk2));
	assert_memory_equal(sk2, pk2, VAULT_SK);
	assert_int_equal(vault_person_unlock(&t->ctx, t->kari, NULL, sk2), -1);
	/* Another tenant cannot see or make a key for this person. */
	assert_int_equal(vault_person_public(&t->other, t->kari, pk2), -1);
	assert_int_equal(vault_person_unlock(&t->other, t->kari, "kari-password-1", sk2), -1);
	assert_int_equal(vault_person_public(&t->other, t->kari, pk2), -1);
	/* The database file and its WAL never hold the secret key. */
	snprintf(wal, sizeof(wal), "%s-wal", t->f.path);
	assert_false(file_has(t->f.path, sk, VAULT_SK));
	assert_false(file_has(wal, sk, VAULT_SK));
	assert_true(file_has(wal, pk, VAULT_PK) || file_has(t->f.path, pk, VAULT_PK));
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(sk2, sizeof(sk2));
}

/* A key row copied onto another person does not open for them, even with
 * the password it was wrapped under (the row is bound to its person). */
static void
test_person_row_bound(void **state)
{
	struct t	*t = *state;
	unsigned char	 sk[VAULT_SK];
	struct dbstmt	*st;

	assert_int_equal(vault_person_unlock(&t->ctx, t->kari, "kari-password-1", sk), 0);
	assert_int_equal(db_prepare_tenant(t->ctx.conn, t->t1, SQL_COPY_KEY, &st), 0);
	db_bind_int(st, 2, t->ola);
	db_bind_int(st, 3, t->kari);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	assert_int_equal(vault_person_unlock(&t->ctx, t->ola, "kari-password-1", sk),
	    VAULT_ERR_PASSWORD);
	assert_int_equal(vault_person_forget(&t->ctx, t->ola), 0);
}

/* A municipality moved to another database (another row id, the same
 * uid) still opens its people's keys with their passwords; under another
 * uid the key does not open: the binding names the uid, not the id. */
static void
test_person_key_follows_uid(void **state)
{
	struct t	*t = *state;
	struct ctx	 c;
	unsigned char	 sk[VAULT_SK], sk2[VAULT_SK];
	int64_t		 tid, pid;

	tid = tenant_create(t->f.conn, "Flytta", "flytta.example");
	assert_true(tid > 0);
	fixture_ctx(&t->f, &c, tid, NULL);
	assert_true((pid = person(&c, "mover")) > 0);
	assert_int_equal(vault_person_unlock(&c, pid, "mover-password-1", sk), 0);

	/* Moved: the tenant's row is 77 now, its uid the same. */
	assert_int_equal(db_exec(t->f.conn,
	    "INSERT INTO tenants (id, name, host, created_at, audit_seq, audit_head, uid)"
	    " SELECT 77, name, NULL, created_at, audit_seq, audit_head, uid"
	    " FROM tenants WHERE name = 'Flytta'"), 0);
	assert_int_equal(db_exec(t->f.conn,
	    "UPDATE people SET tenant_id = 77 WHERE login = 'mover'"), 0);
	assert_int_equal(db_exec(t->f.conn,
	    "UPDATE person_keys SET tenant_id = 77 WHERE tenant_id ="
	    " (SELECT id FROM tenants WHERE name = 'Flytta' AND id <> 77)"), 0);
	fixture_ctx(&t->f, &c, 77, NULL);
	memset(sk2, 0, sizeof(sk2));
	assert_int_equal(vault_person_unlock(&c, pid, "mover-password-1", sk2), 0);
	assert_memory_equal(sk, sk2, VAULT_SK);

	/* The same row under another uid is refused like a wrong password. */
	assert_int_equal(db_exec(t->f.conn,
	    "UPDATE tenants SET uid = uid + 1 WHERE id = 77"), 0);
	fixture_ctx(&t->f, &c, 77, NULL);
	assert_int_equal(vault_person_unlock(&c, pid, "mover-password-1", sk2),
	    VAULT_ERR_PASSWORD);
	/* A context that carries the uid uses it, without asking. */
	c.tenant_uid = fixture_int(t->f.conn,
	    "SELECT uid FROM tenants WHERE id = 77") - 1;
	assert_int_equal(vault_person_unlock(&c, pid, "mover-password-1", sk2), 0);
	assert_memory_equal(sk, sk2, VAULT_SK);
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(sk2, sizeof(sk2));
}

static void
test_person_rewrap_and_forget(void **state)
{
	struct t	*t = *state;
	unsigned char	 sk[VAULT_SK], sk2[VAULT_SK], other[VAULT_SK], pk[VAULT_PK],
			 pk2[VAULT_PK];
	char		 tok[AUTH_TOKEN_LEN + 1];
	struct session	 s;
	int64_t		 dropped = count2(&t->ctx, SQL_AUDIT_N, "vault_key_dropped");

	assert_int_equal(vault_person_unlock(&t->ctx, t->ola, "ola-password-12", sk), 0);
	assert_int_equal(vault_person_public(&t->ctx, t->ola, pk), 0);
	/* Change of password: the same key, now under the new password. */
	assert_int_equal(vault_person_rewrap(&t->ctx, t->ola, sk, "ola-new-password"), 0);
	assert_int_equal(vault_person_unlock(&t->ctx, t->ola, "ola-password-12", sk2),
	    VAULT_ERR_PASSWORD);
	assert_int_equal(vault_person_unlock(&t->ctx, t->ola, "ola-new-password", sk2), 0);
	assert_memory_equal(sk, sk2, VAULT_SK);
	/* A different secret key never replaces the person's keypair. */
	crypto_box_keypair(pk2, other);
	assert_int_equal(vault_person_rewrap(&t->ctx, t->ola, other, "ola-new-password"), -1);
	assert_int_equal(vault_person_unlock(&t->ctx, t->ola, "ola-new-password", sk2), 0);
	assert_memory_equal(sk, sk2, VAULT_SK);

	/* Admin reset: the keypair and the key in sessions are gone; the
	 * next unlock makes a new, different one. */
	assert_int_equal(auth_session_create(&t->ctx, t->ola, tok, &s), 0);
	assert_int_equal(auth_session_attach_secret(&t->ctx, tok, sk), 0);
	assert_int_equal(count2(&t->ctx, SQL_SESSION_SK_N, NULL), 1);
	{
		struct dbstmt	*st;
		int64_t		 cid;

		assert_int_equal(db_prepare_tenant(t->ctx.conn, t->t1, SQL_CASE_MIN, &st), 0);
		assert_int_equal(db_step(st), DB_ROW);
		cid = db_col_int(st, 0);
		db_reset(st);
		assert_int_equal(db_prepare_tenant(t->ctx.conn, t->t1, SQL_HANDLER_SEALED, &st), 0);
		db_bind_int(st, 2, cid);
		db_bind_int(st, 3, t->ola);
		assert_int_equal(db_step(st), DB_DONE);
		db_reset(st);
		assert_int_equal(count2(&t->ctx, SQL_SEALED_N, NULL), 1);
	}
	assert_int_equal(vault_person_forget(&t->ctx, t->ola), 0);
	assert_int_equal(count2(&t->ctx, SQL_SESSION_SK_N, NULL), 0);
	/* Copies sealed to the dropped key are marked missing, so that a
	 * co-handler or the recovery key gives the new key its own. */
	assert_int_equal(count2(&t->ctx, SQL_SEALED_N, NULL), 0);
	assert_int_equal(auth_session_secret(&t->ctx, tok, sk2), -1);
	assert_int_equal(count2(&t->ctx, SQL_AUDIT_N, "vault_key_dropped"), dropped + 1);
	assert_int_equal(vault_person_public(&t->ctx, t->ola, pk2), -1);
	assert_int_equal(vault_person_unlock(&t->ctx, t->ola, "ola-new-password", sk2), 0);
	assert_int_equal(vault_person_public(&t->ctx, t->ola, pk2), 0);
	assert_memory_not_equal(pk, pk2, VAULT_PK);
	assert_memory_not_equal(sk, sk2, VAULT_SK);
	/* Forgetting twice: the second time there is nothing to drop and
	 * nothing is audited. */
	assert_int_equal(vault_person_forget(&t->ctx, t->kari), 0);
	assert_int_equal(vault_person_forget(&t->ctx, t->kari), 0);
	assert_int_equal(count2(&t->ctx, SQL_AUDIT_N, "vault_key_dropped"), dropped + 2);
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(sk2, sizeof(sk2));
}

/* Keys made at the cheap test cost still open when the server later runs
 * at full cost, and the other way round: the limits travel with the key. */
static void
test_cost_travels_with_key(void **state)
{
	struct t	*t = *state;
	unsigned char	 sk[VAULT_SK], sk2[VAULT_SK], key[VAULT_KEY], key2[VAULT_KEY];
	struct buf	 w;
	int64_t		 p = person(&t->ctx, "cost");

	buf_init(&w, 1024);
	vault_key_new(key);
	assert_int_equal(vault_person_unlock(&t->ctx, p, "cost-password-1", sk), 0);
	assert_int_equal(vault_receipt_wrap("ABCDEFGHJKMNPQRS", key, &w), 0);
	auth_set_cost(AUTH_COST_DEFAULT);
	assert_int_equal(vault_person_unlock(&t->ctx, p, "cost-password-1", sk2), 0);
	assert_memory_equal(sk, sk2, VAULT_SK);
	assert_int_equal(vault_receipt_unwrap("ABCDEFGHJKMNPQRS",
	    (const unsigned char *)w.data, w.len, key2), 0);
	assert_memory_equal(key, key2, VAULT_KEY);
	auth_set_cost(AUTH_COST_TEST);
	buf_free(&w);
}

static void
test_session_wrap(void **state)
{
	struct t	*t = *state;
	unsigned char	 sk[VAULT_SK], sk2[VAULT_SK], pk[VAULT_PK];
	char		 tok[AUTH_TOKEN_LEN + 1], tok2[AUTH_TOKEN_LEN + 1];
	struct buf	 w;
	struct session	 s;

	(void)t;
	buf_init(&w, 1024);
	crypto_box_keypair(pk, sk);
	memcpy(tok, "Qk9PTS1UT0tFTi1PRi1BLVNFU1NJT04tQ09PS0lFLTE", AUTH_TOKEN_LEN);
	tok[AUTH_TOKEN_LEN] = '\0';
	assert_int_equal(vault_session_wrap(tok, sk, &w), 0);
	assert_int_equal(w.len, 24 + 32 + 16);
	assert_int_equal(vault_session_unwrap(tok, (unsigned char *)w.data, w.len, sk2), 0);
	assert_memory_equal(sk, sk2, VAULT_SK);
	/* Bound to the cookie value: one character off, nothing. */
	memcpy(tok2, tok, sizeof(tok));
	tok2[5] = tok2[5] == 'A' ? 'B' : 'A';
	assert_int_equal(vault_session_unwrap(tok2, (unsigned char *)w.data, w.len, sk2), -1);
	w.data[30] ^= 1;
	assert_int_equal(vault_session_unwrap(tok, (unsigned char *)w.data, w.len, sk2), -1);
	assert_int_equal(vault_session_unwrap(tok, (unsigned char *)w.data, w.len - 1, sk2), -1);
	assert_int_equal(vault_session_wrap("short", sk, &w), -1);

	/* Through the session store: attach at login, read per request. */
	assert_int_equal(auth_session_create(&t->ctx, t->kari, tok, &s), 0);
	assert_int_equal(auth_session_create(&t->ctx, t->kari, tok2, &s), 0);
	assert_int_equal(auth_session_secret(&t->ctx, tok, sk2), -1);	/* none yet */
	assert_int_equal(auth_session_attach_secret(&t->ctx, tok, sk), 0);
	assert_int_equal(auth_session_secret(&t->ctx, tok, sk2), 0);
	assert_memory_equal(sk, sk2, VAULT_SK);
	assert_int_equal(auth_session_secret(&t->ctx, tok2, sk2), -1);	/* the other session */
	assert_int_equal(auth_session_secret(&t->other, tok, sk2), -1);	/* another tenant */
	assert_int_equal(auth_session_secret(&t->ctx, "not-a-token", sk2), -1);
	assert_int_equal(auth_session_attach_secret(&t->ctx,
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", sk), -1);
	/* An expired session carries no key. */
	t->ctx.now += AUTH_SESSION_IDLE + 1;
	assert_int_equal(auth_session_secret(&t->ctx, tok, sk2), -1);
	t->ctx.now -= AUTH_SESSION_IDLE + 1;
	/* Logged out: gone. */
	assert_int_equal(auth_session_destroy(&t->ctx, tok), 0);
	assert_int_equal(auth_session_secret(&t->ctx, tok, sk2), -1);
	buf_free(&w);
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(sk2, sizeof(sk2));
}

static void
test_seal(void **state)
{
	unsigned char	pk[VAULT_PK], sk[VAULT_SK], pk2[VAULT_PK], sk2[VAULT_SK];
	unsigned char	key[VAULT_KEY], key2[VAULT_KEY], sealed[VAULT_SEALED],
			sealed2[VAULT_SEALED];

	(void)state;
	crypto_box_keypair(pk, sk);
	crypto_box_keypair(pk2, sk2);
	vault_key_new(key);
	vault_key_new(key2);
	assert_memory_not_equal(key, key2, VAULT_KEY);
	assert_int_equal(vault_seal(pk, key, sealed), 0);
	assert_int_equal(vault_seal(pk, key, sealed2), 0);
	assert_memory_not_equal(sealed, sealed2, VAULT_SEALED);	/* ephemeral keys */
	assert_int_equal(vault_unseal(pk, sk, sealed, key2), 0);
	assert_memory_equal(key, key2, VAULT_KEY);
	/* Someone else's key opens nothing. */
	assert_int_equal(vault_unseal(pk2, sk2, sealed, key2), -1);
	assert_int_equal(vault_unseal(pk, sk2, sealed, key2), -1);
	sealed[40] ^= 0x10;
	assert_int_equal(vault_unseal(pk, sk, sealed, key2), -1);
}

static void
test_encrypt(void **state)
{
	struct t	*t = *state;
	static const char text[] = "Blåbærsyltetøy-7731: lederen truet en ansatt";
	unsigned char	 key[VAULT_KEY], key2[VAULT_KEY];
	struct buf	 c, c2;
	char		*out;
	size_t		 n;

	buf_init(&c, 4096);
	buf_init(&c2, 4096);
	vault_key_new(key);
	vault_key_new(key2);
	assert_int_equal(vault_encrypt(key, text, strlen(text), "case:7:what", &c), 0);
	assert_int_equal(c.len, strlen(text) + 40);
	assert_null(memmem(c.data, c.len, "Blåbær", strlen("Blåbær")));
	assert_int_equal(vault_encrypt(key, text, strlen(text), "case:7:what", &c2), 0);
	assert_memory_not_equal(c.data, c2.data, c.len);	/* fresh nonce */
	assert_int_equal(vault_decrypt(key, (unsigned char *)c.data, c.len,
	    "case:7:what", t->f.arena, &out, &n), 0);
	assert_int_equal(n, strlen(text));
	assert_string_equal(out, text);
	/* Moved to another field or case, under another key, truncated or
	 * changed: refused. */
	assert_int_equal(vault_decrypt(key, (unsigned char *)c.data, c.len,
	    "case:7:why", t->f.arena, &out, &n), -1);
	assert_null(out);
	assert_int_equal(vault_decrypt(key, (unsigned char *)c.data, c.len,
	    "case:8:what", t->f.arena, &out, &n), -1);
	assert_int_equal(vault_decrypt(key, (unsigned char *)c.data, c.len,
	    NULL, t->f.arena, &out, &n), -1);
	assert_int_equal(vault_decrypt(key2, (unsigned char *)c.data, c.len,
	    "case:7:what", t->f.arena, &out, &n), -1);
	assert_int_equal(vault_decrypt(key, (unsigned char *)c.data, c.len - 1,
	    "case:7:what", t->f.arena, &out, &n), -1);
	assert_int_equal(vault_decrypt(key, (unsigned char *)c.data, 39,
	    "case:7:what", t->f.arena, &out, &n), -1);
	c.data[30] ^= 0x01;
	assert_int_equal(vault_decrypt(key, (unsigned char *)c.data, c.len,
	    "case:7:what", t->f.arena, &out, &n), -1);
	c.data[30] ^= 0x01;
	c.data[3] ^= 0x01;	/* the nonce */
	assert_int_equal(vault_decrypt(key, (unsigned char *)c.data, c.len,
	    "case:7:what", t->f.arena, &out, &n), -1);
	/* Empty text, no associated data. */
	assert_int_equal(vault_encrypt(key, "", 0, NULL, &c), 0);
	assert_int_equal(c.len, 40);
	assert_int_equal(vault_decrypt(key, (unsigned char *)c.data, c.len,
	    NULL, t->f.arena, &out, &n), 0);
	assert_string_equal(out, "");
	buf_free(&c);
	buf_free(&c2);
}

static int
is_b32(char c)
{
	return c != '\0' && strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", c) != NULL;
}

static void
test_receipt_code(void **state)
{
	static char	codes[2000][VAULT_RECEIPT_MAX];
	char		handle[VAULT_HANDLE_LEN + 1], secret[32], h2[VAULT_HANDLE_LEN + 1],
			s2[32];
	int		seen[32] = { 0 }, i, j, k;

	(void)state;
	for (i = 0; i < 2000; i++) {
		vault_receipt_new(codes[i]);
		/* XXXX-XXXX-XXXX-XXXX-XXXX-XXXX */
		assert_int_equal(strlen(codes[i]), 29);
		for (j = 0; j < 29; j++) {
			if (j % 5 == 4) {
				assert_int_equal(codes[i][j], '-');
				continue;
			}
			assert_true(is_b32(codes[i][j]));
			for (k = 0; k < 32; k++)
				if ("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[k] == codes[i][j])
					seen[k]++;
		}
	}
	/* Every symbol is used, roughly evenly (48000 draws, 1500 expected
	 * each): a generator with a stuck or biased symbol fails here. */
	for (k = 0; k < 32; k++) {
		assert_true(seen[k] > 1200);
		assert_true(seen[k] < 1800);
	}
	/* No repeats, not even of the handle. */
	for (i = 0; i < 2000; i++)
		for (j = i + 1; j < 2000; j++)
			assert_memory_not_equal(codes[i], codes[j], 9);

	/* Typed back carelessly: lower case, spaces, no dashes, O for 0 and
	 * l or I for 1 all mean the same code. */
	assert_int_equal(vault_receipt_split("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01", handle,
	    secret, sizeof(secret)), 0);
	assert_string_equal(handle, "ABCDEFGH");
	assert_string_equal(secret, "JKMNPQRSTVWXYZ01");
	assert_int_equal(vault_receipt_split(" abcd efgh jkmn-pqrs tvwx yzOl\n", h2,
	    s2, sizeof(s2)), 0);
	assert_string_equal(h2, handle);
	assert_string_equal(s2, secret);
	assert_int_equal(vault_receipt_split("ABCDEFGHJKMNPQRSTVWXYZ0I", h2, s2,
	    sizeof(s2)), 0);
	assert_string_equal(s2, secret);
	/* Malformed: too short, too long, a U, punctuation, small buffer. */
	assert_int_equal(vault_receipt_split("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0", h2, s2,
	    sizeof(s2)), -1);
	assert_int_equal(vault_receipt_split("ABCD-EFGH-JKMN-PQRS-TVWX-YZ012", h2, s2,
	    sizeof(s2)), -1);
	assert_int_equal(vault_receipt_split("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U", h2, s2,
	    sizeof(s2)), -1);
	assert_int_equal(vault_receipt_split("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0.", h2, s2,
	    sizeof(s2)), -1);
	assert_int_equal(vault_receipt_split("", h2, s2, sizeof(s2)), -1);
	assert_int_equal(vault_receipt_split(NULL, h2, s2, sizeof(s2)), -1);
	assert_int_equal(vault_receipt_split(codes[0], h2, s2, 16), -1);
	/* A generated code splits into 8 + 16 of its own characters. */
	assert_int_equal(vault_receipt_split(codes[0], h2, s2, sizeof(s2)), 0);
	assert_int_equal(strlen(h2), 8);
	assert_int_equal(strlen(s2), 16);
	assert_memory_equal(h2, codes[0], 4);
	assert_memory_equal(s2, codes[0] + 10, 4);
}

static void
test_receipt_hash(void **state)
{
	char	hash[128];

	(void)state;
	assert_int_equal(vault_receipt_hash("JKMNPQRSTVWXYZ01", hash, sizeof(hash)), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_null(strstr(hash, "JKMNPQRSTVWXYZ01"));
	assert_int_equal(vault_receipt_verify(hash, "JKMNPQRSTVWXYZ01"), 1);
	assert_int_equal(vault_receipt_verify(hash, "JKMNPQRSTVWXYZ02"), 0);
	assert_int_equal(vault_receipt_verify(hash, ""), 0);
	assert_int_equal(vault_receipt_verify(NULL, "JKMNPQRSTVWXYZ01"), 0);
	assert_int_equal(vault_receipt_verify("garbage", "JKMNPQRSTVWXYZ01"), 0);
	assert_int_equal(vault_receipt_hash("JKMNPQRSTVWXYZ01", hash, 32), -1);
}

static void
test_receipt_wrap(void **state)
{
	unsigned char	key[VAULT_KEY], key2[VAULT_KEY];
	struct buf	w, w2;

	(void)state;
	buf_init(&w, 1024);
	buf_init(&w2, 1024);
	vault_key_new(key);
	assert_int_equal(vault_receipt_wrap("JKMNPQRSTVWXYZ01", key, &w), 0);
	assert_int_equal(w.len, 97);
	assert_int_equal(vault_receipt_wrap("JKMNPQRSTVWXYZ01", key, &w2), 0);
	assert_memory_not_equal(w.data, w2.data, w.len);	/* own salt */
	assert_int_equal(vault_receipt_unwrap("JKMNPQRSTVWXYZ01",
	    (unsigned char *)w.data, w.len, key2), 0);
	assert_memory_equal(key, key2, VAULT_KEY);
	assert_int_equal(vault_receipt_unwrap("JKMNPQRSTVWXYZ02",
	    (unsigned char *)w.data, w.len, key2), -1);
	assert_int_equal(vault_receipt_unwrap("JKMNPQRSTVWXYZ01",
	    (unsigned char *)w.data, w.len - 1, key2), -1);
	/* The stored limits cannot be edited into a cheaper (or ruinous)
	 * derivation: refused. */
	w.data[1] ^= 0x02;
	assert_int_equal(vault_receipt_unwrap("JKMNPQRSTVWXYZ01",
	    (unsigned char *)w.data, w.len, key2), -1);
	w.data[1] ^= 0x02;
	w.data[8] = 0x7f;	/* memlimit ~2 GiB */
	assert_int_equal(vault_receipt_unwrap("JKMNPQRSTVWXYZ01",
	    (unsigned char *)w.data, w.len, key2), -1);
	buf_free(&w);
	buf_free(&w2);
}

static void
test_recovery(void **state)
{
	struct t	*t = *state;
	char		 secret[VAULT_RECOVERY_MAX], again[VAULT_RECOVERY_MAX],
			 text[256];
	unsigned char	 sk[VAULT_SK], sk2[VAULT_SK], pk[VAULT_PK], pk2[VAULT_PK];
	size_t		 i;
	int		 j;

	assert_int_equal(vault_recovery_public(&t->ctx, pk), -1);
	assert_int_equal(vault_recovery_create(&t->ctx, secret, 40), -1);
	assert_int_equal(vault_recovery_create(&t->ctx, secret, sizeof(secret)), 0);
	/* 14 groups of four. */
	assert_int_equal(strlen(secret), 14 * 5 - 1);
	for (i = 0; i < strlen(secret); i++)
		assert_true(i % 5 == 4 ? secret[i] == '-' : is_b32(secret[i]));
	assert_int_equal(vault_recovery_public(&t->ctx, pk), 0);
	assert_int_equal(vault_recovery_parse(secret, sk), 0);
	assert_int_equal(crypto_scalarmult_base(pk2, sk), 0);
	assert_memory_equal(pk, pk2, VAULT_PK);
	/* It opens what was sealed to the tenant. */
	{
		unsigned char key[VAULT_KEY], key2[VAULT_KEY], sealed[VAULT_SEALED];

		vault_key_new(key);
		assert_int_equal(vault_seal(pk, key, sealed), 0);
		assert_int_equal(vault_unseal(pk, sk, sealed, key2), 0);
		assert_memory_equal(key, key2, VAULT_KEY);
	}
	/* Made once: never replaced (cases are sealed to it); audited. */
	assert_int_equal(vault_recovery_create(&t->ctx, again, sizeof(again)), -2);
	assert_int_equal(vault_recovery_public(&t->ctx, pk2), 0);
	assert_memory_equal(pk, pk2, VAULT_PK);
	assert_int_equal(count2(&t->ctx, SQL_AUDIT_N, "vault_recovery_key_created"), 1);
	/* The other tenant has its own, or none. */
	assert_int_equal(vault_recovery_public(&t->other, pk2), -1);

	/* Typed from paper: lower case, spaces, lines, comments. */
	snprintf(text, sizeof(text), "# Recovery key\n  %s  \n# end\n", secret);
	for (i = 0; text[i] != '\0'; i++)
		if (text[i] >= 'A' && text[i] <= 'Z' && text[i] != 'L' && text[i] != 'I')
			text[i] = (char)(text[i] - 'A' + 'a');
	assert_int_equal(vault_recovery_parse(text, sk2), 0);
	assert_memory_equal(sk, sk2, VAULT_SK);
	/* A typo in any one place is caught by the check. */
	for (j = 0; j < 69; j += 7) {
		if (secret[j] == '-')
			continue;
		memcpy(again, secret, sizeof(again));
		again[j] = again[j] == 'X' ? 'Y' : 'X';
		assert_int_equal(vault_recovery_parse(again, sk2), -1);
	}
	/* Too short, too long, not base32. */
	memcpy(again, secret, sizeof(again));
	again[strlen(again) - 1] = '\0';
	assert_int_equal(vault_recovery_parse(again, sk2), -1);
	snprintf(text, sizeof(text), "%s0", secret);
	assert_int_equal(vault_recovery_parse(text, sk2), -1);
	assert_int_equal(vault_recovery_parse("hello", sk2), -1);
	assert_int_equal(vault_recovery_parse(NULL, sk2), -1);
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(secret, sizeof(secret));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_person_unlock),
		cmocka_unit_test(test_person_row_bound),
		cmocka_unit_test(test_person_key_follows_uid),
		cmocka_unit_test(test_person_rewrap_and_forget),
		cmocka_unit_test(test_cost_travels_with_key),
		cmocka_unit_test(test_session_wrap),
		cmocka_unit_test(test_seal),
		cmocka_unit_test(test_encrypt),
		cmocka_unit_test(test_receipt_code),
		cmocka_unit_test(test_receipt_hash),
		cmocka_unit_test(test_receipt_wrap),
		cmocka_unit_test(test_recovery),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
