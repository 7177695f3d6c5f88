/* query.c: which report a request asks for (report_query), the same for
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
report_query(struct ctx *ctx, const char *year, const char *tertial,
    const char *unit_id, struct rep_period *p, int64_t *area_id,
    const char **field, const char **why)
{
	int64_t	y, t = 0, u = 0;

	*field = NULL;
	*why = NULL;
	y = date_year(ctx->now);
	if (year != NULL && *year != '\0' &&
	    num_parse_i64(year, 2000, 9998, &y) != 0) {
		*field = "year";
		*why = _("must be a year from 2000 to 9998");
		return REP_ERR_INVALID;
	}
	if (tertial != NULL && *tertial != '\0' && strcmp(tertial, "year") != 0 &&
	    num_parse_i64(tertial, 0, 3, &t) != 0) {
		*field = "tertial";
		*why = _("must be 1, 2, 3 or year");
		return REP_ERR_INVALID;
	}
	if (unit_id != NULL && *unit_id != '\0' &&
	    num_parse_i64(unit_id, 0, INT64_MAX, &u) != 0) {
		*field = "unit_id";
		*why = _("no such unit");
		return REP_ERR_INVALID;
	}
	if (report_period((int)y, (int)t, p) != 0) {
		*field = "year";
		*why = _("must be a year from 2000 to 9998");
		return REP_ERR_INVALID;
	}
	*area_id = u;
	return 0;
}

int
report_key_query(struct ctx *ctx, const char *year, const char *tertial,
    const char *unit_id, struct rep_key *k, const char **field,
    const char **why)
{
	struct rep_period	p;
	int64_t			area;
	int			rc;

	rc = report_query(ctx, year, tertial, unit_id, &p, &area, field, why);
	if (rc != 0)
		return rc;
	k->year = p.year;
	k->tertial = p.tertial;
	k->area_id = area;
	return 0;
}
