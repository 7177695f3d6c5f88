/* tree.h: the unit tree in memory, from the one list org_unit_list reads:
 * each unit's parent by index and a lookup by id, so that statistics and
 * access scopes roll the tree up in C instead of a recursive query per
 * statement. Built per request in the arena; O(n log n). */
#ifndef ORDEN_ORG_TREE_H
#define ORDEN_ORG_TREE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct unit;

/* Deeper than any real organisation; a walk up stops here so that a
 * cycle in a damaged tree cannot loop for ever. */
#define ORG_TREE_DEPTH_MAX	64

struct org_tree {
	const struct unit	*u;	/* borrowed: the list it was built from */
	size_t			 n;
	long			*par;	/* index of the parent; -1 for a root */
	size_t			*byid;	/* indexes sorted by unit id */
};

/* 0, or -1 when the arena is full. */
int	org_tree_build(struct arena *, const struct unit *, size_t n,
	    struct org_tree *out);
/* The index of unit id, or -1 when it is not in the list. */
long	org_tree_find(const struct org_tree *, int64_t id);
/* 1 if the unit at index i is the unit `outer` or lies below it. */
int	org_tree_within(const struct org_tree *, long i, int64_t outer);
/* The subtree of unit top rolled up one level: fn gets each unit in it
 * with the unit it counts under, top itself for top, else the child of
 * top it lies in; top <= 0: every unit with its root. Nothing when top
 * is not in the tree. Walked in C from the parents the tree holds (what
 * org_unit_rollup reads from unit_ancestors, the same tree kept in the
 * same transactions: unit.c and ancestry.c), so a page that has the tree asks the database
 * nothing more. */
void	org_tree_rollup(const struct org_tree *, int64_t top,
	    void (*fn)(void *arg, int64_t unit_id, int64_t bucket_id),
	    void *arg);

#endif
