/* fuzz_cookie.c: the Cookie request header through http_parse_cookie. The
 * input is "name\nheader"; without a newline the whole input is the header
 * and the session cookie's name is looked up, then the language cookie's. */
#include "fuzz.h"

#include "http/http.h"
#include "util/arena.h"

static void
one(struct arena *a, const char *header, const char *name)
{
	const char	*value = (const char *)1;

	if (http_parse_cookie(a, header, name, &value) == 0) {
		if (value != NULL) {
			FUZZ_CHECK(strlen(value) <= strlen(header));
			FUZZ_CHECK(strchr(value, ';') == NULL);
		}
	} else {
		FUZZ_CHECK(value == NULL);
		FUZZ_CHECK(strlen(header) > HTTP_MAX_HEADER);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	char		*in, *nl;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if ((in = fuzz_cstr(data, size)) == NULL)
		return 0;
	if ((a = arena_new(1024 * 1024)) == NULL) {
		free(in);
		return 0;
	}
	if ((nl = memchr(in, '\n', size)) != NULL) {
		*nl = '\0';
		one(a, nl + 1, in);
	} else {
		one(a, in, "orden_session");
		one(a, in, "orden_lang");
	}
	arena_free(a);
	free(in);
	return 0;
}
