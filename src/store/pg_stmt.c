/* pg_stmt.c: prepared statements on PostgreSQL, the per-connection
 * statement cache, binding, running and stepping (reading the columns of
 * a row is pg_col.c).
 *
 * Where PostgreSQL differs from SQLite, and what this file does about it:
 *
 *  - The cache is keyed by the SQL pointer (store.h: SQL is a string
 *    literal), like sqlite_stmt.c, with the same rule for nested use: a
 *    statement handed out and not yet reset that is asked for again gets a
 *    one-off, run unnamed (PQexecParams) and freed by db_reset.
 *  - A cached statement is prepared on the server lazily, at its first
 *    db_step, so that the parameter types can come from the bindings:
 *    db_bind_int is int8, db_bind_blob is bytea (sent in binary), text and
 *    NULL leave the type to the server (OID 0), which infers it from the
 *    SQL. A later binding of another type to the same parameter prepares
 *    it again (a NULL fits any type and never does). A syntax error
 *    therefore shows at the first db_step, not at db_prepare.
 *  - The whole result is fetched at the first db_step (our queries are
 *    bounded); db_step walks its rows. Results are text (pg_col.c).
 *  - Before a statement runs, pg_env (pg.c) sets the connection's tenant
 *    for row-level security and takes the transaction's advisory lock. */
#include "store/store.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/pg_int.h"
#include "util/log.h"

#define MAX_PARAMS	65535	/* the protocol's limit */

static size_t
bucket(const char *sql)
{
	uintptr_t p = (uintptr_t)sql;

	return (size_t)((p >> 4) ^ (p >> 10)) % PG_STMT_BUCKETS;
}

static int
ident_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '$';
}

/* The largest $n placeholder in sql, skipping quoted strings and
 * identifiers, comments and dollar-quoted strings (not E'' strings with
 * backslash-escaped quotes: our SQL has none); -1 when one is out of
 * range. */
static int
max_param(const char *sql)
{
	const char	*p = sql, *tag, *e;
	size_t		 taglen;
	long		 n, max = 0;
	char		 q;

	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			/* '' inside a string ends it and starts the next. */
			q = *p++;
			while (*p != '\0' && *p != q)
				p++;
			if (*p != '\0')
				p++;
			continue;
		}
		if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				p++;
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			p += 2;
			while (*p != '\0' && !(p[0] == '*' && p[1] == '/'))
				p++;
			if (*p != '\0')
				p += 2;
			continue;
		}
		if (*p == '$' && (p == sql || !ident_char(p[-1]))) {
			if (isdigit((unsigned char)p[1])) {
				for (n = 0, p++; isdigit((unsigned char)*p); p++)
					if ((n = n * 10 + (*p - '0')) > MAX_PARAMS)
						return -1;
				if (n > max)
					max = n;
				continue;
			}
			/* $tag$ ... $tag$ */
			for (e = p + 1; isalnum((unsigned char)*e) || *e == '_';
			    e++)
				;
			if (*e == '$') {
				tag = p;
				taglen = (size_t)(e - p) + 1;
				for (p = e + 1; *p != '\0' &&
				    strncmp(p, tag, taglen) != 0; p++)
					;
				if (*p != '\0')
					p += taglen;
				continue;
			}
		}
		p++;
	}
	return (int)max;
}

static void
params_clear(struct pg_stmt *s)
{
	int i;

	for (i = 0; i < s->nparams; i++) {
		free(s->params[i].val);
		memset(&s->params[i], 0, sizeof(s->params[i]));
	}
}

static void
blobs_free(struct pg_stmt *s)
{
	int i;

	for (i = 0; i < s->nblobs; i++) {
		PQfreemem(s->blobs[i].p);
		s->blobs[i].p = NULL;
		s->blobs[i].n = 0;
	}
}

static void
stmt_free(struct pg_stmt *s)
{
	params_clear(s);
	blobs_free(s);
	PQclear(s->res);
	PQclear(s->desc);
	free(s->blobs);
	free(s->params);
	free(s->ptypes);
	free(s->pv);
	free(s->pl);
	free(s->pf);
	free(s->own_sql);
	free(s);
}

/* Whether sql is a write that answers no rows (INSERT, UPDATE or DELETE
 * without RETURNING): one that may be sent ahead (stmt_defer). */
static int
is_write(const char *sql)
{
	const char	*p = sql;

	while (isspace((unsigned char)*p))
		p++;
	if (strncasecmp(p, "INSERT", 6) != 0 &&
	    strncasecmp(p, "UPDATE", 6) != 0 &&
	    strncasecmp(p, "DELETE", 6) != 0)
		return 0;
	for (; *p != '\0'; p++)
		if (strncasecmp(p, "RETURNING", 9) == 0)
			return 0;
	return 1;
}

