/* api/deviation/attach.c: photos of a deviation in the API: the list in the
 * deviation's JSON, and GET /api/v1/deviations/{id}/attachments/{aid}
 * for the bytes, to whoever sees all of the deviation (deviation_may,
 * DEV_MAY_PERSONAL). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/filename.h"

json_t *
api_dev_attachments_json(struct ctx *ctx, int64_t dev_id)
{
	struct dev_attachment	*v;
	size_t			 n, i;
	json_t			*a;
	char			 href[96];

	if (dev_attach_list(ctx, dev_id, &v, &n) != 0 || (a = json_array()) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		snprintf(href, sizeof(href), "/api/v1/deviations/%lld/attachments/%lld",
		    (long long)dev_id, (long long)v[i].id);
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:I, s:s}",
		    "id", (json_int_t)v[i].id, "name", v[i].name,
		    "content_type", v[i].content_type, "size", (json_int_t)v[i].size,
		    "href", href));
	}
	return a;
}

void
api_deviation_attachment(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct deviation	 d;
	struct dev_attachment	 a;
	const char		*cd;
	int64_t			 id, aid;

	if (http_param_id(req, 0, &id) != 0 || http_param_id(req, 1, &aid) != 0 ||
	    deviation_get(ctx, id, &d) != 0 || !deviation_may(ctx, &d, DEV_MAY_PERSONAL) ||
	    dev_attach_get(ctx, d.id, aid, &a) != 0 ||
	    (strcmp(a.content_type, "image/jpeg") != 0 &&
	    strcmp(a.content_type, "image/png") != 0)) {
		api_not_found(resp, _("No such attachment."));
		return;
	}
	deviation_audit_read(ctx, &d);
	cd = filename_disposition(ctx->arena, "attachment", a.name);
	resp->status = 200;
	resp->content_type = a.content_type;
	http_header(resp, "Content-Disposition", cd != NULL ? cd : "attachment");
	http_header(resp, "X-Content-Type-Options", "nosniff");
	http_header(resp, "Cache-Control", "private, no-store");
	buf_reset(&resp->body);
	if (a.size > 0 && buf_append(&resp->body, a.data, (size_t)a.size) != 0)
		api_store_error(resp);
}
