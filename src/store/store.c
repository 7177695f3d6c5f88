/* store.c: the db_* functions of store.h (and db_in_tx of store_tx.h),
 * dispatched to the backend the handle belongs to (backend.h). The URL
 * given to db_open picks the backend: postgres:// or postgresql:// is
 * PostgreSQL (pg*.c); anything else is SQLite (sqlite*.c), which accepts a
 * file path or sqlite:PATH and refuses other schemes. */
#include "store/store.h"
#include "store/store_tx.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "store/backend.h"
#include "util/clock.h"
#include "util/num.h"

static int
is_pg_url(const char *url)
{
	return strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0;
}

int
db_conn_bulk(struct dbconn *c, int on)
{
	if (strcmp(c->ops->name, "sqlite") != 0)
		return pg_conn_bulk(c, on);
	return sqlite_conn_bulk(c, on);
}

int
db_bulk_analyze(struct dbconn *c)
{
	if (strcmp(c->ops->name, "postgres") != 0)
		return 0;
	return pg_bulk_analyze(c);
}

int
db_open(struct db **out, const char *url, int pool_size)
{
	int rc;

	if (url != NULL && is_pg_url(url))
		rc = pg_open(out, url, pool_size);
	else
		rc = sqlite_open(out, url, pool_size);
	if (rc != 0)
		return rc;
	if (db_group_init(*out) != 0) {
		(*out)->ops->close(*out);
		*out = NULL;
		return DB_ERR;
	}
	return 0;
}

void
db_close(struct db *db)
{
	if (db != NULL) {
		db_group_destroy(db);
		db->ops->close(db);
	}
}

int
db_schema_version(struct db *db)
{
	return db->ops->schema_version(db);
}

const char *
db_backend(struct db *db)
{
	return db->ops->name;
}

const char *
db_conn_backend(struct dbconn *c)
{
	return c->ops->name;
}

struct dbconn *
db_acquire(struct db *db)
{
	return db->ops->acquire(db);
}

void
db_release(struct db *db, struct dbconn *c)
{
	if (c != NULL)
		db->ops->release(db, c);
}

int
db_begin(struct dbconn *c)
{
	return c->ops->begin(c);
}

/* --- the cache generation (migrations/sqlite/0045) ---------------------
 *
 * The cache of whole answers (src/http/cache.c) serves an answer only
 * while nothing that could change it was committed since it was made. So
 * every transaction that wrote bumps the generation of each tenant it
 * wrote in, just before its COMMIT and in it: a reader that reads the
 * generation sees the data of that generation or newer, never older. It
 * is done here, where every statement of every process passes (the
 * server, `orden` commands beside it, a second server on the same
 * PostgreSQL), and not in each module, which could forget one. A write
 * naming no tenant bumps row 0, which every tenant's generation includes.
 *
 * Statements are classified by their text: SELECT (and a WITH without a
 * write, and transaction control) reads; anything else writes, except the
 * writes to QUIET_TABLES, which change no answer the cache keeps: who is
 * signed in, which the server checks on every request before it looks in
 * the cache (a session's sliding expiry and a token's last use are
 * written on every request, and would empty the cache), and the queues
 * of mail and webhooks. A cached route must not show these tables. */
enum sql_kind {
	SQL_UNKNOWN,
	SQL_READ,
	SQL_QUIET,	/* a write to a QUIET_TABLES table */
	SQL_WRITE,
};

static const char *const QUIET_TABLES[] = {
	"sessions", "api_tokens", "login_failures", "login_tickets",
	"sso_logins", "password_resets", "whistle_receipt_sessions",
	/* Delivery queues, worked by background senders after the write
	 * that filled them (which bumped): no cached answer shows them. */
	"mail_outbox", "webhook_deliveries",
	"cache_gen", NULL
};

static const char SQL_GEN_BUMP[] =
    "INSERT INTO cache_gen (tenant_id, gen) VALUES ($1, 1)"
    " ON CONFLICT (tenant_id) DO UPDATE SET gen = cache_gen.gen + 1";
