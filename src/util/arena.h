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
/* Zeroed memory, borrowed until arena_free(). NULL past the limit. */
void		*arena_alloc(struct arena *, size_t);
char		*arena_strdup(struct arena *, const char *);	/* NULL in -> NULL out */
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

#endif
