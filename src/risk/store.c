/* store.c: reading assessments, risks, their reviews and tied deviations.
 * Writes are the gate's (gate.c). Names of units and people come from
 * org/ and of deviations from deviation/, by their functions. */
#include "risk/risk.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "org/org.h"
#include "risk/risk_int.h"
#include "store/store.h"
#include "util/arena.h"

#define RA_COLS \
    "a.id, a.unit_id, a.title, a.scope_kind, a.scope_id, a.scope_text," \
    " a.assessed_on, a.participants, a.review_due, a.created_at," \
    " (SELECT COUNT(*) FROM risks r WHERE r.tenant_id = a.tenant_id" \
    " AND r.assessment_id = a.id)"
static const char SQL_RA_ONE[] =
    "SELECT " RA_COLS " FROM risk_assessments a"
    " WHERE a.tenant_id = $1 AND a.id = $2";
static const char SQL_RA_ALL[] =
    "SELECT " RA_COLS " FROM risk_assessments a WHERE a.tenant_id = $1"
    " ORDER BY a.assessed_on DESC, a.id DESC";

#define RISK_COLS \
    "r.id, r.assessment_id, a.unit_id, r.description, r.cause," \
    " r.consequence, r.barriers, r.probability, r.impact," \
    " r.res_probability, r.res_impact, r.reviewed_at, r.review_deviations," \
    " r.created_at"
static const char SQL_RISK_ONE[] =
    "SELECT " RISK_COLS " FROM risks r JOIN risk_assessments a"
    " ON a.id = r.assessment_id AND a.tenant_id = r.tenant_id"
    " WHERE r.tenant_id = $1 AND r.id = $2";
static const char SQL_RISK_OF[] =
    "SELECT " RISK_COLS " FROM risks r JOIN risk_assessments a"
    " ON a.id = r.assessment_id AND a.tenant_id = r.tenant_id"
    " WHERE r.tenant_id = $1 AND r.assessment_id = $2 ORDER BY r.id";
static const char SQL_RISK_ALL[] =
    "SELECT " RISK_COLS " FROM risks r JOIN risk_assessments a"
    " ON a.id = r.assessment_id AND a.tenant_id = r.tenant_id"
    " WHERE r.tenant_id = $1 ORDER BY r.id";
static const char SQL_REVIEWS[] =
    "SELECT at, by_id, no_change, probability, impact, res_probability,"
    " res_impact, note FROM risk_reviews WHERE tenant_id = $1"
    " AND risk_id = $2 ORDER BY at DESC, id DESC";
static const char SQL_LINKS[] =
    "SELECT deviation_id FROM risk_deviations WHERE tenant_id = $1"
    " AND risk_id = $2 ORDER BY id";

static const char *const scope_names[RSC_MAX] = {
	[RSC_UNIT]	= "unit",
	[RSC_PROCESS]	= "process",
	[RSC_DOCUMENT]	= "document",
	[RSC_OTHER]	= "other",
};

const char *
risk_scope_name(enum risk_scope s)
{
	return (int)s >= 0 && s < RSC_MAX ? scope_names[s] : "";
}

int
risk_scope_parse(const char *s, enum risk_scope *out)
{
	int i;

	for (i = 0; s != NULL && i < RSC_MAX; i++)
		if (strcmp(scope_names[i], s) == 0) {
			*out = (enum risk_scope)i;
			return 0;
		}
	return -1;
}


const char *
risk_opt_text(struct ctx *ctx, struct dbstmt *st, int col)
{
	return db_col_is_null(st, col) ? NULL :
	    arena_strdup(ctx->arena, db_col_text(st, col));
}

static int64_t
opt_int(struct dbstmt *st, int col)
{
	return db_col_is_null(st, col) ? 0 : db_col_int(st, col);
}

static int
ra_fill(struct ctx *ctx, struct dbstmt *st, struct risk_assessment *a)
{
	enum risk_scope s = RSC_OTHER;

	memset(a, 0, sizeof(*a));
	a->id = db_col_int(st, 0);
	a->unit_id = db_col_int(st, 1);
	a->title = arena_strdup(ctx->arena, db_col_text(st, 2));
	(void)risk_scope_parse(db_col_text(st, 3), &s);
	a->scope = s;
	a->scope_id = opt_int(st, 4);
	a->scope_text = risk_opt_text(ctx, st, 5);
	a->assessed_on = db_col_int(st, 6);
	a->participants = risk_opt_text(ctx, st, 7);
	a->review_due = opt_int(st, 8);
	a->created_at = db_col_int(st, 9);
	a->nrisks = (int)db_col_int(st, 10);
	return a->title == NULL ? DB_ERR : 0;
}