int
pg_stmt_new(struct pg_conn *c, const char *sql, int cached, int64_t tenant,
    struct pg_stmt **out)
{
	struct pg_stmt	*s;
	size_t		 n;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return DB_ERR;
	s->base.ops = &pg_ops;
	s->conn = c;
	s->sql = sql;
	s->cached = cached;
	s->tenant = tenant;
	s->row = -1;
	s->write = is_write(sql);
	if ((s->nparams = max_param(sql)) < 0) {
		log_event("db_error", "op", "prepare",
		    "msg", "placeholder out of range", "sql", sql, NULL);
		free(s);
		return DB_ERR;
	}
	n = s->nparams > 0 ? (size_t)s->nparams : 1;
	if ((s->params = calloc(n, sizeof(*s->params))) == NULL ||
	    (s->ptypes = calloc(n, sizeof(*s->ptypes))) == NULL ||
	    (s->pv = calloc(n, sizeof(*s->pv))) == NULL ||
	    (s->pl = calloc(n, sizeof(*s->pl))) == NULL ||
	    (s->pf = calloc(n, sizeof(*s->pf))) == NULL) {
		stmt_free(s);
		return DB_ERR;
	}
	*out = s;
	return DB_OK;
}

/* The cached statement for sql, or a one-off when it is in use. */
static int
get(struct pg_conn *c, const char *sql, int64_t tenant, struct pg_stmt **out)
{
	struct pg_stmt	*s;
	size_t		 b;
	int		 rc;

	*out = NULL;
	b = bucket(sql);
	for (s = c->cache[b]; s != NULL; s = s->next)
		if (s->sql == sql)
			break;
	if (s != NULL && s->in_use) {
		/* Nested use of the same SQL: a one-off. */
		if ((rc = pg_stmt_new(c, sql, 0, tenant, &s)) != DB_OK)
			return rc;
	} else if (s == NULL) {
		if ((rc = pg_stmt_new(c, sql, 1, tenant, &s)) != DB_OK)
			return rc;
		s->next = c->cache[b];
		c->cache[b] = s;
	}
	s->tenant = tenant;
	s->in_use = 1;
	*out = s;
	return DB_OK;
}

int
pg_prepare(struct dbconn *c, const char *sql, struct dbstmt **out)
{
	struct pg_stmt	*s;
	int		 rc;

	*out = NULL;
	if ((rc = get(PG_CONN(c), sql, PG_TENANT_NONE, &s)) == DB_OK)
		*out = &s->base;
	return rc;
}

int
pg_prepare_tenant(struct dbconn *c, int64_t tenant_id, const char *sql,
    struct dbstmt **out)
{
	struct pg_stmt	*s;
	int		 rc;

	*out = NULL;
	if (tenant_id <= 0) {
		/* Defensive: a tenant query without a tenant is a bug upstream. */
		log_event("db_error", "op", "prepare_tenant",
		    "msg", "no tenant in context", "sql", sql, NULL);
		return DB_ERR;
	}
	if ((rc = get(PG_CONN(c), sql, tenant_id, &s)) != DB_OK)
		return rc;
	if ((rc = pg_bind_int(&s->base, 1, tenant_id)) != DB_OK) {
		pg_reset(&s->base);
		return rc;
	}
	*out = &s->base;
	return DB_OK;
}

int
pg_prepare_global(struct dbconn *c, const char *sql, struct dbstmt **out)
{
	struct pg_stmt	*s;
	int		 rc;

	*out = NULL;
	if ((rc = get(PG_CONN(c), sql, PG_TENANT_ALL, &s)) == DB_OK)
		*out = &s->base;
	return rc;
}

int
pg_prepare_dynamic(struct dbconn *c, int64_t tenant_id, const char *sql,
    struct dbstmt **out)
{
	struct pg_stmt	*s;
	char		*copy;
	int		 rc;

	*out = NULL;
	if ((copy = strdup(sql)) == NULL)
		return DB_ERR;
	if ((rc = pg_stmt_new(PG_CONN(c), copy, 0,
	    tenant_id > 0 ? tenant_id : PG_TENANT_ALL, &s)) != DB_OK) {
		free(copy);
		return rc;
	}
	s->own_sql = copy;
	s->in_use = 1;
	if (tenant_id > 0 && (rc = pg_bind_int(&s->base, 1, tenant_id)) != DB_OK) {
		pg_reset(&s->base);
		return rc;
	}
	*out = &s->base;
	return DB_OK;
}

/* Parameter idx of s, or NULL with the error logged. */
static struct pg_param *
param(struct pg_stmt *s, int idx)
{
	char name[16];

	if (idx >= 1 && idx <= s->nparams) {
		free(s->params[idx - 1].val);
		memset(&s->params[idx - 1], 0, sizeof(s->params[idx - 1]));
		return &s->params[idx - 1];
	}
	snprintf(name, sizeof(name), "$%d", idx);
	log_event("db_error", "op", "bind", "msg", "no such placeholder",
	    "param", name, "sql", s->sql, NULL);
	return NULL;
}

