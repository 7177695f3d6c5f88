/* api/report/written.c: the tertial report's groups, written sections,
 * versions and approval as JSON, through the same gate as the pages
 * (report_do):
 *
 *   GET  /api/v1/reports/groups?area_id=
 *   POST /api/v1/reports/groups			group_create | group_update | group_remove
 *   GET  /api/v1/reports/tertial/sections?year=&tertial=&unit_id=
 *   POST /api/v1/reports/tertial/sections		section_save | approve
 *   GET  /api/v1/reports/tertial/versions?year=&tertial=&unit_id=&group_key=&section=
 */
#include <jansson.h>
#include <string.h>

#include "api/api.h"
#include "api/json.h"
#include "api/report/report_api.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "report/written.h"
#include "util/arena.h"
#include "util/num.h"

static json_t *
group_json(const struct rep_group *g)
{
	json_t	*ids = json_array();
	size_t	 i;

	for (i = 0; ids != NULL && i < g->nunits; i++)
		json_array_append_new(ids, json_integer(g->unit_ids[i]));
	return json_pack("{s:I, s:o, s:s, s:o, s:i, s:o}", "id", (json_int_t)g->id,
	    "area_id", g->area_id > 0 ? json_integer(g->area_id) : json_null(),
	    "name", g->name,
	    "unit_kind", g->unit_kind != NULL ? json_string(g->unit_kind) : json_null(),
	    "position", g->position, "unit_ids", ids != NULL ? ids : json_array());
}

static int
answer_fail(struct http_resp *resp, const struct rep_result *res)
{
	switch (res->outcome) {
	case REP_OK:
		return 0;
	case REP_NOT_FOUND:
		api_not_found(resp, _("No such report or group."));
		break;
	case REP_FORBIDDEN:
		api_forbidden(resp);
		break;
	case REP_INVALID:
		api_invalid_field(resp, res->field, res->why);
		break;
	case REP_CONFLICT:
		http_json_error(resp, 409, "conflict",
		    _("The report is approved: nothing can be changed."), NULL);
		break;
	case REP_FAILED:
		api_store_error(resp);
		break;
	}
	return -1;
}

int
api_gate_report_groups(struct http_req *req, struct http_resp *resp)
{
	if (report_right(req->ctx, REP_RIGHT_GROUPS_SOMEWHERE, 0))
		return 0;
	api_forbidden(resp);
	return -1;
}

int
api_gate_report_write(struct http_req *req, struct http_resp *resp)
{
	/* Anyone who may write some group's sections or approve a report;
	 * which group and report is the gate's question (report_do). */
	if (report_right(req->ctx, REP_RIGHT_WRITE_SOMEWHERE, 0))
		return 0;
	api_forbidden(resp);
	return -1;
}

void
api_report_groups(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct rep_group	*g;
	struct unit		 u;
	int64_t			 area = http_qint(req, RGL_AREA_ID, 0);
	size_t			 n, i;
	json_t			*arr;

	if (area != 0 && org_unit_get(ctx, area, &u) != 0) {
		http_json_error(resp, 400, "invalid_parameter",
		    arena_printf(ctx->arena, "area_id: %s", _("no such unit")), "area_id");
		return;
	}
	if (!report_right(ctx, REP_RIGHT_GROUPS_READ, area)) {
		api_forbidden(resp);
		return;
	}
	if (report_groups_list(ctx, area, &g, &n) != 0 || (arr = json_array()) == NULL) {
		api_store_error(resp);
		return;
	}
	for (i = 0; i < n; i++)
		json_array_append_new(arr, group_json(&g[i]));
	http_json(resp, 200, json_pack("{s:o, s:o}", "area_id",
	    area > 0 ? json_integer(area) : json_null(), "groups", arr));
}

void
api_report_groups_post(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct rep_input	 in;
	struct rep_result	 res;
	struct rep_group	 g;

	report_read(req->vals, RA_GROUP_CREATE, &in);
	if (in.action != RA_GROUP_CREATE && in.action != RA_GROUP_UPDATE &&
	    in.action != RA_GROUP_REMOVE)
		in.action = RA_MAX;
	report_do(ctx, &in, &res);
	if (answer_fail(resp, &res) != 0)
		return;
	if (in.action == RA_GROUP_REMOVE) {
		http_json(resp, 200, json_pack("{s:I, s:b}", "id", (json_int_t)res.id,
		    "removed", 1));
		return;
	}
	if (report_group_get(ctx, res.id, &g) != 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, in.action == RA_GROUP_CREATE ? 201 : 200, group_json(&g));
}

