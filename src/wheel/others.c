/* others.c: what other modules put on the wheel without copying it here —
 * documents' revision dates (document/) and risk assessments' yearly
 * reviews (risk/), read through those modules' own functions, which also
 * decide what ctx->user may see. Nothing of theirs is stored in the
 * wheel's tables; they are settled on their own pages. */
#include "wheel/wheel.h"

#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "document/document.h"
#include "risk/risk.h"
#include "util/arena.h"
#include "wheel/wheel_int.h"

static int
add(struct ctx *ctx, struct wheel_other **v, size_t *len, size_t *cap,
    enum wheel_other_kind kind, const char *title, const char *href,
    int64_t due_on)
{
	struct wheel_other *o;

	if (title == NULL || href == NULL ||
	    arena_grow(ctx->arena, (void **)v, *len, cap, sizeof(**v)) != 0)
		return -1;
	o = &(*v)[(*len)++];
	o->kind = kind;
	o->title = title;
	o->href = href;
	o->due_on = due_on;
	o->overdue = due_on < wheel_day_of(ctx->now);
	return 0;
}

static int
documents(struct ctx *ctx, int mine, int64_t from, int64_t to,
    struct wheel_other **v, size_t *len, size_t *cap)
{
	struct doc_filter	 f;
	struct document		*d;
	size_t			 n, i;
	int64_t			 day;
	int			 rc;

	memset(&f, 0, sizeof(f));
	f.status = -1;
	if ((rc = document_list(ctx, &f, &d, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (d[i].next_revision == 0 || d[i].status != DOC_CURRENT)
			continue;
		/* The owner is the one document_tick reminds. */
		if (mine && d[i].owner_id != ctx->user->id)
			continue;
		day = wheel_day_of(d[i].next_revision);
		if (day < from || day > to)
			continue;
		if (add(ctx, v, len, cap, WX_DOC_REVISION, arena_printf(ctx->arena,
		    "%s %s", d[i].code, d[i].title), arena_printf(ctx->arena,
		    "/documents/%lld", (long long)d[i].id), day) != 0)
			return -1;
	}
	return 0;
}

static int
risks(struct ctx *ctx, int mine, int64_t from, int64_t to,
    struct wheel_other **v, size_t *len, size_t *cap)
{
	struct risk_assessment	*a;
	size_t			 n, i;
	int64_t			 day;
	int			 rc;

	if ((rc = risk_assessment_list(ctx, &a, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (a[i].review_due == 0)
			continue;
		day = wheel_day_of(a[i].review_due);
		if (day < from || day > to)
			continue;
		if (mine && (rc = risk_review_reminded(ctx, a[i].unit_id)) != 1) {
			if (rc < 0)
				return rc;
			continue;
		}
		if (add(ctx, v, len, cap, WX_RISK_REVIEW, a[i].title,
		    arena_printf(ctx->arena, "/risk-assessments/%lld",
		    (long long)a[i].id), day) != 0)
			return -1;
	}
	return 0;
}

static int
by_day(const void *a, const void *b)
{
	const struct wheel_other *x = a, *y = b;

	return x->due_on < y->due_on ? -1 : x->due_on > y->due_on;
}

int
wheel_others(struct ctx *ctx, int mine, int64_t from, int64_t to,
    struct wheel_other **out, size_t *n)
{
	struct wheel_other	*v = NULL;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (ctx->user == NULL)
		return 0;
	if ((rc = documents(ctx, mine, from, to, &v, &len, &cap)) != 0 ||
	    (rc = risks(ctx, mine, from, to, &v, &len, &cap)) != 0)
		return rc;
	if (len > 1)
		qsort(v, len, sizeof(*v), by_day);
	*out = v;
	*n = len;
	return 0;
}
