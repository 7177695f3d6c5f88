/* test_arena.c: the per-request arena keeps its limit even for sizes whose
 * sums would wrap around SIZE_MAX (a huge request is refused, not turned
 * into a tiny block that is then overrun). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "util/arena.h"

static void
test_limit_holds(void **state)
{
	struct arena	*a;
	char		*p;

	(void)state;
	assert_non_null(a = arena_new(16384));
	assert_non_null(p = arena_alloc(a, 100));
	memset(p, 'x', 100);
	assert_null(arena_alloc(a, 20000));
	assert_non_null(arena_alloc(a, 100));
	arena_free(a);
}

static void
test_huge_sizes_do_not_wrap(void **state)
{
	struct arena	*a;
	size_t		 sizes[] = { SIZE_MAX, SIZE_MAX - 1, SIZE_MAX - 16,
	    SIZE_MAX - 64, SIZE_MAX - 8192 };
	size_t		 i;

	(void)state;
	/* An arena without a practical limit: only the arithmetic guards. */
	assert_non_null(a = arena_new(SIZE_MAX));
	assert_non_null(arena_alloc(a, 10));	/* total is no longer 0 */
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		assert_null(arena_alloc(a, sizes[i]));
	assert_non_null(arena_alloc(a, 10));
	arena_free(a);

	/* Near a limit, total + size must not wrap past it either. */
	assert_non_null(a = arena_new(SIZE_MAX - 100));
	assert_non_null(arena_alloc(a, 9000));
	assert_null(arena_alloc(a, SIZE_MAX - 200));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit_holds),
		cmocka_unit_test(test_huge_sizes_do_not_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
