/* attach.c: evidence on a case. A file is as secret as the report it came
 * with: its name, type, size and bytes are encrypted under the case key,
 * each bound (associated data) to the case, the attachment id and the
 * field, so no ciphertext can be moved to another case or attachment.
 * Only handlers who declared impartiality read them (like the content);
 * a reporter sees the names of what they sent. Every read is audited. */
#include "whistle/wb_int.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/filename.h"

/* The meta JSON is padded to a multiple of this before encryption, so its
 * length does not tell the length of the name. */
#define ATT_META_PAD	256

static const char SQL_ATT_INSERT[] =
    "INSERT INTO whistle_attachments (tenant_id, case_id, meta, data, created_at)"
    " VALUES ($1, $2, $4, $4, $3) RETURNING id";	/* $4: empty until sealed */
static const char SQL_ATT_SEAL[] =
    "UPDATE whistle_attachments SET meta = $3, data = $4"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_ATT_LIST[] =
    "SELECT id, meta, created_at FROM whistle_attachments"
    " WHERE tenant_id = $1 AND case_id = $2 ORDER BY id LIMIT 100";
static const char SQL_ATT_GET[] =
    "SELECT meta, data, created_at FROM whistle_attachments"
    " WHERE tenant_id = $1 AND case_id = $2 AND id = $3";
static const char SQL_ATT_COUNT[] =
    "SELECT count(*) FROM whistle_attachments WHERE tenant_id = $1 AND case_id = $2";

static int
att_ad(char *ad, size_t sz, int64_t case_id, int64_t att_id, const char *field)
{
	int n = snprintf(ad, sz, "orden:whistle:%lld:attachment:%lld:%s",
	    (long long)case_id, (long long)att_id, field);

	return n > 0 && (size_t)n < sz ? 0 : -1;
}

int
wb_attach_check(const struct wb_attachment *a, size_t n)
{
	size_t i, total = 0;

	if (n == 0)
		return 0;
	if (a == NULL || n > WB_ATTACH_MAX)
		return WB_ERR_INVALID;
	for (i = 0; i < n; i++) {
		if (a[i].name == NULL || a[i].name[0] == '\0' ||
		    strlen(a[i].name) > 255 || (a[i].data == NULL && a[i].len > 0) ||
		    (a[i].content_type != NULL && strlen(a[i].content_type) > 255))
			return WB_ERR_INVALID;
		if (a[i].len > WB_ATTACH_BYTES - total)
			return WB_ERR_INVALID;
		total += a[i].len;
	}
	return 0;
}

/* The meta document, encrypted into out. */
static int
seal_meta(const unsigned char key[VAULT_KEY], int64_t case_id, int64_t att_id,
    const struct wb_attachment *a, int from_reporter, struct buf *out)
{
	json_t	*o;
	char	*s = NULL, ad[128];
	struct buf pad;
	int	 rc = -1;

	buf_init(&pad, 4096);
	o = json_pack("{s:s, s:s, s:I, s:b}", "name", a->name, "content_type",
	    a->content_type != NULL && a->content_type[0] != '\0' ?
	    a->content_type : "application/octet-stream",
	    "size", (json_int_t)a->len, "from_reporter", from_reporter);
	if (o == NULL || (s = json_dumps(o, JSON_COMPACT)) == NULL)
		goto out;
	buf_puts(&pad, s);
	while (!buf_failed(&pad) && pad.len % ATT_META_PAD != 0)
		buf_putc(&pad, ' ');
	if (buf_failed(&pad) || att_ad(ad, sizeof(ad), case_id, att_id, "meta") != 0)
		goto out;
	rc = vault_encrypt(key, pad.data, pad.len, ad, out) == 0 ? 0 : -1;
out:
	if (s != NULL) {
		sodium_memzero(s, strlen(s));
		free(s);
	}
	if (pad.data != NULL)
		sodium_memzero(pad.data, pad.len);
	buf_free(&pad);
	json_decref(o);
	return rc;
}

