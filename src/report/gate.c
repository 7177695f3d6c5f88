/* gate.c: report_do, the one door every change to a report's groups,
 * written sections and approval goes through — the shape of deviation_do
 * (deviation/gate.c):
 *
 *	load -> access (authz: AZ_REPORT_GROUPS for the area's groups,
 *	authz_report_group_can for a group's sections, AZ_REPORT_APPROVE for
 *	approving) -> input -> transaction (change + audit row) -> rep_result
 *
 * Who may not take the report at all gets "not found"; only after the
 * access check is input checked, so a refused request learns nothing
 * from its body. An approved report is frozen: its sections refuse every
 * change (conflict). */
#include "report/written.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/text.h"

#define GATE_DENIED	-90
#define GATE_HIDDEN	-91

static const char SQL_GROUP_INSERT[] =
    "INSERT INTO report_groups (tenant_id, area_id, name, unit_kind, position,"
    " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
static const char SQL_GROUP_UPDATE[] =
    "UPDATE report_groups SET name = $3, unit_kind = $4, position = $5"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_GROUP_DELETE[] =
    "DELETE FROM report_groups WHERE tenant_id = $1 AND id = $2";
static const char SQL_UNITS_DELETE[] =
    "DELETE FROM report_group_units WHERE tenant_id = $1 AND group_id = $2";
static const char SQL_UNIT_INSERT[] =
    "INSERT INTO report_group_units (tenant_id, group_id, unit_id)"
    " VALUES ($1, $2, $3)";
static const char SQL_SECTION_ONE[] =
    "SELECT id, version FROM report_sections WHERE tenant_id = $1"
    " AND year = $2 AND tertial = $3 AND area_id = $4 AND group_key = $5"
    " AND section = $6";
static const char SQL_SECTION_INSERT[] =
    "INSERT INTO report_sections (tenant_id, year, tertial, area_id,"
    " group_key, section, body, ready, version, updated_by, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10) RETURNING id";
static const char SQL_SECTION_UPDATE[] =
    "UPDATE report_sections SET body = $3, ready = $4, version = $5,"
    " updated_by = $6, updated_at = $7 WHERE tenant_id = $1 AND id = $2";
static const char SQL_VERSION_INSERT[] =
    "INSERT INTO report_section_versions (tenant_id, section_id, version,"
    " body, ready, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_APPROVAL_INSERT[] =
    "INSERT INTO report_approvals (tenant_id, year, tertial, area_id, numbers,"
    " approved_by, approved_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/* What the user is told about a field: one sentence each, both faces. */
static const struct field_why field_why[] = {
	{ "action",	N_("Unknown action.") },
	{ "area_id",	N_("Choose an area from the list.") },
	{ "group_id",	N_("No such group.") },
	{ "name",	N_("Give the group a name (at most 200 characters).") },
	{ "unit_kind",	N_("Choose a kind of unit, or pick the units.") },
	{ "unit_ids",	N_("Pick units directly under the area, or choose a kind of unit.") },
	{ "year",	N_("must be a year from 2000 to 9998") },
	{ "tertial",	N_("must be 1, 2, 3 or year") },
	{ "group_key",	N_("No such group in this report.") },
	{ "section",	N_("Choose one of the four sections.") },
	{ "body",	N_("Write the section (at most 20,000 characters).") },
};

static int
invalid(struct rep_result *out, const char *field)
{
	out->field = field;
	out->why = field_why_of(field_why, sizeof(field_why) /
	    sizeof(field_why[0]), field);
	return REP_ERR_INVALID;
}

static int64_t
actor(const struct ctx *ctx)
{
	return ctx->user != NULL ? ctx->user->id : 0;
}


static int
prep(struct ctx *ctx, const char *sql, struct dbstmt **st)
{
	return db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, st);
}

/* --- groups --------------------------------------------------------------- */

/* The area's direct children: the units a group may gather. */
static int
is_child(const struct unit *units, size_t n, int64_t area_id, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (units[i].id == id)
			return area_id == 0 ? units[i].parent_id == 0 ||
			    (units[i].parent_id != 0 && units[i].depth == 1) :
			    units[i].parent_id == area_id;
	return 0;
}

