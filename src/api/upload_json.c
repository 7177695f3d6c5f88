/* upload_json.c: files sent in a JSON body as
 * "<field>": [{"name", "content_type", "data" (base64)}], for every API
 * route that takes files (whistleblowing reports, deviations), with the
 * limits of util/upload.h. */
#include "api/api.h"

#include <jansson.h>
#include <sodium.h>
#include <string.h>

#include "ctx.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/upload.h"

int
api_upload_parse(struct http_req *req, const char *field,
    struct upload_file **out, size_t *nout, const char **why)
{
	struct ctx		*ctx = req->ctx;
	struct upload_file	*f;
	json_t			*root, *arr, *it;
	json_error_t		 jerr;
	size_t			 i, n, total = 0, blen, dlen;
	const char		*b64, *name, *ct;
	unsigned char		*data;
	int			 rc = -1;

	*out = NULL;
	*nout = 0;
	*why = NULL;
	if (req->body == NULL)
		return 0;
	if ((root = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return 0;	/* the field check has answered for bad JSON */
	arr = json_object_get(root, field);
	if (arr == NULL || json_is_null(arr)) {
		rc = 0;
		goto out;
	}
	if (!json_is_array(arr)) {
		*why = _("must be an array of {name, content_type, data}");
		goto out;
	}
	if ((n = json_array_size(arr)) == 0) {
		rc = 0;
		goto out;
	}
	if (n > UPLOAD_FILES_MAX) {
		*why = _("at most 5 files");
		goto out;
	}
	if ((f = arena_alloc(ctx->arena, n * sizeof(*f))) == NULL) {
		*why = _("too large");
		goto out;
	}
	for (i = 0; i < n; i++) {
		it = json_array_get(arr, i);
		name = json_string_value(json_object_get(it, "name"));
		ct = json_string_value(json_object_get(it, "content_type"));
		b64 = json_string_value(json_object_get(it, "data"));
		if (!json_is_object(it) || name == NULL || name[0] == '\0' ||
		    strlen(name) > UPLOAD_NAME_MAX || b64 == NULL ||
		    (json_object_get(it, "content_type") != NULL && ct == NULL)) {
			*why = _("each file needs a name (at most 200 bytes) and base64 data");
			goto out;
		}
		blen = json_string_length(json_object_get(it, "data"));
		dlen = blen / 4 * 3 + 3;
		if (dlen > UPLOAD_BYTES_MAX - total + 3) {
			*why = _("at most 10 MB of files together");
			goto out;
		}
		if ((data = arena_alloc(ctx->arena, dlen ? dlen : 1)) == NULL) {
			*why = _("too large");
			goto out;
		}
		if (sodium_base642bin(data, dlen, b64, blen, "\r\n", &dlen, NULL,
		    sodium_base64_VARIANT_ORIGINAL) != 0) {
			*why = _("data is not valid base64");
			goto out;
		}
		if (dlen > UPLOAD_BYTES_MAX - total) {
			*why = _("at most 10 MB of files together");
			goto out;
		}
		total += dlen;
		f[i].name = arena_strdup(ctx->arena, name);
		f[i].content_type = ct != NULL ? arena_strdup(ctx->arena, ct) : NULL;
		f[i].data = data;
		f[i].len = dlen;
		if (f[i].name == NULL || (ct != NULL && f[i].content_type == NULL)) {
			*why = _("too large");
			goto out;
		}
	}
	*out = f;
	*nout = n;
	rc = 0;
out:
	json_decref(root);
	return rc;
}