int
pg_bind_int(struct dbstmt *st, int idx, int64_t v)
{
	struct pg_param	*p;
	char		 num[24];

	if ((p = param(PG_STMT(st), idx)) == NULL)
		return DB_ERR;
	snprintf(num, sizeof(num), "%" PRId64, v);
	if ((p->val = strdup(num)) == NULL)
		return DB_ERR;
	p->type = PG_OID_INT8;
	return DB_OK;
}

int
pg_bind_text(struct dbstmt *st, int idx, const char *v)
{
	struct pg_param *p;

	if ((p = param(PG_STMT(st), idx)) == NULL)
		return DB_ERR;
	if (v != NULL && (p->val = strdup(v)) == NULL)
		return DB_ERR;
	return DB_OK;
}

int
pg_bind_blob(struct dbstmt *st, int idx, const void *v, size_t len)
{
	struct pg_param *p;

	if ((p = param(PG_STMT(st), idx)) == NULL)
		return DB_ERR;
	if (v == NULL)
		return DB_OK;
	if (len > INT32_MAX || (p->val = malloc(len > 0 ? len : 1)) == NULL)
		return DB_ERR;
	memcpy(p->val, v, len);
	p->len = (int)len;
	p->format = 1;
	p->type = PG_OID_BYTEA;
	return DB_OK;
}

int
pg_bind_null(struct dbstmt *st, int idx)
{
	return param(PG_STMT(st), idx) == NULL ? DB_ERR : DB_OK;
}

/* Prepare s on the server under a fresh name with types ptypes. */
static int
stmt_prepare(struct pg_stmt *s)
{
	struct pg_conn	*c = s->conn;
	PGresult	*r;
	int		 rc = DB_OK;

	snprintf(s->name, sizeof(s->name), "orden_%u", ++c->nnames);
	r = PQprepare(c->h, s->name, s->sql, s->nparams, s->ptypes);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pg_log(c, r, "prepare", s->sql);
	else
		s->prepared = 1;
	PQclear(r);
	return rc;
}

static void
stmt_deallocate(struct pg_stmt *s)
{
	char	 sql[48];

	if (!s->prepared)
		return;
	s->prepared = 0;
	PQclear(s->desc);
	s->desc = NULL;
	/* Failing (in an aborted transaction) only leaves a statement on the
	 * server until the connection closes. */
	snprintf(sql, sizeof(sql), "DEALLOCATE %s", s->name);
	PQclear(PQexec(s->conn->h, sql));
}

/* The parameter types this execution needs (in ptypes), and whether they
 * differ from those s is prepared with. */
static int
want_types(struct pg_stmt *s)
{
	unsigned int	 t;
	int		 i, differ = 0;

	for (i = 0; i < s->nparams; i++) {
		if (s->params[i].val == NULL) {
			/* NULL fits any type: keep the prepared one. */
			if (!s->prepared)
				s->ptypes[i] = 0;
			continue;
		}
		t = s->params[i].type;
		if (s->prepared && s->ptypes[i] != t)
			differ = 1;
		s->ptypes[i] = t;
	}
	return differ;
}

/* Send s (cached or one-off) with its bindings; 1 sent, 0 not. */
static int
send_stmt(struct pg_stmt *s)
{
	struct pg_conn *c = s->conn;

	if (s->cached)
		return PQsendQueryPrepared(c->h, s->name, s->nparams, s->pv,
		    s->pl, s->pf, 0);
	return PQsendQueryParams(c->h, s->sql, s->nparams, s->ptypes, s->pv,
	    s->pl, s->pf, 0);
}

/* Read the answers of a pipeline up to its sync: n commands were sent
 * (what[i] names each for the log, sql[i] its statement); ok[i] is set
 * for each that succeeded, and the result of command want (-1: none) is
 * kept in *out when it succeeded. The commands after a failed one are not
 * run (PGRES_PIPELINE_ABORTED); the first failure is the one logged.
 * Leaves pipeline mode. DB_OK or the first error. */
static int
piped_read_all(struct pg_conn *c, int n, const char *const *what,
    const char *const *sql, int *ok, PGresult **outs);

static int
piped_read(struct pg_conn *c, int n, const char *const *what,
    const char *const *sql, int *ok, int want, PGresult **out)
{
	PGresult	*outs[PG_PENDING_MAX + PG_TOGETHER_MAX + 3];
	int		 i, rc;

	for (i = 0; i < n; i++)
		outs[i] = NULL;
	rc = piped_read_all(c, n, what, sql, ok, outs);
	for (i = 0; i < n; i++) {
		if (i == want && out != NULL && *out == NULL)
			*out = outs[i];
		else
			PQclear(outs[i]);
	}
	return rc;
}

