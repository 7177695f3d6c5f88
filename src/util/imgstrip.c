/* imgstrip.c: metadata out of JPEG and PNG files (see imgstrip.h). Every
 * length is checked against what is left before it is used; a file that
 * does not parse is refused rather than passed through. */
#include "util/imgstrip.h"

#include <stdint.h>
#include <string.h>

#include "util/arena.h"

static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

enum img_type
img_sniff(const unsigned char *d, size_t len)
{
	if (len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return IMG_JPEG;
	if (len >= 8 && memcmp(d, png_sig, 8) == 0)
		return IMG_PNG;
	return IMG_NONE;
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The orientation (1..8) in an APP1 EXIF payload (after the length), or
 * 0 when there is none or it does not parse. */
static unsigned
exif_orientation(const unsigned char *p, size_t n)
{
	const unsigned char	*t;
	size_t			 tn, ifd, cnt, i, e;
	int			 le;
	unsigned		 tag, v;

	if (n < 6 + 8 || memcmp(p, "Exif\0\0", 6) != 0)
		return 0;
	t = p + 6;
	tn = n - 6;
	if (t[0] == 'I' && t[1] == 'I')
		le = 1;
	else if (t[0] == 'M' && t[1] == 'M')
		le = 0;
	else
		return 0;
#define U16(q) (le ? (unsigned)(q)[0] | (unsigned)(q)[1] << 8 : be16(q))
#define U32(q) (le ? (uint32_t)(q)[0] | (uint32_t)(q)[1] << 8 | \
	(uint32_t)(q)[2] << 16 | (uint32_t)(q)[3] << 24 : be32(q))
	ifd = U32(t + 4);
	if (ifd > tn || tn - ifd < 2)
		return 0;
	cnt = U16(t + ifd);
	for (i = 0; i < cnt; i++) {
		e = ifd + 2 + i * 12;
		if (e > tn || tn - e < 12)
			return 0;
		tag = U16(t + e);
		if (tag == 0x0112 && U16(t + e + 2) == 3) {
			v = U16(t + e + 8);
			return v >= 1 && v <= 8 ? v : 0;
		}
	}
#undef U16
#undef U32
	return 0;
}

/* A minimal APP1 holding only the orientation: 36 bytes. */
static size_t
put_orientation(unsigned char *o, unsigned v)
{
	static const unsigned char head[] = {
		0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
		'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
		0x00, 0x01,			/* one entry */
		0x01, 0x12, 0x00, 0x03,		/* Orientation, SHORT */
		0x00, 0x00, 0x00, 0x01,		/* count 1 */
	};

	memcpy(o, head, sizeof(head));
	o[sizeof(head) + 0] = 0;
	o[sizeof(head) + 1] = (unsigned char)v;
	memset(o + sizeof(head) + 2, 0, 2 + 4);	/* padding, next IFD 0 */
	return sizeof(head) + 8;
}

static int
strip_jpeg(const unsigned char *d, size_t len, unsigned char *o, size_t *olen)
{
	size_t		i = 2, n = 0, seg, start;
	unsigned	m, orient = 0;
	int		wrote_orient = 0, in_scan = 0;

	o[n++] = 0xff;
	o[n++] = 0xd8;
	while (i < len) {
		if (in_scan) {
			/* Entropy-coded data: copy up to the next marker that
			 * is neither a stuffed 0xff00 nor a restart. */
			start = i;
			while (i < len && !(d[i] == 0xff && i + 1 < len &&
			    d[i + 1] != 0x00 && d[i + 1] != 0xff &&
			    !(d[i + 1] >= 0xd0 && d[i + 1] <= 0xd7)))
				i++;
			memcpy(o + n, d + start, i - start);
			n += i - start;
			if (i >= len)
				return -1;	/* no EOI */
			in_scan = 0;
		}
		if (d[i] != 0xff)
			return -1;
		while (i < len && d[i] == 0xff)	/* fill bytes */
			i++;
		if (i >= len)
			return -1;
		m = d[i++];
		if (m == 0xd9) {		/* EOI: the end; nothing after it */
			o[n++] = 0xff;
			o[n++] = 0xd9;
			*olen = n;
			return 0;
		}
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			return -1;	/* SOI again, TEM, RST outside a scan */
		if (len - i < 2 || (seg = be16(d + i)) < 2 || seg > len - i)
			return -1;
		if (m == 0xe1 && orient == 0)
			orient = exif_orientation(d + i + 2, seg - 2);
		if ((m >= 0xe1 && m <= 0xef) || m == 0xfe) {
			i += seg;	/* metadata: dropped */
			continue;
		}
		/* Before the first frame header, the orientation block. */
		if (!wrote_orient && orient != 0 && ((m >= 0xc0 && m <= 0xcf &&
		    m != 0xc4 && m != 0xc8 && m != 0xcc) || m == 0xda)) {
			n += put_orientation(o + n, orient);
			wrote_orient = 1;
		}
		o[n++] = 0xff;
		o[n++] = (unsigned char)m;
		memcpy(o + n, d + i, seg);
		n += seg;
		i += seg;
		if (m == 0xda)
			in_scan = 1;
	}
	return -1;
}

/* Ancillary chunks that describe how to show the pixels, nothing else. */
static int
png_keep(const unsigned char *type)
{
	static const char *const keep[] = { "tRNS", "gAMA", "cHRM", "sRGB",
	    "sBIT", "bKGD", "pHYs", NULL };
	size_t i;

	if (type[0] >= 'A' && type[0] <= 'Z')	/* critical */
		return 1;
	for (i = 0; keep[i] != NULL; i++)
		if (memcmp(type, keep[i], 4) == 0)
			return 1;
	return 0;
}

static int
strip_png(const unsigned char *d, size_t len, unsigned char *o, size_t *olen)
{
	size_t		i = 8, n = 8, clen;
	int		first = 1;

	memcpy(o, png_sig, 8);
	while (len - i >= 12) {
		clen = be32(d + i);
		if (clen > len - i - 12)
			return -1;
		if (first && memcmp(d + i + 4, "IHDR", 4) != 0)
			return -1;
		first = 0;
		if (png_keep(d + i + 4)) {
			memcpy(o + n, d + i, clen + 12);
			n += clen + 12;
		}
		if (memcmp(d + i + 4, "IEND", 4) == 0) {
			*olen = n;
			return 0;
		}
		i += clen + 12;
	}
	return -1;
}

int
img_strip(struct arena *a, const unsigned char *data, size_t len,
    unsigned char **out, size_t *outlen)
{
	enum img_type	 t = img_sniff(data, len);
	unsigned char	*o;

	*out = NULL;
	*outlen = 0;
	if (t == IMG_NONE || len > SIZE_MAX - 64)
		return -1;
	if ((o = arena_alloc(a, len + 64)) == NULL)
		return -1;
	if ((t == IMG_JPEG ? strip_jpeg(data, len, o, outlen) :
	    strip_png(data, len, o, outlen)) != 0)
		return -1;
	*out = o;
	return 0;
}
