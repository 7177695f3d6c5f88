/* json.c: the report's numbers as JSON (report_numbers_json). */
#include "report/report.h"

#include <jansson.h>

#include "deviation/deviation.h"
#include "util/date.h"

static json_t *
days_json(double median)
{
	return median < 0 ? json_null() : json_real(median);
}

static json_t *
row_json(const struct rep_numbers *n, const struct rep_row *r)
{
	json_t	*cats, *o, *ids;
	size_t	 i;

	if ((cats = json_object()) == NULL)
		return NULL;
	for (i = 0; i < n->ncat; i++)
		json_object_set_new(cats, n->cats[i].code,
		    json_integer(r->by_cat[i]));
	o = json_pack("{s:s, s:s, s:o, s:o, s:I, s:I, s:I, s:I, s:o, s:{s:I, s:I}, s:o, s:o}",
	    "name", r->name != NULL ? r->name : "",
	    "key", r->key != NULL ? r->key : "",
	    "unit_id", r->unit_id > 0 ? json_integer(r->unit_id) : json_null(),
	    "unit_kind", r->kind != NULL ? json_string(r->kind) : json_null(),
	    "deviations", (json_int_t)r->deviations,
	    "improvements", (json_int_t)r->improvements,
	    "open", (json_int_t)r->open,
	    "closed", (json_int_t)r->closed,
	    "by_category", cats,
	    "last_year",
	    "deviations", (json_int_t)r->last_deviations,
	    "improvements", (json_int_t)r->last_improvements,
	    "median_days_to_close", days_json(r->median_days),
	    "p90_days_to_close", r->p90_days < 0 ? json_null() :
	    json_integer(r->p90_days));
	/* The units the group gathers: who may write its sections. */
	if (o != NULL && (ids = json_array()) != NULL) {
		for (i = 0; i < r->nunits; i++)
			json_array_append_new(ids, json_integer(r->unit_ids[i]));
		json_object_set_new(o, "unit_ids", ids);
	}
	return o;
}

json_t *
report_numbers_json(const struct rep_numbers *n)
{
	json_t	*cats, *groups, *o;
	char	 from[DATE_RFC3339_MAX], to[DATE_RFC3339_MAX];
	size_t	 i;

	cats = json_array();
	groups = json_array();
	if (cats == NULL || groups == NULL) {
		json_decref(cats);
		json_decref(groups);
		return NULL;
	}
	for (i = 0; i < n->ncat; i++)
		json_array_append_new(cats, json_pack("{s:s, s:s}",
		    "code", n->cats[i].code, "name", n->cats[i].name));
	for (i = 0; i < n->nrows; i++)
		json_array_append_new(groups, row_json(n, &n->rows[i]));
	date_rfc3339(n->period.from, from);
	date_rfc3339(n->period.to, to);
	o = json_pack("{s:i, s:o, s:s, s:s, s:o, s:s, s:s, s:b, s:o, s:o, s:o}",
	    "year", n->period.year,
	    "tertial", n->period.tertial > 0 ? json_integer(n->period.tertial) :
	    json_null(),
	    "from", from, "to", to,
	    "unit_id", n->area_id > 0 ? json_integer(n->area_id) : json_null(),
	    "area", n->area_name != NULL ? n->area_name : "",
	    "municipality", n->tenant_name != NULL ? n->tenant_name : "",
	    "groups_derived", n->derived,
	    "categories", cats,
	    "groups", groups,
	    "total", row_json(n, &n->total));
	return o;
}
