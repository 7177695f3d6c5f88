/* attach.c: photos on a deviation (a picture from the phone of the spill,
 * the broken railing). Only JPEG and PNG, recognised by their first bytes
 * (never by the name or the type the browser sent), within the limits
 * every upload shares (util/upload.h); the camera's metadata (EXIF with
 * the GPS position, XMP, comments, PNG text) is stripped before anything
 * is stored (util/imgstrip.h), and the name is cleaned
 * (util/filename.h). Who may see them is who may see the deviation:
 * callers decide that in authz/ (authz_dev_can) before asking here. */
#include "deviation/deviation.h"

#include <string.h>

#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/dev_int.h"
#include "store/group.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/filename.h"
#include "util/imgstrip.h"
#include "util/testbuild.h"
#include "util/upload.h"

static const char SQL_ATT_INSERT[] =
    "INSERT INTO deviation_attachments (tenant_id, deviation_id, name,"
    " content_type, size, data, uploaded_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_ATT_COUNT[] =
    "SELECT COUNT(*) FROM deviation_attachments WHERE tenant_id = $1"
    " AND deviation_id = $2";
static const char SQL_ATT_LIST[] =
    "SELECT id, name, content_type, size, created_at FROM deviation_attachments"
    " WHERE tenant_id = $1 AND deviation_id = $2 ORDER BY id LIMIT 100";
static const char SQL_ATT_GET[] =
    "SELECT id, name, content_type, size, created_at, data"
    " FROM deviation_attachments WHERE tenant_id = $1 AND deviation_id = $2"
    " AND id = $3";

int
dev_attach_prepare(struct ctx *ctx, const struct upload_file *in, size_t n,
    struct upload_file **out)
{
	struct upload_file	*v;
	unsigned char		*data;
	size_t			 i, len;
	enum img_type		 t;

	*out = NULL;
	if (n == 0)
		return 0;
	if (upload_check(in, n) != 0)
		return DEV_ERR_INVALID;
	if ((v = arena_alloc(ctx->arena, n * sizeof(*v))) == NULL)
		return DB_ERR;
	for (i = 0; i < n; i++) {
		t = img_sniff(in[i].data, in[i].len);
		if (t == IMG_NONE || img_strip(ctx->arena, in[i].data, in[i].len,
		    &data, &len) != 0)
			return DEV_ERR_INVALID;
		v[i].name = filename_clean(ctx->arena, in[i].name, UPLOAD_NAME_MAX);
		v[i].content_type = t == IMG_JPEG ? "image/jpeg" : "image/png";
		v[i].data = data;
		v[i].len = len;
		if (v[i].name == NULL)
			return DB_ERR;
	}
	*out = v;
	return 0;
}

int
dev_attach_store(struct ctx *ctx, int64_t dev_id, const struct upload_file *f,
    size_t n)
{
	struct dbstmt	*st;
	int64_t		 have = 0;
	size_t		 i;
	int		 rc, own;

	if (n == 0)
		return 0;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ATT_COUNT,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, dev_id);
	if ((rc = db_step(st)) == DB_ROW)
		have = db_col_int(st, 0);
	db_reset(st);
	if (rc != DB_ROW) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	rc = 0;
	if (have + (int64_t)n > DEV_ATTACH_PER_DEVIATION) {
		rc = DEV_ERR_INVALID;
		goto out;
	}
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
		    SQL_ATT_INSERT, &st)) != DB_OK)
			break;
		db_bind_int(st, 2, dev_id);
		db_bind_text(st, 3, f[i].name);
		db_bind_text(st, 4, f[i].content_type);
		db_bind_int(st, 5, (int64_t)f[i].len);
		db_bind_blob(st, 6, f[i].len ? (const void *)f[i].data : "", f[i].len);
		if (ctx->user != NULL)
			db_bind_int(st, 7, ctx->user->id);
		else
			db_bind_null(st, 7);
		db_bind_int(st, 8, ctx->now);
		rc = db_step(st);
		db_reset(st);
		rc = rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
	}
out:
	return db_tx_finish(ctx->conn, own, rc);
}

/* One report with its photos: the work a submit gives group commit. */
struct report_work {
	struct ctx			*ctx;
	const struct dev_report		*r;
	const struct upload_file	*files;
	size_t				 n;
	struct deviation		*out;
	const char			**err_field;
	const struct dev_report_pre	*pre;	/* checked before; NULL: here */
};

/* Runs on the connection group commit gives (the batch leader's), inside
 * its transaction: the model joins it and never commits. The context's
 * own connection is put back before returning, so nothing of the request
 * keeps the leader's. In a test build ORDEN_TEST_REPORT_FAIL names a
 * title whose report fails after everything was written (deviation,
 * event, counts, notifications, photos), so a test can see that one
 * request's savepoint is undone alone while the rest of its batch
 * commits. ORDEN_TEST_REPORT_BREAK names a title whose report takes the
 * whole transaction down with it, as SQLite does on a full disk or an I/O
 * error: the rest of the batch must still be kept. */
static int
report_work(struct dbconn *c, void *arg)
{
	struct report_work	*w = arg;
	struct dbconn		*mine = w->ctx->conn;
	const char		*fail;
	int			 rc;

	w->ctx->conn = c;
	/* The batch writes the kept counts' cells once for all its
	 * reports. */
	dev_counts_batch(c);
	rc = w->pre != NULL ? dev_report_checked(w->ctx, w->r, w->pre, w->out,
	    w->err_field) : deviation_report(w->ctx, w->r, w->out, w->err_field);
	if (rc == 0)
		rc = dev_attach_store(w->ctx, w->out->id, w->files, w->n);
	if (rc == 0 && (fail = test_getenv("ORDEN_TEST_REPORT_FAIL")) != NULL &&
	    w->r->title != NULL && strcmp(w->r->title, fail) == 0)
		rc = DB_ERR;
	if (rc == 0 && (fail = test_getenv("ORDEN_TEST_REPORT_BREAK")) != NULL &&
	    w->r->title != NULL && strcmp(w->r->title, fail) == 0) {
		db_rollback(c);
		rc = DB_ERR;
	}
	w->ctx->conn = mine;
	return rc;
}

