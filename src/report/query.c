/* query.c: which report a request asks for (report_query_read), the same for
 * the page, the JSON API and the exports. */
#include "report/report.h"

#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "i18n/i18n.h"
#include "report/written.h"
#include "util/date.h"
#include "util/num.h"

int
report_query_read(struct ctx *ctx, const struct http_req *req,
    struct rep_period *p, int64_t *area_id, const char **field,
    const char **why)
{
	const char	*ts = req != NULL ? http_qtext(req, RQF_TERTIAL) : NULL;
	int64_t		 y = date_year(ctx->now), u = 0;
	int		 t = 0;

	*field = NULL;
	*why = NULL;
	if (req != NULL) {
		y = http_qint(req, RQF_YEAR, y);
		u = http_qint(req, RQF_UNIT_ID, 0);
	}
	/* Again here: the tertial page's table lets any number through. */
	if (y < 2000 || y > 9998) {
		*field = "year";
		*why = _("must be a year from 2000 to 9998");
		return REP_ERR_INVALID;
	}
	if (u < 0) {
		*field = "unit_id";
		*why = _("no such unit");
		return REP_ERR_INVALID;
	}
	/* The word "year", or one digit 0..3 (F_CODE let the rest in). */
	if (ts != NULL && strcmp(ts, "year") != 0) {
		if (ts[0] < '0' || ts[0] > '3' || ts[1] != '\0') {
			*field = "tertial";
			*why = _("must be 1, 2, 3 or year");
			return REP_ERR_INVALID;
		}
		t = ts[0] - '0';
	}
	if (report_period((int)y, t, p) != 0) {
		*field = "year";
		*why = _("must be a year from 2000 to 9998");
		return REP_ERR_INVALID;
	}
	*area_id = u;
	return 0;
}

int
report_key_read(struct ctx *ctx, const struct http_req *req,
    struct rep_key *k, const char **field, const char **why)
{
	struct rep_period	p;
	int64_t			area;
	int			rc;

	rc = report_query_read(ctx, req, &p, &area, field, why);
	if (rc != 0)
		return rc;
	/* No area asked: the one the tertial page opens on, so that a
	 * sector head's export without unit_id is her sector's report and
	 * not a refusal of the municipality's. */
	if (req != NULL && http_qtext(req, RQF_UNIT_ID) == NULL) {
		struct unit	*allowed;
		size_t		 n;
		int		 whole;

		if ((rc = report_areas(ctx, REP_RIGHT_VIEW, &allowed, &n,
		    &whole)) != 0)
			return rc;
		if (!whole && n > 0)
			area = allowed[0].id;
	}
	k->year = p.year;
	k->tertial = p.tertial;
	k->area_id = area;
	return 0;
}