static json_t *
text_json(const struct rep_text *t)
{
	return json_pack("{s:s, s:s, s:b, s:i, s:o, s:o}",
	    "section", report_section_name(t->section), "body", t->body,
	    "ready", t->ready, "version", t->version,
	    "saved_at", api_time_json(t->updated_at),
	    "saved_by", api_str_json(t->updated_by));
}

void
api_report_sections(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct rep_key		 k;
	struct rep_numbers	 n;
	struct rep_approval	 a;
	struct rep_text		*t;
	size_t			 nt, i, j;
	json_t			*groups, *secs, *o;

	if (api_report_key(req, resp, &k) != 0 || api_report_numbers_for(req, resp, &k, 1, &n, &a) != 0)
		return;
	if (report_texts(ctx, &k, &t, &nt) != 0 || (groups = json_array()) == NULL) {
		api_store_error(resp);
		return;
	}
	for (i = 0; i < n.nrows; i++) {
		if (!report_row_right(ctx, REP_ROW_READ, k.area_id, &n.rows[i]))
			continue;
		if ((secs = json_array()) == NULL)
			break;
		for (j = 0; j < nt; j++)
			if (strcmp(t[j].group_key, n.rows[i].key) == 0)
				json_array_append_new(secs, text_json(&t[j]));
		json_array_append_new(groups, json_pack("{s:s, s:s, s:b, s:o}",
		    "key", n.rows[i].key, "name", n.rows[i].name, "writable",
		    a.approved_at == 0 && report_row_right(ctx, REP_ROW_WRITE,
		    k.area_id, &n.rows[i]), "sections", secs));
	}
	o = json_pack("{s:i, s:o, s:o, s:b, s:o, s:o, s:o}", "year", k.year,
	    "tertial", k.tertial > 0 ? json_integer(k.tertial) : json_null(),
	    "unit_id", k.area_id > 0 ? json_integer(k.area_id) : json_null(),
	    "approved", a.approved_at != 0,
	    "approved_at", api_time_json(a.approved_at),
	    "approved_by", a.approved_by != NULL ? json_string(a.approved_by) :
	    json_null(), "groups", groups);
	http_json(resp, 200, o);
}

void
api_report_sections_post(struct http_req *req, struct http_resp *resp)
{
	struct rep_input	in;
	struct rep_result	res;

	report_read(req->vals, RA_SECTION_SAVE, &in);
	if (in.action != RA_SECTION_SAVE && in.action != RA_APPROVE)
		in.action = RA_MAX;
	report_do(req->ctx, &in, &res);
	if (answer_fail(resp, &res) != 0)
		return;
	if (in.action == RA_APPROVE)
		http_json(resp, 200, json_pack("{s:b}", "approved", 1));
	else
		http_json(resp, 200, json_pack("{s:I, s:i, s:b}", "id",
		    (json_int_t)res.id, "version", res.version, "ready", in.ready));
}

void
api_report_versions(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct rep_key		 k;
	struct rep_numbers	 n;
	struct rep_approval	 a;
	struct rep_text		*v;
	const struct rep_row	*r = NULL;
	enum rep_section	 s;
	const char		*key = http_qtext(req, RVQ_GROUP_KEY);
	size_t			 nv, i;
	json_t			*arr;

	if (api_report_key(req, resp, &k) != 0 || api_report_numbers_for(req, resp, &k, 1, &n, &a) != 0)
		return;
	for (i = 0; key != NULL && i < n.nrows; i++)
		if (strcmp(n.rows[i].key, key) == 0)
			r = &n.rows[i];
	if (r == NULL || !report_row_right(ctx, REP_ROW_READ, k.area_id, r)) {
		http_json_error(resp, 400, "invalid_parameter",
		    arena_printf(ctx->arena, "group_key: %s",
		    _("No such group in this report.")), "group_key");
		return;
	}
	if (report_section_parse(http_qtext(req, RVQ_SECTION), &s) != 0) {
		http_json_error(resp, 400, "invalid_parameter",
		    arena_printf(ctx->arena, "section: %s",
		    _("Choose one of the four sections.")), "section");
		return;
	}
	if (report_text_versions(ctx, &k, r->key, s, &v, &nv) != 0 ||
	    (arr = json_array()) == NULL) {
		api_store_error(resp);
		return;
	}
	for (i = 0; i < nv; i++)
		json_array_append_new(arr, text_json(&v[i]));
	http_json(resp, 200, json_pack("{s:s, s:s, s:o}", "group_key", r->key,
	    "section", report_section_name(s), "versions", arr));
}