/* The report queued by the first call (ctx.h struct ctx_later), kept in
 * the arena with copies of what the caller had on its stack. */
struct report_later {
	struct report_work	 w;
	struct dev_report	 r;
	struct dev_report_pre	 pre;
	struct deviation	 out;
	const char		*err_field;
};

/* The second call: what the queued report came to. */
static int
report_result(struct ctx *ctx, struct deviation *out, const char **err_field)
{
	struct report_later *l = ctx->later->arg;

	*out = l->out;
	if (err_field != NULL)
		*err_field = l->err_field;
	ctx->later->state = CTX_LATER_NONE;
	return ctx->later->rc;
}

/* Hand the report to the server to run in a batch while the request
 * waits without its thread. */
static int
report_queue(struct ctx *ctx, const struct report_work *w)
{
	struct report_later *l;

	if ((l = arena_alloc(ctx->arena, sizeof(*l))) == NULL)
		return DB_ERR;
	memset(l, 0, sizeof(*l));
	l->w = *w;
	l->r = *w->r;
	l->w.r = &l->r;
	if (w->pre != NULL) {
		l->pre = *w->pre;
		l->w.pre = &l->pre;
	}
	l->w.out = &l->out;
	l->w.err_field = &l->err_field;
	ctx->later->fn = report_work;
	ctx->later->arg = l;
	ctx->later->state = CTX_LATER_PENDING;
	return CTX_LATER_QUEUED;
}

int
deviation_report_files(struct ctx *ctx, const struct dev_report *r,
    const struct upload_file *files, size_t n, struct deviation *out,
    const char **err_field)
{
	struct upload_file	*clean = NULL;
	struct report_work	 w;
	struct dev_report_pre	 pre;
	int			 rc, own;

	if (ctx->later != NULL && ctx->later->state == CTX_LATER_DONE)
		return report_result(ctx, out, err_field);
	/* The photos first, so a file that is not a photo is refused before
	 * anything is written; then the report and its photos in one
	 * transaction: both are stored, or neither. */
	if ((rc = dev_attach_prepare(ctx, files, n, &clean)) != 0) {
		if (err_field != NULL)
			*err_field = "attachments";
		return rc;
	}
	w.ctx = ctx;
	w.r = r;
	w.files = clean;
	w.n = n;
	w.out = out;
	w.err_field = err_field;
	w.pre = NULL;
	/* A submit on its own (a web form, the API) shares a transaction
	 * and its fsync with the submits that arrive with it (group
	 * commit, store/group.h): queued for the server to run while the
	 * connection waits, or waited for here; inside a caller's
	 * transaction it is part of that one. */
	if (ctx->db != NULL && !db_in_tx(ctx->conn)) {
		/* Checked here, on the request's own connection, while other
		 * requests' batches run: the batch only writes
		 * (dev_report_pre). */
		memset(out, 0, sizeof(*out));
		if ((rc = dev_report_check(ctx, r, &pre, err_field)) != 0)
			return rc;
		w.pre = &pre;
		if (ctx->later != NULL && ctx->later->state == CTX_LATER_NONE)
			return report_queue(ctx, &w);
		return db_group_run(ctx->db, ctx->conn, report_work, &w);
	}
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	rc = report_work(ctx->conn, &w);
	return db_tx_finish(ctx->conn, own, rc);
}

static int
row(struct ctx *ctx, struct dbstmt *st, struct dev_attachment *a)
{
	a->id = db_col_int(st, 0);
	a->name = arena_strdup(ctx->arena, db_col_text(st, 1));
	a->content_type = arena_strdup(ctx->arena, db_col_text(st, 2));
	a->size = db_col_int(st, 3);
	a->created_at = db_col_int(st, 4);
	a->data = NULL;
	return a->name != NULL && a->content_type != NULL ? 0 : DB_ERR;
}

int
dev_attach_list(struct ctx *ctx, int64_t dev_id, struct dev_attachment **out,
    size_t *n)
{
	struct dbstmt		*st;
	struct dev_attachment	*v;
	size_t			 len = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((v = arena_alloc(ctx->arena, 100 * sizeof(*v))) == NULL)
		return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ATT_LIST,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, dev_id);
	while ((rc = db_step(st)) == DB_ROW && len < 100)
		if (row(ctx, st, &v[len++]) != 0) {
			rc = DB_ERR;
			break;
		}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	*n = len;
	return 0;
}

int
dev_attach_get(struct ctx *ctx, int64_t dev_id, int64_t aid,
    struct dev_attachment *out)
{
	struct dbstmt	*st;
	const void	*blob;
	size_t		 blen = 0;
	unsigned char	*data;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ATT_GET,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, dev_id);
	db_bind_int(st, 3, aid);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? DEV_ERR_NOTFOUND : (rc < 0 ? rc : DB_ERR);
	}
	rc = row(ctx, st, out);
	blob = db_col_blob(st, 5, &blen);
	if (rc == 0 && (data = arena_alloc(ctx->arena, blen ? blen : 1)) != NULL) {
		if (blen > 0)
			memcpy(data, blob, blen);
		out->data = data;
		out->size = (int64_t)blen;
	} else
		rc = DB_ERR;
	db_reset(st);
	return rc;
}
