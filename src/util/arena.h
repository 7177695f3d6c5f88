/* arena.h: per-request memory. Everything allocated from an arena is freed
 * at once by arena_free(); nothing allocated here is freed on its own.
 * An arena has a maximum total size fixed at creation; past it, allocation
 * returns NULL. */
#ifndef ORDEN_ARENA_H
#define ORDEN_ARENA_H

#include <stddef.h>

struct arena;

/* Caller frees with arena_free(). NULL when out of memory. */
struct arena	*arena_new(size_t max);
void		 arena_free(struct arena *);
/* Bytes of blocks the arena holds now (what arena_free will give back). */
size_t		 arena_size(const struct arena *);
/* Zeroed memory, borrowed until arena_free(). NULL past the limit. */
void		*arena_alloc(struct arena *, size_t);
char		*arena_strdup(struct arena *, const char *);	/* NULL in -> NULL out */
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Room for one more element in the arena vector *v of len elements of sz
 * bytes, *cap of them allocated: when full, a copy twice as large (16 at
 * first) replaces *v (the old one stays until arena_free). 0, or -1 past
 * the arena's limit or when the size would overflow. */
int		 arena_grow(struct arena *, void **v, size_t len, size_t *cap,
		    size_t sz);

#endif
