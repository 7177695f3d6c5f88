/* memo.c: the org reads of a group-commit batch, made once per batch
 * instead of once per report (store/group.h).
 *
 * Every report of a batch asks the same few questions of the org tree:
 * its unit's parent, the leaders of its unit (or of the nearest led unit
 * above), the unit's kind (for the legal clocks), the leader's e-mail.
 * At 64 connections a batch holds tens of reports, mostly from a few
 * units, and on PostgreSQL each question is a round trip and a statement
 * the server parses, binds and runs with its row-level policy.
 *
 * Why an answer may be kept for the rest of the batch: the batch is one
 * transaction that holds the municipality's write lock from the first
 * statement that named it (SQLite: the database's, BEGIN IMMEDIATE;
 * PostgreSQL: the tenant's transaction advisory lock, store/pg.c), and
 * the work a batch runs (a report, deviation/attach.c) never writes the
 * org tables. So no change to units, people or role assignments made in a
 * transaction can commit between two reports of one batch, and each keeps
 * seeing what the first saw. What is kept is forgotten when the batch
 * ends (committed, rolled back, or tried again), and when a report's
 * savepoint is rolled back: on PostgreSQL that also gives back an
 * advisory lock taken inside it. Outside a batch nothing is kept.
 *
 * The kept answers live on the thread that runs the batch (the one that
 * calls the reports' work and this gather's callbacks), bounded: an
 * answer that does not fit is read again the next time. */
#include "org/org.h"

#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "org/org_int.h"
#include "store/group.h"
#include "util/arena.h"

#define MEMO_MAX	48	/* answers kept in one batch */
#define MEMO_IDS	16	/* role holders kept in one answer */
#define MEMO_TEXT	640	/* bytes of a person's or a kind's text */

struct memo_ent {
	enum org_memo_q	 q;
	int64_t		 tenant, a, b;
	int64_t		 v;		/* ORG_MEMO_PARENT: the parent */
	size_t		 n;		/* ORG_MEMO_HOLDERS: ids[0..n) */
	int64_t		 ids[MEMO_IDS];
	struct person	 p;		/* ORG_MEMO_PERSON; strings in text */
	size_t		 off[5];	/* login, name, email, party, lang; */
	unsigned char	 has[5];	/* 0: NULL */
	char		 text[MEMO_TEXT];	/* ORG_MEMO_KIND: the kind */
};

struct memo {
	struct dbconn	*conn;		/* the batch's connection */
	size_t		 n;
	struct memo_ent	 e[MEMO_MAX];
};

static _Thread_local struct memo *memo;

static void
memo_request_end(int kept)
{
	/* A savepoint rolled back may have given back the lock under
	 * which the answers were read. */
	if (!kept && memo != NULL)
		memo->n = 0;
}

static int
memo_flush(struct dbconn *c)
{
	(void)c;
	return 0;	/* nothing to write */
}

static void
memo_end(void)
{
	free(memo);
	memo = NULL;
}

static const struct db_group_gather memo_gather = {
	memo_request_end, memo_flush, memo_end,
};

/* The memo of ctx's batch, made at the first question; NULL outside a
 * batch (or without memory: then every question is read). */
static struct memo *
memo_of(struct ctx *ctx)
{
	if (ctx->conn == NULL || db_group_gather(ctx->conn, &memo_gather) != 1)
		return NULL;
	if (memo != NULL && memo->conn != ctx->conn)
		memo->n = 0;	/* defensive: another batch's answers */
	if (memo == NULL && (memo = calloc(1, sizeof(*memo))) == NULL)
		return NULL;
	memo->conn = ctx->conn;
	return memo;
}

static struct memo_ent *
find(struct ctx *ctx, enum org_memo_q q, int64_t a, int64_t b)
{
	struct memo	*m;
	size_t		 i;

	if ((m = memo_of(ctx)) == NULL)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (m->e[i].q == q && m->e[i].tenant == ctx->tenant_id &&
		    m->e[i].a == a && m->e[i].b == b)
			return &m->e[i];
	return NULL;
}

/* A new entry for (q, a, b), or NULL when nothing is kept. */
static struct memo_ent *
add(struct ctx *ctx, enum org_memo_q q, int64_t a, int64_t b)
{
	struct memo	*m;
	struct memo_ent	*e;

	if ((m = memo_of(ctx)) == NULL || m->n == MEMO_MAX)
		return NULL;
	e = &m->e[m->n];
	memset(e, 0, sizeof(*e));
	e->q = q;
	e->tenant = ctx->tenant_id;
	e->a = a;
	e->b = b;
	return e;
}