static int
open_meta(struct ctx *ctx, const unsigned char key[VAULT_KEY], int64_t case_id,
    int64_t att_id, const void *blob, size_t len, struct wb_attachment_info *out)
{
	char		 ad[128], *text;
	size_t		 n;
	json_t		*o;
	json_error_t	 e;
	int		 rc = -1;

	if (blob == NULL || att_ad(ad, sizeof(ad), case_id, att_id, "meta") != 0 ||
	    vault_decrypt(key, blob, len, ad, ctx->arena, &text, &n) != 0)
		return -1;
	if ((o = json_loadb(text, n, 0, &e)) == NULL)
		goto out;
	out->id = att_id;
	/* Cleaned again on the way out: a name stored before the cleaning
	 * covered every path is shown as it would be stored today. */
	out->name = json_string_value(json_object_get(o, "name")) == NULL ? NULL :
	    filename_clean(ctx->arena, json_string_value(json_object_get(o,
	    "name")), WB_ATTACH_NAME_MAX);
	out->content_type = filename_content_type(ctx->arena,
	    json_string_value(json_object_get(o, "content_type")));
	out->size = json_integer_value(json_object_get(o, "size"));
	out->from_reporter = json_is_true(json_object_get(o, "from_reporter"));
	if (out->name != NULL && out->content_type != NULL)
		rc = 0;
	json_decref(o);
out:
	sodium_memzero(text, n);
	return rc;
}

int
wb_attach_store(struct ctx *ctx, const unsigned char key[VAULT_KEY], int64_t case_id,
    int from_reporter, const struct wb_attachment *a, size_t n)
{
	struct dbstmt	*st;
	struct buf	 meta, data;
	struct wb_attachment one;
	char		 ad[128];
	int64_t		 aid;
	size_t		 i;
	int		 rc = 0;

	if (n == 0)
		return 0;
	if (wb_attach_check(a, n) != 0)
		return WB_ERR_INVALID;
	buf_init(&meta, 64 * 1024);
	buf_init(&data, WB_ATTACH_BYTES + 1024);
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ATT_INSERT,
		    &st)) != DB_OK)
			break;
		db_bind_int(st, 2, case_id);
		db_bind_int(st, 3, ctx->now);
		/* Bound, not written x'': that is a bit string on PostgreSQL. */
		db_bind_blob(st, 4, "", 0);
		rc = db_step(st);
		aid = rc == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
		if (aid <= 0) {
			rc = rc < 0 ? rc : DB_ERR;
			break;
		}
		/* The name and type cleaned here, whichever path they came
		 * by (form or JSON): no path, control or bidi characters. */
		one = a[i];
		one.name = filename_clean(ctx->arena, a[i].name, WB_ATTACH_NAME_MAX);
		one.content_type = filename_content_type(ctx->arena,
		    a[i].content_type);
		/* Bound to the id, known only now. */
		if (one.name == NULL ||
		    seal_meta(key, case_id, aid, &one, from_reporter, &meta) != 0 ||
		    att_ad(ad, sizeof(ad), case_id, aid, "data") != 0 ||
		    vault_encrypt(key, a[i].len ? (const void *)a[i].data : "", a[i].len,
		    ad, &data) != 0) {
			rc = DB_ERR;
			break;
		}
		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ATT_SEAL,
		    &st)) != DB_OK)
			break;
		db_bind_int(st, 2, aid);
		db_bind_blob(st, 3, meta.data, meta.len);
		db_bind_blob(st, 4, data.data, data.len);
		rc = db_step(st);
		db_reset(st);
		rc = rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
	}
	buf_free(&meta);
	buf_free(&data);
	return rc;
}

/* Decrypt the list (meta only) with key; only_reporter keeps those sent
 * with the report. */
