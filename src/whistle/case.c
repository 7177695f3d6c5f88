/* case.c: what handlers see. Metadata for current handlers; content and the
 * dated log only after the handler declared impartiality and with their
 * secret key, which opens their sealed copy of the case key. Every content
 * read is audited. Anyone else gets WB_ERR_NOTFOUND, so a mistake in a
 * handler cannot leak a case. */
#include "whistle/wb_int.h"

#include <sodium.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/cursor.h"

_Static_assert(WB_CURSOR_MAX == CURSOR_MAX, "one cursor size");

/* Keyset pages: the first, and those after (received_at, id) = ($3, $4). */
static const char SQL_CASES_MINE[] =
    "SELECT c.id, c.received_at FROM whistle_cases c JOIN whistle_handlers h"
    " ON h.case_id = c.id AND h.tenant_id = c.tenant_id"
    " WHERE c.tenant_id = $1 AND h.person_id = $2 AND h.recused_at IS NULL"
    " ORDER BY c.received_at DESC, c.id DESC LIMIT $3";
static const char SQL_CASES_MINE_AFTER[] =
    "SELECT c.id, c.received_at FROM whistle_cases c JOIN whistle_handlers h"
    " ON h.case_id = c.id AND h.tenant_id = c.tenant_id"
    " WHERE c.tenant_id = $1 AND h.person_id = $2 AND h.recused_at IS NULL"
    " AND (c.received_at < $3 OR (c.received_at = $3 AND c.id < $4))"
    " ORDER BY c.received_at DESC, c.id DESC LIMIT $5";
static const char SQL_MY_IMPARTIAL[] =
    "SELECT impartial_at FROM whistle_handlers WHERE tenant_id = $1"
    " AND case_id = $2 AND person_id = $3 AND recused_at IS NULL";
static const char SQL_HANDLERS[] =
    "SELECT h.person_id, p.name, h.basis, h.impartial_at, h.sealed_key IS NOT NULL"
    " FROM whistle_handlers h JOIN people p"
    " ON p.id = h.person_id AND p.tenant_id = h.tenant_id"
    " WHERE h.tenant_id = $1 AND h.case_id = $2 AND h.recused_at IS NULL"
    " ORDER BY h.added_at, h.id";
static const char SQL_EVENTS[] =
    "SELECT e.at, e.actor_id, p.name, e.type, e.body FROM whistle_events e"
    " LEFT JOIN people p ON p.id = e.actor_id AND p.tenant_id = e.tenant_id"
    " WHERE e.tenant_id = $1 AND e.case_id = $2 ORDER BY e.at, e.id";
static const char SQL_MESSAGES[] =
    "SELECT m.at, m.from_reporter, m.author_id, p.name, m.body"
    " FROM whistle_messages m"
    " LEFT JOIN people p ON p.id = m.author_id AND p.tenant_id = m.tenant_id"
    " WHERE m.tenant_id = $1 AND m.case_id = $2 ORDER BY m.at, m.id";

/* ctx->user's declaration: 1 declared, 0 not yet, negative error. */
static int
my_impartiality(struct ctx *ctx, int64_t case_id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MY_IMPARTIAL,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, ctx->user->id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = db_col_is_null(st, 0) ? 0 : 1;
	else
		rc = rc == DB_DONE ? WB_ERR_NOTFOUND : rc;
	db_reset(st);
	return rc;
}

int
whistle_case_get(struct ctx *ctx, int64_t id, struct wb_case *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (!authz_wb_can(ctx, AZ_WB_HANDLE, id))
		return WB_ERR_NOTFOUND;
	if ((rc = wb_case_load(ctx, id, out)) != 0)
		return rc;
	if ((rc = my_impartiality(ctx, id)) < 0)
		return rc;
	out->my_impartiality = rc;
	return 0;
}

int
whistle_cases_page(struct ctx *ctx, const char *after, size_t limit,
    struct wb_case **out, size_t *n, char next[WB_CURSOR_MAX])
{
	struct dbstmt	*st;
	int64_t		*ids = NULL, at = 0, aid = 0, last_at = 0;
	size_t		 len = 0, cap = 0, i, n0;
	struct wb_case	*v;
	int		 rc, more = 0, has_after = after != NULL && *after != '\0';