/* piped_read, keeping the result of every command that succeeded in
 * outs[i] (the caller's to PQclear). */
static int
piped_read_all(struct pg_conn *c, int n, const char *const *what,
    const char *const *sql, int *ok, PGresult **outs)
{
	PGresult	*r;
	int		 i = 0, nulls = 0, rc = DB_OK;

	/* Each command's result, a NULL after each, then the sync's. A
	 * connection that is gone answers NULL only: give up after a few. */
	while (nulls < n + 2) {
		if ((r = PQgetResult(c->h)) == NULL) {
			nulls++;
			if (PQstatus(c->h) != CONNECTION_OK)
				break;
			if (++i > n)
				break;	/* the sync was never sent */
			continue;
		}
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (i < n) {
			switch (PQresultStatus(r)) {
			case PGRES_TUPLES_OK:
			case PGRES_COMMAND_OK:
				ok[i] = 1;
				pg_note_changes(c, r);
				break;
			case PGRES_PIPELINE_ABORTED:
				break;
			default:
				if (rc == DB_OK)
					rc = pg_log(c, r, what[i], sql[i]);
				break;
			}
		}
		if (i < n && ok[i] && outs[i] == NULL)
			outs[i] = r;
		else
			PQclear(r);
	}
	if (PQexitPipelineMode(c->h) != 1 && rc == DB_OK)
		rc = pg_log(c, NULL, "pipeline", n > 0 ? sql[n - 1] : "");
	return rc;
}

/* PQenterPipelineMode from idle. libpq (15) keeps single-row mode set
 * after a streamed statement (db_stream), and the first command of the
 * next pipeline then came back as a lone row instead of its result: a
 * set_config answered "no error" as a failure, in a later request on the
 * same pooled connection (test_store test_streamed_rows). A command sent
 * outside a pipeline clears it: one, the first time after a stream. */
static int
pipeline_enter(struct pg_conn *c)
{
	if (c->row_mode_left) {
		PQclear(PQexec(c->h, ""));
		c->row_mode_left = 0;
	}
	return PQenterPipelineMode(c->h);
}

/* Queue the writes sent ahead as the first commands of a pipeline being
 * built: their names and SQL in what and sql. The connection is in
 * pipeline mode already when there are any. Returns how many. */
static int
piped_pending(struct pg_conn *c, const char **what, const char **sql)
{
	int i, n = c->npending;

	for (i = 0; i < n; i++) {
		what[i] = "step";
		sql[i] = c->pending[i];
	}
	c->npending = 0;
	return n;
}

/* A write sent ahead failed (one of the first np commands of a pipeline
 * is not ok; those after a failure are not run, so the first failure was
 * among them): the transaction is aborted, and every statement until the
 * savepoint is undone fails with that write's error (rc), not with
 * PostgreSQL's "transaction is aborted". */
static void
ahead_failed(struct pg_conn *c, const int *ok, int np, int rc)
{
	int i;

	for (i = 0; i < np; i++)
		if (!ok[i]) {
			c->ahead_rc = rc != DB_OK ? rc : DB_ERR;
			return;
		}
}

int
pg_flush(struct pg_conn *c, const char *sql, PGresult **keep)
{
	const char	*what[PG_PENDING_MAX + 1], *sqls[PG_PENDING_MAX + 1];
	int		 ok[PG_PENDING_MAX + 1] = { 0 };
	int		 n, np, e, want = -1, rc = DB_OK;
	PGresult	*r = NULL;

	if (c->ahead_rc != DB_OK) {
		rc = c->ahead_rc;
		goto out;
	}
	if (c->npending == 0) {
		if (sql == NULL)
			return DB_OK;
		r = PQexec(c->h, sql);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = pg_log(c, r, "tx", sql);
		goto out;
	}
	n = np = piped_pending(c, what, sqls);
	if (sql != NULL) {
		if (PQsendQueryParams(c->h, sql, 0, NULL, NULL, NULL, NULL, 0)) {
			what[n] = "tx";
			sqls[n] = sql;
			want = n++;
		} else
			rc = pg_log(c, NULL, "pipeline", sql);
	}
	PQpipelineSync(c->h);
	if ((e = piped_read(c, n, what, sqls, ok, want, &r)) != DB_OK &&
	    rc == DB_OK)
		rc = e;
	ahead_failed(c, ok, np, rc);
	if (rc == DB_OK && sql != NULL && r == NULL)
		rc = pg_log(c, NULL, "tx", sql);
out:
	if (keep != NULL && rc == DB_OK)
		*keep = r;
	else
		PQclear(r);
	return rc;
}