/* The identity generation (0049): alone for a write that changes who is
 * asking but no kept answer (a session ended), or with the data's. */
static const char SQL_IDENT_BUMP[] =
    "INSERT INTO cache_gen (tenant_id, gen, ident_gen) VALUES ($1, 0, 1)"
    " ON CONFLICT (tenant_id) DO UPDATE SET ident_gen = cache_gen.ident_gen + 1";
static const char SQL_BOTH_BUMP[] =
    "INSERT INTO cache_gen (tenant_id, gen, ident_gen) VALUES ($1, 1, 1)"
    " ON CONFLICT (tenant_id) DO UPDATE SET gen = cache_gen.gen + 1,"
    " ident_gen = cache_gen.ident_gen + 1";
static const char SQL_GENS_READ[] =
    "SELECT COALESCE(SUM(gen), 0), COALESCE(SUM(ident_gen), 0) FROM cache_gen"
    " WHERE tenant_id IN (0, $1)";

static int
is_word_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '_';
}

/* Past spaces and comments. */
static const char *
sql_skip(const char *p)
{
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");

			p = e != NULL ? e + 2 : p + strlen(p);
		} else {
			return p;
		}
	}
}

/* Is the next word of *p `w` (case-insensitive)? Then past it. */
static int
sql_word(const char **p, const char *w)
{
	const char	*s = sql_skip(*p);
	size_t		 n = strlen(w);

	if (strncasecmp(s, w, n) != 0 || is_word_char(s[n]))
		return 0;
	*p = s + n;
	return 1;
}

/* Does sql contain the word w anywhere (a WITH's writes)? */
static int
sql_has_word(const char *sql, const char *w)
{
	const char	*p = sql;
	size_t		 n = strlen(w);

	while ((p = strcasestr(p, w)) != NULL) {
		if ((p == sql || !is_word_char(p[-1])) && !is_word_char(p[n]))
			return 1;
		p += n;
	}
	return 0;
}

static int
sql_kind_of(const char *sql)
{
	static const char *const reads[] = { "SELECT", "VALUES", "EXPLAIN",
	    "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE",
	    "SET", "SHOW", "PRAGMA", "ANALYZE", NULL };
	const char	*p = sql, *t;
	size_t		 i, n;

	for (i = 0; reads[i] != NULL; i++)
		if (sql_word(&p, reads[i]))
			return SQL_READ;
	if (sql_word(&p, "WITH"))
		return sql_has_word(sql, "INSERT") || sql_has_word(sql, "UPDATE") ||
		    sql_has_word(sql, "DELETE") ? SQL_WRITE : SQL_READ;
	if (sql_word(&p, "INSERT") || sql_word(&p, "REPLACE")) {
		if (sql_word(&p, "OR"))
			(void)sql_word(&p, sql_skip(p));	/* never a table */
		if (!sql_word(&p, "INTO"))
			return SQL_WRITE;
	} else if (sql_word(&p, "UPDATE")) {
		;
	} else if (!(sql_word(&p, "DELETE") && sql_word(&p, "FROM"))) {
		return SQL_WRITE;
	}
	t = sql_skip(p);
	for (n = 0; is_word_char(t[n]); n++)
		continue;
	for (i = 0; QUIET_TABLES[i] != NULL; i++)
		if (strlen(QUIET_TABLES[i]) == n &&
		    strncasecmp(t, QUIET_TABLES[i], n) == 0)
			return SQL_QUIET;
	return SQL_WRITE;
}

/* --- the identity generation (migrations/sqlite/0049) ------------------
 *
 * The server keeps who is asking (the tenant of a host; a session's or a
 * token's person, roles and flags) per process (src/http/ident.c) while
 * the tenant's identity generation is unchanged. So a write that can
 * change what authenticating a request answers bumps it, in its own
 * transaction like the data generation, whichever process wrote: a write
 * to a table authenticate reads, or to a second factor's. Not these,
 * which change no such answer:
 *  - a new session or token: only its new random secret reaches it, and
 *    no process can have cached what it never saw (an unknown secret is
 *    never cached);
 *  - an UPDATE of only the columns in IDENT_NEUTRAL (a session's
 *    sliding expiry and a token's last use, which the server compares in
 *    C against its own copy; a session's wrapped key; the audit chain's
 *    head in tenants, written by every audited write).
 * Anything the parse below does not recognise counts as a change. */
