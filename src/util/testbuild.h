/* testbuild.h: whether this binary was built for the tests. Test-only
 * switches (ORDEN_TEST_FAST_HASH, ORDEN_CLOCK_OFFSET) are honoured only
 * when it says so, so that no process environment can weaken a release
 * server. The Makefile compiles testbuild.c with -DORDEN_TESTING when
 * called with TESTING=1 (make check, tests/one.sh, scripts/valgrind.sh);
 * `make`, `make run` and packages build without it. */
#ifndef ORDEN_TESTBUILD_H
#define ORDEN_TESTBUILD_H

/* 1 in a test build, 0 in a release build. */
int	test_build(void);
/* The value of environment variable name when this is a test build and it
 * is set, else NULL (a release build logs that it ignored it).
 * Borrowed from the environment. */
const char *test_getenv(const char *name);

#endif
