/* reporter.c: the reporter's side. A reporter without an account follows
 * up with a receipt code (handle in clear to find the case, the secret only
 * as an argon2id hash, the case key wrapped under it); a receipt session
 * then carries the case key wrapped under its cookie value, of which the
 * database holds only a hash. A reporter with an account finds their cases
 * by opening the case keys sealed to them: no id or tag in the case row
 * links them to it.
 *
 * The reporter sees what they wrote, the state as they may know it, and
 * the messages: never the outcome, the conclusion or the handlers' steps.
 * Their reads are audited as the system, never under their name. */
#include "whistle/wb_int.h"
#include "whistle/sealed.h"

#include <sodium.h>
#include <pthread.h>
#include <string.h>

#include "auth/auth.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_BY_HANDLE[] =
    "SELECT id, receipt_hash, receipt_wrapped FROM whistle_cases"
    " WHERE tenant_id = $1 AND receipt_handle = $2";
static const char SQL_RS_INSERT[] =
    "INSERT INTO whistle_receipt_sessions (tenant_id, case_id, token_hash,"
    " wrapped_key, created_at, last_seen) VALUES ($1, $2, $3, $4, $5, $5)";
static const char SQL_RS_GET[] =
    "SELECT id, case_id, wrapped_key, created_at, last_seen"
    " FROM whistle_receipt_sessions WHERE tenant_id = $1 AND token_hash = $2";
static const char SQL_RS_TOUCH[] =
    "UPDATE whistle_receipt_sessions SET last_seen = $3"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_RS_DELETE[] =
    "DELETE FROM whistle_receipt_sessions WHERE tenant_id = $1 AND token_hash = $2";
static const char SQL_RS_EXPIRE[] =
    "DELETE FROM whistle_receipt_sessions WHERE tenant_id = $1"
    " AND (last_seen < $2 OR created_at < $3)";
static const char SQL_ACCOUNT_CASES[] =
    "SELECT id, reporter_sealed FROM whistle_cases WHERE tenant_id = $1"
    " AND has_account = 1 AND reporter_sealed IS NOT NULL"
    " ORDER BY received_at DESC, id DESC";
static const char SQL_REPORTER_SEALED[] =
    "SELECT reporter_sealed FROM whistle_cases WHERE tenant_id = $1 AND id = $2";
static const char SQL_MESSAGES[] =
    "SELECT at, from_reporter, body FROM whistle_messages"
    " WHERE tenant_id = $1 AND case_id = $2 ORDER BY at, id";

static int
throttle_key(const char *handle, char *out, size_t sz)
{
	int n = snprintf(out, sz, "receipt:%s", handle);

	return n > 0 && (size_t)n < sz ? 0 : -1;
}

/* The throttle counts attempts per address, but the throttle table must not
 * link a reporter's address to a case handle in a database copy: it counts
 * by a keyed hash of the address under a key that lives only in this
 * process (a restart forgets the counts, which only favours reporters). */
static unsigned char	addr_key[crypto_generichash_KEYBYTES];
static pthread_once_t	addr_key_once = PTHREAD_ONCE_INIT;

static void
addr_key_init(void)
{
	randombytes_buf(addr_key, sizeof(addr_key));
}

static void
addr_tag(const char *addr, char out[33])
{
	unsigned char h[16];

	(void)pthread_once(&addr_key_once, addr_key_init);
	if (addr == NULL)
		addr = "";
	crypto_generichash(h, sizeof(h), (const unsigned char *)addr,
	    strlen(addr), addr_key, sizeof(addr_key));
	sodium_bin2hex(out, 33, h, sizeof(h));
}

