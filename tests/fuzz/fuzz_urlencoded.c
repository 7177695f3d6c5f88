/* fuzz_urlencoded.c: application/x-www-form-urlencoded bodies (and query
 * strings, which share the parser) through http_parse_urlencoded. The body
 * is not NUL-terminated: the parser must stay within len bytes. */
#include "fuzz.h"

#include "http/http.h"
#include "util/arena.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct kv	*kv;
	size_t		 n, i;
	char		*body;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if ((body = malloc(size ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(body, data, size);
	if ((a = arena_new(8 * 1024 * 1024)) == NULL) {
		free(body);
		return 0;
	}
	if (http_parse_urlencoded(a, body, size, &kv, &n) == 0) {
		FUZZ_CHECK(n <= HTTP_MAX_FIELDS);
		FUZZ_CHECK(n == 0 || kv != NULL);
		for (i = 0; i < n; i++) {
			FUZZ_CHECK(kv[i].key != NULL && kv[i].value != NULL);
			FUZZ_CHECK(kv[i].key[0] != '\0');
			/* Decoding never grows a component. */
			FUZZ_CHECK(strlen(kv[i].key) + strlen(kv[i].value) <= size);
		}
	}
	arena_free(a);
	free(body);
	return 0;
}