/* Run s together with what must precede it, in one round trip instead of
 * two or three: the answers of the writes sent ahead (stmt_defer), the
 * tenant setting and the transaction's lock (env), and s's preparation
 * when it is not prepared yet, sent in libpq's pipeline mode and answered
 * together. A request used to spend two of its dozen round trips on
 * set_config alone, and each round trip costs about as much as a small
 * statement's work (bench/why.md). Outside a transaction the commands up
 * to the sync run in one implicit transaction: when the statement fails,
 * the set_config sent with it is undone too, which pg_env_done(ok = 0)
 * records. *out gets the statement's result; rc DB_OK or the first
 * error. */
static int
exec_piped(struct pg_stmt *s, const struct pg_env *env, PGresult **out)
{
	struct pg_conn	*c = s->conn;
	const char	*what[PG_PENDING_MAX + 3], *sqls[PG_PENDING_MAX + 3];
	int		 ok[PG_PENDING_MAX + 3] = { 0 };
	int		 n, e, sent, step, rc = DB_OK, prep;

	*out = NULL;
	prep = s->cached && !s->prepared;
	if (prep)
		snprintf(s->name, sizeof(s->name), "orden_%u", ++c->nnames);
	if (c->npending == 0 && pipeline_enter(c) != 1)
		return pg_log(c, NULL, "pipeline", s->sql);
	n = piped_pending(c, what, sqls);
	/* Only what was queued is answered: sent counts it. */
	sent = n;
	if (env->sql != NULL && PQsendQueryParams(c->h, env->sql, env->np,
	    NULL, env->params, NULL, NULL, 0)) {
		what[sent] = "tenant";
		sqls[sent++] = s->sql;
	}
	if (sent == n + (env->sql != NULL) && prep &&
	    PQsendPrepare(c->h, s->name, s->sql, s->nparams, s->ptypes)) {
		what[sent] = "prepare";
		sqls[sent++] = s->sql;
	}
	step = sent;
	if (sent == n + (env->sql != NULL) + prep && send_stmt(s)) {
		what[sent] = "step";
		sqls[sent++] = s->sql;
	}
	if (sent < n + (env->sql != NULL) + prep + 1)
		rc = pg_log(c, NULL, "pipeline", s->sql);
	PQpipelineSync(c->h);
	if ((e = piped_read(c, sent, what, sqls, ok, step, out)) != DB_OK &&
	    rc == DB_OK)
		rc = e;
	ahead_failed(c, ok, n, rc);
	if (prep && ok[step - 1])
		s->prepared = 1;
	if (rc == DB_OK && (*out == NULL ||
	    (env->sql != NULL && !ok[n])))
		rc = pg_log(c, NULL, "step", s->sql);
	pg_env_done(c, env, rc == DB_OK);
	if (rc != DB_OK) {
		PQclear(*out);
		*out = NULL;
	}
	return rc;
}

int
pg_send_ahead(struct pg_conn *c, const char *sql)
{
	if (c->ahead_rc != DB_OK)
		return c->ahead_rc;
	if (c->npending >= PG_PENDING_MAX)
		return pg_flush(c, sql, NULL);
	if (c->npending == 0 && pipeline_enter(c) != 1)
		return pg_flush(c, sql, NULL);
	if (!PQsendQueryParams(c->h, sql, 0, NULL, NULL, NULL, NULL, 0)) {
		if (c->npending == 0)
			PQexitPipelineMode(c->h);
		return pg_log(c, NULL, "pipeline", sql);
	}
	c->pending[c->npending++] = sql;
	return DB_OK;
}

/* Send s ahead without waiting for its answer, when it may be: a write
 * that answers no rows, in a request of a group-commit batch (group.c;
 * with or without its savepoint, pg.c pgb_savepoint) or in a transaction
 * of a bulk connection (pg_bulk.c),
 * already prepared, needing no tenant switch or lock
 * first, with room left. Its answer is read with the next statement's
 * (exec_piped) or the savepoint's RELEASE (pg_flush); its failure then
 * fails that one, and the request's savepoint is rolled back alone as
 * before. A submit ran about 30 statements in the batch's transaction,
 * each a round trip while the municipality's other submits waited; its
 * 7 writes of counts, event, notification and mail now travel with the
 * next read. Its count of changed rows is not known until then
 * (pgb_changes_known). 1 when sent (s stepped: no rows), 0 when s must run now,
 * or a db_rc. */
static int
stmt_defer(struct pg_stmt *s, const struct pg_env *env)
{
	struct pg_conn	*c = s->conn;

	if (!(c->base.batch != NULL || c->bulk) || !c->in_tx || !s->write ||
	    !s->cached ||
	    !s->prepared || env->sql != NULL || c->npending >= PG_PENDING_MAX)
		return 0;
	if (c->npending == 0 && pipeline_enter(c) != 1)
		return 0;
	if ((s->res = PQmakeEmptyPGresult(c->h, PGRES_COMMAND_OK)) == NULL ||
	    !send_stmt(s)) {
		PQclear(s->res);
		s->res = NULL;
		if (c->npending == 0)
			PQexitPipelineMode(c->h);
		return pg_log(c, NULL, "pipeline", s->sql);
	}
	c->pending[c->npending++] = s->sql;
	pg_env_done(c, env, 1);
	s->row = -1;
	return 1;
}

