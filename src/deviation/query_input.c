/* query_input.c: the deviation pages' own query parameters (dev_input.h);
 * a list's filter is filter_input.c. */
#include "deviation/dev_input.h"

#include <stddef.h>
#include <string.h>

const struct field dev_saved_query[DSQ_MAX + 1] = {
	[DSQ_SAVED]	= { "saved", F_BOOL, 0, 0, 1 },
	[DSQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* The cursor is bounded like the filter's (DFF_AFTER); whether it is one
 * of this list's is deviation_list_page's to say. */
const struct field dev_mine_query[DMQ_MAX + 1] = {
	[DMQ_AFTER]	= { "after", F_LINE, 0, 0, DEV_CURSOR_MAX - 1 },
	[DMQ_RESUBMITTED] = { "resubmitted", F_BOOL, 0, 0, 1 },
	[DMQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field dev_inbox_query[DIQ_MAX + 1] = {
	[DIQ_AFTER]	= { "after", F_LINE, 0, 0, DEV_CURSOR_MAX - 1 },
	[DIQ_TRANSFERRED] = { "transferred", F_INT, 0, 1, INT64_MAX },
	[DIQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* done: dev_action_parse checks the word (the page answers 400). */
const struct field dev_view_query[DVQ_MAX + 1] = {
	[DVQ_DONE]	= { "done", F_CODE, 0, 0, 32 },
	[DVQ_RECEIPT]	= { "receipt", F_BOOL, 0, 0, 1 },
	[DVQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field dev_csv_query[DCQ_MAX + 1] = {
	[DCQ_SEP]	= { "sep", F_CODE, 0, 0, 16 },
	[DCQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

int
dev_csv_sep(const char *sep, int *comma)
{
	*comma = 0;
	if (sep == NULL || strcmp(sep, "semicolon") == 0)
		return 0;
	if (strcmp(sep, "comma") != 0)
		return -1;
	*comma = 1;
	return 0;
}
