/* audit.c: the append-only, hash-chained audit log (see audit.h).
 *
 * The hashed encoding is canonical and unambiguous: a domain tag, then each
 * field in a fixed order as a presence byte and, when present, an 8-byte
 * big-endian integer or an 8-byte big-endian length and the bytes. No two
 * different rows encode alike, so no field can be shifted into another.
 *
 * Appending takes the tenant's head with "UPDATE ... RETURNING", which
 * locks the tenant row on PostgreSQL and runs under the write lock on
 * SQLite, so two appends can never take the same seq.
 *
 * The tenant is hashed as its uid (tenants.uid, see org/tenant.c), never
 * its row id: a municipality moved to another database keeps its uid, so
 * its chain still verifies there. The uid is read from the tenant's row in
 * the same statement that takes the head, so a hand-built context cannot
 * hash the wrong one. */
#include "audit/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/log.h"

#define AUDIT_HASH_LEN	32		/* BLAKE2b-256 */
#define AUDIT_DOMAIN	"orden-audit-v1"	/* unkeyed rows */
#define AUDIT_DOMAIN_V2	"orden-audit-v2"	/* keyed rows */

static const char SQL_AUDIT_HEAD_NEXT[] =
    "UPDATE tenants SET audit_seq = audit_seq + 1 WHERE id = $1"
    " RETURNING audit_seq, audit_head, COALESCE(uid, id)";
static const char SQL_AUDIT_HEAD_SET[] =
    "UPDATE tenants SET audit_head = $2 WHERE id = $1";
static const char SQL_AUDIT_INSERT[] =
    "INSERT INTO audit_log (tenant_id, seq, at, actor_id, action,"
    " object_type, object_id, detail, prev_hash, hash)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
/* Every tenant's head: audit verify walks them all. */
static const char SQL_AUDIT_TENANTS[] =
    "SELECT id, audit_seq, audit_head, COALESCE(uid, id) FROM tenants"
    " ORDER BY id";
static const char SQL_AUDIT_ROWS[] =
    "SELECT seq, at, actor_id, action, object_type, object_id, detail,"
    " prev_hash, hash FROM audit_log WHERE tenant_id = $1 ORDER BY seq";

/* One row's fields as hashed. has_* = 0 for SQL NULL. */
struct audit_row {
	int64_t		 tenant_uid, seq, at;
	int		 has_actor, has_object_id;
	int64_t		 actor_id, object_id;
	const char	*action, *object_type, *detail;	/* NULL = SQL NULL */
};

static void
put_u64(crypto_generichash_state *h, uint64_t v)
{
	unsigned char	b[8];
	int		i;

	for (i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
	crypto_generichash_update(h, b, sizeof(b));
}

static void
put_int(crypto_generichash_state *h, int present, int64_t v)
{
	unsigned char p = present ? 1 : 0;

	crypto_generichash_update(h, &p, 1);
	if (present)
		put_u64(h, (uint64_t)v);
}

static void
put_str(crypto_generichash_state *h, const char *s)
{
	unsigned char	p = s != NULL ? 1 : 0;
	size_t		n;

	crypto_generichash_update(h, &p, 1);
	if (s == NULL)
		return;
	n = strlen(s);
	put_u64(h, (uint64_t)n);
	crypto_generichash_update(h, (const unsigned char *)s, n);
}

/* key: the municipality's audit key for a keyed row, NULL for an old one. */
static void
row_hash(const unsigned char prev[AUDIT_HASH_LEN], const struct audit_row *r,
    const unsigned char *key, unsigned char out[AUDIT_HASH_LEN])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, key, key != NULL ? AUDIT_KEY_LEN : 0,
	    AUDIT_HASH_LEN);
	crypto_generichash_update(&h, prev, AUDIT_HASH_LEN);
	if (key != NULL)
		crypto_generichash_update(&h, (const unsigned char *)AUDIT_DOMAIN_V2,
		    sizeof(AUDIT_DOMAIN_V2));
	else
		crypto_generichash_update(&h, (const unsigned char *)AUDIT_DOMAIN,
		    sizeof(AUDIT_DOMAIN));
	put_int(&h, 1, r->tenant_uid);
	put_int(&h, 1, r->seq);
	put_int(&h, 1, r->at);
	put_int(&h, r->has_actor, r->actor_id);
	put_str(&h, r->action);
	put_str(&h, r->object_type);
	put_int(&h, r->has_object_id, r->object_id);
	put_str(&h, r->detail);
	crypto_generichash_final(&h, out, AUDIT_HASH_LEN);
}