enum {
	IDENT_UNKNOWN,
	IDENT_NO,
	IDENT_YES,
};

static const char *const IDENT_TABLES[] = {
	"tenants", "people", "role_assignments", "sessions", "api_tokens",
	"totp_secrets", "totp_settings", "totp_recovery_codes", NULL
};
static const char *const IDENT_NEW_UNSEEN[] = { "sessions", "api_tokens", NULL };
static const char *const IDENT_NEUTRAL[] = {
	"last_seen", "last_used", "wrapped_sk", "audit_seq", "audit_head", NULL
};
static const char *const SET_END[] = { "WHERE", "RETURNING", "FROM", NULL };

/* Is the n-character word at t in list? */
static int
word_listed(const char *t, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && strncasecmp(t, list[i], n) == 0)
			return 1;
	return 0;
}

/* Does the SET list at p assign only IDENT_NEUTRAL columns? Reads up to
 * a WHERE, RETURNING or FROM outside parentheses and quotes. */
static int
set_list_neutral(const char *p)
{
	int	depth = 0, at_column = 1;
	size_t	n;

	for (p = sql_skip(p); *p != '\0'; ) {
		if (is_word_char(*p)) {
			for (n = 0; is_word_char(p[n]); n++)
				continue;
			if (depth == 0 && word_listed(p, n, SET_END))
				return 1;
			if (at_column && !word_listed(p, n, IDENT_NEUTRAL))
				return 0;
			at_column = 0;
			p += n;
			continue;
		}
		if (at_column)
			return 0;	/* (a, b) = ..., or a quoted name */
		if (*p == '\'') {
			for (p++; *p != '\0' && *p != '\''; p++)
				continue;
			if (*p == '\0')
				return 0;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth--;
		} else if (*p == ',' && depth == 0) {
			p = sql_skip(p + 1);
			at_column = 1;
			continue;
		}
		p++;
	}
	return 1;
}

/* 1 when a write (never called for a read) can change who is asking. */
static int
sql_ident_of(const char *sql)
{
	const char	*p = sql, *t;
	size_t		 i, n;
	int		 insert = 0, update = 0;

	if (sql_word(&p, "WITH")) {
		for (i = 0; IDENT_TABLES[i] != NULL; i++)
			if (sql_has_word(sql, IDENT_TABLES[i]))
				return 1;
		return 0;
	}
	if (sql_word(&p, "INSERT")) {
		insert = 1;
		if (sql_word(&p, "OR"))
			return 1;	/* OR REPLACE deletes a row */
		if (!sql_word(&p, "INTO"))
			return 1;
	} else if (sql_word(&p, "UPDATE")) {
		update = 1;
	} else if (!(sql_word(&p, "DELETE") && sql_word(&p, "FROM"))) {
		return 1;	/* REPLACE, DDL: count it */
	}
	t = sql_skip(p);
	for (n = 0; is_word_char(t[n]); n++)
		continue;
	if (!word_listed(t, n, IDENT_TABLES))
		return 0;
	if (insert)
		return !word_listed(t, n, IDENT_NEW_UNSEEN) ||
		    sql_has_word(sql, "CONFLICT");
	p = t + n;
	if (update && sql_word(&p, "SET"))
		return !set_list_neutral(p);
	return 1;
}

/* The statement just prepared: on which connection, for which tenant. */
static int
prepared(struct dbconn *c, int64_t tenant_id, const char *sql, int rc,
    struct dbstmt **out)
{
	if (rc != DB_OK || *out == NULL)
		return rc;
	(*out)->conn = c;
	(*out)->tenant = tenant_id;
	if ((*out)->kind == SQL_UNKNOWN)
		(*out)->kind = sql_kind_of(sql);
	if ((*out)->ident == IDENT_UNKNOWN)
		(*out)->ident = (*out)->kind != SQL_READ && sql_ident_of(sql) ?
		    IDENT_YES : IDENT_NO;
	return rc;
}