/* The unit names, after the statement is done. */
static int
ra_names(struct ctx *ctx, struct risk_assessment *v, size_t n)
{
	struct unit	u;
	size_t		i;

	for (i = 0; i < n; i++)
		v[i].unit_name = org_unit_get(ctx, v[i].unit_id, &u) == 0 ?
		    u.name : "";
	return 0;
}

int
risk_assessment_get(struct ctx *ctx, int64_t id, struct risk_assessment *a)
{
	struct dbstmt	*st;
	int		 rc;

	memset(a, 0, sizeof(*a));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RA_ONE, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = ra_fill(ctx, st, a);
	else
		rc = rc == DB_DONE ? RISK_ERR_NOTFOUND : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	return rc == 0 ? ra_names(ctx, a, 1) : rc;
}

int
risk_assessment_list(struct ctx *ctx, int64_t unit_id,
    struct risk_assessment **out, size_t *n)
{
	struct dbstmt		*st;
	struct risk_assessment	*v = NULL, a;
	size_t			 len = 0, cap = 0, i, keep = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RA_ALL, &st))
	    != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if ((rc = ra_fill(ctx, st, &a)) != 0)
			break;
		if (!risk_can(ctx, a.unit_id, 0))
			continue;
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		v[len++] = a;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	/* The subtree after the statement is done, as risk_list's. */
	for (i = 0; i < len; i++)
		if (unit_id <= 0 || v[i].unit_id == unit_id ||
		    org_unit_within(ctx, v[i].unit_id, unit_id))
			v[keep++] = v[i];
	*out = v;
	*n = keep;
	return ra_names(ctx, v, keep);
}

static int
risk_fill(struct ctx *ctx, struct dbstmt *st, struct risk *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->assessment_id = db_col_int(st, 1);
	r->unit_id = db_col_int(st, 2);
	r->description = arena_strdup(ctx->arena, db_col_text(st, 3));
	r->cause = risk_opt_text(ctx, st, 4);
	r->consequence = risk_opt_text(ctx, st, 5);
	r->barriers = risk_opt_text(ctx, st, 6);
	r->probability = (int)db_col_int(st, 7);
	r->impact = (int)db_col_int(st, 8);
	r->res_probability = (int)opt_int(st, 9);
	r->res_impact = (int)opt_int(st, 10);
	r->reviewed_at = opt_int(st, 11);
	r->review_deviations = (int)opt_int(st, 12);
	r->created_at = db_col_int(st, 13);
	return r->description == NULL ? DB_ERR : 0;
}

int
risk_get(struct ctx *ctx, int64_t id, struct risk *r)
{
	struct dbstmt	*st;
	int		 rc;

	memset(r, 0, sizeof(*r));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_RISK_ONE,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = risk_fill(ctx, st, r);
	else
		rc = rc == DB_DONE ? RISK_ERR_NOTFOUND : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	return rc;
}

int
risk_list(struct ctx *ctx, int64_t assessment_id, int64_t unit_id,
    struct risk **out, size_t *n)
{
	struct dbstmt	*st;
	struct risk	*v = NULL, r;
	size_t		 len = 0, cap = 0, i, keep = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    assessment_id > 0 ? SQL_RISK_OF : SQL_RISK_ALL, &st)) != DB_OK)
		return rc;
	if (assessment_id > 0)
		db_bind_int(st, 2, assessment_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if ((rc = risk_fill(ctx, st, &r)) != 0)
			break;
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		v[len++] = r;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if (assessment_id <= 0)
		/* The subtree and access, after the statement is done. */
		for (i = 0; i < len; i++) {
			if (unit_id > 0 && v[i].unit_id != unit_id &&
			    !org_unit_within(ctx, v[i].unit_id, unit_id))
				continue;
			if (!risk_can(ctx, v[i].unit_id, 0))
				continue;
			v[keep++] = v[i];
		}
	else
		keep = len;
	*out = v;
	*n = keep;
	return 0;
}

