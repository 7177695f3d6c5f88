/* coverage.c: read-confirmation coverage through the unit tree, and a
 * leader's reminder ("Påminn"). Coverage counts person x document pairs:
 * for every active person, the current documents that ask them to
 * confirm (documents.confirm_from > 0, applying to their home unit) and
 * how many of those they have confirmed (themselves or by a go-through).
 * A unit's numbers are the sum over everyone in its subtree; the people
 * directly in a unit are its leaves. Who may look at a unit is authz's
 * (AZ_DOC_COVERAGE on the unit: a leader their subtree, the quality
 * adviser every unit). Counted in C over one read of each table, so that
 * a page costs four statements whatever the size of the tree. */
#include "document/document.h"
#include "document/doc_int.h"

#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "org/org.h"
#include "org/tree.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/buf.h"

static const char SQL_DOCS[] =
    "SELECT d.id, d.all_units, d.code FROM documents d WHERE d.tenant_id = $1"
    " AND d.status = 'current' AND d.confirm_from > 0 ORDER BY d.id";
static const char SQL_UNITS[] =
    "SELECT du.document_id, du.unit_id FROM document_units du JOIN documents d"
    " ON d.tenant_id = du.tenant_id AND d.id = du.document_id"
    " WHERE du.tenant_id = $1 AND d.status = 'current' AND d.confirm_from > 0"
    " AND d.all_units = 0 ORDER BY du.document_id, du.unit_id";
static const char SQL_READS[] =
    "SELECT DISTINCT r.person_id, r.document_id FROM document_reads r"
    " JOIN documents d ON d.tenant_id = r.tenant_id AND d.id = r.document_id"
    " WHERE r.tenant_id = $1 AND d.status = 'current' AND d.confirm_from > 0"
    " AND r.version >= d.confirm_from ORDER BY r.person_id, r.document_id";

struct pair { int64_t a, b; };

/* Everything the counts are made of, in the arena. */
struct cov {
	struct unit	*units;
	size_t		 nu;
	struct org_tree	 tree;
	struct person	*people;
	size_t		 np;
	long		*pu;		/* each person's unit index, -1: none */
	int64_t		*doc;		/* documents asking, by id */
	int		*all;
	const char	**code;
	size_t		 nd;
	struct pair	*du;		/* (document, unit), by document */
	size_t		 ndu;
	struct pair	*rd;		/* (person, document) confirmed, sorted */
	size_t		 nrd;
	int		*asked, *done;	/* per person */
};

static int
cmp_pair(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* Rows of two integers into an arena array; for the documents (c not
 * NULL) their codes, the third column, alongside by index. */
static int
pairs(struct ctx *ctx, const char *sql, struct pair **out, size_t *n,
    struct cov *c)
{
	struct dbstmt	*st;
	struct pair	*v = NULL;
	const char	**code = NULL;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			size_t		 ncap = cap ? 2 * cap : 64;
			struct pair	*nv = arena_alloc(ctx->arena,
			    ncap * sizeof(*nv));
			const char	**nc = c == NULL ? NULL :
			    arena_alloc(ctx->arena, ncap * sizeof(*nc));

			if (nv == NULL || (c != NULL && nc == NULL)) {
				rc = DB_ERR;
				break;
			}
			if (*n > 0) {
				memcpy(nv, v, *n * sizeof(*v));
				if (c != NULL)
					memcpy(nc, code, *n * sizeof(*nc));
			}
			v = nv;
			code = nc;
			cap = ncap;
		}
		v[*n].a = db_col_int(st, 0);
		v[*n].b = db_col_int(st, 1);
		if (c != NULL)
			code[*n] = arena_strdup(ctx->arena, db_col_text(st, 2));
		(*n)++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	if (c != NULL)
		c->code = code;
	return 0;
}