static int
append_row(struct ctx *ctx, struct audit_row *r)
{
	struct dbconn		*c = ctx->conn;
	struct dbstmt		*st;
	struct audit_key	 k;
	unsigned char		 prev[AUDIT_HASH_LEN] = { 0 }, hash[AUDIT_HASH_LEN];
	const void		*head;
	size_t			 len;
	int			 rc, kr;

	if ((rc = db_prepare_tenant(c, ctx->tenant_id, SQL_AUDIT_HEAD_NEXT, &st))
	    != DB_OK)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		r->seq = db_col_int(st, 0);
		head = db_col_blob(st, 1, &len);
		r->tenant_uid = db_col_int(st, 2);
		if (r->tenant_uid <= 0)
			rc = DB_ERR;	/* defensive: 0006 gave every row one */
		else if (r->seq > 1) {
			if (head == NULL || len != AUDIT_HASH_LEN)
				rc = DB_ERR;	/* a broken head: do not extend it */
			else
				memcpy(prev, head, AUDIT_HASH_LEN);
		}
	} else if (rc == DB_DONE)
		rc = DB_ERR;		/* no such tenant */
	db_reset(st);
	if (rc != DB_ROW) {
		log_event("audit_error", "msg", "cannot read the chain head", NULL);
		return rc < 0 ? rc : DB_ERR;
	}
	/* The first event of a municipality without a key gives it one,
	 * anchored at the head. The tenant row is locked meanwhile, so no
	 * other append of this municipality races the creation. */
	if ((kr = audit_key_get(r->tenant_uid, &k)) == 1)
		kr = audit_key_create(r->tenant_uid, r->seq, prev, &k);
	if (kr < 0) {
		/* Never fall back to an unkeyed row: that is what a forger
		 * would want. */
		log_event("audit_error", "msg", "cannot read or write the audit key file", NULL);
		return DB_ERR;
	}
	row_hash(prev, r, kr == 0 && r->seq >= k.from_seq ? k.key : NULL, hash);
	sodium_memzero(&k, sizeof(k));

	if ((rc = db_prepare_tenant(c, ctx->tenant_id, SQL_AUDIT_INSERT, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, r->seq);
	db_bind_int(st, 3, r->at);
	if (r->has_actor)
		db_bind_int(st, 4, r->actor_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, r->action);
	db_bind_text(st, 6, r->object_type);
	if (r->has_object_id)
		db_bind_int(st, 7, r->object_id);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, r->detail);
	db_bind_blob(st, 9, prev, sizeof(prev));
	db_bind_blob(st, 10, hash, sizeof(hash));
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;

	if ((rc = db_prepare_tenant(c, ctx->tenant_id, SQL_AUDIT_HEAD_SET, &st))
	    != DB_OK)
		return rc;
	db_bind_blob(st, 2, hash, sizeof(hash));
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? DB_OK : (rc < 0 ? rc : DB_ERR);
}

int
audit_append(struct ctx *ctx, const char *action, const char *object_type,
    int64_t object_id, const char *detail)
{
	if (ctx == NULL)
		return DB_ERR;
	return audit_append_as(ctx, ctx->user != NULL ? ctx->user->id : 0,
	    action, object_type, object_id, detail);
}

/* One event at time at (normally ctx->now). */
static int
append_at(struct ctx *ctx, int64_t at, int64_t actor_id, const char *action,
    const char *object_type, int64_t object_id, const char *detail)
{
	struct audit_row	 r;
	int			 rc, own_tx = 0;

	if (ctx == NULL || ctx->conn == NULL || ctx->tenant_id <= 0 ||
	    action == NULL || *action == '\0' || actor_id < 0)
		return DB_ERR;
	memset(&r, 0, sizeof(r));
	r.at = at;
	r.has_actor = actor_id > 0;
	r.actor_id = actor_id > 0 ? actor_id : 0;
	r.action = action;
	r.object_type = object_type;
	r.has_object_id = object_id != 0;
	r.object_id = object_id;
	r.detail = detail;

	if (!db_in_tx(ctx->conn)) {
		if ((rc = db_begin(ctx->conn)) != DB_OK)
			return rc;
		own_tx = 1;
	}
	rc = append_row(ctx, &r);
	if (own_tx) {
		if (rc == DB_OK)
			rc = db_commit(ctx->conn);
		if (rc != DB_OK)
			db_rollback(ctx->conn);
	}
	if (rc != DB_OK)
		log_event("audit_error", "action", action,
		    "msg", "could not append", NULL);
	return rc;
}

