/* crypt.c: a case's secrets. Every text goes through vault_encrypt under
 * the case key, bound to the case and field; the case key reaches a person
 * only sealed to their public key. Nothing here rolls its own crypto: it
 * composes src/vault/. */
#include "whistle/wb_int.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_CASE_CONTENT[] =
    "SELECT content FROM whistle_cases WHERE tenant_id = $1 AND id = $2";
static const char SQL_HANDLER_SEALED[] =
    "SELECT sealed_key FROM whistle_handlers WHERE tenant_id = $1"
    " AND case_id = $2 AND person_id = $3 AND recused_at IS NULL";
static const char SQL_HANDLER_FIND[] =
    "SELECT recused_at FROM whistle_handlers WHERE tenant_id = $1"
    " AND case_id = $2 AND person_id = $3";
static const char SQL_HANDLER_INSERT[] =
    "INSERT INTO whistle_handlers (tenant_id, case_id, person_id, basis,"
    " sealed_key, added_at) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_HANDLERS_UNSEALED[] =
    "SELECT h.person_id FROM whistle_handlers h WHERE h.tenant_id = $1"
    " AND h.case_id = $2 AND h.recused_at IS NULL AND h.sealed_key IS NULL";
static const char SQL_CONTENT_UPDATE[] =
    "UPDATE whistle_cases SET content = $3, updated_at = $4"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_HANDLER_REMOVE[] =
    "UPDATE whistle_handlers SET recused_at = $4, sealed_key = NULL"
    " WHERE tenant_id = $1 AND case_id = $2 AND person_id = $3"
    " AND recused_at IS NULL";
#define RTAG_LABEL "orden/whistle/reporter-tag/v1"
static const char SQL_HANDLER_SEAL[] =
    "UPDATE whistle_handlers SET sealed_key = $4 WHERE tenant_id = $1"
    " AND case_id = $2 AND person_id = $3 AND sealed_key IS NULL";
/* Case keys sealed to a dropped public key can never be opened again. */
static const char SQL_HANDLERS_DROP_SEALED[] =
    "UPDATE whistle_handlers SET sealed_key = NULL"
    " WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_HANDLERS_ALL[] =
    "SELECT person_id FROM whistle_handlers WHERE tenant_id = $1 AND case_id = $2";

static int
make_ad(char *ad, size_t sz, int64_t case_id, const char *field)
{
	int n = snprintf(ad, sz, "orden:whistle:%lld:%s", (long long)case_id, field);

	return n > 0 && (size_t)n < sz ? 0 : -1;
}

int
wb_encrypt(const unsigned char key[VAULT_KEY], int64_t case_id,
    const char *field, const char *text, struct buf *out)
{
	char ad[96];

	if (text == NULL || make_ad(ad, sizeof(ad), case_id, field) != 0)
		return -1;
	return vault_encrypt(key, text, strlen(text), ad, out) == 0 ? 0 : -1;
}

int
wb_decrypt(struct ctx *ctx, const unsigned char key[VAULT_KEY], int64_t case_id,
    const char *field, const void *blob, size_t len, char **text)
{
	char	ad[96];
	size_t	n;

	*text = NULL;
	if (blob == NULL || make_ad(ad, sizeof(ad), case_id, field) != 0)
		return -1;
	return vault_decrypt(key, blob, len, ad, ctx->arena, text, &n) == 0 ? 0 : -1;
}

static int
set_str(json_t *o, const char *k, const char *v)
{
	if (v == NULL)
		return 0;
	return json_object_set_new(o, k, json_string(v));
}