/* A write on c in tenant_id (0: none): remember to bump its generations
 * (DB_GEN_* bits). */
static void
dirty(struct dbconn *c, int64_t tenant_id, int gens)
{
	int i;

	if (c->bumping)
		return;
	if (tenant_id <= 0) {
		c->dirty_all |= gens;
		return;
	}
	for (i = 0; i < c->ndirty; i++)
		if (c->dirty[i] == tenant_id) {
			c->dirty_gens[i] |= gens;
			return;
		}
	if (c->ndirty < DB_DIRTY_MAX) {
		c->dirty_gens[c->ndirty] = gens;
		c->dirty[c->ndirty++] = tenant_id;
	} else {
		c->dirty_all |= gens;
	}
}

static int
bump_one(struct dbconn *c, int64_t tenant_id, int gens)
{
	struct dbstmt	*st;
	const char	*sql = gens == DB_GEN_IDENT ? SQL_IDENT_BUMP :
			    gens == DB_GEN_DATA ? SQL_GEN_BUMP : SQL_BOTH_BUMP;
	int		 rc;

	rc = tenant_id > 0 ?
	    c->ops->prepare_tenant(c, tenant_id, sql, &st) :
	    c->ops->prepare_global(c, sql, &st);
	if (rc != DB_OK)
		return rc;
	st->kind = SQL_QUIET;
	st->ident = IDENT_NO;
	if ((rc = db_bind_int(st, 1, tenant_id > 0 ? tenant_id : 0)) == DB_OK)
		rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? DB_OK : (rc < 0 ? rc : DB_ERR);
}

/* Bump what the transaction wrote, inside it. */
static int
bump_dirty(struct dbconn *c)
{
	int i, rc = DB_OK;

	c->bumping = 1;
	for (i = 0; i < c->ndirty && rc == DB_OK; i++)
		rc = bump_one(c, c->dirty[i], c->dirty_gens[i]);
	if (rc == DB_OK && c->dirty_all)
		rc = bump_one(c, 0, c->dirty_all);
	c->bumping = 0;
	c->ndirty = 0;
	c->dirty_all = 0;
	return rc;
}

/* The generations db_gens last read per tenant, with the backend's mark
 * (backend.h) taken before that read: while the mark is the same nothing
 * was committed since, by this process or another (a CLI), so the values
 * read then are the values now and the statement is not run again. A
 * cache hit otherwise paid a read transaction for them on every request
 * (a fifth of its CPU on SQLite; on PostgreSQL a round trip, more than
 * the rest of the answer). Bounded in time all the same (KEPT_GENS_MS),
 * as a defence should a backend's mark ever miss a commit. One entry per
 * tenant id modulo KEPT_GENS (an inter-municipal host serves hundreds):
 * two tenants that share one only read again. */
#define KEPT_GENS	1024
#define KEPT_GENS_MS	1000
struct kept_gens {
	int64_t		tenant_id;
	int64_t		gen, ident;
	int64_t		at_ms;		/* CLOCK_MONOTONIC, when read */
	int		used;
	unsigned char	mark[DB_MARK_BYTES];
};
static pthread_mutex_t	 kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kept_gens	 kept[KEPT_GENS];
static uint64_t		 gens_kepts, gens_reads;	/* db_gens_counts */

void
db_gens_counts(uint64_t *k, uint64_t *r)
{
	*k = __atomic_load_n(&gens_kepts, __ATOMIC_RELAXED);
	*r = __atomic_load_n(&gens_reads, __ATOMIC_RELAXED);
}

static struct kept_gens *
kept_of(int64_t tenant_id)
{
	return &kept[(uint64_t)tenant_id % KEPT_GENS];
}

