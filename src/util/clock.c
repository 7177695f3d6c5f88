#include "util/clock.h"

#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "util/date.h"

static _Atomic int64_t offset;

int64_t
clock_now(void)
{
	return (int64_t)time(NULL) + atomic_load(&offset);
}

int64_t
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
clock_set_offset(int64_t o)
{
	atomic_store(&offset, o);
}

void
clock_format(int64_t t, char *out, unsigned long outsz)
{
	char s[DATE_RFC3339_MAX];

	date_rfc3339(t, s);
	snprintf(out, outsz, "%s", s);
}
