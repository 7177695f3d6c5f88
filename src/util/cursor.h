/* cursor.h: keyset-paging cursors ("next" in a list's answer, "after" in
 * the request) for lists ordered by (a time, an id), newest first. The
 * text is "TIME.ID" in decimal; clients treat it as opaque. */
#ifndef ORDEN_UTIL_CURSOR_H
#define ORDEN_UTIL_CURSOR_H

#include <stddef.h>
#include <stdint.h>

#define CURSOR_MAX	48	/* bytes with the NUL */

/* 0 with *at and *id, or -1 when s is not a cursor (NULL included). */
int	cursor_parse(const char *s, int64_t *at, int64_t *id);
/* The cursor of the row (at, id) into out[CURSOR_MAX]. */
void	cursor_format(char out[CURSOR_MAX], int64_t at, int64_t id);

#endif
