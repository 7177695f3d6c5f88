/* test_memory.c: the server's memory settings are in effect (the memory
 * budget, docs/ARCHITECTURE.md): SQLite's page caches come from the one
 * fixed pool, each at most SQLite's default; malloc keeps
 * its mmap threshold fixed, so a large buffer freed goes back to the
 * system instead of raising the threshold for the next ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <malloc.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_db.h"
#include "store/sqlite_int.h"
#include "util/memlimit.h"

#define POOL	7	/* what `orden serve` opens with its 4 threads */

/* gcc says __SANITIZE_ADDRESS__, clang __has_feature. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(UNDER_ASAN)
#define UNDER_ASAN 1
#endif

static int64_t
pragma_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return INT64_MIN;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
test_page_caches_share_one_pool(void **state)
{
	struct fixture		 f;
	struct sqlite_db	*db;
	sqlite3_int64		 used, hi, over, ohi;
	int64_t			 kib;
	int			 i;

	(void)state;
	assert_int_equal(fixture_open(&f, POOL), 0);
	/* The first open in the process set the pool up. */
	assert_int_equal(sqlite_pcache_pooled(), 1);
	db = SQ_DB(f.db);
	assert_int_equal(db->nconns, POOL);
	/* Each connection may use up to SQLite's default from the pool;
	 * the pool, not their sum, is the bound (they recycle their own
	 * pages when it runs low). */
	for (i = 0; i < db->nconns; i++) {
		kib = -pragma_int(db->conns[i].h, "PRAGMA cache_size");
		assert_true(kib > 0 && kib <= 2000);
	}
	/* The migrations read pages: they are in the pool, not malloc'ed. */
	assert_int_equal(sqlite3_status64(SQLITE_STATUS_PAGECACHE_USED, &used,
	    &hi, 0), SQLITE_OK);
	assert_int_equal(sqlite3_status64(SQLITE_STATUS_PAGECACHE_OVERFLOW,
	    &over, &ohi, 0), SQLITE_OK);
	assert_true(hi > 0);
	fixture_close(&f);
}

static void
test_large_buffers_go_back(void **state)
{
	struct mallinfo2	 mi;
	void			*big, *p;

	(void)state;
#if defined(UNDER_ASAN)
	/* ASan's allocator answers mallopt and mallinfo2 with nothing: the
	 * settings are glibc's, checked in the release build's runs. */
	skip();
#endif
	/* Nor valgrind's (scripts/valgrind.sh says so): it has its own. */
	if (getenv("ORDEN_UNDER_VALGRIND") != NULL)
		skip();
	assert_int_equal(mem_limits_apply(), 0);
	assert_int_equal(mem_limits().applied, 1);
	/* glibc would raise its mmap threshold to 1 MiB on this free ... */
	assert_non_null(big = malloc(1024 * 1024));
	memset(big, 1, 1024 * 1024);
	free(big);
	/* ... and then keep this one in the heap for good. Fixed, it is
	 * mapped on its own and unmapped on free. */
	assert_non_null(p = malloc(MEM_MMAP_THRESHOLD + 4096));
	mi = mallinfo2();
	free(p);
	assert_true(mi.hblkhd >= MEM_MMAP_THRESHOLD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_caches_share_one_pool),
		cmocka_unit_test(test_large_buffers_go_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