/* The kept generations of tenant_id under mark: 0 and both, or -1. */
static int
gens_kept_get(int64_t tenant_id, const unsigned char *mark, int64_t now_ms,
    int64_t *gen, int64_t *ident)
{
	struct kept_gens	*k = kept_of(tenant_id);
	int			 rc = -1;

	pthread_mutex_lock(&kept_lock);
	if (k->used && k->tenant_id == tenant_id &&
	    now_ms - k->at_ms < KEPT_GENS_MS && now_ms >= k->at_ms &&
	    memcmp(k->mark, mark, DB_MARK_BYTES) == 0) {
		*gen = k->gen;
		*ident = k->ident;
		rc = 0;
	}
	pthread_mutex_unlock(&kept_lock);
	return rc;
}

static void
gens_kept_put(int64_t tenant_id, const unsigned char *mark, int64_t at_ms,
    int64_t gen, int64_t ident)
{
	struct kept_gens *k = kept_of(tenant_id);

	pthread_mutex_lock(&kept_lock);
	k->used = 1;
	k->tenant_id = tenant_id;
	k->gen = gen;
	k->ident = ident;
	k->at_ms = at_ms;
	memcpy(k->mark, mark, DB_MARK_BYTES);
	pthread_mutex_unlock(&kept_lock);
}

static int
gens_read(struct dbconn *c, int64_t tenant_id, int64_t *gen, int64_t *ident)
{
	struct dbstmt	*st;
	int		 rc;

	*gen = *ident = 0;
	if ((rc = c->ops->prepare_tenant(c, tenant_id, SQL_GENS_READ,
	    &st)) != DB_OK)
		return rc;
	st->kind = SQL_READ;
	st->ident = IDENT_NO;
	if ((rc = db_bind_int(st, 1, tenant_id)) == DB_OK &&
	    (rc = db_step(st)) == DB_ROW) {
		*gen = db_col_int(st, 0);
		*ident = db_col_int(st, 1);
		rc = DB_OK;
	}
	db_reset(st);
	return rc == DB_OK ? DB_OK : (rc < 0 ? rc : DB_ERR);
}

/* Inside a transaction the read must see its own writes, which no mark
 * shows: read then, and keep nothing. The mark is taken before the read,
 * so a commit between the two makes the next mark differ (read again). */
int
db_gens(struct dbconn *c, int64_t tenant_id, int64_t *gen, int64_t *ident)
{
	unsigned char	mark[DB_MARK_BYTES];
	int64_t		now_ms;
	int		marked, rc;

	marked = c->ops->mark != NULL && !c->ops->in_tx(c) &&
	    c->ops->mark(c, tenant_id, mark) == 0;
	if (!marked) {
		__atomic_add_fetch(&gens_reads, 1, __ATOMIC_RELAXED);
		return gens_read(c, tenant_id, gen, ident);
	}
	now_ms = clock_mono_ms();
	if (gens_kept_get(tenant_id, mark, now_ms, gen, ident) == 0) {
		__atomic_add_fetch(&gens_kepts, 1, __ATOMIC_RELAXED);
		return DB_OK;
	}
	__atomic_add_fetch(&gens_reads, 1, __ATOMIC_RELAXED);
	if ((rc = gens_read(c, tenant_id, gen, ident)) == DB_OK)
		gens_kept_put(tenant_id, mark, now_ms, *gen, *ident);
	return rc;
}

int
db_cache_gen(struct dbconn *c, int64_t tenant_id, int64_t *gen)
{
	int64_t ident;

	return db_gens(c, tenant_id, gen, &ident);
}

int
db_commit(struct dbconn *c)
{
	int64_t	tenants[DB_DIRTY_MAX];
	int	n = c->ndirty, all = c->dirty_all, rc;

	memcpy(tenants, c->dirty, sizeof(tenants));
	if ((n > 0 || all) && (rc = bump_dirty(c)) != DB_OK) {
		/* The caller rolls back: no write without its bump. */
		return rc;
	}
	rc = c->ops->commit(c);
	if (rc == DB_OK && (n > 0 || all) && c->ops->committed != NULL)
		c->ops->committed(c, tenants, n, all != 0);
	return rc;
}