void
risk_matrix_count(const struct risk *v, size_t n, struct risk_matrix *m)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < n; i++) {
		if (v[i].probability < 1 || v[i].probability > RISK_SCALE ||
		    v[i].impact < 1 || v[i].impact > RISK_SCALE)
			continue;
		m->cell[v[i].probability - 1][v[i].impact - 1]++;
		m->total++;
	}
}

int
risk_reviews(struct ctx *ctx, int64_t risk_id, struct risk_review **out,
    size_t *n)
{
	struct dbstmt		*st;
	struct risk_review	*v = NULL, *r;
	int64_t			*by = NULL;
	size_t			 len = 0, cap = 0, bcap = 0, blen = 0, i;
	struct person		 p;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_REVIEWS,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, risk_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v)) != 0 ||
		    arena_grow(ctx->arena, (void **)&by, blen, &bcap, sizeof(*by))
		    != 0) {
			rc = DB_ERR;
			break;
		}
		r = &v[len++];
		memset(r, 0, sizeof(*r));
		r->at = db_col_int(st, 0);
		by[blen++] = opt_int(st, 1);
		r->no_change = (int)db_col_int(st, 2);
		r->probability = (int)db_col_int(st, 3);
		r->impact = (int)db_col_int(st, 4);
		r->res_probability = (int)opt_int(st, 5);
		r->res_impact = (int)opt_int(st, 6);
		r->note = risk_opt_text(ctx, st, 7);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < len; i++)
		v[i].by_name = by[i] > 0 && org_person_get(ctx, by[i], &p) == 0 ?
		    p.name : NULL;
	*out = v;
	*n = len;
	return 0;
}

int
risk_ids(struct ctx *ctx, const char *sql, int64_t arg, int64_t **ids,
    size_t *n)
{
	struct dbstmt	*st;
	int64_t		*v = NULL;
	size_t		 len = 0, cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, arg);
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap, sizeof(*v))
		    != 0) {
			rc = DB_ERR;
			break;
		}
		v[len++] = db_col_int(st, 0);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*ids = v;
	*n = len;
	return 0;
}

int
risk_deviations(struct ctx *ctx, int64_t risk_id, struct risk_dev_link **out,
    size_t *n)
{
	struct risk_dev_link	*v = NULL;
	struct deviation	 d;
	int64_t			*ids = NULL;
	size_t			 len = 0, i, keep = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = risk_ids(ctx, SQL_LINKS, risk_id, &ids, &len)) != 0)
		return rc;
	if (len > 0 && (v = arena_alloc(ctx->arena, len * sizeof(*v))) == NULL)
		return DB_ERR;
	for (i = 0; i < len; i++) {
		if ((rc = deviation_get(ctx, ids[i], &d)) != 0) {
			if (rc == DEV_ERR_NOTFOUND)
				continue;
			return rc;
		}
		v[keep].deviation_id = d.id;
		/* The title only to those who may see the deviation. */
		v[keep].number = d.number;
		v[keep].title = authz_dev_can(ctx, AZ_DEV_VIEW, &d) ? d.title :
		    NULL;
		v[keep].reported_at = d.reported_at;
		keep++;
	}
	*out = v;
	*n = keep;
	return 0;
}

int
risk_can(struct ctx *ctx, int64_t unit_id, int manage)
{
	return authz_can(ctx, manage ? AZ_RISK_MANAGE : AZ_RISK_VIEW, unit_id);
}

int
risk_measure_subject(struct ctx *ctx, int64_t id, struct my_measure *m)
{
	struct risk	r;
	int		rc;

	if ((rc = risk_get(ctx, id, &r)) != 0)
		return rc == RISK_ERR_NOTFOUND ? MEASURE_ERR_NOTFOUND : rc;
	m->number = arena_printf(ctx->arena, "ROS %lld",
	    (long long)r.assessment_id);
	m->title = r.description;
	m->href = arena_printf(ctx->arena, "/risks/%lld", (long long)id);
	return m->number == NULL || m->href == NULL ? -1 : 1;
}

int
risk_measure_unit(struct ctx *ctx, int64_t id, int64_t *unit_id)
{
	struct risk	r;
	int		rc;

	*unit_id = 0;
	if ((rc = risk_get(ctx, id, &r)) != 0)
		return rc == RISK_ERR_NOTFOUND ? MEASURE_ERR_NOTFOUND : rc;
	*unit_id = r.unit_id;
	return 0;
}
