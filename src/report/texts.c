/* texts.c: reading the written sections, their versions and a report's
 * approval (written.h), and the numbers a report shows: frozen at
 * approval, else counted now. Writes are the gate's (gate.c). */
#include "report/written.h"

#include <jansson.h>
#include <string.h>
#include <time.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/text.h"

static const char SQL_TEXTS[] =
    "SELECT id, group_key, section, body, ready, version, updated_at,"
    " updated_by FROM report_sections WHERE tenant_id = $1 AND year = $2"
    " AND tertial = $3 AND area_id = $4 ORDER BY id";
static const char SQL_VERSIONS[] =
    "SELECT v.section_id, s.group_key, s.section, v.body, v.ready, v.version,"
    " v.saved_at, v.saved_by FROM report_section_versions v"
    " JOIN report_sections s ON s.tenant_id = v.tenant_id AND s.id = v.section_id"
    " WHERE v.tenant_id = $1 AND s.year = $2 AND s.tertial = $3"
    " AND s.area_id = $4 AND s.group_key = $5 AND s.section = $6"
    " ORDER BY v.version DESC";
static const char SQL_APPROVAL[] =
    "SELECT approved_at, approved_by, numbers FROM report_approvals"
    " WHERE tenant_id = $1 AND year = $2 AND tertial = $3 AND area_id = $4";

static const char *const section_names[RS_MAX] = {
	[RS_CAUSES]		= "causes",
	[RS_CONSEQUENCES]	= "consequences",
	[RS_HANDLING]		= "handling",
	[RS_PATTERNS]		= "patterns",
};
static const char *const section_titles[RS_MAX] = {
	[RS_CAUSES]		= N_("Causes of deviations"),
	[RS_CONSEQUENCES]	= N_("Consequences of deviations"),
	[RS_HANDLING]		= N_("Handling and measures"),
	[RS_PATTERNS]		= N_("Patterns and trends"),
};

const char *
report_section_name(enum rep_section s)
{
	return (int)s >= 0 && s < RS_MAX ? section_names[s] : "";
}

const char *
report_section_title(enum rep_section s)
{
	return (int)s >= 0 && s < RS_MAX ? _(section_titles[s]) : "";
}

int
report_section_parse(const char *s, enum rep_section *out)
{
	int i = text_index(section_names, RS_MAX, s);

	if (i < 0)
		return -1;
	*out = (enum rep_section)i;
	return 0;
}

static void
bind_key(struct dbstmt *st, const struct rep_key *k)
{
	db_bind_int(st, 2, k->year);
	db_bind_int(st, 3, k->tertial);
	db_bind_int(st, 4, k->area_id);
}

/* Who saved: a name looked up once the statement is done. */
static void
names(struct ctx *ctx, struct rep_text *v, const int64_t *by, size_t n)
{
	struct person	p;
	size_t		i;

	for (i = 0; i < n; i++)
		v[i].updated_by = by[i] > 0 && org_person_get(ctx, by[i], &p) == 0 ?
		    p.name : NULL;
}

static int
texts(struct ctx *ctx, const char *sql, const struct rep_key *k,
    const char *group_key, const char *section, struct rep_text **out,
    size_t *n)
{
	struct dbstmt	*st;
	struct rep_text	*v, *nv;
	int64_t		*by, *nby;
	size_t		 cap = 16;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((v = arena_alloc(ctx->arena, cap * sizeof(*v))) == NULL ||
	    (by = arena_alloc(ctx->arena, cap * sizeof(*by))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	bind_key(st, k);
	if (group_key != NULL) {
		db_bind_text(st, 5, group_key);
		db_bind_text(st, 6, section);
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			nv = arena_alloc(ctx->arena, 2 * cap * sizeof(*v));
			nby = arena_alloc(ctx->arena, 2 * cap * sizeof(*by));
			if (nv == NULL || nby == NULL) {
				rc = DB_ERR;
				break;
			}
			memcpy(nv, v, cap * sizeof(*v));
			memcpy(nby, by, cap * sizeof(*by));
			v = nv;
			by = nby;
			cap *= 2;
		}
		memset(&v[*n], 0, sizeof(v[*n]));
		v[*n].id = db_col_int(st, 0);
		v[*n].group_key = arena_strdup(ctx->arena, db_col_text(st, 1));
		(void)report_section_parse(db_col_text(st, 2), &v[*n].section);
		v[*n].body = arena_strdup(ctx->arena, db_col_text(st, 3));
		v[*n].ready = db_col_int(st, 4) != 0;
		v[*n].version = (int)db_col_int(st, 5);
		v[*n].updated_at = db_col_int(st, 6);
		by[*n] = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
		if (v[*n].group_key == NULL || v[*n].body == NULL) {
			rc = DB_ERR;
			break;
		}
		(*n)++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	names(ctx, v, by, *n);
	*out = v;
	return 0;
}

int
report_texts(struct ctx *ctx, const struct rep_key *k, struct rep_text **out,
    size_t *n)
{
	return texts(ctx, SQL_TEXTS, k, NULL, NULL, out, n);
}

int
report_text_versions(struct ctx *ctx, const struct rep_key *k,
    const char *group_key, enum rep_section s, struct rep_text **out,
    size_t *n)
{
	return texts(ctx, SQL_VERSIONS, k, group_key, report_section_name(s),
	    out, n);
}

int
report_approval_get(struct ctx *ctx, const struct rep_key *k,
    struct rep_approval *out)
{
	struct dbstmt	*st;
	struct person	 p;
	int64_t		 by = 0;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_APPROVAL,
	    &st)) != DB_OK)
		return rc;
	bind_key(st, k);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->approved_at = db_col_int(st, 0);
		by = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
		out->numbers = arena_strdup(ctx->arena, db_col_text(st, 2));
		rc = out->numbers != NULL ? DB_DONE : DB_ERR;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if (out->approved_at != 0)
		out->approved_by = by > 0 && org_person_get(ctx, by, &p) == 0 ?
		    p.name : "";
	return 0;
}