/* libpq's arrays of s's bound values, lengths and formats. */
static void
params_point(struct pg_stmt *s)
{
	int i;

	for (i = 0; i < s->nparams; i++) {
		s->pv[i] = s->params[i].val;
		s->pl[i] = s->params[i].len;
		s->pf[i] = s->params[i].format;
	}
}

static int
stmt_exec(struct pg_stmt *s)
{
	struct pg_conn	*c = s->conn;
	struct pg_env	 env;
	PGresult	*r = NULL;
	int		 rc = DB_OK;

	if (c->ahead_rc != DB_OK)
		return c->ahead_rc;
	params_point(s);
	/* Bound with other types than it was prepared with: again. */
	if (want_types(s) && s->cached) {
		if ((rc = pg_flush(c, NULL, NULL)) != DB_OK)
			goto out;
		stmt_deallocate(s);
	}
	pg_env_plan(c, s->tenant, &env);
	if ((rc = stmt_defer(s, &env)) != 0)
		return rc > 0 ? DB_OK : rc;
	if (env.sql != NULL || c->npending > 0) {
		if ((rc = exec_piped(s, &env, &r)) != DB_OK)
			goto out;
	} else {
		pg_env_done(c, &env, 1);
		if (s->cached && !s->prepared && (rc = stmt_prepare(s)) != DB_OK)
			goto out;
		c->row_mode_left = 0;	/* sent outside a pipeline */
		r = s->cached ? PQexecPrepared(c->h, s->name, s->nparams,
		    s->pv, s->pl, s->pf, 0) : PQexecParams(c->h, s->sql,
		    s->nparams, s->ptypes, s->pv, s->pl, s->pf, 0);
		switch (PQresultStatus(r)) {
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			break;
		default:
			rc = pg_log(c, r, "step", s->sql);
			goto out;
		}
	}
	pg_note_changes(c, r);
	if (PQnfields(r) > 0 &&
	    (s->blobs = calloc((size_t)PQnfields(r), sizeof(*s->blobs))) == NULL) {
		rc = DB_ERR;
		goto out;
	}
	s->nblobs = PQnfields(r);
	s->res = r;
	s->row = -1;
	r = NULL;
out:
	PQclear(r);
	return rc;
}

/* --- db_stream: rows as they come (libpq's single-row mode) ------------
 *
 * PQexecPrepared returns a statement's whole result at once: every
 * deviation of ten years that a statistic counts one by one was in
 * memory together (+21-27 MiB at 200,000; w16-accept). A streamed
 * statement is sent, put in single-row mode, and each step takes the next
 * one-row result; the connection is busy until the last one came, which
 * the reset waits for when the caller stopped early. */

/* The rest of a streamed statement's results, read and dropped. */
static void
stream_end(struct pg_stmt *s)
{
	PGresult *r;

	while ((r = PQgetResult(s->conn->h)) != NULL)
		PQclear(r);
	s->streaming = 0;
}

/* The next result of a streamed statement into s->res (one row, or none
 * at the end): DB_OK, or its error (logged). */
static int
stream_next(struct pg_stmt *s)
{
	PGresult	*r;
	int		 rc = DB_OK;

	PQclear(s->res);
	s->res = NULL;
	r = PQgetResult(s->conn->h);
	switch (PQresultStatus(r)) {
	case PGRES_SINGLE_TUPLE:
		s->res = r;
		return DB_OK;
	case PGRES_TUPLES_OK:
		s->res = r;
		break;
	default:
		rc = pg_log(s->conn, r, "step", s->sql);
		PQclear(r);
		break;
	}
	stream_end(s);
	return rc;
}

static int
stream_start(struct pg_stmt *s)
{
	struct pg_conn	*c = s->conn;
	int		 sent, rc;

	if (c->ahead_rc != DB_OK)
		return c->ahead_rc;
	params_point(s);
	/* pg_env answers the writes sent ahead first. */
	if ((rc = pg_env(c, s->tenant, s->sql)) != DB_OK)
		return rc;
	if (want_types(s) && s->cached)
		stmt_deallocate(s);
	if (s->cached && !s->prepared && (rc = stmt_prepare(s)) != DB_OK)
		return rc;
	sent = s->cached ? PQsendQueryPrepared(c->h, s->name, s->nparams,
	    s->pv, s->pl, s->pf, 0) : PQsendQueryParams(c->h, s->sql,
	    s->nparams, s->ptypes, s->pv, s->pl, s->pf, 0);
	if (!sent) {
		pg_log(c, NULL, "step", s->sql);
		return DB_ERR;
	}
	s->streaming = 1;
	c->row_mode_left = 1;
	if (!PQsetSingleRowMode(c->h)) {
		stream_end(s);
		pg_log(c, NULL, "step", s->sql);
		return DB_ERR;
	}
	if ((rc = stream_next(s)) != DB_OK)
		return rc;
	if (PQnfields(s->res) > 0 &&
	    (s->blobs = calloc((size_t)PQnfields(s->res),
	    sizeof(*s->blobs))) == NULL) {
		if (s->streaming)
			stream_end(s);
		return DB_ERR;
	}
	s->nblobs = PQnfields(s->res);
	s->row = -1;
	return DB_OK;
}