static long
doc_index(const struct cov *c, int64_t id)
{
	size_t lo = 0, hi = c->nd;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->doc[mid] == id)
			return (long)mid;
		if (c->doc[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* 1 when document index di asks someone whose home unit is index ui. */
static int
applies(const struct cov *c, size_t di, long ui)
{
	struct pair	 key = { c->doc[di], 0 };
	size_t		 lo = 0, hi = c->ndu, i;

	if (c->all[di])
		return 1;
	if (ui < 0)
		return 0;
	while (lo < hi) {		/* the first pair of the document */
		size_t mid = (lo + hi) / 2;

		if (cmp_pair(&c->du[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < c->ndu && c->du[i].a == c->doc[di]; i++)
		if (org_tree_within(&c->tree, ui, c->du[i].b))
			return 1;
	return 0;
}

static int
confirmed(const struct cov *c, int64_t person, int64_t doc)
{
	struct pair key = { person, doc };

	if (c->nrd == 0)
		return 0;
	return bsearch(&key, c->rd, c->nrd, sizeof(key), cmp_pair) != NULL;
}

static int
cov_load(struct ctx *ctx, struct cov *c)
{
	struct pair	*dv, *byid;
	int		*unit_asked;
	size_t		 i, k;
	int		 rc;

	memset(c, 0, sizeof(*c));
	if ((rc = org_unit_list(ctx, &c->units, &c->nu)) != 0 ||
	    (rc = org_person_list(ctx, &c->people, &c->np)) != 0)
		return rc < 0 ? rc : DB_ERR;
	if (org_tree_build(ctx->arena, c->units, c->nu, &c->tree) != 0)
		return DB_ERR;
	if ((rc = pairs(ctx, SQL_DOCS, &dv, &c->nd, c)) != 0 ||
	    (rc = pairs(ctx, SQL_UNITS, &c->du, &c->ndu, NULL)) != 0 ||
	    (rc = pairs(ctx, SQL_READS, &c->rd, &c->nrd, NULL)) != 0)
		return rc;
	c->doc = arena_alloc(ctx->arena, (c->nd + 1) * sizeof(*c->doc));
	c->all = arena_alloc(ctx->arena, (c->nd + 1) * sizeof(*c->all));
	c->pu = arena_alloc(ctx->arena, (c->np + 1) * sizeof(*c->pu));
	c->asked = arena_alloc(ctx->arena, (c->np + 1) * sizeof(*c->asked));
	c->done = arena_alloc(ctx->arena, (c->np + 1) * sizeof(*c->done));
	unit_asked = arena_alloc(ctx->arena, (c->nu + 1) * sizeof(*unit_asked));
	if (c->doc == NULL || c->all == NULL || c->pu == NULL ||
	    c->asked == NULL || c->done == NULL || unit_asked == NULL)
		return DB_ERR;
	for (i = 0; i < c->nd; i++) {
		c->doc[i] = dv[i].a;
		c->all[i] = dv[i].b != 0;
	}
	/* The database sorts by its collation; the searches here want the
	 * numeric order of (person, document). */
	if (c->nrd > 0)
		qsort(c->rd, c->nrd, sizeof(*c->rd), cmp_pair);
	/* What a unit's people are asked, once per unit (index nu: none). */
	for (k = 0; k <= c->nu; k++) {
		unit_asked[k] = 0;
		for (i = 0; i < c->nd; i++)
			unit_asked[k] += applies(c, i, k < c->nu ? (long)k : -1);
	}
	for (i = 0; i < c->np; i++) {
		c->pu[i] = c->people[i].unit_id > 0 ?
		    org_tree_find(&c->tree, c->people[i].unit_id) : -1;
		c->asked[i] = c->done[i] = 0;
		if (!c->people[i].active)
			continue;
		c->asked[i] = unit_asked[c->pu[i] >= 0 ? (size_t)c->pu[i] : c->nu];
	}
	/* A confirmation counts where the document asks the person now. */
	if ((byid = arena_alloc(ctx->arena, (c->np + 1) * sizeof(*byid))) == NULL)
		return DB_ERR;
	for (i = 0; i < c->np; i++) {
		byid[i].a = c->people[i].id;
		byid[i].b = (int64_t)i;
	}
	if (c->np > 0)
		qsort(byid, c->np, sizeof(*byid), cmp_pair);
	for (i = 0; i < c->nrd; i++) {
		long		 di = doc_index(c, c->rd[i].b);
		struct pair	 key = { c->rd[i].a, 0 }, *p;
		size_t		 lo = 0, hi = c->np;

		while (lo < hi) {	/* ids are unique: the one with a */
			size_t mid = (lo + hi) / 2;

			if (byid[mid].a < key.a)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (di < 0 || lo == c->np || byid[lo].a != key.a)
			continue;
		p = &byid[lo];
		k = (size_t)p->b;
		if (c->people[k].active && applies(c, (size_t)di, c->pu[k]))
			c->done[k]++;
	}
	return 0;
}

/* 1 when person index pi belongs to unit_id's subtree. */
static int
within(const struct cov *c, size_t pi, int64_t unit_id)
{
	return c->pu[pi] >= 0 && org_tree_within(&c->tree, c->pu[pi], unit_id);
}

int
document_follows_units(struct ctx *ctx)
{
	struct unit	*u;
	size_t		 nu, k;

	if (ctx->user == NULL)
		return 0;
	/* A tenant-wide grant answers at once; else some unit of theirs. */
	if (authz_can(ctx, AZ_DOC_COVERAGE, 0))
		return 1;
	if (org_unit_list(ctx, &u, &nu) != 0)
		return DB_ERR;
	for (k = 0; k < nu; k++)
		if (authz_can(ctx, AZ_DOC_COVERAGE, u[k].id))
			return 1;
	return 0;
}

int
document_unit_coverage(struct ctx *ctx, int64_t unit_id, struct doc_cov *out)
{
	struct cov	 c;
	size_t		 i, k, n = 0;
	long		 ui = -1;
	int		 rc;

	memset(out, 0, sizeof(*out));
	/* Asked before anything is counted: a refusal costs nothing. */
	if (unit_id > 0 ? !authz_can(ctx, AZ_DOC_COVERAGE, unit_id) :
	    document_follows_units(ctx) != 1)
		return DOC_ERR_FORBIDDEN;
	if ((rc = cov_load(ctx, &c)) != 0)
		return rc;
	if (unit_id > 0 && (ui = org_tree_find(&c.tree, unit_id)) < 0)
		return DOC_ERR_NOTFOUND;
	out->unit_id = unit_id;
	out->parent_id = ui >= 0 ? c.units[ui].parent_id : 0;
	out->unit = ui >= 0 ? c.units[ui].name : NULL;
	out->rows = arena_alloc(ctx->arena, (c.nu + c.np + 1) *
	    sizeof(*out->rows));
	if (out->rows == NULL)
		return DB_ERR;
	/* The units one level down; at the top, the highest units ctx->user
	 * may follow. */
	for (k = 0; k < c.nu; k++) {
		struct doc_cov_row *r = &out->rows[n];
		int64_t up = c.units[k].parent_id;

		if (unit_id > 0 ? up != unit_id :
		    !authz_can(ctx, AZ_DOC_COVERAGE, c.units[k].id) ||
		    (up > 0 && authz_can(ctx, AZ_DOC_COVERAGE, up)))
			continue;
		memset(r, 0, sizeof(*r));
		r->unit_id = c.units[k].id;
		r->name = c.units[k].name;
		for (i = 0; i < c.np; i++)
			if (within(&c, i, r->unit_id)) {
				r->asked += c.asked[i];
				r->confirmed += c.done[i];
			}
		if (unit_id == 0) {
			out->asked += r->asked;
			out->confirmed += r->confirmed;
		}
		n++;
	}
	if (unit_id == 0 && n == 0)
		return DOC_ERR_FORBIDDEN;
	/* The people whose home is the unit itself: the leaves. */
	for (i = 0; unit_id > 0 && i < c.np; i++) {
		struct doc_cov_row *r = &out->rows[n];

		if (within(&c, i, unit_id)) {
			out->asked += c.asked[i];
			out->confirmed += c.done[i];
		}
		if (!c.people[i].active || c.people[i].unit_id != unit_id)
			continue;
		memset(r, 0, sizeof(*r));
		r->person_id = c.people[i].id;
		r->name = c.people[i].name;
		r->asked = c.asked[i];
		r->confirmed = c.done[i];
		n++;
	}
	out->n = n;
	return 0;
}

/* --- the reminder --------------------------------------------------------- */

static const char SQL_NUDGED[] =
    "SELECT COUNT(*) FROM document_nudges WHERE tenant_id = $1"
    " AND person_id = $2 AND at > $3";
static const char SQL_NUDGE[] =
    "INSERT INTO document_nudges (tenant_id, person_id, at, by_id)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, person_id)"
    " DO UPDATE SET at = excluded.at, by_id = excluded.by_id";

static int
nudged(struct ctx *ctx, int64_t person)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_NUDGED, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person);
	db_bind_int(st, 3, ctx->now - DOC_NUDGE_EVERY);
	rc = db_step(st);
	rc = rc == DB_ROW ? db_col_int(st, 0) > 0 : rc < 0 ? rc : DB_ERR;
	db_reset(st);
	return rc;
}

static int
nudge_mark(struct ctx *ctx, int64_t person)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_NUDGE, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person);
	db_bind_int(st, 3, ctx->now);
	db_bind_int(st, 4, ctx->user->id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : rc;
}

int
doc_tell_readers(struct ctx *ctx, int64_t doc_id)
{
	struct cov	c;
	int64_t		digest = ctx->mail_digest;
	size_t		i;
	long		di;
	int		rc, told = 0;

	if ((rc = cov_load(ctx, &c)) != 0)
		return rc;
	if ((di = doc_index(&c, doc_id)) < 0)
		return 0;	/* it asks nobody */
	/* Thousands of e-mails at once for one approval would be noise:
	 * the digest carries it, the start page says it at once. */
	ctx->mail_digest = ctx->now;
	for (i = 0; i < c.np; i++) {
		if (!c.people[i].active || !applies(&c, (size_t)di, c.pu[i]) ||
		    confirmed(&c, c.people[i].id, doc_id))
			continue;
		if ((rc = notify_send(ctx, c.people[i].id, 0, "doc_to_read",
		    c.code[di])) != 0)
			break;
		told++;
	}
	ctx->mail_digest = digest;
	return rc != 0 ? rc : told;
}

/* The IDs of what person index pi has still to confirm: "2128, 2102". */
static const char *
unread(struct ctx *ctx, const struct cov *c, size_t pi)
{
	struct buf	 b;
	const char	*s;
	size_t		 i;
	int		 shown = 0;

	buf_init(&b, 512);
	for (i = 0; i < c->nd; i++) {
		if (!applies(c, i, c->pu[pi]) ||
		    confirmed(c, c->people[pi].id, c->doc[i]))
			continue;
		if (shown == 8) {
			buf_puts(&b, ", ...");
			break;
		}
		if (shown++ > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, c->code[i]);
	}
	s = buf_failed(&b) ? "" : arena_strdup(ctx->arena, buf_cstr(&b));
	buf_free(&b);
	return s != NULL ? s : "";
}

static int
remind_in_tx(struct ctx *ctx, int64_t unit_id, int *sent)
{
	struct cov	c;
	size_t		i;
	int		rc;

	if ((rc = cov_load(ctx, &c)) != 0)
		return rc;
	if (org_tree_find(&c.tree, unit_id) < 0)
		return DOC_ERR_NOTFOUND;
	if (!authz_can(ctx, AZ_DOC_COVERAGE, unit_id))
		return DOC_ERR_FORBIDDEN;
	for (i = 0; i < c.np; i++) {
		if (!c.people[i].active || c.done[i] >= c.asked[i] ||
		    !within(&c, i, unit_id))
			continue;
		if ((rc = nudged(ctx, c.people[i].id)) < 0)
			return rc;
		if (rc == 1)
			continue;
		if ((rc = notify_send(ctx, c.people[i].id, 0, "doc_read_reminder",
		    unread(ctx, &c, i))) != 0 ||
		    (rc = nudge_mark(ctx, c.people[i].id)) != 0)
			return rc;
		(*sent)++;
	}
	return audit_append(ctx, "doc_remind", "unit", unit_id,
	    arena_printf(ctx->arena, "%d", *sent)) < 0 ? DB_ERR : 0;
}

int
document_remind(struct ctx *ctx, int64_t unit_id, struct doc_result *out)
{
	int rc, own, sent = 0;

	memset(out, 0, sizeof(*out));
	out->outcome = DOC_FAILED;
	if (ctx->user == NULL) {
		out->outcome = DOC_FORBIDDEN;
		return 0;
	}
	/* Someone who follows no unit learns nothing about which exist. */
	if (unit_id <= 0 || !authz_can(ctx, AZ_DOC_COVERAGE, unit_id)) {
		out->outcome = document_follows_units(ctx) != 1 ? DOC_FORBIDDEN :
		    unit_id <= 0 ? DOC_INVALID : DOC_FORBIDDEN;
		out->field = "unit_id";
		out->why = N_("Choose a unit from the list.");
		return 0;
	}
	if (db_tx_join(ctx->conn, &own) != 0)
		return 0;
	rc = remind_in_tx(ctx, unit_id, &sent);
	rc = db_tx_finish(ctx->conn, own, rc);
	out->outcome = rc == 0 ? DOC_OK : rc == DOC_ERR_NOTFOUND ? DOC_NOT_FOUND :
	    rc == DOC_ERR_FORBIDDEN ? DOC_FORBIDDEN : DOC_FAILED;
	out->id = sent;
	return 0;
}