int
report_row_can(struct ctx *ctx, int action, int64_t area_id,
    const struct rep_row *r)
{
	return authz_report_group_can(ctx, (enum az_action)action, area_id,
	    r->unit_ids, r->nunits);
}

/* --- the numbers back from their JSON ----------------------------------- */

static const char *
jstr(struct ctx *ctx, json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? arena_strdup(ctx->arena, s) : NULL;
}

static int64_t
jint(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
}

static int
row_from(struct ctx *ctx, const struct rep_numbers *n, json_t *o,
    struct rep_row *r)
{
	json_t	*cats = json_object_get(o, "by_category"),
		*last = json_object_get(o, "last_year"),
		*ids = json_object_get(o, "unit_ids"), *med;
	size_t	 i;

	memset(r, 0, sizeof(*r));
	r->name = jstr(ctx, o, "name");
	r->key = jstr(ctx, o, "key");
	r->unit_id = jint(o, "unit_id") > 0 ? jint(o, "unit_id") : 0;
	r->kind = jstr(ctx, o, "unit_kind");
	r->deviations = jint(o, "deviations");
	r->improvements = jint(o, "improvements");
	r->open = jint(o, "open");
	r->closed = jint(o, "closed");
	r->last_deviations = jint(last, "deviations");
	r->last_improvements = jint(last, "improvements");
	med = json_object_get(o, "median_days_to_close");
	r->median_days = json_is_number(med) ? json_number_value(med) : -1;
	r->p90_days = jint(o, "p90_days_to_close");
	if (r->name == NULL || r->key == NULL ||
	    (r->by_cat = arena_alloc(ctx->arena, (n->ncat + 1) *
	    sizeof(int64_t))) == NULL || (r->unit_ids = arena_alloc(ctx->arena,
	    (json_array_size(ids) + 1) * sizeof(int64_t))) == NULL)
		return -1;
	for (i = 0; i < n->ncat; i++) {
		json_t *c = json_object_get(cats, n->cats[i].code);

		r->by_cat[i] = json_is_integer(c) ? (int64_t)json_integer_value(c) : 0;
	}
	for (i = 0; i < json_array_size(ids); i++)
		r->unit_ids[r->nunits++] = (int64_t)json_integer_value(
		    json_array_get(ids, i));
	return 0;
}

int
report_numbers_from_json(struct ctx *ctx, const char *text,
    struct rep_numbers *n)
{
	json_t	*o, *cats, *groups, *c;
	size_t	 i;
	int	 rc = -1;

