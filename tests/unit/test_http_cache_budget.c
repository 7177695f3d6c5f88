/* test_http_cache_budget.c: the cache of whole answers (http/cache.c)
 * holds at most its budget in memory files, counting the answers being
 * written as well as the stored ones. Each CSV export being sent is
 * written to its entry as it goes: before, each was only kept under the
 * budget on its own, so six ten-year exports at once held 203 MB of
 * memory files beside a 64 MB --cache-size (measured on a 200,000-row
 * municipality). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/cache.h"
#include "util/arena.h"

#define BUDGET	(1u << 20)
#define CHUNK	(64u << 10)

static char chunk[CHUNK];

static struct http_cache_fill *
begin(const char *key)
{
	char			 etag[HTTP_CACHE_ETAG_LEN];
	struct http_cache_fill	*f;

	f = http_cache_fill_begin(key, strlen(key), 1, 100, "text/csv", NULL,
	    0, etag);
	assert_non_null(f);
	return f;
}

/* Three exports of 600 KB sent at once, under a 1 MB budget: together
 * they never hold more than the budget; the one that would go past it
 * gives up (its answer is still sent, only not kept), and the others
 * are stored whole. */
static void
test_fills_share_the_budget(void **st)
{
	struct http_cache_fill	*f[3];
	size_t			 ok[3] = { 0, 0, 0 }, i, j, total;
	int			 gave_up[3] = { 0, 0, 0 };
	struct arena		*a;
	struct http_cache_hit	 hit;
	int			 kept = 0;

	(void)st;
	memset(chunk, 'x', sizeof(chunk));
	http_cache_setup(BUDGET, 5);
	f[0] = begin("export-a");
	f[1] = begin("export-b");
	f[2] = begin("export-c");
	/* The three streams advance in turn, as three clients read. */
	for (j = 0; j < 10; j++) {
		for (i = 0; i < 3; i++)
			if (http_cache_fill_write(f[i], chunk, CHUNK) == 0)
				ok[i]++;
			else
				gave_up[i] = 1;	/* its body is dropped */
		/* What the fills that go on hold, at every step. */
		for (total = 0, i = 0; i < 3; i++)
			total += gave_up[i] ? 0 : ok[i] * CHUNK;
		assert_true(total <= BUDGET);
	}
	for (i = 0; i < 3; i++)
		http_cache_fill_end(f[i], 1);
	a = arena_new(1u << 16);
	assert_non_null(a);
	for (i = 0; i < 3; i++) {
		const char *k = i == 0 ? "export-a" : i == 1 ? "export-b" :
		    "export-c";

		if (http_cache_get(k, strlen(k), 1, 101, 0, a, &hit) == 0) {
			struct stat sb;

			assert_int_equal(fstat(hit.fd, &sb), 0);
			/* A kept answer is whole, never a cut-off part. */
			assert_int_equal((size_t)sb.st_size, 10 * CHUNK);
			close(hit.fd);
			kept++;
		}
	}
	assert_true(kept >= 1);
	arena_free(a);
	http_cache_setup(0, 5);
}

/* A stored answer makes room for one being written: the least recently
 * used goes, as when the new one is stored. */
static void
test_fill_evicts_stored(void **st)
{
	struct http_cache_fill	*f;
	size_t			 j;

	(void)st;
	http_cache_setup(BUDGET, 5);
	f = begin("old");
	for (j = 0; j < 10; j++)
		assert_int_equal(http_cache_fill_write(f, chunk, CHUNK), 0);
	http_cache_fill_end(f, 1);
	f = begin("new");
	for (j = 0; j < 10; j++)
		assert_int_equal(http_cache_fill_write(f, chunk, CHUNK), 0);
	http_cache_fill_end(f, 1);
	http_cache_setup(0, 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fills_share_the_budget),
		cmocka_unit_test(test_fill_evicts_stored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
