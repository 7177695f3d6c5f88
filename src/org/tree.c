/* tree.c: the unit tree as parent indexes (tree.h). */
#include "org/tree.h"

#include <stdlib.h>

#include "org/org.h"
#include "util/arena.h"

/* How far a walk climbs: deeper trees do not exist in a municipality, and
 * the bound stops a corrupt cycle from looping. */
#define TREE_DEPTH_MAX	64

/* qsort has no context argument: the list being sorted is passed here. */
static _Thread_local const struct unit *sort_units;

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = sort_units[*(const size_t *)a].id;
	int64_t y = sort_units[*(const size_t *)b].id;

	return (x > y) - (x < y);
}

long
org_tree_find(const struct org_tree *t, int64_t id)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t	mid = lo + (hi - lo) / 2;
		int64_t	v = t->u[t->byid[mid]].id;

		if (v == id)
			return (long)t->byid[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int
org_tree_build(struct arena *a, const struct unit *u, size_t n,
    struct org_tree *t)
{
	size_t i;

	t->u = u;
	t->n = n;
	if ((t->par = arena_alloc(a, (n ? n : 1) * sizeof(*t->par))) == NULL ||
	    (t->byid = arena_alloc(a, (n ? n : 1) * sizeof(*t->byid))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		t->byid[i] = i;
	sort_units = u;
	qsort(t->byid, n, sizeof(*t->byid), cmp_id);
	sort_units = NULL;
	for (i = 0; i < n; i++)
		t->par[i] = u[i].parent_id > 0 ? org_tree_find(t, u[i].parent_id) : -1;
	return 0;
}

int
org_tree_within(const struct org_tree *t, long i, int64_t outer)
{
	int depth;

	for (depth = 0; depth < TREE_DEPTH_MAX && i >= 0; depth++) {
		if (t->u[i].id == outer)
			return 1;
		i = t->par[i];
	}
	return 0;
}

void
org_tree_rollup(const struct org_tree *t, int64_t top,
    void (*fn)(void *, int64_t, int64_t), void *arg)
{
	size_t	i;
	long	j;
	int	depth;

	if (top > 0 && org_tree_find(t, top) < 0)
		return;
	for (i = 0; i < t->n; i++) {
		if (top > 0 && t->u[i].id == top) {
			fn(arg, top, top);
			continue;
		}
		/* Up from i: the unit just below top, or the root. */
		for (j = (long)i, depth = 0; depth < TREE_DEPTH_MAX &&
		    t->par[j] >= 0; depth++) {
			if (top > 0 && t->u[t->par[j]].id == top)
				break;
			j = t->par[j];
		}
		if (depth == TREE_DEPTH_MAX)
			continue;	/* defensive: a cycle in a damaged tree */
		if (top <= 0)
			fn(arg, t->u[i].id, t->u[j].id);
		else if (t->par[j] >= 0)
			fn(arg, t->u[i].id, t->u[j].id);
	}
}
