/* notify_input.c: the notification list's query (notify_input.h). */
#include "notify/notify_input.h"

#include <stddef.h>
#include <stdint.h>

#include "notify/notify.h"

/* after fits in NOTIFY_CURSOR_MAX with its terminator. */
const struct field notify_query_fields[NQF_MAX + 1] = {
	[NQF_AFTER]	= { "after", F_LINE, 0, 0, NOTIFY_CURSOR_MAX - 1 },
	[NQF_LIMIT]	= { "limit", F_INT, 0, 1, NOTIFY_PAGE_MAX },
	[NQF_UNREAD]	= { "unread", F_BOOL, 0, 0, 1 },
	[NQF_READ]	= { "read", F_BOOL, 0, 0, 1 },
	[NQF_MAX]	= { NULL, 0, 0, 0, 0 }
};
