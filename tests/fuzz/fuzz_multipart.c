/* fuzz_multipart.c: multipart/form-data bodies (RFC 7578) through
 * http_parse_multipart. The input is "content-type\nbody"; without a
 * newline the whole input is the body under a fixed boundary. The body is
 * copied into a block of exactly its length (not NUL-terminated). */
#include "fuzz.h"

#include "http/http.h"
#include "util/arena.h"

#define DEFAULT_CT "multipart/form-data; boundary=----b0undary"

static int
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a;
	struct kv		*form;
	struct http_file	*files;
	size_t			 nform, nfiles, i, blen;
	const uint8_t		*nl;
	char			*ct, *body;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if ((nl = memchr(data, '\n', size)) != NULL) {
		ct = fuzz_cstr(data, (size_t)(nl - data));
		blen = size - (size_t)(nl - data) - 1;
		nl++;
	} else {
		ct = fuzz_cstr((const uint8_t *)DEFAULT_CT, strlen(DEFAULT_CT));
		blen = size;
		nl = data;
	}
	if (ct == NULL)
		return 0;
	if ((body = malloc(blen ? blen : 1)) == NULL) {
		free(ct);
		return 0;
	}
	if (blen > 0)
		memcpy(body, nl, blen);
	if ((a = arena_new(32 * 1024 * 1024)) == NULL) {
		free(body);
		free(ct);
		return 0;
	}
	if (http_parse_multipart(a, ct, body, blen, &form, &nform,
	    &files, &nfiles) == 0) {
		FUZZ_CHECK(nform <= HTTP_MAX_FIELDS);
		FUZZ_CHECK(nfiles <= HTTP_MAX_FILES);
		for (i = 0; i < nform; i++)
			FUZZ_CHECK(form[i].key != NULL && form[i].value != NULL);
		for (i = 0; i < nfiles; i++) {
			FUZZ_CHECK(files[i].filename != NULL);
			FUZZ_CHECK(strlen(files[i].filename) <= HTTP_MAX_FILENAME);
			FUZZ_CHECK(strchr(files[i].filename, '/') == NULL);
			FUZZ_CHECK(strchr(files[i].filename, '\\') == NULL);
			FUZZ_CHECK(strcmp(files[i].filename, ".") != 0 &&
			    strcmp(files[i].filename, "..") != 0);
			FUZZ_CHECK(!has_control(files[i].filename));
			/* File data lies within the body. */
			FUZZ_CHECK(files[i].len <= blen);
			FUZZ_CHECK(files[i].len == 0 ||
			    ((const char *)files[i].data >= body &&
			    (const char *)files[i].data + files[i].len <= body + blen));
		}
	}
	arena_free(a);
	free(body);
	free(ct);
	return 0;
}