	memset(n, 0, sizeof(*n));
	if ((o = json_loads(text, 0, NULL)) == NULL)
		return -1;
	cats = json_object_get(o, "categories");
	groups = json_object_get(o, "groups");
	n->period.year = (int)jint(o, "year");
	n->period.tertial = jint(o, "tertial") > 0 ? (int)jint(o, "tertial") : 0;
	if (report_period(n->period.year, n->period.tertial, &n->period) != 0 ||
	    report_period(n->period.year - 1, n->period.tertial, &n->last) != 0)
		goto out;
	n->area_id = jint(o, "unit_id") > 0 ? jint(o, "unit_id") : 0;
	n->area_name = jstr(ctx, o, "area");
	n->tenant_name = jstr(ctx, o, "municipality");
	n->derived = json_is_true(json_object_get(o, "groups_derived"));
	n->frozen = 1;
	n->ncat = json_array_size(cats);
	n->nrows = json_array_size(groups);
	if ((n->cats = arena_alloc(ctx->arena, (n->ncat + 1) *
	    sizeof(*n->cats))) == NULL || (n->rows = arena_alloc(ctx->arena,
	    (n->nrows + 1) * sizeof(*n->rows))) == NULL)
		goto out;
	memset(n->cats, 0, (n->ncat + 1) * sizeof(*n->cats));
	for (i = 0; i < n->ncat; i++) {
		c = json_array_get(cats, i);
		n->cats[i].code = jstr(ctx, c, "code");
		n->cats[i].name = jstr(ctx, c, "name");
		if (n->cats[i].code == NULL || n->cats[i].name == NULL)
			goto out;
	}
	for (i = 0; i < n->nrows; i++)
		if (row_from(ctx, n, json_array_get(groups, i), &n->rows[i]) != 0)
			goto out;
	if (row_from(ctx, n, json_object_get(o, "total"), &n->total) != 0)
		goto out;
	n->total.name = _("Total");
	rc = 0;
out:
	json_decref(o);
	return rc;
}

int
report_numbers_for(struct ctx *ctx, const struct rep_key *k, int writer,
    struct rep_numbers *out, struct rep_approval *appr, const char **field)
{
	struct rep_period	p;
	int			rc;

	*field = NULL;
	if (report_period(k->year, k->tertial, &p) != 0) {
		*field = "year";
		return REP_ERR_INVALID;
	}
	/* Counted now first: it checks the area and ctx->user's access the
	 * same way whether or not the report is approved. */
	if ((rc = report_numbers_as(ctx, k->area_id, &p, writer, out, field)) != 0)
		return rc;
	if ((rc = report_approval_get(ctx, k, appr)) != 0)
		return rc;
	if (appr->approved_at != 0 &&
	    report_numbers_from_json(ctx, appr->numbers, out) != 0)
		return DB_ERR;
	/* A writer's view of an approved report: the frozen numbers of the
	 * groups they write for only. */
	if (appr->approved_at != 0 && !authz_can(ctx, AZ_REPORT_VIEW, k->area_id))
		return REP_ERR_FORBIDDEN;
	return 0;
}

/* "06.12.2026", the local day of t. */
static const char *
day_text(struct ctx *ctx, int64_t t)
{
	struct tm	tm;
	char		s[16];

	if (date_local(t, &tm) != 0 || strftime(s, sizeof(s), "%d.%m.%Y", &tm) == 0)
		return "";
	return arena_strdup(ctx->arena, s);
}

int
report_written_for(struct ctx *ctx, const struct rep_key *k,
    const struct rep_numbers *n, const struct rep_approval *a,
    struct rep_written *out)
{
	struct rep_written_text	*v;
	struct rep_text		*t;
	size_t			 nt, i, j;
	int			 s, rc;

	memset(out, 0, sizeof(*out));
	if ((rc = report_texts(ctx, k, &t, &nt)) != 0)
		return rc;
	if ((v = arena_alloc(ctx->arena, (nt + 1) * sizeof(*v))) == NULL)
		return DB_ERR;
	for (s = 0; s < RS_MAX; s++)
		out->section_titles[s] = report_section_title((enum rep_section)s);
	out->nsections = RS_MAX;
	/* In the order of the sections, then of the report's groups; only
	 * the groups of this report (a text of a removed group stays out). */
	for (s = 0; s < RS_MAX; s++)
		for (i = 0; i < n->nrows; i++)
			for (j = 0; j < nt; j++)
				if ((int)t[j].section == s &&
				    strcmp(t[j].group_key, n->rows[i].key) == 0) {
					v[out->n].section = (size_t)s;
					v[out->n].group = n->rows[i].name;
					v[out->n].body = t[j].body;
					v[out->n].ready = t[j].ready;
					out->n++;
				}
	out->v = v;
	out->draft_mark = arena_printf(ctx->arena, " (%s)", _("draft"));
	if (a->approved_at != 0)
		out->approved = arena_printf(ctx->arena, _("Approved %s by %s"),
		    day_text(ctx, a->approved_at), a->approved_by);
	return 0;
}
