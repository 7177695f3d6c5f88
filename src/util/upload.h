/* upload.h: files people send with a report, on any path (a multipart
 * form or base64 in JSON), and the limits every upload shares: the
 * whistleblowing evidence and the photos on a deviation take the same
 * number of files and bytes. */
#ifndef ORDEN_UTIL_UPLOAD_H
#define ORDEN_UTIL_UPLOAD_H

#include <stddef.h>

/* Borrowed: the bytes live in the request (or its arena). */
struct upload_file {
	const char		*name, *content_type;	/* as sent; cleaned by the model */
	const unsigned char	*data;
	size_t			 len;
};

#define UPLOAD_FILES_MAX	5			/* files in one request */
#define UPLOAD_BYTES_MAX	(10 * 1024 * 1024)	/* their bytes together */
#define UPLOAD_NAME_MAX		200			/* bytes of a name as sent */

/* Within the limits: at most UPLOAD_FILES_MAX files, each with a name of
 * 1..UPLOAD_NAME_MAX bytes and a content type of at most 255, at most
 * UPLOAD_BYTES_MAX together. 0 or -1. */
int	upload_check(const struct upload_file *, size_t n);

#endif
