/* test_imgstrip.c: what a phone writes into a photo (EXIF with GPS, XMP,
 * a comment, a video after the image, PNG text chunks) is gone after
 * img_strip, the picture's own bytes are untouched, the EXIF orientation
 * survives alone, and broken files are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/arena.h"
#include "util/imgstrip.h"

static int
has(const unsigned char *h, size_t hn, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= hn; i++)
		if (memcmp(h + i, needle, n) == 0)
			return 1;
	return 0;
}

/* SOI, APP0 JFIF, APP1 EXIF (little endian, orientation 6, a "GPS"
 * string), APP1 XMP, COM, DQT, SOF0, SOS with data holding 0xff00 and a
 * restart marker, EOI, then a "video". */
static const unsigned char jpeg[] = {
	0xff, 0xd8,
	0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
	0xff, 0xe1, 0x00, 0x30, 'E', 'x', 'i', 'f', 0, 0,
	'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
	0x01, 0x00,
	0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
	'G', 'P', 'S', '-', '5', '9', '.', '9', '1', 'N', '1', '0', '.', '7',
	0xff, 0xe1, 0x00, 0x0e, 'h', 't', 't', 'p', ':', 'x', 'm', 'p', '-', 'X', 'M', 'P',
	0xff, 0xfe, 0x00, 0x0b, 'K', 'a', 'r', 'i', 's', '-', 'm', 'o', 'b',
	0xff, 0xdb, 0x00, 0x04, 0x00, 0x01,
	0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
	0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
	0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56,
	0xff, 0xd9,
	'M', 'O', 'T', 'I', 'O', 'N', '-', 'V', 'I', 'D', 'E', 'O',
};

static void
test_jpeg_loses_metadata_keeps_picture(void **st)
{
	struct arena	*a = arena_new(1 << 20);
	unsigned char	*o;
	size_t		 n;
	static const unsigned char scan[] = { 0xff, 0xda, 0x00, 0x08, 0x01,
	    0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0,
	    0x56, 0xff, 0xd9 };
	static const unsigned char orient[] = { 'E', 'x', 'i', 'f', 0, 0, 'M',
	    'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12,
	    0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06 };

	(void)st;
	assert_int_equal(img_sniff(jpeg, sizeof(jpeg)), IMG_JPEG);
	assert_int_equal(img_strip(a, jpeg, sizeof(jpeg), &o, &n), 0);
	assert_false(has(o, n, "GPS-59"));
	assert_false(has(o, n, "xmp-XMP"));
	assert_false(has(o, n, "Karis-mob"));
	assert_false(has(o, n, "MOTION"));
	assert_true(has(o, n, "JFIF"));
	/* The scan and EOI are the file's last bytes, unchanged. */
	assert_true(n > sizeof(scan));
	assert_memory_equal(o + n - sizeof(scan), scan, sizeof(scan));
	/* The orientation alone, so the photo is not shown sideways. */
	assert_true(has(o, n, "Exif"));
	{
		size_t i;
		int found = 0;

		for (i = 0; i + sizeof(orient) <= n; i++)
			if (memcmp(o + i, orient, sizeof(orient)) == 0)
				found = 1;
		assert_true(found);
	}
	/* Idempotent: stripping again changes nothing. */
	{
		unsigned char	*o2;
		size_t		 n2;

		assert_int_equal(img_strip(a, o, n, &o2, &n2), 0);
		assert_int_equal(n2, n);
		assert_memory_equal(o2, o, n);
	}
	arena_free(a);
}

static void
test_broken_files_are_refused(void **st)
{
	struct arena	*a = arena_new(1 << 20);
	unsigned char	*o, bad[sizeof(jpeg)];
	size_t		 n, cut;

	(void)st;
	/* Every truncation (no EOI) is refused, never read past. */
	for (cut = 0; cut < sizeof(jpeg) - 12; cut++)
		assert_int_equal(img_strip(a, jpeg, cut, &o, &n), -1);
	/* A segment length past the end. */
	memcpy(bad, jpeg, sizeof(jpeg));
	bad[4] = 0xff;
	assert_int_equal(img_strip(a, bad, sizeof(bad), &o, &n), -1);
	assert_int_equal(img_strip(a, (const unsigned char *)"GIF89a....", 10, &o, &n), -1);
	assert_int_equal(img_sniff((const unsigned char *)"<svg", 4), IMG_NONE);
	arena_free(a);
}

static void
test_png_loses_text_chunks(void **st)
{
	struct arena	*a = arena_new(1 << 20);
	unsigned char	 png[256], *o;
	size_t		 n = 0, on;

	(void)st;
	memcpy(png, "\x89PNG\r\n\x1a\n", 8);
	n = 8;
#define CHUNK(type, data, dlen) do {					\
	png[n] = 0; png[n + 1] = 0; png[n + 2] = 0; png[n + 3] = (dlen);	\
	memcpy(png + n + 4, type, 4);					\
	memcpy(png + n + 8, data, dlen);				\
	memset(png + n + 8 + (dlen), 0xaa, 4);				\
	n += 12 + (dlen);						\
} while (0)
	CHUNK("IHDR", "\0\0\0\1\0\0\0\1\x08\x02\0\0\0", 13);
	CHUNK("tEXt", "GPS\0" "59.91N", 10);
	CHUNK("iTXt", "Author\0\0\0\0\0Kari", 15);
	CHUNK("pHYs", "\0\0\0\1\0\0\0\1\1", 9);
	CHUNK("IDAT", "pixels", 6);
	CHUNK("IEND", "", 0);
#undef CHUNK
	memcpy(png + n, "TRAILER", 7);
	assert_int_equal(img_sniff(png, n + 7), IMG_PNG);
	assert_int_equal(img_strip(a, png, n + 7, &o, &on), 0);
	assert_false(has(o, on, "59.91N"));
	assert_false(has(o, on, "Kari"));
	assert_false(has(o, on, "TRAILER"));
	assert_true(has(o, on, "IHDR"));
	assert_true(has(o, on, "pHYs"));
	assert_true(has(o, on, "pixels"));
	assert_true(has(o, on, "IEND"));
	/* Truncated: refused. */
	assert_int_equal(img_strip(a, png, n - 3, &o, &on), -1);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jpeg_loses_metadata_keeps_picture),
		cmocka_unit_test(test_broken_files_are_refused),
		cmocka_unit_test(test_png_loses_text_chunks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