/* db_run_together: the reads sent as one pipeline, after the tenant
 * setting (and the transaction's lock) when needed and the preparation
 * of those not prepared yet, and answered together; each result kept as
 * that statement's, for its steps. Only from a connection with nothing
 * sent ahead and statements not run yet, cached or not, not streamed:
 * otherwise nothing runs here (DB_OK) and each runs at its step. The
 * list's page and its count were two round trips, the dashboard's
 * reads a dozen (bench/why.md, w19-pg). Outside a transaction the
 * commands up to the sync run in one implicit transaction, as in
 * exec_piped: a failure undoes the set_config sent with them too. */
int
pg_run_together(struct dbstmt *const *v, size_t n)
{
	struct pg_stmt	*s, *sv[PG_TOGETHER_MAX];
	struct pg_conn	*c;
	struct pg_env	 env;
	const char	*what[2 * PG_TOGETHER_MAX + 1];
	const char	*sqls[2 * PG_TOGETHER_MAX + 1];
	PGresult	*outs[PG_PENDING_MAX + PG_TOGETHER_MAX + 3];
	int		 ok[2 * PG_TOGETHER_MAX + 1] = { 0 };
	int		 stepi[PG_TOGETHER_MAX], prepi[PG_TOGETHER_MAX];
	int		 sent = 0, want = 0, rc = DB_OK, e;
	size_t		 i, j;

	if (n < 2 || n > PG_TOGETHER_MAX)
		return DB_OK;
	c = PG_STMT(v[0])->conn;
	if (c->ahead_rc != DB_OK || c->npending > 0)
		return DB_OK;
	for (i = 0; i < n; i++) {
		s = sv[i] = PG_STMT(v[i]);
		if (s->conn != c || s->res != NULL || s->stream ||
		    s->tenant != sv[0]->tenant)
			return DB_OK;
		for (j = 0; j < i; j++)
			if (sv[j] == s)
				return DB_OK;
	}
	for (i = 0; i < n; i++) {
		s = sv[i];
		params_point(s);
		/* Bound with other types than it was prepared with: again. */
		if (want_types(s) && s->cached)
			stmt_deallocate(s);
	}
	pg_env_plan(c, sv[0]->tenant, &env);
	if (pipeline_enter(c) != 1)
		return pg_log(c, NULL, "pipeline", sv[0]->sql);
	if (env.sql != NULL) {
		want++;
		if (PQsendQueryParams(c->h, env.sql, env.np, NULL, env.params,
		    NULL, NULL, 0)) {
			what[sent] = "tenant";
			sqls[sent++] = sv[0]->sql;
		}
	}
	for (i = 0; i < n; i++) {
		s = sv[i];
		prepi[i] = -1;
		if (s->cached && !s->prepared) {
			want++;
			snprintf(s->name, sizeof(s->name), "orden_%u",
			    ++c->nnames);
			if (sent == want - 1 && PQsendPrepare(c->h, s->name,
			    s->sql, s->nparams, s->ptypes)) {
				prepi[i] = sent;
				what[sent] = "prepare";
				sqls[sent++] = s->sql;
			}
		}
		want++;
		stepi[i] = sent;
		if (sent == want - 1 && send_stmt(s)) {
			what[sent] = "step";
			sqls[sent++] = s->sql;
		}
	}
	if (sent < want)
		rc = pg_log(c, NULL, "pipeline", sv[0]->sql);
	PQpipelineSync(c->h);
	for (i = 0; i < (size_t)sent; i++)
		outs[i] = NULL;
	if ((e = piped_read_all(c, sent, what, sqls, ok, outs)) != DB_OK &&
	    rc == DB_OK)
		rc = e;
	for (i = 0; i < n; i++) {
		s = sv[i];
		if (prepi[i] >= 0 && ok[prepi[i]])
			s->prepared = 1;
		if (rc == DB_OK && (stepi[i] >= sent || outs[stepi[i]] == NULL))
			rc = pg_log(c, NULL, "step", s->sql);
	}
	if (rc == DB_OK && env.sql != NULL && !ok[0])
		rc = pg_log(c, NULL, "tenant", sv[0]->sql);
	pg_env_done(c, &env, rc == DB_OK);
	for (i = 0; rc == DB_OK && i < n; i++) {
		s = sv[i];
		if (PQnfields(outs[stepi[i]]) > 0 &&
		    (s->blobs = calloc((size_t)PQnfields(outs[stepi[i]]),
		    sizeof(*s->blobs))) == NULL) {
			rc = DB_ERR;
			break;
		}
		s->nblobs = PQnfields(outs[stepi[i]]);
		s->res = outs[stepi[i]];
		outs[stepi[i]] = NULL;
		s->row = -1;
	}
	if (rc != DB_OK)
		/* None has run, as far as its caller knows. */
		for (i = 0; i < n; i++)
			if (sv[i]->res != NULL) {
				PQclear(sv[i]->res);
				sv[i]->res = NULL;
				free(sv[i]->blobs);
				sv[i]->blobs = NULL;
				sv[i]->nblobs = 0;
			}
	for (i = 0; i < (size_t)sent; i++)
		PQclear(outs[i]);
	return rc;
}

