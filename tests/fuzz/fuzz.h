/* fuzz.h: what the libFuzzer harnesses share. Each harness copies the input
 * into a heap block of exactly the size the parser may read (with or
 * without a terminating NUL), so ASan catches a read past the end; all
 * memory is freed before returning and nothing global is left behind. */
#ifndef ORDEN_FUZZ_H
#define ORDEN_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Inputs larger than this are skipped: every harness stays bounded. */
#define FUZZ_MAX_INPUT	(256 * 1024)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A NUL-terminated copy of data[0..n) (caller frees); NULL when out of memory. */
static inline char *
fuzz_cstr(const uint8_t *data, size_t n)
{
	char *s = malloc(n + 1);

	if (s != NULL) {
		if (n > 0)
			memcpy(s, data, n);
		s[n] = '\0';
	}
	return s;
}

/* An invariant failed: report and abort so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

#endif