	*out = NULL;
	*n = 0;
	next[0] = '\0';
	if (has_after && cursor_parse(after, &at, &aid) != 0)
		return WB_ERR_INVALID;
	if (ctx->user == NULL || !ctx->user->active)
		return 0;
	if (limit == 0)
		limit = 1;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, has_after ?
	    SQL_CASES_MINE_AFTER : SQL_CASES_MINE, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, ctx->user->id);
	if (has_after) {
		db_bind_int(st, 3, at);
		db_bind_int(st, 4, aid);
	}
	/* One more than asked for tells whether a next page exists. */
	db_bind_int(st, has_after ? 5 : 3, limit >= (size_t)INT64_MAX ?
	    INT64_MAX : (int64_t)limit + 1);
	while ((rc = db_step(st)) == DB_ROW) {
		if (len == limit) {
			more = 1;
			break;
		}
		if (arena_grow(ctx->arena, (void **)&ids, len, &cap,
		    sizeof(*ids)) != 0) {
			db_reset(st);
			return DB_ERR;
		}
		ids[len++] = db_col_int(st, 0);
		last_at = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc;
	if (len == 0)
		return 0;
	if ((v = arena_alloc(ctx->arena, len * sizeof(*v))) == NULL)
		return DB_ERR;
	for (i = n0 = 0; i < len; i++) {
		/* A row authz refuses (an account that holds admin) is not
		 * theirs to list. */
		if ((rc = whistle_case_get(ctx, ids[i], &v[n0])) == WB_ERR_NOTFOUND)
			continue;
		if (rc != 0)
			return rc;
		n0++;
	}
	if (more)
		cursor_format(next, last_at, ids[len - 1]);
	*out = v;
	*n = n0;
	return 0;
}

int
whistle_cases_mine(struct ctx *ctx, struct wb_case **out, size_t *n)
{
	char next[WB_CURSOR_MAX];

	return whistle_cases_page(ctx, NULL, (size_t)INT64_MAX, out, n, next);
}

int
whistle_case_handlers(struct ctx *ctx, int64_t id, struct wb_handler **out,
    size_t *n)
{
	struct dbstmt		*st;
	struct wb_handler	*v = NULL;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (!authz_wb_can(ctx, AZ_WB_HANDLE, id))
		return WB_ERR_NOTFOUND;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HANDLERS,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&v, len, &cap,
		    sizeof(*v)) != 0) {
			rc = DB_ERR;
			break;
		}
		v[len].person_id = db_col_int(st, 0);
		v[len].name = arena_strdup(ctx->arena, db_col_text(st, 1));
		v[len].basis = arena_strdup(ctx->arena, db_col_text(st, 2));
		v[len].impartial_at = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
		v[len].sealed = (int)db_col_int(st, 4);
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	*out = v;
	*n = len;
	return 0;
}

/* The gate before any content: a current handler who declared
 * impartiality, is not (by the content's own record) accused or excluded,
 * and whose key opens the case. key and content filled on success. */
static int
unlock(struct ctx *ctx, int64_t id, const unsigned char sk[VAULT_SK],
    struct wb_case *meta, unsigned char key[VAULT_KEY], struct wb_content *c)
{
	int rc;

	if ((rc = whistle_case_get(ctx, id, meta)) != 0)
		return rc;
	if (!meta->my_impartiality)
		return WB_ERR_LOCKED;
	if ((rc = wb_handler_key(ctx, id, sk, key)) != 0)
		return rc;
	if ((rc = wb_content_open(ctx, key, id, c)) != 0) {
		sodium_memzero(key, VAULT_KEY);
		return rc;
	}
	/* Defence in depth: routing never adds them, but if data were ever
	 * changed behind its back, the accused still sees nothing. */
	if (wb_content_excludes(c, ctx->user->id)) {
		sodium_memzero(key, VAULT_KEY);
		return WB_ERR_NOTFOUND;
	}
	return 0;
}

int
whistle_case_open(struct ctx *ctx, int64_t id, const unsigned char sk[VAULT_SK],
    struct wb_case *out)
{
	struct wb_content	 c;
	struct wb_report	*rp;
	unsigned char		 key[VAULT_KEY];
	int			 rc, own;

