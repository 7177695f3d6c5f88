/* shutdown.c: one process-wide flag (see shutdown.h). */
#include "util/shutdown.h"

#include <stdatomic.h>

static atomic_int stopping;

void
shutdown_begin(void)
{
	atomic_store(&stopping, 1);
}

int
shutdown_begun(void)
{
	return atomic_load(&stopping);
}