int
db_rollback(struct dbconn *c)
{
	c->ndirty = 0;
	c->dirty_all = 0;
	return c->ops->rollback(c);
}

int
db_in_tx(struct dbconn *c)
{
	return c->ops->in_tx(c);
}

static int	sql_kind_of(const char *);
static void	dirty(struct dbconn *, int64_t, int);

int
db_exec(struct dbconn *c, const char *sql)
{
	int rc;

	c->changes_kept = 0;
	rc = c->ops->exec(c, sql);

	/* Raw SQL names no tenant (DDL, a tool's statement). */
	if (rc == DB_OK && !c->bumping && sql_kind_of(sql) == SQL_WRITE) {
		dirty(c, 0, DB_GEN_DATA | DB_GEN_IDENT);
		/* Outside a transaction it committed on its own: the bump
		 * follows (a tool's statement, never a request's). */
		if (!c->ops->in_tx(c) && (rc = db_begin(c)) == DB_OK &&
		    (rc = db_commit(c)) != DB_OK)
			(void)db_rollback(c);
	}
	return rc;
}

int64_t
db_changes(struct dbconn *c)
{
	/* The write's count, not the generation bump's after it. */
	if (c->changes_kept)
		return c->changes;
	return c->ops->changes(c);
}

int
db_ids_sync(struct dbconn *c, const char *table)
{
	return c->ops->ids_sync(c, table);
}

int
db_prepare(struct dbconn *c, const char *sql, struct dbstmt **out)
{
	return prepared(c, 0, sql, c->ops->prepare(c, sql, out), out);
}

int
db_prepare_tenant(struct dbconn *c, int64_t tenant_id, const char *sql,
    struct dbstmt **out)
{
	return prepared(c, tenant_id, sql,
	    c->ops->prepare_tenant(c, tenant_id, sql, out), out);
}

int
db_prepare_global(struct dbconn *c, const char *sql, struct dbstmt **out)
{
	return prepared(c, 0, sql, c->ops->prepare_global(c, sql, out), out);
}

int
db_prepare_dynamic(struct dbconn *c, int64_t tenant_id, const char *sql,
    struct dbstmt **out)
{
	return prepared(c, tenant_id, sql,
	    c->ops->prepare_dynamic(c, tenant_id, sql, out), out);
}

/* A binding that fails sticks to the statement: the step refuses to run
 * with a parameter missing (on PostgreSQL it would run with NULL in its
 * place), so a caller that ignores db_bind_*'s result still sees the
 * failure at db_step. db_reset clears it. */
static int
bound(struct dbstmt *s, int rc)
{
	if (rc != DB_OK && s->bind_err == DB_OK)
		s->bind_err = rc;
	return rc;
}

int
db_bind_int(struct dbstmt *s, int idx, int64_t v)
{
	return bound(s, s->ops->bind_int(s, idx, v));
}

int
db_bind_text(struct dbstmt *s, int idx, const char *v)
{
	return bound(s, s->ops->bind_text(s, idx, v));
}

int
db_bind_blob(struct dbstmt *s, int idx, const void *v, size_t len)
{
	return bound(s, s->ops->bind_blob(s, idx, v, len));
}

int
db_bind_null(struct dbstmt *s, int idx)
{
	return bound(s, s->ops->bind_null(s, idx));
}

/* A write outside a transaction committed on its own with no bump: so
 * db_step wraps it in one, finished here (with the bump) when the
 * statement is done, or at its reset when it returned rows. */
static int
finish_own(struct dbconn *c, int rc)
{
	int crc;

	if (rc < 0) {
		(void)db_rollback(c);
		return rc;
	}
	if ((crc = db_commit(c)) != DB_OK) {
		(void)db_rollback(c);
		return crc;
	}
	return rc;
}

void
db_stream(struct dbstmt *s)
{
	if (s->ops->stream != NULL)
		s->ops->stream(s);
}

