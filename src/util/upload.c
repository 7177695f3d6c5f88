/* upload.c: the shared limits on uploaded files (upload.h). */
#include "util/upload.h"

#include <string.h>

int
upload_check(const struct upload_file *f, size_t n)
{
	size_t i, total = 0;

	if (n == 0)
		return 0;
	if (f == NULL || n > UPLOAD_FILES_MAX)
		return -1;
	for (i = 0; i < n; i++) {
		if (f[i].name == NULL || f[i].name[0] == '\0' ||
		    strlen(f[i].name) > UPLOAD_NAME_MAX ||
		    (f[i].data == NULL && f[i].len > 0) ||
		    (f[i].content_type != NULL && strlen(f[i].content_type) > 255))
			return -1;
		if (f[i].len > UPLOAD_BYTES_MAX - total)
			return -1;
		total += f[i].len;
	}
	return 0;
}