int
audit_append_as(struct ctx *ctx, int64_t actor_id, const char *action,
    const char *object_type, int64_t object_id, const char *detail)
{
	if (ctx == NULL)
		return DB_ERR;
	return append_at(ctx, ctx->now, actor_id, action, object_type,
	    object_id, detail);
}

int
audit_append_reporter(struct ctx *ctx, const char *action, int64_t case_id)
{
	int64_t	at;

	if (ctx == NULL || case_id <= 0 ||
	    (at = date_start_of(ctx->now, DATE_DAY)) < 0)
		return DB_ERR;
	return append_at(ctx, at, 0, action, "whistle_case", case_id, NULL);
}

struct tenant_head {
	int64_t		id, uid, seq;
	int		has_head;
	unsigned char	head[AUDIT_HASH_LEN];
};

/* Load every tenant's head first, so no statement stays open across the
 * walk of the rows. *out: caller frees. */
static int
load_heads(struct dbconn *c, struct tenant_head **out, size_t *n)
{
	struct dbstmt		*st;
	struct tenant_head	*v = NULL, *nv;
	size_t			 len = 0, cap = 0, hl;
	const void		*h;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_global(c, SQL_AUDIT_TENANTS, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				rc = DB_ERR;
				break;
			}
			v = nv;
		}
		memset(&v[len], 0, sizeof(v[len]));
		v[len].id = db_col_int(st, 0);
		v[len].seq = db_col_int(st, 1);
		v[len].uid = db_col_int(st, 3);
		h = db_col_blob(st, 2, &hl);
		if (h != NULL && hl == AUDIT_HASH_LEN) {
			v[len].has_head = 1;
			memcpy(v[len].head, h, AUDIT_HASH_LEN);
		} else if (h != NULL || hl != 0)
			v[len].has_head = -1;	/* present but malformed */
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE) {
		free(v);
		return rc < 0 ? rc : DB_ERR;
	}
	*out = v;
	*n = len;
	return DB_OK;
}

