/* fuzz_imgstrip.c: the photo metadata stripper (img_strip) on any bytes.
 * It never reads past the input; what it accepts is at most 64 bytes
 * longer, of the same type, and stripping it again gives the same bytes. */
#include "fuzz.h"

#include "util/arena.h"
#include "util/imgstrip.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	unsigned char	*in, *o, *o2;
	size_t		 n, n2;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if ((in = malloc(size ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(in, data, size);
	if ((a = arena_new(4 * FUZZ_MAX_INPUT)) == NULL) {
		free(in);
		return 0;
	}
	if (img_strip(a, in, size, &o, &n) == 0) {
		FUZZ_CHECK(n <= size + 64);
		FUZZ_CHECK(img_sniff(o, n) == img_sniff(in, size));
		FUZZ_CHECK(img_strip(a, o, n, &o2, &n2) == 0);
		FUZZ_CHECK(n2 == n && memcmp(o2, o, n) == 0);
	}
	arena_free(a);
	free(in);
	return 0;
}