int
wb_content_seal(struct ctx *ctx, const unsigned char key[VAULT_KEY],
    int64_t case_id, const struct wb_content *c, struct buf *out)
{
	const struct wb_report *r = &c->r;
	json_t	*o, *ex;
	char	*s = NULL;
	size_t	 i, len, padded;
	int	 rc = -1;
	struct buf plain;

	(void)ctx;
	buf_init(&plain, 8 * WB_TEXT_MAX);
	if ((o = json_object()) == NULL || (ex = json_array()) == NULL) {
		json_decref(o);
		return -1;
	}
	for (i = 0; i < c->nexcluded; i++)
		json_array_append_new(ex, json_integer(c->excluded[i]));
	if (json_object_set_new(o, "excluded", ex) != 0 ||
	    json_object_set_new(o, "concerns", json_integer(r->concerns)) != 0 ||
	    json_object_set_new(o, "reporter_category",
	    json_integer(r->reporter_category)) != 0 ||
	    json_object_set_new(o, "about_nearest_leader",
	    json_integer(r->about_nearest_leader)) != 0 ||
	    json_object_set_new(o, "unit_id", json_integer(r->unit_id)) != 0 ||
	    json_object_set_new(o, "anonymous", json_integer(r->anonymous)) != 0 ||
	    json_object_set_new(o, "on_behalf_of_others",
	    json_integer(r->on_behalf_of_others)) != 0 ||
	    json_object_set_new(o, "meant", json_integer(r->meant_as_whistleblowing)) != 0 ||
	    json_object_set_new(o, "oral", json_integer(r->oral)) != 0 ||
	    json_object_set_new(o, "accused_id", json_integer(c->accused_id)) != 0 ||
	    json_object_set_new(o, "reporter_id", json_integer(c->reporter_id)) != 0 ||
	    set_str(o, "accused_login", r->accused_login) != 0 ||
	    set_str(o, "accused_name", r->accused_name) != 0 ||
	    set_str(o, "accused_party", r->accused_party) != 0 ||
	    set_str(o, "direct_to", r->direct_to) != 0 ||
	    set_str(o, "direct_reason", r->direct_reason) != 0 ||
	    set_str(o, "what", r->what) != 0 ||
	    set_str(o, "why_censurable", r->why_censurable) != 0 ||
	    set_str(o, "when", r->when) != 0 ||
	    set_str(o, "where", r->where) != 0 ||
	    set_str(o, "involved", r->involved) != 0 ||
	    set_str(o, "reporter_name", r->reporter_name) != 0 ||
	    set_str(o, "reporter_contact", r->reporter_contact) != 0 ||
	    set_str(o, "reporter_login", c->reporter_login) != 0 ||
	    json_object_set_new(o, "accused_pick", json_integer(r->accused_id)) != 0 ||
	    json_object_set_new(o, "unconfirmed", json_integer(c->unconfirmed)) != 0)
		goto out;
	if (c->has_rtag) {
		char hex[2 * sizeof(c->rtag) + 1];

		sodium_bin2hex(hex, sizeof(hex), c->rtag, sizeof(c->rtag));
		if (json_object_set_new(o, "rtag", json_string(hex)) != 0)
			goto out;
	}
	if ((s = json_dumps(o, JSON_COMPACT)) == NULL)
		goto out;
	len = strlen(s);
	padded = (len / WB_PAD + 1) * WB_PAD;
	buf_puts(&plain, s);
	while (plain.len < padded && !buf_failed(&plain))
		buf_putc(&plain, ' ');
	if (buf_failed(&plain))
		goto out;
	rc = wb_encrypt(key, case_id, "content", buf_cstr(&plain), out);
out:
	if (s != NULL) {
		sodium_memzero(s, strlen(s));
		free(s);
	}
	if (plain.data != NULL)
		sodium_memzero(plain.data, plain.len);
	buf_free(&plain);
	json_decref(o);
	return rc;
}

static const char *
get_str(struct ctx *ctx, json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? arena_strdup(ctx->arena, json_string_value(v)) : NULL;
}

