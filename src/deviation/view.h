/* view.h: reading deviations as ctx->user may (view.c), the read side of
 * deviation_do. The faces (web/deviation/, api/deviation/) ask these and
 * translate the answers to pages and JSON; the rules themselves stay in
 * authz/policy.c, and no face names an az_action
 * (scripts/check-banned.sh). */
#ifndef ORDEN_DEVIATION_VIEW_H
#define ORDEN_DEVIATION_VIEW_H

#include <stdint.h>

#include "deviation/deviation.h"

struct ctx;

/* How much of one deviation ctx->user reads. */
enum dev_sight {
	DEV_SEES_NOTHING,	/* the same answer as no such deviation */
	DEV_SEES_ALL,		/* its reporter, its handlers, quality, the chief
				   executive, a safety representative of its area */
	DEV_SEES_MEASURES,	/* a measure's responsible person: what the
				   measure needs, no personal data */
	DEV_SEES_SAMPLE		/* the auditor, once closed: how it was handled,
				   no personal data */
};

/* How far ctx->user sees d. */
enum dev_sight	deviation_sight(struct ctx *, const struct deviation *d);

/* deviation_get as ctx->user may read it: 0 and *sight (not
 * DEV_SEES_NOTHING); DEV_ERR_NOTFOUND when there is none in this tenant or
 * they may not see it (the same answer, so nobody learns what exists);
 * another negative on a store error. Does not audit the read: the caller
 * does, with deviation_audit_read, when it shows personal data. */
int	deviation_read(struct ctx *, int64_t id, struct deviation *out,
	    enum dev_sight *sight);

/* What ctx->user may do with a deviation they see, for which parts and
 * buttons a page shows (the actions themselves go through deviation_do,
 * which asks again). */
enum dev_may_what {
	DEV_MAY_HANDLE,		/* the handling actions: its handlers */
	DEV_MAY_RESUBMIT,	/* correct and send in again: returned, and theirs */
	DEV_MAY_INTERNAL,	/* read the internal parts (handlers' events,
				   measures, analysis): its handlers, and those
				   who read every deviation */
	DEV_MAY_PERSONAL	/* all of it, personal data and photos too:
				   DEV_SEES_ALL, asked without the queries
				   deviation_sight makes for the others */
};
/* 1 if allowed, else 0. */
int	deviation_may(struct ctx *, const struct deviation *, enum dev_may_what);

/* What ctx->user may do with deviations at all (no one deviation). */
enum dev_right {
	DEV_RIGHT_SIGNED_IN,	/* the deviation pages: any active person */
	DEV_RIGHT_REPORT,	/* report one */
	DEV_RIGHT_CONFIGURE,	/* categories, deadlines, settings; also lists
				   inactive categories */
	DEV_RIGHT_SAMPLE	/* read closed ones as a sample (the auditor) */
};
/* 1 if allowed, else 0. */
int	deviation_right(struct ctx *, enum dev_right);

/* Which deviations ctx->user's lists and CSV show (the list SQL follows
 * it): DEV_SCOPE_NONE means forbidden. */
enum dev_scope_kind	deviation_list_scope(struct ctx *);
/* Which deviations the statistics of unit_id's subtree (0: the
 * municipality) count for ctx->user: DEV_SCOPE_NONE means forbidden. */
enum dev_scope_kind	deviation_stats_scope(struct ctx *, int64_t unit_id);
/* 1 when ctx->user's list shows every deviation their statistics count,
 * so that a figure may lead to the list of what it counts
 * (authz_dev_stats_listed). */
int	deviation_stats_listed(struct ctx *);
/* 1 if ctx->user may see the statistics of unit_id's subtree (0: the
 * municipality's). */
int	deviation_stats_may(struct ctx *, int64_t unit_id);
/* deviation_stats_may for each of n units (ids > 0) at once: out[i].
 * 0 or a DB_* error (out all 0). */
int	deviation_stats_may_each(struct ctx *, const int64_t *units, size_t n,
	    unsigned char *out);

#endif