int
org_memo_parent(struct ctx *ctx, int64_t id, int64_t *parent)
{
	struct memo_ent *e;

	if ((e = find(ctx, ORG_MEMO_PARENT, id, 0)) == NULL)
		return 0;
	*parent = e->v;
	return 1;
}

void
org_memo_parent_keep(struct ctx *ctx, int64_t id, int64_t parent)
{
	struct memo_ent *e;

	if ((e = add(ctx, ORG_MEMO_PARENT, id, 0)) == NULL)
		return;
	e->v = parent;
	memo->n++;
}

int
org_memo_holders(struct ctx *ctx, enum role role, int64_t unit_id,
    int64_t **ids, size_t *n)
{
	struct memo_ent	*e;
	int64_t		*v;

	if ((e = find(ctx, ORG_MEMO_HOLDERS, (int64_t)role, unit_id)) == NULL)
		return 0;
	/* A copy: callers filter their vector in place. */
	if ((v = arena_alloc(ctx->arena, (e->n ? e->n : 1) * sizeof(*v)))
	    == NULL)
		return 0;
	if (e->n > 0)
		memcpy(v, e->ids, e->n * sizeof(*v));
	*ids = e->n > 0 ? v : NULL;
	*n = e->n;
	return 1;
}

void
org_memo_holders_keep(struct ctx *ctx, enum role role, int64_t unit_id,
    const int64_t *ids, size_t n)
{
	struct memo_ent *e;

	if (n > MEMO_IDS ||
	    (e = add(ctx, ORG_MEMO_HOLDERS, (int64_t)role, unit_id)) == NULL)
		return;
	if (n > 0)
		memcpy(e->ids, ids, n * sizeof(*ids));
	e->n = n;
	memo->n++;
}

int
org_memo_kind(struct ctx *ctx, int64_t id, char *kind, size_t kindsz)
{
	struct memo_ent	*e;
	size_t		 len;

	if ((e = find(ctx, ORG_MEMO_KIND, id, 0)) == NULL)
		return 0;
	if ((len = strlen(e->text)) >= kindsz)
		return 0;
	memcpy(kind, e->text, len + 1);
	return 1;
}

void
org_memo_kind_keep(struct ctx *ctx, int64_t id, const char *kind)
{
	struct memo_ent	*e;
	size_t		 len = strlen(kind);

	if (len >= MEMO_TEXT || (e = add(ctx, ORG_MEMO_KIND, id, 0)) == NULL)
		return;
	memcpy(e->text, kind, len + 1);
	memo->n++;
}

int
org_memo_person(struct ctx *ctx, int64_t id, struct person *out)
{
	const char	**f[5];
	struct memo_ent	 *e;
	size_t		  i;

	if ((e = find(ctx, ORG_MEMO_PERSON, id, 0)) == NULL)
		return 0;
	*out = e->p;
	f[0] = &out->login;
	f[1] = &out->name;
	f[2] = &out->email;
	f[3] = &out->party;
	f[4] = &out->lang;
	for (i = 0; i < 5; i++) {
		*f[i] = NULL;
		if (e->has[i] &&
		    (*f[i] = arena_strdup(ctx->arena, e->text + e->off[i])) == NULL)
			return 0;
	}
	return 1;
}

void
org_memo_person_keep(struct ctx *ctx, const struct person *p)
{
	const char	*s[5];
	struct memo_ent	*e;
	size_t		 i, len, at = 0;

	s[0] = p->login;
	s[1] = p->name;
	s[2] = p->email;
	s[3] = p->party;
	s[4] = p->lang;
	if ((e = add(ctx, ORG_MEMO_PERSON, p->id, 0)) == NULL)
		return;
	for (i = 0; i < 5; i++) {
		if (s[i] == NULL)
			continue;
		if ((len = strlen(s[i])) >= MEMO_TEXT - at)
			return;		/* does not fit: not kept */
		memcpy(e->text + at, s[i], len + 1);
		e->off[i] = at;
		e->has[i] = 1;
		at += len + 1;
	}
	e->p = *p;
	e->p.login = e->p.name = e->p.email = e->p.party = e->p.lang = NULL;
	memo->n++;
}
