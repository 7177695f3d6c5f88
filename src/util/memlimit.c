/* memlimit.c: malloc settings of the server (memlimit.h). glibc only:
 * mallopt and malloc_trim are glibc's, and Orden is built for Debian. */
#include "util/memlimit.h"

#include <malloc.h>
#include <stdatomic.h>
#include <time.h>

static atomic_int	applied;
static atomic_llong	last_trim;	/* CLOCK_MONOTONIC_COARSE seconds */

int
mem_limits_apply(void)
{
	int ok;

	/* mallopt answers 1 on success. */
	ok = mallopt(M_ARENA_MAX, MEM_ARENA_MAX) == 1 &&
	    mallopt(M_MMAP_THRESHOLD, (int)MEM_MMAP_THRESHOLD) == 1 &&
	    mallopt(M_TRIM_THRESHOLD, (int)MEM_TRIM_THRESHOLD) == 1;
	atomic_store(&applied, ok);
	return ok ? 0 : -1;
}

struct mem_settings
mem_limits(void)
{
	struct mem_settings s;

	s.arena_max = MEM_ARENA_MAX;
	s.mmap_threshold = MEM_MMAP_THRESHOLD;
	s.trim_threshold = MEM_TRIM_THRESHOLD;
	s.trim_after = MEM_TRIM_AFTER;
	s.applied = atomic_load(&applied);
	return s;
}

void
mem_trim_now(void)
{
	(void)malloc_trim(0);
}

void
mem_trim_after(size_t held)
{
	struct timespec	ts;
	long long	now, last;

	/* Coarse: a clock read costs nanoseconds, a trim up to a
	 * millisecond, so at most one a second besides the large ones. */
	if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) != 0)
		return;
	now = (long long)ts.tv_sec;
	last = atomic_load(&last_trim);
	if (held < MEM_TRIM_AFTER && (now - last < MEM_TRIM_SECONDS ||
	    !atomic_compare_exchange_strong(&last_trim, &last, now)))
		return;
	if (held >= MEM_TRIM_AFTER)
		atomic_store(&last_trim, now);
	(void)malloc_trim(0);
}
