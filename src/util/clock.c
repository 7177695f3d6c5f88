#include "util/clock.h"

#include <stdatomic.h>
#include <time.h>

static _Atomic int64_t offset;

int64_t
clock_now(void)
{
	return (int64_t)time(NULL) + atomic_load(&offset);
}

void
clock_set_offset(int64_t o)
{
	atomic_store(&offset, o);
}

void
clock_format(int64_t t, char *out, unsigned long outsz)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	gmtime_r(&tt, &tm);
	strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
