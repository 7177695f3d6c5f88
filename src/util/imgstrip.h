/* imgstrip.h: photos without what the camera wrote about them. A phone's
 * JPEG carries EXIF (GPS position, time, device serial), XMP and maker
 * notes, often a thumbnail of the uncropped picture, and sometimes a
 * video after the image; a PNG may carry text chunks. None of that may
 * reach the database with a deviation's photo.
 *
 * No Debian library rewrites JPEG and PNG metadata without re-encoding
 * (libexif reads and builds EXIF but does not rewrite files; libjpeg and
 * libpng would decode and re-encode the image), so this is a small walker
 * over the files' own structure: segments and chunks are kept or dropped
 * whole, and the image data is copied byte for byte. */
#ifndef ORDEN_UTIL_IMGSTRIP_H
#define ORDEN_UTIL_IMGSTRIP_H

#include <stddef.h>

struct arena;

enum img_type { IMG_NONE, IMG_JPEG, IMG_PNG };

/* The type by the first bytes (never by a name or a sent type). */
enum img_type img_sniff(const unsigned char *data, size_t len);

/* The image at data without metadata, into a new arena buffer (*out,
 * *outlen; never larger than len + 34). JPEG: every APP1..APP15 and COM
 * segment dropped (EXIF, XMP, ICC, MPF thumbnails, maker notes), except
 * that an EXIF orientation is rewritten as a minimal EXIF block holding
 * only it (so the photo is not shown sideways); nothing after EOI. PNG:
 * only critical chunks and tRNS, gAMA, cHRM, sRGB, sBIT, bKGD, pHYs kept
 * (no tEXt, zTXt, iTXt, eXIf, tIME, iCCP); nothing after IEND. 0, or -1
 * when the file is not a well-formed JPEG or PNG of that structure. */
int	img_strip(struct arena *, const unsigned char *data, size_t len,
	    unsigned char **out, size_t *outlen);

#endif
