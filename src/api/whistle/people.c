/* api/whistle/people.c: GET /api/v1/whistle/people?q=... — the search the
 * report form uses to pick whom a report concerns. Open without an
 * account, like the report itself; what it gives away is bounded by the
 * model (whistle_people_search): a name and a unit or party per hit, at
 * least 3 characters asked, at most 10 answers, 30 searches per client
 * per 10 minutes. Nothing asked is logged. */
#include <jansson.h>
#include <stdio.h>

#include "api/api.h"
#include "api/json.h"
#include "api/whistle/whistle_api.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "whistle/wb_input.h"

void
api_wb_people(struct http_req *req, struct http_resp *resp)
{
	struct wb_person_hit	*hits;
	json_t			*arr, *o;
	size_t			 n, i;
	int64_t			 wait;
	char			 ra[32];
	int			 rc;

	rc = whistle_people_search(req->ctx, http_qtext(req, WPQ_Q), &hits, &n,
	    &wait);
	if (rc == WB_ERR_INVALID) {
		api_wb_invalid(resp, "q", _("write at least 3 letters of the name"));
		return;
	}
	if (rc == WB_ERR_THROTTLED) {
		snprintf(ra, sizeof(ra), "%lld", (long long)wait);
		http_header(resp, "Retry-After", ra);
		http_json_error(resp, 429, "throttled", _("Too many searches. "
		    "Wait a while, or write the name instead."), "q");
		return;
	}
	if (rc != 0 || (arr = json_array()) == NULL) {
		api_store_error(resp);
		return;
	}
	for (i = 0; i < n; i++) {
		o = json_pack("{s:I, s:s}", "id", (json_int_t)hits[i].id,
		    "name", hits[i].name);
		if (o == NULL)
			continue;
		if (hits[i].unit != NULL)
			json_object_set_new(o, "unit", json_string(hits[i].unit));
		if (hits[i].party != NULL)
			json_object_set_new(o, "party", json_string(hits[i].party));
		json_array_append_new(arr, o);
	}
	http_header(resp, "Cache-Control", "no-store");
	http_json(resp, 200, json_pack("{s:o}", "people", arr));
}