int
whistle_receipt_login(struct ctx *ctx, const char *code, char token_out[64],
    int64_t *retry_after)
{
	struct dbstmt	*st;
	struct buf	 wrapped;
	unsigned char	 key[VAULT_KEY], digest[AUTH_HASH_BYTES];
	char		 handle[VAULT_HANDLE_LEN + 1], secret[VAULT_RECEIPT_MAX];
	char		 tkey[32], hash[256], token[AUTH_TOKEN_LEN + 1], atag[33];
	unsigned char	*wrap = NULL;
	size_t		 wlen = 0;
	int64_t		 case_id = 0, wait;
	int		 rc = -1, ok = 0, own;
	const void	*blob;

	token_out[0] = '\0';
	if (retry_after != NULL)
		*retry_after = 0;
	hash[0] = '\0';
	buf_init(&wrapped, 1024);
	/* A malformed code is a wrong code, throttled by address alone. */
	if (code == NULL || strlen(code) > 2 * VAULT_RECEIPT_MAX ||
	    vault_receipt_split(code, handle, secret, sizeof(secret)) != 0)
		handle[0] = '\0';
	if (throttle_key(handle[0] != '\0' ? handle : "-", tkey, sizeof(tkey)) != 0)
		goto out;
	addr_tag(ctx->remote_addr, atag);
	if ((wait = auth_throttle_wait(ctx, tkey, atag)) > 0) {
		if (retry_after != NULL)
			*retry_after = wait;
		rc = -2;
		goto out;
	}
	if (handle[0] != '\0') {
		if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_BY_HANDLE,
		    &st) != DB_OK)
			goto out;
		db_bind_text(st, 2, handle);
		if (db_step(st) == DB_ROW && !db_col_is_null(st, 1)) {
			case_id = db_col_int(st, 0);
			if (strlen(db_col_text(st, 1)) < sizeof(hash))
				memcpy(hash, db_col_text(st, 1),
				    strlen(db_col_text(st, 1)) + 1);
			blob = db_col_blob(st, 2, &wlen);
			if (blob != NULL && wlen > 0 &&
			    (wrap = arena_alloc(ctx->arena, wlen)) != NULL)
				memcpy(wrap, blob, wlen);
		}
		db_reset(st);
	}
	if (hash[0] != '\0' && wrap != NULL)
		ok = vault_receipt_verify(hash, secret) == 1 &&
		    vault_receipt_unwrap(secret, wrap, wlen, key) == 0;
	else
		(void)vault_receipt_hash(handle[0] != '\0' ? secret : "-", hash,
		    sizeof(hash));
	/* An unknown handle costs one argon2id too (above), so timing tells
	 * nothing about which handles exist. */
	if (!ok) {
		auth_throttle_fail(ctx, tkey, atag);
		goto out;
	}
	auth_throttle_clear(ctx, tkey, atag);
	auth_random_token(token);
	auth_token_digest(token, digest);
	if (vault_session_wrap(token, key, &wrapped) != 0)
		goto out;
	if (db_tx_join(ctx->conn, &own) != 0)
		goto out;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RS_INSERT,
	    &st)) == DB_OK) {
		db_bind_int(st, 2, case_id);
		db_bind_blob(st, 3, digest, sizeof(digest));
		db_bind_blob(st, 4, wrapped.data, wrapped.len);
		db_bind_int(st, 5, ctx->now);
		rc = db_step(st);
		db_reset(st);
		rc = rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
	}
	rc = db_tx_finish(ctx->conn, own, rc);
	if (rc == 0) {
		memcpy(token_out, token, sizeof(token));
		rc = 0;
	} else
		rc = DB_ERR;
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(token, sizeof(token));
	if (wrapped.data != NULL)
		sodium_memzero(wrapped.data, wrapped.len);
	buf_free(&wrapped);
	return rc;
}