static int64_t
get_int(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

int
wb_content_open(struct ctx *ctx, const unsigned char key[VAULT_KEY],
    int64_t case_id, struct wb_content *c)
{
	struct dbstmt	*st;
	struct wb_report *r = &c->r;
	const void	*blob;
	size_t		 len, i;
	char		*text = NULL;
	json_t		*o = NULL, *ex;
	json_error_t	 jerr;
	int		 rc;

	memset(c, 0, sizeof(*c));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_CASE_CONTENT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? WB_ERR_NOTFOUND : rc;
	}
	blob = db_col_blob(st, 0, &len);
	rc = wb_decrypt(ctx, key, case_id, "content", blob, len, &text);
	db_reset(st);
	if (rc != 0)
		return WB_ERR_LOCKED;
	o = json_loads(text, 0, &jerr);
	sodium_memzero(text, strlen(text));
	if (!json_is_object(o)) {
		json_decref(o);
		return DB_ERR;
	}
	r->concerns = (enum wb_concerns)get_int(o, "concerns");
	r->reporter_category = (enum wb_reporter)get_int(o, "reporter_category");
	r->about_nearest_leader = (int)get_int(o, "about_nearest_leader");
	r->unit_id = get_int(o, "unit_id");
	r->anonymous = (int)get_int(o, "anonymous");
	r->on_behalf_of_others = (int)get_int(o, "on_behalf_of_others");
	r->meant_as_whistleblowing = (int)get_int(o, "meant");
	r->oral = (int)get_int(o, "oral");
	c->accused_id = get_int(o, "accused_id");
	c->reporter_id = get_int(o, "reporter_id");
	r->accused_login = get_str(ctx, o, "accused_login");
	r->accused_name = get_str(ctx, o, "accused_name");
	r->accused_party = get_str(ctx, o, "accused_party");
	r->direct_to = get_str(ctx, o, "direct_to");
	r->direct_reason = get_str(ctx, o, "direct_reason");
	r->what = get_str(ctx, o, "what");
	r->why_censurable = get_str(ctx, o, "why_censurable");
	r->when = get_str(ctx, o, "when");
	r->where = get_str(ctx, o, "where");
	r->involved = get_str(ctx, o, "involved");
	r->reporter_name = get_str(ctx, o, "reporter_name");
	r->reporter_contact = get_str(ctx, o, "reporter_contact");
	c->reporter_login = get_str(ctx, o, "reporter_login");
	r->accused_id = get_int(o, "accused_pick");
	c->unconfirmed = (int)get_int(o, "unconfirmed");
	{
		const char *hex = json_string_value(json_object_get(o, "rtag"));
		size_t bl = 0;

		if (hex != NULL && sodium_hex2bin(c->rtag, sizeof(c->rtag), hex,
		    strlen(hex), NULL, &bl, NULL) == 0 && bl == sizeof(c->rtag))
			c->has_rtag = 1;
	}
	ex = json_object_get(o, "excluded");
	if (json_is_array(ex) && json_array_size(ex) > 0) {
		c->nexcluded = json_array_size(ex);
		if ((c->excluded = arena_alloc(ctx->arena,
		    c->nexcluded * sizeof(*c->excluded))) == NULL) {
			json_decref(o);
			return DB_ERR;
		}
		for (i = 0; i < c->nexcluded; i++)
			c->excluded[i] = json_is_integer(json_array_get(ex, i)) ?
			    (int64_t)json_integer_value(json_array_get(ex, i)) : 0;
	}
	json_decref(o);
	return 0;
}

int
wb_content_excludes(const struct wb_content *c, int64_t person_id)
{
	size_t i;

	if (person_id <= 0)
		return 0;
	if (c->accused_id == person_id)
		return 1;
	for (i = 0; i < c->nexcluded; i++)
		if (c->excluded[i] == person_id)
			return 1;
	return 0;
}

int
wb_reporter_tag(const unsigned char key[VAULT_KEY], int64_t person_id,
    unsigned char out[32])
{
	char in[64];
	int  n = snprintf(in, sizeof(in), RTAG_LABEL ":%lld", (long long)person_id);

	if (n <= 0 || (size_t)n >= sizeof(in))
		return -1;
	return crypto_generichash(out, 32, (const unsigned char *)in, (size_t)n,
	    key, VAULT_KEY) == 0 ? 0 : -1;
}

int
wb_content_store(struct ctx *ctx, const unsigned char key[VAULT_KEY],
    int64_t case_id, const struct wb_content *c)
{
	struct dbstmt	*st;
	struct buf	 enc;
	int		 rc;

	buf_init(&enc, 8 * WB_TEXT_MAX + 4096);
	if ((rc = wb_content_seal(ctx, key, case_id, c, &enc)) != 0)
		goto out;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_CONTENT_UPDATE,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, case_id);
	db_bind_blob(st, 3, enc.data, enc.len);
	db_bind_int(st, 4, ctx->now);
	rc = db_step(st);
	db_reset(st);
	rc = rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
out:
	if (enc.data != NULL)
		sodium_memzero(enc.data, enc.len);
	buf_free(&enc);
	return rc;
}

int
wb_handler_remove(struct ctx *ctx, int64_t case_id, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HANDLER_REMOVE,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, person_id);
	db_bind_int(st, 4, ctx->now);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
