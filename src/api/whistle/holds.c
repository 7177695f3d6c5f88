/* api/whistle/holds.c: the whistleblowing hold over the API, for the chief
 * safety representative (AZ_WB_ROUTING): the accounts whose password
 * someone else reset, and confirming that one has its owner back
 * (whistle_hold_release; the rule is in org/hold.c). */
#include <jansson.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "whistle/whistle.h"

void
api_wb_holds(struct http_req *req, struct http_resp *resp)
{
	struct org_wb_hold	*h;
	size_t			 n, i;
	json_t			*items, *o;
	int			 rc;

	if ((rc = whistle_holds(req->ctx, &h, &n)) == WB_ERR_NOTFOUND) {
		api_forbidden(resp);
		return;
	}
	if (rc != 0) {
		api_store_error(resp);
		return;
	}
	items = json_array();
	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(o, "person_id", json_integer(h[i].person_id));
		json_object_set_new(o, "name", json_string(h[i].name != NULL ?
		    h[i].name : ""));
		json_object_set_new(o, "reset_at", api_time_json(h[i].at));
		json_object_set_new(o, "reset_by", h[i].by_name != NULL ?
		    json_string(h[i].by_name) : json_null());
		json_array_append_new(items, o);
	}
	o = json_object();
	json_object_set_new(o, "items", items);
	http_json(resp, 200, o);
}

void
api_wb_hold_release(struct http_req *req, struct http_resp *resp)
{
	int64_t	id;
	int	rc;

	if (http_param_id(req, 0, &id) != 0) {
		api_not_found(resp, _("No such person."));
		return;
	}
	rc = whistle_hold_release(req->ctx, id);
	if (rc == 0)
		http_json(resp, 200, json_pack("{s:I, s:b}", "person_id",
		    (json_int_t)id, "on_hold", 0));
	else if (rc == WB_ERR_NOTFOUND && id > 0)
		api_forbidden(resp);
	else if (rc == WB_ERR_STATE)
		api_not_found(resp, _("This person is not on hold."));
	else if (rc == ORG_ERR_FORBIDDEN)
		http_json_error(resp, 403, "forbidden",
		    _("Someone else must confirm: you reset this password, or it is your own account."),
		    NULL);
	else
		api_store_error(resp);
}