static int
list_open(struct ctx *ctx, int64_t case_id, const unsigned char key[VAULT_KEY],
    int only_reporter, struct wb_attachment_info **out, size_t *n)
{
	struct dbstmt		*st;
	struct wb_attachment_info *v = NULL, one;
	size_t			 len = 0, cap = 0, blen;
	const void		*blob;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ATT_LIST, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&one, 0, sizeof(one));
		blob = db_col_blob(st, 1, &blen);
		if (open_meta(ctx, key, case_id, db_col_int(st, 0), blob, blen, &one) != 0) {
			rc = DB_ERR;	/* forged or moved: refuse the lot */
			break;
		}
		one.created_at = db_col_int(st, 2);
		if (only_reporter && !one.from_reporter)
			continue;
		if (arena_grow(ctx->arena, (void **)&v, len, &cap,
		    sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		v[len++] = one;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	*n = len;
	return 0;
}

/* As case.c's unlock: a current, impartial handler's case key, and never
 * to someone the content excludes. */
static int
handler_unlock(struct ctx *ctx, int64_t id, const unsigned char sk[VAULT_SK],
    unsigned char key[VAULT_KEY])
{
	struct wb_case		 meta;
	struct wb_content	 c;
	int			 rc;

	if (ctx->user == NULL)
		return WB_ERR_NOTFOUND;
	if ((rc = whistle_case_get(ctx, id, &meta)) != 0)
		return rc;
	if (!meta.my_impartiality)
		return WB_ERR_LOCKED;
	if ((rc = wb_handler_key(ctx, id, sk, key)) != 0)
		return rc;
	if ((rc = wb_content_open(ctx, key, id, &c)) != 0 ||
	    wb_content_excludes(&c, ctx->user->id)) {
		sodium_memzero(key, VAULT_KEY);
		return rc != 0 ? rc : WB_ERR_NOTFOUND;
	}
	return 0;
}

static int
audit(struct ctx *ctx, int64_t case_id, int as_reporter)
{
	int rc, own;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	rc = wb_audit_read(ctx, case_id, as_reporter);
	return db_tx_finish(ctx->conn, own, rc);
}

int
whistle_attachments(struct ctx *ctx, int64_t case_id, const unsigned char sk[VAULT_SK],
    struct wb_attachment_info **out, size_t *n)
{
	unsigned char	key[VAULT_KEY];
	int		rc;

	*out = NULL;
	*n = 0;
	if ((rc = handler_unlock(ctx, case_id, sk, key)) != 0)
		return rc;
	if ((rc = list_open(ctx, case_id, key, 0, out, n)) == 0)
		rc = audit(ctx, case_id, 0);
	sodium_memzero(key, sizeof(key));
	if (rc != 0) {
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
whistle_attachment_get(struct ctx *ctx, int64_t case_id, int64_t att_id,
    const unsigned char sk[VAULT_SK], struct wb_attachment_info *out)
{
	struct dbstmt	*st;
	unsigned char	 key[VAULT_KEY];
	const void	*blob;
	size_t		 blen, n;
	char		 ad[128], *data;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (att_id <= 0)
		return WB_ERR_NOTFOUND;
	if ((rc = handler_unlock(ctx, case_id, sk, key)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ATT_GET, &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, att_id);
	if ((rc = db_step(st)) == DB_ROW) {
		blob = db_col_blob(st, 0, &blen);
		rc = open_meta(ctx, key, case_id, att_id, blob, blen, out);
		out->created_at = db_col_int(st, 2);
		blob = db_col_blob(st, 1, &blen);
		if (rc == 0 && (att_ad(ad, sizeof(ad), case_id, att_id, "data") != 0 ||
		    blob == NULL ||
		    vault_decrypt(key, blob, blen, ad, ctx->arena, &data, &n) != 0))
			rc = DB_ERR;
		if (rc == 0) {
			out->data = (const unsigned char *)data;
			out->size = (int64_t)n;
		} else
			rc = DB_ERR;
	} else if (rc == DB_DONE)
		rc = WB_ERR_NOTFOUND;
	db_reset(st);
	if (rc == 0)
		rc = audit(ctx, case_id, 0);
out:
	sodium_memzero(key, sizeof(key));
	if (rc != 0)
		memset(out, 0, sizeof(*out));
	return rc;
}

int
whistle_reporter_attachments(struct ctx *ctx, int64_t case_id,
    const unsigned char key[VAULT_KEY], struct wb_attachment_info **out, size_t *n)
{
	struct wb_content c;
	int rc;

	*out = NULL;
	*n = 0;
	/* The key must open this case's content: proof it is theirs. */
	if (key == NULL || wb_content_open(ctx, key, case_id, &c) != 0)
		return WB_ERR_NOTFOUND;
	if ((rc = list_open(ctx, case_id, key, 1, out, n)) == 0)
		rc = audit(ctx, case_id, 1);
	if (rc != 0) {
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
whistle_attach(struct ctx *ctx, int64_t case_id, const unsigned char sk[VAULT_SK],
    const struct wb_attachment *a, size_t n, const char **err_field)
{
	struct dbstmt	*st;
	unsigned char	 key[VAULT_KEY];
	int64_t		 have = 0;
	int		 rc, own;
	const char	*dummy;

	if (err_field == NULL)
		err_field = &dummy;
	*err_field = NULL;
	if (n == 0 || wb_attach_check(a, n) != 0) {
		*err_field = "evidence";
		return WB_ERR_INVALID;
	}
	if ((rc = handler_unlock(ctx, case_id, sk, key)) != 0)
		return rc;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		goto out;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ATT_COUNT, &st)) == DB_OK) {
		rc = db_step(st);
		have = rc == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
		rc = rc == DB_ROW ? 0 : (rc < 0 ? rc : DB_ERR);
	}
	if (rc == 0 && have + (int64_t)n > 100) {
		*err_field = "evidence";
		rc = WB_ERR_INVALID;
	}
	if (rc == 0)
		rc = wb_attach_store(ctx, key, case_id, 0, a, n);
	if (rc == 0)
		rc = wb_event_add(ctx, case_id, 0, "evidence_added", NULL, NULL);
	rc = db_tx_finish(ctx->conn, own, rc);
out:
	sodium_memzero(key, sizeof(key));
	return rc;
}