int
db_run_together(struct dbstmt *const *v, size_t n)
{
	size_t i;

	if (n < 2 || v[0]->ops->run_together == NULL)
		return DB_OK;
	/* Only reads: a write's step does the bookkeeping of db_step
	 * (its own transaction, the cache generation) around it. */
	for (i = 0; i < n; i++)
		if (v[i]->bind_err != DB_OK || v[i]->conn != v[0]->conn ||
		    v[i]->ops != v[0]->ops || v[i]->kind != SQL_READ ||
		    v[i]->ident == IDENT_YES || v[i]->tenant != v[0]->tenant)
			return DB_OK;
	return v[0]->ops->run_together(v, n);
}

int
db_step(struct dbstmt *s)
{
	struct dbconn	*c = s->conn;
	int		 rc;

	if (s->bind_err != DB_OK)
		return s->bind_err;
	if (c != NULL && s->kind == SQL_QUIET && s->ident != IDENT_YES &&
	    !c->bumping) {
		c->changes_kept = 0;
		return s->ops->step(s);
	}
	if (c == NULL || (s->kind != SQL_WRITE && s->ident != IDENT_YES) ||
	    c->bumping)
		return s->ops->step(s);
	if (!s->own_tx && !c->ops->in_tx(c)) {
		if ((rc = db_begin(c)) != DB_OK)
			return rc;
		s->own_tx = 1;
	}
	c->changes_kept = 0;
	rc = s->ops->step(s);
	if (rc == DB_DONE) {
		/* Not waiting for a write sent ahead (pg_stmt.c): its count,
		 * -1 until answered, counts as a change here (at worst a
		 * bump too many), and db_changes asks the backend, which
		 * waits for it then. */
		c->changes = c->ops->changes_known != NULL ?
		    c->ops->changes_known(c) : c->ops->changes(c);
		c->changes_kept = c->changes >= 0;
	}
	/* A write that changed no row (a purge with nothing to purge, an
	 * insert that met its conflict) changes no answer. */
	if (rc == DB_ROW || (rc == DB_DONE && c->changes != 0))
		dirty(c, s->tenant, (s->kind == SQL_WRITE ? DB_GEN_DATA : 0) |
		    (s->ident == IDENT_YES ? DB_GEN_IDENT : 0));
	if (s->own_tx && rc != DB_ROW) {
		s->own_tx = 0;
		rc = finish_own(c, rc);
	}
	return rc;
}

int
db_col_is_null(struct dbstmt *s, int col)
{
	return s->ops->col_is_null(s, col);
}

int64_t
db_col_int(struct dbstmt *s, int col)
{
	return s->ops->col_int(s, col);
}

const char *
db_col_text(struct dbstmt *s, int col)
{
	return s->ops->col_text(s, col);
}

const void *
db_col_blob(struct dbstmt *s, int col, size_t *len)
{
	return s->ops->col_blob(s, col, len);
}

int
db_col_count(struct dbstmt *s)
{
	return s->ops->col_count(s);
}

const char *
db_col_name(struct dbstmt *s, int col)
{
	return s->ops->col_name(s, col);
}

enum db_type
db_col_type(struct dbstmt *s, int col)
{
	return s->ops->col_type(s, col);
}

void
db_reset(struct dbstmt *s)
{
	struct dbconn	*c;
	int		 own;

	if (s != NULL) {
		s->bind_err = DB_OK;
		/* A write that returned rows is done now: committed once
		 * reset (SQLite refuses to commit a statement in progress;
		 * a one-off statement is gone after its reset). */
		c = s->conn;
		own = s->own_tx;
		s->own_tx = 0;
		s->ops->reset(s);
		if (own)
			(void)finish_own(c, DB_OK);
	}
}

int
store_migration_version(const char *name, int64_t *out)
{
	char	digits[16];
	size_t	n = strspn(name, "0123456789");

	if (n == 0 || n >= sizeof(digits) || name[n] != '_')
		return -1;
	memcpy(digits, name, n);
	digits[n] = '\0';
	return num_parse_i64(digits, 1, 99999999, out);
}
