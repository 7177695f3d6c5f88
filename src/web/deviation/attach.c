/* web/deviation/attach.c: photos on a deviation page, and the photo itself. Whoever
 * sees all of the deviation (deviation_may, DEV_MAY_PERSONAL) sees its
 * photos; anyone else, a measure's owner or the auditor's sample too (they
 * see it without personal data), gets the same 404 as for a deviation that
 * does not exist, through the page and the API alike.
 * A photo is served only as the JPEG or PNG its bytes were found to be at
 * upload, with nosniff, a Content-Disposition and no caching: never as
 * HTML or SVG, whatever its name says. */
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "deviation/deviation.h"
#include "deviation/view.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/filename.h"
#include "web/deviation/pages.h"
#include "web/ui.h"
#include "web/web.h"

void
web_dev_photos(struct buf *b, struct http_req *req, const struct deviation *d)
{
	struct dev_attachment	*v;
	size_t			 n, i;
	const char		*href;

	if (dev_attach_list(req->ctx, d->id, &v, &n) != 0 || n == 0)
		return;
	html_fmt(b, "<section aria-labelledby=\"photos-h\"><h2 id=\"photos-h\">%s"
	    "</h2><ul class=\"photos\">", _("Photos"));
	for (i = 0; i < n; i++) {
		href = arena_printf(req->ctx->arena,
		    "/deviations/%lld/attachments/%lld", (long long)d->id,
		    (long long)v[i].id);
		if (href == NULL)
			continue;
		html_fmt(b, "<li><a href=\"%H\"><img src=\"%H\" alt=\"%s\" "
		    "loading=\"lazy\"></a><br>%s</li>", href, href, v[i].name,
		    v[i].name);
	}
	html_fmt(b, "</ul></section>\n");
}

void
web_dev_photo_links(struct buf *b, struct http_req *req, const struct deviation *d)
{
	struct dev_attachment	*v;
	size_t			 n, i;
	const char		*href;

	if (!deviation_may(req->ctx, d, DEV_MAY_PERSONAL) ||
	    dev_attach_list(req->ctx, d->id, &v, &n) != 0 || n == 0)
		return;
	html_fmt(b, "<p class=\"hint\">%s: ", _("Photos"));
	for (i = 0; i < n; i++) {
		href = arena_printf(req->ctx->arena,
		    "/deviations/%lld/attachments/%lld", (long long)d->id,
		    (long long)v[i].id);
		html_fmt(b, "%R<a href=\"%H\">%s</a>", i > 0 ? ", " : "",
		    href != NULL ? href : "#", v[i].name);
	}
	html_fmt(b, "</p>");
}

void
web_dev_attachment(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct deviation	 d;
	struct dev_attachment	 a;
	const char		*cd;
	int64_t			 aid;
	int			 rc;

	if (web_dev_gate(req, resp, DEV_RIGHT_SIGNED_IN) != 0)
		return;
	if (http_param_id(req, 1, &aid) != 0) {
		web_not_found(req, resp);
		return;
	}
	if (web_dev_load(req, resp, &d, NULL) != 0)
		return;
	if (!deviation_may(ctx, &d, DEV_MAY_PERSONAL) ||
	    (rc = dev_attach_get(ctx, d.id, aid, &a)) == DEV_ERR_NOTFOUND) {
		web_not_found(req, resp);
		return;
	}
	if (rc != 0 || (strcmp(a.content_type, "image/jpeg") != 0 &&
	    strcmp(a.content_type, "image/png") != 0)) {
		web_failed(req, resp);
		return;
	}
	deviation_audit_read(ctx, &d);
	cd = filename_disposition(ctx->arena, "inline", a.name);
	resp->status = 200;
	resp->content_type = a.content_type;
	http_header(resp, "Content-Disposition", cd != NULL ? cd : "inline");
	http_header(resp, "X-Content-Type-Options", "nosniff");
	http_header(resp, "Cache-Control", "private, no-store");
	buf_reset(&resp->body);
	if (a.size > 0 && buf_append(&resp->body, a.data, (size_t)a.size) != 0)
		web_failed(req, resp);
}
