/* file.c: the file that may come with a done occurrence (the minutes of
 * the AMU meeting, the signed report to the control committee, a photo of
 * the fire drill's list). Recognised by its content with the functions
 * the document register (doc_file_sniff) and deviation photos (img_sniff,
 * img_strip) use, never by the name or the type sent; its name must say
 * the same. Kept in the occurrence's row with its SHA-256. Who may read
 * it is who may see the task (wheel_task_read). */
#include "wheel/wheel.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "ctx.h"
#include "document/document.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/filename.h"
#include "util/imgstrip.h"
#include "util/upload.h"
#include "wheel/wheel_int.h"

static const char SQL_FILE[] =
    "SELECT file_name, file_type, file_sha256, file_data FROM wheel_occurrences"
    " WHERE tenant_id = $1 AND task_id = $2 AND due_on = $3"
    " AND file_data IS NOT NULL";

static int
ends_with(const char *name, const char *ext)
{
	size_t nl = strlen(name), el = strlen(ext);

	return nl > el && strcasecmp(name + nl - el, ext) == 0;
}

static const char *
mime_of(const char *type)
{
	if (strcmp(type, "png") == 0)
		return "image/png";
	if (strcmp(type, "jpeg") == 0)
		return "image/jpeg";
	return doc_file_mime(type);
}

int
wheel_file_check(struct ctx *ctx, const struct wheel_input *in,
    struct wheel_file *out, const char **why)
{
	unsigned char	 h[crypto_hash_sha256_BYTES];
	unsigned char	*stripped;
	char		*hex;
	size_t		 slen;
	enum img_type	 img;
	int		 named;

	memset(out, 0, sizeof(*out));
	if (in->file_len == 0 && (in->file_name == NULL || *in->file_name == '\0'))
		return 0;
	*why = N_("Attach a PDF, DOCX, ODT, XLSX, PNG or JPEG file.");
	if (in->file_len == 0) {
		*why = N_("The file is empty.");
		return WHEEL_ERR_INVALID;
	}
	if (in->file_len > WHEEL_FILE_MAX) {
		*why = N_("The file is too large (at most 10 MB).");
		return WHEEL_ERR_INVALID;
	}
	if ((out->name = filename_clean(ctx->arena, in->file_name != NULL ?
	    in->file_name : "", UPLOAD_NAME_MAX)) == NULL)
		return DB_ERR;
	out->data = in->file_data;
	out->len = in->file_len;
	if ((out->type = doc_file_sniff(in->file_data, in->file_len)) != NULL)
		named = ends_with(out->name, doc_file_ext(out->type));
	else if ((img = img_sniff(in->file_data, in->file_len)) != IMG_NONE) {
		out->type = img == IMG_PNG ? "png" : "jpeg";
		named = img == IMG_PNG ? ends_with(out->name, ".png") :
		    ends_with(out->name, ".jpg") || ends_with(out->name, ".jpeg");
		/* What the camera wrote (the GPS position) is not kept. */
		if (named && img_strip(ctx->arena, in->file_data, in->file_len,
		    &stripped, &slen) != 0)
			return WHEEL_ERR_INVALID;
		if (named) {
			out->data = stripped;
			out->len = slen;
		}
	} else
		return WHEEL_ERR_INVALID;
	if (!named) {
		*why = N_("The file is not what its name says.");
		return WHEEL_ERR_INVALID;
	}
	out->mime = mime_of(out->type);
	crypto_hash_sha256(h, out->data, out->len);
	if ((hex = arena_alloc(ctx->arena, 2 * sizeof(h) + 1)) == NULL)
		return DB_ERR;
	sodium_bin2hex(hex, 2 * sizeof(h) + 1, h, sizeof(h));
	out->sha256 = hex;
	*why = NULL;
	return 0;
}

int
wheel_file_get(struct ctx *ctx, int64_t task_id, int64_t due_on,
    struct wheel_file *out)
{
	struct wheel_task	 t;
	struct dbstmt		*st;
	const void		*data;
	unsigned char		*copy;
	size_t			 len = 0;
	char			 due[11];
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = wheel_task_read(ctx, task_id, &t)) != 0)
		return rc == DB_ERR ? rc : WHEEL_ERR_NOTFOUND;
	wheel_day_iso(due_on, due);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_FILE, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, task_id);
	db_bind_text(st, 3, due);
	if ((rc = db_step(st)) == DB_ROW) {
		out->name = arena_strdup(ctx->arena, db_col_text(st, 0));
		out->type = arena_strdup(ctx->arena, db_col_text(st, 1));
		out->sha256 = arena_strdup(ctx->arena, db_col_text(st, 2));
		data = db_col_blob(st, 3, &len);
		if ((copy = arena_alloc(ctx->arena, len + 1)) != NULL && len > 0)
			memcpy(copy, data, len);
		out->data = copy;
		out->len = len;
		rc = out->name != NULL && out->type != NULL && copy != NULL ?
		    DB_ROW : DB_ERR;
	}
	db_reset(st);
	if (rc == DB_DONE)
		return WHEEL_ERR_NOTFOUND;
	if (rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	out->mime = mime_of(out->type);
	return 0;
}