	if ((rc = unlock(ctx, id, sk, out, key, &c)) != 0)
		return rc;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		goto out;
	if ((rc = wb_seal_missing(ctx, id, key)) >= 0 &&
	    (rc = wb_reroute(ctx, id, key)) >= 0)
		rc = wb_audit_read(ctx, id, 0);
	rc = db_tx_finish(ctx->conn, own, rc < 0 ? rc : 0);
	if (rc != 0)
		goto out;
	if ((rp = arena_alloc(ctx->arena, sizeof(*rp))) == NULL) {
		rc = DB_ERR;
		goto out;
	}
	*rp = c.r;
	out->content = rp;
	out->accused_unconfirmed = c.unconfirmed;
out:
	sodium_memzero(key, sizeof(key));
	if (rc != 0)
		out->content = NULL;
	return rc;
}

int
whistle_cohandler_choices(struct ctx *ctx, int64_t id,
    const unsigned char sk[VAULT_SK], int64_t **ids, size_t *n)
{
	struct wb_case		 meta;
	struct wb_content	 c;
	struct wb_list		 hr;
	unsigned char		 key[VAULT_KEY];
	int			 rc;

	*ids = NULL;
	*n = 0;
	if ((rc = unlock(ctx, id, sk, &meta, key, &c)) != 0)
		return rc;
	if ((rc = wb_cohandler_pool(ctx, id, &c, key, &hr)) == 0) {
		*ids = hr.v;
		*n = hr.n;
	}
	sodium_memzero(key, sizeof(key));
	return rc;
}

static int
push_event(struct ctx *ctx, struct wb_event **v, size_t *len, size_t *cap,
    const struct wb_event *e)
{
	struct wb_event *nv;

	if (*len == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		if ((nv = arena_alloc(ctx->arena, *cap * sizeof(*nv))) == NULL)
			return DB_ERR;
		if (*len > 0)
			memcpy(nv, *v, *len * sizeof(*nv));
		*v = nv;
	}
	(*v)[(*len)++] = *e;
	return 0;
}

int
whistle_events(struct ctx *ctx, int64_t id, const unsigned char sk[VAULT_SK],
    struct wb_event **out, size_t *n)
{
	struct wb_case		 meta;
	struct wb_content	 c;
	struct wb_event		*v = NULL, e, tmp;
	struct dbstmt		*st;
	unsigned char		 key[VAULT_KEY];
	const void		*blob;
	size_t			 len = 0, cap = 0, blen, i, j;
	char			*text;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((rc = unlock(ctx, id, sk, &meta, key, &c)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_EVENTS,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, id);
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&e, 0, sizeof(e));
		e.at = db_col_int(st, 0);
		e.actor_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
		e.actor_name = arena_strdup(ctx->arena, db_col_text(st, 2));
		e.type = arena_strdup(ctx->arena, db_col_text(st, 3));
		if (!db_col_is_null(st, 4)) {
			blob = db_col_blob(st, 4, &blen);
			if (e.type == NULL || wb_decrypt(ctx, key, id, e.type,
			    blob, blen, &text) != 0)
				text = NULL;	/* forged: shown as missing */
			e.text = text;
		}
		if ((rc = push_event(ctx, &v, &len, &cap, &e)) != 0)
			break;
	}
	db_reset(st);
	if (rc != DB_DONE && rc != 0)
		goto out;
	/* Messages with the reporter belong to the same dated log. */
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MESSAGES,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, id);
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&e, 0, sizeof(e));
		e.at = db_col_int(st, 0);
		e.type = db_col_int(st, 1) ? "message_from_reporter" :
		    "message_to_reporter";
		e.actor_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
		e.actor_name = arena_strdup(ctx->arena, db_col_text(st, 3));
		blob = db_col_blob(st, 4, &blen);
		if (wb_decrypt(ctx, key, id, "message", blob, blen, &text) != 0)
			text = NULL;
		e.text = text;
		if ((rc = push_event(ctx, &v, &len, &cap, &e)) != 0)
			break;
	}
	db_reset(st);
	if (rc != DB_DONE && rc != 0)
		goto out;
	/* Merge by time (insertion sort: logs are short). */
	for (i = 1; i < len; i++) {
		tmp = v[i];
		for (j = i; j > 0 && v[j - 1].at > tmp.at; j--)
			v[j] = v[j - 1];
		v[j] = tmp;
	}
	if ((rc = wb_audit_read(ctx, id, 0)) != 0)
		goto out;
	*out = v;
	*n = len;
	rc = 0;
out:
	sodium_memzero(key, sizeof(key));
	return rc;
}
