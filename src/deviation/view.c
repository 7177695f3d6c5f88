/* view.c: reading deviations through authz/ (view.h). The faces get
 * answers (how far one is seen, what a page may offer, which rows a list
 * or a statistic covers); the rules themselves stay in authz/policy.c. */
#include "deviation/view.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"

enum dev_sight
deviation_sight(struct ctx *ctx, const struct deviation *d)
{
	/* In this order: whoever sees all of it is shown all of it, even
	 * when they also own a measure or sample. */
	if (authz_dev_can(ctx, AZ_DEV_VIEW, d))
		return DEV_SEES_ALL;
	if (authz_dev_can(ctx, AZ_DEV_MEASURE, d))
		return DEV_SEES_MEASURES;
	if (authz_dev_can(ctx, AZ_DEV_SAMPLE, d))
		return DEV_SEES_SAMPLE;
	return DEV_SEES_NOTHING;
}

int
deviation_read(struct ctx *ctx, int64_t id, struct deviation *out,
    enum dev_sight *sight)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = deviation_get(ctx, id, out)) != 0)
		return rc;
	if ((*sight = deviation_sight(ctx, out)) == DEV_SEES_NOTHING)
		return DEV_ERR_NOTFOUND;
	return 0;
}

int
deviation_may(struct ctx *ctx, const struct deviation *d, enum dev_may_what what)
{
	switch (what) {
	case DEV_MAY_HANDLE:
		return authz_dev_can(ctx, AZ_DEV_HANDLE, d);
	case DEV_MAY_RESUBMIT:
		return d->status == DEV_RETURNED &&
		    authz_dev_can(ctx, AZ_DEV_RESUBMIT, d);
	case DEV_MAY_INTERNAL:
		/* Quality and the chief executive read every deviation in
		 * full; its handlers handle it. The reporter and a safety
		 * representative see what the reporter is told. */
		return authz_dev_scope(ctx) == DEV_SCOPE_ALL ||
		    authz_dev_can(ctx, AZ_DEV_HANDLE, d);
	case DEV_MAY_PERSONAL:
		return authz_dev_can(ctx, AZ_DEV_VIEW, d);
	}
	return 0;
}

int
deviation_right(struct ctx *ctx, enum dev_right what)
{
	/* Anonymous is refused here as authz_can refuses it. */
	if (ctx == NULL || ctx->user == NULL)
		return 0;
	switch (what) {
	case DEV_RIGHT_SIGNED_IN:
		return authz_can(ctx, AZ_HOME_VIEW, 0);
	case DEV_RIGHT_REPORT:
		return authz_can(ctx, AZ_DEV_REPORT, 0);
	case DEV_RIGHT_CONFIGURE:
		return authz_can(ctx, AZ_DEV_CONFIGURE, 0);
	case DEV_RIGHT_SAMPLE:
		return authz_can(ctx, AZ_DEV_SAMPLE, 0);
	}
	return 0;
}

enum dev_scope_kind
deviation_list_scope(struct ctx *ctx)
{
	return (enum dev_scope_kind)authz_dev_scope(ctx);
}

enum dev_scope_kind
deviation_stats_scope(struct ctx *ctx, int64_t unit_id)
{
	return (enum dev_scope_kind)authz_dev_stats_scope(ctx, unit_id);
}

int
deviation_stats_listed(struct ctx *ctx)
{
	return authz_dev_stats_listed(ctx);
}

int
deviation_stats_may(struct ctx *ctx, int64_t unit_id)
{
	return authz_can(ctx, AZ_DEV_STATS, unit_id);
}

int
deviation_stats_may_each(struct ctx *ctx, const int64_t *units, size_t n,
    unsigned char *out)
{
	return authz_can_units(ctx, AZ_DEV_STATS, units, n, out);
}
