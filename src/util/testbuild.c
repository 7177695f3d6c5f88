/* testbuild.c: the one object whose flags differ between a test build and a
 * release build (testbuild.h). */
#include "util/testbuild.h"

#include <stdlib.h>

#include "util/log.h"

int
test_build(void)
{
#ifdef ORDEN_TESTING
	return 1;
#else
	return 0;
#endif
}

const char *
test_getenv(const char *name)
{
	const char *v = getenv(name);

	if (v == NULL)
		return NULL;
	if (!test_build()) {
		log_event("test_switch_ignored", "name", name,
		    "msg", "release build", NULL);
		return NULL;
	}
	return v;
}