/* 0 intact, 1 broken (msg set), negative on a database error. */
static int
verify_tenant(struct dbconn *c, const struct tenant_head *t, char *msg,
    unsigned long msgsz)
{
	struct dbstmt		*st;
	struct audit_row	 r;
	struct audit_key	 k;
	unsigned char		 prev[AUDIT_HASH_LEN] = { 0 }, want[AUDIT_HASH_LEN];
	const void		*ph, *hh;
	size_t			 phl, hhl;
	int64_t			 expect = 1;
	int			 rc, bad = 0, kr;

	/* The key file, not the database, says from where rows are keyed
	 * and what the last unkeyed hash was. */
	memset(&k, 0, sizeof(k));
	kr = audit_key_get(t->uid, &k);
	if (kr < 0) {
		snprintf(msg, msgsz, "tenant %lld: cannot read the audit key file",
		    (long long)t->id);
		return 1;
	}
	if (kr == 1 && t->seq > 0) {
		snprintf(msg, msgsz, "tenant %lld: the audit key file has no key "
		    "for this municipality (uid %lld), so its chain could have "
		    "been rewritten", (long long)t->id, (long long)t->uid);
		return 1;
	}
	if ((rc = db_prepare_tenant(c, t->id, SQL_AUDIT_ROWS, &st)) != DB_OK)
		return rc;
	while (!bad && (rc = db_step(st)) == DB_ROW) {
		memset(&r, 0, sizeof(r));
		r.tenant_uid = t->uid;
		r.seq = db_col_int(st, 0);
		r.at = db_col_int(st, 1);
		r.has_actor = !db_col_is_null(st, 2);
		r.actor_id = db_col_int(st, 2);
		r.action = db_col_text(st, 3);
		r.object_type = db_col_text(st, 4);
		r.has_object_id = !db_col_is_null(st, 5);
		r.object_id = db_col_int(st, 5);
		r.detail = db_col_text(st, 6);
		ph = db_col_blob(st, 7, &phl);
		hh = db_col_blob(st, 8, &hhl);

		if (kr == 0 && r.seq == k.from_seq &&
		    sodium_memcmp(prev, k.anchor, AUDIT_HASH_LEN) != 0) {
			snprintf(msg, msgsz, "tenant %lld seq %lld: the rows before "
			    "do not end in the hash the audit key file holds (they "
			    "were rewritten)", (long long)t->id, (long long)r.seq);
			bad = 1;
		} else if (r.seq != expect) {
			snprintf(msg, msgsz, "tenant %lld seq %lld: row missing "
			    "(next row found is seq %lld)", (long long)t->id,
			    (long long)expect, (long long)r.seq);
			bad = 1;
		} else if (ph == NULL || phl != AUDIT_HASH_LEN ||
		    sodium_memcmp(ph, prev, AUDIT_HASH_LEN) != 0) {
			snprintf(msg, msgsz, "tenant %lld seq %lld: does not link "
			    "to the row before it (that row or this one was "
			    "changed)", (long long)t->id, (long long)r.seq);
			bad = 1;
		} else {
			row_hash(prev, &r, kr == 0 && r.seq >= k.from_seq ?
			    k.key : NULL, want);
			if (hh == NULL || hhl != AUDIT_HASH_LEN ||
			    sodium_memcmp(hh, want, AUDIT_HASH_LEN) != 0) {
				snprintf(msg, msgsz, "tenant %lld seq %lld: hash "
				    "mismatch (the row was changed)",
				    (long long)t->id, (long long)r.seq);
				bad = 1;
			} else
				memcpy(prev, want, AUDIT_HASH_LEN);
		}
		expect++;
	}
	db_reset(st);
	if (bad)
		goto broken;
	if (rc != DB_DONE) {
		sodium_memzero(&k, sizeof(k));
		return rc < 0 ? rc : DB_ERR;
	}
	/* Fewer rows than the key file knew of: cut below its anchor. */
	if (kr == 0 && (expect - 1 < k.from_seq - 1 ||
	    (expect - 1 == k.from_seq - 1 &&
	    sodium_memcmp(prev, k.anchor, AUDIT_HASH_LEN) != 0))) {
		snprintf(msg, msgsz, "tenant %lld seq %lld: the log ends before "
		    "the hash the audit key file holds (rows were removed or "
		    "rewritten)", (long long)t->id, (long long)expect);
		goto broken;
	}
	sodium_memzero(&k, sizeof(k));
	/* The tenant's head is the anchor: rows cut off the end show here. */
	if (t->seq != expect - 1) {
		if (t->seq > expect - 1)
			snprintf(msg, msgsz, "tenant %lld seq %lld: row missing "
			    "(log ends at seq %lld, head says %lld)",
			    (long long)t->id, (long long)expect,
			    (long long)(expect - 1), (long long)t->seq);
		else
			snprintf(msg, msgsz, "tenant %lld seq %lld: row beyond "
			    "the recorded head (seq %lld)", (long long)t->id,
			    (long long)(t->seq + 1), (long long)t->seq);
		return 1;
	}
	if ((t->seq == 0 && t->has_head != 0) || (t->seq > 0 &&
	    (t->has_head != 1 || sodium_memcmp(t->head, prev,
	    AUDIT_HASH_LEN) != 0))) {
		snprintf(msg, msgsz, "tenant %lld seq %lld: head hash does not "
		    "match the last row", (long long)t->id, (long long)t->seq);
		return 1;
	}
	return 0;
broken:
	sodium_memzero(&k, sizeof(k));
	return 1;
}

int
audit_keys_ensure(struct dbconn *c)
{
	struct tenant_head	*t = NULL;
	struct audit_key	 k;
	unsigned char		 zero[AUDIT_HASH_LEN] = { 0 };
	size_t			 n = 0, i;
	int			 rc, kr;

	if ((rc = load_heads(c, &t, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n && rc == DB_OK; i++) {
		kr = audit_key_get(t[i].uid, &k);
		if (kr == 1)
			kr = audit_key_create(t[i].uid, t[i].seq + 1,
			    t[i].seq > 0 && t[i].has_head == 1 ? t[i].head : zero, &k);
		if (kr < 0)
			rc = DB_ERR;
	}
	sodium_memzero(&k, sizeof(k));
	free(t);
	return rc;
}

int
audit_verify(struct dbconn *c, char *msg, unsigned long msgsz)
{
	struct tenant_head	*t = NULL;
	size_t			 n = 0, i;
	int			 rc;

	if (msgsz > 0)
		msg[0] = '\0';
	if ((rc = load_heads(c, &t, &n)) != DB_OK) {
		snprintf(msg, msgsz, "cannot read the tenants");
		return rc;
	}
	for (i = 0; i < n; i++) {
		if ((rc = verify_tenant(c, &t[i], msg, msgsz)) != 0) {
			if (rc < 0)
				snprintf(msg, msgsz, "tenant %lld: cannot read "
				    "the audit log", (long long)t[i].id);
			break;
		}
	}
	free(t);
	return rc;
}
