#include "util/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks are chained; large requests get their own block. */
struct block {
	struct block	*next;
	size_t		 used, size;
	max_align_t	 data[];
};

struct arena {
	struct block	*head;
	size_t		 total, max;
};

#define BLOCK_SIZE 8192u

struct arena *
arena_new(size_t max)
{
	struct arena *a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	a->max = max;
	return a;
}

void
arena_free(struct arena *a)
{
	struct block *b, *n;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = n) {
		n = b->next;
		free(b);
	}
	free(a);
}

size_t
arena_size(const struct arena *a)
{
	return a != NULL ? a->total : 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct block	*b;
	size_t		 sz, align = sizeof(max_align_t);
	char		*p;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - align)
		return NULL;
	n = (n + align - 1) / align * align;
	b = a->head;
	if (b == NULL || b->size - b->used < n) {
		sz = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		/* Written so that neither sum can wrap: total <= max always,
		 * and the block header is added only when it fits. */
		if (a->total > a->max || sz > a->max - a->total ||
		    sz > SIZE_MAX - sizeof(*b))
			return NULL;
		if ((b = malloc(sizeof(*b) + sz)) == NULL)
			return NULL;
		b->used = 0;
		b->size = sz;
		a->total += sz;
		/* Keep the partly used block in front when this one is a big one-off. */
		if (a->head != NULL && n > BLOCK_SIZE) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (s == NULL)
		return NULL;
	if ((p = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
arena_grow(struct arena *a, void **v, size_t len, size_t *cap, size_t sz)
{
	void	*nv;
	size_t	 ncap;

	if (len < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if (sz == 0 || ncap < *cap || ncap > SIZE_MAX / sz ||
	    (nv = arena_alloc(a, ncap * sz)) == NULL)
		return -1;
	if (len > 0)
		memcpy(nv, *v, len * sz);
	*v = nv;
	*cap = ncap;
	return 0;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (p = arena_alloc(a, (size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