/* "3,5,8" into ids (at most max); -1 when not such a list. */
static int
parse_ids(const char *s, int64_t *ids, size_t max, size_t *n)
{
	char		*end;
	long long	 v;

	*n = 0;
	while (s != NULL && *s != '\0') {
		while (*s == ' ' || *s == ',')
			s++;
		if (*s == '\0')
			break;
		v = strtoll(s, &end, 10);
		if (end == s || v <= 0 || *n == max)
			return -1;
		ids[(*n)++] = v;
		s = end;
		if (*s != '\0' && *s != ',' && *s != ' ')
			return -1;
	}
	return 0;
}

/* Check a group's input and write its name, kind or units. */
static int
group_write(struct ctx *ctx, int64_t area_id, int64_t id,
    const struct rep_input *in, struct rep_result *out)
{
	struct unit	*units;
	struct dbstmt	*st;
	int64_t		*ids;
	size_t		 nunits, nids, i;
	int		 rc;

	if (text_blank(in->name))
		return invalid(out, "name");
	if (org_unit_list(ctx, &units, &nunits) != 0 ||
	    (ids = arena_alloc(ctx->arena, (nunits + 1) * sizeof(*ids))) == NULL)
		return DB_ERR;
	if (!text_blank(in->unit_kind) && !org_unit_kind_valid(in->unit_kind))
		return invalid(out, "unit_kind");
	if (parse_ids(in->unit_ids, ids, nunits, &nids) != 0)
		return invalid(out, "unit_ids");
	if (text_blank(in->unit_kind) && nids == 0)
		return invalid(out, "unit_ids");
	for (i = 0; i < nids; i++)
		if (!is_child(units, nunits, area_id, ids[i]))
			return invalid(out, "unit_ids");
	if (id == 0) {
		if ((rc = prep(ctx, SQL_GROUP_INSERT, &st)) != DB_OK)
			return rc;
		if (area_id > 0)
			db_bind_int(st, 2, area_id);
		else
			db_bind_null(st, 2);
		db_bind_text(st, 3, in->name);
		db_bind_text(st, 4, text_blank(in->unit_kind) ? NULL : in->unit_kind);
		db_bind_int(st, 5, in->position);
		if (actor(ctx) > 0)
			db_bind_int(st, 6, actor(ctx));
		else
			db_bind_null(st, 6);
		db_bind_int(st, 7, ctx->now);
		if ((rc = db_run(st, &id)) != 0)
			return rc;
	} else {
		if ((rc = prep(ctx, SQL_GROUP_UPDATE, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, id);
		db_bind_text(st, 3, in->name);
		db_bind_text(st, 4, text_blank(in->unit_kind) ? NULL : in->unit_kind);
		db_bind_int(st, 5, in->position);
		if ((rc = db_run(st, NULL)) != 0)
			return rc;
	}
	if ((rc = prep(ctx, SQL_UNITS_DELETE, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	if ((rc = db_run(st, NULL)) != 0)
		return rc;
	/* A kind gathers the kind; picked units only without one. */
	for (i = 0; text_blank(in->unit_kind) && i < nids; i++) {
		if ((rc = prep(ctx, SQL_UNIT_INSERT, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, id);
		db_bind_int(st, 3, ids[i]);
		rc = db_run(st, NULL);
		if (rc == DB_CONSTRAINT)
			continue;	/* the same unit picked twice */
		if (rc != 0)
			return rc;
	}
	out->id = id;
	return 0;
}

static int
do_group(struct ctx *ctx, const struct rep_input *in, struct rep_result *out)
{
	struct rep_group	g;
	struct unit		u;
	struct dbstmt		*st;
	int64_t			 area = in->area_id;
	int			 rc;

	if (in->action != RA_GROUP_CREATE) {
		if ((rc = report_group_get(ctx, in->group_id, &g)) != 0)
			return rc == REP_ERR_NOTFOUND ? GATE_HIDDEN : rc;
		area = g.area_id;
	}
	if (!authz_can(ctx, AZ_REPORT_GROUPS, area))
		return authz_can(ctx, AZ_REPORT_VIEW, area) ? GATE_DENIED : GATE_HIDDEN;
	if (area != 0 && org_unit_get(ctx, area, &u) != 0)
		return invalid(out, "area_id");
	switch (in->action) {
	case RA_GROUP_CREATE:
		if ((rc = group_write(ctx, area, 0, in, out)) != 0)
			return rc;
		return audit_append(ctx, "report_group_created", "report_group",
		    out->id, in->name);
	case RA_GROUP_UPDATE:
		if ((rc = group_write(ctx, area, g.id, in, out)) != 0)
			return rc;
		return audit_append(ctx, "report_group_updated", "report_group",
		    out->id, in->name);
	default:
		if ((rc = prep(ctx, SQL_UNITS_DELETE, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, g.id);
		if ((rc = db_run(st, NULL)) != 0)
			return rc;
		if ((rc = prep(ctx, SQL_GROUP_DELETE, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, g.id);
		if ((rc = db_run(st, NULL)) != 0)
			return rc;
		out->id = g.id;
		return audit_append(ctx, "report_group_removed", "report_group",
		    g.id, g.name);
	}
}

/* --- sections and approval -------------------------------------------------- */

static int
key_of(const struct rep_input *in, struct rep_key *k, struct rep_result *out)
{
	struct rep_period p;

	if (report_period(in->year, in->tertial, &p) != 0)
		return invalid(out, in->year < 2000 ? "year" : "tertial");
	k->year = in->year;
	k->tertial = in->tertial;
	k->area_id = in->area_id;
	return 0;
}

/* The report's numbers as ctx->user sees them; GATE_HIDDEN when they may
 * take no part in it. */
static int
numbers(struct ctx *ctx, const struct rep_key *k, struct rep_numbers *n,
    struct rep_approval *a, struct rep_result *out)
{
	const char	*field;
	int		 rc;

	rc = report_numbers_for(ctx, k, 1, n, a, &field);
	if (rc == REP_ERR_FORBIDDEN)
		return GATE_HIDDEN;
	if (rc == REP_ERR_INVALID)
		return invalid(out, field != NULL && strcmp(field, "unit_id") == 0 ?
		    "area_id" : "year");
	return rc;
}

static int
do_section(struct ctx *ctx, const struct rep_input *in, struct rep_result *out)
{
	struct rep_key		 k;
	struct rep_numbers	 n;
	struct rep_approval	 a;
	struct dbstmt		*st;
	const struct rep_row	*row = NULL;
	enum rep_section	 sec;
	int64_t			 id = 0;
	size_t			 i;
	int			 rc, version = 0;

	if ((rc = key_of(in, &k, out)) != 0 || (rc = numbers(ctx, &k, &n, &a,
	    out)) != 0)
		return rc;
	for (i = 0; in->group_key != NULL && i < n.nrows; i++)
		if (strcmp(n.rows[i].key, in->group_key) == 0)
			row = &n.rows[i];
	if (row != NULL && !report_row_can(ctx, AZ_REPORT_WRITE, k.area_id, row))
		return GATE_DENIED;
	if (row == NULL)
		return invalid(out, "group_key");
	if (a.approved_at != 0)
		return REP_ERR_STATE;
	if (in->section == NULL || report_section_parse(in->section, &sec) != 0)
		return invalid(out, "section");
	if (in->body == NULL)
		return invalid(out, "body");
	if ((rc = prep(ctx, SQL_SECTION_ONE, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, k.year);
	db_bind_int(st, 3, k.tertial);
	db_bind_int(st, 4, k.area_id);
	db_bind_text(st, 5, row->key);
	db_bind_text(st, 6, report_section_name(sec));
	if ((rc = db_step(st)) == DB_ROW) {
		id = db_col_int(st, 0);
		version = (int)db_col_int(st, 1);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	version++;
	if (id == 0) {
		if ((rc = prep(ctx, SQL_SECTION_INSERT, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, k.year);
		db_bind_int(st, 3, k.tertial);
		db_bind_int(st, 4, k.area_id);
		db_bind_text(st, 5, row->key);
		db_bind_text(st, 6, report_section_name(sec));
		db_bind_text(st, 7, in->body);
		db_bind_int(st, 8, in->ready);
		db_bind_int(st, 9, actor(ctx));
		db_bind_int(st, 10, ctx->now);
		if ((rc = db_run(st, &id)) != 0)
			return rc;
	} else {
		if ((rc = prep(ctx, SQL_SECTION_UPDATE, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, id);
		db_bind_text(st, 3, in->body);
		db_bind_int(st, 4, in->ready);
		db_bind_int(st, 5, version);
		db_bind_int(st, 6, actor(ctx));
		db_bind_int(st, 7, ctx->now);
		if ((rc = db_run(st, NULL)) != 0)
			return rc;
	}
	if ((rc = prep(ctx, SQL_VERSION_INSERT, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, version);
	db_bind_text(st, 4, in->body);
	db_bind_int(st, 5, in->ready);
	db_bind_int(st, 6, actor(ctx));
	db_bind_int(st, 7, ctx->now);
	if ((rc = db_run(st, NULL)) != 0)
		return rc;
	out->id = id;
	out->version = version;
	/* The audit row names the section and version, never its text. */
	return audit_append(ctx, in->ready ? "report_section_ready" :
	    "report_section_saved", "report_section", id,
	    arena_printf(ctx->arena, "%d-T%d %s %s v%d", k.year, k.tertial,
	    row->key, report_section_name(sec), version));
}

static int
do_approve(struct ctx *ctx, const struct rep_input *in, struct rep_result *out)
{
	struct rep_key		 k;
	struct rep_numbers	 n;
	struct rep_approval	 a;
	struct dbstmt		*st;
	json_t			*j;
	char			*text;
	int			 rc;

	if ((rc = key_of(in, &k, out)) != 0)
		return rc;
	if (!authz_can(ctx, AZ_REPORT_APPROVE, k.area_id))
		return authz_can(ctx, AZ_REPORT_VIEW, k.area_id) ? GATE_DENIED :
		    GATE_HIDDEN;
	if ((rc = numbers(ctx, &k, &n, &a, out)) != 0)
		return rc;
	if (a.approved_at != 0)
		return REP_ERR_STATE;
	/* The numbers as approved, kept so that they do not move. */
	if ((j = report_numbers_json(&n)) == NULL)
		return DB_ERR;
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (text == NULL)
		return DB_ERR;
	if ((rc = prep(ctx, SQL_APPROVAL_INSERT, &st)) == DB_OK) {
		db_bind_int(st, 2, k.year);
		db_bind_int(st, 3, k.tertial);
		db_bind_int(st, 4, k.area_id);
		db_bind_text(st, 5, text);
		db_bind_int(st, 6, actor(ctx));
		db_bind_int(st, 7, ctx->now);
		rc = db_run(st, &out->id);
	}
	free(text);
	if (rc == DB_CONSTRAINT)
		return REP_ERR_STATE;
	if (rc != 0)
		return rc;
	return audit_append(ctx, "report_approved", "report", k.area_id,
	    arena_printf(ctx->arena, "%d-T%d", k.year, k.tertial));
}

static int
gate_in_tx(struct ctx *ctx, const struct rep_input *in, struct rep_result *out)
{
	switch (in->action) {
	case RA_GROUP_CREATE:
	case RA_GROUP_UPDATE:
	case RA_GROUP_REMOVE:
		return do_group(ctx, in, out);
	case RA_SECTION_SAVE:
		return do_section(ctx, in, out);
	case RA_APPROVE:
		return do_approve(ctx, in, out);
	default:
		return invalid(out, "action");
	}
}

void
report_do(struct ctx *ctx, const struct rep_input *in, struct rep_result *out)
{
	int rc, own;

	memset(out, 0, sizeof(*out));
	out->outcome = REP_FAILED;
	if (in == NULL || ctx->user == NULL)
		return;
	if (in->bad_field != NULL) {
		/* Refused by http/ already; still after no access check here,
		 * so a refused body is answered as the route's gate says. */
		(void)invalid(out, in->bad_field);
		out->outcome = REP_INVALID;
		return;
	}
	if (db_tx_join(ctx->conn, &own) != 0)
		return;
	rc = gate_in_tx(ctx, in, out);
	rc = db_tx_finish(ctx->conn, own, rc);
	switch (rc) {
	case 0:
		out->outcome = REP_OK;
		break;
	case REP_ERR_NOTFOUND:
	case GATE_HIDDEN:
		out->outcome = REP_NOT_FOUND;
		break;
	case GATE_DENIED:
		out->outcome = REP_FORBIDDEN;
		break;
	case REP_ERR_INVALID:
		out->outcome = REP_INVALID;
		break;
	case REP_ERR_STATE:
		out->outcome = REP_CONFLICT;
		break;
	default:
		out->outcome = REP_FAILED;
		break;
	}
}
