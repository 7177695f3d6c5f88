/* web/risk/tied.c: on a deviation's page, the risks it is tied to — only
 * those the reader may see (risk_of_deviation asks authz/), and nothing
 * when there are none, so the page of someone without risk access does
 * not change. */
#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "risk/risk.h"
#include "util/arena.h"
#include "web/risk/risk_web.h"
#include "web/ui.h"

int
web_risk_tied(struct buf *b, struct http_req *req, int64_t deviation_id)
{
	struct risk	*v;
	size_t		 n, i;
	int		 rc;

	if ((rc = risk_of_deviation(req->ctx, deviation_id, &v, &n)) != 0)
		return rc;
	if (n == 0)
		return 0;
	html_fmt(b, "<section aria-labelledby=\"rk-h\"><h2 id=\"rk-h\">%s</h2>"
	    "<ul class=\"plain\">", _("Risks this deviation is tied to"));
	for (i = 0; i < n; i++)
		html_fmt(b, "<li><a href=\"/risks/%D\">%s</a> <span class=\"hint\">"
		    "%s</span></li>", v[i].id, v[i].description,
		    arena_printf(req->ctx->arena, _("probability %d × consequence %d"),
		    v[i].probability, v[i].impact));
	html_fmt(b, "</ul></section>\n");
	return 0;
}