int
whistle_receipt_resume(struct ctx *ctx, const char *token, int64_t *case_id,
    unsigned char key[VAULT_KEY])
{
	struct dbstmt	*st;
	unsigned char	 digest[AUTH_HASH_BYTES];
	int64_t		 sid = 0, cid = 0, created, seen;
	int		 rc, ok = 0;
	const void	*blob;
	size_t		 len;

	*case_id = 0;
	if (!auth_token_wellformed(token))
		return -1;
	auth_token_digest(token, digest);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RS_EXPIRE,
	    &st)) == DB_OK) {
		db_bind_int(st, 2, ctx->now - WB_RECEIPT_IDLE);
		db_bind_int(st, 3, ctx->now - WB_RECEIPT_ABSOLUTE);
		(void)db_step(st);
		db_reset(st);
	}
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RS_GET, &st) != DB_OK)
		return -1;
	db_bind_blob(st, 2, digest, sizeof(digest));
	if (db_step(st) == DB_ROW) {
		sid = db_col_int(st, 0);
		cid = db_col_int(st, 1);
		blob = db_col_blob(st, 2, &len);
		created = db_col_int(st, 3);
		seen = db_col_int(st, 4);
		if (ctx->now - seen <= WB_RECEIPT_IDLE &&
		    ctx->now - created <= WB_RECEIPT_ABSOLUTE && blob != NULL &&
		    vault_session_unwrap(token, blob, len, key) == 0)
			ok = 1;
	}
	db_reset(st);
	if (!ok)
		return -1;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RS_TOUCH, &st) == DB_OK) {
		db_bind_int(st, 2, sid);
		db_bind_int(st, 3, ctx->now);
		(void)db_step(st);
		db_reset(st);
	}
	*case_id = cid;
	return 0;
}

int
whistle_receipt_logout(struct ctx *ctx, const char *token)
{
	struct dbstmt	*st;
	unsigned char	 digest[AUTH_HASH_BYTES];
	int		 rc;

	if (!auth_token_wellformed(token))
		return 0;
	auth_token_digest(token, digest);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RS_DELETE,
	    &st)) != DB_OK)
		return rc;
	db_bind_blob(st, 2, digest, sizeof(digest));
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

/* "received", "acknowledged", "in_progress", "closed": all a reporter is
 * told of the handling. */
static const char *
reporter_state(enum wb_state s)
{
	switch (s) {
	case WB_RECEIVED:
		return "received";
	case WB_ACKNOWLEDGED:
		return "acknowledged";
	case WB_INVESTIGATING:
	case WB_CONCLUDED:
		return "in_progress";
	default:
		return "closed";
	}
}

/* The view for whoever holds the key (checked: it must open this case's
 * content). No audit here; callers audit. */
static int
build_view(struct ctx *ctx, int64_t case_id, const unsigned char key[VAULT_KEY],
    struct wb_reporter_view *out)
{
	struct wb_case		 meta;
	struct wb_content	 c;
	struct wb_report	*rp;
	struct wb_message	*v = NULL;
	struct dbstmt		*st;
	size_t			 len = 0, cap = 0, blen;
	const void		*blob;
	char			*text;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = wb_case_load(ctx, case_id, &meta)) != 0)
		return rc == WB_ERR_NOTFOUND ? WB_ERR_NOTFOUND : rc;
	if ((rc = wb_content_open(ctx, key, case_id, &c)) != 0)
		return rc == WB_ERR_LOCKED ? WB_ERR_NOTFOUND : rc;
	if ((rp = arena_alloc(ctx->arena, sizeof(*rp))) == NULL)
		return DB_ERR;
	*rp = c.r;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MESSAGES,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap,
		    sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		blob = db_col_blob(st, 2, &blen);
		if (wb_decrypt(ctx, key, case_id, "message", blob, blen, &text) != 0)
			continue;
		v[len].at = db_col_int(st, 0);
		v[len].from_reporter = (int)db_col_int(st, 1);
		v[len].text = text;
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	out->id = case_id;
	out->number = meta.number;
	out->state = reporter_state(meta.state);
	out->received_at = meta.received_at;
	out->content = rp;
	out->messages = v;
	out->nmessages = len;
	return 0;
}

int
whistle_reporter_view(struct ctx *ctx, int64_t case_id,
    const unsigned char key[VAULT_KEY], struct wb_reporter_view *out)
{
	int rc;

	if (key == NULL || case_id <= 0)
		return WB_ERR_NOTFOUND;
	if ((rc = build_view(ctx, case_id, key, out)) != 0)
		return rc;
	return wb_audit_read(ctx, case_id, 1);
}

