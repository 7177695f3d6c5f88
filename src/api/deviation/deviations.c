/* api/deviation/deviations.c: reporting, listing and reading deviations (avvik) and
 * improvement proposals over the API. Who sees what is authz's answer
 * (deviation_list_scope for lists, deviation_read for one, deviation/view.h); a deviation the
 * caller may not see is "not found", never "forbidden", so that its
 * existence is not revealed. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/deviation/dev_api.h"
#include "api/json.h"
#include "ctx.h"
#include "deviation/dev_input.h"
#include "i18n/i18n.h"
#include "store/store.h"

/* How far in the future occurred_at may lie: clocks on phones drift. */
#define OCCURRED_SLACK	(5 * 60)

static void
invalid(struct http_resp *resp, const char *field, const char *why)
{
	char	msg[300];
	int	n;

	n = snprintf(msg, sizeof(msg), "%s: %s", field, why);
	http_json_error(resp, 400, "invalid_field",
	    n > 0 && (size_t)n < sizeof(msg) ? msg : why, field);
}

void
api_deviations_list(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct dev_filter_input	 in;
	struct dev_filter	 f;
	struct deviation	*v;
	size_t			 n, i;
	int64_t			 total;
	json_t			*a;
	char			 next[DEV_CURSOR_MAX];
	int			 rc;

	if (api_dev_filter(req, resp, &dev_filter_api, &in) != 0)
		return;
	f = in.f;
	if ((f.scope = deviation_list_scope(ctx)) == DEV_SCOPE_NONE) {
		api_forbidden(resp);
		return;
	}
	if (api_dev_unit_may(req, resp, &f) != 0)
		return;
	if ((rc = deviation_list_page(ctx, &f, &v, &n, &total, next)) != 0) {
		if (rc == DEV_ERR_INVALID)
			api_bad_after(ctx, resp);
		else
			api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, deviation_may(ctx, &v[i], DEV_MAY_PERSONAL) ?
		    api_dev_json(&v[i], deviation_may(ctx, &v[i], DEV_MAY_INTERNAL)) :
		    api_dev_json_sample_row(&v[i]));
	/* total is exact up to DEV_COUNT_CAP; above it total_capped is true
	 * and total is the cap ("more than 10 000"). */
	http_json(resp, 200, json_pack("{s:o, s:I, s:b, s:I, s:o}", "items", a,
	    "total", (json_int_t)(total > DEV_COUNT_CAP ? DEV_COUNT_CAP : total),
	    "total_capped", total > DEV_COUNT_CAP, "limit", (json_int_t)f.limit,
	    "next", next[0] != '\0' ? json_string(next) : json_null()));
}

void
api_deviation_get(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct deviation	 d;
	enum dev_sight		 sight;
	int64_t			 id;
	json_t			*o = NULL;

	if (http_param_id(req, 0, &id) != 0 ||
	    deviation_read(ctx, id, &d, &sight) != 0) {
		api_not_found(resp, _("No such deviation."));
		return;
	}
	if (sight != DEV_SEES_ALL) {
		/* A measure owner: what the measure needs; an auditor's
		 * sample: how it was handled. No personal data either way. */
		o = sight == DEV_SEES_MEASURES ?
		    api_dev_json_owner(ctx, &d) : api_dev_json_sample(ctx, &d);
		if (o == NULL) {
			api_store_error(resp);
			return;
		}
		http_json(resp, 200, o);
		return;
	}
	deviation_audit_read(ctx, &d);
	if ((o = api_dev_json_detail(ctx, &d, deviation_may(ctx, &d, DEV_MAY_INTERNAL))) == NULL ||
	    json_object_set_new(o, "attachments", api_dev_attachments_json(ctx, d.id)) != 0) {
		json_decref(o);
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, o);
}

void
api_deviation_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx			*ctx = req->ctx;
	struct dev_report		 r;
	struct deviation		 d;
	struct category			 cat;
	struct unit			 u;
	enum dev_kind			 kind = DEV_DEVIATION;
	const char			*err_field = NULL, *why = NULL;
	const char			*ks, *when, *hhmm;
	struct upload_file		*files = NULL;
	size_t				 nfiles = 0;
	char				 loc[64];
	json_t				*o = NULL;
	int				 rc;

	/* Called again once a queued report's batch committed (ctx.h
	 * struct ctx_later): only the answer is left to give. */
	memset(&r, 0, sizeof(r));
	if (ctx_resumed(ctx))
		goto report;
	if (!deviation_right(ctx, DEV_RIGHT_REPORT)) {
		api_forbidden(resp);
		return;
	}
	dev_report_read(req->vals, &r, &ks, &when, &hhmm);
	/* Absent: a deviation. */
	if (ks != NULL && dev_kind_parse(ks, &kind) != 0) {
		invalid(resp, "kind", _("must be deviation or improvement"));
		return;
	}
	r.kind = kind;

	if (r.category != NULL) {
		if (dev_category_by_code(ctx, r.category, &cat) != 0 || !cat.active) {
			invalid(resp, "category", _("no such category"));
			return;
		}
	} else if (kind == DEV_DEVIATION) {
		invalid(resp, "category", _("is required for a deviation"));
		return;
	}

	/* The reporter's own unit unless they say otherwise: most report
	 * what happened where they work. */
	if (r.unit_id == 0 && ctx->user != NULL)
		r.unit_id = ctx->user->unit_id;
	if (r.unit_id <= 0) {
		invalid(resp, "unit_id", _("is required"));
		return;
	}
	if (org_unit_get(ctx, r.unit_id, &u) != 0) {
		invalid(resp, "unit_id", _("no such unit"));
		return;
	}

	if (when != NULL) {
		if (api_time_parse(when, &r.occurred_at) != 0) {
			invalid(resp, "occurred_at", _("must be an RFC 3339 time, "
			    "e.g. 2026-03-05T10:00:00+01:00"));
			return;
		}
		if (r.occurred_at > ctx->now + OCCURRED_SLACK) {
			invalid(resp, "occurred_at", _("is in the future"));
			return;
		}
	}

	/* Photos (base64, as for whistleblowing evidence): JPEG or PNG. */
	if (api_upload_parse(req, "attachments", &files, &nfiles, &why) != 0) {
		invalid(resp, "attachments", why);
		return;
	}
report:
	if ((rc = deviation_report_files(ctx, &r, files, nfiles, &d,
	    &err_field)) == CTX_LATER_QUEUED)
		return;		/* called again with the result */
	if (rc != 0) {
		if (rc == DEV_ERR_INVALID && err_field != NULL &&
		    strcmp(err_field, "attachments") == 0)
			invalid(resp, "attachments", _("each must be a JPEG or PNG "
			    "picture; at most 5, 10 MB together"));
		else
			api_dev_error(resp, rc, err_field);
		return;
	}
	/* Read back: the answer shows what was stored, as the reporter now
	 * sees it (with the routing and deadlines the module chose). */
	if (deviation_get(ctx, d.id, &d) != 0 ||
	    (o = api_dev_json_detail(ctx, &d, deviation_may(ctx, &d, DEV_MAY_INTERNAL))) == NULL ||
	    json_object_set_new(o, "attachments", api_dev_attachments_json(ctx, d.id)) != 0) {
		json_decref(o);
		api_store_error(resp);
		return;
	}
	snprintf(loc, sizeof(loc), "/api/v1/deviations/%lld", (long long)d.id);
	http_header(resp, "Location", loc);
	http_json(resp, 201, o);
}
