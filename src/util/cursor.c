/* cursor.c: see cursor.h. */
#include "util/cursor.h"

#include <stdio.h>

#include "util/num.h"

int
cursor_parse(const char *s, int64_t *at, int64_t *id)
{
	char	 part[24];
	size_t	 i;

	if (s == NULL)
		return -1;
	for (i = 0; s[i] != '\0' && s[i] != '.'; i++)
		if (i + 1 >= sizeof(part))
			return -1;
	if (s[i] != '.' || i == 0)
		return -1;
	snprintf(part, sizeof(part), "%.*s", (int)i, s);
	if (num_parse_i64(part, 0, INT64_MAX, at) != 0 ||
	    num_parse_i64(s + i + 1, 1, INT64_MAX, id) != 0)
		return -1;
	return 0;
}

void
cursor_format(char out[CURSOR_MAX], int64_t at, int64_t id)
{
	snprintf(out, CURSOR_MAX, "%lld.%lld", (long long)at, (long long)id);
}