void
pg_stream(struct dbstmt *st)
{
	struct pg_stmt *s = PG_STMT(st);

	if (s->res == NULL)
		s->stream = 1;
}

int
pg_step(struct dbstmt *st)
{
	struct pg_stmt	*s = PG_STMT(st);
	int		 rc;

	if (s->res == NULL && (rc = s->stream ? stream_start(s) :
	    stmt_exec(s)) != DB_OK)
		return rc;
	blobs_free(s);
	if (s->row + 1 < PQntuples(s->res)) {
		s->row++;
		return DB_ROW;
	}
	if (s->streaming) {
		if ((rc = stream_next(s)) != DB_OK)
			return rc;
		if (PQntuples(s->res) > 0) {
			s->row = 0;
			return DB_ROW;
		}
	}
	s->row = PQntuples(s->res);
	return DB_DONE;
}

const PGresult *
pg_stmt_shape(struct pg_stmt *s)
{
	struct pg_conn	*c = s->conn;
	PGresult	*r = NULL;
	const char	*name = s->name;

	if (s->res != NULL)
		return s->res;
	if (s->desc != NULL)
		return s->desc;
	if (pg_flush(c, NULL, NULL) != DB_OK)
		return NULL;
	/* A prepared statement keeps its types here: stmt_exec compares them
	 * with the bindings. */
	if (!s->prepared)
		want_types(s);
	if (s->cached && !s->prepared && stmt_prepare(s) != DB_OK)
		goto out;
	if (!s->cached) {
		/* A one-off is described through the unnamed statement;
		 * its step runs it unnamed again. */
		name = "";
		r = PQprepare(c->h, name, s->sql, s->nparams, s->ptypes);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			pg_log(c, r, "describe", s->sql);
			goto out;
		}
		PQclear(r);
	}
	r = PQdescribePrepared(c->h, name);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		pg_log(c, r, "describe", s->sql);
		goto out;
	}
	s->desc = r;
	r = NULL;
out:
	PQclear(r);
	return s->desc;
}

void
pg_reset(struct dbstmt *st)
{
	struct pg_stmt *s = PG_STMT(st);

	if (s == NULL)
		return;
	blobs_free(s);
	free(s->blobs);
	s->blobs = NULL;
	s->nblobs = 0;
	if (s->streaming)
		stream_end(s);
	s->stream = 0;
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	params_clear(s);
	s->in_use = 0;
	if (!s->cached)
		stmt_free(s);
}

void
pg_stmt_cache_reset(struct pg_conn *c)
{
	struct pg_stmt	*s;
	size_t		 b;

	for (b = 0; b < PG_STMT_BUCKETS; b++)
		for (s = c->cache[b]; s != NULL; s = s->next)
			if (s->in_use) {
				log_event("db_error", "op", "release",
				    "msg", "statement not reset",
				    "sql", s->sql, NULL);
				pg_reset(&s->base);
			}
}

void
pg_stmt_cache_forget(struct pg_conn *c)
{
	struct pg_stmt	*s;
	size_t		 b;

	c->npending = 0;	/* their answers went with the connection */
	for (b = 0; b < PG_STMT_BUCKETS; b++)
		for (s = c->cache[b]; s != NULL; s = s->next) {
			s->prepared = 0;
			PQclear(s->desc);
			s->desc = NULL;
		}
}

void
pg_stmt_cache_free(struct pg_conn *c)
{
	struct pg_stmt	*s, *n;
	size_t		 b;

	for (b = 0; b < PG_STMT_BUCKETS; b++) {
		for (s = c->cache[b]; s != NULL; s = n) {
			n = s->next;
			stmt_free(s);
		}
		c->cache[b] = NULL;
	}
}