wb_skip_list(struct ctx *ctx, int64_t case_id, const struct wb_content *c,
    const unsigned char *key, struct wb_list *skip)
{
	struct dbstmt	*st;
	size_t		 i;
	int		 rc;

	memset(skip, 0, sizeof(*skip));
	if (wb_list_add(ctx, skip, c->accused_id, "") < 0 ||
	    wb_list_add(ctx, skip, c->reporter_id, "") < 0)
		return DB_ERR;
	for (i = 0; i < c->nexcluded; i++)
		if (wb_list_add(ctx, skip, c->excluded[i], "") < 0)
			return DB_ERR;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HANDLERS_ALL,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	if (c->has_rtag && key != NULL) {
		skip->tag_key = key;
		skip->rtag = c->rtag;
	}
	while ((rc = db_step(st)) == DB_ROW)
		if (wb_list_add(ctx, skip, db_col_int(st, 0), "") < 0) {
			rc = DB_ERR;
			break;
		}
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
wb_handler_key(struct ctx *ctx, int64_t case_id, const unsigned char sk[VAULT_SK],
    unsigned char key[VAULT_KEY])
{
	struct dbstmt	*st;
	unsigned char	 sealed[VAULT_SEALED], pk[VAULT_PK];
	const void	*blob;
	size_t		 len = 0;
	int		 rc, have = 0;

	if (ctx->user == NULL || sk == NULL)
		return WB_ERR_LOCKED;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HANDLER_SEALED,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, ctx->user->id);
	if ((rc = db_step(st)) == DB_ROW && !db_col_is_null(st, 0)) {
		blob = db_col_blob(st, 0, &len);
		if (blob != NULL && len == VAULT_SEALED) {
			memcpy(sealed, blob, VAULT_SEALED);
			have = 1;
		}
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (rc == DB_DONE)
		return WB_ERR_NOTFOUND;
	if (!have || vault_person_public(ctx, ctx->user->id, pk) != 0 ||
	    vault_unseal(pk, sk, sealed, key) != 0)
		return WB_ERR_LOCKED;
	return 0;
}

int
wb_handler_add(struct ctx *ctx, int64_t case_id, int64_t person_id,
    const char *basis, const unsigned char *key)
{
	struct dbstmt	*st;
	unsigned char	 pk[VAULT_PK], sealed[VAULT_SEALED];
	int		 rc, have_seal = 0;

	/* The last guard of every routing step: an account that holds admin
	 * (or is on hold) is never a handler, whatever the rule that chose it. */
	if ((rc = wb_barred(ctx, person_id)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HANDLER_FIND,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, person_id);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ROW)
		return 0;	/* there already, or recused: never back */
	if (rc != DB_DONE)
		return rc;
	if (key != NULL && vault_person_public(ctx, person_id, pk) == 0 &&
	    vault_seal(pk, key, sealed) == 0)
		have_seal = 1;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_HANDLER_INSERT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, person_id);
	db_bind_text(st, 4, basis);
	if (have_seal)
		db_bind_blob(st, 5, sealed, sizeof(sealed));
	else
		db_bind_null(st, 5);
	db_bind_int(st, 6, ctx->now);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 1 : (rc < 0 ? rc : DB_ERR);
}

int
wb_seal_missing(struct ctx *ctx, int64_t case_id, const unsigned char key[VAULT_KEY])
{
	struct dbstmt	*st;
	unsigned char	 pk[VAULT_PK], sealed[VAULT_SEALED];
	int64_t		 ids[64];
	size_t		 n = 0, i;
	int		 rc, made = 0;

	if ((rc = wb_case_ids(ctx, SQL_HANDLERS_UNSEALED, case_id, ids,
	    sizeof(ids) / sizeof(ids[0]), &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = wb_barred(ctx, ids[i])) != 0) {
			if (rc < 0)
				return rc;
			continue;	/* an admin, or on hold: never a copy */
		}
		if (vault_person_public(ctx, ids[i], pk) != 0)
			continue;	/* still no keypair: next time */
		if (vault_seal(pk, key, sealed) != 0)
			return DB_ERR;
		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
		    SQL_HANDLER_SEAL, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, case_id);
		db_bind_int(st, 3, ids[i]);
		db_bind_blob(st, 4, sealed, sizeof(sealed));
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return rc < 0 ? rc : DB_ERR;
		made++;
	}
	return made;
}

int
whistle_forget_sealed(struct ctx *ctx, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_HANDLERS_DROP_SEALED, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}
