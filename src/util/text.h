/* text.h: two questions every module's input asks of a string. */
#ifndef ORDEN_TEXT_H
#define ORDEN_TEXT_H

#include <stddef.h>

/* 1 when s is NULL, empty or only white space, else 0. */
int	text_blank(const char *s);
/* The index of s in names[0..n-1] (entries may be NULL), or -1: how a
 * module turns an action's name into its enum. */
int	text_index(const char *const *names, size_t n, const char *s);

#endif