int
whistle_reporter_key(struct ctx *ctx, int64_t case_id,
    const unsigned char sk[VAULT_SK], unsigned char key[VAULT_KEY])
{
	struct dbstmt	*st;
	unsigned char	 pk[VAULT_PK], sealed[VAULT_SEALED];
	const void	*blob;
	size_t		 len = 0;
	int		 rc, have = 0;

	if (ctx->user == NULL || sk == NULL ||
	    vault_person_public(ctx, ctx->user->id, pk) != 0)
		return WB_ERR_NOTFOUND;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_REPORTER_SEALED, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	if (db_step(st) == DB_ROW && !db_col_is_null(st, 0)) {
		blob = db_col_blob(st, 0, &len);
		if (blob != NULL && len == VAULT_SEALED) {
			memcpy(sealed, blob, VAULT_SEALED);
			have = 1;
		}
	}
	db_reset(st);
	if (!have || vault_unseal(pk, sk, sealed, key) != 0)
		return WB_ERR_NOTFOUND;
	return 0;
}

int
whistle_reporter_cases(struct ctx *ctx, const unsigned char sk[VAULT_SK],
    struct wb_reporter_view **out, size_t *n)
{
	struct wb_sealed	 rows;
	struct wb_reporter_view	*v = NULL;
	unsigned char		 pk[VAULT_PK], key[VAULT_KEY];
	size_t			 i, k = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (ctx->user == NULL || sk == NULL ||
	    vault_person_public(ctx, ctx->user->id, pk) != 0)
		return 0;
	if ((rc = wb_sealed_read(ctx, SQL_ACCOUNT_CASES, &rows)) != 0)
		return rc;
	if (rows.n > 0 &&
	    (v = arena_alloc(ctx->arena, rows.n * sizeof(*v))) == NULL)
		return DB_ERR;
	/* Only the reporter's own key opens their copy; the rest fail
	 * authentication and are skipped. */
	for (i = 0; i < rows.n; i++) {
		if (vault_unseal(pk, sk, rows.sealed[i], key) != 0)
			continue;
		rc = build_view(ctx, rows.ids[i], key, &v[k]);
		sodium_memzero(key, sizeof(key));
		if (rc != 0)
			return rc;
		if ((rc = wb_audit_read(ctx, rows.ids[i], 1)) != 0)
			return rc;
		k++;
	}
	*out = v;
	*n = k;
	return 0;
}

int
whistle_reporter_message(struct ctx *ctx, int64_t case_id,
    const unsigned char key[VAULT_KEY], const char *text)
{
	struct wb_case		 meta;
	struct wb_content	 c;
	char			*msg;
	int			 rc, own;

	if (key == NULL || case_id <= 0)
		return WB_ERR_NOTFOUND;
	if (text_blank(text) || strlen(text) > WB_TEXT_MAX)
		return WB_ERR_INVALID;
	if ((rc = wb_case_load(ctx, case_id, &meta)) != 0)
		return rc;
	/* The key must open this very case. */
	if ((rc = wb_content_open(ctx, key, case_id, &c)) != 0)
		return rc == WB_ERR_LOCKED ? WB_ERR_NOTFOUND : rc;
	if (meta.state == WB_CLOSED || meta.state == WB_NOT_WHISTLEBLOWING)
		return WB_ERR_STATE;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	/* From the reporter: the message names nobody (a logged-in reporter
	 * stays unnamed) and every current handler is told. */
	if ((rc = wb_message_add(ctx, case_id, 1, key, text)) == 0) {
		msg = arena_printf(ctx->arena,
		    _("New message in whistleblowing case %s"), meta.number);
		rc = msg != NULL ? wb_notify_handlers(ctx, case_id, msg) : DB_ERR;
	}
	return db_tx_finish(ctx->conn, own, rc < 0 ? rc : 0);
}
