/* filename.h: the name an uploaded file may be kept and shown under.
 * Shared by every upload (whistleblowing evidence, deviation photos) on
 * every path (multipart forms and base64 JSON), so the rule is one. */
#ifndef ORDEN_UTIL_FILENAME_H
#define ORDEN_UTIL_FILENAME_H

#include <stddef.h>

struct arena;

/* What follows the last / or \, without C0/C1 controls, line and
 * paragraph separators, bidirectional and other invisible format
 * characters (U+202E and its kin, zero-width characters, BOM, tags) and
 * invalid UTF-8; at most max bytes, cut at a character boundary; leading
 * and trailing spaces and dots removed; "file" when nothing is left. In
 * the arena; NULL only when out of memory. */
const char *filename_clean(struct arena *, const char *name, size_t max);

/* A MIME type made only of token characters and one '/', lower-cased
 * (at most 100 bytes), else "application/octet-stream". In the arena. */
const char *filename_content_type(struct arena *, const char *ct);

/* A Content-Disposition value: kind ("inline" or "attachment") and the
 * name percent-encoded as RFC 6266 filename*=UTF-8''... In the arena. */
const char *filename_disposition(struct arena *, const char *kind,
	    const char *name);

#endif
