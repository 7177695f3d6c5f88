/* memlimit.h: how `orden serve` keeps its resident memory within its
 * budget (docs/ARCHITECTURE.md, "Memory budget"): glibc malloc's arenas and
 * thresholds set once before any thread starts, and free memory handed back
 * to the kernel after a request that used a lot of it. */
#ifndef ORDEN_UTIL_MEMLIMIT_H
#define ORDEN_UTIL_MEMLIMIT_H

#include <stddef.h>

/* malloc arenas shared by all threads (glibc's default is 8 per core: each
 * keeps the free memory of the threads that used it). */
#define MEM_ARENA_MAX		2
/* Allocations from this size up are mmap'ed and unmapped on free. Fixed:
 * glibc otherwise raises it after each large free (up to 32 MiB), and the
 * next large buffers then stay in the heap for good. Above the chunks of
 * a request's large buffers, and the trim threshold above them too: when
 * SQLite's statement journal was allocated in chunks of 1 MiB (sqlite.c,
 * STMT_JOURNAL_SPILL; now chunks of about 1 KiB), at 256 kB and 1 MiB
 * every report of a group-commit batch mapped, faulted in and unmapped a
 * megabyte, and submits at 64 connections fell from 4,600-6,400/s to
 * 1,600/s (A/B on 20,000 deviations, GLIBC_TUNABLES; bench/why.md). */
#define MEM_MMAP_THRESHOLD	((size_t)2 * 1024 * 1024)
/* Free memory at the top of a heap beyond this is given back on free.
 * Not glibc's 128 kB: libpq builds each result in fresh blocks (a
 * dashboard's counts are about 300 kB), and at 128 kB every request gave
 * them back and faulted them in again, a third of the server's CPU on the
 * statistics API over PostgreSQL (bench/why.md). */
#define MEM_TRIM_THRESHOLD	((size_t)3 * 1024 * 1024)
/* A request that held at least this much (its arena and its answer) is
 * followed by malloc_trim: what it freed in the middle of a heap is
 * returned too, not kept for the next peak. Not 1 MiB: the dashboard at
 * the top of a large tree (every figure a link to its list, 115 kB of
 * HTML at 200,000 deviations) and a sector's dashboard hold a little more
 * than that, and a trim after each gave the pages back and faulted them
 * in again: 4.3-5.5 ms of CPU per uncached top dashboard became
 * 10.5-12.7 ms (w15-dash; the same with trimming off). Four threads that
 * each keep 2 MiB stay well inside the budget of 64 MiB. */
#define MEM_TRIM_AFTER		((size_t)2 * 1024 * 1024)
/* Otherwise the end of some request trims at most once in this many
 * seconds: the memory of answers that were streamed, or of libraries
 * (cairo, pango, libxlsxwriter) that an arena does not count. */
#define MEM_TRIM_SECONDS	1

/* The settings in effect, for the log line at start and for the tests. */
struct mem_settings {
	int	arena_max;
	size_t	mmap_threshold, trim_threshold, trim_after;
	int	applied;	/* mem_limits_apply succeeded */
};

/* Set malloc's arenas and thresholds; call before any thread starts.
 * 0, or -1 when malloc refused a setting (the server runs on, with more
 * memory; the caller logs it). */
int	mem_limits_apply(void);
/* A copy of the settings in effect. */
struct mem_settings mem_limits(void);
/* Give free heap memory back to the kernel now: before a large
 * transient allocation (an argon2id hash), so that it adds to what is in
 * use rather than to what the heaps kept. */
void	mem_trim_now(void);
/* After a request that held held bytes at once: malloc_trim when that is
 * at least MEM_TRIM_AFTER or the last trim is MEM_TRIM_SECONDS old. */
void	mem_trim_after(size_t held);

#endif
