/* num.h: bounded number parsing; replaces atoi/strtol at every input edge. */
#ifndef ORDEN_NUM_H
#define ORDEN_NUM_H

#include <stdint.h>

/* Whole decimal string (optional leading '-'), no spaces, within [min, max].
 * 0 and *out set on success; -1 otherwise (*out untouched). */
int	num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);

#endif
